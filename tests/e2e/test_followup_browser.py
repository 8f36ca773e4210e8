"""From decision to follow-up in Chromium: a decided Södertälje 2026–2027 with three priorities; on Uppföljning one
of them gets two participating actors, two milestones and a resource line, a status change and a progress note;
2028–2029 starts from it and shows that history beside the priority in Dialoger and Mötesläge."""

from datetime import date
from decimal import Decimal

from queries.dialogue_model import Priority
from queries.followup_store import FollowUpStore
from tests.e2e.conftest import act_and_wait, own_user_store, wait_for_app

user_db, server, store = own_user_store("followup")
THREE = ["test-gemensam-1", "test-sodertalje-1.3", "test-gemensam-4"]


def submit(page, form, button: str) -> None:
    act_and_wait(page, lambda: form.get_by_role("button", name=button).click())


def test_follow_up_then_the_next_period_shows_the_history(server, page, store):
    d = store.create("sodertalje", "2026–2027", date(2026, 3, 12), who="e2e")
    d.priorities = [Priority(i, r, status="prioriterad") for r, i in enumerate(THREE, 1)]
    d = store.save(d, who="e2e")
    d = store.decide(d.id, d.version, who="e2e")
    target = d.priorities[1]
    page.goto(f"{server}/uppfoljning?karna=sodertalje&dialog={d.id}")
    wait_for_app(page)
    act_and_wait(page, lambda: page.get_by_text("2. 1.3 Testdata: insats 1.3").click())
    panel = page.locator('[data-testid="stExpander"]').nth(1)

    actors = panel.locator('[data-testid="stForm"]').filter(has_text="Spara aktörer och start")
    actors.get_by_label("Andra organisationer (skilj med semikolon)").fill("Föreningen Södertälje City; Telge Bostäder")
    submit(page, actors, "Spara aktörer och start")

    panel.get_by_role("tab", name="Delmål").click()
    for what in ("Gemensam målbild antagen", "Workshop med fastighetsägare"):
        form = panel.locator(f".st-key-newms_{target.id}")
        form.get_by_label("Vad ska vara gjort").fill(what)
        form.get_by_label("Ansvarig").fill("Södertälje kommun")
        submit(page, form, "Lägg till delmål")

    panel = page.locator('[data-testid="stExpander"]').nth(1)
    panel.get_by_role("tab", name="Resurser").click()
    form = panel.locator(f".st-key-newres_{target.id}")
    form.get_by_label("Belopp (kr)").fill("1 200 000")
    form.get_by_label("Finansiär").fill("Region Stockholm")
    submit(page, form, "Lägg till resurs")

    panel = page.locator('[data-testid="stExpander"]').nth(1)
    panel.get_by_role("tab", name="Uppföljning").click()
    form = panel.locator(f".st-key-newfu_{target.id}")
    form.get_by_label("Anteckning om läget").fill("Arbetsgruppen har träffats två gånger.")
    act_and_wait(page, lambda: form.get_by_label("Anteckning om läget").blur())
    page.reload()  # half-typed text is kept as the person's draft
    wait_for_app(page)
    act_and_wait(page, lambda: page.get_by_text("2. 1.3 Testdata: insats 1.3").click())
    panel = page.locator('[data-testid="stExpander"]').nth(1)
    panel.get_by_role("tab", name="Uppföljning").click()
    form = panel.locator(f".st-key-newfu_{target.id}")
    assert form.get_by_label("Anteckning om läget").input_value() == "Arbetsgruppen har träffats två gånger."
    form.get_by_label("Ny status").click()
    page.get_by_role("option", name="pågår").click()
    submit(page, form, "Anteckna")
    assert page.locator('[data-testid="stException"]').count() == 0

    plan = FollowUpStore(store.path).plans([target.id])[target.id]
    assert plan.organisations == ["Föreningen Södertälje City", "Telge Bostäder"]
    assert [m.what for m in plan.milestones] == ["Gemensam målbild antagen", "Workshop med fastighetsägare"]
    assert [(r.amount_sek, r.funder) for r in plan.resources] == [(Decimal("1200000.00"), "Region Stockholm")]
    assert [(f.status_after, f.note) for f in plan.followups] == [("pågår", "Arbetsgruppen har träffats två gånger.")]

    nxt = store.create("sodertalje", "2028–2029", None, who="e2e", from_dialogue_id=d.id)
    carried = next(p for p in nxt.priorities if p.intervention_id == "test-sodertalje-1.3")
    page.goto(f"{server}/dialoger?karna=sodertalje&dialog={nxt.id}")
    wait_for_app(page)
    card = page.locator(f".st-key-prio_{carried.id}").inner_text()
    assert "Status under perioden: prioriterad → pågår" in card and "Delmål: 0 av 2 klara" in card
    page.goto(f"{server}/mote?karna=sodertalje&dialog={nxt.id}")
    wait_for_app(page)
    act_and_wait(page, lambda: page.locator(f".st-key-open-{carried.id}").get_by_role("button").click())
    body = page.inner_text("body")
    assert "Status under perioden: prioriterad → pågår" in body and "Delmål: 0 av 2 klara" in body
