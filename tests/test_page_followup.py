"""From decision to follow-up under AppTest: decide 2026–2027 for Södertälje with three priorities, make one
concrete on Uppföljning (two participating actors, two milestones, a resource), record a status change and a
progress note, start 2028–2029 and see that history beside the priority in Dialoger and Mötesläge. The user
app_store holds exactly that."""

from datetime import date
from decimal import Decimal

import pytest

from components.uppfoljning.followup_data import carried_history, history_lines, indicator_rows, milestone_summary
from queries.dialogue_model import Priority
from queries.followup_store import FollowUpStore, Milestone, Resource, parse_amount
from queries.permissions import Person
from queries.user_store import UserStoreError
from tests.conftest import open_page

pytestmark = pytest.mark.usefixtures("on_fixture_store")  # tests/fixture_store.py

THREE = ["test-gemensam-1", "test-sodertalje-1.3", "test-gemensam-4"]


def decided(app_store):
    d = app_store.create("sodertalje", "2026–2027", date(2026, 3, 12), who="Anna")
    d.priorities = [Priority(i, r, status="prioriterad") for r, i in enumerate(THREE, 1)]
    d = app_store.save(d, who="Anna")
    return app_store.decide(d.id, d.version, who="Anna")


def ok(at):
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_from_decision_through_follow_up_to_the_next_talk(app_store):
    d = decided(app_store)
    target = d.priorities[1]  # 1.3
    at = open_page("uppfoljning.py", karna="sodertalje", dialog=d.id)
    ok(at)
    form = f"actors:{target.id}"
    actors_box = next(m for m in at.multiselect if m.label == "Medverkande aktörer" and form in str(m.form_id))
    actors_box.set_value(["sodertalje-kommun", "region-stockholm"])
    next(t for t in at.text_input if t.label.startswith("Andra organisationer") and form in str(t.form_id)).input(
        "Föreningen Södertälje City"
    )
    next(s for s in at.selectbox if s.label == "Så startar insatsen" and form in str(s.form_id)).set_value(
        "etablerat samverkansforum"
    )
    next(b for b in at.button if b.label == "Spara aktörer och start" and form in str(b.form_id)).click().run()
    ok(at)
    fs = FollowUpStore(app_store.path)
    for what, due in (
        ("Gemensam målbild antagen", date(2026, 6, 30)),
        ("Workshop med fastighetsägare", date(2027, 3, 1)),
    ):
        fs.add_milestone(target.id, Milestone(what, due, "Södertälje kommun"), who="Anna")
    fs.add_resource(target.id, Resource(parse_amount("1 200 000"), "Region Stockholm", 2027, "föreslagen"), who="Anna")
    at = open_page("uppfoljning.py", karna="sodertalje", dialog=d.id)
    next(s for s in at.selectbox if s.label == "Ny status" and target.id in str(s.key)).set_value("pågår")
    next(t for t in at.text_area if t.label == "Anteckning om läget" and target.id in str(t.key)).input(
        "Arbetsgruppen har träffats två gånger."
    )
    next(b for b in at.button if b.label == "Anteckna" and target.id in str(b.key)).click().run()
    ok(at)
    assert next(t for t in at.text_area if t.label == "Anteckning om läget" and target.id in str(t.key)).value == ""
    assert any("Uppföljningen är antecknad" in s.value for s in at.success)

    plan = fs.plans([target.id])[target.id]
    assert plan.actor_ids == ["sodertalje-kommun", "region-stockholm"]
    assert plan.organisations == ["Föreningen Södertälje City"] and plan.start_mode == "etablerat samverkansforum"
    assert [m.what for m in plan.milestones] == ["Gemensam målbild antagen", "Workshop med fastighetsägare"]
    assert [(r.amount_sek, r.funder, r.budget_year, r.state) for r in plan.resources] == [
        (Decimal("1200000.00"), "Region Stockholm", 2027, "föreslagen")
    ]
    assert [(f.status_before, f.status_after, f.note, f.who) for f in plan.followups] == [
        ("prioriterad", "pågår", "Arbetsgruppen har träffats två gånger.", "lokal användare")
    ]
    assert app_store.load(d.id).priorities[1].status == "prioriterad"  # the decided list is not reopened
    assert plan.status("prioriterad") == "pågår"

    nxt = app_store.create("sodertalje", "2028–2029", None, who="Anna", from_dialogue_id=d.id)
    carried = next(p for p in nxt.priorities if p.intervention_id == "test-sodertalje-1.3")
    assert carried.status == "pågår"  # the next talk starts from the follow-up
    page = open_page("dialog.py", karna="sodertalje", dialog=nxt.id)
    captions = "\n".join(c.value for c in page.caption).replace("\\", "")
    assert "Förra perioden (2026–2027)" in captions and "Status under perioden: prioriterad → pågår" in captions
    assert "Delmål: 0 av 2 klara" in captions
    meeting = open_page("mote.py", karna="sodertalje", dialog=nxt.id)
    next(b for b in meeting.button if b.key == f"open:{carried.id}").click().run()
    text = "\n".join(m.value for m in meeting.markdown).replace("\\", "")
    assert "Status under perioden: prioriterad → pågår" in text and "Delmål: 0 av 2 klara" in text


