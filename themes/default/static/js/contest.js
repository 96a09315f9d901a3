// 知识竞答（docs/decisions.md：One quiz engine、Privacy、Accessibility）：选竞答 → 开始页（规则、计时方式）→ 逐题作答 → 成绩与逐题回看。
// 引擎是 wasm-quiz（wasm-bindgen 生成的 ES 模块），按需 import；作答进度存在 localStorage，
// 重新载入页面会回到同一道题、同一个计时。
import { h, fill, focusOn } from "./contest-dom.js";
import * as store from "./contest-store.js";
import { renderStart, renderQuestion, questionKey } from "./contest-view.js";
import { renderResult } from "./contest-result.js";
import { Clock } from "./contest-timer.js";
import * as engine from "./contest-engine.js";
import { RemoteContest } from "./contest-remote.js";
import * as remoteStore from "./contest-api.js";

const app = document.getElementById("quiz-app");
const el = app && {
  home: app.querySelector("[data-home]"),
  stage: app.querySelector("[data-stage]"),
  live: app.querySelector("[data-live]"),
  timerLive: app.querySelector("[data-timer-live]"),
  error: h("div", { class: "quiz-error", role: "alert" }),
};
const contests = new Map();
const root = app ? app.dataset.root || "/" : "/";
/** 当前作答：info（竞答）、quiz（引擎对象）、session（JSON 字符串）、s（解析后的会话）、paper、reveal、view。 */
const st = { mode: "home", info: null, quiz: null, session: null, s: null, paper: null, reveal: null, view: null, skip: false, busy: false };
const clock = new Clock({
  remaining: (now) => st.quiz.remaining(st.session, now),
  questionRemaining: (now) => st.quiz.questionRemaining(st.session, now),
  view: () => st.view,
  announce: (text) => say(text, el.timerLive),
  onTimeUp: () => timeUp(),
  onQuestionTimeUp: () => questionTimeUp(),
});

// 服务器模式的竞答（卡片上有 data-server）由 contest-remote.js 负责，复用这里的页面切换与播报。
const server = new RemoteContest({
  showStage: (node, mode) => showStage(node, mode),
  showHome: (info) => showHome(info),
  say: (text, region) => say(text, region),
  showError: (text) => showError(text),
  timerLive: el && el.timerLive,
  root,
  practices: () => [...contests.values()].filter((c) => c.mode !== "contest"),
  choose: (id) => choose(id),
});

// ---- 引擎 ----
const loadEngine = () => engine.loadEngine(app.dataset.quizJs, app.dataset.quizWasm);
const loadQuiz = (info) => engine.loadQuiz(info, app.dataset.quizJs, app.dataset.quizWasm);

// ---- 播报与提示 ----
function say(text, region = el.live) {
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 60);
}
function showError(text) {
  fill(el.error, h("p", { class: "quiz-notice quiz-notice--error" }, text));
}
function engineError(e) {
  const msg = String((e && e.message) || e);
  console.error("知识竞答：", e);
  if (/time is up for this attempt|already finished/.test(msg)) return finishAttempt("时间到，已自动交卷");
  if (/time is up for question/.test(msg)) return next({ timeUp: true });
  if (/changed since|start a new|not readable|no question|Stale/i.test(msg)) {
    store.clearActive();
    showHome();
    return showError("竞答题目已经更新，上次未完成的作答无法继续，请重新开始。");
  }
  showError("答题程序出现了问题，请刷新页面后重试。如果仍然不行，请换一个浏览器试试。");
}

// ---- 视图切换 ----
function showStage(node, mode) {
  el.home.hidden = true;
  el.stage.hidden = false;
  fill(el.stage, node);
  st.mode = mode;
}

function showHome(focusInfo) {
  clock.reset();
  server.reset();
  st.mode = "home";
  st.view = null;
  el.stage.hidden = true;
  el.stage.replaceChildren();
  el.home.hidden = false;
  fill(el.error);
  for (const info of contests.values()) {
    const status = info.card.querySelector("[data-status]");
    if (!status || !info.attempts || info.server) continue;
    const left = store.attemptsLeft(info);
    status.textContent = left > 0 ? `今天还可作答 ${left} 次。` : "今天的作答次数已经用完，请明天再来，或先做分题库练习。";
    status.hidden = false;
  }
  if (focusInfo) focusOn(focusInfo.card.querySelector("[data-choose]"));
}

