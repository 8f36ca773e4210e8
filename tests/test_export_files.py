"""Excel and CSV exports open, read back and carry selection, date and sources; formulas are defused."""

import io
from datetime import date

import pandas as pd
from openpyxl import load_workbook

from components.common.export_files import csv_bytes, excel_bytes, neutralise

FRAME = pd.DataFrame(
    {
        "Insats": ["Stärk näringslivet", '=HYPERLINK("http://x","klicka")'],
        "Antal": [1234.5, None],
        "Ort": ["Södertälje", "@SUM(A1)"],
    }
)


def test_excel_reads_back_with_about_sheet():
    wb = load_workbook(io.BytesIO(excel_bytes(FRAME, "Insatser", "kärna: Södertälje", "Färdplan 2026")))
    data = wb["Data"]
    assert [c.value for c in data[1]] == ["Insats", "Antal", "Ort"]
    assert data["A2"].value == "Stärk näringslivet" and data["B2"].value == 1234.5
    assert data["A3"].value.startswith("'=HYPERLINK") and data["A3"].data_type == "s"
    assert data["B3"].value is None  # missing stays empty, never zero
    about = {r[0].value: r[1].value for r in wb["Om"].iter_rows()}
    assert about["Urval"] == "kärna: Södertälje" and about["Källor"] == "Färdplan 2026"
    assert about["Uttaget"] == date.today().isoformat()


def test_csv_is_swedish_excel_friendly():
    raw = csv_bytes(FRAME)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Insats;Antal;Ort"
    assert lines[1] == "Stärk näringslivet;1234,5;Södertälje"
    assert lines[2].startswith("\"'=HYPERLINK") and lines[2].endswith(";;'@SUM(A1)")


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Region Stockholm") == "Region Stockholm"
    assert neutralise("-5 grader") == "'-5 grader"
    assert neutralise(12) == 12


def test_plain_escapes_markdown_and_html():
    from components.common.format import plain

    assert plain("<b>Hej</b> *du*") == "\\<b\\>Hej\\</b\\> \\*du\\*"
    assert plain(None) == "uppgift saknas"
