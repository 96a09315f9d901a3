// 知识竞答：只保存在读者浏览器里的数据（docs/decisions.md“Privacy”）。
// - jiayuan.quiz.active：正在进行（或刚结束）的一次作答：{v, id, session, reveal}
//   session 是引擎给的会话 JSON 字符串，原样保存，重新载入时原样交回引擎。
// - jiayuan.quiz.attempts.<竞答 id>.<本地日期>：当天已开始的次数。
const PREFIX = "jiayuan.quiz.";
const ACTIVE = PREFIX + "active";

function get(key) {
  try { return localStorage.getItem(key); } catch (e) { return null; }
}
function set(key, value) {
  try { localStorage.setItem(key, value); return true; } catch (e) { return false; }
}
function remove(key) {
  try { localStorage.removeItem(key); } catch (e) { /* 隐私模式等 */ }
}

/** 读者本地时区的日期：2022-05-29。 */
export function localDate(d = new Date()) {
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function attemptsKey(id, date = localDate()) {
  return `${PREFIX}attempts.${id}.${date}`;
}

export function attemptsUsed(id) {
  const n = parseInt(get(attemptsKey(id)) || "0", 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** 今天还能开始几次；不限次数时为 Infinity。 */
export function attemptsLeft(info) {
  if (!info.attempts) return Infinity;
  return Math.max(0, info.attempts - attemptsUsed(info.id));
}

/** 记一次作答，并清掉这个竞答以前日期的记录。 */
export function countAttempt(id) {
  const key = attemptsKey(id);
  set(key, String(attemptsUsed(id) + 1));
  const old = `${PREFIX}attempts.${id}.`;
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i);
      if (k && k.startsWith(old) && k !== key) localStorage.removeItem(k);
    }
  } catch (e) { /* 无法访问存储 */ }
}

export function saveActive(id, session, reveal = null) {
  return set(ACTIVE, JSON.stringify({ v: 1, id, session, reveal }));
}

/** 保存的作答，格式不对时返回 null。 */
export function loadActive() {
  try {
    const a = JSON.parse(get(ACTIVE) || "null");
    if (a && a.v === 1 && typeof a.id === "string" && typeof a.session === "string") {
      return { id: a.id, session: a.session, reveal: a.reveal && typeof a.reveal === "object" ? a.reveal : null };
    }
  } catch (e) { /* 损坏的数据当作没有 */ }
  return null;
}

export function clearActive() {
  remove(ACTIVE);
}
