"""Roadmap import (issue 7): the template round trip, bad input refused with nothing changed, preview,
the one-step write, versions and restore, the command line and the page «Läs in färdplan».

Every test works on a copy of data/curated in a temporary directory and a temporary store.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from data import curated_write
from data import roadmap_import as ri
from data.build import build
from data.curated_files import read_all
from data.roadmap_template import SHEETS, read_files
from tests.conftest import REPO, open_page
from tests.test_pages import table_with

CURATED = REPO / "data" / "curated"
SOURCE = "fardplan-sodertalje-2026"


# -- helpers -------------------------------------------------------------------------------------------
@pytest.fixture()
def curated(tmp_path) -> Path:
    target = tmp_path / "curated"
    shutil.copytree(CURATED, target, ignore=shutil.ignore_patterns(".*"))
    return target


@pytest.fixture()
def db(tmp_path) -> Path:
    return tmp_path / "store" / "fardplaner.duckdb"


@pytest.fixture(scope="module")
def sodertalje_xlsx() -> bytes:
    return ri.export_template("sodertalje", CURATED)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(
    book: bytes,
    sheet: str,
    changes: dict[tuple[int, str], object] | None = None,
    delete_rows: list[int] = (),
    rename: str | None = None,
    delete_column: str | None = None,
) -> bytes:
    """Change cells of one sheet of the template (row numbers as Excel shows them)."""
    wb = load_workbook(io.BytesIO(book))
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    for (row, column), value in (changes or {}).items():
        ws.cell(row=row, column=header.index(column) + 1).value = value
    for row in sorted(delete_rows, reverse=True):
        ws.delete_rows(row)
    if delete_column:
        ws.delete_cols(header.index(delete_column) + 1)
    if rename:
        ws.title = rename
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rows_of(book: bytes, sheet: str) -> list[dict]:
    ws = load_workbook(io.BytesIO(book))[sheet]
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], r)) for r in values[1:] if any(v is not None for v in r)]


def store_rows(db: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


ROADMAP_TABLES = {
    "interventions": "SELECT * FROM interventions WHERE source_id = ? ORDER BY id",
    "intervention_actors": "SELECT * FROM intervention_actors WHERE source_id = ? "
    "ORDER BY intervention_id, actor_id, role",
    "directions": "SELECT * FROM directions WHERE source_id = ? ORDER BY core_id, goal_area_id",
    "core description": "SELECT id, description, description_source_id FROM cores "
    "WHERE description_source_id = ? ORDER BY id",
}


# -- the round trip ------------------------------------------------------------------------------------
def test_round_trip_into_a_store_without_sodertalje(ref_db, curated, db, sodertalje_xlsx):
    """Export Södertälje to the template, import it where it is missing: the same records come back."""
    shutil.rmtree(curated / "sodertalje-2026")
    common_before = snapshot(curated / "common")
    plan = ri.prepare([("sodertalje.xlsx", sodertalje_xlsx)], curated)
    assert plan.ok, plan.problems
    assert plan.core_id == "sodertalje" and plan.folder == "sodertalje-2026" and plan.replaces == []
    assert set(plan.changes["Ändring"]) == {"tillkommer"}
    assert plan.counts()["kärnspecifika insatser"] == 8 and plan.counts()["gemensamma insatser"] == 9
    ri.apply(plan, db)

    for label, sql in ROADMAP_TABLES.items():
        original, imported = store_rows(ref_db, sql, SOURCE), store_rows(db, sql, SOURCE)
        assert original and imported == original, label
    # The shared insatser came back as the canonical gemensam-* ids, linked to all eight cores.
    shared = store_rows(db, "SELECT id FROM interventions WHERE scope = 'shared' ORDER BY id")
    assert [i for (i,) in shared] == [
        "gemensam-1.1",
        "gemensam-1.2",
        "gemensam-2.1",
        "gemensam-2.2",
        "gemensam-3.1",
        "gemensam-3.2",
        "gemensam-3.3",
        "gemensam-4.1",
        "gemensam-4.2",
    ]
    assert store_rows(db, "SELECT count(*) FROM intervention_cores WHERE intervention_id = 'gemensam-1.1'") == [(8,)]
    # Flemingsberg's wording of the shared insatser points at them again.
    assert store_rows(db, "SELECT count(*) FROM intervention_variants") == [(7,)]
    # Byte for byte the curated files of the roadmap.
    for name in ("interventions", "intervention_actors", "directions", "core_texts"):
        assert (curated / "sodertalje-2026" / f"{name}.csv").read_bytes() == (
            CURATED / "sodertalje-2026" / f"{name}.csv"
        ).read_bytes(), name
    # common/: only the change log gained a line (the source and the core were already right).
    after = snapshot(curated / "common")
    assert {k for k in after if after[k] != common_before[k]} == {"changes.csv"}
    last = (curated / "common" / "changes.csv").read_text("utf-8").splitlines()[-1]
    assert "Färdplan för Södertälje stadskärna" in last and "inläst via import av sodertalje.xlsx" in last
    # A first import too leaves a restore point: the state before it (no roadmap for the core).
    [point] = ri.list_versions(curated).to_dict("records")
    assert point["empty"] and point["core_id"] == "sodertalje" and point["kind"] == "roadmap"


def test_round_trip_through_the_csv_template(curated, tmp_path, db):
    folder = tmp_path / "mall"
    ri.export_template_csv("sodertalje", folder, CURATED)
    assert sorted(p.name for p in folder.iterdir()) == sorted(s.file_name for s in SHEETS.values())
    shutil.rmtree(curated / "sodertalje-2026")
    plan = ri.prepare(folder, curated)
    assert plan.ok, plan.problems
    ri.apply(plan, db)
    for name in ("interventions", "intervention_actors", "directions", "core_texts"):
        assert (curated / "sodertalje-2026" / f"{name}.csv").read_bytes() == (
            CURATED / "sodertalje-2026" / f"{name}.csv"
        ).read_bytes(), name


@pytest.mark.parametrize("core", ["sodertalje", "flemingsberg"])
def test_exporting_and_importing_an_existing_roadmap_changes_nothing(curated, core):
    plan = ri.prepare([("mall.xlsx", ri.export_template(core, curated))], curated)
    assert plan.ok, plan.problems
    assert plan.changes.empty
    assert any("indicator_values.csv" in n and "följer med" in n for n in plan.notes)


def test_template_sheets_and_prefill(sodertalje_xlsx):
    wb = load_workbook(io.BytesIO(sodertalje_xlsx))
    assert wb.sheetnames == ["Instruktioner", *SHEETS, "Målområden", "Gemensamma insatser", "Kända aktörer"]
    insatser = rows_of(sodertalje_xlsx, "Insatser")
    assert insatser[0]["kod"] == "gemensam-1.1" and insatser[0]["omfattning"] == "gemensam"
    assert insatser[2]["kod"] == "1.3" and insatser[2]["omfattning"] == "kärnspecifik"
    assert rows_of(sodertalje_xlsx, "Källa")[0]["id"] == SOURCE
    new = {r["id"] for r in rows_of(sodertalje_xlsx, "Nya aktörer")}
    assert "bussoperator" in new and "region-stockholm" not in new
    empty = load_workbook(io.BytesIO(ri.export_template(None, CURATED)))
    assert [c.value for c in empty["Insatser"][1]][:2] == ["kod", "titel"]
    assert not any(v for row in empty["Insatser"].iter_rows(min_row=2, values_only=True) for v in row)
    haninge = rows_of(ri.export_template("haninge", CURATED), "Kärna")
    assert haninge == [{"kärna": "haninge", "karaktärsbeskrivning": None, "källavsnitt": None}]


# -- bad input: refused, precisely, with nothing changed ----------------------------------------------------
def _variant(book: bytes) -> bytes:
    """Haninge's own wording of gemensam-1.1, placed under goal area 2."""
    book = edit(book, "Kärna", {(2, "kärna"): "haninge", (2, "karaktärsbeskrivning"): None})
    book = edit(book, "Källa", {(2, "id"): "fardplan-haninge-2027", (2, "år"): "2027"})
    return edit(book, "Insatser", {(2, "målområde"): 2})


