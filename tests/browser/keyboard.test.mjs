// Keyboard use: the skip link comes first and works, every menu item (submenu children too) is
// reachable with Tab alone, the phone menu opens with Enter/Space, and focus is always visible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSiteAndBrowser, newPage, open, PHONE, DESKTOP } from './lib/site.mjs';

// The main menu as configured in site.toml, in order (children right after their parent).
const NAV = [
  ['首页', '/'], ['新闻动态', '/news/'], ['政策解读', '/policy/'], ['新型婚育文化', '/marriage-culture/'],
  ['优生优育', '/healthy-birth/'], ['家庭健康', '/family-health/'], ['青春健康', '/youth-health/'],
  ['关爱帮扶', '/care/'], ['暖心行动', '/care/warm-heart/'], ['幸福工程', '/care/happiness-project/'],
  ['避孕药具服务', '/contraceptive-service/'], ['40周年', '/anniversary40/'], ['知识竞答', '/contest/'],
  ['关于我们', '/about/'],
];

const shared = withSiteAndBrowser();

/** What has focus now, with what a sighted keyboard user would see of it. */
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const cs = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.className),
    text: (e.innerText || '').replace(/\s+/g, ' ').trim(), href: e.getAttribute('href'),
    inNav: !!e.closest('#site-nav-list'), inMain: !!e.closest('main'),
    outlineWidth: parseFloat(cs.outlineWidth), outlineStyle: cs.outlineStyle, boxShadow: cs.boxShadow,
    w: r.width, h: r.height, top: r.top, bottom: r.bottom, vh: innerHeight,
    visible: e.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
  };
});

/** Presses Tab up to `max` times, returning what got focus each time; stops when focus wraps. */
async function tabThrough(page, max, stop = () => false) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) break; // focus left the document: we went all the way round
    seen.push(f);
    if (stop(f)) break;
  }
  return seen;
}

const label = (f) => `${f.tag}${f.id ? '#' + f.id : ''} "${f.text.slice(0, 20)}" ${f.href || ''}`;

function assertFocusVisible(seen) {
  for (const f of seen) {
    const ring = (f.outlineStyle !== 'none' && f.outlineWidth >= 2) || (f.boxShadow && f.boxShadow !== 'none');
    assert.ok(ring, `focus indicator on ${label(f)}: outline ${f.outlineWidth}px ${f.outlineStyle}, box-shadow ${f.boxShadow}`);
    assert.ok(f.visible && f.w > 0 && f.h > 0, `focused element is visible: ${label(f)}`);
    assert.ok(f.bottom > 0 && f.top < f.vh, `focused element is scrolled into view: ${label(f)}`);
  }
}

function assertNavInOrder(seen) {
  const navSeen = seen.filter((f) => f.inNav).map((f) => [f.text.replace(/\s*▾$/, ''), f.href]);
  assert.deepEqual(navSeen, NAV, 'every menu item, in order, by Tab alone');
}

test('desktop: skip link first, then it moves focus to #main', async () => {
  const { context, page } = await newPage(shared.browser, DESKTOP);
  try {
    await open(page, shared.site.url('/news/'));
    await page.keyboard.press('Tab');
    const first = await focused(page);
    assert.equal(first.cls, 'skip-link', `first Tab stop is the skip link, got ${label(first)}`);
    assert.equal(first.href, '#main');
    assert.equal(first.text, '跳到正文');
    assert.ok(first.top >= 0 && first.visible, 'the skip link shows when focused');
    assertFocusVisible([first]);

    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    assert.equal(new URL(page.url()).hash, '#main');
    const top = await page.evaluate(() => document.getElementById('main').getBoundingClientRect().top);
    assert.ok(Math.abs(top) <= 2, `#main is scrolled to the top of the viewport (top=${top})`);
    // The next Tab continues inside the main content, not back in the header.
    await page.keyboard.press('Tab');
    const next = await focused(page);
    assert.ok(next.inMain, `Tab after the skip link lands in <main>, got ${label(next)}`);
  } finally { await context.close(); }
});

