// 知识竞答（服务器模式）：参赛登记表。先说明个人信息怎样使用，读者勾选同意后才能提交。
import { h } from "./contest-dom.js";

export const CITIES = ["石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊", "衡水", "定州", "辛集"];

function field(id, label, input, hint) {
  return h("div", { class: "quiz-field" },
    h("label", { for: id, class: "quiz-field__label" }, label),
    hint ? h("p", { class: "quiz-hint", id: `${id}-hint` }, hint) : null,
    input);
}

/**
 * 登记表。consent：服务器的说明 {text, retention_days}；onSubmit({name, city, phone, unit, consent})
 * 返回 Promise，失败时抛出带 message 的错误，表单显示这段话并把焦点移回表单。
 */
export function renderRegistration(info, consent, { onSubmit, onBack }) {
  const heading = h("h2", { class: "quiz-title", tabindex: "-1" }, "参赛登记");
  const name = h("input", { id: "reg-name", name: "name", type: "text", class: "quiz-text", autocomplete: "name", required: true, maxlength: "20" });
  const city = h("select", { id: "reg-city", name: "city", class: "quiz-text", required: true },
    h("option", { value: "" }, "请选择"), CITIES.map((c) => h("option", { value: c }, c)));
  const phone = h("input", { id: "reg-phone", name: "phone", type: "tel", class: "quiz-text", autocomplete: "tel", inputmode: "numeric", required: true, maxlength: "13", "aria-describedby": "reg-phone-hint" });
  const unit = h("input", { id: "reg-unit", name: "unit", type: "text", class: "quiz-text", autocomplete: "organization", maxlength: "50" });
  const agree = h("input", { id: "reg-consent", name: "consent", type: "checkbox", "aria-describedby": "reg-consent-text" });
  const error = h("div", { class: "quiz-form-error", role: "alert" });
  const submit = h("button", { type: "submit", class: "btn btn--large" }, "同意并开始答题");
  const form = h("form", { class: "quiz-register", novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    error.replaceChildren();
    const missing = !name.value.trim() ? name : !city.value ? city : !phone.value.trim() ? phone : null;
    if (missing) {
      error.append(h("p", { class: "quiz-notice quiz-notice--error" }, "请把姓名、所在市和手机号填写完整。"));
      return missing.focus();
    }
    if (!agree.checked) {
      error.append(h("p", { class: "quiz-notice quiz-notice--error" }, "请先阅读下面的个人信息使用说明，勾选同意后再开始。"));
      return agree.focus();
    }
    submit.disabled = true;
    try {
      await onSubmit({ name: name.value.trim(), city: city.value, phone: phone.value.trim(), unit: unit.value.trim() || undefined, consent: true });
    } catch (err) {
      error.append(h("p", { class: "quiz-notice quiz-notice--error" }, err.message));
      submit.disabled = false;
      name.focus();
    }
  } },
    field("reg-name", "姓名", name),
    field("reg-city", "所在市", city),
    field("reg-phone", "手机号", phone, "用于核对每人每天的作答次数和联系获奖者，不会公开。"),
    field("reg-unit", "单位（选填）", unit),
    h("section", { class: "quiz-consent", "aria-labelledby": "reg-consent-title" },
      h("h3", { id: "reg-consent-title" }, "个人信息使用说明"),
      h("p", { id: "reg-consent-text" }, consent.text),
      h("label", { class: "quiz-choice" }, agree, h("span", { class: "quiz-choice__text" }, "我已阅读并同意以上说明"))),
    error,
    h("div", { class: "quiz-actions" }, submit,
      h("button", { type: "button", class: "btn btn--ghost btn--large", onclick: onBack }, "返回")));
  const root = h("div", { class: "quiz-start" }, heading,
    h("p", null, `参加“${info.title}”需要先登记。成绩由竞答服务器评定，计入所在市的参与统计。`), form);
  return { root, heading };
}
