"""The beslutsprotokoll (Word and PDF) and the meeting's .ics file, written and read back.

The fixture reference store (tests/fixture_store.py) and a real user store in tmp_path: a Södertälje dialogue with three
priorities, confirmed for the region and the kommun by two people, then planned by a handläggare.
With SAVE_SCREENSHOTS=1 the PDF's first page is also saved as docs/protokoll-sida1.png (needs pdftoppm).
"""

import io
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from components.briefing.briefing_data import swedish_date
from components.briefing.protocol_data import NOT_DECIDED, SOURCE_NOTE, collect_protocol
from components.briefing.protocol_docx import protocol_docx
from components.briefing.protocol_pdf import protocol_pdf
from components.dialog.calendar_ics import meeting_ics
from components.dialog.change_log_text import when
from queries.followup_store import FollowUpStore, Milestone, Resource
from queries.permissions import Person
from queries.runner import ReferenceStore
from queries.user_store import Participant, Priority
from tests.fixture_store import interventions

REPO = Path(__file__).resolve().parents[1]
TODAY = date.today()  # after the decision, as in real use
HANDLER = Person("Hanna Lind", "sub-h", "hanna.lind@example.se", frozenset({"handläggare"}))
REGION = Person("Åsa Öberg", "sub-r", "asa.oberg@example.se", frozenset({"beslutsfattare:region"}))
KOMMUN = Person("Omar Ali", "sub-k", "omar.ali@example.se", frozenset({"beslutsfattare:kommun:sodertalje"}))
WORDING = "Gemensam målbild för stationsmiljöerna — tryggheten först & <b>ingen markup</b>"
PRIORITIES = [
    ("test-gemensam-1", WORDING, "region-stockholm"),
    ("test-sodertalje-1.3", "Stationsmiljöerna vid Södertälje C och Syd", "sodertalje-kommun"),
    ("test-gemensam-4", "Kunskap om resandet till och från kärnan", None),
]
TITLES = {r["id"]: f"{r['code']} {r['title']}" for r in interventions() if r.get("code")}


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def run(fixture_db):
    return ReferenceStore(fixture_db).run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = FollowUpStore(tmp_path_factory.mktemp("user") / "dialoger.duckdb", read_only=False)
    s.migrate()
    return s


@pytest.fixture(scope="module")
def decided(store):
    d = store.create("sodertalje", "2026–2027", date(2026, 3, 12), who=HANDLER)
    d.participants = [
        Participant("Åsa Öberg", "Region Stockholm", "region"),
        Participant("Omar Ali", "Södertälje kommun", "kommun"),
        Participant("Märta Ekström", "", "region"),
    ]
    d.priorities = [
        Priority(iid, rank, wording, owner, "Workshop i maj", "prioriterad")
        for rank, (iid, wording, owner) in enumerate(PRIORITIES, start=1)
    ]
    d = store.save(d, who=HANDLER)
    store.confirm(d.id, d.version, "region", who=REGION)
    d = store.confirm(d.id, d.version, "kommun", who=KOMMUN)
    first = d.priorities[0].id
    store.set_actors(first, ["testbolaget-ab", "huddinge-kommun"], ["Telge Bostäder"], who=HANDLER)
    store.add_milestone(
        first,
        Milestone("Workshop med förvaltningarna", date(2026, 5, 20), "Södertälje kommun", done_on=date(2026, 5, 21)),
        who=HANDLER,
    )
    store.add_milestone(first, Milestone("Lägesrapport till styrgruppen", date(2026, 11, 30)), who=HANDLER)
    store.add_resource(first, Resource(Decimal("1200000"), "Region Stockholm", 2026, "beslutad"), who=HANDLER)
    store.set_start_mode(first, "politiskt uppdrag", who=HANDLER)
    return store.load(d.id)


@pytest.fixture(scope="module")
def protocol(run, store, decided):
    plans = store.plans([p.id for p in decided.priorities])
    # only one name given: the others are looked up in the reference store
    return collect_protocol(
        run,
        decided,
        store.confirmations(decided.id),
        plans,
        {"region-stockholm": "Region Stockholm"},
        "Stadshuset, Södertälje",
        today=TODAY,
    )


def expected(store, decided) -> list[str]:
    region, kommun = [c for c in store.confirmations(decided.id) if c.active]
    return [
        TITLES["test-gemensam-1"],
        TITLES["test-sodertalje-1.3"],
        TITLES["test-gemensam-4"],
        WORDING,
        "Levande och attraktiva stadskärnor",
        "Region Stockholm",
        "Södertälje kommun",
        "ingen driver utsedd",
        "Testbolaget AB",
        "Huddinge kommun",
        "Telge Bostäder (tillagd av användare)",
        "politiskt uppdrag",
        "Workshop med förvaltningarna",
        "20 maj 2026",
        "klart 21 maj 2026",
        "Lägesrapport till styrgruppen",
        "30 november 2026",
        "inte klart",
        "1 200 000 kr",
        "beslutad",
        "Åsa Öberg",
        "asa.oberg@example.se",
        "Omar Ali",
        "omar.ali@example.se",
        when(region.confirmed_at),
        when(kommun.confirmed_at),
        "Beslutsprotokoll: Södertälje stadskärna, 2026–2027",
        "12 mars 2026",
        "Stadshuset, Södertälje",
        SOURCE_NOTE,
        f"Uttaget {swedish_date(TODAY)} ur Färdplansdialogen",
        "Prioritet 1: 1.1 Testdata",
        "Prioritet 3: 4.1 Testdata",
    ]


