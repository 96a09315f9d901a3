// 知识竞答：成绩页与逐题回看。
import { h, num, KIND_NAMES, keyText, responseText, sourceLine } from "./contest-dom.js";

const TIMING_NOTE = { double: "（延长一倍计时）", off: "（不计时）" };

function elapsedText(ms) {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m ? `${m} 分 ${s % 60} 秒` : `${s} 秒`;
}

/**
 * 成绩页。result：引擎的 result JSON；opts：{info, root, reason, left, onRetry, onBack}。
 * 返回 {root, heading, summary}；summary 是给读屏软件播报的一句话。
 */
export function renderResult(result, opts) {
  const { info } = opts;
  const score = `${num(result.total)} 分 / ${num(result.max)} 分`;
  const heading = h("h2", { class: "quiz-result__heading", tabindex: "-1" }, `${info.mode === "contest" ? "竞答" : "练习"}成绩：${score}`);
  const verdict = result.passed ? `合格（${num(result.pass_mark)} 分及格）` : `未合格（${num(result.pass_mark)} 分及格）`;
  const entries = result.entries || [];
  const summary = `${opts.reason ? opts.reason + "。" : ""}您的成绩是 ${score}，${verdict}。答对 ${result.correct} 题，共 ${entries.length} 题。`;
  const retryLabel = info.mode === "contest" ? "再试一次" : "再练一次";
  const actions = () => h("div", { class: "quiz-actions" },
    h("button", { type: "button", class: "btn btn--large", "data-retry": true, onclick: opts.onRetry }, retryLabel),
    h("button", { type: "button", class: "btn btn--ghost btn--large", "data-back": true, onclick: opts.onBack }, "返回"));
  const root = h("div", { class: "quiz-result" },
    opts.reason ? h("p", { class: "quiz-notice", role: "note" }, opts.reason) : null,
    heading,
    h("div", { class: `quiz-score quiz-score--${result.passed ? "pass" : "fail"}` },
      h("p", { class: "quiz-score__points" }, h("strong", null, num(result.total)), ` 分 / ${num(result.max)} 分`),
      h("p", { class: "quiz-score__verdict" }, result.passed ? "✓ " : "✗ ", verdict),
      h("p", null, `答对 ${result.correct} 题，作答 ${result.answered} 题，共 ${entries.length} 题；用时 ${elapsedText(result.elapsed_ms)}${info.time ? TIMING_NOTE[result.timing] || "" : ""}。`),
      info.attempts && opts.left != null ? h("p", null, opts.left > 0 ? `今天还可作答 ${opts.left} 次。` : "今天的作答次数已经用完，可以做分题库练习。") : null),
    actions(),
    h("h3", { class: "quiz-review__title" }, "逐题回看"),
    h("ol", { class: "quiz-review" }, entries.map((e) => reviewItem(e, opts.root))),
    actions());
  return { root, heading, summary };
}

function reviewItem(e, root) {
  const state = e.correct ? "✓ 正确" : e.points > 0 ? "△ 部分正确" : e.response ? "✗ 错误" : "✗ 未作答";
  return h("li", { class: `quiz-review__item quiz-review__item--${e.correct ? "right" : "wrong"}` },
    h("h4", { class: "quiz-review__head" }, `第 ${e.index + 1} 题`,
      h("span", { class: "quiz-review__meta" }, `${KIND_NAMES[e.kind] || ""} · ${state} · ${num(e.points)} 分 / ${num(e.max)} 分`)),
    h("p", { class: "quiz-review__stem" }, e.stem),
    e.options && e.options.length ? h("ol", { class: "quiz-review__options", type: "A" },
      e.options.map((o) => h("li", null, o))) : null,
    h("p", { class: "quiz-review__yours" }, h("span", { class: "quiz-label" }, "您的答案："), responseText(e.options, e.response)),
    h("p", { class: "quiz-review__key" }, h("span", { class: "quiz-label" }, "正确答案："), keyText(e.options, e.key)),
    h("p", { class: "quiz-review__explanation" }, h("span", { class: "quiz-label" }, "解析："), e.explanation),
    sourceLine(root, e.source, e.source_url, "quiz-review__source"));
}
