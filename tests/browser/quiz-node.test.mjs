// One quiz engine (docs/decisions.md): the committed wasm (loaded in Node, no browser) draws exactly the
// paper the native engine prints with `jiayuan quiz paper <contest> --seed N`, for many seeds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, JIAYUAN_BIN, selfTestRoot } from './lib/site.mjs';

const run = promisify(execFile);
const WASM_DIR = path.join(REPO, 'generator/assets/wasm');
const CONTEST = 'contest-2022';
// Edge seeds (0, 1, 2^32±1, 2^53-1), Date.now()-sized ones, and a spread in between: 24 in all.
const SEEDS = [
  0, 1, 2, 3, 7, 42, 99, 1000, 65535, 65536, 2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1,
  123456789, 987654321012, 1653782400000, 1700000000000, 1735689600123, 1795906249320,
  2 ** 40 + 17, 4503599627370496, 9007199254740990, 9007199254740991,
];

let tmp, root, Quiz, quiz, bundle;
before(async () => {
  if (!existsSync(JIAYUAN_BIN)) {
    throw new Error(`jiayuan binary not found at ${JIAYUAN_BIN}: run \`cargo build -p jiayuan\` or set JIAYUAN_BIN`);
  }
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jiayuan-quiz-node-'));
  // The glue sits in a folder without package.json, so Node would read it as CommonJS: copy as .mjs.
  const glue = path.join(tmp, 'wasm_quiz.mjs');
  await fs.copyFile(path.join(WASM_DIR, 'wasm_quiz.js'), glue);
  const mod = await import(pathToFileURL(glue).href);
  mod.initSync({ module: readFileSync(path.join(WASM_DIR, 'wasm_quiz_bg.wasm')) });
  Quiz = mod.Quiz;
  // The bundle exactly as a fresh build writes it for the contest page of a portal whose
  // contests run in the browser (without a contest server).
  root = await selfTestRoot();
  const out = path.join(tmp, 'public');
  await run(JIAYUAN_BIN, ['--root', root, 'build', '--output', out, '--base-url', 'http://127.0.0.1:1'], { maxBuffer: 16 << 20 });
  bundle = await fs.readFile(path.join(out, 'contest/data', `${CONTEST}.json`), 'utf8');
  quiz = new Quiz(bundle);
});
after(async () => {
  quiz?.free();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  if (root) await fs.rm(root, { recursive: true, force: true });
});

async function nativePaper(seed) {
  const { stdout } = await run(JIAYUAN_BIN, ['--root', root, 'quiz', 'paper', CONTEST, '--seed', String(seed)], { maxBuffer: 16 << 20 });
  return JSON.parse(stdout);
}

test('the bundle loads and describes contest-2022', () => {
  const info = JSON.parse(quiz.contestJson());
  assert.equal(info.id, CONTEST);
  assert.equal(info.paper_len, 20);
  assert.equal(info.mode, 'contest');
  assert.ok(JSON.parse(bundle).questions.length >= 20);
});

test(`wasm paperJson equals the native \`quiz paper\` for ${SEEDS.length} seeds`, async () => {
  assert.ok(SEEDS.length >= 20 && new Set(SEEDS).size === SEEDS.length);
  const natives = await Promise.all(SEEDS.map(nativePaper));
  SEEDS.forEach((seed, i) => {
    const wasm = JSON.parse(quiz.paperJson(seed));
    assert.equal(wasm.seed, seed);
    assert.equal(wasm.questions.length, 20, `seed ${seed}`);
    assert.deepEqual(wasm, natives[i], `seed ${seed}: wasm and native papers differ`);
  });
});

test('the same seed gives the same paper; different seeds give different papers', () => {
  const a = quiz.paperJson(20220529);
  assert.equal(quiz.paperJson(20220529), a);
  // A second engine object over the same bundle agrees too.
  const other = new Quiz(bundle);
  try {
    assert.equal(other.paperJson(20220529), a);
  } finally {
    other.free();
  }
  const b = quiz.paperJson(20220530);
  assert.notDeepEqual(JSON.parse(b).questions, JSON.parse(a).questions);
  const ids = (p) => JSON.parse(p).questions.map((q) => q.id).join();
  const distinct = new Set(SEEDS.map((s) => ids(quiz.paperJson(s))));
  assert.ok(distinct.size > SEEDS.length / 2, `only ${distinct.size} distinct papers over ${SEEDS.length} seeds`);
});

test('bad seeds are refused with a JsError, not a panic', () => {
  for (const bad of [-1, 1.5, 2 ** 53, NaN]) {
    assert.throws(() => quiz.paperJson(bad), /seed/, `seed ${bad}`);
  }
  assert.throws(() => new Quiz('[]'));
  // The engine is still usable afterwards.
  assert.equal(JSON.parse(quiz.paperJson(1)).questions.length, 20);
});
