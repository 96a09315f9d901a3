// 竞答成绩页：从竞答服务器取各市参与情况和成绩前列，写成表格和条形图（只用 textContent 与 SVG 元素）。
import { h, num } from "./contest-dom.js";

const SVG = "http://www.w3.org/2000/svg";
const box = document.getElementById("contest-results");

function svg(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text != null) el.textContent = text;
  return el;
}

/** 各市参与人数的横向条形图；表格里有同样的数字，图本身作为一张图片标注。 */
function chart(cities) {
  // Narrow enough that the labels stay large on a phone (18 units ≈ 15 px at 375 px wide).
  const LABEL = 80, WIDTH = 420, BAR = 26, GAP = 10;
  const max = Math.max(1, ...cities.map((c) => c.participants));
  const height = cities.length * (BAR + GAP) + GAP;
  const root = svg("svg", { class: "bar-chart", role: "img", "aria-labelledby": "results-chart-title results-chart-desc",
    viewBox: `0 0 ${WIDTH} ${height}`, width: "100%", preserveAspectRatio: "xMinYMin meet" });
  root.append(svg("title", { id: "results-chart-title" }, "各市参与人数"),
    svg("desc", { id: "results-chart-desc" }, cities.map((c) => `${c.city} ${c.participants} 人`).join("，")));
  const span = WIDTH - LABEL - 60;
  cities.forEach((c, i) => {
    const y = GAP + i * (BAR + GAP);
    const w = Math.max(2, Math.ceil((c.participants * span) / max));
    root.append(svg("text", { x: LABEL - 8, y: y + BAR - 7, "text-anchor": "end", fill: "currentColor", "font-size": 18 }, c.city),
      svg("rect", { x: LABEL, y, width: w, height: BAR, fill: "#a4161a" }),
      svg("text", { x: LABEL + w + 6, y: y + BAR - 7, fill: "currentColor", "font-size": 18 }, String(c.participants)));
  });
  return root;
}

const percent = (x) => `${num(x * 100)}%`;
const seconds = (s) => (s >= 60 ? `${Math.floor(s / 60)} 分 ${Math.round(s % 60)} 秒` : `${num(s)} 秒`);
const TIMING = { double: "（延长一倍）", off: "（不计时）" };

function show(r) {
  box.querySelector("[data-chart]").replaceChildren(chart(r.cities));
  box.querySelector("[data-city-rows]").replaceChildren(...r.cities.map((c) => h("tr", null,
    h("td", null, String(c.rank)), h("th", { scope: "row" }, c.city), h("td", null, String(c.participants)),
    h("td", null, String(c.attempts)), h("td", null, num(c.mean_score)), h("td", null, percent(c.pass_rate)))));
  const top = r.top.length ? r.top.map((t) => h("tr", null,
    h("td", null, String(t.rank)), h("th", { scope: "row" }, t.name), h("td", null, t.city),
    h("td", null, `${num(t.score)} / ${num(r.max_score)}`), h("td", null, seconds(t.seconds) + (TIMING[t.timing] || ""))))
    : [h("tr", null, h("td", { colspan: "5" }, "还没有人交卷。"))];
  box.querySelector("[data-top-rows]").replaceChildren(...top);
  box.querySelector("[data-cities]").hidden = false;
  box.querySelector("[data-top]").hidden = false;
  const when = new Date(Date.parse(r.updated_at));
  box.querySelector("[data-status]").textContent = `成绩更新于 ${when.toLocaleString("zh-CN", { hour12: false })}。`;
}

async function load() {
  const status = box.querySelector("[data-status]");
  const server = box.dataset.server.replace(/\/?$/, "/");
  try {
    const res = await fetch(`${server}v1/contests/${encodeURIComponent(box.dataset.contest)}/results`, { credentials: "omit", cache: "no-store" });
    const data = await res.json();
    if (!res.ok) throw new Error(data && data.error ? data.error.message : `HTTP ${res.status}`);
    show(data);
  } catch (e) {
    status.textContent = `暂时无法从竞答服务器载入成绩：${e.message}`;
  }
  box.querySelector("[data-refresh]").hidden = false;
}

if (box) {
  box.querySelector("[data-refresh]").addEventListener("click", load);
  load();
}
