// The knowledge contest page (docs/decisions.md: "One quiz engine", "Accessibility"): a whole contest-2022 attempt by keyboard only, with a
// reload halfway; the expected score is computed from the bundle's answer key and the native paper.
// Also: practice feedback, 不计时, the clock, attempts per day, escaping, errors, axe, no-JS view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startSite, selfTestRoot, launchBrowser, newPage, open, JIAYUAN_BIN, PHONE, DESKTOP } from './lib/site.mjs';
import { focused, tabTo } from './lib/focus.mjs';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const AXE_SOURCE = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The saved attempt ({id, session (parsed), reveal}) or null. */
const activeState = (page) => page.evaluate(() => {
  const a = JSON.parse(localStorage.getItem('jiayuan.quiz.active') || 'null');
  return a && { ...a, session: JSON.parse(a.session) };
});

/** Waits until question `n` is on screen with focus on its heading. */
const waitQuestion = (page, n) => page.waitForFunction((n) => {
  const h = document.querySelector('.quiz-q__heading');
  return !!h && h.textContent.startsWith(`第 ${n} 题 / `) && document.activeElement === h;
}, n);

const round2 = (x) => Math.round(x * 100) / 100;

/**
 * How to answer paper question `pq` (display order) given bank question `bq` (original order):
 * {picks: display positions | text, response: what the engine stores, points}.
 * `wrong` answers wrongly; `partial` leaves one correct option of a multiple choice out.
 */
function planAnswer(pq, bq, { wrong = false, partial = false, n = 0 }) {
  const kind = Object.keys(bq.answer)[0];
  const a = bq.answer[kind];
  const max = pq.points ?? 5;
  const pos = (orig) => pq.option_order.indexOf(orig);
  switch (kind) {
    case 'single': {
      const k = pos(a);
      const c = wrong ? (k + 1) % pq.options.length : k;
      return { picks: [c], response: { choice: c }, points: wrong ? 0 : max };
    }
    case 'multiple': {
      const keys = a.map(pos).sort((x, y) => x - y);
      if (wrong) {
        const c = pq.options.map((_, i) => i).find((i) => !keys.includes(i));
        if (c !== undefined) return { picks: [c], response: { choices: [c] }, points: 0 };
      }
      const picks = partial || wrong ? keys.slice(0, -1) : keys;
      return { picks, response: { choices: picks }, points: (max * picks.length) / keys.length };
    }
    case 'true_false': {
      const t = wrong ? !a : a;
      return { picks: [t ? 0 : 1], response: { truth: t }, points: wrong ? 0 : max };
    }
    default: {
      const text = wrong ? '我不知道' : a[n % a.length];
      return { text, response: { text }, points: wrong ? 0 : max };
    }
  }
}

/** Answers the question on screen by keyboard: digits and letters (both cases), or Tab + typing; then Enter. */
async function answerByKeys(page, pq, plan, i) {
  if (plan.text !== undefined) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    assert.equal(f.type, 'text', `question ${i + 1}: Tab from the heading reaches the answer box`);
    await page.keyboard.type(plan.text);
  } else {
    for (const [j, p] of plan.picks.entries()) {
      let key = (i + j) % 2 ? 'ABCDEF'[p] : String(p + 1);
      if (i % 3 === 0) key = key.toLowerCase();
      await page.keyboard.press(key);
    }
    const checked = await page.locator('.quiz-option input').evaluateAll((xs) => xs.flatMap((x, k) => (x.checked ? [k] : [])));
    assert.deepEqual(checked, [...plan.picks].sort((x, y) => x - y), `question ${i + 1}: keys picked the options`);
  }
  await page.keyboard.press('Enter');
}

/** axe-core WCAG 2.0/2.1 A+AA violations on the page, as readable strings. */
async function runAxe(page, source) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: source });
  const r = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), TAGS);
  return r.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Without a contest server (no `[contest]` in site.toml), contests run as self-tests in the page.
