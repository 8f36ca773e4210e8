"""'Ladda ner all data' on Källor: every table of the store in Excel, in CSV (zip) and as the DuckDB file,
read back and compared with the store itself."""

import io
import zipfile

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

from components.common import data_export
from components.common.export_files import workbook_bytes
from queries.runner import ReferenceStore
from tests.conftest import open_page, rows


@pytest.fixture(scope="module")
def exported(ref_db):
    store = ReferenceStore(ref_db)
    tables = data_export.all_tables(store.run)
    info = store.run("build_info").iloc[0]
    return tables, data_export.about_rows(tables, info["built_at"], info["input_hash"])


def test_every_table_of_the_store_is_exported_whole(exported, ref_con):
    tables, _ = exported
    in_store = {t for (t,) in rows(ref_con, "SELECT table_name FROM information_schema.tables")}
    assert set(tables) == in_store - {"build_info"}
    for name, df in tables.items():
        assert len(df) == rows(ref_con, f'SELECT count(*) FROM "{name}"')[0][0], name
    assert "geojson" not in tables["municipalities"].columns


def test_the_workbook_reads_back_with_every_row_and_missing_values_empty(exported, ref_con):
    tables, about = exported
    wb = load_workbook(io.BytesIO(data_export.workbook(tables, about)), read_only=True)
    assert wb.sheetnames == [*data_export.TABLES, "Om"]
    for name in data_export.TABLES:
        assert wb[name].max_row - 1 == len(tables[name]), name
    values = list(wb["indicator_values"].iter_rows(values_only=True))
    head, body = values[0], values[1:]
    value_col = head.index("value")
    nulls = rows(ref_con, "SELECT count(*) FROM indicator_values WHERE value IS NULL")[0][0]
    assert nulls > 0 and sum(r[value_col] is None for r in body) == nulls  # missing stays empty, never 0
    about = dict(r for r in wb["Om"].iter_rows(values_only=True))
    assert about["Indatahash"] == rows(ref_con, "SELECT input_hash FROM build_info")[0][0]


def test_the_csv_zip_reads_back_table_by_table(exported, ref_con):
    tables, about = exported
    with zipfile.ZipFile(io.BytesIO(data_export.csv_zip(tables, about))) as zf:
        assert set(zf.namelist()) == {f"{t}.csv" for t in data_export.TABLES} | {"LASMIG.txt"}
        back = pd.read_csv(zf.open("interventions.csv"), sep=";", decimal=",", encoding="utf-8-sig", dtype=str)
        assert "uppgift saknas" in zf.read("LASMIG.txt").decode("utf-8")
    assert len(back) == len(tables["interventions"])
    titles = dict(rows(ref_con, "SELECT id, title FROM interventions"))
    assert all(titles[i] == t for i, t in zip(back["id"], back["title"]))  # åäö and punctuation intact


def test_workbook_text_is_never_a_formula_and_control_characters_do_not_break_it():
    frame = pd.DataFrame({"title": ['=HYPERLINK("http://x","klicka")', "ok\x07text", "+46 8 123"]})
    wb = load_workbook(io.BytesIO(workbook_bytes({"t": frame}, [("Titel", "=1+1")])))
    cells = [c.value for c in wb["t"]["A"][1:]]
    assert cells == ['\'=HYPERLINK("http://x","klicka")', "oktext", "'+46 8 123"]
    assert wb["Om"]["B1"].value == "'=1+1"


def test_the_sources_page_offers_the_three_downloads_and_the_database_file_opens(ref_db, tmp_path):
    at = open_page("kallor.py")
    buttons = {b.key: b for b in at.get("download_button")}
    assert set(buttons) >= {"all_xlsx", "all_zip", "all_duckdb"}
    from components.common.store import reference_file

    copy = tmp_path / "kopia.duckdb"
    copy.write_bytes(reference_file())
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM interventions").fetchone()[0] > 300
