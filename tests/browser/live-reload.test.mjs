// `jiayuan serve` in Chromium: a page reloads by itself when a build finishes (Server-Sent
// Events on /__jiayuan/events), a broken edit shows its error over the last good page, and
// fixing it clears the error. Runs the real binary on a copy of tests/fixtures/sites/basic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, newPage, REPO, JIAYUAN_BIN, waitUntilServing } from './lib/site.mjs';
import { freePort } from './lib/server.mjs';

let tmp, server, origin, browser, log = '';

before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jiayuan-live-reload-'));
  await fs.cp(path.join(REPO, 'tests/fixtures/sites/basic'), tmp, { recursive: true });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(JIAYUAN_BIN, ['--root', tmp, 'serve', '--port', String(port), '--now', '2022-12-31'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  server.stderr.on('data', (d) => { log += d; });
  await waitUntilServing(`${origin}/news/cjk/`, 300);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

/** Resolves when `page` has loaded a new document (a reload), at most 20 s. */
function nextLoad(page) {
  return page.waitForEvent('load', { timeout: 20_000 });
}

test('an edit reloads the page; a broken one shows its error over the last good build', async () => {
  const { page, context } = await newPage(browser);
  const events = [];
  page.on('request', (r) => { if (r.url().includes('/__jiayuan/')) events.push(r.url()); });
  // The page's EventSource has its answer's head before the first edit.
  const listening = page.waitForResponse((r) => r.url().endsWith('/__jiayuan/events'), { timeout: 10_000 });
  await page.goto(`${origin}/news/cjk/`, { waitUntil: 'load' });
  assert.equal((await listening).headers()['content-type'], 'text/event-stream');
  assert.equal(await page.locator('h1').first().textContent(), '中文排版');
  assert.equal(await page.locator('#jiayuan-error').count(), 0);

  const file = path.join(tmp, 'content/news/cjk.md');
  const good = await fs.readFile(file, 'utf8');
  let reloaded = nextLoad(page);
  await fs.writeFile(file, good.replace('title: 中文排版', 'titel: 中文排版'));
  await reloaded;
  const alert = page.locator('#jiayuan-error[role="alert"]');
  await alert.waitFor({ timeout: 10_000 });
  const text = await alert.textContent();
  assert.match(text, /构建失败，正在显示上一次成功的构建/);
  assert.match(text, /content\/news\/cjk\.md:/);
  // The site is zh-CN, so its messages are Chinese (docs/messages.md, "Which language").
  assert.match(text, /未知的前置信息键 `titel`/);
  assert.equal(await alert.getAttribute('lang'), 'zh-CN');
  // At the bottom of the window, so the header's text-size switch stays within reach.
  const box = await alert.boundingBox();
  const height = await page.evaluate(() => window.innerHeight);
  assert.ok(Math.abs(box.y + box.height - height) < 1, `overlay ends at ${box.y + box.height} of ${height}`);
  assert.equal(await page.locator('h1').first().textContent(), '中文排版', 'the last good build');

  reloaded = nextLoad(page);
  await fs.writeFile(file, good.replace('title: 中文排版', 'title: 中文排版（修订）'));
  await reloaded;
  assert.equal(await page.locator('h1').first().textContent(), '中文排版（修订）');
  assert.equal(await page.locator('#jiayuan-error').count(), 0);
  assert.ok(events.every((u) => u.endsWith('/__jiayuan/events')), `no polling: ${events.join(', ')}`);
  await context.close();
});
