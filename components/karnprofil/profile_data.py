"""Kärnprofil: the data preparation behind the page, as plain functions. No Streamlit here."""

from __future__ import annotations

import pandas as pd

from components.common.format import MISSING, PLAN_TYPE, SCOPE, is_missing, number

MARKDOWN_SPECIAL = "\\`*_{}[]<>()#+-.!|$~:"
HEADING_MAX = 80  # a paragraph this short without a final full stop is a sub-heading


def plain(text) -> str:
    """Source text as Markdown that shows exactly the text: escape every character Markdown interprets."""
    if is_missing(text):
        return MISSING
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in str(text))


def text_or_none(value) -> str | None:
    return None if is_missing(value) or str(value).strip() == "" else str(value)


def description_blocks(text) -> list[tuple[str, str]]:
    """Split a character description into ('heading' | 'paragraph', text) on blank lines."""
    blocks = []
    for part in (text_or_none(text) or "").split("\n\n"):
        part = " ".join(part.split())
        if not part:
            continue
        heading = len(part) <= HEADING_MAX and not part.endswith((".", "!", "?", ":", ";", ","))
        blocks.append(("heading" if heading else "paragraph", part))
    return blocks


def load_instructions(core_id: str) -> str:
    """How an official loads a core's roadmap (data/README.md), as Markdown."""
    return (
        "Så läser du in den: lägg kärnans färdplan som CSV-filer (`directions.csv`, "
        "`interventions.csv`, `intervention_actors.csv`, `actors.csv` och `core_texts.csv`) i en ny "
        f"mapp `data/curated/{core_id}-<år>/` enligt formatet i `data/README.md` och kör "
        "`python -m data.build`. Appen bygger om databasen från källorna när den startar."
    )


def has_roadmap(core: dict) -> bool:
    return core.get("roadmap_status") not in (None, "ingen")


def directions_by_goal(directions: pd.DataFrame) -> dict[int, dict]:
    return {int(d["goal_area_id"]): d for d in directions.to_dict("records")}


def municipalities_text(core: dict) -> str:
    return ", ".join(m for m in (text_or_none(core.get("municipalities")) or "").split("|") if m) or MISSING


def roadmap_source_text(core: dict) -> str:
    title = text_or_none(core.get("roadmap_title"))
    if not title:
        return "ingen färdplan inläst"
    who = ", ".join(
        str(p)
        for p in [
            text_or_none(core.get("roadmap_publisher")),
            None if is_missing(core.get("roadmap_year")) else int(core["roadmap_year"]),
        ]
        if p
    )
    return f"{title} ({who})" if who else title


def lead_text(lead) -> str:
    lead = text_or_none(lead)
    return f"Ansvarig: {lead}" if lead else "Ansvarig aktör anges inte i färdplanen"


def participants_text(participants) -> str:
    participants = text_or_none(participants)
    return f"Medverkande: {participants}" if participants else "Medverkande aktörer anges inte i färdplanen"


def card_heading(code, title) -> str:
    code = text_or_none(code)
    return f"{code} {title}" if code else str(title)


def source_text(rec: dict) -> str:
    section = text_or_none(rec.get("source_section"))
    return f"Källa: {rec['source_title']}" + (f", {section}" if section else "")


