"""Read and validate the curated CSV files (data/curated/<folder>/<table>.csv).

Every problem is reported in Swedish with file, row and field; nothing is written unless all files pass.
Row numbers count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

GOAL_AREAS = {"1", "2", "3", "4"}
ACTOR_TYPES = {
    "region",
    "kommun",
    "statlig myndighet",
    "bolag",
    "akademi",
    "klusterorganisation",
    "näringsliv",
    "övrigt",
}
KINDS = {"Samverkan/dialog", "Kunskap", "Planering och genomförande", "Kommunikation/marknadsföring"}
GEOGRAPHY_TYPES = {"core", "kommun", "county", "area"}
VALUE_TYPES = {"utfall", "mål", "plan", "prognos"}


@dataclass(frozen=True)
class Spec:
    """One curated table, declared once: read here, checked across files in data/checks.py, written by the
    imports (data/roadmap_import.py, data/indicator_import.py) and mapped to the template's sheets
    (data/roadmap_template.py, Column.field)."""

    columns: tuple[str, ...]
    required: tuple[str, ...]
    enums: dict[str, set[str]]
    key: tuple[str, ...] = ()  # unique together, over all folders
    label: str = ""  # one record, definite, in Swedish: "insatsen X finns redan tidigare."
    noun: str = ""  # one record, indefinite: "okänd insats «X»." where another table names it
    refs: dict[str, str] = field(default_factory=dict)  # column -> the table whose id it names ("table.column")
    formats: dict[str, str] = field(default_factory=dict)  # column -> a key of FORMATS


SPECS: dict[str, Spec] = {
    "sources": Spec(
        ("id", "title", "publisher", "year", "status", "kind", "file", "note"),
        ("id", "title", "status"),
        {},
        key=("id",),
        label="källan",
        noun="källa",
        formats={"year": "year"},
    ),
    "changes": Spec(
        ("date", "what", "source_id"), ("date", "what"), {}, refs={"source_id": "sources"}, formats={"date": "date"}
    ),
    "goal_areas": Spec(
        ("id", "name", "short_name", "description", "source_id", "source_section"),
        ("id", "name", "short_name", "source_id"),
        {"id": GOAL_AREAS},
        key=("id",),
        label="målområdet",
        noun="målområde",
        refs={"source_id": "sources"},
    ),
    "cores": Spec(
        (
            "id",
            "name",
            "municipalities",
            "municipality_codes",
            "aliases",
            "roadmap_source_id",
            "roadmap_status",
            "municipalities_basis",
            "municipalities_source_id",
            "source_id",
            "source_section",
        ),
        ("id", "name", "municipalities", "municipality_codes", "roadmap_status", "source_id"),
        {"roadmap_status": {"antagen", "utkast", "ingen"}},
        key=("id",),
        label="kärnan",
        noun="kärna",
        refs={"source_id": "sources", "roadmap_source_id": "sources", "municipalities_source_id": "sources"},
    ),
    # an actor may be listed in several folders, with the same name and type (data/checks.py)
    "actors": Spec(("id", "name", "type", "note"), ("id", "name", "type"), {"type": ACTOR_TYPES}, noun="aktör"),
    "interventions": Spec(
        (
            "id",
            "code",
            "title",
            "description",
            "goal_area_id",
            "scope",
            "core_id",
            "kind",
            "plan_type",
            "purpose",
            "financing",
            "regional_priority",
            "timing",
            "budget",
            "source_id",
            "source_section",
            "note",
        ),
        ("id", "title", "scope", "plan_type", "source_id", "source_section"),
        {
            "goal_area_id": GOAL_AREAS,
            "scope": {"shared", "core", "regional"},
            "kind": KINDS,
            "plan_type": {"fardplan", "rufs", "historisk"},
        },
        key=("id",),
        label="insatsen",
        noun="insats",
        refs={"core_id": "cores", "source_id": "sources"},
    ),
    "intervention_actors": Spec(
        ("intervention_id", "actor_id", "role", "name_as_written", "source_id", "source_section"),
        ("intervention_id", "actor_id", "role", "source_id"),
        {"role": {"lead", "participant"}},
        key=("intervention_id", "actor_id", "role"),
        label="aktörsrollen",
        refs={"intervention_id": "interventions", "actor_id": "actors", "source_id": "sources"},
    ),
    "intervention_cores": Spec(
        ("intervention_id", "core_id", "basis", "source_id", "source_section"),
        ("intervention_id", "core_id", "source_id"),
        {},
        key=("intervention_id", "core_id"),
        label="kopplingen",
        refs={"intervention_id": "interventions", "core_id": "cores", "source_id": "sources"},
    ),
    "intervention_variants": Spec(
        ("intervention_id", "title", "description", "source_id", "source_section", "note"),
        ("intervention_id", "title", "source_id", "source_section"),
        {},
        refs={"intervention_id": "interventions", "source_id": "sources"},
    ),
    "directions": Spec(
        ("core_id", "goal_area_id", "heading", "text", "source_id", "source_section"),
        ("core_id", "goal_area_id", "text", "source_id", "source_section"),
        {"goal_area_id": GOAL_AREAS},
        key=("core_id", "goal_area_id"),
        label="färdriktningen för",
        refs={"core_id": "cores", "source_id": "sources"},
    ),
    "core_texts": Spec(
        ("core_id", "field", "text", "source_id", "source_section"),
        ("core_id", "field", "text", "source_id"),
        {"field": {"description"}},
        key=("core_id", "field"),
        label="texten för",
        refs={"core_id": "cores", "source_id": "sources"},
    ),
    "indicators": Spec(
        (
            "id",
            "name",
            "unit",
            "goal_area_id",
            "rufs_goal",
            "higher_is_better",
            "target_value",
            "target_text",
            "target_year",
            "definition",
            "source_id",
            "source_section",
        ),
        ("id", "name", "unit", "source_id"),
        {"goal_area_id": GOAL_AREAS, "higher_is_better": {"true", "false"}},
        key=("id",),
        label="indikatorn",
        noun="indikator",
        refs={"source_id": "sources"},
        formats={"target_value": "number", "target_year": "year"},
    ),
    "indicator_values": Spec(
        (
            "indicator_id",
            "geography_type",
            "geography",
            "year",
            "period_text",
            "value",
            "qualifier",
            "value_type",
            "value_text",
            "source_id",
            "source_section",
            "note",
        ),
        ("indicator_id", "geography_type", "geography", "value_type", "source_id"),
        {"geography_type": GEOGRAPHY_TYPES, "value_type": VALUE_TYPES},
        refs={"indicator_id": "indicators", "source_id": "sources"},
        formats={"value": "number", "year": "year"},
    ),
    "rankings": Spec(
        (
            "id",
            "index_name",
            "name_as_written",
            "position",
            "out_of",
            "position_text",
            "year",
            "year_text",
            "source_id",
            "source_section",
            "note",
        ),
        ("id", "index_name", "position_text", "source_id", "source_section"),
        {},
        key=("id",),
        label="rankningen",
        refs={"source_id": "sources"},
        formats={"position": "integer", "out_of": "integer", "year": "year"},
    ),
    "european_comparison": Spec(
        (
            "id",
            "goal_as_written",
            "indicator_as_written",
            "value",
            "unit",
            "value_text",
            "year",
            "place_as_written",
            "position",
            "position_text",
            "source_id",
            "source_section",
            "note",
        ),
        ("id", "indicator_as_written", "value_text", "source_id", "source_section"),
        {},
        key=("id",),
        label="jämförelsen",
        noun="jämförelse",
        refs={"source_id": "sources"},
        formats={"value": "number", "year": "year", "position": "integer"},
    ),
    "european_region_values": Spec(
        (
            "comparison_id",
            "region",
            "value",
            "value_text",
            "year",
            "position_text",
            "source_id",
            "source_section",
            "note",
        ),
        ("comparison_id", "region", "value_text", "source_id", "source_section"),
        {},
        key=("comparison_id", "region"),
        label="regionvärdet",
        refs={"comparison_id": "european_comparison", "source_id": "sources"},
        formats={"value": "number", "year": "year"},
    ),
    "delmal_trends": Spec(
        ("indicator_id", "trend_as_written", "readable", "trend_text", "source_id", "source_section", "note"),
        ("indicator_id", "readable", "source_id", "source_section"),
        {"readable": {"ja", "nej"}},
        key=("indicator_id",),
        label="trenden för",
        refs={"indicator_id": "indicators", "source_id": "sources"},
    ),
    "regional_priority_assessments": Spec(
        ("regional_priority", "seq", "text", "source_id", "source_section", "note"),
        ("regional_priority", "seq", "text", "source_id", "source_section"),
        {},
        key=("regional_priority", "seq"),
        label="bedömningen",
        refs={"source_id": "sources"},
        formats={"seq": "integer"},
    ),
    "strategies": Spec(
        ("strategy_id", "name", "seq", "text", "source_id", "source_section", "note"),
        ("strategy_id", "name", "seq", "text", "source_id", "source_section"),
        {},
        key=("strategy_id", "seq"),
        label="strategitexten",
        noun="strategi",
        refs={"source_id": "sources"},
        formats={"seq": "integer"},
    ),
    "strategy_figures": Spec(
        ("strategy_id", "figure_text", "value", "unit", "year", "kind", "source_id", "source_section", "note"),
        ("strategy_id", "figure_text", "kind", "source_id", "source_section"),
        {
            "kind": {
                "antal indikatorer",
                "antal insatsområden",
                "antal målområden",
                "antagen",
                "planerad",
                "mål",
                "utfall",
            }
        },
        key=("strategy_id", "figure_text"),
        label="strategisiffran",
        refs={"strategy_id": "strategies.strategy_id", "source_id": "sources"},
        formats={"value": "number", "year": "year"},
    ),
    "agenda2030": Spec(
        ("seq", "global_goal", "text", "source_id", "source_section", "note"),
        ("seq", "text", "source_id", "source_section"),
        {},
        key=("seq",),
        label="raden",
        refs={"source_id": "sources"},
        formats={"seq": "integer"},
    ),
    "delmal_assessments": Spec(
        ("indicator_id", "text", "source_id", "source_section", "note"),
        ("indicator_id", "text", "source_id", "source_section"),
        {},
        key=("indicator_id",),
        label="bedömningen av",
        refs={"indicator_id": "indicators", "source_id": "sources"},
    ),
}

# What the historical plans say about how the work was organised, financed and aimed (historiska-planer).
PLAN_FACT_TOPICS = set(
    "vision strategi nuläge målbild organisation ledamot möte finansiering medlem regel kalender budget".split()
)
SPECS["plan_facts"] = Spec(
    (
        "id",
        "source_id",
        "source_section",
        "topic",
        "subject",
        "text",
        "value",
        "unit",
        "year",
        "period_text",
        "qualifier",
        "note",
    ),
    ("id", "source_id", "source_section", "topic", "subject", "text"),
    {"topic": PLAN_FACT_TOPICS},
    key=("id",),
    label="uppgiften",
    refs={"source_id": "sources"},
    formats={"value": "number", "year": "year"},
)

# A roadmap's own texts about how it is carried out ("Roller och ansvar", "Genomförande"), per heading.
SPECS["roadmap_texts"] = Spec(
    ("core_id", "field", "heading", "text", "source_id", "source_section"),
    ("core_id", "field", "heading", "text", "source_id", "source_section"),
    {"field": {"roller_och_ansvar", "genomforande"}},
    key=("core_id", "field", "heading"),
    label="texten",
    refs={"core_id": "cores", "source_id": "sources"},
)

# Why an indicator has its färdplan goal area or its direction (higher_is_better): the source's words or
# an editorial judgement, said as such.
SPECS["indicator_bases"] = Spec(
    ("indicator_id", "field", "basis_type", "basis", "source_id", "source_section"),
    ("indicator_id", "field", "basis_type", "basis", "source_id"),
    {"field": {"goal_area_id", "higher_is_better"}, "basis_type": {"källa", "redaktionell"}},
    key=("indicator_id", "field"),
    label="grunden för",
    refs={"indicator_id": "indicators", "source_id": "sources"},
)

# How a source's spelling of an actor is read (data/checks.py: each names intervention_actors rows, and every
# row of an actor read here has its reading): which organisation, and why, in the source's words or editorial.
SPECS["actor_readings"] = Spec(
    ("name_as_written", "actor_id", "basis_type", "basis", "source_id", "source_section"),
    ("name_as_written", "actor_id", "basis_type", "basis", "source_id", "source_section"),
    {"basis_type": {"källa", "redaktionell"}},
    key=("name_as_written", "actor_id", "source_id", "source_section"),
    label="läsningen",
    refs={"actor_id": "actors", "source_id": "sources"},
)

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
YEAR = re.compile(r"^\d{4}$")
# a format: its pattern and the Swedish message after «value»
FORMATS = {
    "number": (NUMBER, "är inget tal (skriv t.ex. 1234.5 utan mellanslag)."),
    "year": (YEAR, "är inget årtal."),
    "integer": (re.compile(r"^\d+$"), "är inget heltal."),
    "date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "är inget datum (ÅÅÅÅ-MM-DD)."),
}


class DataError(Exception):
    """Raised with every problem found; str() is a Swedish list of them."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def problem(file: str, row: int | None, field: str | None, message: str) -> str:
    where = file + (f", rad {row}" if row else "") + (f", fält «{field}»" if field else "")
    return f"{where}: {message}"


