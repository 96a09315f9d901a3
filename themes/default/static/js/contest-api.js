// 知识竞答（服务器模式）：与竞答服务器通信（接口见 docs/contest-api.md），以及本机保存的凭证。
// 本机只保存参赛凭证和“正在作答哪一次、第几题”；题目、答案、计时和成绩都以服务器为准。
const TOKEN = "jiayuan.contest.token";
const ACTIVE = "jiayuan.contest.active";

function get(key) {
  try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
}
function set(key, value) {
  try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* 隐私模式等 */ }
}
function remove(key) {
  try { localStorage.removeItem(key); } catch (e) { /* 隐私模式等 */ }
}

/** 登记后保存的凭证：{token, name, city}，没有时为 null。 */
export function loadToken() {
  const t = get(TOKEN);
  return t && typeof t.token === "string" ? t : null;
}
export const saveToken = (t) => set(TOKEN, t);
export const clearToken = () => remove(TOKEN);

/** 正在进行的一次服务器作答：{contest, attempt, current, key}。 */
export function loadActive() {
  const a = get(ACTIVE);
  return a && typeof a.attempt === "string" && typeof a.contest === "string" ? a : null;
}
export const saveActive = (a) => set(ACTIVE, a);
export const clearActive = () => remove(ACTIVE);

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** 一个随机的幂等键，让交卷请求重试时得到同一个结果。 */
export function randomKey() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * 调用接口：api(server, "POST", "participants", body, {token, key})。
 * 出错时抛出 ApiError，message 是服务器给的中文说明（或网络故障的说明）。
 */
export async function api(server, method, path, body, { token, key } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  if (key) headers["Idempotency-Key"] = key;
  let res;
  try {
    res = await fetch(`${server}v1/${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit", cache: "no-store",
    });
  } catch (e) {
    throw new ApiError(0, "offline", "网络连接中断，刚才的操作没有送到服务器。请检查网络后再试一次。");
  }
  let data = null;
  try { data = await res.json(); } catch (e) { /* 非 JSON 的答复 */ }
  if (!res.ok) {
    const err = data && data.error;
    throw new ApiError(res.status, err ? err.code : "http",
      err && err.message ? err.message : `竞答服务器暂时无法处理（HTTP ${res.status}），请稍后再试。`);
  }
  return data;
}

/** 页面上的答案（{choice}、{choices}、{truth}、{text}）→ 接口的答案（"B"、["A","C"]、true、"文字"）。 */
export function toApi(r) {
  if ("choice" in r) return String.fromCharCode(65 + r.choice);
  if ("choices" in r) return r.choices.map((i) => String.fromCharCode(65 + i));
  if ("truth" in r) return r.truth;
  return r.text;
}

/** 接口的答案 → 页面上的答案；kind 是题型。 */
export function fromApi(kind, a) {
  if (a == null) return null;
  const index = (s) => s.charCodeAt(0) - 65;
  if (kind === "single") return { choice: index(a) };
  if (kind === "multiple") return { choices: a.map(index) };
  if (kind === "true_false") return { truth: a };
  return { text: a };
}

/** 接口的正确答案 → contest-dom.js 的 keyText 读得懂的形状。 */
export function keyFromApi(kind, k) {
  if (kind === "fill_blank") return { texts: k };
  return fromApi(kind, k);
}

/** 交卷答复 → contest-result.js 的成绩页数据。 */
export function resultFromApi(r) {
  return {
    total: r.score, max: r.max_score, pass_mark: r.pass_mark, passed: r.passed,
    correct: r.correct, answered: r.answered, elapsed_ms: r.seconds * 1000, timing: r.timing,
    entries: r.review.map((e, index) => ({
      index, kind: e.type, stem: e.stem, options: e.options || [],
      response: fromApi(e.type, e.answer), key: keyFromApi(e.type, e.key),
      correct: e.correct, points: e.points, max: e.max,
      explanation: e.explanation, source: e.source, source_url: e.source_url,
    })),
  };
}
