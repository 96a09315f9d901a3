// Site search (docs/decisions.md, "Search is tantivy at both ends") in a real Chromium: the /search/ page, its module worker running the
// wasm engine over Range requests, agreement with `jiayuan search --json`, the whole-file
// fallback for hosts that ignore Range, escaping of hostile page text, axe, and the edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  startSite, launchBrowser, withSiteAndBrowser, newPage, open, JIAYUAN_BIN, REPO, PHONE, DESKTOP,
} from './lib/site.mjs';
import { serve, freePort } from './lib/server.mjs';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const AXE_SOURCE = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Queries with results on the demo portal (1 to 52 hits), incl. a single character and two words. */
const QUERIES = ['青春期', '三孩', '家庭健康', '优生优育', '避孕药具', '幸福工程', '暖心行动',
  '计生协', '石家庄', '家庭健康 讲座', '孕', '志愿服务', '会员活动日'];
const NOTHING = '二十四节气';

const shared = withSiteAndBrowser();

/** `jiayuan search` on a built folder: the hits as parsed JSON lines. */
async function nativeSearch(dir, q, limit = 10) {
  const { stdout } = await run(JIAYUAN_BIN, ['search', q, '--json', '--output', dir, '--limit', String(limit)], {
    maxBuffer: 16 << 20,
  });
  return stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** Waits until the search page has finished the search it started (or had nothing to do). */
async function settled(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('search-app')?.dataset.state;
    return s && s !== 'loading';
  }, null, { timeout: 30_000 });
  return page.evaluate(() => document.getElementById('search-app').dataset.state);
}

async function searchPage(page, origin, query, extra = '') {
  await open(page, `${origin}/search/?q=${encodeURIComponent(query)}${extra}`);
  return settled(page);
}

/** The result links shown, as decoded root-relative URLs. */
const shownUrls = (page) => page.$$eval('#search-hits .search-hit__title a',
  (as) => as.map((a) => decodeURI(new URL(a.href).pathname)));

function collectDialogs(page) {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  return dialogs;
}