test('desktop: Tab alone reaches every menu item, incl. 暖心行动 and 幸福工程, with a visible ring', async (t) => {
  const { context, page } = await newPage(shared.browser, DESKTOP);
  try {
    await open(page, shared.site.url('/'));
    const seen = await tabThrough(page, 400);
    t.diagnostic(`${seen.length} Tab stops on the home page`);
    assert.equal(seen[0].cls, 'skip-link');
    assertNavInOrder(seen);
    // The submenu children were visible while they had focus (checked in assertFocusVisible).
    const child = seen.find((f) => f.text === '幸福工程');
    assert.ok(child.visible && child.h > 0);
    assertFocusVisible(seen);
    // The whole page is walkable: the footer's last link is reached.
    assert.ok(seen.some((f) => f.text === '订阅更新（Atom）'), 'Tab reaches the footer');
  } finally { await context.close(); }
});

test('desktop: an article page has the same keyboard path and visible focus in the prose', async () => {
  const { context, page } = await newPage(shared.browser, DESKTOP);
  try {
    await open(page, shared.site.url('/care/warm-heart/overview/'));
    const seen = await tabThrough(page, 400);
    assertNavInOrder(seen);
    assert.ok(seen.some((f) => f.inMain && /\/tags\//.test(f.href || '')), 'tag links are reachable');
    assertFocusVisible(seen);
  } finally { await context.close(); }
});

for (const key of ['Enter', 'Space']) {
  test(`phone: the menu toggle is reachable, ${key} opens it, then every item is reachable`, async () => {
    const { context, page } = await newPage(shared.browser, PHONE);
    try {
      await open(page, shared.site.url('/'));
      const before = await tabThrough(page, 40, (f) => f.cls.includes('menu-toggle'));
      const toggle = before.at(-1);
      assert.ok(toggle && toggle.cls.includes('menu-toggle'), 'Tab reaches the menu toggle');
      assert.equal(before.filter((f) => f.inNav).length, 0, 'closed menu items take no Tab stops');
      assertFocusVisible(before);
      const btn = page.locator('.menu-toggle');
      assert.equal(await btn.getAttribute('aria-expanded'), 'false');
      assert.equal(await btn.getAttribute('aria-controls'), 'site-nav-list');

      await page.keyboard.press(key);
      assert.equal(await btn.getAttribute('aria-expanded'), 'true');
      assert.ok(await page.locator('#site-nav-list').isVisible());
      const after = await tabThrough(page, 30, (f) => f.text === '关于我们');
      assertNavInOrder(after);
      assertFocusVisible(after);

      // Escape closes the menu and gives focus back to the toggle.
      await page.keyboard.press('Escape');
      assert.equal(await btn.getAttribute('aria-expanded'), 'false');
      assert.ok((await focused(page)).cls.includes('menu-toggle'), 'focus returns to the toggle');
      assert.equal(await page.locator('#site-nav-list').isVisible(), false);
    } finally { await context.close(); }
  });
}

test('phone: the text-size and contrast buttons work from the keyboard', async () => {
  const { context, page } = await newPage(shared.browser, PHONE);
  try {
    await open(page, shared.site.url('/'));
    const seen = await tabThrough(page, 10, (f) => f.text.includes('特大'));
    assert.equal(seen.at(-1).text, '特大');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('html').getAttribute('data-text-size'), 'xlarge');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, '高对比度');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('html').getAttribute('data-contrast'), 'high');
    assertFocusVisible([await focused(page)]);
  } finally { await context.close(); }
});

test('phone: a table too wide for the screen takes focus and scrolls with the arrow keys', async () => {
  const { context, page } = await newPage(shared.browser, PHONE);
  try {
    const res = await open(page, shared.site.url('/stats/'));
    assert.equal(res.status(), 200, 'the build has a statistics page');
    await page.locator('button[data-text-size="xlarge"]').click();
    const wide = page.locator('main table[tabindex="0"]');
    assert.ok(await wide.count() >= 1, 'an overflowing table is made focusable');
    const seen = await tabThrough(page, 200, (f) => f.tag === 'table');
    const table = seen.at(-1);
    assert.equal(table.tag, 'table', 'Tab reaches the wide table');
    assertFocusVisible([table]);
    const scrollLeft = () => page.evaluate(() => document.activeElement.scrollLeft);
    assert.equal(await scrollLeft(), 0);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.activeElement.scrollLeft > 0);
    // Back to standard size at desktop width: nothing overflows, so no extra Tab stop remains.
    await page.setViewportSize(DESKTOP);
    await page.locator('button[data-text-size="standard"]').click();
    assert.equal(await page.locator('main table[tabindex]').count(), 0);
  } finally { await context.close(); }
});
