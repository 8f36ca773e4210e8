"""Keyboard-only helpers for the browser tests: move the focus with Tab, read where it is, check it can be seen.

Tests that use these touch the page only through page.keyboard once it has loaded. Reading the page (which
element has focus, which grid cell is selected, a screenshot) is not an interaction and is allowed.
"""

from __future__ import annotations

import io
import json

import numpy as np
from PIL import Image

from tests.e2e.conftest import settle

DESCRIBE = """() => { const e = document.activeElement; if (!e) return 'nothing';
  const key = (e.closest('[class*="st-key-"]')?.className.match(/st-key-\\S+/) || [''])[0];
  return `${e.tagName}${e.getAttribute('role') ? '[' + e.getAttribute('role') + ']' : ''} `
    + `«${(e.getAttribute('aria-label') || e.innerText || e.value || '').trim().slice(0, 50)}» ${key}`; }"""


def describe_focus(page) -> str:
    return page.evaluate(DESCRIBE)


def focus_matches(page, predicate: str) -> bool:
    """predicate: a JavaScript function of the focused element, e.g. "e => e.tagName == 'CANVAS'"."""
    return page.evaluate(f"() => {{ const e = document.activeElement; return !!e && !!(({predicate})(e)); }}")


def tab_to(page, predicate: str, limit: int = 80, back: bool = False) -> int:
    """Press Tab (Shift+Tab with back) until the focused element satisfies predicate; the number of presses."""
    seen = []
    for count in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if focus_matches(page, predicate):
            return count
        seen.append(describe_focus(page))
    raise AssertionError(
        f"not reached with {'Shift+' if back else ''}Tab in {limit} presses: {predicate}\n" + "\n".join(seen[-25:])
    )


def labelled(label: str) -> str:
    """The element whose accessible label (aria-label) is label."""
    return f"e => e.getAttribute('aria-label') === {json.dumps(label)}"


def button(text: str) -> str:
    """A button whose visible text (after its icon's ligature name) ends with text."""
    return f"e => e.tagName === 'BUTTON' && e.innerText.trim().endsWith({json.dumps(text)})"


def in_key(key: str, tag: str = "") -> str:
    """An element (optionally a given tag) inside the element with Streamlit key class st-key-<key>."""
    tag_test = f"e.tagName === {json.dumps(tag.upper())} && " if tag else ""
    selector = json.dumps(f'[class*="st-key-{key}"]')
    return f"e => {tag_test}!!e.closest({selector})"


def download_by_keyboard(page, button_text: str, limit: int = 80) -> str:
    """Tab to a download button, check its focus can be seen, press Enter; the downloaded file's name."""
    tab_to(page, button(button_text), limit=limit)
    assert_focus_visible(page)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    return info.value.suggested_filename


def go_to_cell(page, col: int, row: int) -> None:
    """With a table's grid focused: Ctrl+Home to its first cell, then the arrow keys to (col, row), counted
    from there. (The grid's hidden accessible table does not follow the selection reliably enough to read
    the position from it; the tests check the outcome instead.)"""
    page.keyboard.press("Control+Home")
    for key, times in (("ArrowRight", col), ("ArrowDown", row)):
        for _ in range(times):
            page.keyboard.press(key)
    settle(page)


def _luminance(rgb: np.ndarray) -> np.ndarray:
    c = rgb / 255.0
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


FRAME = """() => { const e = document.activeElement; let f = e;
  if (e.matches('input[type=checkbox], input[type=radio]')) f = e.closest('label') || e;  // drawn by its label
  else if (e.matches('input, textarea')) {  // a text field: its focus shows on the bordered box around it
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (parseFloat(getComputedStyle(p).borderTopWidth) > 0) { f = p; break; } } }
  const r = f.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; }"""


def _settled_box(page) -> dict:
    """The focused element's frame once the page is at rest (an expander's animation, the scroll that focus
    starts); a frame outside the viewport then is scrolled into view (a measurement, not an interaction)."""
    settle(page)
    box = page.evaluate(FRAME)
    height = page.viewport_size["height"]
    if box["width"] <= 0 or box["height"] <= 0 or box["y"] < 0 or box["y"] + box["height"] > height:
        page.evaluate("() => document.activeElement.scrollIntoView({block: 'center'})")
        settle(page)
        box = page.evaluate(FRAME)
    return box


def focus_contrast_pixels(page, margin: int = 6) -> tuple[int, float]:
    """How many pixels around the focused element differ between focused and unfocused by a contrast of at
    least 3:1 (WCAG 1.4.11 for a focus indicator), and the element's perimeter. The element is blurred for
    the second picture and focused again (by script: a measurement, not an interaction)."""
    box = _settled_box(page)
    clip = {
        "x": max(0, box["x"] - margin),
        "y": max(0, box["y"] - margin),
        "width": box["width"] + 2 * margin,
        "height": box["height"] + 2 * margin,
    }
    settle(page)  # the focus ring's transition
    focused = np.asarray(Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB"), dtype=float)
    page.evaluate("() => { window.__kbdFocus = document.activeElement; window.__kbdFocus.blur(); }")
    settle(page)
    plain = np.asarray(Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB"), dtype=float)
    page.evaluate("() => window.__kbdFocus.focus({preventScroll: true})")
    a, b = _luminance(focused), _luminance(plain)
    ratio = (np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05)
    return int((ratio >= 3).sum()), 2 * (box["width"] + box["height"])


def assert_focus_visible(page) -> None:
    """The focused element shows its focus: an indicator of at least 3:1 against the unfocused look, over at
    least half the element's perimeter (a 1 px border in the primary colour all round passes; the faint
    background Streamlit gives sidebar links and check boxes does not)."""
    what = describe_focus(page)
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')"), what
    changed, perimeter = focus_contrast_pixels(page)
    assert changed >= perimeter / 2, f"focus not visible on {what}: {changed} px changed, perimeter {perimeter:.0f}"