test('header search on the home page → /search/?q= → highlighted results → the article', async () => {
  const { page, context } = await newPage(shared.browser, DESKTOP);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page, shared.site.url('/'));
  await page.fill('#site-search-q', '青春期');
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL((u) => u.pathname === '/search/' && u.searchParams.get('q') === '青春期');
  assert.equal(await settled(page), 'done');
  assert.equal(await page.inputValue('#search-q'), '青春期');
  assert.match(await page.textContent('#search-status'), /找到 \d+ 篇文章/);
  const marks = await page.$$eval('#search-hits .search-hit__snippet mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.length > 0, 'snippets highlight the query with <mark>');
  assert.ok(marks.every((m) => '青春期'.includes(m) || m.includes('青春')), `marks: ${marks}`);
  assert.ok(await page.locator('#search-hits .search-hit__title mark').count() > 0, 'titles are highlighted');
  assert.match(await page.title(), /青春期/);
  const first = page.locator('#search-hits .search-hit__title a').first();
  const href = await first.getAttribute('href');
  await first.click();
  await page.waitForURL((u) => u.pathname === new URL(href, shared.site.origin).pathname);
  await page.waitForLoadState('load');
  assert.ok((await page.textContent('main')).includes('青春期'), `${href} contains the query`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the browser shows the same results, in the same order, as `jiayuan search --json`', async () => {
  const { page, context } = await newPage(shared.browser, DESKTOP);
  for (const q of QUERIES) {
    const native = (await nativeSearch(shared.site.dir, q, 10)).map((h) => decodeURI(h.url));
    assert.ok(native.length > 0, `${q}: the native search finds something`);
    const state = await searchPage(page, shared.site.origin, q);
    assert.equal(state, 'done', q);
    assert.deepEqual(await shownUrls(page), native, `${q}: browser vs native`);
    const total = (await nativeSearch(shared.site.dir, q, 1000)).length;
    assert.match(await page.textContent('#search-status'), new RegExp(`找到 ${total} 篇文章`), q);
  }
  await context.close();
});

test('later queries fetch in planned parallel rounds: no synchronous read after opening', async () => {
  const { page, context } = await newPage(shared.browser, DESKTOP);
  const fetchState = () => page.evaluate(() => {
    const d = document.getElementById('search-app').dataset;
    return { rounds: Number(d.rounds), syncReads: Number(d.syncReads), error: d.prefetchError };
  });
  assert.equal(await searchPage(page, shared.site.origin, '三孩'), 'done');
  const opened = await fetchState();
  assert.equal(opened.error, '');
  assert.ok(opened.syncReads > 0, 'opening the index reads synchronously');
  assert.ok(opened.rounds >= 1 && opened.rounds <= 3, `first query: ${opened.rounds} rounds`);
  let before = opened;
  for (const q of ['家庭健康 讲座', '"优生优育"', '志愿服务']) {
    const native = (await nativeSearch(shared.site.dir, q, 10)).map((h) => decodeURI(h.url));
    await page.fill('#search-q', q);
    await page.click('#search-form button[type="submit"]');
    await page.waitForURL((u) => u.searchParams.get('q') === q);
    assert.equal(await settled(page), 'done', q);
    assert.deepEqual(await shownUrls(page), native, q);
    const now = await fetchState();
    assert.equal(now.error, '', q);
    assert.equal(now.syncReads, opened.syncReads, `${q}: every read was planned`);
    assert.ok(now.rounds - before.rounds <= 3, `${q}: ${now.rounds - before.rounds} rounds`);
    before = now;
  }
  assert.ok(before.rounds > opened.rounds, 'later queries fetched something');
  // The test server answers several ranges at once, so each round asks each
  // index file once: blocks of one file travel together.
  const index = shared.site.requests.filter((r) => r.url.startsWith('/search/index/'));
  assert.ok(index.some((r) => r.range && r.range.includes(',') && r.status === 206),
    'several blocks of one file in one request');
  await context.close();
});

test('a host without multi-range answers (like S3) still gets single ranges, same results', async () => {
  const site = await startSite({ multiRange: false });
  const { page, context } = await newPage(shared.browser, DESKTOP);
  try {
    assert.equal(await searchPage(page, site.origin, '三孩'), 'done');
    for (const q of ['家庭健康 讲座', '志愿服务']) {
      const native = (await nativeSearch(site.dir, q, 10)).map((h) => decodeURI(h.url));
      await page.fill('#search-q', q);
      await page.click('#search-form button[type="submit"]');
      await page.waitForURL((u) => u.searchParams.get('q') === q);
      assert.equal(await settled(page), 'done', q);
      assert.deepEqual(await shownUrls(page), native, q);
    }
    assert.equal(await page.evaluate(() => document.getElementById('search-app').dataset.prefetchError), '');
    const index = site.requests.filter((r) => r.url.startsWith('/search/index/') && r.range);
    const several = index.filter((r) => r.range.includes(','));
    assert.equal(several.length, 1, 'only the probe asks for several ranges');
    assert.equal(several[0].status, 200, 'and this host answers it with the whole (small) file');
    assert.ok(index.filter((r) => r !== several[0]).every((r) => r.status === 206), 'then single ranges');
  } finally {
    await context.close();
    await site.close();
  }
});

test('pagination: 10 per page, ?page= in the URL, 上一页/下一页, back and forward', async () => {
  const { page, context } = await newPage(shared.browser, DESKTOP);
  const q = '计生协';
  const native = (await nativeSearch(shared.site.dir, q, 1000)).map((h) => decodeURI(h.url));
  assert.ok(native.length > 20, 'enough hits for three pages');
  const pages = Math.ceil(native.length / 10);
  await searchPage(page, shared.site.origin, q);
  assert.deepEqual(await shownUrls(page), native.slice(0, 10));
  assert.equal(await page.locator('#search-pagination [aria-current="page"]').textContent(), '第1页');
  assert.equal(await page.locator('#search-pagination a[rel="prev"]').count(), 0);

  await page.locator('#search-pagination a[rel="next"]').click();
  await page.waitForURL((u) => u.searchParams.get('page') === '2');
  await settled(page);
  assert.deepEqual(await shownUrls(page), native.slice(10, 20));
  assert.equal(await page.getAttribute('#search-hits', 'start'), '11');
  assert.match(await page.textContent('#search-status'), new RegExp(`第 2 页，共 ${pages} 页`));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-results-title', 'focus moves to the results');

  // The last page by its number, then keyboard: Enter on 上一页.
  await page.locator('#search-pagination a', { hasText: `第${pages}页` }).click();
  await page.waitForURL((u) => u.searchParams.get('page') === String(pages));
  await settled(page);
  assert.deepEqual(await shownUrls(page), native.slice((pages - 1) * 10));
  assert.equal(await page.locator('#search-pagination a[rel="next"]').count(), 0);
  await page.locator('#search-pagination a[rel="prev"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('page') === String(pages - 1));
  await settled(page);
  assert.deepEqual(await shownUrls(page), native.slice((pages - 2) * 10, (pages - 1) * 10));

  await page.goBack();
  await page.waitForURL((u) => u.searchParams.get('page') === String(pages));
  await settled(page);
  assert.deepEqual(await shownUrls(page), native.slice((pages - 1) * 10));
  await page.goBack();
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('page'));
  await settled(page);
  assert.deepEqual(await shownUrls(page), native.slice(0, 10));
  await page.goForward();
  await page.waitForURL((u) => u.searchParams.get('page') === '2');
  await settled(page);
  assert.deepEqual(await shownUrls(page), native.slice(10, 20));

  // A page past the end (an old link) shows the last page.
  await searchPage(page, shared.site.origin, q, '&page=99');
  assert.equal(new URL(page.url()).searchParams.get('page'), String(pages));
  await settled(page);
  assert.deepEqual(await shownUrls(page), native.slice((pages - 1) * 10));
  await context.close();
});

test('form submits push history; back restores the previous query; section filter', async () => {
  const { page, context } = await newPage(shared.browser, DESKTOP);
  await open(page, shared.site.url('/search/'));
  assert.equal(await settled(page), 'empty');
  assert.equal(await page.textContent('#search-status'), '');
  await page.fill('#search-q', '三孩');
  await page.click('#search-form button[type="submit"]');
  await page.waitForURL((u) => u.searchParams.get('q') === '三孩');
  assert.equal(await settled(page), 'done');
  const all = await shownUrls(page);

  // Keyboard only: the filter is reachable and submits with Enter.
  await page.focus('#search-q');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-section');
  await page.selectOption('#search-section', 'news');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '搜索');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('section') === 'news');
  assert.equal(await settled(page), 'done');
  const news = await shownUrls(page);
  assert.ok(news.length > 0 && news.length < all.length + 10);
  assert.ok(news.every((u) => u.startsWith('/news/')), news.join(' '));
  assert.match(await page.textContent('#search-status'), /栏目：新闻动态/);
  const sections = await page.$$eval('#search-hits .search-hit__meta', (ps) => ps.map((p) => p.textContent));
  assert.ok(sections.every((s) => s.includes('新闻动态')));

  await page.fill('#search-q', '幸福工程');
  await page.selectOption('#search-section', '');
  await page.press('#search-q', 'Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === '幸福工程');
  await settled(page);
  await page.goBack();
  await page.waitForURL((u) => u.searchParams.get('q') === '三孩');
  await settled(page);
  assert.equal(await page.inputValue('#search-q'), '三孩');
  assert.equal(await page.inputValue('#search-section'), 'news');
  assert.deepEqual(await shownUrls(page), news);
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('section'));
  await settled(page);
  assert.equal(await page.inputValue('#search-section'), '');
  assert.deepEqual(await shownUrls(page), all);

  // On the search page the header box searches in place (no reload).
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.fill('#site-search-q', '暖心行动');
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === '暖心行动');
  assert.equal(await settled(page), 'done');
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  assert.equal(await page.inputValue('#search-q'), '暖心行动');
  await context.close();
});

