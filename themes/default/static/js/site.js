/* jiayuan 默认主题：渐进增强。没有这段脚本时，页面照样可以阅读和使用。 */
(function () {
  "use strict";
  var html = document.documentElement;
  var SIZE_KEY = "jiayuan.textSize";
  var CONTRAST_KEY = "jiayuan.contrast";
  var SIZES = ["standard", "large", "xlarge"];

  function save(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* 隐私模式等：只在本页生效 */ }
  }
  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function currentSize() {
    var s = html.getAttribute("data-text-size");
    return SIZES.indexOf(s) > 0 ? s : "standard";
  }
  function syncSize() {
    var cur = currentSize();
    each("button[data-text-size]", function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-text-size") === cur));
    });
  }
  function setSize(size) {
    if (SIZES.indexOf(size) < 0) size = "standard";
    if (size === "standard") html.removeAttribute("data-text-size");
    else html.setAttribute("data-text-size", size);
    save(SIZE_KEY, size);
    syncSize();
    syncScrollableTables();
  }

  function isHigh() { return html.getAttribute("data-contrast") === "high"; }
  function syncContrast() {
    each("button[data-contrast-toggle]", function (b) {
      b.setAttribute("aria-pressed", String(isHigh()));
    });
  }
  function toggleContrast() {
    if (isHigh()) html.removeAttribute("data-contrast");
    else html.setAttribute("data-contrast", "high");
    save(CONTRAST_KEY, isHigh() ? "high" : "normal");
    syncContrast();
  }

  // 放不下而横向滚动的表格要能获得键盘焦点，键盘用户才能用方向键滚动它（WCAG 2.1.1）。
  function syncScrollableTables() {
    each(".prose table", function (t) {
      var scrolls = t.scrollWidth > t.clientWidth + 1;
      if (scrolls && !t.hasAttribute("tabindex")) {
        t.setAttribute("tabindex", "0");
        t.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && t.hasAttribute("data-scroll-focus")) {
        t.removeAttribute("tabindex");
        t.removeAttribute("data-scroll-focus");
      }
    });
  }

  function setupMenu() {
    var toggle = document.querySelector(".menu-toggle");
    var nav = document.getElementById("site-nav");
    if (!toggle || !nav) return;
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  function init() {
    each("button[data-text-size]", function (b) {
      b.addEventListener("click", function () { setSize(b.getAttribute("data-text-size")); });
    });
    each("button[data-contrast-toggle]", function (b) {
      b.addEventListener("click", toggleContrast);
    });
    syncSize();
    syncContrast();
    setupMenu();
    syncScrollableTables();
    window.addEventListener("resize", syncScrollableTables);
    // 其他标签页改了设置时同步过来。
    window.addEventListener("storage", function (e) {
      if (e.key === SIZE_KEY) {
        if (e.newValue === "large" || e.newValue === "xlarge") html.setAttribute("data-text-size", e.newValue);
        else html.removeAttribute("data-text-size");
        syncSize();
        syncScrollableTables();
      } else if (e.key === CONTRAST_KEY) {
        if (e.newValue === "high") html.setAttribute("data-contrast", "high");
        else html.removeAttribute("data-contrast");
        syncContrast();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
