"""Themes that core-specific insatser can share, found by keywords. No Streamlit here.

The list is editorial and small on purpose: each theme is a Swedish label and a few patterns, matched
case- and diacritic-insensitively against an insats's title and description (å/ä → a, ö → o, é → e).
Patterns are regular expressions on that folded text; `\\b` marks a word boundary, so «\\bvard» does
not match «vardag». A theme matches an insats when any of its patterns does. Change the list here: the
Jämför kärnor page and its Excel export show the themes in this order, and the tests check a few
matches against the roadmaps' own words.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    patterns: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "stationsmiljoer",
        "Stationsmiljöer och bytespunkter",
        (r"\bstation", r"spar ?station", r"stations-", r"bytespunkt"),
    ),
    Theme("trygghet", "Trygghet", (r"\btrygg", r"\botrygg")),
    Theme(
        "science-park",
        "Science park, kluster och life science",
        (r"science park", r"\bkluster", r"life science", r"smart specialisering"),
    ),
    Theme(
        "utbildning",
        "Högre utbildning och kompetensförsörjning",
        (r"hogskol", r"universitet", r"\butbildning", r"kompetensforsorjning", r"\bstudent"),
    ),
    Theme("kultur", "Kultur och kreativa näringar", (r"\bkultur", r"kreativa")),
    Theme("vard", "Vård och sjukhus", (r"sjukhus", r"sjukvard", r"\bvard(en|ens|s)?\b", r"halso- och sjukvard")),
    Theme("gang-cykel", "Gång och cykel", (r"\bcykl", r"\bcykel", r"\bga, cykla", r"\bgang, cykel")),
    Theme(
        "kollektivtrafik",
        "Kollektivtrafik och regional tillgänglighet",
        (r"kollektivtrafik", r"regionaltag", r"fjarrtag", r"\bakta kollektivt", r"\bbuss"),
    ),
    Theme("besoksnaring", "Besöksnäring", (r"besoksnaring", r"besoksmal", r"besoksanledning")),
    Theme(
        "stadsutveckling",
        "Stadsutveckling och gaturum",
        (r"stadsutveckling", r"\bfortata", r"gaturum", r"gatuliv", r"stadsmiljo"),
    ),
)


def _literal_first(pattern: str) -> str:
    r"""'\bstation' → 'station(?<=\bstation)': the same matches (the boundary is checked behind the word
    instead of before it), but a pattern that starts with a letter lets Python's regex engine skip ahead to
    where that letter occurs, a few times faster on a 100× store. A letter followed by a quantifier stays
    behind the lookbehind."""
    return re.sub(r"^\\b([a-z]+)(?![?*+{])", lambda m: f"{m[1]}(?<=\\b{m[1]})", pattern)


# One alternation per theme: the same matches as trying each pattern in turn, in one pass over the text.
_COMPILED = {t.id: re.compile("|".join(f"(?:{_literal_first(p)})" for p in t.patterns)) for t in THEMES}
SEPARATOR = "\n"


def fold(text) -> str:
    """Lowercase without diacritics: 'Hälsovägen Öst' → 'halsovagen ost'."""
    if not isinstance(text, str):
        return ""
    return unicodedata.normalize("NFKD", text.lower()).translate(_NO_COMBINING)


class _NoCombining(dict):
    """str.translate table that drops combining characters (the accents NFKD splits off), filled per
    character on first sight: the same result as testing unicodedata.combining() on every character."""

    def __missing__(self, code: int):
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_NO_COMBINING = _NoCombining()


def _text(title, description) -> str:
    return fold(f"{title or ''} {description or ''}")


def themes_of(title, description) -> list[str]:
    """Ids of the themes whose patterns occur in the title or the description."""
    text = _text(title, description)
    return [t.id for t in THEMES if _COMPILED[t.id].search(text)]


def theme_matches(interventions: pd.DataFrame) -> pd.DataFrame:
    """One row per (theme, insats) for insatser with columns id, core_id, code, title, description."""
    titles = interventions["title"].tolist()
    texts = [_text(t, d) for t, d in zip(titles, interventions["description"].tolist())]
    # themes_of() for every insats, one regex pass per theme: the texts joined by a line break, which no
    # pattern can match (tests/test_page_jamfor.py checks), so no match spans two insatser and \b at a
    # text's edge behaves as at the start or end of a string. A match's offset tells whose text it is in.
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(SEPARATOR)
    joined = SEPARATOR.join(texts)
    found = {t.id: {bisect_right(starts, m.start()) - 1 for m in _COMPILED[t.id].finditer(joined)} for t in THEMES}
    codes = interventions["code"].tolist() if "code" in interventions else [None] * len(interventions)
    rows = [
        (theme.id, core_id, iid, code, title)
        for i, (core_id, iid, code, title) in enumerate(
            zip(interventions["core_id"].tolist(), interventions["id"].tolist(), codes, titles)
        )
        for theme in THEMES
        if i in found[theme.id]
    ]
    return pd.DataFrame(rows, columns=["theme_id", "core_id", "id", "code", "title"])