let site, browser, bank, root;
before(async () => {
  root = await selfTestRoot();
  site = await startSite({ root });
  browser = await launchBrowser();
  const res = await fetch(site.url('/contest/data/contest-2022.json'));
  assert.equal(res.status, 200);
  bank = new Map((await res.json()).questions.map((q) => [q.id, q]));
});
after(async () => {
  await browser?.close();
  await site?.close();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

async function nativePaper(seed) {
  const { stdout } = await run(JIAYUAN_BIN, ['--root', root, 'quiz', 'paper', 'contest-2022', '--seed', String(seed)]);
  return JSON.parse(stdout);
}

const ready = (page) => page.waitForSelector('#quiz-app.is-ready', { state: 'attached' });
const liveText = (page, sel = '[data-live]') => page.locator(sel).textContent();

test('contest-2022 by keyboard only: choose, 标准计时, 20 answers, reload after 10, score and review', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await open(page, site.url('/contest/'));
    await ready(page);
    assert.deepEqual(await runAxe(page, AXE_SOURCE), [], 'axe on the chooser');

    // Choose the contest: Tab to its button, Enter.
    await tabTo(page, (f) => f.data.choose === 'contest-2022');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('quiz-title'));
    // Start screen: the timing choice defaults to 标准计时; Tab to 开始答题 and press Enter.
    const radio = await tabTo(page, (f) => f.type === 'radio');
    assert.equal(radio.value, 'standard');
    assert.ok(radio.checked, '标准计时 is the default');
    await tabTo(page, (f) => 'start' in f.data);
    await page.keyboard.press('Enter');
    await waitQuestion(page, 1);
    assert.match(await page.locator('.quiz-clock').textContent(), /剩余时间\s*1[45]:\d\d.*本题剩余\s*[01]:\d\d/);
    assert.deepEqual(await runAxe(page, AXE_SOURCE), [], 'axe on a question');

    const state = await activeState(page);
    assert.equal(state.id, 'contest-2022');
    assert.equal(state.session.timing, 'standard');
    assert.equal(state.session.question_time_limit_seconds, 60);
    const paper = await nativePaper(state.session.seed);
    assert.equal(paper.questions.length, 20);
    const firstMultiple = paper.questions.findIndex((q, i) => q.kind === 'multiple' && i !== 2);
    const plans = paper.questions.map((pq, i) => planAnswer(pq, bank.get(pq.id), { wrong: i === 2, partial: i === firstMultiple, n: i }));
    const expected = round2(plans.reduce((sum, p) => sum + p.points, 0));

    let startedQ11;
    for (let i = 0; i < 20; i++) {
      if (i === 10) {
        // Halfway: reload. The attempt resumes at question 11 with the same clock and the answers kept.
        const before = await activeState(page);
        startedQ11 = before.session.question_started_at_ms;
        await page.reload({ waitUntil: 'load' });
        await ready(page);
        await waitQuestion(page, 11);
        const after = await activeState(page);
        assert.equal(after.session.current, 10);
        assert.equal(after.session.question_started_at_ms, startedQ11, 'the question clock carries on after a reload');
        assert.equal(after.session.started_at_ms, before.session.started_at_ms);
        assert.deepEqual(after.session.responses.slice(0, 10), plans.slice(0, 10).map((p) => p.response));
        assert.ok(after.session.responses.slice(10).every((r) => r === null));
        await page.waitForFunction(() => /已恢复上次未完成的作答，继续第 11 题/.test(document.querySelector('[data-live]').textContent));
      }
      await waitQuestion(page, i + 1);
      const pq = paper.questions[i];
      assert.equal(await page.locator('.quiz-stem').textContent(), pq.stem, `question ${i + 1} shows the paper's stem`);
      await answerByKeys(page, pq, plans[i], i);
      if (i === 0) {
        await page.waitForFunction(() => document.querySelector('[data-live]').textContent === '第 1 题已作答。');
      }
    }

    // Result screen.
    await page.waitForFunction(() => document.activeElement?.classList.contains('quiz-result__heading'));
    const heading = await page.locator('.quiz-result__heading').textContent();
    const fmt = String(Math.round(expected * 100) / 100);
    assert.equal(heading, `竞答成绩：${fmt} 分 / 100 分`);
    assert.match(await page.locator('.quiz-score__verdict').textContent(), expected >= 60 ? /合格/ : /未合格/);
    const final = await activeState(page);
    assert.ok(final.session.finished_at_ms > 0);
    assert.deepEqual(final.session.responses, plans.map((p) => p.response));
    const items = page.locator('.quiz-review__item');
    assert.equal(await items.count(), 20);
    for (let i = 0; i < 20; i++) {
      const item = items.nth(i);
      const bq = bank.get(paper.questions[i].id);
      assert.equal(await item.locator('.quiz-review__stem').textContent(), paper.questions[i].stem);
      assert.equal(await item.locator('.quiz-review__explanation').textContent(), `解析：${bq.explanation}`);
      assert.match(await item.locator('.quiz-review__yours').textContent(), /^您的答案：./);
      assert.match(await item.locator('.quiz-review__key').textContent(), /^正确答案：./);
    }
    const links = await page.locator('.quiz-review__source a').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(links.length >= 1, 'the review links to sources');
    for (const href of new Set(links)) {
      assert.ok(href.startsWith(site.origin), `${href} stays on the site`);
      assert.equal((await fetch(href)).status, 200, `${href} resolves`);
    }
    assert.deepEqual(await runAxe(page, AXE_SOURCE), [], 'axe on the result screen');
    assert.match(await page.locator('.quiz-score').textContent(), /今天还可作答 2 次/);

    // 返回 clears the attempt and goes back to the chooser, focus on the contest's button.
    await tabTo(page, (f) => 'back' in f.data);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.dataset.choose === 'contest-2022');
    assert.equal(await activeState(page), null);
    assert.match(await page.locator('[data-contest-id="contest-2022"] [data-status]').textContent(), /今天还可作答 2 次/);
  } finally {
    await context.close();
  }
});

