// Keyboard helpers for the contest tests: what has focus, and Tab until a control has it.

/** What has focus, in terms the tests match on (null when nothing but the body has it). */
export const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  return {
    tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.className), text: (e.innerText || e.textContent || '').trim(),
    data: { ...e.dataset }, type: e.type || null, value: e.value ?? null, checked: !!e.checked,
  };
});

/** Presses Tab until `pred(focused)` holds. */
export async function tabTo(page, pred, max = 150) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && pred(f)) return f;
  }
  throw new Error('Tab never reached the wanted control');
}