def test_follow_up_writes_need_the_role_and_say_what_is_wrong(app_store):
    d = decided(app_store)
    pid = d.priorities[0].id
    fs = FollowUpStore(app_store.path)
    reader = Person("Lisa", "x", "", frozenset({"läsare"}))
    for attempt in (
        lambda: fs.follow_up(pid, "prioriterad", "pågår", "", who=reader),
        lambda: fs.add_milestone(pid, Milestone("x"), who=reader),
        lambda: fs.add_resource(pid, Resource(Decimal(1), "Region", 2027, "beslutad"), who=reader),
        lambda: fs.set_actors(pid, ["region-stockholm"], [], who=reader),
        lambda: fs.set_start_mode(pid, "utlysning", who=reader),
    ):
        with pytest.raises(UserStoreError, match="Lisa får inte förbereda dialoger"):
            attempt()
    with pytest.raises(UserStoreError, match="Ingenting att anteckna"):
        fs.follow_up(pid, "prioriterad", "prioriterad", " ", who="Anna")
    with pytest.raises(UserStoreError, match="inte ett tal i kronor"):
        parse_amount("en miljon")
    with pytest.raises(UserStoreError, match="saknar text"):
        fs.add_milestone(pid, Milestone("  "), who="Anna")
    plan = fs.plans([pid])[pid]
    assert not (plan.followups or plan.milestones or plan.resources or plan.actor_ids)


def test_history_lines_and_summaries():
    from datetime import datetime

    from queries.followup_store import FollowUp, Plan

    plan = Plan(
        "p",
        milestones=[Milestone("a", date(2026, 1, 1), done_on=date(2026, 1, 2)), Milestone("b", date(2026, 2, 1))],
        followups=[FollowUp("prioriterad", "pågår", "Bra start", "Anna", datetime(2026, 5, 4, 8, 0))],
    )
    assert history_lines(plan) == ["4 maj 2026 kl. 10.00, Anna: status prioriterad → pågår. «Bra start»"]
    assert milestone_summary(plan, today=date(2026, 3, 1)) == "Delmål: 1 av 2 klara (1 passerat utan att vara klart)"
    assert carried_history(plan, "prioriterad")[0] == "Status under perioden: prioriterad → pågår (4 maj 2026)"


def test_the_lagesbild_beside_a_priority_shows_the_value_at_the_decision_and_the_latest(ref_db):
    from queries.runner import ReferenceStore

    run = ReferenceStore(ref_db).run
    values, indicators = run("lagesbild_values", core="sodertalje"), run("lagesbild_indicators")
    goal_area = int(indicators["goal_area_id"].dropna().iloc[0])
    table = indicator_rows(values, indicators, goal_area, 1900)
    assert not table.empty
    assert set(table["Vid beslutet"]) == {"uppgift saknas"}  # no outcome that old: missing, never zero
    latest = indicator_rows(values, indicators, goal_area, 2100)
    assert (latest["Vid beslutet"] == latest["Senaste"]).all()


