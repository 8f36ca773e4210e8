"""Priorities beyond the färdplan and the record across periods: a proposal for a new insats and a RUFS
Bilaga 2 insats on a shortlist, shown and exported as what they are and untouched by a rebuild; the
meeting place; a timeline per insats across periods; the follow-up forms keep half-typed text."""

import hashlib
import io
from datetime import date

import duckdb
import pytest
from docx import Document
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from components.briefing.briefing_data import PROPOSAL, collect
from components.briefing.briefing_xlsx import shortlist_xlsx
from components.briefing.protocol_data import collect_protocol
from components.briefing.protocol_docx import protocol_docx
from components.common.store import reference_store
from components.dialog.calendar_ics import meeting_ics
from components.dialog.change_log_text import swedish_date
from components.dialog.insats_timeline import lines, timelines
from queries.dialogue_model import Priority
from queries.followup_store import FollowUpStore, Milestone
from queries.proposal_store import ProposalStore, is_proposal
from queries.user_store import UserStoreError
from tests.conftest import REPO

RUFS = "rufs2020-natverket-for-regionala-stadskarnor"


def as_browser(browser: str, page: str, **query) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.session_state["_browser_id"] = browser * 32
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"pages/{page}").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def run():
    return reference_store()[0].run


def shortlist_with_proposal(app_store):
    proposal = ProposalStore(app_store.path).propose(
        "sodertalje", "Gemensam stationsentré vid Södertälje C", "Kommunen och SL utreder en entré.", 3, who="Anna"
    )
    d = app_store.create("sodertalje", "2026–2027", date(2026, 3, 12), who="Anna")
    d.priorities = [
        Priority("gemensam-1.1", 1, status="prioriterad"),
        Priority(RUFS, 2, status="prioriterad"),
        Priority(proposal.id, 3, wording="Ta fram ett gemensamt förslag", status="prioriterad"),
    ]
    d.meeting_place = "Södertälje stadshus"
    return proposal, app_store.save(d, who="Anna")


def test_a_proposal_is_user_data_with_a_clear_label_and_refused_when_empty(app_store):
    store = ProposalStore(app_store.path)
    with pytest.raises(UserStoreError, match="saknar rubrik"):
        store.propose("sodertalje", "   ", "", None, who="Anna")
    with pytest.raises(UserStoreError, match="Okänt målområde"):
        store.propose("sodertalje", "Något", "", 9, who="Anna")
    p = store.propose("sodertalje", "  Ny   cykelbana ", "", 3, who="Anna")
    assert is_proposal(p.id) and p.title == "Ny cykelbana"
    frame = store.by_ids([p.id, "gemensam-1.1"])
    assert list(frame["id"]) == [p.id] and frame["plan_type"].iloc[0] == "forslag"
    assert "Förslag inmatat i Färdplansdialogen av Anna" in frame["source_title"].iloc[0]
    assert [x.id for x in store.for_core("sodertalje")] == [p.id] and store.for_core("flemingsberg") == []


def test_proposal_and_rufs_insats_are_exported_as_what_they_are(app_store):
    proposal, d = shortlist_with_proposal(app_store)
    briefing = collect(run(), d, {})
    kinds = {item.intervention_id: item for item in briefing.shortlist}
    assert kinds[proposal.id].proposal and kinds[proposal.id].title == proposal.title
    assert not kinds[RUFS].proposal and "RUFS" in kinds[RUFS].source
    sheet = load_workbook(io.BytesIO(shortlist_xlsx(briefing))).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    header = next(r for r in rows if "Anmärkning" in r)
    by_id = {r[header.index("Insats-id")]: r for r in rows[rows.index(header) + 1 :] if r[header.index("Insats-id")]}
    assert by_id[proposal.id][header.index("Anmärkning")] == PROPOSAL
    assert "av Anna" in by_id[proposal.id][header.index("Källa")]
    assert by_id[RUFS][header.index("Anmärkning")] is None and "RUFS" in by_id[RUFS][header.index("Källa")]

    decided = app_store.decide(d.id, d.version, who="Anna")
    protocol = collect_protocol(run(), decided, app_store.confirmations(d.id), {}, {}, decided.meeting_place)
    text = "\n".join(p.text for p in Document(io.BytesIO(protocol_docx(protocol))).paragraphs)
    cells = "\n".join(
        c.text for t in Document(io.BytesIO(protocol_docx(protocol))).tables for r in t.rows for c in r.cells
    )
    assert proposal.title in text and "Södertälje stadshus" in cells
    assert f"{PROPOSAL}. Förslag inmatat i Färdplansdialogen av Anna" in cells
    assert "RUFS" in cells


