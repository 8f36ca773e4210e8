"""Jämför kärnor's Excel file: every table of every tab, and the region's rankings and European comparison.
No Streamlit here; the page fetches the frames (cached per build) and this builds the tables on a click."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.common import kommun_rank_data as kr
from components.jamfor import compare_data, summary_data
from components.lagesbild import region_data as rd

TITLE = "Jämförelse av regionala stadskärnor"
SOURCES = (
    "Färdplaner (Region Stockholm: Södertälje 2026, Flemingsberg utkast 2025), Uppföljning av RUFS "
    "2050 (2020: insatser, delmål, internationella rankingar och den europeiska jämförelsen), SCB:s "
    "kommunstatistik (folkmängd, utbildningsnivå, skattekraft), kommunernas och rufs.se:s publicerade "
    "uppgifter (citat), värden inlästa av tjänstepersoner; se sidan Källor"
)
# the query behind each frame (queries/*.sql); the ones taking the chosen cores are marked
QUERIES = {
    "coverage": ("cores_overview", False),
    "counts": ("insatser_per_core_goal_area", True),
    "population": ("compare_population", True),
    "interventions": ("compare_core_interventions", True),
    "roles": ("compare_actor_roles", True),
    "values": ("compare_indicator_values", True),
    "ranks": ("kommun_ranks", False),
    "rankings": ("region_rankings", False),
    "comparison": ("region_european_comparison", False),
    "others": ("region_european_values", False),
}


@dataclass(frozen=True)
class Frames:
    """The query results one comparison is made of (coverage: the chosen cores' rows, in their order)."""

    coverage: pd.DataFrame
    counts: pd.DataFrame
    population: pd.DataFrame
    interventions: pd.DataFrame
    roles: pd.DataFrame
    values: pd.DataFrame
    ranks: pd.DataFrame
    rankings: pd.DataFrame
    comparison: pd.DataFrame
    others: pd.DataFrame


def fetch(run, cores: list[str]) -> Frames:
    """run(name, **params) → DataFrame (components.common.store.run, or a ReferenceStore's run in tests)."""
    got = {field: run(name, cores=cores) if chosen else run(name) for field, (name, chosen) in QUERIES.items()}
    got["coverage"] = compare_data.chosen_coverage(got["coverage"], cores)
    return Frames(**got)


def tables(f: Frames) -> dict[str, pd.DataFrame]:
    """The sheets, in the page's order: the summary, the tabs' tables, then the region."""
    chosen = compare_data.chosen_values(f.values, f.coverage)
    standing = kr.standing(f.ranks, compare_data.kommun_codes(f.coverage))
    return {
        "I korthet": summary_data.summary_table(f.coverage, f.counts, f.population),
        "Färdplaner": compare_data.coverage_table(f.coverage),
        "Insatser per målområde": compare_data.goal_area_table(f.counts),
        "Teman": compare_data.theme_table(f.interventions, f.coverage),
        "Aktörer": compare_data.actor_summary(f.roles, f.coverage),
        "Aktörer i kärnspecifika": compare_data.actor_matrix(f.roles, f.coverage),
        "Indikatorer": compare_data.indicator_table(f.values, f.coverage, chosen),
        "Kommunernas uppgifter": compare_data.quote_table(f.values, f.coverage, chosen),
        "Indikatorvärden": compare_data.indicator_long(f.values, f.coverage, chosen),
        "Kärnkommunernas placering": standing.drop(columns=["indicator_id", "code", "colour"]),
        "Internationella rankingar": rd.ranking_table(f.rankings),
        "Europeisk jämförelse": rd.europe_table(f.comparison, f.others),
    }


def workbook(f: Frames) -> bytes:
    names = ", ".join(f.coverage["name"])
    return compare_data.workbook_bytes(tables(f), TITLE, f"kärnor: {names}", SOURCES)
