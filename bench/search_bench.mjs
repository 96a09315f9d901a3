#!/usr/bin/env node
// Search benchmark: jiayuan's wasm search (worker + Range requests) vs Pagefind, in Chromium,
// on the same built pages of the synthetic corpus (bench/gen_corpus.py).
//
//   node bench/search_bench.mjs                 # N = 10000 pages, 20 queries, print a Markdown table
//   node bench/search_bench.mjs 1000            # N = 1000
//   node bench/search_bench.mjs --record 10000  # also append the result to BENCHMARKS.md ("## Search")
//
// Environment: JIAYUAN_BIN (skip `cargo build --release -p jiayuan` and use this binary),
// QUERIES (default 20), PASSES (default 5: each engine's run, in a fresh context, repeated
// alternately; every query's time is its median over the passes), CHROMIUM (default
// /usr/bin/chromium).
// Needs `npm ci` in tests/browser (playwright-core, pinned pagefind).
//
// What it measures, per engine, in a fresh browser context with the HTTP cache disabled
// (CDP Network.setCacheDisabled; the server also sends no validators, so nothing is reused):
// - bytes of the first query: everything the search loads (jiayuan: worker, glue, wasm,
//   manifest.json, index blocks; Pagefind: pagefind.js, its worker/wasm, entry, meta, index
//   chunks, fragments of the first 10 hits), as response bodies counted by the server;
// - bytes of each later query (index blocks / chunks and fragments only);
// - latency from postMessage (jiayuan) or pagefind.search() (Pagefind) to 10 results with
//   titles, URLs and snippets, p50/p95 over the later queries (engine loaded, blocks not yet
//   fetched) and over a second pass of all queries (everything cached in memory);
// - recall: every page whose text (title + article body) contains the query must be found.
//   jiayuan's full result list comes from `jiayuan search --json` (the same code natively);
//   its top 10 in the browser is checked against it. Pagefind's from its JS API (all ids).
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/browser/lib/site.mjs';
import { serve, freePort } from '../tests/browser/lib/server.mjs';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BROWSER_DIR = path.join(ROOT, 'tests/browser');
const log = (...a) => console.error('[search-bench]', ...a);

// ---- arguments ----
let record = false;
let N = 10000;
for (const a of process.argv.slice(2)) {
  if (a === '--record') record = true;
  else if (/^\d+$/.test(a)) N = Number(a);
  else if (a === '-h' || a === '--help') {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 12).join('\n'));
    process.exit(0);
  } else {
    console.error(`search_bench: unknown argument ${a}`);
    process.exit(2);
  }
}
const NQ = Number(process.env.QUERIES || 20);
const PASSES = Math.max(1, Number(process.env.PASSES || 5));
const PER_PAGE = 10;

// ---- small helpers ----
function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const quantile = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const median = (xs) => quantile(xs, 0.5);
const kb = (b) => (b / 1024).toFixed(b < 10 * 1024 ? 1 : 0);
const ms = (x) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const decodeEntities = (s) => s
  .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
  .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');

async function timed(what, fn) {
  const t = performance.now();
  const r = await fn();
  const s = (performance.now() - t) / 1000;
  log(`${what}: ${s.toFixed(1)} s`);
  return [r, s];
}

async function dirBytes(dir) {
  let total = 0;
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) total += (await fs.stat(path.join(e.parentPath ?? e.path, e.name))).size;
  }
  return total;
}

