// 知识竞答：开始页和答题页的 DOM。只建界面，不碰引擎和存储。
import { h, letter, duration, KIND_NAMES, keyText, sourceLine } from "./contest-dom.js";

const HINTS = {
  single: (n) => `请选择一个答案。可按数字键 1–${n} 或字母键 A–${letter(n - 1)} 选择，按回车键确定。`,
  multiple: (n) => `可选择多个答案。按数字键 1–${n} 或字母键 A–${letter(n - 1)} 选中或取消，按回车键确定。`,
  true_false: () => "请判断对错。按 1 或 A 选“正确”，按 2 或 B 选“错误”，按回车键确定。",
  fill_blank: () => "请在下面的输入框中填写横线处的内容，按回车键确定。",
};

/** 计时方式的三个选项（WCAG 2.2.1）。 */
function timingChoices(info) {
  const per = (k) => (info.qtime ? `，每题 ${duration(info.qtime * k)}` : "");
  return [
    ["standard", "标准计时", `共 ${duration(info.time)}${per(1)}`],
    ["double", "延长一倍", `共 ${duration(info.time * 2)}${per(2)}`],
    ["off", "不计时", "不限时间，慢慢作答"],
  ];
}

/** 开始页：规则、时间、题量、计时方式，或“今天次数已用完”。 */
export function renderStart(info, { left, practices, onStart, onBack, onChoose }) {
  const heading = h("h2", { class: "quiz-title", tabindex: "-1" }, info.title);
  const practice = info.mode !== "contest";
  const rules = h("ul", { class: "quiz-rules" },
    h("li", null, `共 ${info.count} 题，题型包括单选题、多选题、判断题和填空题，一次显示一道题。`),
    h("li", null, info.time ? `限时 ${duration(info.time)}${info.qtime ? `，每题限时 ${duration(info.qtime)}` : ""}；时间到会自动交卷。` : "不限时间。"),
    h("li", null, `${info.pass} 分及以上为合格。`),
    h("li", null, practice ? "每答一题立即显示正确答案、解析和出处；答过的题不能再改。"
      : "每题选好后按“确定”进入下一题，确定后不能返回修改；交卷后可以逐题查看正确答案、解析和出处。"),
    info.attempts ? h("li", null, left == null ? `每人每天可作答 ${info.attempts} 次。`
      : `每人每天可作答 ${info.attempts} 次，今天还可作答 ${left} 次。`) : null,
    h("li", null, "键盘操作：数字键或字母键选择答案，回车键确定。"));
  const back = h("button", { type: "button", class: "btn btn--ghost btn--large", onclick: onBack }, "返回");
  const intro = info.intro ? h("p", { class: "quiz-intro" }, info.intro) : null;
  if (left != null && left <= 0) {
    return withHeading(heading, h("div", { class: "quiz-start" }, heading, intro,
      h("p", { class: "quiz-notice", role: "note" }, h("strong", null, `今天的 ${info.attempts} 次作答机会已经用完，请明天再来。`),
        "您可以先做分题库练习，巩固知识："),
      h("ul", { class: "quiz-practice-links" }, practices.map((p) => h("li", null,
        h("button", { type: "button", class: "btn btn--ghost", onclick: () => onChoose(p.id) }, p.title)))),
      h("div", { class: "quiz-actions" }, back)));
  }
  const form = h("form", { class: "quiz-start__form", onsubmit: (e) => {
    e.preventDefault();
    const t = form.querySelector("input[name=timing]:checked");
    onStart(t ? t.value : "off");
  } });
  if (info.time) {
    form.append(h("fieldset", { class: "quiz-timing" },
      h("legend", null, "计时方式"),
      h("p", { class: "quiz-hint", id: "quiz-timing-hint" }, "需要更多时间时，可以选“延长一倍”或“不计时”。"),
      timingChoices(info).map(([value, name, detail], i) => h("label", { class: "quiz-choice" },
        h("input", { type: "radio", name: "timing", value, checked: i === 0 }),
        h("span", { class: "quiz-choice__text" }, h("strong", null, name), h("span", { class: "quiz-choice__detail" }, detail))))));
  }
  form.append(h("div", { class: "quiz-actions" },
    h("button", { type: "submit", class: "btn btn--large", "data-start": true }, practice ? "开始练习" : "开始答题"), back));
  return withHeading(heading, h("div", { class: "quiz-start" }, heading, intro,
    h("h3", null, practice ? "练习说明" : "答题须知"), rules, form));
}

