// The test server in lib/server.mjs: index files, decoding, `..`, types, 404, Range and ignoreRange.
// (No browser: raw HTTP, so that `..` reaches the server unnormalised.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve } from './lib/server.mjs';

let dir, srv, plain;
const BODY = '0123456789abcdefghij'; // 20 bytes
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jiayuan-server-'));
  await fs.mkdir(path.join(dir, 'public', '标签', 'a b'), { recursive: true });
  await fs.writeFile(path.join(dir, 'secret.txt'), 'outside the root');
  const pub = path.join(dir, 'public');
  await fs.writeFile(path.join(pub, 'index.html'), '<h1>home</h1>');
  await fs.writeFile(path.join(pub, '404.html'), '<h1>missing</h1>');
  await fs.writeFile(path.join(pub, '标签', 'a b', 'index.html'), '<h1>tag</h1>');
  for (const ext of ['css', 'js', 'json', 'wasm', 'svg', 'xml']) await fs.writeFile(path.join(pub, `f.${ext}`), BODY);
  srv = await serve(pub);
  plain = await serve(pub, { ignoreRange: true });
});
after(async () => {
  await srv?.close();
  await plain?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** One raw GET: the path is sent exactly as given. */
function get(server, rawPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('directories serve index.html; paths are percent-decoded', async () => {
  const home = await get(srv, '/');
  assert.equal(home.status, 200);
  assert.equal(home.body, '<h1>home</h1>');
  assert.equal(home.headers['content-type'], 'text/html; charset=utf-8');
  const tag = await get(srv, encodeURI('/标签/a b/'));
  assert.equal(tag.status, 200);
  assert.equal(tag.body, '<h1>tag</h1>');
  const redirect = await get(srv, encodeURI('/标签/a b'));
  assert.equal(redirect.status, 301);
  assert.equal(decodeURI(redirect.headers.location), '/标签/a b/');
});

test('`..` is refused, encoded or not', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/x/..%2f..%2fsecret.txt']) {
    const r = await get(srv, p);
    assert.equal(r.status, 400, p);
    assert.ok(!r.body.includes('outside'), p);
  }
});

test('Content-Type by extension', async () => {
  const want = {
    css: 'text/css', js: 'text/javascript', json: 'application/json', wasm: 'application/wasm',
    svg: 'image/svg+xml', xml: 'application/xml',
  };
  for (const [ext, type] of Object.entries(want)) {
    const r = await get(srv, `/f.${ext}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'].split(';')[0], type, ext);
  }
});

test('missing files get 404.html with status 404', async () => {
  const r = await get(srv, '/nope/');
  assert.equal(r.status, 404);
  assert.equal(r.body, '<h1>missing</h1>');
  assert.match(r.headers['content-type'], /^text\/html/);
});

test('single byte ranges: 206 with Content-Range, 416 when unsatisfiable', async () => {
  const cases = [
    ['bytes=0-3', '0123', 'bytes 0-3/20'],
    ['bytes=10-', 'abcdefghij', 'bytes 10-19/20'],
    ['bytes=-4', 'ghij', 'bytes 16-19/20'],
    ['bytes=18-99', 'ij', 'bytes 18-19/20'],
  ];
  for (const [range, body, cr] of cases) {
    const r = await get(srv, '/f.wasm', { Range: range });
    assert.equal(r.status, 206, range);
    assert.equal(r.body, body, range);
    assert.equal(r.headers['content-range'], cr, range);
    assert.equal(Number(r.headers['content-length']), body.length);
  }
  const bad = await get(srv, '/f.wasm', { Range: 'bytes=20-' });
  assert.equal(bad.status, 416);
  assert.equal(bad.headers['content-range'], 'bytes */20');
  const whole = await get(srv, '/f.wasm');
  assert.equal(whole.status, 200);
  assert.equal(whole.headers['accept-ranges'], 'bytes');
});

test('ignoreRange: the whole file with 200, like a host without Range support', async () => {
  const r = await get(plain, '/f.wasm', { Range: 'bytes=0-3' });
  assert.equal(r.status, 200);
  assert.equal(r.body, BODY);
  assert.equal(r.headers['content-range'], undefined);
  assert.equal(r.headers['accept-ranges'], undefined);
});
