"""Keeps keyboard focus where it was when Streamlit disables a widget for a moment.

During some runs Streamlit's frontend disables every tab (and other widgets) for about 20 ms: it removes
their tabindex and sets aria-disabled. The browser then moves the focus to the page itself, so a keyboard
user who pressed an arrow key on a tab list (Jämför's ?flik=) finds the focus at the top of the page
(WCAG 2.4.3). Measured in tests/e2e/test_keyboard_pages.py under CPU load. This script, run once per
browser tab from app.py, puts the focus back on the same element when it is enabled again, but only if the
focus left because the element could not hold it, and only if nothing else has taken the focus since.
"""

FOCUS_KEEPER_JS = """
if (!window.__focusKeeper) {
  window.__focusKeeper = true;
  const unable = el => el.disabled || el.getAttribute('aria-disabled') === 'true' || el.inert
    || (el.tabIndex < 0 && !el.hasAttribute('tabindex'));
  document.addEventListener('focusout', event => {
    const el = event.target;
    if (event.relatedTarget || !(el instanceof HTMLElement) || !unable(el)) return;
    const until = performance.now() + 2000;
    const back = () => {
      const active = document.activeElement;
      if ((active && active !== document.body) || !el.isConnected) return;
      if (unable(el)) { if (performance.now() < until) requestAnimationFrame(back); return; }
      el.focus({preventScroll: true});
    };
    requestAnimationFrame(back);
  }, true);
}
"""
