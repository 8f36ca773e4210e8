"""The record of a dialogue: a change log in Swedish, drafts kept per person, no accidental duplicates,
archive and delete."""

import io
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from components.common.export_files import workbook_bytes
from components.dialog.change_log_text import Names, readable, structured, when
from queries.dialogue_model import Participant, Priority
from queries.user_store import DialogueDecided, DuplicateDialogue, UserStore, UserStoreError

NAMES = Names(
    {"sodertalje-1.5": "1.5 Samverka för en tryggare stadskärna", "gemensam-1.1": "1.1 Gemensam målbild"},
    {"sodertalje-kommun": "Södertälje kommun", "region-stockholm": "Region Stockholm"},
    {"sodertalje-1.5": "1.5", "gemensam-1.1": "1.1"},
)


@pytest.fixture()
def store(tmp_path):
    s = UserStore(tmp_path / "dialoger.duckdb", read_only=False)
    s.migrate()
    return s


def whole_dialogue(store):
    d = store.create("sodertalje", "2026–2027", None, who="Anna Berg")
    d.priorities = [Priority("gemensam-1.1", 1), Priority("sodertalje-1.5", 2)]
    d.participants = [Participant("Karin Ek", "Region Stockholm", "region")]
    d.meeting_date = date(2026, 3, 12)
    d = store.save(d, who="Anna Berg")
    d.priorities[1].wording = "Trygghet i centrum"
    d.priorities[1].owner_actor_id = "sodertalje-kommun"
    d.priorities[1].status = "prioriterad"
    d.priorities[0].next_step = "Workshop i maj"
    d.priorities.reverse()
    for rank, p in enumerate(d.priorities, start=1):
        p.rank = rank
    d.notes = "Enighet om trygghet"
    d = store.save(d, who="Omar Ali")
    d.priorities[0].wording = "Trygghet och belysning i centrum"
    d.participants.append(Participant("Omar Ali", "Södertälje kommun", "kommun"))
    d = store.save(d, who="Omar Ali")
    store.decide(d.id, d.version, who="Karin Ek")
    return d


def test_the_change_log_after_a_whole_dialogue_reads_as_swedish(store):
    d = whole_dialogue(store)
    log = store.change_log(d.id)
    lines = readable(log, NAMES)
    text = "\n".join(lines["Händelse"])
    assert "Ändrade formuleringen för 1.5 Samverka för en tryggare stadskärna: (tom) → «Trygghet i centrum»" in text
    assert (
        "Ändrade formuleringen för 1.5 Samverka för en tryggare stadskärna: «Trygghet i centrum» → "
        "«Trygghet och belysning i centrum»"
    ) in text
    assert "Bytte driver för 1.5 Samverka för en tryggare stadskärna: ingen → Södertälje kommun" in text
    assert "Bytte status för 1.5 Samverka för en tryggare stadskärna: föreslagen → prioriterad" in text
    assert "Lade till 1.1 Gemensam målbild" in text
    assert "Ändrade ordningen: 1.5, 1.1" in text
    assert "Ändrade mötesdatumet: inget datum → 12 mars 2026" in text
    assert "Ändrade deltagarna: lade till Omar Ali (Södertälje kommun, kommun)" in text
    assert "Beslutade prioriteringarna (2 insatser)" in text
    assert "Skapade dialogen för 2026–2027" in text
    for bad in ("{", "None", "sodertalje-1.5", "gemensam-1.1", "sodertalje-kommun"):
        assert bad not in text, bad
    assert set(lines["Vem"]) == {"Anna Berg", "Omar Ali", "Karin Ek"}
    assert all(re.fullmatch(r"\d{1,2} [a-z]+ 20\d\d kl\. \d\d\.\d\d", t) for t in lines["Tid (svensk tid)"])


def test_log_times_are_swedish_local_time():
    assert when(datetime(2026, 1, 15, 11, 5)) == "15 januari 2026 kl. 12.05"  # CET, UTC+1
    assert when(datetime(2026, 7, 1, 22, 30)) == "2 juli 2026 kl. 00.30"  # CEST, UTC+2


