"""How one indicator value is described in Swedish: value, year, level, area, type, source. No Streamlit.

Rules (shared by Jämför kärnor and Lägesbild):
- A value is shown as the source states it: qualifier ("cirka"), Swedish number, unit; a value that the
  source gives only in words (an interval, say) is quoted. No value → "uppgift saknas", never 0.
- Values with several sub-measures under one indicator are told apart by a note "Delmått: …"; the
  sub-measure is part of what a value *is*, so it goes into every label and no two sub-measures are
  ever combined in one line or one cell.
- Quoted per-core figures (kommunernas egna uppgifter, publicerade uppgifter) refer to the area each
  source delimits: the area and the value type (utfall/mål/plan/prognos) go beside every such value.
"""

from __future__ import annotations

import re

from components.common.format import MISSING, is_missing, number, swedish_decimal

QUOTE_SOURCES = {"kommunala-uppgifter", "rufs-web-fakta"}
IMPORT_SOURCE = "import-tjansteperson"
VALUE_TYPES = {"utfall": "utfall", "mål": "mål", "plan": "plan", "prognos": "prognos"}
_MEASURE = re.compile(r"^Delmått:\s*(.+?)(?:\.\s|\.$|$)")
_AREA = re.compile(r"^Område(?: som avses)?:\s*(.+?)(?:\.\s|\.$|$)")


def measure_of(note) -> str | None:
    """'Delmått: kvinnor. Tabellen …' → 'kvinnor'; None when the value has no sub-measure."""
    if not isinstance(note, str):
        return None
    found = _MEASURE.match(note.strip())
    return found.group(1).strip() if found else None


def area_of(note) -> str | None:
    """'Område som avses: Järva (Rinkeby-Kista …). …' → 'Järva (Rinkeby-Kista …)'."""
    if not isinstance(note, str):
        return None
    found = _AREA.match(note.strip())
    return found.group(1).strip() if found else None


def note_rest(note) -> str | None:
    """A quote's note without its leading area sentence: the source's title and remarks."""
    if not isinstance(note, str):
        return None
    found = _AREA.match(note.strip())
    rest = note.strip()[found.end() :].strip() if found else note.strip()
    return rest or None


def is_quote(source_id) -> bool:
    return source_id in QUOTE_SOURCES


def year_text(year, period_text=None) -> str:
    """'2024'; the source's own period where it says more ('idag (utkast 2025)', '2017–2019',
    '2017, läsår 2016/17'); a date is shown as its year."""
    period = period_text.strip() if isinstance(period_text, str) else ""
    if is_missing(year):
        return f"år anges inte ({period})" if period else "år anges inte"
    year = str(int(year))
    if not period or period == year or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", period):
        return year
    if year in period:
        return period
    return f"{year}, {period}"


def figure(value, unit: str | None = None) -> str:
    """A Swedish number for display: shares in percent with at most one decimal (33.704 → '33,7'),
    other values as stated (number()). The store keeps the source's exact value."""
    if is_missing(value):
        return MISSING
    if isinstance(unit, str) and unit.startswith("procent"):
        return swedish_decimal(value, 0, 1)
    return number(value)


def amount(value, qualifier=None, value_text=None, unit: str | None = None, show_unit: bool = False) -> str:
    """'cirka 25 000 personer'; a value only in words → «…»; nothing → 'uppgift saknas'."""
    if is_missing(value):
        if isinstance(value_text, str) and value_text.strip():
            return f"«{value_text.strip()}»"
        return MISSING
    text = figure(value, unit)
    if isinstance(qualifier, str) and qualifier.strip():
        text = f"{qualifier.strip()} {text}"
    if show_unit and unit:
        text += f" {unit}"
    return text


def source_label(source_title: str, source_id=None, source_section=None) -> str:
    """The source's title; for values imported by an official, also the source they gave."""
    if source_id == IMPORT_SOURCE and isinstance(source_section, str) and source_section:
        return f"{source_title}: {source_section}"
    return source_title


def level_label(level: str, place: str | None = None, source_id=None, note=None) -> str:
    """'kärna', 'kärnkommun: Huddinge', 'Stockholms län'; quotes add the area the source means."""
    if level == "core":
        label = "kärna"
        if is_quote(source_id):
            label += f" (område: {area_of(note) or 'anges inte'})"
        return label
    if level == "kommun":
        return f"kärnkommun: {place}"
    if level == "county":
        return "Stockholms län"
    return place or "annat område"


def row_label(name: str, measure: str | None, value_type: str) -> str:
    """Indicator name with its sub-measure and, when not an outcome, its value type."""
    label = name + (f" – {measure}" if isinstance(measure, str) and measure else "")
    if value_type and value_type != "utfall":
        label += f" ({value_type})"
    return label
