// Pictures, video and shortcodes on the demo's media page (content/anniversary40/media-demo/)
// at phone and desktop width: pictures load and fit, the video has its captions track and
// loads its metadata and captions, plays muted with its captions following it, and the cover
// shows in the section's card.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launchBrowser, newPage, open, PHONE, DESKTOP } from './lib/site.mjs';

const PAGE = '/anniversary40/media-demo/';
let site, browser;
before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

for (const viewport of [PHONE, DESKTOP]) {
  test(`pictures load and fit the column at ${viewport.width}px`, async () => {
    const { context, page } = await newPage(browser, viewport);
    try {
      assert.equal((await open(page, site.url(PAGE))).status(), 200);
      // naturalWidth of a srcset picture is corrected for its density: the file chosen is
      // measured by loading it alone.
      const imgs = await page.$$eval('main img', (list) => Promise.all(list.map(async (i) => {
        const alone = new Image();
        alone.src = i.currentSrc;
        await alone.decode();
        return {
          src: new URL(i.currentSrc).pathname, alt: i.alt, ok: i.complete && i.naturalWidth > 0,
          natural: alone.naturalWidth, shown: i.getBoundingClientRect().width,
        };
      })));
      // The cover and the diagram are 960px wide: a phone gets their 480px copies (WebP,
      // smaller than PNG), the desktop column (48rem) the full width.
      const want = viewport.width < 500 ? 480 : 960;
      assert.deepEqual(imgs.map((i) => [i.src, i.alt]), [
        [`/anniversary40/media-demo/cover-${want}w.webp`, ''],
        [`/anniversary40/media-demo/process-${want}w.webp`,
          '示意图：一件宣传品从策划到发布的四个步骤，依次是策划选题、制作图文和视频、编辑审核、网站和公众号发布'],
      ]);
      assert.deepEqual(imgs.map((i) => i.natural), [want, want]);
      for (const i of imgs) {
        assert.ok(i.ok, `${i.src} loaded`);
        assert.ok(i.shown > 200 && i.shown <= viewport.width - 16, `${i.src} is ${i.shown}px wide`);
      }
      const box = await page.$eval('.figure img', (i) => [i.getAttribute('width'), i.getAttribute('height')]);
      assert.deepEqual(box, ['960', '360'], 'the picture keeps its place while it loads');
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(pageWidth <= viewport.width, `no sideways scrolling (${pageWidth}px)`);
    } finally {
      await context.close();
    }
  });

  test(`the video loads its metadata and its Chinese captions at ${viewport.width}px`, async () => {
    const { context, page } = await newPage(browser, viewport);
    try {
      await open(page, site.url(PAGE));
      const before = await page.$eval('video', (v) => ({
        preload: v.getAttribute('preload'), poster: new URL(v.poster).pathname,
        network: v.networkState, ready: v.readyState,
      }));
      assert.equal(before.preload, 'none');
      assert.equal(before.poster, '/anniversary40/media-demo/clip.png');
      assert.equal(before.ready, 0, 'nothing is loaded before the reader asks');
      const got = await page.$eval('video', (v) => new Promise((done, fail) => {
        const t = setTimeout(() => fail(new Error(`no metadata: error ${v.error && v.error.code}`)), 15000);
        const track = v.querySelector('track');
        v.addEventListener('loadedmetadata', () => {
          const wait = () => {
            if (track.readyState === 2) {
              clearTimeout(t);
              const cues = [...track.track.cues].map((c) => c.text);
              done({ width: v.videoWidth, height: v.videoHeight, src: new URL(v.currentSrc).pathname,
                kind: track.kind, lang: track.srclang, mode: track.track.mode, cues });
            } else if (track.readyState === 3) fail(new Error('the captions did not load'));
            else setTimeout(wait, 50);
          };
          wait();
        });
        v.load();
      }));
      assert.deepEqual(got, {
        width: 640, height: 360, src: '/anniversary40/media-demo/clip.webm',
        kind: 'captions', lang: 'zh', mode: 'showing',
        cues: [
          '网上计生协演示短片：视频怎样放进文章。',
          '每段视频都带中文字幕，听不见声音也能看懂。',
          '视频下方链接完整的文字稿，可以放大阅读或打印。',
        ],
      });
      const transcript = await page.$eval('.video__transcript', (a) => new URL(a.href).pathname);
      const res = await fetch(site.url(transcript));
      assert.equal(res.status, 200);
      assert.match(await res.text(), /文字稿/);
    } finally {
      await context.close();
    }
  });

  test(`the muted clip plays and its captions follow it at ${viewport.width}px`, async () => {
    const { context, page } = await newPage(browser, viewport);
    try {
      await open(page, site.url(PAGE));
      // Debian's Chromium has no H.264: the WebM source is the one that plays.
      const got = await page.$eval('video', (v) => new Promise((done, fail) => {
        const t = setTimeout(() => fail(new Error(`stuck at ${v.currentTime}s: error ${v.error && v.error.code}`)), 20000);
        const track = v.querySelector('track').track;
        const seen = [];
        track.addEventListener('cuechange', () => {
          seen.push([...track.activeCues].map((c) => [c.text, c.startTime]));
          // The second cue starts at 2 s: wait for it to be the active one.
          if (track.activeCues.length && track.activeCues[0].startTime === 2) {
            clearTimeout(t);
            done({ src: new URL(v.currentSrc).pathname, time: v.currentTime, paused: v.paused,
              mode: track.mode, active: [...track.activeCues].map((c) => c.text), seen });
          }
        });
        v.muted = true;
        v.play().catch(fail);
      }));
      assert.equal(got.src, '/anniversary40/media-demo/clip.webm');
      assert.equal(got.paused, false, 'the clip is playing');
      assert.ok(got.time >= 2 && got.time < 4, `currentTime advanced into the second cue: ${got.time}s`);
      assert.equal(got.mode, 'showing');
      assert.deepEqual(got.active, ['每段视频都带中文字幕，听不见声音也能看懂。']);
      assert.deepEqual(got.seen[0], [['网上计生协演示短片：视频怎样放进文章。', 0]], 'the first cue showed first');
    } finally {
      await context.close();
    }
  });

  test(`the section list shows the cover in its card at ${viewport.width}px`, async () => {
    const { context, page } = await newPage(browser, viewport);
    try {
      await open(page, site.url('/anniversary40/'));
      const cover = await page.$eval('.card--cover .card__cover', (i) => ({
        ok: i.complete && i.naturalWidth > 0, src: new URL(i.currentSrc).pathname, alt: i.alt,
        ratio: i.clientWidth / i.clientHeight,
        box: [i.getAttribute('width'), i.getAttribute('height')],
      }));
      assert.ok(cover.ok);
      // A card is the column's width on a phone, half of the 75rem page on a desktop.
      const want = viewport.width < 500 ? 480 : 960;
      assert.equal(cover.src, `/anniversary40/media-demo/cover-${want}w.webp`);
      assert.deepEqual(cover.box, ['960', '540'], 'the card keeps its place while it loads');
      assert.equal(cover.alt, '');
      assert.ok(Math.abs(cover.ratio - 16 / 9) < 0.05, `16:9, not ${cover.ratio}`);
    } finally {
      await context.close();
    }
  });
}