BAD = [
    # (id, how to spoil the Södertälje template, words the message must contain)
    ("wrong sheet", lambda b: edit(b, "Insatser", rename="Blad1"), ["fliken «Insatser» saknas", "Blad1"]),
    (
        "missing column",
        lambda b: edit(b, "Insatser", delete_column="titel"),
        ["flik «Insatser», rad 1", "kolumn saknas: titel"],
    ),
    (
        "unknown core",
        lambda b: edit(b, "Kärna", {(2, "kärna"): "narnia"}),
        ["flik «Kärna», rad 2, kolumn «kärna»", "okänd kärna «narnia»", "sodertalje"],
    ),
    (
        "goal area 5",
        lambda b: edit(b, "Insatser", {(4, "målområde"): 5}),
        ["flik «Insatser», rad 4, kolumn «målområde»", "målområde «5» finns inte", "1–4"],
    ),
    (
        "duplicate code",
        lambda b: edit(b, "Insatser", {(5, "kod"): "1.3"}),
        ["flik «Insatser», rad 5, kolumn «kod»", "koden 1.3 finns redan på rad 4", "unika inom kärnan"],
    ),
    (
        "unknown actor",
        lambda b: edit(b, "Aktörer per insats", {(2, "aktör"): "Okänd Organisation AB"}),
        ["flik «Aktörer per insats», rad 2, kolumn «aktör»", "okänd aktör «Okänd Organisation AB»", "Nya aktörer"],
    ),
    (
        "empty title",
        lambda b: edit(b, "Insatser", {(3, "titel"): None}),
        ["flik «Insatser», rad 3, kolumn «titel»: värde saknas"],
    ),
    (
        "shared insats with unknown code",
        lambda b: edit(b, "Insatser", {(2, "kod"): "gemensam-9.9"}),
        ["flik «Insatser», rad 2, kolumn «kod»", "okänd gemensam insats «gemensam-9.9»", "skapas inte vid import"],
    ),
    (
        "formula",
        lambda b: edit(b, "Insatser", {(4, "titel"): '=HYPERLINK("http://evil.example","Klicka")'}),
        ["flik «Insatser», rad 4, kolumn «titel»", "är en formel", "Formler läses inte in"],
    ),
    (
        "new actor with unknown type",
        lambda b: edit(b, "Nya aktörer", {(2, "typ"): "förening"}),
        ["flik «Nya aktörer», rad 2, kolumn «typ»", "okänd typ «förening»", "klusterorganisation"],
    ),
    (
        "status",
        lambda b: edit(b, "Källa", {(2, "status"): "publicerad"}),
        ["flik «Källa», rad 2, kolumn «status»", "ska vara antagen eller utkast"],
    ),
    (
        "year",
        lambda b: edit(b, "Källa", {(2, "år"): "20x6"}),
        ["flik «Källa», rad 2, kolumn «år»", "«20x6» är inget årtal"],
    ),
    (
        "role",
        lambda b: edit(b, "Aktörer per insats", {(2, "roll"): "huvudman"}),
        ["flik «Aktörer per insats», rad 2, kolumn «roll»", "ska vara ansvarig eller medverkande"],
    ),
    (
        "unknown insats in actor sheet",
        lambda b: edit(b, "Aktörer per insats", {(2, "insats"): "7.7"}),
        ["flik «Aktörer per insats», rad 2, kolumn «insats»", "insatsen «7.7» finns inte på fliken Insatser"],
    ),
    (
        "two sources",
        lambda b: edit(b, "Källa", {(3, "titel"): "En till", (3, "år"): "2027"}),
        ["flik «Källa»", "exakt en rad", "den har 2"],
    ),
    (
        "too long title",
        lambda b: edit(b, "Insatser", {(4, "titel"): "Lång " * 150}),
        ["flik «Insatser», rad 4, kolumn «titel»", "högst 500 tecken"],
    ),
    (
        "code with a comma",
        lambda b: edit(b, "Insatser", {(4, "kod"): "1,3"}),
        ["flik «Insatser», rad 4, kolumn «kod»", "skriv punkt, inte komma"],
    ),
    (
        "shared insats removed from its source",
        lambda b: edit(b, "Insatser", delete_rows=[2]),
        ["den gemensamma insatsen gemensam-1.1 saknas", "kan inte tas bort"],
    ),
    (
        "wrong goal area for a shared insats",
        _variant,
        ["flik «Insatser», rad 2, kolumn «målområde»", "gemensam-1.1 hör till målområde 1, inte 2"],
    ),
    (
        "another core's source",
        lambda b: edit(b, "Kärna", {(2, "kärna"): "Haninge stadskärna"}),
        ["flik «Källa», rad 2, kolumn «id»", "är redan färdplanen för Södertälje stadskärna"],
    ),
    (
        "new actor that exists under another id",
        lambda b: edit(
            b, "Nya aktörer", {(2, "id"): "ny-region", (2, "namn"): "Region Stockholm", (2, "typ"): "region"}
        ),
        [
            "flik «Nya aktörer», rad 2, kolumn «namn»",
            "«Region Stockholm» finns redan som aktör med id «region-stockholm»",
        ],
    ),
]


