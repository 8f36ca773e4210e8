"""The whole reference store as files for analysts: an Excel workbook (a sheet per table), a zip of
CSV files, and the DuckDB file itself. Columns as in the store (README: The store). No Streamlit here."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pandas as pd

from components.common.export_files import csv_bytes, workbook_bytes

TABLES = [
    "sources",
    "goal_areas",
    "cores",
    "municipalities",
    "stations",
    "directions",
    "interventions",
    "intervention_variants",
    "intervention_cores",
    "actors",
    "intervention_actors",
    "indicators",
    "indicator_values",
    "data_changes",
    "rankings",
    "european_comparison",
    "european_region_values",
    "delmal_trends",
    "delmal_assessments",
    "regional_priority_assessments",
    "strategies",
    "strategy_figures",
    "agenda2030",
    "plan_facts",
    "roadmap_texts",
    "indicator_bases",
    "actor_readings",
]
NOTE = (
    "Tomma celler betyder att ingen källa anger värdet (uppgift saknas), aldrig noll. Varje rad bär sin "
    "källa (source_id, i tabellen sources) och i regel avsnittet den hämtats ur (source_section). "
    "Kommunernas gränser (GeoJSON) ingår inte; de finns i databasfilen."
)


def all_tables(run: Callable[..., pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every table of the store, read with the named queries export_<table> (queries/export.sql)."""
    return {table: run(f"export_{table}") for table in TABLES}


def about_rows(tables: dict[str, pd.DataFrame], built_at, input_hash: str) -> list[tuple[str, object]]:
    counts = ", ".join(f"{name} {len(df)}" for name, df in tables.items())
    return [
        ("Titel", "Färdplansdialogen: all data i referensdatabasen"),
        ("Byggd", f"{built_at:%Y-%m-%d %H:%M} (UTC) från filerna i data/sources och data/curated"),
        ("Indatahash", input_hash),
        ("Rader per tabell", counts),
        ("Anmärkning", NOTE),
    ]


def workbook(tables: dict[str, pd.DataFrame], about: list[tuple[str, object]]) -> bytes:
    return workbook_bytes(tables, about)


def csv_zip(tables: dict[str, pd.DataFrame], about: list[tuple[str, object]]) -> bytes:
    """A zip with one CSV per table (UTF-8 with BOM, semicolons, as the app's other CSV files) and LASMIG.txt."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, df in tables.items():
            zf.writestr(f"{name}.csv", csv_bytes(df))
        zf.writestr("LASMIG.txt", "\n".join(f"{label}: {value}" for label, value in about).encode("utf-8"))
    return buffer.getvalue()
