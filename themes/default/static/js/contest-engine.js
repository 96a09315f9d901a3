// 知识竞答：按需载入 wasm 引擎（wasm-bindgen --target web 生成的 ES 模块）与竞答题库。
// 每个竞答只载入一次；失败时清掉缓存，下次可以重试。

let enginePromise = null;
const quizzes = new Map();

/** import 引擎胶水模块，再用 wasm 文件初始化：init({ module_or_path })。 */
export function loadEngine(jsUrl, wasmUrl) {
  if (!enginePromise) {
    enginePromise = import(jsUrl).then(async (mod) => {
      await mod.default({ module_or_path: wasmUrl });
      return mod;
    });
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

/** 一个竞答的 Quiz 对象：new Quiz(题库 JSON 文本)。 */
export function loadQuiz(info, jsUrl, wasmUrl) {
  if (!quizzes.has(info.id)) {
    const data = fetch(info.url).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status} for ${info.url}`);
      return r.text();
    });
    const p = Promise.all([loadEngine(jsUrl, wasmUrl), data]).then(([mod, text]) => new mod.Quiz(text));
    p.catch(() => quizzes.delete(info.id));
    quizzes.set(info.id, p);
  }
  return quizzes.get(info.id);
}
