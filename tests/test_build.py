"""The build: atomic, validated, and its Swedish messages name file, row and field."""

import shutil
from pathlib import Path

import duckdb
import pytest

from data.build import build, input_hash, main
from data.curated_files import DataError
from tests.conftest import REPO


@pytest.fixture()
def curated(tmp_path) -> Path:
    target = tmp_path / "curated"
    shutil.copytree(REPO / "data" / "curated", target)
    return target


def build_from(curated: Path, db: Path) -> None:
    build(db, force=True, curated=curated, sources=REPO / "data" / "sources")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_build_is_skipped_when_inputs_are_unchanged(tmp_path):
    db = tmp_path / "s.duckdb"
    assert build(db) is True
    assert build(db) is False
    assert len(input_hash()) == 64


BAD_INPUTS = [
    # (file, old text, new text, expected words in the message)
    (
        "sodertalje-2026/interventions.csv",
        "gemensam-1.2,1.2",
        "gemensam-1.1,1.2",
        ["sodertalje-2026/interventions.csv", "fält «id»", "gemensam-1.1 finns redan"],
    ),
    (
        "sodertalje-2026/intervention_actors.csv",
        "gemensam-1.1,region-stockholm",
        "gemensam-1.1,region-stokholm",
        ["intervention_actors.csv, rad 2", "fält «actor_id»", "okänd aktör «region-stokholm»"],
    ),
    (
        "sodertalje-2026/directions.csv",
        "sodertalje,1,",
        "narnia,1,",
        ["directions.csv, rad 2", "fält «core_id»", "okänd kärna «narnia»"],
    ),
    (
        "sodertalje-2026/indicator_values.csv",
        ",25000,",
        ",25 000,",
        ["indicator_values.csv", "fält «value»", "«25 000» är inget tal"],
    ),
    (
        "sodertalje-2026/interventions.csv",
        ",fardplan,",
        ",fardplanen,",
        ["interventions.csv", "fält «plan_type»", "«fardplanen» är inte ett av"],
    ),
    ("common/cores.csv", "0181,", "9999,", ["cores.csv, rad 2", "okänd kommunkod «9999»"]),
    ("common/changes.csv", "2026-11-23,", "23/11/2026,", ["changes.csv, rad 2", "fält «date»", "inget datum"]),
    (
        "sodertalje-2026/actors.csv",
        "id,name,type,note",
        "id,namn,type,note",
        ["actors.csv, rad 1", "fel kolumner", "saknas: name", "okända: namn"],
    ),
]


@pytest.mark.parametrize("file,old,new,words", BAD_INPUTS, ids=[b[0] + ":" + b[2] for b in BAD_INPUTS])
def test_bad_input_is_rejected_with_file_row_and_field(curated, tmp_path, file, old, new, words):
    edit(curated / file, old, new)
    with pytest.raises(DataError) as err:
        build_from(curated, tmp_path / "s.duckdb")
    message = str(err.value)
    for word in words:
        assert word in message
    assert not (tmp_path / "s.duckdb").exists()


def test_wrong_encoding_is_named(curated, tmp_path):
    path = curated / "sodertalje-2026" / "directions.csv"
    path.write_bytes(path.read_text("utf-8").encode("cp1252"))
    with pytest.raises(DataError, match="directions.csv: filen är inte UTF-8"):
        build_from(curated, tmp_path / "s.duckdb")


def test_failed_build_keeps_the_old_store(curated, tmp_path):
    db = tmp_path / "s.duckdb"
    build_from(curated, db)
    before = db.read_bytes()
    edit(curated / "sodertalje-2026" / "directions.csv", "sodertalje,1,", "narnia,1,")
    with pytest.raises(DataError):
        build_from(curated, db)
    assert db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_rebuild_while_a_reader_holds_the_store(curated, tmp_path):
    db = tmp_path / "s.duckdb"
    build_from(curated, db)
    reader = duckdb.connect(str(db), read_only=True)
    edit(curated / "sodertalje-2026" / "core_texts.csv", "En storregional mötesplats", "En storregional mötesplats!")
    build_from(curated, db)  # renames over the file the reader has open
    assert reader.execute("SELECT count(*) FROM cores").fetchone() == (8,)
    reader.close()
    with duckdb.connect(str(db), read_only=True) as fresh:
        [(text,)] = fresh.execute("SELECT description FROM cores WHERE id = 'sodertalje'").fetchall()
    assert "mötesplats!" in text


def test_command_line_reports_problems_in_swedish(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FARDPLANER_DB", str(tmp_path / "cli.duckdb"))
    assert main(["--force"]) == 0
    assert "Byggde" in capsys.readouterr().out
