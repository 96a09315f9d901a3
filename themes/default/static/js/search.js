// jiayuan 站内搜索页（/search/）的页面脚本。搜索本身在 Web Worker（search-worker.js）里运行。
// 安全：搜索引擎返回的 title_html 和 snippet 是已转义的 HTML，只含 <mark>；这里再把它们
// 解析成“文本 + <mark>”重建一遍，其余内容一律用 textContent 写入。
const PER_PAGE = 10;

const app = document.getElementById('search-app');
if (app) start(app);

function start(app) {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-q');
  const select = document.getElementById('search-section');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-hits');
  const pager = document.getElementById('search-pagination');
  const help = document.getElementById('search-help');
  const heading = document.getElementById('search-results-title');
  const siteTitle = app.dataset.title || document.title;
  const sectionTitles = new Map(Array.from(select.options, (o) => [o.value, o.textContent]));

  let worker = null;
  let nextId = 1;
  let currentId = 0;
  let current = null; // {q, section, page} shown now

  const abs = (u) => new URL(u, document.baseURI).href;

  function ensureWorker() {
    if (worker) return worker;
    worker = new Worker(abs(app.dataset.worker), { type: 'module' });
    worker.onmessage = (e) => onWorkerMessage(e.data || {});
    worker.onerror = (e) => {
      e.preventDefault?.();
      dropWorker();
      if (currentId) showError('the search worker failed to load');
    };
    worker.postMessage({
      type: 'init',
      glue: abs(app.dataset.glue),
      wasm: abs(app.dataset.wasm),
      manifest: abs(app.dataset.manifest),
      index: abs(app.dataset.index),
    });
    return worker;
  }

  function dropWorker() {
    if (worker) worker.terminate();
    worker = null;
  }

  // ---- the URL is the state: ?q=…&section=…&page=N ----
  function readUrl() {
    const p = new URLSearchParams(location.search);
    const page = Math.floor(Number(p.get('page')));
    return {
      q: (p.get('q') || '').slice(0, 200),
      section: p.get('section') || '',
      page: Number.isFinite(page) && page > 1 ? page : 1,
    };
  }

  function urlFor(state) {
    const p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    if (state.section) p.set('section', state.section);
    if (state.page > 1) p.set('page', String(state.page));
    const qs = p.toString();
    return location.pathname + (qs ? '?' + qs : '');
  }

  function fillForm(state) {
    input.value = state.q;
    select.value = sectionTitles.has(state.section) ? state.section : '';
  }

  // ---- running a search ----
  function run(state) {
    current = state;
    const q = state.q.trim();
    list.hidden = true;
    list.replaceChildren();
    pager.hidden = true;
    pager.replaceChildren();
    help.hidden = true;
    if (!q) {
      currentId = 0;
      app.dataset.state = 'empty';
      document.title = '站内搜索 - ' + siteTitle;
      status.textContent = state.touched ? '请输入要搜索的词，例如“青春期”。' : '';
      return;
    }
    document.title = '“' + q + '”的搜索结果' + (state.page > 1 ? '（第' + state.page + '页）' : '') +
      ' - 站内搜索 - ' + siteTitle;
    app.dataset.state = 'loading';
    status.textContent = '正在搜索…';
    const id = nextId++;
    currentId = id;
    try {
      ensureWorker().postMessage({
        type: 'search', id, query: q, section: sectionTitles.has(state.section) ? state.section : '',
        page: state.page, perPage: PER_PAGE,
      });
    } catch (e) {
      showError(e);
    }
  }

  function onWorkerMessage(msg) {
    if (msg.id !== currentId) return; // an older search: the reader has moved on
    if (msg.type === 'results') {
      app.dataset.fetchedBytes = String(msg.fetchedBytes ?? '');
      // How the worker fetched (read by the tests): parallel planned rounds,
      // synchronous reads so far, and why planning failed if it did.
      app.dataset.rounds = String(msg.rounds ?? '');
      app.dataset.syncReads = String(msg.syncReads ?? '');
      app.dataset.prefetchError = String(msg.prefetchError ?? '');
      render(current, msg.results);
    } else if (msg.type === 'error') {
      if (msg.stage === 'init') dropWorker(); // try afresh next time
      showError(msg.message);
    }
  }

  function showError(detail) {
    currentId = 0;
    app.dataset.state = 'error';
    if (detail) console.error('search:', detail);
    list.hidden = true;
    pager.hidden = true;
    status.textContent = '抱歉，搜索暂时无法使用。请稍后再试，或通过下面的栏目浏览文章。';
    help.hidden = false;
  }

  function render(state, results) {
    const total = Number(results.total) || 0;
    const hits = Array.isArray(results.hits) ? results.hits : [];
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    if (total > 0 && hits.length === 0 && state.page > pages) {
      // ?page= beyond the end (an old link): show the last page instead.
      const last = { ...state, page: pages };
      history.replaceState(null, '', urlFor(last));
      run(last);
      return;
    }
    const where = state.section && sectionTitles.has(state.section)
      ? '（栏目：' + sectionTitles.get(state.section) + '）' : '';
    if (total === 0) {
      app.dataset.state = 'none';
      status.textContent = '没有找到与“' + state.q.trim() + '”相关的文章' + where + '。';
      help.hidden = false;
      return;
    }
    app.dataset.state = 'done';
    status.textContent = '找到 ' + total + ' 篇文章' + where +
      (pages > 1 ? '，第 ' + state.page + ' 页，共 ' + pages + ' 页' : '') + '。';
    const offset = (state.page - 1) * PER_PAGE;
    list.start = offset + 1;
    list.replaceChildren(...hits.map(renderHit));
    list.hidden = false;
    renderPager(state, pages);
  }

  function renderHit(hit) {
    const li = el('li', 'search-hit');
    const h = el('h3', 'search-hit__title');
    const href = safeUrl(hit.url);
    const a = el(href ? 'a' : 'span');
    if (href) a.href = href;
    appendMarked(a, hit.title_html ?? hit.title ?? '');
    h.append(a);
    li.append(h);
    const meta = el('p', 'meta search-hit__meta');
    if (hit.section_title) {
      meta.append(el('span', 'meta__item', '栏目：' + hit.section_title));
    }
    if (hit.date) {
      const item = el('span', 'meta__item');
      item.append(el('span', 'visually-hidden', '发布日期：'));
      const t = el('time', null, displayDate(hit.date));
      t.dateTime = String(hit.date);
      item.append(t);
      meta.append(item);
    }
    if (meta.childNodes.length) li.append(meta);
    if (hit.snippet) {
      const p = el('p', 'search-hit__snippet');
      appendMarked(p, hit.snippet);
      li.append(p);
    }
    return li;
  }

  function renderPager(state, pages) {
    if (pages <= 1) return;
    const cur = state.page;
    const ul = el('ul');
    const link = (page, label, cls, rel) => {
      const li = el('li', cls === 'gap' ? 'pagination__gap' : null);
      const a = el('a', cls || null);
      a.href = urlFor({ ...state, page });
      if (rel) a.rel = rel;
      if (page === cur && !rel) a.setAttribute('aria-current', 'page');
      if (label) {
        a.textContent = label;
      } else {
        a.append(el('span', 'visually-hidden', '第'), String(page), el('span', 'visually-hidden', '页'));
      }
      a.addEventListener('click', (e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        const next = { ...state, page };
        history.pushState(null, '', urlFor(next));
        run(next);
        heading.focus({ preventScroll: true });
        app.querySelector('.search-results').scrollIntoView({ block: 'start' });
      });
      li.append(a);
      return li;
    };
    const gap = () => {
      const li = el('li', 'pagination__gap', '…');
      li.setAttribute('aria-hidden', 'true');
      return li;
    };
    if (cur > 1) ul.append(link(cur - 1, '上一页', 'pagination__step', 'prev'));
    for (let i = 1; i <= pages; i++) {
      if (i === 1 || i === pages || (i >= cur - 2 && i <= cur + 2)) {
        if (i === pages && cur + 3 < pages) ul.append(gap());
        ul.append(link(i));
        if (i === 1 && cur > 4) ul.append(gap());
      }
    }
    if (cur < pages) ul.append(link(cur + 1, '下一页', 'pagination__step', 'next'));
    pager.replaceChildren(el('p', 'pagination__status', '第 ' + cur + ' 页，共 ' + pages + ' 页'), ul);
    pager.hidden = false;
  }

  // ---- events ----
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const state = { q: input.value.trim().slice(0, 200), section: select.value, page: 1, touched: true };
    const url = urlFor(state);
    if (url !== location.pathname + location.search) history.pushState(null, '', url);
    run(state);
    if (!state.q) input.focus();
  });
  // The header's search box on this page searches here, without reloading.
  const headerForm = document.querySelector('.site-header form[role="search"]');
  const headerInput = headerForm && headerForm.querySelector('input[name="q"]');
  if (headerForm && headerInput) {
    headerForm.addEventListener('submit', (e) => {
      e.preventDefault();
      input.value = headerInput.value;
      select.value = '';
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit', { cancelable: true }));
      if (input.value.trim()) heading.focus({ preventScroll: true });
    });
  }
  // Load the engine while the reader is still typing.
  input.addEventListener('focus', () => { try { ensureWorker(); } catch { /* reported on search */ } }, { once: true });
  window.addEventListener('popstate', () => {
    const state = readUrl();
    fillForm(state);
    run(state);
  });

  const initial = readUrl();
  fillForm(initial);
  run(initial);
}

// ---- helpers ----
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/** Root-relative or same-origin http(s) URLs only. */
function safeUrl(url) {
  if (typeof url !== 'string' || !url) return null;
  try {
    const u = new URL(url, location.href);
    if (u.origin !== location.origin || !/^https?:$/.test(u.protocol)) return null;
    return u.pathname + u.search + u.hash;
  } catch {
    return null;
  }
}

/** Appends engine HTML (escaped text with <mark>) as text nodes and <mark> elements only. */
function appendMarked(parent, html) {
  const t = document.createElement('template'); // inert: nothing in it runs or loads
  t.innerHTML = String(html);
  const copy = (into, node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      into.append(node.data);
    } else if (node.nodeType === Node.ELEMENT_NODE && node.localName === 'mark') {
      const m = document.createElement('mark');
      node.childNodes.forEach((c) => copy(m, c));
      into.append(m);
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      into.append(node.textContent);
    }
  };
  t.content.childNodes.forEach((c) => copy(parent, c));
}

function displayDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : String(iso);
}
