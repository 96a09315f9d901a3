// jiayuan 站内搜索的 Web Worker（模块 Worker；docs/decisions.md“Search is tantivy at both ends”）。
//
// 第一条消息 {type: 'init', glue, wasm, manifest, index} 给出 wasm-bindgen 胶水模块、
// wasm、manifest.json 和索引文件夹的地址（都必须与本站同源）。Worker 加载 wasm，
// 取 manifest.json，用“同步 XHR + Range 请求头”的读函数打开 SearchEngine：
// 一次查询只下载它用到的索引块。查询前先按步骤规划（engine.plan：词典块 →
// 倒排与位置 → 命中页面的存储字段），每一步要的块用 fetch 并行下载、交给
// engine.supply，于是查询本身不再等一个又一个同步请求。索引的各文件首尾相接
// 放在一个 index.bin 里；主机支持多范围请求（nginx、jiayuan serve 都支持；启动时
// 用 manifest.json 试一次）时，每一步只发一个请求。主机不支持 Range
//（回答 200 而不是 206）时，整个文件只下载一次，以后从内存里切片。
//
// 消息：{type: 'search', id, query, section, page, perPage}
//    → {type: 'results', id, results: {total, hits}, fetchedBytes, networkBytes, networkMs, requests,
//       rounds, syncReads, prefetchError, multiRange}
//      (the counters are totals since the worker started)
//    出错 → {type: 'error', id, message}
let engine = null;
let ready = null;
let indexUrl = '';
let version = '';
const wholeFiles = new Map(); // 不支持 Range 的主机：文件名 → 整个文件
const wholeLoads = new Map(); // 文件名 → 正在下载整个文件的 Promise
const stats = {
  networkBytes: 0, requests: 0, networkMs: 0, rounds: 0, syncReads: 0, prefetchError: '',
  rangeIgnored: false,
};
const MAX_ROUNDS = 4; // plan 最多要三轮；多一轮只为稳妥
let multiRange = false; // 主机能否一次回答多个范围（multipart/byteranges）

function sameOrigin(url) {
  const u = new URL(url, self.location.href);
  if (u.origin !== self.location.origin) {
    throw new Error('search assets must come from this site: ' + u.href);
  }
  return u.href;
}

function fileUrl(file) {
  return indexUrl + file.split('/').map(encodeURIComponent).join('/') +
    (version ? '?v=' + encodeURIComponent(version) : '');
}

function getSync(url, range) {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', url, false); // 同步：只在 Worker 里允许，正合 tantivy 的同步读取
  xhr.responseType = 'arraybuffer';
  if (range) xhr.setRequestHeader('Range', range);
  const t0 = performance.now();
  xhr.send();
  stats.networkMs += performance.now() - t0;
  stats.requests += 1;
  if (xhr.response) stats.networkBytes += xhr.response.byteLength;
  return xhr;
}

/** The engine's reader: exactly bytes [start, end) of `file`. */
function read(file, start, end) {
  if (end <= start) return new Uint8Array(0);
  stats.syncReads += 1;
  const whole = wholeFiles.get(file);
  if (whole) return checked(file, whole.slice(start, end), start, end);
  const url = fileUrl(file);
  const xhr = getSync(url, 'bytes=' + start + '-' + (end - 1));
  if (xhr.status === 206) {
    const m = /^bytes (\d+)-(\d+)\//.exec(xhr.getResponseHeader('Content-Range') || '');
    const bytes = new Uint8Array(xhr.response);
    if (m && Number(m[1]) === start && bytes.length >= end - start) {
      return bytes.subarray(0, end - start);
    }
    // An odd 206 (another range than asked for): fall back to the whole file.
    const again = getSync(url, null);
    if (again.status !== 200) throw new Error(file + ': HTTP ' + again.status);
    return keepWhole(file, again.response, start, end);
  }
  if (xhr.status === 200) return keepWhole(file, xhr.response, start, end);
  throw new Error(file + ': HTTP ' + xhr.status);
}

function keepWhole(file, buffer, start, end) {
  stats.rangeIgnored = true;
  const all = new Uint8Array(buffer);
  wholeFiles.set(file, all);
  return checked(file, all.slice(start, end), start, end);
}

function checked(file, bytes, start, end) {
  if (bytes.length !== end - start) {
    throw new Error(file + ': expected ' + (end - start) + ' bytes at ' + start + ', got ' + bytes.length);
  }
  return bytes;
}

