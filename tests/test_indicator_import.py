"""Import of indicator values (Lägesbild page and data.indicator_import): a valid file adds values that
then show in the views; broken files are rejected with a precise Swedish message and nothing changes;
a re-import updates instead of duplicating. Works on a copy of data/curated in a temporary directory;
the repo's data/ is never touched."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from streamlit.testing.v1 import AppTest

from data import indicator_import as ii
from queries.runner import ReferenceStore
from tests.conftest import REPO, built_copy, open_page

HEADER = "indikator_id;geografi;ar;varde;kalla\n"
NBSP = "\u00a0"


@pytest.fixture()
def env(built_template, tmp_path, monkeypatch):
    """A copy of data/curated and a store of its own (conftest.built_copy), which the app (its cached store)
    reads during the test: another test's open connection to the session's store would keep the old data
    visible after a rebuild."""
    import components.common.store

    curated, target = built_copy(built_template, tmp_path)
    monkeypatch.setenv("FARDPLANER_CURATED", str(curated))
    monkeypatch.setenv("FARDPLANER_DB", str(target))
    monkeypatch.delenv("FARDPLANER_READONLY", raising=False)
    components.common.store.reference_store.clear()
    yield curated, target
    components.common.store.reference_store.clear()


def snapshot(curated: Path, store: Path) -> dict[str, bytes]:
    files = {
        str(p.relative_to(curated)): p.read_bytes()
        for p in sorted(curated.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }
    files["<store>"] = store.read_bytes()
    return files


def app_store() -> ReferenceStore:
    """The app's own cached connection; it reopens when a rebuild replaced the file. (DuckDB shares one
    database instance per path within a process, so a second connection opened while the app's is
    still on the old file would read the old data.)"""
    import components.common.store

    return components.common.store.reference_store()[0]


def catalog(store: Path) -> ii.Catalog:
    s = app_store()
    assert s.path == store
    return ii.Catalog.from_frames(s.run("import_catalog"), s.run("import_existing_values"))


def open_lagesbild(**query) -> AppTest:
    return open_page("lagesbild.py", timeout=120, vy="Läs in värden", **query)  # the import's tab


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.get("file_uploader")[0].upload(name, data).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "").replace(NBSP, " ")


def store_rows(store: Path, sql: str, *params):
    s = app_store()
    assert s.path == store
    cur = s._connection().cursor()
    try:
        return cur.execute(sql, list(params)).fetchall()
    finally:
        cur.close()


# -- a valid file ----------------------------------------------------------------------------------------
def test_valid_file_adds_values_that_show_in_the_views(env):
    curated, store = env
    data = (
        HEADER + "boende-i-karnan;haninge;2024;41 000;Haninge kommun, Handen 2024 (utökad kärna)\n"
        "rufs-gymnasieexamen;0136;2019;71,5;Skolverket, Betygsstatistik 2019\n"
    ).encode("cp1252")
    at = upload(open_lagesbild(karna="haninge"), "värden.csv", data)
    assert any("Windows-1252" in i.value.replace("\\", "") for i in at.info)  # what was converted is said
    preview = next(d.value for d in at.dataframe if "Åtgärd" in d.value.columns)
    assert preview["Åtgärd"].tolist() == ["Läggs till", "Läggs till"]
    assert preview["Källa"].tolist()[0] == "Haninge kommun, Handen 2024 (utökad kärna)"  # ö read right
    assert not (curated / ii.FOLDER).exists(), "nothing is written before the confirmation"

    at.button(key="import_spara").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("2 värden lades till" in s.value for s in at.success)
    written = (curated / ii.FOLDER / "indicator_values.csv").read_text("utf-8")
    assert "boende-i-karnan,core,haninge,2024,,41000,,utfall,41 000,import-tjansteperson," in written
    assert "rufs-gymnasieexamen,kommun,0136,2019,,71.5," in written
    assert "Indikatorvärden inlästa via appen" in (curated / ii.FOLDER / "changes.csv").read_text("utf-8")
    assert store_rows(
        store,
        "SELECT value, source_section FROM indicator_values WHERE indicator_id = "
        "'boende-i-karnan' AND geography = 'haninge'",
    ) == [(41000.0, "Haninge kommun, Handen 2024 (utökad kärna)")]

    # the Lägesbild shows them, with the source the official gave …
    at = open_page("lagesbild.py", timeout=120, karna="haninge")  # the core's tab, in a new session
    text = page_text(at)
    assert (
        "41 000 personer (2024) · kärna · Källa: Värden inlästa av tjänsteperson via appen: Haninge kommun, "
        "Handen 2024 (utökad kärna)"
    ) in text
    # the RUFS delmål has no goal area: in «Utan målområde», all of it opened («Fler indikatorer»)
    at = open_page("lagesbild.py", timeout=120, karna="haninge", malomrade="ovriga")
    at.session_state["lb_fler_ovriga"] = True
    at.run()
    assert "71,5 procent (2019) · kärnkommun: Haninge" in page_text(at)
    # … and so does the comparison
    cmp = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    cmp.query_params["karna"] = ["haninge", "sodertalje"]
    cmp.query_params["flik"] = "Indikatorer"  # the comparison's indicator tab
    cmp.run()
    cmp.switch_page("pages/jamfor.py").run()
    indicators = next(t.value for t in cmp.table if t.value.columns[0] == "Indikator").set_index("Indikator")
    assert indicators.loc["Boende i kärnan (personer)", "Haninge stadskärna"] == f"41{NBSP}000 (2024) · kärna"
    assert (
        indicators.loc["Gymnasieelever som inom tre år får en gymnasieexamen (procent)", "Haninge stadskärna"]
        == "71,5 (2019) · kärnkommun: Haninge"
    )


def test_reimport_updates_and_never_duplicates(env):
    curated, store = env
    cat = catalog(store)

    def run(value: str, source: str = "Haninge kommun 2024"):
        parsed = ii.parse("v.csv", (HEADER + f"boende-i-karnan;haninge;2024;{value};{source}\n").encode())
        rows, problems = ii.validate(parsed, catalog(store))
        assert not problems
        return ii.apply(rows, "v.csv", ii.rebuild_store)

    assert len(run("41000").add) == 1
    done = run("42 500")
    assert (len(done.add), len(done.update)) == (0, 1)
    assert done.update[0][1]["value"] == "41000"
    lines = (curated / ii.FOLDER / "indicator_values.csv").read_text("utf-8").splitlines()
    assert len(lines) == 2 and ",42500," in lines[1]
    assert store_rows(
        store, "SELECT value FROM indicator_values WHERE indicator_id = 'boende-i-karnan' AND geography = 'haninge'"
    ) == [(42500.0,)]
    # the same again: nothing to do, nothing written
    before = snapshot(curated, store)
    assert run("42500").changes == 0
    assert snapshot(curated, store) == before
    # another source for the same year would give the year a second value: refused
    parsed = ii.parse("v.csv", (HEADER + "boende-i-karnan;haninge;2024;40000;Annan källa\n").encode())
    rows, problems = ii.validate(parsed, catalog(store))
    assert not rows and "inläst tidigare med källan «Haninge kommun 2024»" in problems[0].text("v.csv")
    assert cat.refusal("boende-i-karnan") is None


def test_excel_template_lists_what_is_valid_and_reads_back(env):
    _, store = env
    cat = catalog(store)
    book = load_workbook(io.BytesIO(ii.template_xlsx(cat)))
    assert book.sheetnames == ["Värden", "Instruktioner"]
    assert [c.value for c in book["Värden"][1]] == list(ii.COLUMNS)
    listed = {r[0] for r in book["Instruktioner"].iter_rows(values_only=True) if r and r[0]}
    assert {"boende-i-karnan", "rufs-bostader-per-ar", "sodertalje", "0181", "01"} <= listed
    assert not {"folkmangd", "rufs-forvarvsfrekvens", "kommunal-boende"} & listed  # not importable
    ws = book["Värden"]
    ws.append(["studenter-i-karnan", "flemingsberg", 2024, 31000, "Campus Flemingsberg, årsrapport 2024"])
    ws.append(["rufs-nystartade-foretag", "0181", 2019, 12.4, "Tillväxtanalys 2020"])
    out = io.BytesIO()
    book.save(out)
    rows, problems = ii.validate(ii.parse("mall.xlsx", out.getvalue()), cat)
    assert not problems
    assert [(r.indicator_id, r.geography_type, r.geography, r.year, str(r.value)) for r in rows] == [
        ("studenter-i-karnan", "core", "flemingsberg", 2024, "31000"),
        ("rufs-nystartade-foretag", "kommun", "0181", 2019, "12.4"),
    ]
    assert ii.template_csv().decode("utf-8-sig").strip() == ";".join(ii.COLUMNS)


# -- broken files ----------------------------------------------------------------------------------------
def _xlsx_with_formula() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Värden"
    ws.append(list(ii.COLUMNS))
    ws.append(["boende-i-karnan", "haninge", 2024, 41000, '=HYPERLINK("http://x.example","klicka")'])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ROW = "boende-i-karnan;haninge;2024;41000;Haninge kommun\n"
BROKEN = [
    # (name, file bytes, words the message must contain)
    (
        "fel-kolumner.csv",
        b"indikator;geografi;ar;varde;kalla\nboende-i-karnan;haninge;2024;1;x\n",
        ["fel-kolumner.csv, rad 1", "fel kolumner", "saknas: indikator_id", "okända: indikator"],
    ),
    (
        "okand-geografi.csv",
        (HEADER + "boende-i-karnan;narnia;2024;41000;x\n").encode(),
        ["okand-geografi.csv, rad 2, kolumn «geografi»", "okänd geografi «narnia»"],
    ),
    (
        "nolla-borta.csv",
        (HEADER + "rufs-gymnasieexamen;136;2019;71;x\n").encode(),
        ["rad 2, kolumn «geografi»", "Menade du 0136 (Haninge)?"],
    ),
    (
        "text-i-vardet.csv",
        (HEADER + "boende-i-karnan;haninge;2024;ca 41 000;x\n").encode(),
        ["rad 2, kolumn «varde»", "«ca 41 000» är inget tal", "enheten är personer"],
    ),
    (
        "procent.csv",
        (HEADER + "rufs-gymnasieexamen;0136;2019;715;x\n").encode(),
        ["rad 2, kolumn «varde»", "utanför 0–100"],
    ),
    (
        "tom-kalla.csv",
        (HEADER + "boende-i-karnan;haninge;2024;41000;  \n").encode(),
        ["tom-kalla.csv, rad 2, kolumn «kalla»", "källa saknas"],
    ),
    (
        "dubblett.csv",
        (HEADER + ROW + "studenter-i-karnan;haninge;2024;5;x\n" + ROW).encode(),
        ["dubblett.csv, rad 4", "samma indikator, geografi och år som rad 2", "finns två gånger"],
    ),
    (
        "fel-kodning.csv",
        (HEADER + "boende-i-karnan;haninge;2024;41000;Källa\n").encode("cp500"),
        ["fel-kodning.csv", "varken UTF-8 eller Windows-1252"],
    ),
    ("utf32.csv", (HEADER + ROW).encode("utf-32-le"), ["utf32.csv", "binära data"]),
    ("tom.csv", b"", ["tom.csv", "filen är tom"]),
    ("bara-rubrik.csv", HEADER.encode(), ["bara en rubrikrad"]),
    ("formel.xlsx", _xlsx_with_formula(), ["formel.xlsx, rad 2, kolumn «kalla»", "formel"]),
    (
        "html.csv",
        (HEADER + "<script>alert(1)</script>;haninge;2024;41000;x\n").encode(),
        ["html.csv, rad 2, kolumn «indikator_id»", "okänd indikator «<script>alert(1)</script>»"],
    ),
    (
        "formel.csv",
        (HEADER + "boende-i-karnan;haninge;2024;41000;@SUM(1+1)\n").encode(),
        ["rad 2, kolumn «kalla»", "formel i Excel"],
    ),
    ("okand-indikator.csv", (HEADER + "lycka;haninge;2024;7;x\n").encode(), ["okänd indikator «lycka»"]),
    (
        "statistik.csv",
        (HEADER + "folkmangd;0181;2023;102000;SCB\n").encode(),
        ["kolumn «indikator_id»", "byggs direkt ur SCB-filerna"],
    ),
    ("delmatt.csv", (HEADER + "rufs-forvarvsfrekvens;01;2020;80;SCB\n").encode(), ["flera delmått"]),
    (
        "arta.csv",
        (HEADER + "boende-i-karnan;haninge;20x4;41000;x\n").encode(),
        ["rad 2, kolumn «ar»", "«20x4» är inget årtal"],
    ),
    (
        "finns-redan.csv",
        (HEADER + "boende-i-karnan;sodertalje;2026;26000;Egen räkning\n").encode(),
        ["rad 2, kolumn «ar»", "det finns redan ett värde", "Färdplan för den regionala stadskärnan Södertälje"],
    ),
    ("gammal.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ["gamla format (.xls)"]),
    ("trasig.xlsx", b"PK\x03\x04" + b"\x00" * 100, ["ingen Excel-arbetsbok (.xlsx) och går inte att öppna"]),
    ("stor.csv", HEADER.encode() + b"x" * (50 * 1024 * 1024), ["stor.csv", "filen är 50,0 MB", "högst 5 MB"]),
]


@pytest.mark.parametrize("name,data,words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_is_rejected_with_a_precise_message_and_nothing_changes(env, name, data, words):
    curated, store = env
    at = open_lagesbild(karna="haninge")
    before = snapshot(curated, store)
    at = upload(at, name, data)
    [error] = at.error
    assert "Inget har sparats" in error.value
    message = page_text(at)
    for word in words:
        assert word in message, (word, message[-1500:])
    assert not [b for b in at.button if b.key == "import_spara"]
    assert snapshot(curated, store) == before


def test_a_failed_rebuild_puts_the_files_back(env):
    curated, store = env
    rows, problems = ii.validate(ii.parse("v.csv", (HEADER + ROW).encode()), catalog(store))
    assert not problems
    before = snapshot(curated, store)

    def broken_build(_curated):
        raise RuntimeError("disken är full")

    with pytest.raises(ii.ImportRefused, match="disken är full"):
        ii.apply(rows, "v.csv", broken_build)
    assert snapshot(curated, store) == before


def test_read_only_mode_refuses_the_write(env, monkeypatch):
    curated, store = env
    rows, _ = ii.validate(ii.parse("v.csv", (HEADER + ROW).encode()), catalog(store))
    monkeypatch.setenv("FARDPLANER_READONLY", "1")
    before = snapshot(curated, store)
    with pytest.raises(ii.ImportRefused, match="läsläge"):
        ii.apply(rows, "v.csv", ii.rebuild_store)
    assert snapshot(curated, store) == before


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1 234,5", "1234.5"),
        ("1234.5", "1234.5"),
        ("-3", "-3"),
        ("12,50", "12.50"),
        ("1\u00a0000", "1000"),
        ("1.234,5", None),
        ("12 %", None),
        ("1e5", None),
        ("", None),
    ],
)
def test_numbers_in_swedish_and_plain_notation(text, expected):
    value = ii._number(text)
    assert (None if value is None else str(value)) == expected


def test_file_names_are_cleaned_before_they_reach_messages_or_data():
    assert ii._clean_name("C:\\Users\\x\\värden.csv") == "värden.csv"
    assert ii._clean_name("<img src=x onerror=alert(1)>.csv") == "_img src_x onerror_alert(1)_.csv"
    assert ii._clean_name("../../etc/passwd") == "passwd"
