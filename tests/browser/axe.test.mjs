// axe-core (WCAG 2.0/2.1 A and AA rules) on the main page types, at phone and desktop widths,
// in normal and high-contrast mode. Zero violations allowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startSite, launchBrowser, newPage, open, PHONE, DESKTOP } from './lib/site.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const PAGES = [
  { name: 'home', path: '/', status: 200 },
  { name: 'section list', path: '/news/', status: 200 },
  { name: 'article (toc, table, quote)', path: '/family-health/health-literacy/', status: 200 },
  { name: 'tag page', path: '/tags/三孩政策/', status: 200 },
  { name: '404 page', path: '/this/page/does-not-exist/', status: 404 },
  { name: 'stats page', path: '/stats/', status: 200 },
  { name: 'article with pictures, video and shortcodes', path: '/anniversary40/media-demo/', status: 200 },
  { name: 'section list with a cover', path: '/anniversary40/', status: 200 },
];
const MODES = [
  { name: '375 normal', viewport: PHONE, high: false },
  { name: '375 high-contrast', viewport: PHONE, high: true },
  { name: '1280 normal', viewport: DESKTOP, high: false },
  { name: '1280 high-contrast', viewport: DESKTOP, high: true },
  // The largest text on a phone, where wide content (tables) overflows: only the pages with tables.
  { name: '375 特大 high-contrast', viewport: PHONE, high: true, size: 'xlarge', only: /table|stats/ },
];

let site, browser;
const pages = new Map(); // one browser page per mode, reused across page types
before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function pageFor(mode) {
  if (!pages.has(mode.name)) {
    const { page, context } = await newPage(browser, mode.viewport);
    await context.addInitScript(({ high, size }) => {
      if (high) localStorage.setItem('jiayuan.contrast', 'high');
      if (size) localStorage.setItem('jiayuan.textSize', size);
    }, { high: mode.high, size: mode.size || null });
    pages.set(mode.name, page);
  }
  return pages.get(mode.name);
}

function describe(violations) {
  return violations.map((v) =>
    `\n[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
    v.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`).join('\n') +
    (v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '')).join('');
}

for (const pg of PAGES) {
  for (const mode of MODES.filter((m) => !m.only || m.only.test(pg.name))) {
    test(`axe: ${pg.name} ${pg.path} @ ${mode.name}`, async () => {
      const page = await pageFor(mode);
      const res = await open(page, site.url(pg.path));
      assert.equal(res.status(), pg.status);
      assert.equal(await page.locator('html').getAttribute('data-contrast'), mode.high ? 'high' : null);
      assert.equal(await page.locator('html').getAttribute('data-text-size'), mode.size || null);
      if (mode.high) {
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(0, 0, 0)');
      }
      // On phones the menu is collapsed by default; check it open as well as closed.
      const toggle = page.locator('.menu-toggle');
      const runs = [];
      await page.addScriptTag({ content: AXE_SOURCE });
      const runAxe = () => page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }), TAGS);
      runs.push(['', await runAxe()]);
      if (await toggle.isVisible()) {
        await toggle.click();
        assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
        runs.push([' (menu open)', await runAxe()]);
      }
      for (const [what, result] of runs) {
        assert.ok(result.passes !== undefined || result.violations, 'axe ran');
        assert.equal(result.violations.length, 0,
          `${pg.path} @ ${mode.name}${what}: ${result.violations.length} axe violation(s):${describe(result.violations)}`);
      }
    });
  }
}

test('axe: a deliberately broken page is reported (the harness can fail)', async () => {
  const page = await pageFor(MODES[2]);
  await open(page, site.url('/news/'));
  await page.evaluate(() => {
    document.documentElement.removeAttribute('lang');
    const img = document.createElement('img');
    img.src = '/favicon.svg';
    document.querySelector('main').append(img);
  });
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  const ids = result.violations.map((v) => v.id).sort();
  assert.ok(ids.includes('html-has-lang') && ids.includes('image-alt'), `got ${ids.join(', ')}`);
});
