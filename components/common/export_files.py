"""Excel and CSV files of a table, as officials paste them into a brief. No Streamlit here.

Every file carries the selection, the date and the sources. Cell text that a spreadsheet would run as
a formula (=, +, -, @ first) is written as text, so user or source text can never execute.
"""

from __future__ import annotations

import io
from datetime import date

import pandas as pd

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
    return workbook_bytes(
        {sheet: df},
        [
            ("Titel", title),
            ("Urval", selection),
            ("Uttaget", date.today().isoformat()),
            ("Källor", sources),
            ("Rader", len(df)),
            ("Anmärkning", "Tomma celler betyder att uppgift saknas i källorna."),
        ],
        freeze="A2",
    )


def _cell(value):
    if not isinstance(value, (list, tuple)) and pd.isna(value):
        return None
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def workbook_bytes(sheets: dict[str, pd.DataFrame], about: list[tuple[str, object]], freeze: str = "A2") -> bytes:
    """An .xlsx with one sheet per table (bold header, wrapped text, frozen header) and a sheet 'Om'
    with the given (label, value) rows. Missing values are empty cells; formulas are neutralised."""
    # openpyxl (~80 ms to import) only when a file is made: every page with a download imports this module
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(name[:31])
        ws.append([str(c) for c in df.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in df.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        for i, col in enumerate(df.columns, start=1):
            longest = max([len(str(col))] + [len(str(v)) for v in df[col].head(200) if _cell(v) is not None])
            ws.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 60)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = freeze
    sheet = wb.create_sheet("Om")
    for label, value in about:
        sheet.append([label, _cell(value)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
