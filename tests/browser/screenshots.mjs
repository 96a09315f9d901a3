// Builds and serves the demo portal, then saves full-page screenshots of the home page, an
// article, a sample piece with its 示例内容 notice, the news list of sample cards, and the
// media demo (pictures, video, shortcodes) with its section's cover card, at phone
// (375px) and desktop (1280px) width into docs/screenshots/; and the share card generated for
// the article (its og:image), at its own 1200×630.
// Run: node tests/browser/screenshots.mjs [NAME…]   (only the shots named, e.g. share-card;
// JIAYUAN_BIN and CHROMIUM as for the tests)
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

const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);

const site = await startSite();
const browser = await launchBrowser();
try {
  await fs.mkdir(OUT, { recursive: true });
  for (const [name, p] of SHOTS.filter(([n]) => wanted(n))) {
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
  if (wanted('share-card')) {
    const { context, page } = await newPage(browser, { width: 1200, height: 630 }, { deviceScaleFactor: 1 });
    try {
      await open(page, site.url('/family-health/health-literacy/'));
      const card = await page.$eval('meta[property="og:image"]', (m) => m.content);
      const res = await page.goto(card);
      if (!res.ok()) throw new Error(`${card}: HTTP ${res.status()}`);
      const file = path.join(OUT, 'share-card-1200.png');
      await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 1200, height: 630 } });
      console.log(path.relative(REPO, file));
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