def test_a_rebuild_of_the_reference_data_changes_neither_proposals_nor_the_user_store(app_store, tmp_path):
    from data.build import build

    proposal, d = shortlist_with_proposal(app_store)
    before = hashlib.sha256(app_store.path.read_bytes()).hexdigest()
    target = tmp_path / "ombyggd.duckdb"
    build(target=target, force=True)
    assert hashlib.sha256(app_store.path.read_bytes()).hexdigest() == before
    with duckdb.connect(str(target), read_only=True) as ref:
        assert (
            ref.execute(
                "SELECT count(*) FROM interventions WHERE id LIKE 'forslag-%' OR title = ?", [proposal.title]
            ).fetchone()[0]
            == 0
        )
    assert [p.intervention_id for p in app_store.load(d.id).priorities] == ["gemensam-1.1", RUFS, proposal.id]


def test_dialoger_takes_a_new_proposal_onto_the_shortlist_labelled(app_store):
    d = app_store.create("sodertalje", "2026–2027", None, who="Anna")
    at = as_browser("a", "dialog.py", karna="sodertalje", dialog=d.id)
    at.segmented_control(key=f"add_from:{d.id}").set_value("forslag").run()
    at.text_input(key=f"proposal_title:{d.id}").input("Gemensam stationsentré").run()
    at.selectbox(key=f"proposal_goal:{d.id}").set_value(3).run()
    at.button(key=f"proposal_save:{d.id}").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    cards = [m.value for m in at.markdown if "Gemensam stationsentré" in m.value]
    assert cards and "förslag till ny insats" in cards[0]
    assert any("Förslag inmatat i Färdplansdialogen" in c.value for c in at.caption)
    at.button(key="save").click().run()
    saved = app_store.load(d.id)
    assert len(saved.priorities) == 1 and is_proposal(saved.priorities[0].intervention_id)


def test_the_meeting_place_is_logged_and_goes_into_the_invitation(app_store):
    d = app_store.create("sodertalje", "2026–2027", date(2026, 3, 12), who="Anna")
    d.meeting_place = "Södertälje stadshus"
    d = app_store.save(d, who="Anna")
    log = app_store.change_log(d.id)
    assert "meeting_place" in set(log["action"])
    ics = meeting_ics("Södertälje", d.period, d.meeting_date, d.id, d.meeting_place).decode("utf-8")
    assert "LOCATION:Södertälje stadshus" in ics
    at = as_browser("a", "dialog.py", karna="sodertalje", dialog=d.id)
    assert at.text_input(key=f"place:{d.id}:{d.version}").value == "Södertälje stadshus"
    logged = " ".join(m.value for m in at.markdown)
    assert "Ändrade mötesplatsen" in logged.replace("\\", "")