def read_table(path: Path, name: str, root: Path, problems: list[str]) -> pd.DataFrame:
    """Read one curated CSV as text columns; check header, required fields and enums."""
    spec = SPECS[name]
    rel = str(path.relative_to(root.parent))
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
    except UnicodeDecodeError as exc:
        problems.append(problem(rel, None, None, f"filen är inte UTF-8 (byte {exc.start})."))
        return pd.DataFrame(columns=spec.columns)
    if not rows:
        problems.append(problem(rel, None, None, "filen är tom (rubrikraden saknas)."))
        return pd.DataFrame(columns=spec.columns)
    header = rows[0]
    if tuple(header) != spec.columns:
        missing = [c for c in spec.columns if c not in header]
        extra = [c for c in header if c not in spec.columns]
        problems.append(
            problem(
                rel,
                1,
                None,
                "fel kolumner"
                + (f"; saknas: {', '.join(missing)}" if missing else "")
                + (f"; okända: {', '.join(extra)}" if extra else "")
                + ("; fel ordning" if not missing and not extra else ""),
            )
        )
        return pd.DataFrame(columns=spec.columns)
    records = []
    for i, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            problems.append(problem(rel, i, None, f"{len(values)} fält i stället för {len(header)}."))
            continue
        rec = dict(zip(header, (v.strip() for v in values)))
        for column in spec.required:
            if not rec[column]:
                problems.append(problem(rel, i, column, "värde saknas."))
        for column, allowed in spec.enums.items():
            if rec[column] and rec[column] not in allowed:
                problems.append(
                    problem(rel, i, column, f"«{rec[column]}» är inte ett av: " + ", ".join(sorted(allowed)) + ".")
                )
        rec["_file"], rec["_row"] = rel, i
        records.append(rec)
    return pd.DataFrame(records, columns=[*spec.columns, "_file", "_row"])


def read_all(curated: Path) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Concatenate each table over all folders (common/ first, then alphabetical).

    Folders whose name starts with "." (saved versions in .versions/, an import's staging) are not data.
    """
    problems: list[str] = []
    folders = sorted(p for p in curated.iterdir() if p.is_dir() and not p.name.startswith("."))
    folders.sort(key=lambda p: p.name != "common")
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in SPECS}
    for folder in folders:
        for path in sorted(folder.glob("*.csv")):
            if path.stem not in SPECS:
                problems.append(
                    problem(
                        str(path.relative_to(curated.parent)),
                        None,
                        None,
                        "okänd tabell (filnamnet ska vara en av: " + ", ".join(SPECS) + ").",
                    )
                )
                continue
            tables[path.stem].append(read_table(path, path.stem, curated, problems))
    merged = {
        name: (
            pd.concat(dfs, ignore_index=True) if dfs else pd.DataFrame(columns=[*SPECS[name].columns, "_file", "_row"])
        )
        for name, dfs in tables.items()
    }
    return merged, problems