@pytest.mark.parametrize("spoil,words", [(b[1], b[2]) for b in BAD], ids=[b[0] for b in BAD])
def test_bad_template_is_refused_and_nothing_changes(curated, db, sodertalje_xlsx, spoil, words):
    before = snapshot(curated)
    plan = ri.prepare([("mall.xlsx", spoil(sodertalje_xlsx))], curated)
    assert not plan.ok
    text = "\n".join(plan.problems)
    for word in words:
        assert word in text, (word, plan.problems)
    assert text.startswith("mall.xlsx") or "mall.xlsx" in text
    with pytest.raises(ri.ImportRefused):
        ri.apply(plan, db)
    assert snapshot(curated) == before and not db.exists()


BAD_FILES = [
    ("binary", "mall.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, ["mall.xlsx", "ingen Excel-arbetsbok"]),
    ("zip that is not a workbook", "mall.xlsx", None, ["mall.xlsx", "ingen Excel-arbetsbok"]),
    ("empty", "mall.xlsx", b"", ["mall.xlsx: filen är tom"]),
    (
        "6 MB",
        "mall.xlsx",
        b"PK\x03\x04" + b"0" * (6 * 1024 * 1024),
        ["mall.xlsx: filen är 6,0 MB; högst 5 MB tas emot"],
    ),
    ("old xls", "mall.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ["gammal Excel-fil (.xls)"]),
    ("pdf", "mall.pdf", b"%PDF-1.7 ...", ["mall.pdf", "filtypen läses inte"]),
]


def _zip_without_workbook() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hej")
    return out.getvalue()


@pytest.mark.parametrize("name,data,words", [(b[1], b[2], b[3]) for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_refused_and_nothing_changes(curated, name, data, words):
    before = snapshot(curated)
    plan = ri.prepare([(name, data if data is not None else _zip_without_workbook())], curated)
    assert not plan.ok
    for word in words:
        assert word in "\n".join(plan.problems), (word, plan.problems)
    assert snapshot(curated) == before


def test_a_6_mb_file_on_disk_is_refused_before_it_is_read(curated, tmp_path):
    big = tmp_path / "stor.xlsx"
    big.write_bytes(b"0" * (6 * 1024 * 1024))
    plan = ri.prepare(big, curated)
    assert plan.problems == [
        "stor.xlsx: filen är 6,0 MB; högst 5 MB tas emot. Dela upp den eller ta bort "
        "bilder och annat som inte hör till mallen."
    ]


def _csv_template(tmp_path, core="sodertalje") -> Path:
    folder = tmp_path / f"csv-{core}"
    ri.export_template_csv(core, folder, CURATED)
    return folder


def test_control_characters_in_a_csv_are_refused(curated, tmp_path):
    folder = _csv_template(tmp_path)
    text = (folder / "insatser.csv").read_text("utf-8-sig").replace("Stärk de regionala", "Stärk\x07de regionala", 1)
    (folder / "insatser.csv").write_text(text, "utf-8")
    plan = ri.prepare(folder, curated)
    assert (
        "insatser.csv, rad 2, kolumn «beskrivning»: texten innehåller ett otillåtet styrtecken (tecken 0x07); "
        "ta bort det." in plan.problems
    ), plan.problems


def test_malformed_and_binary_csv_are_refused(curated, tmp_path):
    folder = _csv_template(tmp_path)
    (folder / "insatser.csv").write_bytes(b'kod,titel\n1.3,"Ett citat som aldrig slutar\n')
    plan = ri.prepare(folder, curated)
    assert any(p.startswith("insatser.csv, rad 2: felaktig CSV") for p in plan.problems), plan.problems
    (folder / "insatser.csv").write_bytes(b"kod,titel\x00\x01\x02")
    plan = ri.prepare(folder, curated)
    assert any(p.startswith("insatser.csv: filen är ingen textfil") for p in plan.problems), plan.problems
    (folder / "insatser.csv").unlink()
    plan = ri.prepare(folder, curated)
    assert any("insatser.csv (fliken «Insatser») saknas" in p for p in plan.problems), plan.problems


def test_windows_1252_csv_with_semicolons_is_accepted_and_the_conversion_is_named(curated, tmp_path):
    folder = _csv_template(tmp_path)
    utf8 = ri.prepare(folder, curated)
    text = (folder / "insatser.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    (folder / "insatser.csv").write_bytes(out.getvalue().encode("cp1252"))
    plan = ri.prepare(folder, curated)
    assert plan.ok, plan.problems
    assert any(
        n.startswith("insatser.csv: filen var inte UTF-8 utan Windows-1252")
        and "konverterades till UTF-8" in n
        and "ä" in n
        for n in plan.notes
    ), plan.notes
    assert plan.tables["interventions"].equals(utf8.tables["interventions"])
    assert "Stärk de regionala stadskärnornas olika profiler" in set(plan.tables["interventions"]["title"])


def test_html_is_kept_as_text_with_a_note(curated, db, sodertalje_xlsx):
    html = "<script>alert('x')</script> och <b>fet</b> text"
    plan = ri.prepare([("mall.xlsx", edit(sodertalje_xlsx, "Insatser", {(4, "beskrivning"): html}))], curated)
    assert plan.ok, plan.problems
    assert any(
        "flik «Insatser», rad 4, kolumn «beskrivning»" in n and "lagras som vanlig text" in n and "aldrig som länk" in n
        for n in plan.notes
    )
    assert plan.changes[["Ändring", "Post", "Fält"]].values.tolist() == [
        [
            "ändras",
            "1.3 – Fortsätt samverka kring stations- och stadsmiljöerna vid Södertälje C och Södertälje Syd",
            "beskrivning",
        ]
    ]
    ri.apply(plan, db)
    assert store_rows(db, "SELECT description FROM interventions WHERE id = 'sodertalje-1.3'") == [(html,)]


def test_unknown_sheets_and_columns_are_named_but_not_read(curated, sodertalje_xlsx):
    wb = load_workbook(io.BytesIO(sodertalje_xlsx))
    wb.create_sheet("Mina anteckningar")
    wb["Insatser"].cell(row=1, column=20, value="kommentar")
    out = io.BytesIO()
    wb.save(out)
    plan = ri.prepare([("mall.xlsx", out.getvalue())], curated)
    assert plan.ok and plan.changes.empty
    assert "mall.xlsx: fliken «Mina anteckningar» hör inte till mallen och lästes inte." in plan.notes
    assert "mall.xlsx, flik «Insatser», rad 1: kolumnen «kommentar» finns inte i mallen och lästes inte." in plan.notes


# -- a new roadmap for a core without one ----------------------------------------------------------------
def haninge_template() -> bytes:
    book = ri.export_template("haninge", CURATED)
    wb = load_workbook(io.BytesIO(book))

    def fill(sheet, rows):
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for r in rows:
            ws.append([r.get(h) for h in header])

    fill(
        "Källa",
        [
            {
                "titel": "Färdplan för den regionala stadskärnan Haninge stadskärna",
                "utgivare": "Region Stockholm",
                "år": 2027,
                "status": "Utkast",
            }
        ],
    )
    wb["Kärna"].cell(row=2, column=2, value="Haninge centrum är en regional stadskärna.\n\nAndra stycket.")
    fill(
        "Färdriktningar",
        [{"målområde": g, "rubrik": "Färdriktning", "text": f"Färdriktning {g} för Haninge."} for g in (1, 2, 3, 4)],
    )
    fill(
        "Insatser",
        [
            {
                "kod": "1.3",
                "titel": "Utveckla Haninge centrum",
                "beskrivning": "Första.\n\nAndra.",
                "målområde": 1,
                "omfattning": "Kärnspecifik",
                "karaktär": "planering och genomförande",
            },
            {
                "titel": "Stärk kopplingen mellan Handen och Jordbro station",
                "målområde": 4,
                "omfattning": "kärnspecifik",
            },
            {
                "kod": "gemensam-1.1",
                "titel": "Haninges formulering av kommunikationsinsatsen",
                "målområde": 1,
                "omfattning": "gemensam",
                "beskrivning": "Så säger Haninges färdplan.",
            },
        ],
    )
    fill(
        "Aktörer per insats",
        [
            {"insats": "1.3", "aktör": "haninge kommun", "roll": "Ansvarig"},
            {"insats": "1.3", "aktör": "REGION STOCKHOLM", "roll": "medverkande"},
            {
                "insats": "Stärk kopplingen mellan Handen och Jordbro station",
                "aktör": "Trafikverket",
                "roll": "medverkande",
                "namn i källan": "Trafikverket (TRV)",
            },
            {
                "insats": "Stärk kopplingen mellan Handen och Jordbro station",
                "aktör": "haninge bostäder ab",
                "roll": "medverkande",
            },
            {"insats": "gemensam-1.1", "aktör": "Region Stockholm", "roll": "ansvarig"},
        ],
    )
    (
        fill(
            "Nya aktörer",
            [
                {"namn": "Haninge kommun", "typ": "Kommun"},  # already known: fine
                {"namn": "Haninge Bostäder AB", "typ": "bolag"},
            ],
        ),
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_new_roadmap_for_haninge(curated, db):
    plan = ri.prepare([("haninge.xlsx", haninge_template())], curated)
    assert plan.ok, plan.problems
    assert plan.folder == "haninge-2027" and plan.source["id"] == "fardplan-haninge-2027"
    changes = plan.changes
    assert set(changes["Ändring"]) == {"tillkommer", "ändras"}
    assert changes[changes["Ändring"] == "ändras"][["Vad", "Fält"]].values.tolist() == [
        ["Kärna", "färdplanens källa, färdplanens status"]
    ]
    assert ("tillkommer", "Aktör", "Haninge Bostäder AB") in set(
        zip(changes["Ändring"], changes["Vad"], changes["Post"])
    )
    assert any("gemensamma insatser som en annan färdplan är källa för" in n for n in plan.notes)
    done = ri.apply(plan, db)
    assert "Haninge stadskärna" in done.message and len(done.saved) == 1 and "återställningspunkt" in done.message
    assert store_rows(db, "SELECT roadmap_status, roadmap_source_id FROM cores WHERE id = 'haninge'") == [
        ("utkast", "fardplan-haninge-2027")
    ]
    ids = [i for (i,) in store_rows(db, "SELECT id FROM interventions WHERE core_id = 'haninge' ORDER BY id")]
    assert ids == ["haninge-1.3", "haninge-stark-kopplingen-mellan-handen-och-jordbro"]
    assert store_rows(db, "SELECT kind, description FROM interventions WHERE id = 'haninge-1.3'") == [
        ("Planering och genomförande", "Första.\n\nAndra.")
    ]
    assert store_rows(db, "SELECT title FROM intervention_variants WHERE source_id = 'fardplan-haninge-2027'") == [
        ("Haninges formulering av kommunikationsinsatsen",)
    ]
    assert store_rows(
        db,
        "SELECT actor_id, role, name_as_written FROM intervention_actors "
        "WHERE source_id = 'fardplan-haninge-2027' ORDER BY 1, 2",
    ) == [
        ("haninge-bostader-ab", "participant", "haninge bostäder ab"),
        ("haninge-kommun", "lead", "haninge kommun"),
        ("region-stockholm", "participant", "REGION STOCKHOLM"),
        ("trafikverket", "participant", "Trafikverket (TRV)"),
    ]
    assert store_rows(db, "SELECT name, type FROM actors WHERE id LIKE 'haninge-%' ORDER BY id") == [
        ("Haninge Bostäder AB", "bolag"),
        ("Haninge kommun", "kommun"),
    ]
    assert store_rows(db, "SELECT count(*) FROM directions WHERE core_id = 'haninge'") == [(4,)]
    assert store_rows(db, "SELECT title, status, kind FROM sources WHERE id = 'fardplan-haninge-2027'") == [
        ("Färdplan för den regionala stadskärnan Haninge stadskärna", "utkast", "färdplan")
    ]
    assert store_rows(db, "SELECT what FROM data_changes WHERE source_id = 'fardplan-haninge-2027'")[0][0].startswith(
        "Färdplan för Haninge stadskärna"
    )
    # The store file carries the hash of the inputs, so the app does not rebuild it again at start.
    assert build(db, curated=curated) is False
    # Exported again, the new roadmap reads back unchanged.
    again = ri.prepare([("igen.xlsx", ri.export_template("haninge", curated))], curated)
    assert again.ok and again.changes.empty, (again.problems, again.changes)
    # The first import can be undone: its restore point is the state before it (no roadmap).
    back = ri.restore(done.saved[0], curated, target=db)
    assert "(ingen färdplan)" in back.message and not (curated / "haninge-2027").exists()
    assert store_rows(db, "SELECT roadmap_status, roadmap_source_id FROM cores WHERE id = 'haninge'") == [
        ("ingen", None)
    ]
    assert store_rows(db, "SELECT count(*) FROM interventions WHERE core_id = 'haninge'") == [(0,)]


def test_a_variant_needs_the_canonical_shared_insats(curated):
    """A shared insats for another core, when nothing defines the canonical ones, is refused."""
    shutil.rmtree(curated / "sodertalje-2026")
    shutil.rmtree(curated / "flemingsberg-2025")
    plan = ri.prepare([("haninge.xlsx", haninge_template())], curated)
    assert any(
        "flik «Insatser», rad 4, kolumn «kod»" in p and "inga gemensamma insatser i databasen" in p
        for p in plan.problems
    ), plan.problems


# -- preview, the one write, versions, restore ---------------------------------------------------------------
def changed_sodertalje(book: bytes) -> bytes:
    """Södertälje with 1.3 retitled, 4.4 and its actors gone, and a new 4.5."""
    actor_rows = [i + 2 for i, r in enumerate(rows_of(book, "Aktörer per insats")) if r["insats"] == "4.4"]
    insats_rows = [i + 2 for i, r in enumerate(rows_of(book, "Insatser")) if r["kod"] == "4.4"]
    book = edit(book, "Aktörer per insats", delete_rows=actor_rows)
    book = edit(book, "Insatser", {(4, "titel"): "Ny titel för 1.3"}, delete_rows=insats_rows)
    wb = load_workbook(io.BytesIO(book))
    wb["Insatser"].append(["4.5", "En ny insats", "Beskrivning.", 4, "kärnspecifik"])
    wb["Aktörer per insats"].append(["4.5", "Södertälje kommun", "ansvarig"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_preview_then_apply_then_restore(curated, db, sodertalje_xlsx):
    original = snapshot(curated / "sodertalje-2026")
    plan = ri.prepare([("ny.xlsx", changed_sodertalje(sodertalje_xlsx))], curated)
    assert plan.ok, plan.problems
    got = {
        (r["Ändring"], r["Vad"], r["Post"].split(" – ")[0].split(":")[0], r["Fält"])
        for r in plan.changes.to_dict("records")
    }
    assert got == {
        ("tillkommer", "Insats", "4.5", ""),
        ("tillkommer", "Aktör vid insats", "4.5", ""),
        ("ändras", "Insats", "1.3", "titel"),
        ("tas bort", "Insats", "4.4", ""),
        *{("tas bort", "Aktör vid insats", "4.4", "")},
        ("tas bort", "Aktör", "Bussoperatör", ""),  # named only by 4.4; names, not ids
    }
    roles = plan.changes[plan.changes["Vad"] == "Aktör vid insats"]
    assert len(roles[roles["Post"].str.startswith("4.4 – ")]) == 5
    assert not plan.changes["Post"].str.contains("sodertalje-").any(), "the preview shows no raw ids"
    assert snapshot(curated / "sodertalje-2026") == original, "the preview writes nothing"

    done = ri.apply(plan, db)
    assert len(done.saved) == 1 and done.saved[0].startswith("sodertalje-2026-")
    assert store_rows(db, "SELECT title FROM interventions WHERE id = 'sodertalje-1.3'") == [("Ny titel för 1.3",)]
    assert store_rows(db, "SELECT count(*) FROM interventions WHERE id = 'sodertalje-4.4'") == [(0,)]
    assert (curated / "sodertalje-2026" / "indicator_values.csv").read_bytes() == original["indicator_values.csv"]
    versions = ri.list_versions(curated)
    assert versions[["version", "folder", "core_id", "source_id", "interventions"]].values.tolist() == [
        [done.saved[0], "sodertalje-2026", "sodertalje", SOURCE, 17]
    ]
    assert "ny.xlsx" in versions.iloc[0]["reason"]
    assert snapshot(curated / ".versions" / done.saved[0]) == original | {
        "version.json": (curated / ".versions" / done.saved[0] / "version.json").read_bytes()
    }
    # The build ignores the saved version (a dot folder): no duplicate insatser.
    tables, problems = read_all(curated)
    assert not problems and not tables["interventions"]["_file"].str.contains(".versions").any()

    back = ri.restore(done.saved[0], curated, target=db)
    assert "återställd" in back.message and len(back.saved) == 1
    assert snapshot(curated / "sodertalje-2026") == original
    assert store_rows(db, "SELECT title FROM interventions WHERE id = 'sodertalje-1.3'") == [
        ("Fortsätt samverka kring stations- och stadsmiljöerna vid Södertälje C och Södertälje Syd",)
    ]
    assert len(ri.list_versions(curated)) == 2, "the replaced version was saved in turn"
    assert "återställd till den sparade versionen" in (curated / "common" / "changes.csv").read_text("utf-8")


def test_restore_of_an_unknown_version_is_refused(curated, db):
    for name in ("finns-inte", "../common", ""):
        with pytest.raises(ri.ImportRefused, match="finns inte"):
            ri.restore(name, curated, target=db)


def test_apply_refuses_when_the_data_changed_since_the_preview(curated, db, sodertalje_xlsx):
    plan = ri.prepare([("ny.xlsx", changed_sodertalje(sodertalje_xlsx))], curated)
    (curated / "common" / "changes.csv").write_text(
        (curated / "common" / "changes.csv").read_text("utf-8") + "2026-11-24,Något annat,\n", "utf-8"
    )
    before = snapshot(curated)
    with pytest.raises(ri.ImportRefused, match="har ändrats sedan förhandsgranskningen"):
        ri.apply(plan, db)
    assert snapshot(curated) == before


def test_a_failure_during_the_write_puts_everything_back(curated, db, sodertalje_xlsx, monkeypatch):
    plan = ri.prepare([("ny.xlsx", changed_sodertalje(sodertalje_xlsx))], curated)
    before = snapshot(curated)
    real = curated_write.os.replace  # the one write path swaps the files (data/curated_write.py)

    def failing(src, dst):
        if str(dst) == str(db):
            raise OSError("disken är full")
        return real(src, dst)

    monkeypatch.setattr(curated_write.os, "replace", failing)
    with pytest.raises(OSError):
        ri.apply(plan, db)
    monkeypatch.undo()
    after = snapshot(curated)
    assert after == before and not db.exists()
    assert not [p for p in curated.iterdir() if p.name.startswith(".stage")]


def test_the_trial_build_reports_problems_elsewhere_and_nothing_changes(curated, db, sodertalje_xlsx):
    """The whole build runs on the curated data with the new folder before anything is written."""
    changes = curated / "common" / "changes.csv"
    changes.write_text(changes.read_text("utf-8").replace("\n2026-11-23,", "\n23/11/2026,", 1), "utf-8")
    before = snapshot(curated)
    plan = ri.prepare([("ny.xlsx", changed_sodertalje(sodertalje_xlsx))], curated)
    assert plan.problems == [
        "Databasbygget med den nya färdplanen: curated/common/changes.csv, rad 2, fält "
        "«date»: «23/11/2026» är inget datum (ÅÅÅÅ-MM-DD)."
    ]
    with pytest.raises(ri.ImportRefused):
        ri.apply(plan, db)
    assert snapshot(curated) == before and not db.exists()


def test_one_import_at_a_time(curated, db, sodertalje_xlsx, monkeypatch):
    """Every writer waits on the one lock; one that waits too long is refused and changes nothing."""
    import threading

    from data import curated_lock

    plan = ri.prepare([("ny.xlsx", changed_sodertalje(sodertalje_xlsx))], curated)
    monkeypatch.setattr(curated_lock, "LOCK_WAIT", 0.5)
    held, release = threading.Event(), threading.Event()

    def other_writer():
        with curated_lock.lock(curated):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=other_writer)
    thread.start()
    held.wait(10)
    try:
        with pytest.raises(ri.ImportRefused, match="En annan inläsning, återställning eller ombyggnad"):
            ri.apply(plan, db)
    finally:
        release.set()
        thread.join()
    assert not db.exists()


def test_read_only_mode_refuses_every_write(curated, db, sodertalje_xlsx, monkeypatch):
    plan = ri.prepare([("ny.xlsx", changed_sodertalje(sodertalje_xlsx))], curated)
    monkeypatch.setenv("FARDPLANER_READONLY", "1")
    with pytest.raises(ri.ImportRefused, match="läsläge"):
        ri.apply(plan, db)
    with pytest.raises(ri.ImportRefused, match="läsläge"):
        ri.restore("x", curated, target=db)


def test_dot_folders_are_not_data(curated, tmp_path):
    (curated / ".versions" / "trasig").mkdir(parents=True)
    (curated / ".versions" / "trasig" / "interventions.csv").write_text("inte,rätt\n", "utf-8")
    (curated / ".versions" / "trasig" / "okand.csv").write_text("x\n", "utf-8")
    assert build(tmp_path / "s.duckdb", force=True, curated=curated) is True


def test_reading_is_independent_of_row_gaps_and_numbers_as_cells(sodertalje_xlsx):
    book = edit(sodertalje_xlsx, "Insatser", {(4, "målområde"): 1.0, (4, "kod"): "1.3"})
    wb = load_workbook(io.BytesIO(book))
    wb["Färdriktningar"].insert_rows(3, 2)  # two empty rows in the middle
    out = io.BytesIO()
    wb.save(out)
    raw = read_files([("mall.xlsx", out.getvalue())])
    assert not raw.problems
    assert [n for n, _ in raw.sheets["Färdriktningar"].rows] == [2, 5, 6, 7]
    assert raw.sheets["Insatser"].rows[2][1]["målområde"] == "1"


# -- the command line ------------------------------------------------------------------------------------
def test_command_line(curated, db, tmp_path, sodertalje_xlsx, capsys):
    path = tmp_path / "ny.xlsx"
    path.write_bytes(changed_sodertalje(sodertalje_xlsx))
    base = ["--curated", str(curated), "--db", str(db)]
    before = snapshot(curated)
    assert ri.main([str(path), "--dry-run", *base]) == 0
    out = capsys.readouterr().out
    assert "Färdplan för Södertälje stadskärna (fardplan-sodertalje-2026) → curated/sodertalje-2026" in out
    assert "tas bort   Insats: 4.4 – " in out and "Provkörning: inget ändrades." in out
    assert snapshot(curated) == before and not db.exists()

    bad = tmp_path / "trasig.xlsx"
    bad.write_bytes(edit(sodertalje_xlsx, "Kärna", {(2, "kärna"): "narnia"}))
    assert ri.main([str(bad), "--yes", *base]) == 1
    err = capsys.readouterr().err
    assert "Inläsningen stoppades: 1 fel. Inget ändrades." in err and "okänd kärna «narnia»" in err

    assert ri.main([str(path), *base]) == 1, "no terminal to ask and no --yes"
    assert "Bekräfta med --yes" in capsys.readouterr().err and snapshot(curated) == before

    assert ri.main([str(path), "--yes", *base]) == 0
    assert "är inläst i curated/sodertalje-2026" in capsys.readouterr().out
    assert ri.main(["--versions", *base]) == 0
    version = capsys.readouterr().out.split()[0]
    assert version.startswith("sodertalje-2026-")
    assert ri.main(["--restore", version, *base]) == 0
    assert "återställd" in capsys.readouterr().out
    assert snapshot(curated / "sodertalje-2026") == {
        k.split("/", 1)[1]: v for k, v in before.items() if k.startswith("sodertalje-2026/")
    }

    template = tmp_path / "mall.xlsx"
    assert ri.main(["--template", "flemingsberg", str(template), *base]) == 0
    assert rows_of(template.read_bytes(), "Källa")[0]["id"] == "fardplan-flemingsberg-2025"
    assert ri.main(["--template", "tom", str(tmp_path / "tom"), *base]) == 0
    assert (tmp_path / "tom" / "insatser.csv").read_bytes().startswith("\ufeffkod,titel".encode())


# -- the page --------------------------------------------------------------------------------------------
@pytest.fixture()
def page_env(ref_db, curated, tmp_path, monkeypatch):
    store = tmp_path / "page-store.duckdb"
    shutil.copy(ref_db, store)
    monkeypatch.setenv("FARDPLANER_CURATED", str(curated))
    monkeypatch.setenv("FARDPLANER_DB", str(store))
    monkeypatch.delenv("FARDPLANER_READONLY", raising=False)
    # The app's own start-up build reads data/curated; in this test it must read the copy, as the page does.
    import components.common.store

    monkeypatch.setattr(components.common.store, "build", lambda *a, **k: build(*a, **{**k, "curated": curated}))
    return curated, store


def open_import_page() -> AppTest:
    return open_page("importera.py", timeout=120)


def test_page_upload_preview_confirm_and_restore(page_env, sodertalje_xlsx):
    curated, store = page_env
    at = open_import_page()
    assert at.title[0].value == "Läs in färdplan"
    assert [s.value for s in at.subheader][:3] == ["1. Mallen", "2. Läs in", "3. Tidigare versioner"]
    assert at.selectbox(key="import_template_core").value == "sodertalje"
    assert at.get("download_button")[0].label == "Ladda ned mallen (Excel)"

    before = snapshot(curated)
    at.get("file_uploader")[0].set_value(("ny.xlsx", changed_sodertalje(sodertalje_xlsx), "application/octet-stream"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Filen är kontrollerad utan fel" in s.value for s in at.success)
    preview = table_with(at, "Ändring")
    assert ("ändras", "Insats") in set(zip(preview["Ändring"], preview["Vad"]))
    assert snapshot(curated) == before, "nothing is written before the confirmation"

    at.button(key="import_confirm").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("är inläst i curated/sodertalje-2026" in s.value for s in at.success)
    # Read a copy: in this process DuckDB hands out the app's still-open instance of the replaced file.
    shutil.copy(store, store.with_name("copy.duckdb"))
    assert store_rows(
        store.with_name("copy.duckdb"), "SELECT title FROM interventions WHERE id = 'sodertalje-1.3'"
    ) == [("Ny titel för 1.3",)]
    versions = table_with(at, "Innehåll")
    assert len(versions) == 1 and versions.iloc[0]["Innehåll"].startswith("Södertälje stadskärna: färdplanen «")
    label = at.selectbox(key="restore_version").options[0]  # by date, content and person, not by folder id
    assert "17 insatser" in label and " kl. " in label and "sodertalje-2026-" not in label

    at.button(key="restore_confirm").click().run()  # restore asks first: nothing changed yet
    assert any("Vill du återställa" in w.value for w in at.warning)
    assert snapshot(curated)["sodertalje-2026/interventions.csv"] != before["sodertalje-2026/interventions.csv"]
    at.button(key="restore_yes").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("återställd" in s.value for s in at.success)
    assert snapshot(curated)["sodertalje-2026/interventions.csv"] == before["sodertalje-2026/interventions.csv"]


def test_page_shows_the_problems_of_a_bad_file(page_env, sodertalje_xlsx):
    curated, _ = page_env
    before = snapshot(curated)
    at = open_import_page()
    bad = edit(sodertalje_xlsx, "Insatser", {(4, "målområde"): 5, (5, "titel"): "<b>fet</b> [länk](http://x)"})
    at.get("file_uploader")[0].set_value(("trasig.xlsx", bad, "application/octet-stream")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("1 fel. Inget har ändrats" in e.value for e in at.error)
    listed = "\n".join(m.value for m in at.markdown)
    assert "rad 4, kolumn «målområde»" in listed and "«5» finns inte" in listed
    assert not any(b.key == "import_confirm" for b in at.button)
    assert snapshot(curated) == before


def test_page_in_read_only_mode_offers_only_the_template(page_env, monkeypatch):
    monkeypatch.setenv("FARDPLANER_READONLY", "1")
    at = open_import_page()
    assert at.get("download_button") and not at.get("file_uploader")
    assert not any(b.key in ("import_confirm", "restore_confirm") for b in at.button)
    assert any("Inläsning är avstängd" in i.value for i in at.info)
