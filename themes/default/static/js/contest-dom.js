// 知识竞答：建 DOM 的小工具与文字格式。所有内容都经 textContent 写入，从不使用 innerHTML。

/**
 * h("p", {class: "x", "aria-live": "polite", onclick: fn}, "文字", child…)
 * 属性值为 null/false 时不设置；true 设为空字符串（hidden、disabled 等）。
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k === "checked" || k === "value") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** 清空元素并放入新内容。 */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** 选项字母：0 → A。 */
export const letter = (i) => String.fromCharCode(65 + i);

/** 分数：最多两位小数，去掉末尾的 0。 */
export function num(x) {
  return String(Math.round(Number(x) * 100) / 100);
}

/** 秒数读作“15 分钟”“1 分 30 秒”“45 秒”。 */
export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} 秒`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} 分 ${s % 60} 秒` : `${m} 分钟`;
}

/** 毫秒显示为“14:05”。 */
export function clock(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export const KIND_NAMES = {
  single: "单选题",
  multiple: "多选题",
  true_false: "判断题",
  fill_blank: "填空题",
};

/** 站内链接（/about/）加上站点路径前缀；其他链接原样返回。 */
export function siteUrl(root, url) {
  if (!url) return url;
  if (url.startsWith("/") && !url.startsWith("//") && root && root !== "/" && !url.startsWith(root)) {
    return root.replace(/\/$/, "") + url;
  }
  return url;
}

/** 把焦点移到元素上（标题等不可聚焦元素先设 tabindex=-1）。 */
export function focusOn(el) {
  if (!el) return;
  if (!el.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
    el.setAttribute("tabindex", "-1");
  }
  el.focus();
}

const optionText = (options, i) => `${letter(i)}. ${options && options[i] != null ? options[i] : ""}`;

/** 读者的答案读成文字（选项用显示顺序的字母）。 */
export function responseText(options, r) {
  if (!r) return "未作答";
  if ("choice" in r) return optionText(options, r.choice);
  if ("choices" in r) return r.choices.length ? r.choices.map((i) => optionText(options, i)).join("；") : "未作答";
  if ("truth" in r) return r.truth ? "正确" : "错误";
  if ("text" in r) return r.text ? r.text : "未作答";
  return "未作答";
}

/** 正确答案读成文字；填空题列出其他可接受的写法。 */
export function keyText(options, key) {
  if (key && Array.isArray(key.texts)) {
    const [first, ...rest] = key.texts;
    return rest.length ? `${first}（也可填：${rest.join("、")}）` : first || "";
  }
  return responseText(options, key);
}

/** “出处：……”，有 source_url 时是链接。 */
export function sourceLine(root, source, url, cls) {
  if (!source && !url) return null;
  const label = source || url;
  return h("p", { class: cls }, h("span", { class: "quiz-label" }, "出处："),
    url ? h("a", { href: siteUrl(root, url) }, label) : label);
}
