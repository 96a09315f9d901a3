// 知识竞答（服务器模式）：题目由服务器抽取，答案逐题保存到服务器，计时以服务器时间为准，
// 交卷后由服务器评分。页面不持有任何正确答案；本机只记着“哪一次作答、第几题”，
// 刷新页面或换一台设备（同一凭证）都能接着答。
import { h, focusOn } from "./contest-dom.js";
import { renderStart, renderQuestion, questionKey } from "./contest-view.js";
import { renderResult } from "./contest-result.js";
import { renderRegistration } from "./contest-register.js";
import { Clock } from "./contest-timer.js";
import * as remote from "./contest-api.js";

export class RemoteContest {
  /** ui：{showStage(node, mode), showHome(info), say(text, region?), showError(text), timerLive, root, practices()} */
  constructor(ui) {
    this.ui = ui;
    this.st = null; // {info, attempt, questions, answers, current, deadline, skew, qlimit, qStart, key}
    this.view = null;
    this.busy = false;
    this.skip = false;
    this.clock = new Clock({
      remaining: (now) => (this.st && this.st.deadline ? this.st.deadline - (now + this.st.skew) : undefined),
      questionRemaining: (now) => {
        const s = this.st;
        if (!s || !s.qlimit) return undefined;
        const left = s.qlimit * 1000 - (now - s.qStart);
        const total = this.clock.o.remaining(now);
        return total === undefined ? left : Math.min(left, total);
      },
      view: () => this.view,
      announce: (text) => ui.say(text, ui.timerLive),
      onTimeUp: () => this.timeUp(),
      onQuestionTimeUp: () => this.questionTimeUp(),
    });
  }

  active() {
    return this.st !== null;
  }

  call(info, method, path, body, opts) {
    return remote.api(info.server, method, path, body, opts);
  }

  /** 服务器出错时：凭证失效就请读者重新登记，作答不存在就回到首页，其余留在原处并说明。 */
  failed(e, info) {
    console.error("知识竞答：", e);
    if (e.status === 401) {
      remote.clearToken();
      remote.clearActive();
      this.reset();
      this.ui.showHome(info);
      return this.ui.showError(e.message);
    }
    if (e.code === "no_such_attempt" || e.code === "stale") {
      remote.clearActive();
      this.reset();
      this.ui.showHome(info);
      return this.ui.showError(e.message);
    }
    this.ui.showError(e.message);
    this.ui.say(e.message);
  }

  reset() {
    this.clock.reset();
    this.st = null;
    this.view = null;
  }

  choose(info) {
    this.reset();
    const v = renderStart(info, {
      left: null, practices: this.ui.practices(),
      onStart: (timing) => this.begin(info, timing),
      onBack: () => this.ui.showHome(info),
      onChoose: (id) => this.ui.choose(id),
    });
    v.root.append(h("p", { class: "quiz-notice", role: "note" },
      "本竞答由竞答服务器抽题和评分，成绩计入所在市的参与统计，可在“竞答成绩”页查看。"));
    this.ui.showStage(v.root, "start");
    focusOn(v.heading);
  }

  /** 没有凭证时先登记，然后开始（或接着做）一次作答。 */
  async begin(info, timing) {
    if (this.busy) return;
    let token = remote.loadToken();
    if (!token) {
      let consent;
      try {
        consent = await this.call(info, "GET", "consent");
      } catch (e) {
        return this.failed(e, info);
      }
      const v = renderRegistration(info, consent, {
        onBack: () => this.choose(info),
        onSubmit: async (fields) => {
          const r = await this.call(info, "POST", "participants", fields);
          remote.saveToken({ token: r.token, name: fields.name, city: fields.city });
          await this.begin(info, timing);
        },
      });
      this.ui.showStage(v.root, "register");
      return focusOn(v.heading);
    }
    this.busy = true;
    this.ui.say("正在向服务器领取试卷，请稍候。");
    try {
      const a = await this.call(info, "POST", `contests/${encodeURIComponent(info.id)}/attempts`, { timing }, { token: token.token });
      this.busy = false;
      this.open(info, a, null);
      const how = { double: "时限已延长一倍。", off: "本次不计时。" }[a.timing] || "";
      this.showQuestion(`开始作答，共 ${a.questions.length} 题。${how}`);
    } catch (e) {
      this.busy = false;
      this.failed(e, info);
    }
  }

  /** 用服务器的作答记录建立本页状态；saved 是本机记着的 {current, key}。 */
  open(info, a, saved) {
    const questions = a.questions.map((q) => ({ ...q, kind: q.type }));
    const answers = {};
    for (const q of questions) {
      if (a.answers[q.id] !== undefined) answers[q.id] = remote.fromApi(q.kind, a.answers[q.id]);
    }
    const firstOpen = questions.findIndex((q) => !answers[q.id]);
    const current = saved && saved.current < questions.length ? saved.current : Math.max(0, firstOpen);
    this.st = {
      info, attempt: a.attempt_id, questions, answers, current,
      deadline: a.deadline ? Date.parse(a.deadline) : null,
      skew: Date.parse(a.now) - Date.now(),
      qlimit: a.question_time_limit_seconds || 0, qStart: Date.now(),
      key: (saved && saved.key) || remote.randomKey(),
    };
    this.save();
  }

