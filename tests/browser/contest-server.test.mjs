// The knowledge contest on the contest server (issue 9): the demo portal built as published, served by
// `jiayuan contest serve --site`, driven in Chromium by keyboard only. Registration, a whole
// contest-2022 attempt with a reload halfway, the score against what the server stored, no key in
// any response before submitting, forged localStorage that changes nothing, the results page after
// three participants from three cities, and axe on every new view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchBrowser, newPage, REPO, JIAYUAN_BIN, DESKTOP, PHONE, waitUntilServing } from './lib/site.mjs';
import { focused, tabTo } from './lib/focus.mjs';
import { freePort } from './lib/server.mjs';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const AXE_SOURCE = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let tmp, server, origin, browser, log = '';

before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jiayuan-contest-server-'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const dir = path.join(tmp, 'public');
  await run(JIAYUAN_BIN, ['--root', REPO, 'build', '--output', dir, '--base-url', origin], { maxBuffer: 16 << 20 });
  server = spawn(JIAYUAN_BIN, ['--root', REPO, 'contest', 'serve', '--site', dir, '--db', path.join(tmp, 'contest.db'),
    '--listen', `127.0.0.1:${port}`, '--ip-rate', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  server.stderr.on('data', (d) => { log += d; });
  await waitUntilServing(`${origin}/api/v1/consent`, 100);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

async function api(method, p, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${origin}/api/v1/${p}`, { method, headers, body: body && JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

async function axe(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const r = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), TAGS);
  return r.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const waitQuestion = (page, n) => page.waitForFunction((n) => {
  const h = document.querySelector('.quiz-q__heading');
  return !!h && h.textContent.startsWith(`第 ${n} 题 / `) && document.activeElement === h;
}, n);

/** Answers the question on screen by keyboard and confirms with Enter. */
async function answerByKeyboard(page) {
  const kind = await page.evaluate(() => (document.querySelector('input[type=text].quiz-text') ? 'fill_blank'
    : document.querySelector('.quiz-options input[type=checkbox]') ? 'multiple' : 'choice'));
  if (kind === 'fill_blank') {
    await tabTo(page, (f) => f.id === 'quiz-text');
    await page.keyboard.type('长期均衡');
  } else if (kind === 'multiple') {
    await page.keyboard.press('1');
    await page.keyboard.press('2');
  } else {
    await page.keyboard.press('1');
  }
  await page.keyboard.press('Enter');
}

test('a whole contest by keyboard, on the server: register, answer, reload, resume, submit', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  const bodies = [];
  page.on('response', async (res) => {
    if (!res.url().includes('/api/')) return;
    try { bodies.push({ url: res.url(), text: await res.text() }); } catch (e) { /* navigated away */ }
  });
  await page.goto(`${origin}/contest/`);
  await page.waitForSelector('#quiz-app.is-ready');
  assert.equal(await page.locator('[data-contest-id="contest-2022"]').getAttribute('data-server'), '/api/');
  // The published page holds no bundle for the server's contest.
  assert.equal((await fetch(`${origin}/contest/data/contest-2022.json`)).status, 404);
  await tabTo(page, (f) => f.data.choose === 'contest-2022');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quiz-start [data-start]');
  await tabTo(page, (f) => 'start' in f.data);
  await page.keyboard.press('Enter');
  // Registration: the consent text from the server, then the fields, by keyboard.
  await page.waitForSelector('form.quiz-register');
  assert.match(await page.textContent('#reg-consent-text'), /自登记之日起保存 180 天/);
  assert.deepEqual(await axe(page), [], 'registration form');
  await tabTo(page, (f) => f.id === 'reg-name');
  await page.keyboard.type('王小红');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown'); // 请选择 → 石家庄
  await page.keyboard.press('Tab');
  await page.keyboard.type('13700000001');
  await tabTo(page, (f) => f.id === 'reg-consent');
  await page.keyboard.press('Space');
  await tabTo(page, (f) => f.tag === 'button' && f.text === '同意并开始答题');
  await page.keyboard.press('Enter');
  await waitQuestion(page, 1);
  assert.deepEqual(await axe(page), [], 'question page');
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('jiayuan.contest.token')).token);
  for (let n = 1; n <= 10; n++) {
    await answerByKeyboard(page);
    await waitQuestion(page, n + 1);
  }
  // A reload resumes at question 11 from the server's record.
  await page.reload();
  await waitQuestion(page, 11);
  await page.waitForFunction(() => document.querySelector('[data-live]').textContent.includes('已恢复上次未完成的作答，继续第 11 题'));
  const attempt = await page.evaluate(() => JSON.parse(localStorage.getItem('jiayuan.contest.active')).attempt);
  const mid = await api('GET', `attempts/${attempt}`, undefined, token);
  assert.equal(Object.keys(mid.body.answers).length, 10, 'ten answers saved on the server');
  for (let n = 11; n <= 20; n++) {
    await answerByKeyboard(page);
    if (n < 20) await waitQuestion(page, n + 1);
  }
  await page.waitForSelector('.quiz-result__heading');
  const heading = await page.textContent('.quiz-result__heading');
  const stored = await api('GET', `attempts/${attempt}`, undefined, token);
  assert.equal(stored.body.submitted, true);
  assert.equal(stored.body.result.answered, 20);
  assert.equal(heading, `竞答成绩：${stored.body.result.score} 分 / 100 分`);
  assert.equal(await page.locator('.quiz-review__item').count(), 20);
  assert.deepEqual(await axe(page), [], 'result page');
  // Nothing the page received before submitting held an explanation or a source of its paper.
  const submitAt = bodies.findIndex((b) => b.url.endsWith('/submit'));
  assert.ok(submitAt > 0, 'the submit went through the page');
  // A source may be quoted in another question's stem; what the paper itself shows is no secret.
  const shown = stored.body.result.review.flatMap((r) => [r.stem, ...(r.options || [])]).join('\n');
  const secrets = stored.body.result.review.flatMap((r) => [r.explanation, r.source])
    .filter((s) => s && s.length > 4 && !shown.includes(s));
  assert.ok(secrets.length >= 20);
  for (const b of bodies.slice(0, submitAt)) {
    for (const s of secrets) assert.ok(!b.text.includes(s), `${b.url} leaked “${s}” before submitting`);
  }
  assert.ok(secrets.every((s) => bodies[submitAt].text.includes(s)), 'the review after submitting has them all');

  // Forged localStorage: a local “full marks” session and a made-up attempt change nothing on the server.
  const before = await api('GET', 'contests/contest-2022/results');
  await page.evaluate(() => {
    localStorage.setItem('jiayuan.quiz.active', JSON.stringify({ v: 1, id: 'contest-2022', session: JSON.stringify({ contest_id: 'contest-2022', seed: 1, fingerprint: 'x', responses: [], current: 0, started_at_ms: 0, question_started_at_ms: 0, finished_at_ms: 7000, timing: 'standard', review: 'after_each', time_limit_seconds: 900 }) }));
    localStorage.setItem('jiayuan.contest.active', JSON.stringify({ contest: 'contest-2022', attempt: 'forged-attempt', current: 19, key: 'k' }));
    localStorage.setItem('jiayuan.quiz.attempts.contest-2022.2022-05-29', '-99');
  });
  await page.reload();
  await page.waitForSelector('.quiz-notice--error');
  assert.equal(await page.textContent('.quiz-notice--error'), '没有找到这次作答，请重新开始竞答。');
  const afterForgery = await api('GET', 'contests/contest-2022/results');
  assert.deepEqual(afterForgery.body.cities, before.body.cities);
  assert.deepEqual(afterForgery.body.top, before.body.top);
  await context.close();
});

/** A participant through the API alone, answering `right` questions with the first option. */
async function participant(name, city, phone) {
  const reg = await api('POST', 'participants', { name, city, phone, consent: true });
  assert.equal(reg.status, 201);
  const a = await api('POST', 'contests/contest-2022/attempts', { timing: 'double' }, reg.body.token);
  assert.equal(a.status, 201);
  for (const q of a.body.questions.slice(0, 5)) {
    const answer = q.type === 'true_false' ? true : q.type === 'fill_blank' ? '长期均衡' : q.type === 'multiple' ? ['A', 'B'] : 'A';
    assert.equal((await api('PUT', `attempts/${a.body.attempt_id}/answers/${q.id}`, { answer }, reg.body.token)).status, 200);
  }
  const done = await api('POST', `attempts/${a.body.attempt_id}/submit`, {}, reg.body.token);
  assert.equal(done.status, 200);
  return done.body;
}

test('the results page shows every city and the best participants, masked', async () => {
  await participant('欧阳明月', '保定', '13700000002');
  await participant('孙七', '辛集', '13700000003');
  const { context, page } = await newPage(browser, PHONE);
  await page.goto(`${origin}/contest/results/`);
  await page.waitForSelector('[data-city-rows] tr');
  const rows = await page.$$eval('[data-city-rows] tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, 13);
  const byCity = Object.fromEntries(rows.map((r) => [r[1], r]));
  for (const city of ['石家庄', '保定', '辛集']) assert.equal(byCity[city][2], '1', `${city} has one participant`);
  assert.equal(byCity['唐山'][2], '0');
  assert.equal(byCity['石家庄'][0], '1');
  assert.equal(byCity['唐山'][0], '4', 'competition ranking after a three-way tie');
  const top = await page.$$eval('[data-top-rows] tr', (trs) => trs.map((tr) => tr.children[1].textContent));
  assert.deepEqual([...top].sort(), ['孙*', '欧**月', '王*红'].sort());
  const html = await page.content();
  assert.ok(!html.includes('1370000'), 'no phone number on the page');
  assert.equal(await page.locator('[data-chart] svg rect').count(), 13);
  assert.deepEqual(await axe(page), [], 'results page');
  await page.screenshot({ path: path.join(tmp, 'results.png'), fullPage: true });
  await context.close();
});