def test_a_timeline_per_insats_across_periods(app_store):
    fs = FollowUpStore(app_store.path)
    first = app_store.create("sodertalje", "2026–2027", date(2026, 3, 12), who="Anna")
    first.priorities = [Priority("gemensam-1.1", 1, wording="Stärk samverkan", status="prioriterad")]
    first = app_store.save(first, who="Anna")
    first = app_store.decide(first.id, first.version, who="Anna")
    pid = first.priorities[0].id
    fs.add_milestone(pid, Milestone("Målbild antagen", date(2026, 6, 30)), who="Anna")
    fs.add_milestone(pid, Milestone("Workshop", date(2026, 9, 1), done_on=date(2026, 8, 20)), who="Anna")
    fs.follow_up(pid, "prioriterad", "pågår", "Arbetsgruppen har startat.", who="Omar")
    second = app_store.create("sodertalje", "2028–2029", None, who="Anna", from_dialogue_id=first.id)
    found = timelines(app_store, fs, "sodertalje", ["gemensam-1.1", "gemensam-4.2"], today=date(2027, 1, 10))
    assert found["gemensam-4.2"] == []
    periods = found["gemensam-1.1"]
    assert [p.period for p in periods] == ["2026–2027", "2028–2029"]
    assert periods[0].status_now == "pågår" and periods[1].state == "utkast, inte beslutad"
    assert periods[1].status_decided == "pågår"  # the next period starts from the followed-up status
    text = "\n".join(lines(periods))
    assert f"2026–2027: nr 1 på listan, beslutad {swedish_date(first.decided_at)}" in text
    assert "bekräftat av Anna (regionen) och Anna (kommunen)" in text
    assert "status prioriterad → pågår" in text and "«Arbetsgruppen har startat.»" in text
    assert "delmål «Målbild antagen» (klart senast 30 juni 2026): passerat utan att vara klart" in text
    assert "delmål «Workshop» (klart senast 1 september 2026): klart 20 augusti 2026" in text
    at = as_browser("a", "dialog.py", karna="sodertalje", dialog=second.id)
    assert any(e.label.startswith("Tidslinje: på listan 2 perioder") for e in at.expander)


def test_the_follow_up_forms_keep_half_typed_text_per_person(app_store):
    d = app_store.create("sodertalje", "2026–2027", date(2026, 3, 12), who="Anna")
    d.priorities = [Priority("gemensam-1.1", 1, status="prioriterad")]
    d = app_store.decide(app_store.save(d, who="Anna").id, 2, who="Anna")
    pid = d.priorities[0].id
    note, what = f"uppf:fu_note:{pid}", f"uppf:ms_what:{pid}"
    anna = as_browser("a", "uppfoljning.py", karna="sodertalje", dialog=d.id)
    anna.text_area(key=note).input("Halvfärdig lägesrapport").run()
    anna.text_input(key=what).input("Halvfärdigt delmål").run()
    again = as_browser("a", "uppfoljning.py", karna="sodertalje", dialog=d.id)  # a reload
    assert again.text_area(key=note).value == "Halvfärdig lägesrapport"
    assert again.text_input(key=what).value == "Halvfärdigt delmål"
    assert as_browser("b", "uppfoljning.py", karna="sodertalje", dialog=d.id).text_area(key=note).value == ""
    again.button(key=f"fu_add:{pid}").click().run()
    assert FollowUpStore(app_store.path).plans([pid])[pid].followups[0].note == "Halvfärdig lägesrapport"
    assert again.text_area(key=note).value == ""
    assert app_store.text_drafts("webbläsare:" + "a" * 32, "uppf:") == {what: "Halvfärdigt delmål"}


def test_a_proposal_can_be_withdrawn_unless_a_decision_holds_it(app_store):
    store = ProposalStore(app_store.path)
    loose = store.propose("sodertalje", "Felskrivet förslag", "", None, who="Anna")
    proposal, d = shortlist_with_proposal(app_store)
    app_store.decide(d.id, d.version, who="Anna")
    fresh = app_store.create("sodertalje", "2028–2029", None, who="Anna")
    at = as_browser("a", "dialog.py", karna="sodertalje", dialog=fresh.id)
    at.segmented_control(key=f"add_from:{fresh.id}").set_value("forslag").run()
    at.selectbox(key="proposal_withdraw_pick").set_value(loose.id).run()
    at.button(key="proposal_withdraw").click().run()
    assert [p.id for p in store.for_core("sodertalje")] == [proposal.id]
    assert store.for_core("sodertalje", include_withdrawn=True)[0].withdrawn_at is not None
    with pytest.raises(UserStoreError, match="beslutad dialog"):
        store.withdraw(proposal.id, who="Anna")
