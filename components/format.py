"""Formatting rules in one place: Swedish numbers, goal-area colours, labels. No Streamlit here."""
from __future__ import annotations

import math

from babel.numbers import format_decimal

MISSING = "uppgift saknas"

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
GOAL_AREA_COLOURS = {1: "#0072B2", 2: "#E69F00", 3: "#009E73", 4: "#CC79A7"}

ROADMAP_STATUS = {
    "antagen": "Färdplan publicerad",
    "utkast": "Färdplan i utkast",
    "ingen": "Ingen färdplan inläst",
}
SCOPE = {"shared": "Gemensam", "core": "Kärnspecifik", "regional": "Regional"}
PLAN_TYPE = {"fardplan": "Färdplan", "rufs": "RUFS-uppföljning", "historisk": "Historisk plan"}
ROLE = {"lead": "Ansvarig aktör", "participant": "Medverkande aktör"}


def is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(value))
    except TypeError:
        return value is getattr(__import__("pandas"), "NA", object())


def number(value, decimals: int | None = None) -> str:
    """1234.5 → '1 234,5' (no-break space as thousands separator); missing → 'uppgift saknas'."""
    if is_missing(value):
        return MISSING
    pattern = "#,##0" if decimals == 0 else ("#,##0." + "0" * decimals if decimals else "#,##0.###")
    return format_decimal(value, format=pattern, locale="sv_SE")


def hex_to_rgb(colour: str, alpha: int = 255) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def roadmap_status(status: str, year=None) -> str:
    label = ROADMAP_STATUS.get(status, status)
    return f"{label} {int(year)}" if status != "ingen" and not is_missing(year) else label


def plain(text) -> str:
    """User or source text for st.markdown, shown as typed: Markdown characters are escaped."""
    if not isinstance(text, str):
        return MISSING
    for ch in "\\`*_{}[]<>()#+-.!|$~":
        text = text.replace(ch, "\\" + ch)
    return text
