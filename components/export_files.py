"""Excel and CSV files of a table, as officials paste them into a brief. No Streamlit here.

Every file carries the selection, the date and the sources. Cell text that a spreadsheet would run as
a formula (=, +, -, @ first) is written as text, so user or source text can never execute.
"""
from __future__ import annotations

import io
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix an apostrophe to text that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _clean(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV for Swedish Excel: UTF-8 with BOM, semicolon separated, decimal comma; missing stays empty."""
    return _clean(df).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def excel_bytes(df: pd.DataFrame, title: str, selection: str, sources: str, sheet: str = "Data") -> bytes:
    """An .xlsx with the table on one sheet and title, selection, date and sources on a sheet 'Om'."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    clean = _clean(df)
    ws.append([str(c) for c in clean.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in clean.itertuples(index=False):
        ws.append([None if (not isinstance(v, (list, tuple)) and pd.isna(v)) else v for v in row])
    for i, col in enumerate(clean.columns, start=1):
        longest = max([len(str(col))] + [len(str(v)) for v in clean[col].head(200) if v is not None])
        ws.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 60)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    about = wb.create_sheet("Om")
    for label, value in [("Titel", title), ("Urval", selection), ("Uttaget", date.today().isoformat()),
                         ("Källor", sources), ("Rader", len(df)),
                         ("Anmärkning", "Tomma celler betyder att uppgift saknas i källorna.")]:
        about.append([label, neutralise(value)])
        about.cell(about.max_row, 1).font = Font(bold=True)
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