function choose(id) {
  const info = contests.get(id);
  if (!info) return;
  fill(el.error);
  clock.reset();
  if (info.server) return server.choose(info);
  st.info = info;
  st.view = null;
  loadQuiz(info).catch(() => {}); // 读者看规则时先把题库载入
  const practices = [...contests.values()].filter((c) => c.mode !== "contest");
  const v = renderStart(info, {
    left: store.attemptsLeft(info), practices,
    onStart: (timing) => start(info, timing),
    onBack: () => showHome(info),
    onChoose: choose,
  });
  showStage(v.root, "start");
  focusOn(v.heading);
}

async function start(info, timing) {
  if (st.busy) return;
  if (store.attemptsLeft(info) <= 0) return choose(info.id);
  st.busy = true;
  say("正在载入题目，请稍候。");
  let quiz;
  try {
    quiz = await loadQuiz(info);
  } catch (e) {
    st.busy = false;
    console.error(e);
    return showError("题目没有载入成功，请检查网络后再试。");
  }
  st.busy = false;
  const now = Date.now();
  let session;
  try {
    session = quiz.start(now, now, timing);
  } catch (e) {
    return engineError(e);
  }
  if (info.attempts) store.countAttempt(info.id);
  use(info, quiz, session, null);
  save();
  const how = { double: "时限已延长一倍。", off: "本次不计时。" }[timing] || "";
  showQuestion(`开始作答，共 ${st.paper.questions.length} 题。${how}`);
}

/** 换上新的会话 JSON；试卷按种子重新生成一次。 */
function use(info, quiz, session, reveal) {
  const s = JSON.parse(session);
  if (!st.paper || st.info !== info || st.paper.seed !== s.seed || st.quiz !== quiz) {
    st.paper = JSON.parse(quiz.paperJson(s.seed));
  }
  Object.assign(st, { info, quiz, session, s, reveal });
}
function save() {
  store.saveActive(st.info.id, st.session, st.reveal);
}

function showQuestion(announce) {
  const { s, paper, info, quiz } = st;
  const i = s.current;
  const q = paper.questions[i];
  const answered = s.responses[i];
  if (answered && s.review === "after_each" && !(st.reveal && st.reveal.index === i)) return next({});
  const now = Date.now();
  st.skip = false;
  const view = renderQuestion(q, {
    info, index: i, total: paper.questions.length, response: answered,
    clock: { total: quiz.remaining(st.session, now) !== undefined, question: quiz.questionRemaining(st.session, now) !== undefined },
    finishLabel: info.mode === "contest" ? "交卷" : "结束练习",
    onSubmit: confirm,
    onFinish: finishEarly,
  });
  st.view = view;
  showStage(view.root, "question");
  if (answered && s.review === "after_each") {
    view.showFeedback(st.reveal, st.reveal.response, root, i + 1 >= paper.questions.length);
    focusOn(view.submit);
  } else {
    focusOn(view.heading);
  }
  clock.start();
  if (announce) say(announce);
}

/** 记下读者的答案；练习模式返回 reveal（正确答案与解析）。出错时抛出引擎的错误。 */
function record(response) {
  const i = st.s.current;
  const out = JSON.parse(st.quiz.answer(st.session, i, JSON.stringify(response), Date.now()));
  const reveal = out.feedback.reveal ? { index: i, response, ...out.feedback.reveal } : null;
  use(st.info, st.quiz, JSON.stringify(out.session), reveal);
  save();
  return reveal;
}

function reveal(r, prefix = "") {
  const last = st.s.current + 1 >= st.paper.questions.length;
  const msg = st.view.showFeedback(r, r.response, root, last);
  focusOn(st.view.submit);
  say(prefix + msg);
}

function confirm() {
  const v = st.view;
  if (!v || st.mode !== "question") return;
  if (v.locked()) return next({});
  const response = v.read();
  if (!response) {
    if (!st.skip) {
      st.skip = true;
      return say("本题还没有作答。请先选择或填写答案；如果要跳过本题，请再按一次“确定”。");
    }
    return next({ skipped: true });
  }
  let r;
  try {
    r = record(response);
  } catch (e) {
    return engineError(e);
  }
  if (r) return reveal(r);
  next({ answered: true });
}

function next({ answered, skipped, timeUp }) {
  const i = st.s.current;
  const n = i + 1;
  if (n >= st.paper.questions.length) return finishAttempt(timeUp ? "最后一题时间到，已自动交卷" : "");
  try {
    use(st.info, st.quiz, st.quiz.goto(st.session, n, Date.now()), null);
  } catch (e) {
    return engineError(e);
  }
  save();
  const msg = answered ? `第 ${i + 1} 题已作答。` : skipped ? `已跳过第 ${i + 1} 题。` : timeUp ? `第 ${i + 1} 题时间到，进入下一题。` : "";
  showQuestion(msg);
}