test('Range fallback: a host that ignores Range (200, whole file) gives the same results', async () => {
  const plain = await startSite({ ignoreRange: true });
  const { page, context } = await newPage(shared.browser, DESKTOP);
  try {
    for (const q of QUERIES.slice(0, 6)) {
      const native = (await nativeSearch(plain.dir, q, 10)).map((h) => decodeURI(h.url));
      assert.equal(await searchPage(page, plain.origin, q), 'done', q);
      assert.deepEqual(await shownUrls(page), native, q);
    }
    const index = plain.requests.filter((r) => r.url.startsWith('/search/index/') && !r.url.includes('manifest.json'));
    assert.ok(index.length > 0);
    assert.ok(index.every((r) => r.status === 200 && r.range), 'asked with Range, answered 200');
    assert.ok(index.every((r) => /\?v=[0-9a-f]+$/.test(r.url)), 'index URLs carry ?v=<hash>');
    // Per page load, each file is fetched once and sliced from memory afterwards
    // (besides the worker's one multi-range probe of the smallest file).
    const perLoad = new Map();
    for (const r of index.filter((r) => !r.range.includes(','))) {
      perLoad.set(r.url, (perLoad.get(r.url) || 0) + 1);
    }
    assert.ok([...perLoad.values()].every((n) => n <= 6), 'at most once per file per page load');
  } finally {
    await context.close();
    await plain.close();
  }
  // And with Range: only 206 partial answers.
  const ranged = shared.site.requests.filter((r) => r.url.startsWith('/search/index/') && r.range);
  assert.ok(ranged.length > 0 && ranged.every((r) => r.status === 206));
});