test('practice set: the explanation shows right after each answer; escaped content; no timer', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  try {
    // Inject markup into every stem: it must come out as text.
    await page.route('**/contest/data/practice-association.json', async (route) => {
      const res = await route.fetch();
      const data = await res.json();
      for (const q of data.questions) q.stem = `<b class="injected">注入</b>${q.stem}`;
      await route.fulfill({ response: res, body: JSON.stringify(data) });
    });
    const practice = await (await fetch(site.url('/contest/data/practice-association.json'))).json();
    const byId = new Map(practice.questions.map((q) => [q.id, q]));
    await open(page, site.url('/contest/'));
    await ready(page);
    await page.click('[data-choose="practice-association"]');
    assert.equal(await page.locator('.quiz-timing').count(), 0, 'an untimed practice set offers no timing choice');
    await page.click('[data-start]');
    await waitQuestion(page, 1);
    assert.equal(await page.locator('.quiz-clock__item').count(), 0, 'no timer');
    assert.equal(await page.locator('.injected').count(), 0, 'markup in the data is not parsed');
    assert.match(await page.locator('.quiz-stem').textContent(), /^<b class="injected">注入<\/b>/);

    const { session } = await activeState(page);
    assert.equal(session.review, 'after_each');
    for (let i = 0; i < 3; i++) {
      await waitQuestion(page, i + 1);
      const stem = (await page.locator('.quiz-stem').textContent()).replace('<b class="injected">注入</b>', '');
      const bq = practice.questions.find((q) => q.stem === stem);
      const options = await page.locator('.quiz-option__text').allTextContents();
      // The display order, read off the page (options are shuffled).
      const texts = bq.options ? options.map((t) => t.replace(/^[A-F]\. /, '')) : [];
      const shown = { kind: kindOf(bq), points: 10, options: texts, option_order: texts.map((t) => bq.options.indexOf(t)) };
      const plan = planAnswer(shown, byId.get(bq.id), { wrong: i === 1, n: i });
      await answerByKeys(page, shown, plan, i);
      // The feedback appears at once, with the explanation, and is announced.
      const fb = page.locator('.quiz-feedback');
      await fb.waitFor({ state: 'visible' });
      assert.match(await fb.textContent(), i === 1 ? /回答错误/ : /回答正确/);
      assert.match(await fb.textContent(), new RegExp(`解析：${escapeRe(bq.explanation)}`));
      await page.waitForFunction((ex) => document.querySelector('[data-live]').textContent.includes(ex), bq.explanation);
      assert.equal(await focused(page).then((f) => f.text), i + 1 < 10 ? '下一题' : '查看成绩');
      if (bq.options) assert.ok(await page.locator('.quiz-option input').first().isDisabled(), 'the answer is locked');
      if (i === 0) assert.deepEqual(await runAxe(page, AXE_SOURCE), [], 'axe on practice feedback');
      // A reload shows the same feedback again.
      if (i === 2) {
        await page.reload({ waitUntil: 'load' });
        await ready(page);
        await page.locator('.quiz-feedback').waitFor({ state: 'visible' });
        assert.match(await page.locator('.quiz-feedback').textContent(), /解析：/);
      }
      await page.keyboard.press('Enter');
    }
    await waitQuestion(page, 4);
  } finally {
    await context.close();
  }
});

