// Builds the demo portal with the jiayuan binary, serves it, and launches Chromium.
import { before, after } from 'node:test';
// One build per test file: call `startSite()` in `before` and `site.close()` in `after`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, freePort } from './server.mjs';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository root (holding site.toml). */
export const REPO = path.resolve(here, '../../..');
/** The jiayuan binary: $JIAYUAN_BIN or target/debug/jiayuan of this repo. */
export const JIAYUAN_BIN = process.env.JIAYUAN_BIN || path.resolve(here, '../../../target/debug/jiayuan');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * A copy of the demo site without its `[contest]` table: what a portal without a contest server
 * builds, where contests are self-tests in the browser. Returns the folder (the caller removes it).
 */
export async function selfTestRoot() {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jiayuan-selftest-'));
  for (const d of ['content', 'themes', 'quiz', 'templates', 'static']) {
    if (existsSync(path.join(REPO, d))) await fs.cp(path.join(REPO, d), path.join(tmp, d), { recursive: true });
  }
  const toml = await fs.readFile(path.join(REPO, 'site.toml'), 'utf8');
  const stripped = toml.replace(/^\[contest\][\s\S]*?(?=^\[)/m, '');
  if (stripped === toml) throw new Error('site.toml has no [contest] table to take out');
  await fs.writeFile(path.join(tmp, 'site.toml'), stripped);
  return tmp;
}

/**
 * Builds the site (the demo, or the one at `root`) into a fresh temp folder with base URL
 * http://127.0.0.1:<port> and serves it. Returns {origin, port, dir, requests, url(path), close()}.
 */
export async function startSite({ ignoreRange = false, multiRange = true, root = REPO } = {}) {
  if (!existsSync(JIAYUAN_BIN)) {
    throw new Error(`jiayuan binary not found at ${JIAYUAN_BIN}: run \`cargo build -p jiayuan\` or set JIAYUAN_BIN`);
  }
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jiayuan-browser-'));
  const dir = path.join(tmp, 'public');
  let lastErr;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    try {
      await run(JIAYUAN_BIN, ['--root', root, 'build', '--output', dir, '--base-url', origin], {
        maxBuffer: 16 << 20,
      });
    } catch (e) {
      await fs.rm(tmp, { recursive: true, force: true });
      throw new Error(`jiayuan build failed:\n${e.stdout || ''}${e.stderr || e.message}`);
    }
    try {
      const srv = await serve(dir, { port, ignoreRange, multiRange });
      return {
        ...srv,
        dir,
        url: (p = '/') => origin + encodeURI(p),
        close: async () => {
          await srv.close();
          await fs.rm(tmp, { recursive: true, force: true });
        },
      };
    } catch (e) {
      lastErr = e; // the port was taken between freePort() and listen(): rebuild for another
      if (e.code !== 'EADDRINUSE') break;
    }
  }
  await fs.rm(tmp, { recursive: true, force: true });
  throw lastErr;
}

/** Polls `url` every 100 ms until it answers 2xx, at most `tries` times (a server starting). */
export async function waitUntilServing(url, tries) {
  for (let i = 0; i < tries; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch (e) { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Launches Debian's Chromium headless with the flags that keep it off the network. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/** A fresh context (own localStorage) with the given viewport, and a page in it. */
export async function newPage(browser, viewport = DESKTOP, opts = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', ...opts });
  const page = await context.newPage();
  return { context, page };
}

/** Opens `url` and waits until the page and its subresources have loaded. */
export async function open(page, url) {
  const res = await page.goto(url, { waitUntil: 'load' });
  return res;
}

/** Lists every built file under `dir` with one of the given extensions (relative paths). */
export async function listFiles(dir, exts) {
  const out = [];
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && exts.includes(path.extname(e.name))) {
      out.push(path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
    }
  }
  return out.sort();
}

/** The first article URL in a built section list (root-relative), read from the HTML. */
export async function firstArticlePath(dir, section) {
  const html = await fs.readFile(path.join(dir, section, 'index.html'), 'utf8');
  const m = /<h2 class="card__title"><a href="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no article card in ${section}`);
  return m[1];
}

/** Builds and serves the demo site and launches Chromium once for a test file. */
export function withSiteAndBrowser() {
  const shared = { site: null, browser: null };
  before(async () => {
    shared.site = await startSite();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.site?.close();
  });
  return shared;
}
