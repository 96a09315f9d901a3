// Home → section (via the main menu) → article → tag page, by clicking, as a reader would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSiteAndBrowser, newPage, open, DESKTOP, PHONE } from './lib/site.mjs';

const shared = withSiteAndBrowser();

/** The path of the current page, percent-decoded (tag URLs are Chinese). */
const pathOf = (page) => decodeURIComponent(new URL(page.url()).pathname);

async function walk(page, t) {
  await open(page, shared.site.url('/'));
  assert.equal(pathOf(page), '/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');

  // 1. A section link in the main menu.
  const nav = page.getByRole('navigation', { name: '主菜单' });
  const toggle = nav.locator('.menu-toggle');
  if (await toggle.isVisible()) {
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  }
  await Promise.all([
    page.waitForURL(shared.site.url('/news/'), { waitUntil: 'load' }),
    nav.getByRole('link', { name: '新闻动态', exact: true }).click(),
  ]);
  assert.equal(pathOf(page), '/news/');
  assert.equal(await page.locator('h1').innerText(), '新闻动态');
  const current = nav.locator('a[aria-current="page"]');
  assert.equal(await current.count(), 1, 'exactly one menu item is marked current');
  assert.equal(await current.innerText(), '新闻动态');

  // 2. An article in the list.
  const cards = page.locator('main .card');
  assert.ok(await cards.count() >= 2, 'the news list shows several articles');
  const link = cards.first().locator('.card__title a');
  const title = (await link.innerText()).trim();
  const href = await link.getAttribute('href');
  assert.match(href, /^\/news\/[^/]+\/$/);
  await Promise.all([page.waitForURL(shared.site.url(href), { waitUntil: 'load' }), link.click()]);
  assert.equal(pathOf(page), href);

  // 3. The article: one h1 with its title, breadcrumbs, a date.
  const h1 = page.locator('main h1');
  assert.equal(await h1.count(), 1);
  assert.equal((await h1.innerText()).trim(), title);
  assert.ok((await page.title()).startsWith(title), 'document title starts with the article title');
  const crumbs = page.getByRole('navigation', { name: '面包屑' });
  const crumbLinks = await crumbs.getByRole('link').evaluateAll((as) =>
    as.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
  assert.deepEqual(crumbLinks.map(([, h]) => h), ['/', '/news/'], 'crumbs: home, then the section');
  assert.deepEqual(crumbLinks.map(([t]) => t), ['首页', '新闻动态'], 'the home crumb reads 首页, as on tag pages');
  assert.equal((await crumbs.locator('[aria-current="page"]').innerText()).trim(), title);
  const time = page.locator('.article__head time[datetime]').first();
  assert.match(await time.getAttribute('datetime'), /^\d{4}-\d{2}-\d{2}$/);
  assert.match(await time.innerText(), /^\d{4}年\d{1,2}月\d{1,2}日$/);
  // The section stays marked in the menu while reading one of its articles.
  assert.equal(await nav.locator('a[aria-current="true"]').innerText(), '新闻动态');

  // 4. A tag link at the foot of the article.
  const tag = page.locator('.article__foot .terms').filter({ hasText: '标签' }).locator('a.tag').first();
  const tagName = (await tag.innerText()).trim();
  assert.ok(tagName.length > 0, 'the article has a tag');
  const tagHref = await tag.getAttribute('href');
  assert.equal(tagHref, `/tags/${tagName}/`);
  await Promise.all([page.waitForURL(shared.site.url(tagHref), { waitUntil: 'load' }), tag.click()]);
  assert.equal(pathOf(page), `/tags/${tagName}/`);
  assert.equal(new URL(page.url()).pathname, encodeURI(`/tags/${tagName}/`));

  // 5. The tag page names the tag and lists the article (on its first page or a later one).
  assert.match(await page.locator('main h1').innerText(), new RegExp(`${tagName}$`));
  let listed = false;
  for (let i = 0; i < 10 && !listed; i++) {
    listed = await page.locator(`main .card__title a[href="${href}"]`).count() === 1;
    const next = page.locator('.pagination a[rel="next"]');
    if (!listed && await next.count()) {
      await Promise.all([page.waitForURL(/\/page\/\d+\/$/, { waitUntil: 'load' }), next.click()]);
    } else break;
  }
  assert.ok(listed, `tag page /tags/${tagName}/ lists ${href}`);
  t.diagnostic(`${href} → /tags/${tagName}/`);
}

test('desktop: home → section → article → tag', async (t) => {
  const { context, page } = await newPage(shared.browser, DESKTOP);
  try { await walk(page, t); } finally { await context.close(); }
});

test('phone: home → menu → section → article → tag', async (t) => {
  const { context, page } = await newPage(shared.browser, PHONE);
  try { await walk(page, t); } finally { await context.close(); }
});

test('a missing page answers 404 with the themed page and a way home', async () => {
  const { context, page } = await newPage(shared.browser, DESKTOP);
  try {
    const res = await open(page, shared.site.url('/no-such-page/'));
    assert.equal(res.status(), 404);
    assert.equal(await page.locator('main h1').innerText(), '抱歉，没有找到这个页面');
    await Promise.all([
      page.waitForURL(shared.site.url('/'), { waitUntil: 'load' }),
      page.locator('main').getByRole('link', { name: '返回首页' }).click(),
    ]);
    assert.equal(pathOf(page), '/');
  } finally { await context.close(); }
});
