"""Regional översikt: decided dialogues for Södertälje and Flemingsberg, a draft for Haninge, actors and
resources entered on Uppföljning; the matrix, the goal areas side by side, who drives what where and the
resource sums per state, on the page under AppTest and in the Excel and PDF files."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from pypdf import PdfReader

from components.oversikt import overview_data, overview_view
from components.oversikt.overview_data import Overview, actor_load, decided_side_by_side, dialogue_matrix
from queries.dialogue_model import Priority
from queries.followup_store import FollowUpStore, Resource
from queries.runner import ReferenceStore
from tests.conftest import open_page, rows

HEADINGS = overview_view.PARTS
pytestmark = pytest.mark.usefixtures("on_fixture_store")  # tests/fixture_store.py


@pytest.fixture()
def store(app_store):
    return app_store  # tests/conftest.py: an empty user store the app writes to


def decide(store, core, period, ids, owner=None):
    d = store.create(core, period, None, who="Anna")
    d.priorities = [
        Priority(i, r, owner_actor_id=owner if r == 2 else None, status="prioriterad") for r, i in enumerate(ids, 1)
    ]
    d = store.save(d, who="Anna")
    return store.decide(d.id, d.version, who="Anna")


def filled(store):
    """Södertälje and Flemingsberg decided, Haninge a draft; actors and two resources entered."""
    sod = decide(
        store, "sodertalje", "2026–2027", ["test-gemensam-1", "test-sodertalje-1.3"], owner="sodertalje-kommun"
    )
    fle = decide(store, "flemingsberg", "2026–2027", ["test-gemensam-1", "test-gemensam-4"])
    store.create("haninge", "2026–2027", None, who="Anna")
    fs = FollowUpStore(store.path)
    fs.set_actors(fle.priorities[1].id, ["sodertalje-kommun", "region-stockholm"], ["Huddinge Centrum AB"], who="Anna")
    fs.add_resource(
        sod.priorities[1].id, Resource(Decimal("1200000"), "Region Stockholm", 2027, "föreslagen"), who="Anna"
    )
    fs.add_resource(fle.priorities[0].id, Resource(Decimal("350000"), "Region Stockholm", 2027, "beslutad"), who="Anna")
    fs.follow_up(sod.priorities[0].id, "prioriterad", "pågår", "Arbetet har startat.", who="Anna")
    return sod, fle


def overview(store, fixture_db) -> Overview:
    return overview_data.collect_overview(store, FollowUpStore(store.path), ReferenceStore(fixture_db).run)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_interventions_used_exist(on_fixture_store):
    ids = {r[0] for r in rows(on_fixture_store, "SELECT id FROM interventions")}
    assert {"test-gemensam-1", "test-sodertalje-1.3", "test-gemensam-4"} <= ids
    assert rows(on_fixture_store, "SELECT name FROM cores WHERE id = 'flemingsberg'") == [("Flemingsberg",)]


def test_the_four_parts_from_the_stores(store, fixture_db):
    sod, _ = filled(store)
    o = overview(store, fixture_db)
    matrix = o.matrix.set_index("Kärna")
    assert len(matrix) == 8 and list(matrix.columns) == ["2026–2027"]
    when = overview_data.swedish_date(overview_data.local_time(sod.decided_at))
    assert matrix.loc["Södertälje stadskärna", "2026–2027"] == f"beslutad {when}"
    assert matrix.loc["Flemingsberg", "2026–2027"].startswith("beslutad ")
    assert matrix.loc["Haninge stadskärna", "2026–2027"] == "utkast"
    assert matrix.loc["Arlanda-Märsta", "2026–2027"] == "–"

    goal = o.by_goal_area.set_index("Målområde")
    assert list(goal.columns) == ["Flemingsberg", "Södertälje stadskärna"]  # the cores' order (by name)
    first = goal.loc["1. Levande stadskärnor"]
    assert first["Flemingsberg"].startswith("1.1 Testdata: gemensam insats i målområde 1") and first[
        "Flemingsberg"
    ].endswith("(prioriterad)")
    lines = first["Södertälje stadskärna"].split("\n")
    assert len(lines) == 2 and lines[0].startswith("1.1 Testdata: gemensam insats i målområde 1")
    assert lines[0].endswith("(pågår)")  # the status after the follow-up
    assert lines[1].startswith("1.3 Testdata: insats 1.3") and lines[1].endswith("(prioriterad)")
    assert goal.loc["4. Hållbart resande", "Flemingsberg"].startswith("4.1 Testdata: gemensam insats i målområde 4")
    assert goal.loc["4. Hållbart resande", "Södertälje stadskärna"] == ""
    assert goal.loc["2. Samhällsservice"].tolist() == ["", ""]
    assert "Haninge stadskärna" in o.without_decision and o.shown_periods["Flemingsberg"] == "2026–2027"
    assert "(perioden 2026–2027)" in overview_view.goal_caption(o)

    actors = o.actors.set_index("Aktör")
    assert actors.loc["Södertälje kommun"].tolist() == [1, 1, "Flemingsberg, Södertälje stadskärna"]
    assert actors.loc["Region Stockholm"].tolist() == [0, 1, "Flemingsberg"]
    assert "Huddinge Centrum AB (tillagd av användare)" in actors.index

    money = o.resources
    assert money.note is None and len(money.shown) == 1
    row = money.shown.iloc[0]
    assert (row["Finansiär"], row["Budgetår"]) == ("Region Stockholm", "2027")
    assert row["Beslutade resurser"] == "350\u00a0000 kr" and row["Föreslagna resurser"] == "1\u00a0200\u00a0000 kr"
    raw = money.raw.iloc[0]
    assert raw["Beslutade resurser"] == Decimal("350000") and raw["Föreslagna resurser"] == Decimal("1200000")


def test_pure_functions_on_edge_cases():
    import pandas as pd

    cores = pd.DataFrame({"id": ["a", "b"], "name": ["A-kärna", "B-kärna"]})
    t = pd.Timestamp
    dialogues = pd.DataFrame(
        [
            {
                "id": "1",
                "core_id": "a",
                "period": "2026–2027",
                "status": "beslutad",
                "decided_at": t("2026-03-12 09:00"),
                "archived_at": None,
                "updated_at": t("2026-03-12"),
            },
            {
                "id": "2",
                "core_id": "a",
                "period": "2026–2027",
                "status": "utkast",
                "decided_at": None,
                "archived_at": None,
                "updated_at": t("2026-05-01"),
            },
            {
                "id": "3",
                "core_id": "b",
                "period": "2028–2029",
                "status": "utkast",
                "decided_at": None,
                "archived_at": t("2026-01-01"),
                "updated_at": t("2026-01-01"),
            },
        ]
    )
    m = dialogue_matrix(dialogues, cores)
    assert m.to_dict("records") == [
        {"Kärna": "A-kärna", "2026–2027": "beslutad 12 mars 2026"},
        {"Kärna": "B-kärna", "2026–2027": "–"},
    ]  # archived left out
    assert dialogue_matrix(dialogues.iloc[0:0], cores)["Kärna"].tolist() == ["A-kärna", "B-kärna"]
    side = decided_side_by_side(
        [
            {
                "core": "A",
                "goal_area_id": None,
                "goal_area": None,
                "code": None,
                "title": None,
                "status_now": "pågår",
                "driver": None,
            }
        ]
    )
    assert side.to_dict("records") == [
        {"Målområde": "Målområde: uppgift saknas", "A": "Insatsen finns inte längre i källorna (pågår)"}
    ]
    assert actor_load([]).empty
    empty = overview_data.resources_by_funder([])
    assert empty.shown.empty and empty.note == overview_data.NO_RESOURCES
    one = overview_data.resources_by_funder(
        [{"core": "A", "funder": "X", "budget_year": 2027, "state": "beslutad", "amount_sek": Decimal("10.50")}]
    )
    assert one.shown.iloc[0]["Föreslagna resurser"] == "" and one.raw.iloc[0]["Föreslagna resurser"] is None
    assert one.shown.iloc[0]["Beslutade resurser"] == "10,5 kr"
    eight = pd.DataFrame(columns=["Målområde", *"ABCDEFGH"])
    assert [list(p.columns) for p in overview_view.side_by_side_parts(eight)] == [
        ["Målområde", *"ABCD"],
        ["Målområde", *"EFGH"],
    ]  # eight cores in two tables that fit the page


def test_page_and_files_show_the_same(store, fixture_db):
    filled(store)
    at = open_page("oversikt.py")
    assert not at.error, [e.value for e in at.error]
    assert [h.value for h in at.subheader] == HEADINGS
    assert at.title[0].value == "Regional översikt"
    shown = " | ".join(str(v) for t in at.table for v in [*t.value.columns, *t.value.to_numpy().ravel()])
    page = shown.replace("\\", "")  # st.table reads Markdown: the view escapes it
    assert "1\\.1 Testdata: gemensam" in shown and "  \n1\\.3 Testdata: insats" in shown
    for text in (
        "Södertälje stadskärna",
        "utkast",
        "1.1 Testdata: gemensam insats i målområde 1",
        "Södertälje kommun",
        "1\u00a0200\u00a0000 kr",
        "350\u00a0000 kr",
    ):
        assert text in page, text
    assert "None" not in page and "sodertalje" not in page

    o = overview(store, fixture_db)
    book = openpyxl.load_workbook(io.BytesIO(overview_view.excel_bytes(o)))
    assert book.sheetnames == [
        "Dialoger per period",
        "Prioriteringar per målområde",
        "Vem driver vad, var",
        "Resurser per finansiär",
        "Om",
    ]
    cells = {s: list(book[s].iter_rows(values_only=True)) for s in book.sheetnames}
    assert ["Haninge stadskärna", "utkast"] in [list(r) for r in cells["Dialoger per period"]]
    assert any(str(v).startswith("1.1 Testdata") for r in cells["Prioriteringar per målområde"] for v in r if v)
    assert ("Södertälje kommun", 1, 1, "Flemingsberg, Södertälje stadskärna") in cells["Vem driver vad, var"]
    assert cells["Resurser per finansiär"][1][:4] == ("Region Stockholm", 2027, 350000, 1200000)
    about = dict((r[0], r[1]) for r in cells["Om"])
    assert about["Uttaget"] == date.today().isoformat() and "användare har fört in" in about["Innehåll"]

    pdf = PdfReader(io.BytesIO(overview_view.pdf_bytes(o)))
    assert pdf.pages[0].mediabox.width > pdf.pages[0].mediabox.height  # landscape
    text = flat(" ".join(p.extract_text() for p in pdf.pages))
    for expected in [
        overview_view.TITLE,
        *HEADINGS,
        "Södertälje stadskärna",
        "Haninge stadskärna",
        "utkast",
        "Södertälje kommun",
        "Testdata: gemensam insats i målområde 1",
        "1 200 000 kr",
        "350 000 kr",
        "Målområde",
        overview_data.swedish_date(date.today()),
    ]:
        assert expected in text, expected


def test_an_empty_store_says_so_in_swedish(store, fixture_db):
    at = open_page("oversikt.py")
    assert not at.error and not at.table
    assert any("Inga dialoger är registrerade ännu" in i.value for i in at.info)
    o = overview(store, fixture_db)
    assert not o.has_dialogues and o.resources.note == overview_data.NO_RESOURCES
    assert "Inga dialoger är registrerade ännu" in flat(
        PdfReader(io.BytesIO(overview_view.pdf_bytes(o))).pages[0].extract_text()
    )