// ---- 1. the jiayuan binary ----
let BIN = process.env.JIAYUAN_BIN;
if (!BIN) {
  log('cargo build --release -p jiayuan');
  const r = spawnSync('cargo', ['build', '--release', '-p', 'jiayuan'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  BIN = path.join(ROOT, 'target/release/jiayuan');
}
const PAGEFIND = path.join(BROWSER_DIR, 'node_modules/.bin/pagefind');
if (!existsSync(PAGEFIND)) {
  console.error('search_bench: pagefind is missing: run `npm ci` in tests/browser');
  process.exit(1);
}
const PAGEFIND_VERSION = JSON.parse(readFileSync(path.join(BROWSER_DIR, 'node_modules/pagefind/package.json'), 'utf8')).version;

// ---- 2. the corpus, with the default theme (for /search/ and js/search-worker.js) ----
const OUT = path.join(ROOT, 'bench/out', `search-${N}`);
const SITE = path.join(OUT, 'site');
const PUBLIC = path.join(OUT, 'public');
await fs.rm(OUT, { recursive: true, force: true });
await fs.mkdir(OUT, { recursive: true });
await timed(`gen_corpus.py ${N}`, () => run('python3', [path.join(ROOT, 'bench/gen_corpus.py'), String(N), SITE], { maxBuffer: 64 << 20 }));
await fs.cp(path.join(ROOT, 'themes'), path.join(SITE, 'themes'), { recursive: true });
const toml = await fs.readFile(path.join(SITE, 'site.toml'), 'utf8');
if (!/^theme\s*=/m.test(toml)) {
  await fs.writeFile(path.join(SITE, 'site.toml'), toml.replace(/^(language = .*)$/m, '$1\ntheme = "default"'));
}

// ---- 3. build with jiayuan, then index the same pages with Pagefind ----
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const [, jiayuanBuildS] = await timed('jiayuan build', () =>
  run(BIN, ['--root', SITE, 'build', '--output', PUBLIC, '--base-url', origin], { maxBuffer: 64 << 20 }));
const jiayuanIndexBytes = await dirBytes(path.join(PUBLIC, 'search/index'));
// Pagefind indexes what jiayuan indexes: the article pages, title + body (no toc, meta, tags).
const [pf, pagefindBuildS] = await timed(`pagefind ${PAGEFIND_VERSION}`, () => run(PAGEFIND, [
  '--site', PUBLIC, '--glob', '*/page-*/index.html', '--root-selector', 'article',
  '--exclude-selectors', '.toc', '--exclude-selectors', '.meta', '--exclude-selectors', '.article__foot',
  '--quiet',
], { cwd: BROWSER_DIR, maxBuffer: 64 << 20 }));
if (pf.stderr.trim()) log(pf.stderr.trim());
const pagefindBytes = await dirBytes(path.join(PUBLIC, 'pagefind'));
const wasmFile = (await fs.readdir(path.join(PUBLIC, 'wasm'))).find((f) => /^search-.*\.wasm$/.test(f));
const wasmBytes = (await fs.stat(path.join(PUBLIC, 'wasm', wasmFile))).size;

// ---- 4. ground truth: the text of every article ----
log('reading article texts');
const texts = new Map(); // url → title + "\n" + body text (block and inline boundaries as "\n")
for (const section of await fs.readdir(PUBLIC, { withFileTypes: true })) {
  if (!section.isDirectory()) continue;
  for (const e of await fs.readdir(path.join(PUBLIC, section.name), { withFileTypes: true })) {
    if (!e.isDirectory() || !e.name.startsWith('page-')) continue;
    const html = await fs.readFile(path.join(PUBLIC, section.name, e.name, 'index.html'), 'utf8');
    const h1 = /<header class="article__head">\s*<h1>([\s\S]*?)<\/h1>/.exec(html);
    const start = html.indexOf('<div class="prose">');
    let end = html.indexOf('<footer class="article__foot">', start);
    if (end < 0) end = html.indexOf('</article>', start);
    if (!h1 || start < 0 || end < 0) throw new Error(`unexpected article HTML in ${section.name}/${e.name}`);
    const body = html.slice(start, end).replace(/<[^>]*>/g, '\n');
    texts.set(`/${section.name}/${e.name}/`, decodeEntities(h1[1].replace(/<[^>]*>/g, '')) + '\n' + decodeEntities(body));
  }
}
log(`${texts.size} articles`);

// ---- 5. queries sampled from the corpus text (fixed seed) ----
const LENGTHS = [1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 6, 7, 8];
const rand = mulberry32(20240521);
const urls = [...texts.keys()].sort();
const queries = [];
for (let i = 0; queries.length < NQ && i < 100000; i++) {
  const len = LENGTHS[queries.length % LENGTHS.length];
  const text = texts.get(urls[Math.floor(rand() * urls.length)]);
  const runs = text.match(/[\u4e00-\u9fff]+/g)?.filter((r) => r.length >= len) || [];
  if (!runs.length) continue;
  const r = runs[Math.floor(rand() * runs.length)];
  const at = Math.floor(rand() * (r.length - len + 1));
  const q = r.slice(at, at + len);
  if (!queries.includes(q)) queries.push(q);
}
const truth = new Map(queries.map((q) => [q, urls.filter((u) => texts.get(u).includes(q))]));
log('queries:', queries.map((q) => `${q} (${truth.get(q).length})`).join(' '));

// ---- 6. jiayuan natively: the full result list (same code as the browser) ----
const native = new Map();
for (const q of queries) {
  const { stdout } = await run(BIN, ['search', q, '--json', '--output', PUBLIC, '--limit', String(N + 10)], { maxBuffer: 256 << 20 });
  native.set(q, stdout.split('\n').filter((l) => l.trim()).map((l) => decodeURI(JSON.parse(l).url)));
}

// ---- 7. Pagefind fragment id → URL, read from the bundle on disk (for its recall) ----
const pagefindUrl = new Map();
{
  const dir = path.join(PUBLIC, 'pagefind/fragment');
  for (const f of await fs.readdir(dir)) {
    const raw = zlib.gunzipSync(await fs.readFile(path.join(dir, f))).toString('utf8');
    const json = JSON.parse(raw.replace(/^pagefind_dcd/, ''));
    pagefindUrl.set(f.replace(/\.pf_fragment$/, ''), decodeURI(json.url));
  }
}

// ---- 8. the browser ----
const server = await serve(PUBLIC, { port });
const sizeCache = new Map();
async function bodyBytes(entry) {
  const p = path.join(PUBLIC, decodeURIComponent(entry.url.split(/[?#]/)[0]).replace(/\/$/, '/index.html'));
  if (!sizeCache.has(p)) {
    let size = 0;
    let gz = 0;
    try {
      const data = await fs.readFile(p);
      size = data.length;
      gz = /\.(js|mjs|wasm|json|html|css)$/.test(p) ? zlib.gzipSync(data, { level: 6 }).length : size;
    } catch { /* 404 */ }
    sizeCache.set(p, { size, gz });
  }
  const { size, gz } = sizeCache.get(p);
  if (entry.status === 206) return { raw: entry.bytes, gz: entry.bytes }; // multipart framing included
  if (entry.status === 200) return { raw: size, gz };
  return { raw: 0, gz: 0 };
}
async function bytesSince(mark, srv = server) {
  let raw = 0;
  let gz = 0;
  const files = [];
  for (const e of srv.requests.slice(mark)) {
    const b = await bodyBytes(e);
    raw += b.raw;
    gz += b.gz;
    files.push(e.url.split('?')[0]);
  }
  return { raw, gz, requests: srv.requests.length - mark, files };
}

const browser = await launchBrowser();
async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { context, page };
}

// jiayuan: the page's own worker script, driven directly, so the time is postMessage → results.
async function benchJiayuan(srv = server) {
  const { context, page } = await freshPage();
  await page.goto(`${srv.origin}/search/`, { waitUntil: 'load' });
  await page.evaluate(() => {
    const app = document.getElementById('search-app');
    const abs = (u) => new URL(u, location.href).href;
    let w = null;
    let next = 1;
    const waiting = new Map();
    window.benchSearch = (query) => new Promise((resolve) => {
      const id = next++;
      const t0 = performance.now();
      waiting.set(id, (msg) => resolve({ ms: performance.now() - t0, msg }));
      if (!w) { // the first query also loads the worker, the wasm and the manifest
        w = new Worker(abs(app.dataset.worker), { type: 'module' });
        w.onmessage = (e) => { const r = waiting.get(e.data.id); waiting.delete(e.data.id); r(e.data); };
        w.postMessage({ type: 'init', glue: abs(app.dataset.glue), wasm: abs(app.dataset.wasm),
          manifest: abs(app.dataset.manifest), index: abs(app.dataset.index) });
      }
      w.postMessage({ type: 'search', id, query, section: '', page: 1, perPage: 10 });
    });
  });
  const out = [];
  for (const pass of [1, 2]) {
    for (const q of queries) {
      const mark = srv.requests.length;
      const before = out.length ? out[out.length - 1].fetched : 0;
      const netBefore = out.length ? out[out.length - 1].netTotal : 0;
      const { ms: t, msg } = await page.evaluate((q) => window.benchSearch(q), q);
      if (msg.type !== 'results') throw new Error(`jiayuan ${q}: ${msg.message}`);
      const bytes = await bytesSince(mark, srv);
      out.push({
        pass, q, ms: t, bytes, fetched: msg.fetchedBytes, fetchedDelta: msg.fetchedBytes - before,
        netTotal: msg.networkMs, netMs: msg.networkMs - netBefore, rounds: msg.rounds,
        total: msg.results.total, top: msg.results.hits.map((h) => decodeURI(h.url)),
      });
    }
  }
  await context.close();
  return out;
}

// Pagefind: its JS API (what its default UI calls), 10 results with their data (title, URL, excerpt).
async function benchPagefind() {
  const { context, page } = await freshPage();
  await page.goto(`${origin}/search/`, { waitUntil: 'load' });
  await page.evaluate(() => {
    window.benchSearch = async (query) => {
      const t0 = performance.now();
      if (!window.pagefind) {
        window.pagefind = await import('/pagefind/pagefind.js');
        await window.pagefind.init();
      }
      const s = await window.pagefind.search(query);
      const data = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
      const t = performance.now() - t0;
      return { ms: t, total: s.results.length, ids: s.results.map((r) => r.id), top: data.map((d) => d.url) };
    };
  });
  const out = [];
  for (const pass of [1, 2]) {
    for (const q of queries) {
      const mark = server.requests.length;
      const r = await page.evaluate((q) => window.benchSearch(q), q);
      const bytes = await bytesSince(mark);
      out.push({ pass, q, ms: r.ms, bytes, total: r.total, ids: r.ids, top: r.top.map((u) => decodeURI(u)) });
    }
  }
  await context.close();
  return out;
}

// The passes of one engine as one run: each query's times are its medians over the passes;
// its bytes and results are the first pass's, and every pass must find the same.
function medianOfPasses(passes) {
  return passes[0].map((row, i) => {
    const same = passes.map((p) => p[i]);
    for (const other of same) {
      if (other.q !== row.q || other.total !== row.total || JSON.stringify(other.top) !== JSON.stringify(row.top)) {
        throw new Error(`${row.q}: the passes found different results`);
      }
    }
    const ms = median(same.map((r) => r.ms));
    const net = same.filter((r) => r.netMs !== undefined);
    return net.length
      ? { ...row, ms, compute: median(net.map((r) => r.ms - r.netMs)), netMs: median(net.map((r) => r.netMs)) }
      : { ...row, ms };
  });
}
const single = await serve(PUBLIC, { port: await freePort(), multiRange: false });
const [jPasses, pPasses, j2Passes] = [[], [], []];
for (let pass = 1; pass <= PASSES; pass++) {
  log(`pass ${pass} of ${PASSES}: jiayuan in Chromium`);
  jPasses.push(await benchJiayuan());
  log(`pass ${pass} of ${PASSES}: Pagefind in Chromium`);
  pPasses.push(await benchPagefind());
  log(`pass ${pass} of ${PASSES}: jiayuan in Chromium, behind a host that answers one range per request (like S3)`);
  j2Passes.push(await benchJiayuan(single));
}
const J = medianOfPasses(jPasses);
const P = medianOfPasses(pPasses);
const J2 = medianOfPasses(j2Passes);
await single.close();
await browser.close();
await server.close();

// ---- 9. checks and numbers ----
let agree = 0;
for (const r of J.filter((r) => r.pass === 1)) {
  const want = native.get(r.q).slice(0, PER_PAGE);
  if (JSON.stringify(want) === JSON.stringify(r.top) && r.total === native.get(r.q).length) agree++;
  else log(`browser/native differ for ${r.q}: ${r.total} vs ${native.get(r.q).length}`);
}
function recall(found, q) {
  const want = truth.get(q);
  if (!want.length) return 1;
  const set = new Set(found);
  return want.filter((u) => set.has(u)).length / want.length;
}
const jRecall = queries.map((q) => recall(native.get(q), q));
const pRecall = queries.map((q) => recall(P.find((r) => r.pass === 1 && r.q === q).ids.map((id) => pagefindUrl.get(id)), q));
const perfect = (xs) => xs.filter((x) => x === 1).length;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

function summary(rows) {
  const first = rows[0];
  const later = rows.filter((r) => r.pass === 1).slice(1);
  const again = rows.filter((r) => r.pass === 2);
  return {
    firstRaw: first.bytes.raw, firstGz: first.bytes.gz, firstMs: first.ms, firstReq: first.bytes.requests,
    laterMedian: median(later.map((r) => r.bytes.raw)), laterP95: quantile(later.map((r) => r.bytes.raw), 0.95),
    laterReq: median(later.map((r) => r.bytes.requests)),
    p50: median(later.map((r) => r.ms)), p95: quantile(later.map((r) => r.ms), 0.95),
    againP50: median(again.map((r) => r.ms)), againP95: quantile(again.map((r) => r.ms), 0.95),
    againBytes: again.reduce((a, r) => a + r.bytes.raw, 0),
  };
}
const js = summary(J);
const ps = summary(P);
const j2 = summary(J2);
const jLater = J.filter((r) => r.pass === 1).slice(1);
const jFetchedLater = median(jLater.map((r) => r.fetchedDelta));
const jNetShare = jLater.reduce((a, r) => a + r.netMs, 0) / jLater.reduce((a, r) => a + r.ms, 0);
const jCompute = jLater.map((r) => r.compute);
const jRounds = jLater.map((r, i) => r.rounds - (i === 0 ? J[0].rounds : jLater[i - 1].rounds));
const jFirstIndex = J[0].fetched;


const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
let commit = '?';
try {
  commit = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })).stdout.trim();
  const dirty = (await run('git', ['status', '--porcelain', '--', 'generator', 'wasm-search', 'themes'], { cwd: ROOT })).stdout.trim();
  if (dirty && !process.env.JIAYUAN_BIN) commit += ' + uncommitted changes';
} catch { /* not a checkout */ }
const binNote = process.env.JIAYUAN_BIN ? `JIAYUAN_BIN=${process.env.JIAYUAN_BIN} ` : '';
const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
const lines = [];
lines.push(`### ${N} pages, ${queries.length} queries (${date})`);
lines.push('');
lines.push(`\`${binNote}node bench/search_bench.mjs${record ? ' --record' : ''} ${N}\` at commit \`${commit}\` — ${os.cpus().length} CPUs, load ${load}, Chromium headless, pagefind ${PAGEFIND_VERSION} (extended), 10 results per query with snippets; each query's time is its median over ${PASSES} passes, each in a fresh context.`);
lines.push('');
lines.push('| | jiayuan (wasm worker, Range) | Pagefind |');
lines.push('|---|---|---|');
lines.push(`| index on disk | ${kb(jiayuanIndexBytes)} KB (+ wasm ${kb(wasmBytes)} KB) | ${kb(pagefindBytes)} KB (whole bundle) |`);
lines.push(`| index build | ${jiayuanBuildS.toFixed(1)} s (whole site build, incl. index) | ${pagefindBuildS.toFixed(1)} s |`);
lines.push(`| first query: bytes (requests) | ${kb(js.firstRaw)} KB (${js.firstReq}) | ${kb(ps.firstRaw)} KB (${ps.firstReq}) |`);
lines.push(`| first query: bytes if the host gzips js/wasm/json | ${kb(js.firstGz)} KB | ${kb(ps.firstGz)} KB |`);
lines.push(`| first query: index bytes (the worker's count; the rest is worker, glue, wasm, manifest) | ${kb(jFirstIndex)} KB | |`);
lines.push(`| first query: time (load + search) | ${ms(js.firstMs)} ms | ${ms(ps.firstMs)} ms |`);
lines.push(`| later query: bytes, median / p95 (requests) | ${kb(js.laterMedian)} / ${kb(js.laterP95)} KB (${js.laterReq}) | ${kb(ps.laterMedian)} / ${kb(ps.laterP95)} KB (${ps.laterReq}) |`);
lines.push(`| later query: latency p50 / p95 | ${ms(js.p50)} / ${ms(js.p95)} ms | ${ms(ps.p50)} / ${ms(ps.p95)} ms |`);
lines.push(`| later query: rounds of parallel requests, median / max | ${median(jRounds)} / ${Math.max(...jRounds)} | |`);
lines.push(`| later query: jiayuan without the time spent waiting for the network, p50 / p95 | ${ms(median(jCompute))} / ${ms(quantile(jCompute, 0.95))} ms | |`);
lines.push(`| later query: jiayuan behind a host without multi-range answers (like S3): requests, p50 / p95 | ${j2.laterReq}, ${ms(j2.p50)} / ${ms(j2.p95)} ms | |`);
lines.push(`| repeated query (all cached): p50 / p95 | ${ms(js.againP50)} / ${ms(js.againP95)} ms | ${ms(ps.againP50)} / ${ms(ps.againP95)} ms |`);
lines.push(`| recall (pages containing the query found) | ${(100 * mean(jRecall)).toFixed(1)} %, ${perfect(jRecall)}/${queries.length} queries complete | ${(100 * mean(pRecall)).toFixed(1)} %, ${perfect(pRecall)}/${queries.length} queries complete |`);
lines.push('');
lines.push('| query | pages containing it | jiayuan found | jiayuan bytes | jiayuan ms (of it waiting for the network) | Pagefind found | Pagefind recall | Pagefind bytes | Pagefind ms |');
lines.push('|---|---|---|---|---|---|---|---|---|');
for (const [i, q] of queries.entries()) {
  const j = J[i];
  const p = P[i];
  lines.push(`| ${q} | ${truth.get(q).length} | ${native.get(q).length} | ${kb(j.bytes.raw)} KB | ${ms(j.ms)} (${ms(j.netMs)}) | ${p.total} | ${(100 * pRecall[i]).toFixed(1)} % | ${kb(p.bytes.raw)} KB | ${ms(p.ms)} |`);
}
lines.push('');
lines.push(`Browser vs native (\`jiayuan search --json\`): the same top 10 and total for ${agree}/${queries.length} queries. ` +
  `The worker's own count of index bytes per later query (median): ${kb(jFetchedLater)} KB. ` +
  `Waiting for the network is ${(100 * jNetShare).toFixed(0)} % of jiayuan's later-query time ` +
  '(a round costs a few ms on loopback in headless Chromium on this machine, mostly per-request overhead). ' +
  'Bytes are response bodies as served by tests/browser/lib/server.mjs (no HTTP compression; Pagefind\'s files are gzip ' +
  'already, jiayuan\'s index blocks are ranges and cannot be compressed by a host); the first query (row 1 of the ' +
  'per-query table) includes loading the engine.');
const table = lines.join('\n');
console.log(table);

if (agree !== queries.length) log(`WARNING: browser and native disagree on ${queries.length - agree} queries`);
if (record) {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  let md = existsSync(file) ? await fs.readFile(file, 'utf8') : '# Benchmarks\n';
  if (!/^## Search$/m.test(md)) {
    md = md.replace(/\n*$/, '\n\n') + [
      '## Search',
      '',
      'jiayuan\'s browser search (a module worker running `wasm-search` over Range requests)',
      'against Pagefind on the same built pages of the synthetic corpus: `node bench/search_bench.mjs [N]`',
      '(see the comment at its top for what is counted). Queries are substrings of the corpus text',
      '(fixed seed, 1 to 8 characters).',
      '',
    ].join('\n');
  }
  // Append after the Search section's existing content (before the next "## " heading, if any).
  const at = md.indexOf('\n## ', md.indexOf('\n## Search') + 1);
  md = at < 0 ? md.replace(/\n*$/, '\n\n') + table + '\n' : md.slice(0, at).replace(/\n*$/, '\n\n') + table + '\n' + md.slice(at);
  await fs.writeFile(file, md);
  log('appended to BENCHMARKS.md');
}