function kindOf(q) {
  return Object.keys(q.answer)[0];
}
function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('不计时 shows no timer; 延长一倍 doubles it; the clock announces minutes and finishes at zero', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await open(page, site.url('/contest/'));
    await ready(page);
    await page.click('[data-choose="contest-2022"]');
    await page.check('input[name=timing][value=off]');
    await page.click('[data-start]');
    await waitQuestion(page, 1);
    assert.equal(await page.locator('.quiz-clock__item').count(), 0, '不计时: no timer shown');
    assert.equal(await page.locator('[role=timer]').count(), 0);
    assert.equal((await activeState(page)).session.timing, 'off');
  } finally {
    await context.close();
  }
  const second = await newPage(browser, PHONE);
  try {
    const { page } = second;
    await page.clock.install({ time: new Date('2022-05-29T09:00:00+08:00') });
    await open(page, site.url('/contest/'));
    await ready(page);
    await page.click('[data-choose="contest-2022"]');
    await page.check('input[name=timing][value=double]');
    await page.click('[data-start]');
    await waitQuestion(page, 1);
    assert.match(await page.locator('.quiz-clock').textContent(), /剩余时间\s*30:00.*本题剩余\s*2:00/);
    // Let the question's 2 minutes run out: the page moves on by itself and says so.
    await page.clock.runFor(121_000);
    await waitQuestion(page, 2);
    assert.match(await liveText(page), /第 1 题时间到，进入下一题/);
    assert.match(await liveText(page, '[data-timer-live]'), /剩余时间 28 分钟/);
    assert.equal((await activeState(page)).session.responses[0], null);
    // Jump past the end of the attempt: it finishes automatically.
    await page.clock.fastForward('31:00');
    await page.waitForFunction(() => document.activeElement?.classList.contains('quiz-result__heading'));
    assert.match(await page.locator('.quiz-result').textContent(), /时间到，已自动交卷/);
    assert.ok((await activeState(page)).session.finished_at_ms > 0);
  } finally {
    await second.context.close();
  }
});

test('attempts per day are counted locally and enforced, with practice offered instead', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  page.on('dialog', (d) => d.accept());
  try {
    await open(page, site.url('/contest/'));
    await ready(page);
    assert.match(await page.locator('[data-contest-id="contest-2022"] [data-status]').textContent(), /今天还可作答 3 次/);
    await page.click('[data-choose="contest-2022"]');
    await page.click('[data-start]');
    await waitQuestion(page, 1);
    const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('jiayuan.quiz.attempts.contest-2022.')));
    const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
    assert.equal(key, `jiayuan.quiz.attempts.contest-2022.${today}`);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), '1');
    // 交卷 early (confirm dialog accepted): the unanswered questions score nothing.
    await page.click('.quiz-finish');
    await page.waitForSelector('.quiz-result__heading');
    assert.equal(await page.locator('.quiz-result__heading').textContent(), '竞答成绩：0 分 / 100 分');
    assert.match(await page.locator('.quiz-score').textContent(), /未合格/);
    // Two more attempts today (set directly), then 再试一次 is refused and practice is offered.
    await page.evaluate((k) => localStorage.setItem(k, '3'), key);
    await page.click('[data-retry]');
    await page.waitForSelector('.quiz-start');
    assert.match(await page.locator('.quiz-start').textContent(), /今天的 3 次作答机会已经用完/);
    assert.equal(await page.locator('[data-start]').count(), 0, 'no start button');
    assert.equal(await page.locator('.quiz-practice-links button').count(), 8);
    await page.click('.quiz-practice-links button >> nth=0');
    await page.waitForSelector('[data-start]');
    assert.match(await page.locator('.quiz-title').textContent(), /练习/);
    // The chooser says so too, after a reload.
    await page.reload({ waitUntil: 'load' });
    await ready(page);
    assert.match(await page.locator('[data-contest-id="contest-2022"] [data-status]').textContent(), /次数已经用完/);
    // A new day starts afresh (yesterday's count is not today's).
    await page.evaluate((k) => { localStorage.removeItem(k); localStorage.setItem(k.replace(/\d{4}-\d\d-\d\d$/, '2000-01-01'), '3'); }, key);
    await page.reload({ waitUntil: 'load' });
    await ready(page);
    assert.match(await page.locator('[data-contest-id="contest-2022"] [data-status]').textContent(), /今天还可作答 3 次/);
  } finally {
    await context.close();
  }
});