  save() {
    const s = this.st;
    remote.saveActive({ contest: s.info.id, attempt: s.attempt, current: s.current, key: s.key });
  }

  showQuestion(announce) {
    const s = this.st;
    const q = s.questions[s.current];
    this.skip = false;
    s.qStart = Date.now();
    const view = renderQuestion(q, {
      info: s.info, index: s.current, total: s.questions.length, response: s.answers[q.id] || null,
      clock: { total: !!s.deadline, question: !!s.qlimit },
      finishLabel: "交卷", onSubmit: () => this.confirm(), onFinish: () => this.finishEarly(),
    });
    this.view = view;
    this.ui.showStage(view.root, "question");
    focusOn(view.heading);
    this.clock.start();
    if (announce) this.ui.say(announce);
  }

  /** 把答案存到服务器；成功返回 true。 */
  async store(response) {
    const s = this.st;
    const q = s.questions[s.current];
    const token = remote.loadToken();
    await this.call(s.info, "PUT", `attempts/${s.attempt}/answers/${encodeURIComponent(q.id)}`,
      { answer: remote.toApi(response) }, { token: token && token.token });
    s.answers[q.id] = response;
    return true;
  }

  async confirm() {
    if (!this.view || this.busy) return;
    const response = this.view.read();
    if (!response) {
      if (!this.skip) {
        this.skip = true;
        return this.ui.say("本题还没有作答。请先选择或填写答案；如果要跳过本题，请再按一次“确定”。");
      }
      return this.next("skipped");
    }
    this.busy = true;
    this.view.submit.textContent = "正在保存……";
    try {
      await this.store(response);
      this.busy = false;
      this.next("answered");
    } catch (e) {
      this.busy = false;
      if (this.view) this.view.submit.textContent = "确定";
      if (e.code === "deadline_passed" || e.code === "already_submitted") return this.finish("时间到，已自动交卷");
      this.failed(e, this.st.info);
    }
  }

  next(how) {
    const s = this.st;
    const i = s.current;
    if (i + 1 >= s.questions.length) return this.finish(how === "time" ? "最后一题时间到，已自动交卷" : "");
    s.current = i + 1;
    this.save();
    const msg = how === "answered" ? `第 ${i + 1} 题已保存。` : how === "skipped" ? `已跳过第 ${i + 1} 题。` : `第 ${i + 1} 题时间到，进入下一题。`;
    this.showQuestion(msg);
  }

  /** 时间到时，把已选好但没按“确定”的答案也存上。 */
  async savePending() {
    const response = this.view ? this.view.read() : null;
    if (!response) return;
    try { await this.store(response); } catch (e) { /* 已过时限的答案服务器不收 */ }
  }

  async timeUp() {
    await this.savePending();
    this.finish("时间到，已自动交卷");
  }

  async questionTimeUp() {
    await this.savePending();
    this.next("time");
  }

  finishEarly() {
    const s = this.st;
    const left = s.questions.filter((q) => !s.answers[q.id]).length;
    if (window.confirm(left ? `还有 ${left} 题没有作答，确定要交卷吗？` : "确定要交卷吗？")) this.finish("");
  }

  async finish(reason) {
    const s = this.st;
    this.clock.reset();
    this.busy = true;
    this.ui.say("正在交卷，请稍候。");
    const token = remote.loadToken();
    try {
      const r = await this.call(s.info, "POST", `attempts/${s.attempt}/submit`, {}, { token: token && token.token, key: s.key });
      this.busy = false;
      this.showResult(s.info, r, reason);
    } catch (e) {
      this.busy = false;
      if (e.code === "already_submitted") return this.resume(s.info, { attempt: s.attempt }, true);
      this.failed(e, s.info);
      this.ui.showStage(h("div", { class: "quiz-actions" },
        h("button", { type: "button", class: "btn btn--large", onclick: () => this.finish(reason) }, "重新交卷")), "error");
    }
  }

  showResult(info, r, reason) {
    remote.clearActive();
    this.reset();
    const v = renderResult(remote.resultFromApi(r), {
      info, root: this.ui.root, reason, left: null,
      onRetry: () => this.choose(info),
      onBack: () => this.ui.showHome(info),
    });
    this.ui.showStage(v.root, "result");
    focusOn(v.heading);
    this.ui.say(v.summary);
  }

  /** 重新载入页面后，从服务器取回这次作答。 */
  async resume(info, saved, finished = false) {
    const token = remote.loadToken();
    if (!token) return remote.clearActive();
    this.ui.showStage(h("p", { class: "quiz-loading" }, "正在从服务器恢复上次的作答……"), "loading");
    try {
      const a = await this.call(info, "GET", `attempts/${saved.attempt}`, undefined, { token: token.token });
      if (a.submitted && a.result) return this.showResult(info, a.result, finished ? "" : "这次作答已经交卷");
      this.open(info, a, saved);
      this.showQuestion(`已恢复上次未完成的作答，继续第 ${this.st.current + 1} 题。`);
    } catch (e) {
      this.failed(e, info);
    }
  }

  onKey(e) {
    const r = questionKey(e, this.view);
    if (r === "confirm") this.confirm();
    else if (r === "pick") this.skip = false;
  }
}
