"""The briefing export of a dialogue: Word, PDF and Excel are written, opened and read back.

The fixture reference store (tests/fixture_store.py) and a real user store in a temporary folder: a decided
2024–2025 dialogue for Södertälje, and the 2026–2027 dialogue started from it with five priorities
across the four goal areas, one of them an insats that is no longer in the sources.
"""

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from components.briefing import briefing_charts, briefing_pdf
from components.briefing.briefing_data import NO_ROADMAP, NOT_IN_SOURCES, clean_text, collect
from components.briefing.briefing_docx import docx_bytes
from components.briefing.briefing_pdf import BriefingFontError, pdf_bytes
from components.briefing.briefing_xlsx import COLUMNS, shortlist_xlsx
from queries.runner import ReferenceStore
from queries.user_store import Participant, Priority, UserStore
from tests.fixture_store import CORE_VALUE, INDICATOR, TEST_SOURCE

TODAY = date(2026, 3, 2)
FORMULA = '=HYPERLINK("http://example.org","klicka här")'
MARKUP = "<b>Inte fet</b> & samverkan på alla nivåer"
SHORTLIST = [
    # intervention, wording, owner, next step, status
    (
        "test-gemensam-1",
        "Gemensam målbild för stationsmiljöerna — tryggheten först",
        "region-stockholm",
        "Workshop i maj med förvaltningarna",
        "pågår",
    ),
    (
        "test-sodertalje-2.3",
        "Kompetensförsörjning för Södertäljes arbetsgivare, med Campus Telge",
        "sodertalje-kommun",
        "Kartlägg behoven före årsskiftet",
        "prioriterad",
    ),
    ("test-sodertalje-3.3", FORMULA, "testbolaget-ab", "Årlig avstämning i styrgruppen", "föreslagen"),
    ("test-gemensam-4", MARKUP, "huddinge-kommun", "Nästa steg — gemensamt inspel till länsplanen", "prioriterad"),
    (
        "borttagen-insats",
        "Överenskommet förra perioden; insatsen har sedan strukits ur färdplanen",
        "region-stockholm",
        "Stäm av om någon annan insats ersätter den",
        "avförd",
    ),
]
OWNERS = ["Region Stockholm", "Södertälje kommun", "Testbolaget AB", "Huddinge kommun"]
PARTICIPANTS = [
    Participant("Åsa Öberg", "Region Stockholm", "region"),
    Participant("Omar Ali", "Södertälje kommun", "kommun"),
    Participant("Märta Ekström", "Trafikverket", "region"),
]


def flat(text: str) -> str:
    return " ".join(text.split())


