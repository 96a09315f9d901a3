// The text-size switch (标准/大/特大) and the high-contrast toggle: they change the page, they
// persist in localStorage (jiayuan.textSize, jiayuan.contrast), and a later page applies them
// before its first paint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSiteAndBrowser, newPage, open, PHONE, DESKTOP } from './lib/site.mjs';

const shared = withSiteAndBrowser();

// Runs in every page before its own scripts. Records the <html> attributes at the moment <body>
// is inserted (nothing can be painted before that), and the computed root font-size in the first
// animation frame (which runs only once render-blocking stylesheets are in, right before the
// first paint), at DOMContentLoaded and at load.
function probe() {
  const h = () => document.documentElement;
  const rec = (window.__probe = {});
  const attrs = () => ({ size: h().getAttribute('data-text-size'), contrast: h().getAttribute('data-contrast') });
  const fs = () => getComputedStyle(h()).fontSize;
  new MutationObserver((_, obs) => {
    if (document.body) { rec.atBody = attrs(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
  requestAnimationFrame(() => { rec.firstFrame = fs(); rec.firstFrameBg = getComputedStyle(h()).getPropertyValue('--bg').trim(); });
  document.addEventListener('DOMContentLoaded', () => { rec.dcl = fs(); });
  window.addEventListener('load', () => { rec.load = fs(); rec.bodyLoad = getComputedStyle(document.body).fontSize; });
}

const px = (s) => parseFloat(s);
const bodySize = (page) => page.evaluate(() => getComputedStyle(document.body).fontSize);
const sizeButton = (page, name) => page.locator(`.a11y-tools button[data-text-size="${name}"]`);

test('phone: 特大 enlarges the text to ≥ 18px, persists, and applies before first paint', async () => {
  const { context, page } = await newPage(shared.browser, PHONE);
  await context.addInitScript(probe);
  try {
    await open(page, shared.site.url('/'));
    assert.equal(await sizeButton(page, 'standard').getAttribute('aria-pressed'), 'true');
    const standard = px(await bodySize(page));
    await sizeButton(page, 'large').click();
    const large = px(await bodySize(page));
    await sizeButton(page, 'xlarge').click();
    const xlarge = px(await bodySize(page));
    assert.ok(standard < large && large < xlarge, `three growing steps: ${standard} < ${large} < ${xlarge}`);
    assert.ok(xlarge >= 18, `the largest step is ≥ 18px on a phone (got ${xlarge}px)`);
    assert.equal(await sizeButton(page, 'xlarge').getAttribute('aria-pressed'), 'true');
    assert.equal(await sizeButton(page, 'standard').getAttribute('aria-pressed'), 'false');
    assert.equal(await page.evaluate(() => localStorage.getItem('jiayuan.textSize')), 'xlarge');
    // Headings grow with the text (rem-based), not only the body.
    const h2 = px(await page.locator('main h2.block-title').first().evaluate((e) => getComputedStyle(e).fontSize));
    assert.ok(h2 > xlarge, 'headings stay larger than body text');

    // Another page, reached by a link: the choice is there from the start.
    const href = await page.locator('main .link-list a').first().getAttribute('href');
    await Promise.all([
      page.waitForURL(shared.site.url(href), { waitUntil: 'load' }),
      page.locator('main .link-list a').first().click(),
    ]);
    const p = await page.evaluate(() => window.__probe);
    assert.deepEqual(p.atBody, { size: 'xlarge', contrast: null }, 'attribute set before <body> exists');
    assert.equal(px(p.firstFrame), xlarge, 'root font-size in the first frame');
    assert.equal(px(p.dcl), xlarge);
    assert.equal(px(p.load), xlarge);
    assert.equal(px(p.bodyLoad), xlarge, 'body size at first load equals the chosen size');
    assert.equal(px(await bodySize(page)), xlarge);
    assert.equal(await sizeButton(page, 'xlarge').getAttribute('aria-pressed'), 'true');

    // Back to standard: persists too.
    await sizeButton(page, 'standard').click();
    assert.equal(px(await bodySize(page)), standard);
    await open(page, shared.site.url('/policy/'));
    const q = await page.evaluate(() => window.__probe);
    assert.deepEqual(q.atBody, { size: null, contrast: null });
    assert.equal(px(q.bodyLoad), standard);
  } finally { await context.close(); }
});

test('desktop: the largest step is larger than on a phone and persists across a reload', async () => {
  const { context, page } = await newPage(shared.browser, DESKTOP);
  try {
    await open(page, shared.site.url('/news/'));
    const standard = px(await bodySize(page));
    assert.ok(standard >= 18, `desktop standard size is ≥ 18px (got ${standard})`);
    await sizeButton(page, 'xlarge').click();
    const xlarge = px(await bodySize(page));
    assert.ok(xlarge > standard);
    await page.reload({ waitUntil: 'load' });
    assert.equal(px(await bodySize(page)), xlarge);
    assert.equal(await page.locator('html').getAttribute('data-text-size'), 'xlarge');
  } finally { await context.close(); }
});

test('high contrast: toggles, persists across pages, applies before first paint, turns off', async () => {
  const { context, page } = await newPage(shared.browser, PHONE);
  await context.addInitScript(probe);
  try {
    await open(page, shared.site.url('/'));
    const toggle = page.locator('button[data-contrast-toggle]');
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const color = () => page.evaluate(() => getComputedStyle(document.body).color);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await bg(), 'rgb(255, 255, 255)');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('html').getAttribute('data-contrast'), 'high');
    assert.equal(await bg(), 'rgb(0, 0, 0)');
    assert.equal(await color(), 'rgb(255, 255, 255)');
    assert.equal(await page.evaluate(() => localStorage.getItem('jiayuan.contrast')), 'high');

    await open(page, shared.site.url('/healthy-birth/'));
    const p = await page.evaluate(() => window.__probe);
    assert.deepEqual(p.atBody, { size: null, contrast: 'high' }, 'contrast set before <body> exists');
    assert.equal(p.firstFrameBg, '#000000', 'high-contrast colours in the first frame');
    assert.equal(await bg(), 'rgb(0, 0, 0)');
    assert.equal(await page.locator('button[data-contrast-toggle]').getAttribute('aria-pressed'), 'true');

    await page.locator('button[data-contrast-toggle]').click();
    assert.equal(await bg(), 'rgb(255, 255, 255)');
    assert.equal(await page.evaluate(() => localStorage.getItem('jiayuan.contrast')), 'normal');
    await open(page, shared.site.url('/news/'));
    assert.equal(await page.locator('html').getAttribute('data-contrast'), null);
    assert.equal(await bg(), 'rgb(255, 255, 255)');
  } finally { await context.close(); }
});

test('a change in one tab reaches another open tab (storage event)', async () => {
  const { context, page } = await newPage(shared.browser, PHONE);
  try {
    const other = await context.newPage();
    await Promise.all([open(page, shared.site.url('/')), open(other, shared.site.url('/news/'))]);
    await sizeButton(page, 'large').click();
    await page.locator('button[data-contrast-toggle]').click();
    await other.waitForFunction(() =>
      document.documentElement.getAttribute('data-text-size') === 'large' &&
      document.documentElement.getAttribute('data-contrast') === 'high');
    assert.equal(await sizeButton(other, 'large').getAttribute('aria-pressed'), 'true');
    assert.equal(await other.locator('button[data-contrast-toggle]').getAttribute('aria-pressed'), 'true');
  } finally { await context.close(); }
});