/** fetch() from this site that counts the request and the bytes it brought. */
async function fetchCounted(url, init = {}) {
  const res = await fetch(url, { credentials: 'same-origin', ...init });
  const buffer = await res.arrayBuffer();
  stats.requests += 1;
  stats.networkBytes += buffer.byteLength;
  return { res, buffer };
}

/** The same bytes as read(), fetched asynchronously so that many run at once. */
async function fetchRange(file, start, end) {
  if (!stats.rangeIgnored && !wholeFiles.has(file)) {
    const got = await fetchRanges(file, [{ start, end }]);
    if (got) return got[0];
  }
  // A host that ignores Range, or an odd answer: the whole file, once.
  return checked(file, (await wholeFile(file)).slice(start, end), start, end);
}

/** Finds `needle` (ASCII) in `bytes` from `from`; -1 if absent. */
function indexOfAscii(bytes, needle, from) {
  const first = needle.charCodeAt(0);
  outer: for (let i = from; i <= bytes.length - needle.length; i++) {
    if (bytes[i] !== first) continue;
    for (let k = 1; k < needle.length; k++) {
      if (bytes[i + k] !== needle.charCodeAt(k)) continue outer;
    }
    return i;
  }
  return -1;
}

/** The parts of a 206 answer as [{start, bytes}], or null if it cannot be read. */
function partsOf(res, buffer) {
  const bytes = new Uint8Array(buffer);
  const type = res.headers.get('Content-Type') || '';
  const boundary = /^multipart\/byteranges;.*boundary="?([^";]+)"?/i.exec(type);
  if (!boundary) { // one part: the server may have merged the ranges
    const m = /^bytes (\d+)-(\d+)\//.exec(res.headers.get('Content-Range') || '');
    if (!m || Number(m[2]) - Number(m[1]) + 1 !== bytes.length) return null;
    return [{ start: Number(m[1]), bytes }];
  }
  const delimiter = '--' + boundary[1];
  const decoder = new TextDecoder('latin1');
  const parts = [];
  let pos = 0;
  for (;;) {
    const at = indexOfAscii(bytes, delimiter, pos);
    if (at < 0) return null;
    const after = at + delimiter.length;
    if (bytes[after] === 45 && bytes[after + 1] === 45) return parts; // "--": the end
    const headEnd = indexOfAscii(bytes, '\r\n\r\n', after);
    if (headEnd < 0) return null;
    const m = /content-range:\s*bytes (\d+)-(\d+)\//i.exec(decoder.decode(bytes.subarray(after, headEnd)));
    if (!m) return null;
    const start = Number(m[1]);
    const length = Number(m[2]) - start + 1;
    const from = headEnd + 4;
    if (from + length > bytes.length) return null;
    parts.push({ start, bytes: bytes.subarray(from, from + length) });
    pos = from + length;
  }
}

/** Ranges of one file in one request; null if the answer does not cover them. */
async function fetchRanges(file, wants) {
  const spec = wants.map((w) => w.start + '-' + (w.end - 1)).join(',');
  const { res, buffer } = await fetchCounted(fileUrl(file), { headers: { Range: 'bytes=' + spec } });
  if (res.status === 200) {
    keepWhole(file, buffer, 0, 0);
    return wants.map((w) => wholeFiles.get(file).slice(w.start, w.end));
  }
  if (res.status !== 206) throw new Error(file + ': HTTP ' + res.status);
  const parts = partsOf(res, buffer);
  if (!parts) return null;
  const out = [];
  for (const w of wants) {
    const part = parts.find((p) => p.start <= w.start && p.start + p.bytes.length >= w.end);
    if (!part) return null;
    out.push(part.bytes.subarray(w.start - part.start, w.end - part.start));
  }
  return out;
}

/** Whether the host answers several ranges at once, asked with the small manifest. */
async function probeMultiRange(manifestUrl) {
  try {
    const { res, buffer } = await fetchCounted(manifestUrl, {
      headers: { Range: 'bytes=0-0,2-2' }, cache: 'no-store',
    });
    const parts = res.status === 206 ? partsOf(res, buffer) : null;
    return parts !== null && parts.length === 2 && parts[0].start === 0 && parts[1].start === 2;
  } catch (e) {
    return false;
  }
}