def squash(text: str) -> str:
    """Text without any whitespace: a PDF's text comes back with line breaks where cells wrap."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def run(fixture_db):
    return ReferenceStore(fixture_db).run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = UserStore(tmp_path_factory.mktemp("user") / "dialoger.duckdb", read_only=False)
    s.migrate()
    return s


@pytest.fixture(scope="module")
def sodertalje(run, store):
    """A decided 2024–2025 dialogue, and 2026–2027 started from it and edited to five priorities."""
    old = store.create("sodertalje", "2024–2025", date(2024, 2, 20), who="test")
    old.participants = PARTICIPANTS[:2]
    old.priorities = [
        Priority("test-gemensam-1", 1, "Tidigare lydelse", "region-stockholm", "", "prioriterad"),
        Priority("borttagen-insats", 2, "Överenskommet förra perioden", "region-stockholm", "", "pågår"),
    ]
    old = store.save(old, who="test")
    store.decide(old.id, old.version, who="test")
    new = store.create("sodertalje", "2026–2027", date(2026, 3, 12), who="test", from_dialogue_id=old.id)
    carried = {p.intervention_id: p for p in new.priorities}
    priorities = []
    for rank, (iid, wording, owner, step, status) in enumerate(SHORTLIST, start=1):
        p = carried.get(iid) or Priority(iid, rank)
        p.rank, p.wording, p.owner_actor_id, p.next_step, p.status = rank, wording, owner, step, status
        priorities.append(p)
    new.priorities = priorities
    new.participants = PARTICIPANTS
    new = store.save(new, who="test")
    dialogue = store.load(new.id)
    return collect(run, dialogue, store.previous_priorities(dialogue), previous_period="2024–2025", today=TODAY)


@pytest.fixture(scope="module")
def haninge(run, store):
    d = store.create("haninge", "2026–2027", None, who="test")
    d.priorities = [
        Priority("test-gemensam-1", 1, "Kommunikation om kärnan"),
        Priority("test-gemensam-3", 2, "Haninges profil", "region-stockholm"),
    ]
    d = store.save(d, who="test")
    return collect(run, store.load(d.id), today=TODAY)


@pytest.fixture(scope="module")
def docx_text(sodertalje):
    doc = Document(io.BytesIO(docx_bytes(sodertalje)))
    return doc, docx_all_text(doc)


def docx_all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def pdf(sodertalje):
    reader = PdfReader(io.BytesIO(pdf_bytes(sodertalje)))
    return reader, squash("\n".join(page.extract_text() for page in reader.pages))


# -- the data ---------------------------------------------------------------------------------------
def test_collect_keeps_every_priority_in_rank_order(sodertalje):
    assert [p.intervention_id for p in sodertalje.shortlist] == [s[0] for s in SHORTLIST]
    assert [p.owner for p in sodertalje.shortlist] == OWNERS + ["Region Stockholm"]
    gone = sodertalje.shortlist[-1]
    assert not gone.in_sources and gone.title == NOT_IN_SOURCES and gone.goal_area_id is None
    assert [p.goal_area_id for p in sodertalje.shortlist[:4]] == [1, 2, 3, 4]
    assert [c for _, c in sodertalje.goal_area_counts()] == [1, 1, 1, 1]
    # carried over from 2024–2025: last period's status is known
    assert sodertalje.shortlist[0].previous_status == "prioriterad"
    assert sodertalje.shortlist[-1].previous_status == "pågår"
    assert sodertalje.shortlist[1].previous_status is None
    assert sodertalje.title == "Underlag: politiskt samtal om färdplanen för Södertälje stadskärna"
    assert sodertalje.file_stem == "underlag-sodertalje-2026-2027"


def test_collect_cites_the_sources_behind_the_texts_and_numbers(sodertalje):
    ids = {s.id for s in sodertalje.sources}
    assert {TEST_SOURCE, "scb-folkmangd-kommun"} <= ids
    roadmap = next(s for s in sodertalje.sources if s.id == TEST_SOURCE)
    assert roadmap.year == "2026" and roadmap.status == "antagen"
    assert {"färdriktningar", "insatser"} <= set(roadmap.used_for)
    figures = {f.indicator: f for f in sodertalje.figures}
    boende = figures[INDICATOR["name"]]
    assert boende.value == "cirka 25\u00a0000" and boende.year == CORE_VALUE["year"]
    assert sodertalje.population[0].name == "Södertälje kommun" and sodertalje.population[-1].is_county


def test_population_chart_leaves_missing_years_as_gaps(sodertalje):
    lines = briefing_charts.population_lines(sodertalje)
    points = dict(lines["Södertälje"])
    assert points[2019] is not None and points[2021] is not None and points[2024] is not None
    assert points[2020] is None and points[2022] is None and points[2023] is None


def test_charts_are_png_images_with_a_caption(sodertalje):
    made = briefing_charts.charts(sodertalje)
    assert [c.key for c in made] == ["balance", "figures", "population"]
    assert all(c.png.startswith(b"\x89PNG") and len(c.png) > 10_000 for c in made)
    assert "Levande stadskärnor 1" in made[0].caption
    assert "2020, 2022 och 2023 saknas" in made[2].caption


def test_control_characters_never_reach_the_documents(sodertalje):
    assert clean_text("Nästa\x00 steg\x0b —\r\nklart") == "Nästa steg —\nklart"
    assert clean_text(None) == "" and clean_text(float("nan")) == ""
    noted = replace(sodertalje, notes=clean_text("Anteckning\x07 med klocka"), chart_cache={})
    assert "Anteckning: Anteckning med klocka" in docx_all_text(Document(io.BytesIO(docx_bytes(noted))))


# -- Word -------------------------------------------------------------------------------------------
def test_docx_has_shortlist_owners_participants_and_sources(docx_text, sodertalje):
    doc, text = docx_text
    assert sodertalje.title in text
    for _iid, wording, _owner, step, _status in SHORTLIST:
        assert wording in text and step in text
    for owner in OWNERS:
        assert owner in text
    for p in PARTICIPANTS:
        assert p.name in text and p.organisation in text
    assert "1.1 Testdata: gemensam insats i målområde 1" in text
    assert "borttagen-insats" in text and NOT_IN_SOURCES in text
    assert "Förra perioden: prioriterad" in text and "2024–2025" in text
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["1 Deltagare", "2 Prioriterade insatser"] and "6 Källor" in headings
    for source in sodertalje.sources:
        assert source.title in text
    assert "tests/fixture_store.py, 2026. Status: antagen." in text  # year and status of each source
    assert "2024. Status: publicerad." in text
    assert "Färdriktningar per målområde" in text and "Lägesbild" in text
    assert MARKUP in text  # shown as typed, never read as markup
    footer = doc.sections[0].footer.paragraphs[0].text
    assert "Uttaget 2026-03-02 ur Färdplansdialogen" in footer


def test_docx_embeds_the_charts(docx_text):
    doc, _ = docx_text
    assert len(doc.inline_shapes) >= 2
    shortlist = next(t for t in doc.tables if t.rows[0].cells[0].text == "Nr")
    assert [r.cells[0].text for r in shortlist.rows[1:]] == ["1", "2", "3", "4", "5"]
    assert shortlist.rows[4].cells[4].text == "Huddinge kommun"


# -- PDF --------------------------------------------------------------------------------------------
def test_pdf_has_the_same_texts_with_swedish_letters_intact(pdf, sodertalje):
    reader, text = pdf
    assert len(reader.pages) >= 2
    assert squash(sodertalje.title) in text
    for _iid, wording, _owner, step, _status in SHORTLIST:
        assert squash(wording) in text and squash(step) in text
    for owner in OWNERS:
        assert squash(owner) in text
    for p in PARTICIPANTS:
        assert squash(p.name) in text and squash(p.organisation) in text
    assert "—" in text and "ÅsaÖberg" in text and "MärtaEkström" in text
    assert "borttagen-insats" in text and squash(NOT_IN_SOURCES) in text
    assert "<b>Intefet</b>&" in text  # shown as typed, never read as markup
    assert squash("Förra perioden: prioriterad") in text
    for heading in ("Deltagare", "Prioriterade insatser", "Färdriktningar per målområde", "Lägesbild", "Källor"):
        assert squash(heading) in text
    for source in sodertalje.sources:
        assert squash(source.title) in text
    assert squash("Uttaget 2026-03-02 ur Färdplansdialogen") in text
    assert re.search(r"Sida1av\d+", text)


def test_pdf_embeds_the_charts_and_its_font(pdf):
    reader, _ = pdf
    assert sum(len(page.images) for page in reader.pages) >= 2
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVuSans" in f or "Vera" in f for f in fonts)  # embedded TrueType only
    assert reader.metadata.title.startswith("Underlag: politiskt samtal")


def test_pdf_fails_clearly_without_a_font(monkeypatch, tmp_path, sodertalje):
    monkeypatch.setattr(briefing_pdf, "_font_ready", None)
    monkeypatch.setattr(briefing_pdf, "_candidates", lambda: [("Ingen", {"": tmp_path / "saknas.ttf"})])
    with pytest.raises(BriefingFontError, match="ingen TrueType-font med å, ä, ö"):
        pdf_bytes(sodertalje)


# -- Excel ------------------------------------------------------------------------------------------
def test_xlsx_has_the_shortlist_and_about_sheet(sodertalje):
    wb = load_workbook(io.BytesIO(shortlist_xlsx(sodertalje)))
    sheet = wb["Prioriteringar"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == COLUMNS
    col = {name: i for i, name in enumerate(COLUMNS)}
    assert [r[col["Nr"]] for r in rows[1:]] == [1, 2, 3, 4, 5]
    assert [r[col["Insats-id"]] for r in rows[1:]] == [s[0] for s in SHORTLIST]
    assert [r[col["Driver"]] for r in rows[1:]] == OWNERS + ["Region Stockholm"]
    assert rows[1][col["Formulering och motivering"]] == SHORTLIST[0][1]
    assert rows[1][col["Status föregående period"]] == "prioriterad"
    assert rows[5][col["Anmärkning"]] == NOT_IN_SOURCES and rows[5][col["Insats"]] is None
    assert rows[1][col["Kod"]] == "1.1" and rows[1][col["Målområde"]] == "Levande stadskärnor"
    about = {r[0].value: r[1].value for r in wb["Om"].iter_rows()}
    assert "Södertälje stadskärna" in about["Urval"] and "2026–2027" in about["Urval"]
    assert "12 mars 2026" in about["Urval"]
    assert "Testdata: påhittad färdplan för gränssnittstesterna (2026)" in about["Källor"]


def test_xlsx_neutralises_formula_like_wording(sodertalje):
    sheet = load_workbook(io.BytesIO(shortlist_xlsx(sodertalje)))["Prioriteringar"]
    cell = sheet.cell(row=4, column=COLUMNS.index("Formulering och motivering") + 1)
    assert cell.value == "'" + FORMULA and cell.data_type == "s"


# -- a core without a roadmap -----------------------------------------------------------------------
def test_core_without_roadmap_says_it_is_not_loaded(haninge):
    assert not haninge.has_roadmap and haninge.directions == []
    doc = Document(io.BytesIO(docx_bytes(haninge)))
    text = docx_all_text(doc)
    assert NO_ROADMAP in text and "Haninge stadskärna" in text
    assert "Kommunikation om kärnan" in text and "ej angiven" in text
    assert len(doc.inline_shapes) >= 1
    reader = PdfReader(io.BytesIO(pdf_bytes(haninge)))
    pdf_text = flat("\n".join(page.extract_text() for page in reader.pages))
    assert NO_ROADMAP in pdf_text and "Haninge" in pdf_text
    assert sum(len(page.images) for page in reader.pages) >= 1