def test_protocol_data(protocol, decided):
    assert [i.intervention_id for i in protocol.items] == [p[0] for p in PRIORITIES]
    assert [i.driver for i in protocol.items] == ["Region Stockholm", "Södertälje kommun", "ingen driver utsedd"]
    assert protocol.items[0].resources[0].amount == "1\u00a0200\u00a0000\u00a0kr"
    assert protocol.items[1].actors == ["ej angivet"] and protocol.items[1].start_mode == "ej angivet"
    assert protocol.items[0].milestones[1].responsible == "ej angivet"
    assert [(c.side, c.name, c.version) for c in protocol.confirmations] == [
        ("Region", "Åsa Öberg", "2"),
        ("Kommun", "Omar Ali", "2"),
    ]
    assert protocol.participants[2] == ("Märta Ekström", "ej angivet", "Region")
    assert dict(protocol.meta)["Beslutad"].endswith(", version 2")
    assert protocol.file_stem == "beslutsprotokoll-sodertalje-2026-2027"


def test_protocol_docx_has_the_record(protocol, store, decided):
    doc = Document(io.BytesIO(protocol_docx(protocol)))
    parts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    text = " ".join(" ".join(parts).replace("\u00a0", " ").split())
    for want in expected(store, decided):
        assert want in text, want
    assert "None" not in text and doc.core_properties.title == protocol.title


def test_protocol_pdf_has_the_record(protocol, store, decided, tmp_path):
    data = protocol_pdf(protocol)
    text = squash("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    for want in expected(store, decided):
        assert squash(want) in text, want
    assert "None" not in text and "BESLUTAD" in text
    if os.environ.get("SAVE_SCREENSHOTS") == "1" and shutil.which("pdftoppm"):
        (tmp_path / "p.pdf").write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "100",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(tmp_path / "p.pdf"),
                str(tmp_path / "p"),
            ],
            check=True,
        )
        shutil.copy(tmp_path / "p.png", REPO / "docs" / "protokoll-sida1.png")


def test_undecided_dialogue_is_refused_and_missing_shows_as_missing(run, store):
    d = store.create("haninge", "2026–2027", None, who=HANDLER)
    d.priorities = [Priority("test-gemensam-1", 1)]
    d = store.save(d, who=HANDLER)
    with pytest.raises(ValueError, match=NOT_DECIDED):
        collect_protocol(run, d, [], {}, {})
    d = store.decide(d.id, d.version, who=Person.local_user())
    p = collect_protocol(run, d, store.confirmations(d.id), store.plans([x.id for x in d.priorities]), {}, today=TODAY)
    meta = dict(p.meta)
    assert meta["Mötesdatum"] == "ej angivet" and meta["Plats"] == "ej angivet"
    item = p.items[0]
    assert (item.wording, item.driver, item.actors, item.milestones) == (
        "ej angivet",
        "ingen driver utsedd",
        ["ej angivet"],
        [],
    )
    text = squash("".join(page.extract_text() for page in PdfReader(io.BytesIO(protocol_pdf(p))).pages))
    assert squash("Delmål: inga angivna.") in text and "None" not in text


def unfold(raw: bytes) -> dict[str, str]:
    lines = re.sub(r"\r\n[ \t]", "", raw.decode("utf-8")).split("\r\n")
    return {line.split(":", 1)[0]: line.split(":", 1)[1] for line in lines if ":" in line}


def test_meeting_ics():
    place = "Stadshuset, Sessionssalen; plan 3 — Campus Telge\nEntré B, Södertälje " * 2
    raw = meeting_ics(
        "Södertälje stadskärna", "2026–2027", date(2026, 3, 12), "abc123", place, stamp=datetime(2026, 3, 1, 9, 30)
    )
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert max(len(line) for line in raw.split(b"\r\n")) > 70  # the long place was folded
    fields = unfold(raw)
    assert fields["DTSTART;VALUE=DATE"] == "20260312" and fields["DTEND;VALUE=DATE"] == "20260313"
    assert fields["UID"] == "abc123@fardplansdialogen" and fields["DTSTAMP"] == "20260301T093000Z"
    assert fields["SUMMARY"] == "Politiskt samtal om färdplanen: Södertälje stadskärna\\, 2026–2027"
    assert fields["LOCATION"].startswith("Stadshuset\\, Sessionssalen\\; plan 3 — Campus Telge\\nEntré B")
    assert raw.count(b"BEGIN:VEVENT") == 1 and raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    with pytest.raises(ValueError):
        meeting_ics("Södertälje stadskärna", "2026–2027", None, "abc123")
