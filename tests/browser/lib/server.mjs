// A tiny static file server for the built portal (node:http only).
// - `/dir/` → `/dir/index.html`; `/dir` (a folder) → redirect to `/dir/`
// - percent-decoded paths; any `..` segment is refused with 400
// - Content-Type for html/css/js/mjs/json/wasm/svg/xml/png/jpg/webp/ico/txt/woff2/mp4/webm/vtt
// - 404 → the site's 404.html with status 404
// - a single `Range: bytes=` range → 206 + Content-Range, unsatisfiable → 416;
//   several ranges → 206 multipart/byteranges (as nginx and `jiayuan serve` answer);
//   `ignoreRange: true` serves the whole file with 200 instead (like a host that ignores Range);
//   `multiRange: false` serves the whole file for several ranges (like S3)
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import net from 'node:net';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
};

export function contentType(file) {
  return MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Parses one `bytes=` range against a file size: {start, end} | 'invalid' | 'unsatisfiable' | null. */
export function parseRange(header, size) {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid'; // multi-range or garbage: ignore
  let start, end;
  if (m[1] === '') { // suffix: last N bytes
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return 'invalid';
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** Parses a `bytes=` header with several ranges: [{start, end}] of the satisfiable ones, or 'invalid'. */
export function parseRanges(header, size) {
  if (!header || !header.includes(',')) return 'invalid';
  const spec = header.trim().replace(/^bytes=/, '');
  if (spec === header.trim()) return 'invalid';
  const out = [];
  for (const part of spec.split(',')) {
    const one = parseRange('bytes=' + part.trim(), size);
    if (one === 'invalid' || one === null) return 'invalid';
    if (one !== 'unsatisfiable') out.push(one);
  }
  return out;
}

const BOUNDARY = 'test-byteranges-3c9d1f';

/** Reads `parts` ([{start, length}]) of `file` through one open handle, as a static host
 * keeps one descriptor for an answer, the reads side by side. */
async function readParts(file, parts) {
  const handle = await fs.open(file, 'r');
  try {
    return await Promise.all(parts.map(async ({ start, length }) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, start);
      return buffer.subarray(0, bytesRead);
    }));
  } finally {
    await handle.close();
  }
}

async function readPart(file, start, length) {
  return (await readParts(file, [{ start, length }]))[0];
}

async function resolveFile(root, urlPath) {
  let p = urlPath;
  if (p.endsWith('/')) p += 'index.html';
  const full = path.join(root, p);
  try {
    const st = await fs.stat(full);
    if (st.isDirectory()) return { redirect: urlPath + '/' };
    return { file: full, size: st.size };
  } catch {
    return null;
  }
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 = any). Resolves to
 * {server, port, origin, close(), requests} where `requests` logs {method, url, range, status, bytes}
 * (`bytes`: the body sent, multipart framing included).
 */
export async function serve(root, { port = 0, ignoreRange = false, multiRange = true } = {}) {
  root = path.resolve(root);
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const entry = { method: req.method, url: req.url, range: req.headers.range || null, status: 0 };
    requests.push(entry);
    const send = (status, headers, body) => {
      entry.status = status;
      entry.bytes = req.method === 'HEAD' || !body ? 0 : Buffer.byteLength(body);
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, 'method not allowed');
    }
    let urlPath;
    try {
      // Decode the raw path (not a URL-normalised one, which would quietly drop `..`).
      urlPath = decodeURIComponent(req.url.split(/[?#]/)[0]);
    } catch {
      return send(400, { 'Content-Type': 'text/plain' }, 'bad request');
    }
    if (!urlPath.startsWith('/') || urlPath.includes('\0') || urlPath.split(/[\\/]/).includes('..')) {
      return send(400, { 'Content-Type': 'text/plain' }, 'bad path');
    }
    const found = await resolveFile(root, urlPath);
    if (found && found.redirect) {
      return send(301, { Location: encodeURI(found.redirect) }, '');
    }
    if (!found) {
      let body = 'not found';
      let type = 'text/plain; charset=utf-8';
      try {
        body = await fs.readFile(path.join(root, '404.html'));
        type = MIME['.html'];
      } catch { /* no 404 page */ }
      return send(404, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) }, body);
    }
    const headers = {
      'Content-Type': contentType(found.file),
      'Cache-Control': 'no-cache',
    };
    if (!ignoreRange) headers['Accept-Ranges'] = 'bytes';
    const size = found.size;
    const several = ignoreRange || !multiRange ? 'invalid' : parseRanges(req.headers.range, size);
    if (several !== 'invalid') {
      if (several.length === 0) {
        return send(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 }, '');
      }
      const bodies = await readParts(found.file,
        several.map((r) => ({ start: r.start, length: r.end + 1 - r.start })));
      const chunks = [];
      for (const [i, r] of several.entries()) {
        chunks.push(Buffer.from(`\r\n--${BOUNDARY}\r\nContent-Type: ${headers['Content-Type']}\r\n` +
          `Content-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`));
        chunks.push(bodies[i]);
      }
      chunks.push(Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
      const body = Buffer.concat(chunks);
      return send(206, {
        ...headers,
        'Content-Type': `multipart/byteranges; boundary=${BOUNDARY}`,
        'Content-Length': body.length,
      }, body);
    }
    const multi = req.headers.range && req.headers.range.includes(',');
    const range = ignoreRange || multi ? null : parseRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      return send(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 }, '');
    }
    if (range && range !== 'invalid') {
      // Read only the range, as a static host does: index files are tens of MB.
      const part = await readPart(found.file, range.start, range.end + 1 - range.start);
      return send(206, {
        ...headers,
        'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
        'Content-Length': part.length,
      }, part);
    }
    const data = await fs.readFile(found.file);
    return send(200, { ...headers, 'Content-Length': data.length }, data);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    server,
    port: actual,
    origin: `http://127.0.0.1:${actual}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
