// Measurement, not a test: how long the contest page takes in Chromium from navigation start until
// the first question is visible, with the HTTP cache disabled, and how many bytes it transfers.
//   node tests/browser/measure-quiz.mjs [runs=5]
// Two scenarios, each the median of `runs` fresh browser contexts (phone viewport):
//   fresh  — open /contest/, click 参加竞答 (contest-2022), click 开始答题 (标准计时)
//   resume — open /contest/ with an unfinished attempt saved, which resumes straight into a question
// The local test server sends files uncompressed; the gzip column estimates a compressing host.
import zlib from 'node:zlib';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startSite, launchBrowser, newPage, PHONE } from './lib/site.mjs';

const RUNS = Number(process.argv[2]) || 5;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** Records performance.now() (ms since navigation start) when the first question heading appears. */
const MARK = () => {
  const seen = () => {
    const h = document.querySelector('.quiz-q__heading');
    if (h && h.getBoundingClientRect().height > 0 && !window.__firstQuestion) {
      window.__firstQuestion = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); })
    .observe(document, { childList: true, subtree: true });
};

async function once(browser, site, scenario, saved) {
  const { context, page } = await newPage(browser, PHONE);
  await context.addInitScript(MARK);
  if (scenario === 'resume') {
    await context.addInitScript((a) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('jiayuan.quiz.active', a); sessionStorage.setItem('seeded', '1'); } }, saved);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const responses = new Map();
  let bytes = 0;
  cdp.on('Network.responseReceived', (e) => responses.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(site.url('/contest/'), { waitUntil: 'commit' });
  if (scenario === 'fresh') {
    await page.click('[data-choose="contest-2022"]');
    await page.click('[data-start]');
  }
  await page.waitForFunction(() => window.__firstQuestion !== undefined, null, { polling: 50 });
  const ms = await page.evaluate(() => window.__firstQuestion);
  await page.waitForLoadState('load');
  await page.waitForTimeout(200); // let late requests (favicon …) finish
  const urls = [...responses.values()];
  await context.close();
  return { ms, bytes, urls };
}

async function gzipTotal(dir, origin, urls) {
  let raw = 0, gz = 0;
  for (const u of new Set(urls)) {
    if (!u.startsWith(origin)) continue;
    let p = decodeURIComponent(new URL(u).pathname);
    if (p.endsWith('/')) p += 'index.html';
    try {
      const data = await fs.readFile(path.join(dir, p));
      raw += data.length;
      gz += zlib.gzipSync(data, { level: 9 }).length;
    } catch { /* not a file */ }
  }
  return { raw, gz };
}

const site = await startSite();
const browser = await launchBrowser();
try {
  // A saved unfinished attempt for the resume scenario, made by the page itself.
  const { context, page } = await newPage(browser, PHONE);
  await page.goto(site.url('/contest/'));
  await page.click('[data-choose="contest-2022"]');
  await page.click('[data-start]');
  await page.waitForSelector('.quiz-q__heading');
  const saved = await page.evaluate(() => {
    const a = JSON.parse(localStorage.getItem('jiayuan.quiz.active'));
    const s = JSON.parse(a.session);
    s.timing = 'off'; // so the saved attempt never times out between runs
    return JSON.stringify({ ...a, session: JSON.stringify(s) });
  });
  await context.close();

  for (const scenario of ['fresh', 'resume']) {
    const results = [];
    for (let i = 0; i < RUNS; i++) results.push(await once(browser, site, scenario, saved));
    const { raw, gz } = await gzipTotal(site.dir, site.origin, results[0].urls);
    console.log(`${scenario.padEnd(6)} navigation → first question visible: median ${median(results.map((r) => r.ms)).toFixed(0)} ms ` +
      `(runs: ${results.map((r) => r.ms.toFixed(0)).join(', ')}); transferred ${median(results.map((r) => r.bytes))} bytes ` +
      `in ${results[0].urls.length} requests (files ${raw} B, gzip -9 ≈ ${gz} B)`);
    if (scenario === 'fresh') {
      for (const u of results[0].urls) console.log(`         ${u.replace(site.origin, '')}`);
    }
  }
} finally {
  await browser.close();
  await site.close();
}