def test_a_decided_dialogue_offers_the_protocol_and_the_calendar_invitation(app_store):
    import io

    from docx import Document

    d = decided(app_store)
    at = open_page("dialog.py", karna="sodertalje", dialog=d.id)
    buttons = {b.label: b for b in at.get("download_button")}
    assert {"Beslutsprotokoll (Word)", "Beslutsprotokoll (PDF)", "Mötet i kalendern (.ics)"} <= set(buttons)
    from components.briefing.protocol_data import collect_protocol
    from components.briefing.protocol_docx import protocol_docx
    from queries.runner import ReferenceStore

    protocol = collect_protocol(
        ReferenceStore().run,
        app_store.load(d.id),
        app_store.confirmations(d.id),
        FollowUpStore(app_store.path).plans([p.id for p in d.priorities]),
        {},
    )
    doc = Document(io.BytesIO(protocol_docx(protocol)))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "Beslutsprotokoll: Södertälje stadskärna" in text and "1.3 Testdata: insats 1.3 för Södertälje" in text
    draft = app_store.create("haninge", "2026–2027", None, who="Anna")
    at = open_page("dialog.py", karna="haninge", dialog=draft.id)
    assert not [b for b in at.get("download_button") if b.label.startswith("Beslutsprotokoll")]


def test_the_public_page_shows_decided_dialogues_only(app_store):
    d = decided(app_store)
    draft = app_store.create("haninge", "2026–2027", None, who="Anna")
    draft.priorities = [Priority("test-gemensam-4", 1, wording="Utkastets hemliga formulering")]
    app_store.save(draft, who="Anna")
    at = open_page("beslutade.py")
    ok(at)
    assert [s.value for s in at.subheader] == ["Södertälje stadskärna · 2026–2027"]
    assert d.decided
    shown = at.dataframe[0].value
    assert list(shown["Insats"].str[:4]) == ["1.1 ", "1.3 ", "4.1 "]
    assert "Utkastets hemliga formulering" not in str([df.value.to_dict() for df in at.dataframe])
    empty = open_page("beslutade.py", karna="haninge")
    assert any("Inga beslutade prioriteringar" in i.value for i in empty.info)


def test_budget_material_per_organisation_lists_what_it_drives_and_joins(app_store):
    import io

    from docx import Document
    from openpyxl import load_workbook

    from components.dialog.dialogue_session import shortlist_frame
    from components.oversikt import budget_data

    d = app_store.create("sodertalje", "2026–2027", None, who="Anna")
    d.priorities = [
        Priority("test-gemensam-1", 1, owner_actor_id="sodertalje-kommun", wording="Vår text"),
        Priority("test-sodertalje-1.3", 2),
        Priority("test-gemensam-4", 3),
    ]
    d = app_store.save(d, who="Anna")
    d = app_store.decide(d.id, d.version, who="Anna")
    fs = FollowUpStore(app_store.path)
    fs.set_actors(d.priorities[1].id, ["sodertalje-kommun"], [], who="Anna")
    fs.add_resource(d.priorities[1].id, Resource(Decimal("250000"), "Södertälje kommun", 2027, "beslutad"), who="Anna")
    fs.add_milestone(d.priorities[0].id, Milestone("Plan antagen", date(2027, 5, 1)), who="Anna")
    plans = fs.plans([p.id for p in d.priorities])
    items = budget_data.items_for("sodertalje-kommun", [("Södertälje stadskärna", d, shortlist_frame(d))], plans)
    assert [(i.insats[:3], i.role) for i in items] == [("1.1", "driver"), ("1.3", "medverkande")]
    sheets = load_workbook(io.BytesIO(budget_data.budget_xlsx("Södertälje kommun", items)))
    assert [r[2][:3] for r in list(sheets["Prioriteringar"].values)[1:]] == ["1.1", "1.3"]
    assert list(sheets["Resurser"].values)[1][2:6] == (250000, "Södertälje kommun", 2027, "beslutad")
    text = "\n".join(
        p.text for p in Document(io.BytesIO(budget_data.budget_docx("Södertälje kommun", items))).paragraphs
    )
    assert "Underlag för budgetarbetet: Södertälje kommun" in text and "Delmål: Plan antagen (senast 1 maj 2027" in text
    assert "Resurs: 250\u00a0000 kr från Södertälje kommun, budgetår 2027 (beslutad)" in text
    assert budget_data.items_for("trafikverket", [("Södertälje stadskärna", d, shortlist_frame(d))], plans) == []
