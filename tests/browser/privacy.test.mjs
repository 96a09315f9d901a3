// Privacy (docs/decisions.md): pages load only from their own origin — no web fonts, CDNs, analytics or embeds.
// (a) a static scan of every built .html/.css/.svg file, (b) every request Chromium makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { withSiteAndBrowser, newPage, open, listFiles, PHONE, DESKTOP } from './lib/site.mjs';

const shared = withSiteAndBrowser();

const ABSOLUTE = /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i; // http://, https://, //host, ftp://, …

/** True when `url` would be fetched from somewhere other than `origin`. */
function foreign(url, origin) {
  if (!ABSOLUTE.test(url)) return false; // relative, data:, blob:, #fragment, mailto: …
  try {
    return new URL(url.trim(), origin + '/').origin !== origin;
  } catch {
    return true;
  }
}

const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]).replace(/&amp;/g, '&') : null;
};
const srcsetUrls = (v) => v.split(',').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean);

/** URLs a stylesheet loads: url(...) and @import. */
export function cssLoads(css) {
  const out = [];
  const noComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of noComments.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) out.push(m[1] ?? m[2] ?? m[3]);
  for (const m of noComments.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) out.push(m[1] ?? m[2]);
  return out;
}

/** Resources an HTML (or SVG) document loads by itself, and the plain links it offers. */
export function htmlLoads(html) {
  const loads = [];
  const links = [];
  const body = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const [tag, rawName] of body.matchAll(/<([a-z][a-z0-9-]*)\b[^>]*>/gi)) {
    const name = rawName.toLowerCase();
    const push = (what, url) => url != null && loads.push({ what: `<${name} ${what}>`, url });
    switch (name) {
      case 'script': case 'iframe': case 'frame': case 'embed': case 'track':
        push('src', attr(tag, 'src')); break;
      case 'img': case 'source': case 'video': case 'audio': case 'input':
        push('src', attr(tag, 'src')); push('poster', attr(tag, 'poster'));
        for (const u of srcsetUrls(attr(tag, 'srcset') || '')) push('srcset', u);
        break;
      case 'object': push('data', attr(tag, 'data')); break;
      case 'form': push('action', attr(tag, 'action')); break;
      case 'button': push('formaction', attr(tag, 'formaction')); break;
      case 'image': case 'use': case 'feimage':
        push('href', attr(tag, 'href')); push('xlink:href', attr(tag, 'xlink:href')); break;
      case 'link': {
        const rel = (attr(tag, 'rel') || '').toLowerCase();
        // canonical/alternate/author/… are metadata, not loads
        if (/\b(stylesheet|icon|preload|modulepreload|prefetch|preconnect|dns-prefetch|manifest|apple-touch-icon|mask-icon)\b/.test(rel)) {
          push(`rel=${rel} href`, attr(tag, 'href'));
          for (const u of srcsetUrls(attr(tag, 'imagesrcset') || '')) push('imagesrcset', u);
        }
        break;
      }
      case 'a': case 'area': {
        const href = attr(tag, 'href');
        if (href != null) links.push(href);
        break;
      }
    }
    const style = attr(tag, 'style');
    if (style) for (const u of cssLoads(style)) loads.push({ what: `<${name} style> url()`, url: u });
  }
  for (const m of body.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const u of cssLoads(m[1])) loads.push({ what: '<style> url()/@import', url: u });
  }
  return { loads, links };
}