def goal_area_split(interventions: pd.DataFrame, goal_area_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The roadmap's shared and core-specific insatser of one goal area."""
    rows = interventions[(interventions["plan_type"] == "fardplan") & (interventions["goal_area_id"] == goal_area_id)]
    return rows[rows["scope"] == "shared"], rows[rows["scope"] == "core"]


def plan_rows(interventions: pd.DataFrame, plan_type: str) -> pd.DataFrame:
    """The plan's insatser, each title once: where the source lists the same insats under several sections
    (RUFS Bilaga 2 lists the tunnelbana for Barkarby under two priorities) the first is kept and
    listed_in names every section. The store keeps every listing, as the source does."""
    rows = interventions[interventions["plan_type"] == plan_type].copy()
    sections = rows.groupby("title", sort=False)["source_section"].agg(list)
    rows["listed_in"] = [
        "" if len(sections[t]) < 2 else f"Listas {len(sections[t])} gånger i källan: " + "; ".join(sections[t])
        for t in rows["title"]
    ]
    return rows.drop_duplicates("title", keep="first")


def figure_value(value, qualifier) -> str:
    """'cirka 25 000': the source's qualifier, then the number in Swedish format; missing stays missing."""
    if is_missing(value):
        return MISSING
    qualifier = text_or_none(qualifier)
    return f"{qualifier} {number(value)}" if qualifier else number(value)


def _year(value) -> str:
    return MISSING if is_missing(value) else str(int(value))


def figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The core's figures as the sources state them: one row each, text columns, nothing recomputed."""
    return pd.DataFrame(
        {
            "Uppgift": figures["indicator"],
            "Värde": [figure_value(v, q) for v, q in zip(figures["value"], figures["qualifier"])],
            "Enhet": figures["unit"].fillna(""),
            "År": [_year(y) for y in figures["year"]],
            "Typ": figures["value_type"],  # utfall, mål, plan or prognos, as in the store
            "Period i källan": figures["period_text"].fillna(""),
            "Källa": figures["source_title"],
            "Område och anmärkning": figures["note"].fillna(""),
            "Källans formulering": figures["value_text"].fillna(""),
        }
    )


def population_metrics(population: pd.DataFrame) -> list[dict]:
    """One metric per kärnkommun and the county: label, Swedish number (or missing), year and source."""
    metrics = []
    for rec in population.to_dict("records"):
        year = None if is_missing(rec["year"]) else int(rec["year"])
        metrics.append(
            {
                "label": f"{rec['name']} {year}" if year else rec["name"],
                "value": number(rec["value"], 0),
                "year": year,
                "source": text_or_none(rec["source_title"]),
            }
        )
    return metrics


def map_frames(core: dict, stations: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The one core row and its stations in the shape components.start.core_map expects."""
    point = pd.DataFrame(
        [
            {
                "id": core["id"],
                "name": core["name"],
                "lat": core["lat"],
                "lon": core["lon"],
                "roadmap_status": core["roadmap_status"],
                "status_text": "regional stadskärna",
            }
        ]
    )
    stations = stations.copy()
    stations["status_text"] = "station"
    return point, stations


def municipality_codes(core: dict) -> set[str]:
    return {c for c in (text_or_none(core.get("municipality_codes")) or "").split("|") if c}


CARD_LIMIT = 25  # cards (or items) drawn per list; the rest go into one table (a page of thousands of
#                 elements takes seconds to run and to draw; no list in the real sources is this long)


def split_for_cards(rows: pd.DataFrame, limit: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows drawn as cards (the first CARD_LIMIT) and the rest, shown as one table."""
    limit = CARD_LIMIT if limit is None else limit
    return rows.iloc[:limit], rows.iloc[limit:]


def rest_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The insatser beyond the cards: code, title and lead actor, in the same order."""
    return pd.DataFrame(
        {
            "Kod": rows["code"].fillna("").to_list(),
            "Insats": rows["title"].to_list(),
            "Ansvarig aktör": rows["lead"].fillna("").to_list(),
        }
    )


def download_table(interventions: pd.DataFrame) -> pd.DataFrame:
    """Every insats of the core for Excel/CSV: goal area, scope, code, title, actors, source."""
    return pd.DataFrame(
        {
            "Plan": interventions["plan_type"].map(PLAN_TYPE),
            "Målområde": [
                f"{int(g)} {n}" if not is_missing(g) else ""
                for g, n in zip(interventions["goal_area_id"], interventions["goal_area"])
            ],
            "Omfattning": interventions["scope"].map(SCOPE),
            "Kod": interventions["code"].fillna(""),
            "Insats": interventions["title"],
            "Ansvarig aktör": interventions["lead"].fillna(""),
            "Medverkande aktörer": interventions["participants"].fillna(""),
            "Dokument": interventions["source_title"],
            "Avsnitt": interventions["source_section"].fillna(""),
        }
    )


def download_sources(interventions: pd.DataFrame) -> str:
    """The documents behind the core's insatser, for the Excel file's 'Om' sheet."""
    return "; ".join(dict.fromkeys(interventions["source_title"])) or "Region Stockholms färdplaner"