function withHeading(heading, root) {
  return { root, heading };
}

/**
 * 答题页。q：试卷里的一道题；返回 {root, heading, read(), pick(i), showFeedback(reveal), locked()…}。
 * ctx：{info, index, total, response, clock: {total, question}, finishLabel, onSubmit, onFinish}
 */
export function renderQuestion(q, ctx) {
  const n = q.kind === "true_false" ? 2 : (q.options || []).length;
  const heading = h("h2", { class: "quiz-q__heading", tabindex: "-1", id: "quiz-q-heading" },
    `第 ${ctx.index + 1} 题 / 共 ${ctx.total} 题`,
    h("span", { class: "quiz-kind" }, `（${KIND_NAMES[q.kind] || "题目"}，${q.points} 分）`));
  const clockTotal = h("strong", null, "");
  const clockQuestion = h("strong", null, "");
  const clocks = h("div", { class: "quiz-clock" },
    ctx.clock.total ? h("p", { class: "quiz-clock__item", role: "timer" }, "剩余时间 ", clockTotal) : null,
    ctx.clock.question ? h("p", { class: "quiz-clock__item", role: "timer" }, "本题剩余 ", clockQuestion) : null);
  const pct = Math.round((ctx.index / ctx.total) * 100);
  const bar = h("div", { class: "quiz-progress", "aria-hidden": "true" }, h("span", { style: `width:${pct}%` }));
  const hint = h("p", { class: "quiz-hint", id: "quiz-hint" }, (HINTS[q.kind] || HINTS.single)(n));
  const fieldset = h("fieldset", { class: "quiz-fieldset", "aria-describedby": "quiz-hint" },
    h("legend", { class: "quiz-stem" }, q.stem));
  const inputs = [];
  const r = ctx.response;
  if (q.kind === "fill_blank") {
    const input = h("input", { type: "text", id: "quiz-text", name: "text", class: "quiz-text", autocomplete: "off",
      enterkeyhint: "done", value: r && r.text ? r.text : "" });
    fieldset.append(h("label", { for: "quiz-text", class: "quiz-text-label" }, "您的答案（填写横线处的内容）"), input);
    inputs.push(input);
  } else {
    const labels = q.kind === "true_false" ? ["正确", "错误"] : q.options;
    const multi = q.kind === "multiple";
    const group = h("div", { class: "quiz-options" });
    labels.forEach((text, i) => {
      const checked = r ? (multi ? (r.choices || []).includes(i)
        : q.kind === "true_false" ? r.truth === (i === 0) : r.choice === i) : false;
      const input = h("input", { type: multi ? "checkbox" : "radio", name: "opt", value: String(i), checked });
      inputs.push(input);
      group.append(h("label", { class: "quiz-option" }, input,
        h("span", { class: "quiz-option__key", "aria-hidden": "true" }, letter(i)),
        h("span", { class: "quiz-option__text" }, h("span", { class: "visually-hidden" }, `${letter(i)}. `), text),
        h("span", { class: "quiz-option__mark" })));
    });
    fieldset.append(group);
  }
  const feedback = h("div", { class: "quiz-feedback", hidden: true });
  const submit = h("button", { type: "submit", class: "btn btn--large quiz-submit" }, "确定");
  const finish = h("button", { type: "button", class: "btn btn--ghost quiz-finish", onclick: ctx.onFinish }, ctx.finishLabel);
  const form = h("form", { class: "quiz-form", novalidate: true, onsubmit: (e) => { e.preventDefault(); ctx.onSubmit(); } },
    fieldset, feedback, h("div", { class: "quiz-actions" }, submit, finish));
  const root = h("div", { class: "quiz-q" }, h("div", { class: "quiz-bar" },
    h("p", { class: "quiz-bar__title" }, ctx.info.title), clocks), bar, heading, hint, form);

  let locked = false;
  return {
    root, heading, form, submit, clockTotal, clockQuestion, kind: q.kind, count: n,
    locked: () => locked,
    /** 读者当前的答案（引擎的 response 形状），没作答时为 null。 */
    read() {
      if (q.kind === "fill_blank") {
        const t = inputs[0].value.trim();
        return t ? { text: t } : null;
      }
      const on = inputs.filter((x) => x.checked).map((x) => Number(x.value));
      if (!on.length) return null;
      if (q.kind === "multiple") return { choices: on };
      if (q.kind === "true_false") return { truth: on[0] === 0 };
      return { choice: on[0] };
    },
    /** 数字键或字母键选第 i 项（多选题为切换），焦点移到该项。 */
    pick(i) {
      if (locked || q.kind === "fill_blank" || i >= inputs.length) return false;
      const x = inputs[i];
      x.checked = q.kind === "multiple" ? !x.checked : true;
      x.focus();
      return true;
    },
    /** 练习模式：显示对错、正确答案、解析与出处，锁定本题。 */
    showFeedback(reveal, response, root_url, last) {
      locked = true;
      for (const x of inputs) x.disabled = true;
      markOptions(fieldset, q, reveal.key, response);
      const ok = reveal.correct;
      const verdict = ok ? "✓ 回答正确" : reveal.points > 0 ? "△ 部分正确" : "✗ 回答错误";
      feedback.className = `quiz-feedback quiz-feedback--${ok ? "right" : "wrong"}`;
      feedback.replaceChildren(
        h("p", { class: "quiz-feedback__verdict" }, h("strong", null, verdict), `（得 ${reveal.points} 分，本题 ${reveal.max} 分）`),
        h("p", null, h("span", { class: "quiz-label" }, "正确答案："), keyText(q.options, reveal.key)),
        h("p", null, h("span", { class: "quiz-label" }, "解析："), reveal.explanation),
        sourceLine(root_url, reveal.source, reveal.source_url));
      feedback.hidden = false;
      submit.textContent = last ? "查看成绩" : "下一题";
      return `${verdict.slice(2)}。正确答案：${keyText(q.options, reveal.key)}。解析：${reveal.explanation}`;
    },
  };
}