/** 时间到时，把读者已经选好但没按“确定”的答案也交上去。 */
function submitPending() {
  const v = st.view;
  const response = v && !v.locked() ? v.read() : null;
  if (!response) return null;
  try {
    return record(response);
  } catch (e) {
    return null;
  }
}

function timeUp() {
  submitPending();
  finishAttempt("时间到，已自动交卷");
}

function questionTimeUp() {
  const r = submitPending();
  if (r) return reveal(r, "本题时间到。");
  next({ timeUp: true });
}

function finishEarly() {
  const left = st.s.responses.filter((r) => !r).length;
  const ask = left ? `还有 ${left} 题没有作答，确定要${st.info.mode === "contest" ? "交卷" : "结束练习"}吗？` : "确定要交卷吗？";
  if (window.confirm(ask)) finishAttempt("");
}

function finishAttempt(reason) {
  clock.reset();
  try {
    use(st.info, st.quiz, st.quiz.finish(st.session, Date.now()), null);
  } catch (e) {
    return engineError(e);
  }
  save();
  showResult(reason);
}

function showResult(reason) {
  clock.reset();
  let result;
  try {
    result = JSON.parse(st.quiz.result(st.session));
  } catch (e) {
    return engineError(e);
  }
  const info = st.info;
  const v = renderResult(result, {
    info, root, reason, left: store.attemptsLeft(info),
    onRetry: () => { store.clearActive(); choose(info.id); },
    onBack: () => { store.clearActive(); showHome(info); },
  });
  st.view = null;
  showStage(v.root, "result");
  focusOn(v.heading);
  say(v.summary);
}

async function resume(active) {
  const info = contests.get(active.id);
  showStage(h("p", { class: "quiz-loading" }, "正在恢复上次的作答……"), "loading");
  let quiz;
  try {
    quiz = await loadQuiz(info);
  } catch (e) {
    console.error(e);
    showHome();
    return showError("题目没有载入成功，请检查网络后刷新页面。您上次的作答进度仍然保留着。");
  }
  try {
    use(info, quiz, active.session, active.reveal);
    if (st.paper.fingerprint !== st.s.fingerprint || st.paper.questions.length !== st.s.responses.length) {
      throw new Error("the contest has changed since this attempt began; start a new one");
    }
  } catch (e) {
    return engineError(e);
  }
  if (st.s.finished_at_ms != null) return showResult("");
  const left = quiz.remaining(st.session, Date.now());
  if (left !== undefined && left <= 0) return finishAttempt("上次作答的时间已到，已自动交卷");
  showQuestion(`已恢复上次未完成的作答，继续第 ${st.s.current + 1} 题。`);
}

function onKey(e) {
  // 焦点在答题区里，或者不在任何控件上（读者点了空白处）时才处理。
  if (e.target !== document.body && !el.stage.contains(e.target)) return;
  if (server.active()) return server.onKey(e);
  const r = questionKey(e, st.mode === "question" ? st.view : null);
  if (r === "confirm") confirm();
  else if (r === "pick") st.skip = false;
}

function init() {
  for (const card of app.querySelectorAll("[data-contest-id]")) {
    const d = card.dataset;
    const info = {
      id: d.contestId, url: d.url, mode: d.mode, server: d.server || "", card,
      count: Number(d.count), time: Number(d.time) || 0, qtime: Number(d.qtime) || 0,
      pass: Number(d.pass), attempts: Number(d.attempts) || 0,
      title: card.querySelector(".contest-card__title").textContent.trim(),
      intro: (card.querySelector(".contest-card__intro") || { textContent: "" }).textContent.trim(),
    };
    contests.set(info.id, info);
    const button = card.querySelector("[data-choose]");
    button.addEventListener("click", () => choose(info.id));
    button.parentElement.hidden = false;
  }
  app.insertBefore(el.error, el.home);
  document.addEventListener("keydown", onKey);
  app.classList.add("is-ready");
  const remoteActive = remoteStore.loadActive();
  const remoteInfo = remoteActive && contests.get(remoteActive.contest);
  const active = store.loadActive();
  if (remoteInfo && remoteInfo.server) {
    server.resume(remoteInfo, remoteActive);
  } else if (active && contests.has(active.id) && !contests.get(active.id).server) {
    resume(active);
  } else {
    if (active) store.clearActive();
    showHome();
    if (contests.size) loadEngine().catch(() => {});
  }
}

if (app) init();
