"""Jämför kärnor, «Kärnorna i korthet»: the answer first, one column per chosen core. No Streamlit here.

Only what the store holds: a core without a roadmap has no core-specific insatser loaded, so their count and
the total are «uppgift saknas», never 0; a kärnkommun without a population value says so too.
"""

from __future__ import annotations

import pandas as pd

from components.common.format import MISSING, is_missing, number, roadmap_status
from components.common.frames import records

FIRST = "I korthet"


def _has_roadmap(status) -> bool:
    return not is_missing(status) and status != "ingen"


def goal_areas_covered(counts: pd.DataFrame, core_id: str) -> str:
    """'3 av 4: 1, 2, 4': the goal areas in which the core has core-specific insatser in its roadmap."""
    part = counts[counts["core_id"] == core_id]
    covered = [str(int(g)) for g, n in zip(part["goal_area_id"], part["core_specific"]) if int(n) > 0]
    total = part["goal_area_id"].nunique()
    return f"{len(covered)} av {total}" + (f": {', '.join(covered)}" if covered else "")


def population_text(population: pd.DataFrame, core_id: str) -> str:
    """'Huddinge 113 000 (2024); Botkyrka 95 000 (2024)': each kärnkommun's latest value and year."""
    parts = [
        f"{r['kommun']} {MISSING}"
        if is_missing(r["value"])
        else f"{r['kommun']} {number(r['value'], 0)} ({int(r['year'])})"
        for r in records(population[population["core_id"] == core_id])
    ]
    return "; ".join(parts) or MISSING


def population_source(population: pd.DataFrame, core_id: str) -> str:
    part = population[(population["core_id"] == core_id) & population["value"].notna()]
    return "; ".join(dict.fromkeys(part["source_title"])) or MISSING


def summary_table(coverage: pd.DataFrame, counts: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """One row per question, one column per core (in the order chosen); every cell a text."""
    columns = {}
    for rec in records(coverage):
        loaded = _has_roadmap(rec["roadmap_status"])
        shared, own = int(rec["shared_interventions"]), int(rec["core_interventions"])
        columns[rec["name"]] = [
            str(rec["municipalities"]).replace("|", ", "),
            roadmap_status(rec["roadmap_status"], rec["roadmap_year"]),
            str(shared + own) if loaded else MISSING,
            str(shared),
            str(own) if loaded else MISSING,
            goal_areas_covered(counts, rec["id"]) if loaded else MISSING,
            population_text(population, rec["id"]),
            population_source(population, rec["id"]),
        ]
    labels = [
        "Kärnkommuner",
        "Färdplan",
        "Insatser i färdplanen, totalt",
        "varav gemensamma",
        "varav kärnspecifika",
        "Målområden med kärnspecifika insatser",
        "Folkmängd i kärnkommunerna",
        SOURCE_ROW,
    ]
    return pd.DataFrame({FIRST: labels, **columns})


SOURCE_ROW = "Källa för folkmängden"


def shown_and_sources(table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The table as the page shows it (the source row moved to a line under it) and that line's sources."""
    row = table[FIRST] == SOURCE_ROW
    sources = [s for part in table.loc[row].iloc[0, 1:] for s in str(part).split("; ") if s != MISSING]
    return table[~row].reset_index(drop=True), "; ".join(dict.fromkeys(sources)) or MISSING
