// Share cards in the browser: an article without a cover names its generated card in
// og:image (absolute, on the site's own origin, with its size), and the card is a
// 1200×630 picture Chromium loads; a page with a cover names the cover instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launchBrowser, newPage, open, DESKTOP } from './lib/site.mjs';

let site, browser;
before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const meta = (page) => page.$$eval('meta[property^="og:image"], meta[name^="twitter:"]',
  (list) => list.map((m) => [m.getAttribute('property') || m.getAttribute('name'), m.content]));

test('an article without a cover shares its generated card', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  try {
    const article = '/family-health/health-literacy/';
    await open(page, site.url(article));
    const card = site.url(`${article}share-card.png`);
    assert.deepEqual(await meta(page), [
      ['og:image', card], ['og:image:width', '1200'], ['og:image:height', '630'],
      ['twitter:card', 'summary_large_image'],
    ]);
    const size = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, card);
    assert.deepEqual(size, [1200, 630]);
    const res = await fetch(card);
    assert.equal(res.headers.get('content-type'), 'image/png');
  } finally {
    await context.close();
  }
});

test('a page with a cover shares its cover', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  try {
    await open(page, site.url('/anniversary40/media-demo/'));
    assert.deepEqual(await meta(page), [
      ['og:image', site.url('/anniversary40/media-demo/cover.png')],
      ['twitter:card', 'summary_large_image'],
    ]);
  } finally {
    await context.close();
  }
});
