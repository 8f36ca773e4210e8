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
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    patterns: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme("stationsmiljoer", "Stationsmiljöer och bytespunkter",
          (r"\bstation", r"spar ?station", r"stations-", r"bytespunkt")),
    Theme("trygghet", "Trygghet", (r"\btrygg", r"\botrygg")),
    Theme("science-park", "Science park, kluster och life science",
          (r"science park", r"\bkluster", r"life science",
           r"smart specialisering")),
    Theme("utbildning", "Högre utbildning och kompetensförsörjning",
          (r"hogskol", r"universitet", r"\butbildning", r"kompetensforsorjning", r"\bstudent")),
    Theme("kultur", "Kultur och kreativa näringar", (r"\bkultur", r"kreativa")),
    Theme("vard", "Vård och sjukhus",
          (r"sjukhus", r"sjukvard", r"\bvard(en|ens|s)?\b", r"halso- och sjukvard")),
    Theme("gang-cykel", "Gång och cykel", (r"\bcykl", r"\bcykel", r"\bga, cykla", r"\bgang, cykel")),
    Theme("kollektivtrafik", "Kollektivtrafik och regional tillgänglighet",
          (r"kollektivtrafik", r"regionaltag", r"fjarrtag", r"\bakta kollektivt", r"\bbuss")),
    Theme("besoksnaring", "Besöksnäring", (r"besoksnaring", r"besoksmal", r"besoksanledning")),
    Theme("stadsutveckling", "Stadsutveckling och gaturum",
          (r"stadsutveckling", r"\bfortata", r"gaturum", r"gatuliv", r"stadsmiljo")),
)

_COMPILED = {t.id: [re.compile(p) for p in t.patterns] for t in THEMES}


def fold(text) -> str:
    """Lowercase without diacritics: 'Hälsovägen Öst' → 'halsovagen ost'."""
    if not isinstance(text, str):
        return ""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def themes_of(title, description) -> list[str]:
    """Ids of the themes whose patterns occur in the title or the description."""
    text = fold(f"{title or ''} {description or ''}")
    return [t.id for t in THEMES if any(p.search(text) for p in _COMPILED[t.id])]


def theme_matches(interventions: pd.DataFrame) -> pd.DataFrame:
    """One row per (theme, insats) for insatser with columns id, core_id, code, title, description."""
    rows = []
    for rec in interventions.to_dict("records"):
        for theme_id in themes_of(rec["title"], rec["description"]):
            rows.append({"theme_id": theme_id, "core_id": rec["core_id"], "id": rec["id"],
                         "code": rec.get("code"), "title": rec["title"]})
    return pd.DataFrame(rows, columns=["theme_id", "core_id", "id", "code", "title"])
