"""The older plans' facts (plan_facts) shaped into Swedish tables, grouped by theme. No Streamlit here."""

from __future__ import annotations

import pandas as pd

from components.common.format import is_missing, number

# theme heading → the topics it holds, in the order a talk about "how we worked before" needs them
THEMES = [
    ("Vision och strategier", ["vision", "strategi"]),
    ("Nuläge och målbild", ["nuläge", "målbild"]),
    ("Organisation och ledamöter", ["organisation", "ledamot", "medlem"]),
    ("Hur ofta man möttes", ["möte"]),
    ("Mötes- och konferenskalender", ["kalender"]),
    ("Finansiering och budget", ["finansiering", "budget"]),
    ("Regler i samarbetsavtalet", ["regel"]),
]
TOPIC_LABELS = {
    "vision": "Vision",
    "strategi": "Strategi",
    "nuläge": "Nuläge",
    "målbild": "Målbild",
    "organisation": "Organisation",
    "ledamot": "Ledamot",
    "medlem": "Medlem",
    "möte": "Möten",
    "kalender": "Kalender",
    "finansiering": "Finansiering",
    "budget": "Budget",
    "regel": "Regel",
}


def _text(value) -> str:
    return "" if is_missing(value) else str(value)


def figure_text(rec: dict) -> str:
    """The number as the source gives it (qualifier, value, unit); a figure in words (”ett tiotal”) as words;
    empty where the source gives no single number (the words are in «Källans ord»)."""
    qualifier, unit = _text(rec.get("qualifier")), _text(rec.get("unit"))
    if is_missing(rec.get("value")):
        return f"{qualifier} {unit}".strip() if qualifier else ""
    return " ".join(p for p in [qualifier, number(rec["value"]), unit] if p)


def when_text(rec: dict) -> str:
    """The year, with the period the source states when it differs (”2009 (2009, Q1-Q2)”)."""
    year = "" if is_missing(rec.get("year")) else f"{int(rec['year'])}"
    period = _text(rec.get("period_text"))
    if not period or period == year:
        return year
    return f"{year} ({period})" if year else period


def plans(facts: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(source title with year, basis, rows) per plan, oldest first."""
    out = []
    for _source_id, rows in facts.groupby("source_id", sort=False):
        first = rows.iloc[0]
        title = (
            f"{first['source_title']} ({int(first['source_year'])})"
            if not is_missing(first["source_year"])
            else first["source_title"]
        )
        basis = _text(first["basis"]) if "basis" in rows.columns else ""
        out.append((title, basis, rows))
    return out


def theme_tables(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """One Swedish table per theme that the plan has rows for."""
    out = []
    for heading, topics in THEMES:
        part = rows[rows["topic"].isin(topics)]
        if part.empty:
            continue
        recs = part.to_dict("records")
        out.append(
            (
                heading,
                pd.DataFrame(
                    {
                        "Slag": [TOPIC_LABELS[r["topic"]] for r in recs],
                        "Gäller": [_text(r["subject"]) for r in recs],
                        "Tal": [figure_text(r) for r in recs],
                        "År": [when_text(r) or "anges inte" for r in recs],
                        "Källans ord": [_text(r["text"]) for r in recs],
                        "Avsnitt": [_text(r["source_section"]) for r in recs],
                        "Anmärkning": [_text(r["note"]) for r in recs],
                    }
                ),
            )
        )
    return out


def download_table(facts: pd.DataFrame) -> pd.DataFrame:
    """Every fact with its source, for the CSV/Excel download."""
    recs = facts.to_dict("records")
    return pd.DataFrame(
        {
            "Källa": [_text(r["source_title"]) for r in recs],
            "Avsnitt": [_text(r["source_section"]) for r in recs],
            "Slag": [TOPIC_LABELS[r["topic"]] for r in recs],
            "Gäller": [_text(r["subject"]) for r in recs],
            "Källans ord": [_text(r["text"]) for r in recs],
            "Värde": [r["value"] if not is_missing(r["value"]) else None for r in recs],
            "Enhet": [_text(r["unit"]) for r in recs],
            "Ordval": [_text(r["qualifier"]) for r in recs],
            "År": [int(r["year"]) if not is_missing(r["year"]) else None for r in recs],
            "Period": [_text(r["period_text"]) for r in recs],
            "Anmärkning": [_text(r["note"]) for r in recs],
        }
    )