test('hostile page text and queries are shown escaped: no dialog, no injected element', async () => {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jiayuan-search-xss-'));
  let srv;
  try {
    const root = path.join(tmp, 'site');
    await fs.mkdir(root);
    for (const item of ['site.toml', 'content', 'themes', 'quiz']) {
      await fs.cp(path.join(REPO, item), path.join(root, item), { recursive: true });
    }
    const hostile = '<img src=x onerror=alert(1)>';
    await fs.writeFile(path.join(root, 'content/news/zz-injection-test.md'), [
      '---',
      `title: '${hostile}注入测试<script>alert(2)</script>'`,
      'date: 2022-06-01',
      `description: '${hostile}'`,
      '---',
      `注入测试正文：${hostile.replace(/</g, '\\<')} 和 \`<script>alert(3)</script>\` 以及 &lt;b onmouseover=alert(4)&gt;。`,
      '',
      `再一次 \`${hostile}\` 注入测试。`,
      '',
    ].join('\n'));
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const dir = path.join(tmp, 'public');
    await run(JIAYUAN_BIN, ['--root', root, 'build', '--output', dir, '--base-url', origin], { maxBuffer: 16 << 20 });
    srv = await serve(dir, { port });

    const { page, context } = await newPage(shared.browser, DESKTOP);
    const dialogs = collectDialogs(page);
    const imgRequests = [];
    page.on('request', (r) => { if (/\/x$/.test(new URL(r.url()).pathname)) imgRequests.push(r.url()); });
    const native = await nativeSearch(dir, '注入测试');
    assert.equal(native.length, 1, 'the hostile page is indexed');
    assert.ok(native[0].title.includes(hostile));

    for (const q of ['注入测试', 'onerror', hostile, '<script>alert(5)</script>', '"><svg onload=alert(6)>']) {
      await searchPage(page, origin, q);
      await page.waitForTimeout(100);
      const injected = await page.evaluate(() => ({
        img: document.querySelectorAll('#search-app img, #search-app svg').length,
        script: document.querySelectorAll('#search-app script').length,
        handlers: [...document.querySelectorAll('#search-app *')]
          .filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        marksOnly: [...document.querySelectorAll('.search-hit__title a *, .search-hit__snippet *')]
          .every((e) => e.localName === 'mark' || e.localName === 'span'),
      }));
      assert.deepEqual(injected, { img: 0, script: 0, handlers: 0, marksOnly: true }, q);
      assert.equal(await page.inputValue('#search-q'), q.trim());
    }
    await searchPage(page, origin, '注入测试');
    const title = await page.textContent('#search-hits .search-hit__title a');
    assert.ok(title.includes(hostile) && title.includes('<script>alert(2)</script>'), `shown as text: ${title}`);
    const snippet = await page.textContent('#search-hits .search-hit__snippet');
    assert.ok(snippet.includes('<script>alert(3)</script>'), `shown as text: ${snippet}`);
    await searchPage(page, origin, hostile);
    assert.ok((await page.textContent('#search-status')).includes(hostile) || await page.locator('#search-hits li').count() > 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(imgRequests, [], 'no injected <img> loaded');
    await context.close();
  } finally {
    await srv?.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
});

const MODES = [
  { name: '375 normal', viewport: PHONE, high: false },
  { name: '375 high-contrast', viewport: PHONE, high: true },
  { name: '1280 normal', viewport: DESKTOP, high: false },
  { name: '1280 high-contrast', viewport: DESKTOP, high: true },
];
for (const mode of MODES) {
  test(`axe: /search/ with results, with none, and empty @ ${mode.name}`, async () => {
    const { page, context } = await newPage(shared.browser, mode.viewport);
    if (mode.high) await context.addInitScript(() => localStorage.setItem('jiayuan.contrast', 'high'));
    for (const [what, q, state] of [['results', '计生协', 'done'], ['no results', NOTHING, 'none'], ['empty', '', 'empty']]) {
      assert.equal(await searchPage(page, shared.site.origin, q), state, what);
      await page.addScriptTag({ content: AXE_SOURCE });
      const result = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
      }), TAGS);
      const detail = result.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.equal(result.violations.length, 0, `${what} @ ${mode.name}:\n${detail.join('\n')}`);
    }
    await context.close();
  });
}

