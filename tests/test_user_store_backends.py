"""Everything people write, on both backends (a DuckDB file and PostgreSQL), through the same functions:
follow-up, proposals, drafts and half-typed texts, confirmations and the change log in their order, and the
Swedish messages; the backend is chosen by FARDPLANER_USER_DB."""

from datetime import date
from decimal import Decimal

import pytest

from queries.dialogue_model import Participant, Priority
from queries.followup_store import FollowUpStore, Milestone, Resource
from queries.permissions import PermissionDenied, Person
from queries.proposal_store import ProposalStore
from queries.user_schema import MIGRATIONS
from queries.user_store import StaleVersion, UserStore, UserStoreError


def decided(store):
    d = store.create("sodertalje", "2026–2027", date(2026, 3, 12), who="Anna")
    d.priorities = [Priority("gemensam-1.1", 1, status="prioriterad"), Priority("sodertalje-1.3", 2)]
    d.participants = [Participant("Anna", "Region Stockholm", "region"), Participant("Omar", "Södertälje", "kommun")]
    d.meeting_place = "Södertälje stadshus"
    d = store.save(d, who="Anna")
    return store.decide(d.id, d.version, who="Anna")


def test_the_backend_follows_the_target(store, user_target, monkeypatch):
    assert store.dialect == ("postgres" if user_target.startswith("postgresql://") else "duckdb")
    monkeypatch.setenv("FARDPLANER_USER_DB", user_target)
    assert UserStore().dialect == store.dialect
    assert store.schema_version() == len(MIGRATIONS) == 6 and store.migrate() == 6  # twice is a no-op


def test_a_decided_dialogue_with_follow_up_round_trips(store):
    d = decided(store)
    again = store.load(d.id)
    assert again.meeting_place == "Södertälje stadshus" and [p.name for p in again.participants] == ["Anna", "Omar"]
    assert [c.side for c in store.confirmations(d.id)] == ["region", "kommun"]
    actions = list(store.change_log(d.id)["action"])
    assert actions[0] == "decided" and actions[-1] == "created"  # newest first, in the order written
    fs = FollowUpStore(store.target)
    pid = d.priorities[0].id
    fs.set_actors(pid, ["region-stockholm", "sodertalje-kommun"], ["Telge Bostäder"], who="Anna")
    fs.set_start_mode(pid, "utlysning", who="Anna")
    fs.set_start_mode(pid, "etablerat samverkansforum", who="Anna")  # replaces, not a second row
    fs.add_milestone(pid, Milestone("Målbild", date(2026, 6, 30), "Kommunen"), who="Anna")
    fs.add_resource(pid, Resource(Decimal("1200000.50"), "Region Stockholm", 2027, "föreslagen"), who="Anna")
    fs.follow_up(pid, "prioriterad", "pågår", "Startat.", who="Omar")
    fs.follow_up(pid, "pågår", None, "Möte hållet.", who="Omar")
    plan = fs.plans([pid])[pid]
    assert plan.actor_ids == ["region-stockholm", "sodertalje-kommun"] and plan.organisations == ["Telge Bostäder"]
    assert plan.start_mode == "etablerat samverkansforum"
    assert plan.resources[0].amount_sek == Decimal("1200000.50")
    assert [f.note for f in plan.followups] == ["Startat.", "Möte hållet."] and plan.status("prioriterad") == "pågår"
    nxt = store.create("sodertalje", "2028–2029", None, who="Anna", from_dialogue_id=d.id)
    assert nxt.priorities[0].status == "pågår"


def test_stale_saves_drafts_and_texts(store):
    d = store.create("haninge", "2026–2027", None, who="a")
    first, second = store.load(d.id), store.load(d.id)
    first.notes = "A"
    store.save(first, who="a")
    second.notes = "B"
    with pytest.raises(StaleVersion, match="sparats av någon annan"):
        store.save(second, who="b")
    store.put_draft("p1", second, store.load(d.id), who="b")
    store.put_draft("p1", second, store.load(d.id), who="b")  # replaced, not doubled
    assert store.get_draft("p1", d.id).draft.notes == "B"
    store.put_text_draft("p1", "uppf:fu_note:x", "halv", who="b")
    store.put_text_draft("p1", "uppf:fu_note:x", "halvfärdig", who="b")
    assert store.text_drafts("p1", "uppf:") == {"uppf:fu_note:x": "halvfärdig"}
    store.drop_text_drafts("p1", ["uppf:fu_note:x"])
    assert store.text_drafts("p1", "uppf:") == {}


def test_proposals_and_permissions(store):
    proposals = ProposalStore(store.target)
    p = proposals.propose("sodertalje", "Ny entré", "", 3, who="Anna")
    assert list(proposals.by_ids([p.id])["title"]) == ["Ny entré"]
    proposals.withdraw(p.id, who="Anna")
    assert proposals.for_core("sodertalje") == [] and len(proposals.for_core("sodertalje", True)) == 1
    reader = Person("Läsare", "sub-1", "", frozenset({"läsare"}))
    with pytest.raises(PermissionDenied):
        proposals.propose("sodertalje", "Inte tillåtet", "", None, who=reader)
    with pytest.raises(UserStoreError, match="saknar rubrik"):
        proposals.propose("sodertalje", "", "", None, who="Anna")
    assert store.list_dialogues().empty


def test_the_app_writes_through_the_chosen_backend(store, user_target, ref_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO

    monkeypatch.setenv("FARDPLANER_USER_DB", user_target)
    monkeypatch.delenv("FARDPLANER_READONLY", raising=False)
    d = store.create("sodertalje", "2026–2027", None, who="a")
    d.priorities = [Priority("gemensam-1.1", 1)]
    d = store.save(d, who="a")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.session_state["_browser_id"] = "c" * 32
    at.query_params["karna"], at.query_params["dialog"] = "sodertalje", d.id
    at.run()
    at.switch_page("pages/dialog.py").run()
    at.text_area(key=f"w:{d.priorities[0].id}:{d.version}").input("Skrivet i appen").run()
    assert store.get_draft("webbläsare:" + "c" * 32, d.id).draft.priorities[0].wording == "Skrivet i appen"
    at.button(key="save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert store.load(d.id).priorities[0].wording == "Skrivet i appen"
