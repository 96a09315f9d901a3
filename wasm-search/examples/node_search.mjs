import fs from 'node:fs';
// Usage: cargo xtask wasm && cargo run -p wasm-search --example demo_index -- /tmp/idx
//        cp generator/assets/wasm/wasm_search.js /tmp/w/wasm_search.mjs; cp generator/assets/wasm/wasm_search_bg.wasm /tmp/w/
//        cp wasm-search/examples/node_search.mjs /tmp/w/ && node /tmp/w/node_search.mjs /tmp/idx
// Opens the index through the wasm engine with a file-backed range reader and prints
// what each query fetched (the browser worker does the same with synchronous XHR).
import { initSync, SearchEngine } from './wasm_search.mjs';
const dir = process.argv[2];
initSync({ module: fs.readFileSync(new URL('./wasm_search_bg.wasm', import.meta.url)) });
const manifest = fs.readFileSync(dir + '/manifest.json', 'utf8');
const read = (file, start, end) => {
  const fd = fs.openSync(dir + '/' + file);
  const buf = Buffer.alloc(end - start);
  fs.readSync(fd, buf, 0, end - start, start);
  fs.closeSync(fd);
  return new Uint8Array(buf);
};
const t0 = performance.now();
const eng = SearchEngine.open(manifest, read);
console.log('opened', eng.fetched_bytes(), 'bytes', (performance.now() - t0).toFixed(1), 'ms');
for (const q of ['三孩政策', '家庭健康 讲座', '孕', '心理健康']) {
  const before = eng.fetched_bytes();
  const t = performance.now();
  const r = JSON.parse(eng.search(q, '{"limit":10}'));
  console.log(q, 'total', r.total, 'fetched', eng.fetched_bytes() - before, (performance.now() - t).toFixed(1), 'ms');
  console.log('  ', r.hits[0].title_html, r.hits[0].url, r.hits[0].snippet.slice(0, 60));
}
try { eng.search('x', '{"bogus":1}'); } catch (e) { console.log('bad options ->', e.message); }
const bad = (f, s, e) => { throw new Error('network down'); };
try { SearchEngine.open(manifest, bad); } catch (e) { console.log('bad reader ->', e.message.slice(0, 120)); }