def test_the_excel_export_of_the_log_carries_the_structured_fields(store):
    d = whole_dialogue(store)
    log = store.change_log(d.id)
    wb = load_workbook(io.BytesIO(workbook_bytes({"Ändringslogg": structured(log, NAMES)}, [("Titel", "x")])))
    rows = list(wb["Ändringslogg"].values)
    header = rows[0]
    assert header == (
        "Tid (svensk tid)",
        "Vem",
        "Händelse",
        "Tid (UTC)",
        "Åtgärd",
        "Insats-id",
        "Insats",
        "Fält",
        "Före",
        "Efter",
    )
    wording = [r for r in rows[1:] if r[4] == "field" and r[7] == "wording"]
    assert {(r[5], r[8], r[9]) for r in wording} == {
        ("sodertalje-1.5", None, "Trygghet i centrum"),
        ("sodertalje-1.5", "Trygghet i centrum", "Trygghet och belysning i centrum"),
    }
    assert len(rows) - 1 == len(log)


def test_one_dialogue_per_core_and_period_unless_a_reason_is_given(store):
    first = store.create("haninge", "2026–2027", None, who="a")
    with pytest.raises(DuplicateDialogue, match="finns redan en dialog för perioden 2026–2027"):
        store.create("haninge", "2026–2027", None, who="a")
    second = store.create("haninge", "2026–2027", None, who="a", reason="Extra samtal om stationsområdet")
    assert len(store.list_dialogues("haninge")) == 2
    created = store.change_log(second.id)
    assert "Extra samtal om stationsområdet" in readable(created, NAMES)["Händelse"].iloc[0]
    store.create("flemingsberg", "2026–2027", None, who="a")  # another core: fine
    store.archive(first.id, who="a", reason="Skapad av misstag")
    store.archive(second.id, who="a", reason="Samtalet blev inte av")
    store.create("haninge", "2026–2027", None, who="a")  # archived ones do not count


def test_archive_restore_and_delete_a_draft_are_logged_and_a_decided_dialogue_stays(store):
    d = store.create("haninge", "2026–2027", None, who="a")
    store.archive(d.id, who="Anna", reason="Fel period")
    listed = store.list_dialogues("haninge")
    assert listed["archived_at"].notna().all()
    assert store.load(d.id).archived and store.load(d.id).reason == "Fel period"
    with pytest.raises(UserStoreError, match="arkiverad"):
        store.save(store.load(d.id), who="a")
    store.restore(d.id, who="Anna")
    assert not store.load(d.id).archived
    store.delete(d.id, who="Anna", reason="Dubblett")
    assert store.list_dialogues("haninge").empty
    lines = list(readable(store.change_log(d.id), NAMES)["Händelse"])
    assert lines[0] == "Tog bort utkastet för 2026–2027: «Dubblett»"
    assert "Arkiverade dialogen: «Fel period»" in lines and "Tog fram dialogen ur arkivet" in lines

    decided = whole_dialogue(store)
    for action in (store.delete, store.archive):
        with pytest.raises(DialogueDecided):
            action(decided.id, who="a", reason="x")
    assert store.load(decided.id).decided


def test_a_draft_is_kept_per_person_and_removed_by_the_save(store):
    d = store.create("haninge", "2026–2027", None, who="a")
    base = store.load(d.id)
    mine = store.load(d.id)
    mine.notes = "Halvfärdig tanke"
    store.put_draft("webbläsare:1", mine, base)
    assert store.get_draft("webbläsare:2", d.id) is None
    kept = store.get_draft("webbläsare:1", d.id)
    assert kept.draft.notes == "Halvfärdig tanke" and kept.base.version == base.version
    assert store.load(d.id).notes == ""  # a draft is not the record
    store.save(kept.draft, who="a", person="webbläsare:1")
    assert store.get_draft("webbläsare:1", d.id) is None
    assert store.load(d.id).notes == "Halvfärdig tanke"


def test_every_user_table_is_documented_and_readable_from_a_notebook(store):
    import duckdb

    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    with duckdb.connect(str(store.path), read_only=True) as notebook:
        tables = [
            t
            for (t,) in notebook.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_name <> 'schema_version'"
            ).fetchall()
        ]
        for table in tables:
            notebook.execute(f"SELECT * FROM {table} LIMIT 1").fetchall()  # names from the catalogue, not input
    missing = [t for t in tables if not re.search(rf"\b{t}\b", readme)]
    assert len(tables) == 14 and not missing, (tables, missing)
