"""Download buttons for a table: Excel and CSV."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.common.export_files import csv_bytes, excel_bytes


def table_downloads(
    df: pd.DataFrame | Callable[[], pd.DataFrame], name: str, title: str, selection: str, sources: str, key: str
) -> None:
    """df may be a function that makes the table: then it is made only when someone clicks."""
    table = df if callable(df) else (lambda: df)
    left, right, _ = st.columns([1, 1, 2])
    # data as callables: the files are built only when someone clicks, not on every rerun
    left.download_button(
        "Ladda ner Excel",
        lambda: excel_bytes(table(), title, selection, sources),
        file_name=f"{name}.xlsx",
        icon=":material/download:",
        key=f"{key}_xlsx",
        on_click="ignore",  # no rerun: the rerun a click starts can revoke the file it asked for
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    right.download_button(
        "Ladda ner CSV",
        lambda: csv_bytes(table()),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}_csv",
        on_click="ignore",
    )
