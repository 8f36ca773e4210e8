"""Källor's «Ladda ner all data»: the whole reference store as Excel, CSV files or the DuckDB file.

The files are made only on a click, from the cached queries; what the buttons keep between runs is the build's
time and hash, not the tables (a session would otherwise hold every table of the store until it ends).
"""

from __future__ import annotations

import streamlit as st

from components.common import data_export
from components.common.store import reference_file, run

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _tables_and_about(built_at, input_hash: str):
    tables = data_export.all_tables(run)
    return tables, data_export.about_rows(tables, built_at, input_hash)


def downloads(built_at, input_hash: str) -> None:
    left, middle, right = st.columns(3)
    left.download_button(
        "Excel (ett blad per tabell)",
        lambda: data_export.workbook(*_tables_and_about(built_at, input_hash)),
        file_name="fardplansdialogen-all-data.xlsx",
        icon=":material/download:",
        key="all_xlsx",
        on_click="ignore",  # no rerun: the rerun a click starts can revoke the file it asked for
        mime=XLSX,
    )
    middle.download_button(
        "CSV-filer (zip)",
        lambda: data_export.csv_zip(*_tables_and_about(built_at, input_hash)),
        file_name="fardplansdialogen-all-data.zip",
        icon=":material/download:",
        key="all_zip",
        on_click="ignore",
        mime="application/zip",
    )
    right.download_button(
        "Databasfilen (DuckDB)",
        reference_file,
        file_name="fardplaner.duckdb",
        icon=":material/download:",
        key="all_duckdb",
        on_click="ignore",
        mime="application/octet-stream",
    )
    st.caption(data_export.NOTE)