test('empty and whitespace queries show no error; no results show the help', async () => {
  const { page, context } = await newPage(shared.browser, DESKTOP);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const q of ['', '   ', '\u3000 ']) {
    assert.equal(await searchPage(page, shared.site.origin, q), 'empty', JSON.stringify(q));
    assert.equal(await page.locator('#search-help').isVisible(), false);
    assert.equal(await page.locator('#search-hits').isVisible(), false);
    assert.doesNotMatch(await page.textContent('#search-status'), /抱歉|错误|无法/);
  }
  await page.fill('#search-q', '   ');
  await page.press('#search-q', 'Enter');
  assert.equal(await settled(page), 'empty');
  assert.match(await page.textContent('#search-status'), /请输入要搜索的词/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');

  assert.equal(await searchPage(page, shared.site.origin, NOTHING), 'none');
  assert.match(await page.textContent('#search-status'), new RegExp(`没有找到与“${NOTHING}”相关的文章`));
  const help = page.locator('#search-help');
  assert.ok(await help.isVisible());
  const text = await help.textContent();
  assert.match(text, /错别字/);
  assert.match(text, /减少搜索词/);
  const links = await help.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.includes('/news/') && links.includes('/tags/'), links.join(' '));
  assert.equal(await page.locator('#search-hits').isVisible(), false);
  // Punctuation only: nothing to search for, and no error either.
  assert.ok(['none', 'empty'].includes(await searchPage(page, shared.site.origin, '，。！')));
  assert.doesNotMatch(await page.textContent('#search-status'), /抱歉/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a failing index shows a friendly message, and search works again after reload', async () => {
  const { page, context } = await newPage(shared.browser, DESKTOP);
  await open(page, shared.site.url('/search/'));
  await settled(page);
  await page.evaluate(() => { document.getElementById('search-app').dataset.manifest = '/search/index/missing.json'; });
  await page.fill('#search-q', '三孩');
  await page.press('#search-q', 'Enter');
  assert.equal(await settled(page), 'error');
  assert.match(await page.textContent('#search-status'), /搜索暂时无法使用/);
  assert.ok(await page.locator('#search-help').isVisible(), 'browse links offered');
  await page.reload({ waitUntil: 'load' });
  assert.equal(await settled(page), 'done');
  await context.close();
});

test('without JavaScript: a notice plus links to the sections and the tags page', async () => {
  const { page, context } = await newPage(shared.browser, DESKTOP, { javaScriptEnabled: false });
  await open(page, shared.site.url('/search/?q=三孩'));
  const notice = page.locator('.search-noscript');
  assert.ok(await notice.isVisible());
  assert.match(await notice.textContent(), /需要浏览器启用 JavaScript/);
  const links = await notice.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.includes('/news/') && links.includes('/youth-health/') && links.includes('/tags/'), links.join(' '));
  await context.close();
});

test('320px wide, largest text: no sideways scrolling; results readable', async () => {
  const { page, context } = await newPage(shared.browser, { width: 320, height: 640 });
  await context.addInitScript(() => localStorage.setItem('jiayuan.textSize', 'xlarge'));
  assert.equal(await searchPage(page, shared.site.origin, '计生协'), 'done');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  for (const sel of ['#search-q', '#search-section', '#search-form button[type="submit"]', '#search-pagination a[rel="next"]']) {
    const box = await page.locator(sel).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 320, `${sel} inside the viewport`);
    assert.ok(box.height >= 44, `${sel} is a large target (${box.height}px)`);
  }
  await context.close();
});
