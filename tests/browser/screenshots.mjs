// Builds and serves the demo portal, then saves full-page screenshots of the home page, an
// article, a sample piece with its 示例内容 notice, the news list of sample cards, and the
// media demo (pictures, video, shortcodes) with its section's cover card, at phone
// (375px) and desktop (1280px) width into docs/screenshots/.
// Run: node tests/browser/screenshots.mjs   (JIAYUAN_BIN and CHROMIUM as for the tests)
import path from 'node:path';
import fs from 'node:fs/promises';
import { startSite, launchBrowser, newPage, open, REPO, PHONE, DESKTOP } from './lib/site.mjs';

const OUT = path.join(REPO, 'docs', 'screenshots');
const SHOTS = [
  ['home', '/'],
  ['article', '/family-health/health-literacy/'],
  ['sample', '/news/529-handan/'],
  ['sample-list', '/news/'],
  ['media', '/anniversary40/media-demo/'],
  ['media-list', '/anniversary40/'],
];

const site = await startSite();
const browser = await launchBrowser();
try {
  await fs.mkdir(OUT, { recursive: true });
  for (const [name, p] of SHOTS) {
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await newPage(browser, viewport, { deviceScaleFactor: 1 });
      try {
        const res = await open(page, site.url(p));
        if (!res.ok()) throw new Error(`${p}: HTTP ${res.status()}`);
        await page.evaluate(() => document.fonts.ready);
        const file = path.join(OUT, `${name}-${viewport.width}.png`);
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
        console.log(path.relative(REPO, file));
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await site.close();
}