/** 在选项上标出正确答案和读者选错的项（文字标记，不只靠颜色）。 */
function markOptions(fieldset, q, key, response) {
  if (q.kind === "fill_blank") return;
  const keys = q.kind === "true_false" ? [key.truth ? 0 : 1] : "choices" in key ? key.choices : [key.choice];
  const picked = !response ? [] : q.kind === "true_false" ? [response.truth ? 0 : 1]
    : "choices" in response ? response.choices : [response.choice];
  fieldset.querySelectorAll(".quiz-option").forEach((label, i) => {
    const mark = label.querySelector(".quiz-option__mark");
    if (keys.includes(i)) {
      label.classList.add("is-key");
      mark.textContent = picked.includes(i) ? "✓ 正确答案（您选了）" : "✓ 正确答案";
    } else if (picked.includes(i)) {
      label.classList.add("is-wrong");
      mark.textContent = "✗ 您选了，不正确";
    }
  });
}

/**
 * 键盘：数字键 1–9 或字母键 A–F 选答案（多选题为切换），回车确定或进入下一题。
 * view：答题页（不在答题时为 null）。返回 "confirm"、"pick" 或 null。
 */
export function questionKey(e, view) {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  const t = e.target;
  const typing = t.matches("input[type=text], textarea");
  if (e.key === "Enter") {
    if (typing || t.matches("button, a, summary")) return null; // 原生行为：提交表单或激活按钮
    const form = t.closest("form");
    if (view && (form || t === view.heading || t === document.body)) {
      e.preventDefault();
      return "confirm";
    }
    if (form && t.matches("input")) {
      e.preventDefault();
      form.requestSubmit();
    }
    return null;
  }
  if (!view || typing) return null;
  let i = -1;
  if (/^[1-9]$/.test(e.key)) i = Number(e.key) - 1;
  else if (/^[a-z]$/i.test(e.key)) i = e.key.toUpperCase().charCodeAt(0) - 65;
  if (i >= 0 && view.pick(i)) {
    e.preventDefault();
    return "pick";
  }
  return null;
}
