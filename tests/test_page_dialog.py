"""A whole dialogue through the pages under AppTest: create, shortlist five, reorder, edit, decide, next."""

import pytest
from streamlit.testing.v1 import AppTest

from queries.user_store import UserStore
from tests.conftest import open_page

pytestmark = pytest.mark.usefixtures("on_fixture_store")  # tests/fixture_store.py

FIVE = ["test-gemensam-1", "test-sodertalje-1.3", "test-gemensam-2", "test-sodertalje-3.3", "test-sodertalje-4.3"]


@pytest.fixture()
def user_db(ref_db, tmp_path, monkeypatch):
    path = tmp_path / "dialoger.duckdb"
    monkeypatch.setenv("FARDPLANER_USER_DB", str(path))
    monkeypatch.delenv("FARDPLANER_READONLY", raising=False)
    return path


def page(name: str, **query) -> AppTest:
    return open_page(f"{name}", **query)


def ok(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def button(at: AppTest, prefix: str):
    return next(b for b in at.button if b.key and b.key.startswith(prefix))


def test_a_whole_dialogue(user_db):
    at = page("dialog.py", karna="sodertalje")
    at.text_input(key="editor_name").input("Anna Berg").run()
    at.button[0].click().run()  # "Skapa dialog" (form submit, period defaults to the coming two years)
    ok(at)
    assert at.subheader[0].value.startswith("Södertälje stadskärna · ")
    next(m for m in at.multiselect if m.key.startswith("add:")).set_value(FIVE).run()
    button(at, "add_button").click().run()
    ok(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "1 Levande stadskärnor": "2",
        "2 Samhällsservice": "1",
        "3 Näringsliv och innovation": "1",
        "4 Hållbart resande": "1",
    }
    at.button(key="save").click().run()
    ok(at)
    assert any("Sparat (version 2)" in s.value for s in at.success)

    store = UserStore(user_db)
    [dialogue_id] = store.list_dialogues("sodertalje")["id"]
    meeting = page("mote.py", karna="sodertalje", dialog=dialogue_id)
    assert meeting.title[0].value.startswith("Södertälje stadskärna · ")
    d = store.load(dialogue_id)
    second = d.priorities[1]
    button(meeting, f"open:{second.id}").click().run()  # from the overview to 1.3, one at a time
    ok(meeting)
    button(meeting, f"up:{second.id}").click().run()  # reorder: 1.3 to the top
    ok(meeting)
    meeting.text_area(key=f"w:{second.id}:2").input("Gemensam målbild för Södertälje C och Syd").run()
    meeting.selectbox(key=f"o:{second.id}:2").set_value("sodertalje-kommun").run()
    meeting.text_input(key=f"n:{second.id}:2").input("Workshop i maj").run()
    meeting.selectbox(key=f"s:{second.id}:2").set_value("prioriterad").run()
    third = d.priorities[2]
    button(meeting, "next_priority").click().run()  # rank 2 is 1.1 now, rank 3 is 2.1
    button(meeting, "next_priority").click().run()
    meeting.selectbox(key=f"o:{third.id}:2").set_value("region-stockholm").run()
    meeting.button(key="meeting_save").click().run()
    ok(meeting)

    saved = store.load(dialogue_id)
    assert [p.intervention_id for p in saved.priorities] == [
        "test-sodertalje-1.3",
        "test-gemensam-1",
        "test-gemensam-2",
        "test-sodertalje-3.3",
        "test-sodertalje-4.3",
    ]
    top = saved.priorities[0]
    assert (top.wording, top.owner_actor_id, top.next_step, top.status) == (
        "Gemensam målbild för Södertälje C och Syd",
        "sodertalje-kommun",
        "Workshop i maj",
        "prioriterad",
    )
    assert saved.priorities[2].owner_actor_id == "region-stockholm"

    at = page("dialog.py", karna="sodertalje", dialog=dialogue_id)
    at.checkbox(key=f"sure:{dialogue_id}").check().run()
    at.button(key=f"decide:{dialogue_id}").click().run()
    ok(at)
    decided = store.load(dialogue_id)
    assert decided.status == "beslutad"
    assert not [b for b in at.button if b.key == "save"]  # a decided dialogue has no save button
    at.text_input(key=f"next_period:{dialogue_id}").input("2028–2029").run()
    button(at, f"next:{dialogue_id}").click().run()
    ok(at)
    dialogues = store.list_dialogues("sodertalje")
    assert sorted(dialogues["period"]) == sorted([decided.period, "2028–2029"])
    new = store.load(dialogues[dialogues["period"] == "2028–2029"]["id"].iloc[0])
    assert [p.intervention_id for p in new.priorities] == [p.intervention_id for p in decided.priorities]
    assert new.priorities[0].status == "prioriterad" and new.status == "utkast"
    log = store.change_log(dialogue_id)
    assert {"lokal användare (Anna Berg)"} <= set(log["who"])  # local mode: the typed name, labelled
    assert "decided" in set(log["action"])


def test_read_only_mode_hides_every_write_control(user_db, monkeypatch):
    store = UserStore(user_db, read_only=False)
    d = store.create("haninge", "2026–2027", None, who="a")
    monkeypatch.setenv("FARDPLANER_READONLY", "1")
    at = page("dialog.py", karna="haninge", dialog=d.id)
    assert not at.button and not at.text_area
    assert not [t for t in at.text_input if t.key == "editor_name"]
    meeting = page("mote.py", karna="haninge", dialog=d.id)
    assert not meeting.button


def test_user_text_is_shown_as_text(user_db):
    store = UserStore(user_db, read_only=False)
    d = store.create("haninge", "2026–2027", None, who="a")
    d.priorities = store.load(d.id).priorities
    from queries.user_store import Priority

    d.priorities = [Priority("test-gemensam-1", 1, wording="<script>alert(1)</script> **fet**")]
    d = store.save(d, who="a")
    store.decide(d.id, d.version, who="a")
    meeting = page("mote.py", karna="haninge", dialog=d.id)
    button(meeting, f"open:{d.priorities[0].id}").click().run()
    assert not [h for h in meeting.get("html") if "alert" in str(h.proto)]
    shown = [m.value for m in meeting.markdown if "Formulering" in m.value]
    assert shown == ["**Formulering:** \\<script\\>alert\\(1\\)\\</script\\> \\*\\*fet\\*\\*"]


def test_briefing_downloads_are_offered_and_build(user_db):
    import io

    from docx import Document

    store = UserStore(user_db, read_only=False)
    d = store.create("sodertalje", "2026–2027", None, who="a")
    from queries.user_store import Priority

    d.priorities = [
        Priority("test-sodertalje-1.3", 1, wording="Stationsmiljöerna först", owner_actor_id="sodertalje-kommun")
    ]
    store.save(d, who="a")
    at = page("dialog.py", karna="sodertalje", dialog=d.id)
    labels = [b.label for b in at.get("download_button")]
    assert {"Underlag (Word)", "Underlag (PDF)", "Prioriteringar (Excel)"} <= set(labels)
    from components.briefing.briefing_data import collect
    from components.briefing.briefing_docx import docx_bytes
    from queries.runner import ReferenceStore

    doc = Document(io.BytesIO(docx_bytes(collect(ReferenceStore().run, store.load(d.id)))))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "Stationsmiljöerna först" in text and "Södertälje kommun" in text


@pytest.mark.parametrize("content", [b"", b"not a database" * 100], ids=["empty", "garbage"])
def test_an_unreadable_user_store_stops_the_dialogue_pages_with_a_message_and_is_left_alone(user_db, content):
    user_db.write_bytes(content)
    for name in ("dialog.py", "mote.py"):
        at = page(name)
        assert len(at.error) == 1 and "Dialogdatabasen (dialoger.duckdb) går inte att öppna" in at.error[0].value
        assert not at.button  # no way to start writing into it
    assert user_db.read_bytes() == content  # never overwritten, never "repaired" away


def test_dialogue_labels_do_not_change_when_a_dialogue_is_saved(user_db):
    """Streamlit keeps a select box's choice by its label: a label that changes on save loses the choice."""
    from components.dialog.dialogue_view import choice_labels

    store = UserStore(user_db, read_only=False)
    a = store.create("haninge", "2026–2027", None, who="a")
    before = choice_labels(store.list_dialogues("haninge"))
    a.notes, a.meeting_date = "Anteckning", __import__("datetime").date(2026, 12, 1)
    store.save(a, who="a")
    assert choice_labels(store.list_dialogues("haninge")) == before == {a.id: "2026–2027"}
    b = store.create("haninge", "2026–2027", None, who="b", reason="andra samtalet")  # the same period twice
    labels = choice_labels(store.list_dialogues("haninge"))
    assert labels[a.id].startswith("2026–2027, dialog 1 (skapad 20")
    assert labels[b.id].startswith("2026–2027, dialog 2 (skapad 20")
