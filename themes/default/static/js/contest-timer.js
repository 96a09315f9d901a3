// 知识竞答：计时。时间由引擎按会话计算（会话里存着开始时刻，重新载入后接着计时），
// 这里只负责刷新显示、在合适的时候播报（每整分钟、最后 1 分钟、本题最后 10 秒），以及到点交卷。
import { clock } from "./contest-dom.js";

/** 到点前这么多毫秒就提交读者已选的答案（引擎在 0 毫秒时不再收答案）。 */
const GRACE_MS = 300;

export class Clock {
  /**
   * opts：{remaining(now), questionRemaining(now), view() → {clockTotal, clockQuestion, locked()},
   *        announce(text), onTimeUp(), onQuestionTimeUp()}
   */
  constructor(opts) {
    this.o = opts;
    this.id = null;
    this.lastMinute = null;
    this.lastQuestion = null;
    this.onVisible = () => { if (!document.hidden) this.tick(); };
  }

  /** 新的一题开始时调用；整场的分钟播报跨题延续。 */
  start() {
    this.stop();
    this.lastQuestion = null;
    if (this.tick()) {
      this.id = setInterval(() => this.tick(), 250);
      document.addEventListener("visibilitychange", this.onVisible);
    }
  }

  stop() {
    if (this.id !== null) clearInterval(this.id);
    this.id = null;
    document.removeEventListener("visibilitychange", this.onVisible);
  }

  /** 整场结束（交卷、返回）后，下次作答重新开始播报。 */
  reset() {
    this.stop();
    this.lastMinute = null;
  }

  /** 刷新一次；不计时或已到点时返回 false。 */
  tick() {
    const now = Date.now();
    let left, qLeft;
    try {
      left = this.o.remaining(now);
      qLeft = this.o.questionRemaining(now);
    } catch (e) {
      this.stop();
      return false;
    }
    if (left === undefined && qLeft === undefined) return false;
    const v = this.o.view();
    if (left !== undefined) setText(v.clockTotal, clock(left));
    if (qLeft !== undefined) setText(v.clockQuestion, clock(qLeft));
    if (left !== undefined && left <= GRACE_MS) {
      this.stop();
      this.o.onTimeUp();
      return false;
    }
    if (qLeft !== undefined && qLeft <= GRACE_MS && !v.locked()) {
      this.stop();
      this.o.onQuestionTimeUp();
      return false;
    }
    const say = [];
    if (left !== undefined) {
      const minutes = Math.ceil(left / 60000);
      if (this.lastMinute !== null && minutes < this.lastMinute) {
        say.push(minutes <= 1 ? "还剩 1 分钟，请抓紧作答。" : `剩余时间 ${minutes} 分钟。`);
      }
      this.lastMinute = minutes;
    }
    if (qLeft !== undefined && !v.locked()) {
      if (this.lastQuestion !== null && this.lastQuestion > 10000 && qLeft <= 10000) say.push("本题还剩 10 秒。");
      this.lastQuestion = qLeft;
    }
    if (say.length) this.o.announce(say.join(""));
    return true;
  }
}

function setText(el, text) {
  if (el && el.textContent !== text) el.textContent = text;
}