test('axe in high-contrast mode at 320px: chooser, question, result; touch targets ≥ 44px', async () => {
  const { context, page } = await newPage(browser, { width: 320, height: 640 });
  page.on('dialog', (d) => d.accept());
  await context.addInitScript(() => localStorage.setItem('jiayuan.contrast', 'high'));
  try {
    await open(page, site.url('/contest/'));
    await ready(page);
    assert.deepEqual(await runAxe(page, AXE_SOURCE), [], 'chooser');
    await page.click('[data-choose="contest-2022"]');
    assert.deepEqual(await runAxe(page, AXE_SOURCE), [], 'start screen');
    await page.click('[data-start]');
    await waitQuestion(page, 1);
    assert.deepEqual(await runAxe(page, AXE_SOURCE), [], 'question');
    const small = await page.evaluate(() => [...document.querySelectorAll('.quiz-stage button, .quiz-option, .quiz-stage input[type=text]')]
      .map((e) => ({ t: e.textContent.trim().slice(0, 12), w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height }))
      .filter((r) => r.w < 44 || r.h < 44));
    assert.deepEqual(small, [], 'touch targets');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no sideways scrolling at 320px');
    await page.click('.quiz-finish');
    await page.waitForSelector('.quiz-result__heading');
    assert.deepEqual(await runAxe(page, AXE_SOURCE), [], 'result');
  } finally {
    await context.close();
  }
});

test('engine errors become a friendly message', async () => {
  const { context, page } = await newPage(browser, DESKTOP);
  try {
    await page.route('**/contest/data/practice-care.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"format": 99}' }));
    await open(page, site.url('/contest/'));
    await ready(page);
    await page.click('[data-choose="practice-care"]');
    await page.click('[data-start]');
    const alert = page.locator('[role=alert]');
    await alert.filter({ hasText: '题目没有载入成功' }).waitFor();
    // A saved attempt that no longer fits the contest is dropped with a message.
    await page.evaluate(() => localStorage.setItem('jiayuan.quiz.active', JSON.stringify({ v: 1, id: 'contest-2022', session: '{"seed": 5}', reveal: null })));
    await page.reload({ waitUntil: 'load' });
    await ready(page);
    await alert.filter({ hasText: '无法继续' }).waitFor();
    assert.equal(await activeState(page), null);
    assert.ok(await page.locator('[data-home]').isVisible());
  } finally {
    await context.close();
  }
});

test('without JavaScript: rules, the list with its numbers, a notice, working study links', async () => {
  const { context, page } = await newPage(browser, PHONE, { javaScriptEnabled: false });
  try {
    await open(page, site.url('/contest/'));
    const main = await page.locator('main').innerText();
    assert.match(main, /答题需要浏览器启用 JavaScript/);
    assert.match(main, /竞答规则/);
    const card = page.locator('[data-contest-id="contest-2022"]');
    assert.match(await card.innerText(), /题量\s*：?\s*20 题[\s\S]*时限\s*：?\s*15 分钟，每题 60 秒[\s\S]*及格分\s*：?\s*60 分[\s\S]*每日次数\s*：?\s*3 次/);
    assert.equal(await page.locator('.contest-card--practice').count(), 8);
    assert.equal(await page.locator('[data-choose]').first().isVisible(), false, 'no dead buttons');
    const order = await page.locator('.contest-card').evaluateAll((cs) => cs.map((c) => c.dataset.contestId));
    assert.equal(order[0], 'contest-2022', 'the contest comes first');
    const hrefs = await page.locator('main .section-intro a').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(hrefs.length >= 8);
    for (const href of hrefs) assert.equal((await fetch(href)).status, 200, href);
  } finally {
    await context.close();
  }
});