function wholeFile(file) {
  const have = wholeFiles.get(file);
  if (have) return Promise.resolve(have);
  if (!wholeLoads.has(file)) {
    wholeLoads.set(file, (async () => {
      const { res, buffer } = await fetchCounted(fileUrl(file));
      if (res.status !== 200) throw new Error(file + ': HTTP ' + res.status);
      stats.rangeIgnored = true;
      wholeFiles.set(file, new Uint8Array(buffer));
      return wholeFiles.get(file);
    })());
  }
  return wholeLoads.get(file);
}

/** Fetches, round by round and in parallel, what the search will read. */
async function prefetch(query, optsJson) {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const wants = JSON.parse(engine.plan(query, optsJson));
    if (wants.length === 0) return;
    const t0 = performance.now();
    const parts = new Array(wants.length);
    const byFile = new Map();
    wants.forEach((w, i) => {
      if (!byFile.has(w.file)) byFile.set(w.file, []);
      byFile.get(w.file).push(i);
    });
    await Promise.all([...byFile].map(async ([file, indexes]) => {
      if (multiRange && indexes.length > 1 && !stats.rangeIgnored && !wholeFiles.has(file)) {
        const got = await fetchRanges(file, indexes.map((i) => wants[i]));
        if (got) {
          indexes.forEach((i, k) => { parts[i] = got[k]; });
          return;
        }
      }
      await Promise.all(indexes.map(async (i) => {
        parts[i] = await fetchRange(file, wants[i].start, wants[i].end);
      }));
    }));
    stats.networkMs += performance.now() - t0;
    stats.rounds += 1;
    wants.forEach((w, i) => engine.supply(w.start, parts[i]));
  }
}

async function init(msg) {
  const glue = sameOrigin(msg.glue);
  const wasm = sameOrigin(msg.wasm);
  const manifestUrl = sameOrigin(msg.manifest);
  indexUrl = sameOrigin(msg.index);
  if (!indexUrl.endsWith('/')) indexUrl += '/';
  const mod = await import(glue);
  await mod.default({ module_or_path: wasm });
  const probe = probeMultiRange(manifestUrl); // runs while the manifest loads and the engine opens
  const res = await fetch(manifestUrl, { cache: 'no-cache', credentials: 'same-origin' });
  if (!res.ok) throw new Error('manifest.json: HTTP ' + res.status);
  const text = await res.text();
  stats.networkBytes += new TextEncoder().encode(text).length;
  stats.requests += 1;
  const manifest = JSON.parse(text);
  version = typeof manifest.hash === 'string' ? manifest.hash : '';
  engine = mod.SearchEngine.open(text, read);
  multiRange = await probe;
}

async function search(msg) {
  const perPage = Math.max(1, Math.min(50, Number(msg.perPage) || 10));
  const page = Math.max(1, Math.floor(Number(msg.page) || 1));
  const opts = { offset: (page - 1) * perPage, limit: perPage };
  if (msg.section) opts.section = String(msg.section);
  if (msg.snippetChars) opts.snippet_chars = Number(msg.snippetChars);
  const query = String(msg.query || '');
  const optsJson = JSON.stringify(opts);
  try {
    await prefetch(query, optsJson);
  } catch (e) {
    // Only a speed-up: the search below reads what is still missing itself
    // and reports a real failure.
    stats.prefetchError = errorMessage(e);
  }
  return JSON.parse(engine.search(query, optsJson));
}

function errorMessage(e) {
  if (e && typeof e.message === 'string') return e.message;
  return String(e);
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === 'init') {
    if (!ready) {
      ready = init(msg);
      ready.catch(() => {}); // reported to each search below
    }
    return;
  }
  if (msg.type !== 'search') return;
  try {
    if (!ready) throw new Error('the search worker was not initialised');
    try {
      await ready;
    } catch (e) {
      self.postMessage({ type: 'error', id: msg.id, stage: 'init', message: errorMessage(e) });
      return;
    }
    const results = await search(msg);
    self.postMessage({
      type: 'results',
      id: msg.id,
      results,
      fetchedBytes: engine.fetched_bytes(),
      fetchRequests: engine.fetch_requests(),
      networkBytes: stats.networkBytes,
      networkMs: stats.networkMs,
      requests: stats.requests,
      rounds: stats.rounds,
      syncReads: stats.syncReads,
      prefetchError: stats.prefetchError,
      multiRange,
      rangeIgnored: stats.rangeIgnored,
    });
  } catch (e) {
    self.postMessage({ type: 'error', id: msg.id, message: errorMessage(e) });
  }
};