test('the scanner itself catches foreign loads (so the scan below can fail)', () => {
  const origin = 'http://127.0.0.1:9';
  const { loads, links } = htmlLoads(`
    <script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//fonts.example/css">
    <link rel="preload" as="font" href='https://fonts.example/f.woff2'><img src=/ok.png srcset="/a.png 1x, http://img.example/b.png 2x">
    <iframe src="https://video.example/embed"></iframe><video poster="https://v.example/p.jpg"></video>
    <form action="https://collect.example/"></form><div style="background:url('https://bg.example/x.png')"></div>
    <style>@import "https://css.example/a.css";</style><!-- <script src="https://commented.example/"></script> -->
    <link rel="canonical" href="https://elsewhere.example/"><a href="https://link.example/">x</a>
    <script src="${origin}/js/ok.js"></script><img src="data:image/png;base64,AAAA">`);
  const bad = loads.filter((l) => foreign(l.url, origin)).map((l) => new URL(l.url, origin).host);
  assert.deepEqual(bad, ['cdn.example', 'fonts.example', 'fonts.example', 'img.example', 'video.example',
    'v.example', 'collect.example', 'bg.example', 'css.example']);
  assert.deepEqual(links, ['https://link.example/']);
  assert.deepEqual(cssLoads('/* url(https://no.example/) */ a{background:url(//x.example/i.png)} @import url("https://y.example/s.css");'),
    ['//x.example/i.png', 'https://y.example/s.css']);
});

test('static scan: no built .html/.css/.svg file loads anything from another origin', async (t) => {
  const files = await listFiles(shared.site.dir, ['.html', '.css', '.svg']);
  assert.ok(files.filter((f) => f.endsWith('.html')).length >= 50, `the whole portal was built (${files.length} files)`);
  assert.ok(files.includes(path.join('css', 'site.css')));
  const problems = [];
  const external = [];
  let checked = 0;
  for (const f of files) {
    const text = await fs.readFile(path.join(shared.site.dir, f), 'utf8');
    if (f.endsWith('.css')) {
      for (const u of cssLoads(text)) { checked++; if (foreign(u, shared.site.origin)) problems.push(`${f}: url()/@import ${u}`); }
    } else {
      const { loads, links } = htmlLoads(text);
      for (const l of loads) { checked++; if (foreign(l.url, shared.site.origin)) problems.push(`${f}: ${l.what} ${l.url}`); }
      for (const h of links) if (foreign(h, shared.site.origin)) external.push(`${f}: <a href> ${h}`);
    }
  }
  t.diagnostic(`${files.length} files, ${checked} resource references checked`);
  assert.ok(checked > files.length, 'the scan found the pages\' own stylesheets and scripts');
  assert.deepEqual(problems, [], `resources from other origins:\n${problems.join('\n')}`);
  // Plain links to other sites are allowed (a reader chooses to follow them); the demo has none.
  if (external.length) t.diagnostic(`links to other sites (allowed):\n${external.join('\n')}`);
});

const PAGES = ['/', '/family-health/health-literacy/', '/stats/', '/no-such-page/'];

for (const viewport of [PHONE, DESKTOP]) {
  test(`in Chromium @ ${viewport.width}px every request goes to the site's own origin`, async (t) => {
    const { context, page } = await newPage(shared.browser, viewport);
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    // A socket to anywhere else would show up here even if it never became a request.
    const failed = [];
    context.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    try {
      for (const p of PAGES.filter((p) => p !== '/stats/' || existsSync(path.join(shared.site.dir, 'stats')))) {
        await open(page, shared.site.url(p));
        await page.waitForLoadState('networkidle');
      }
      // Use the page a little: text size, contrast, and the phone menu must not fetch anything new.
      await page.locator('button[data-text-size="xlarge"]').click();
      await page.locator('button[data-contrast-toggle]').click();
      if (await page.locator('.menu-toggle').isVisible()) await page.locator('.menu-toggle').click();
      await page.waitForLoadState('networkidle');
    } finally { await context.close(); }
    const own = (u) => u.startsWith(shared.site.origin + '/') || u.startsWith('data:') || u.startsWith('blob:');
    const foreignRequests = requests.filter((u) => !own(u));
    t.diagnostic(`${requests.length} requests`);
    assert.ok(requests.some((u) => u.endsWith('/css/site.css')) && requests.some((u) => u.endsWith('/js/site.js')),
      'the recorder saw the page\'s own stylesheet and script');
    assert.deepEqual(foreignRequests, [], 'requests to other origins');
    assert.deepEqual(failed, [], 'no request failed');
    const served = shared.site.requests.filter((r) => r.status >= 400 && !r.url.includes('no-such-page'));
    assert.deepEqual(served, [], 'no broken same-origin resource');
  });
}
