"""Keyboard only, on Dialoger and Mötesläge: create a dialogue, fill the shortlist, move and edit it on its cards,
add a participant, save, download the briefing, decide; in meeting mode open a priority, move it, edit it, save.

After the page has loaded every step is a key press. The module's server has its own empty user store
(FARDPLANER_USER_DB in a temporary directory), read back here to check what was saved.
"""

from datetime import date

from queries.user_store import Priority
from tests.e2e.conftest import own_user_store, settle, wait_for_app
from tests.e2e.conftest import press_and_wait as press
from tests.e2e.keyboard import (
    assert_focus_visible,
    button,
    describe_focus,
    download_by_keyboard,
    focus_matches,
    in_key,
    labelled,
    tab_to,
)

user_db, server, store = own_user_store("keyboard")


def choose(page, text: str) -> None:
    """In a focused select box or multiselect: type to filter the list, Enter takes the first match."""
    page.keyboard.type(text, delay=20)
    press(page, "Enter")


def to_tab(page, name: str) -> None:
    """From anywhere below the tab list: Shift+Tab back to the selected tab, then arrows to `name`."""
    tab_to(
        page,
        "e => e.getAttribute('role') === 'tab' && e.getAttribute('aria-selected') === 'true'",
        back=True,
        limit=120,
    )
    for _ in range(4):
        if focus_matches(page, f"e => e.innerText.trim() === {name!r}"):
            break
        page.keyboard.press("ArrowRight")  # a tab is shown as soon as it gets focus
    assert focus_matches(page, f"e => e.innerText.trim() === {name!r}"), describe_focus(page)
    wait_for_app(page)


def test_dialogue_from_creation_to_decision(server, page, store):
    page.goto(f"{server}/dialoger")
    wait_for_app(page)
    tab_to(page, labelled("Ditt namn (visas i ändringsloggen)"))
    assert_focus_visible(page)
    page.keyboard.type("Kim Tangent")
    press(page, "Tab")
    tab_to(page, labelled("Kärna"))
    choose(page, "Söder")

    tab_to(page, button("Skapa dialog"))
    assert_focus_visible(page)
    press(page, "Enter")
    [dialogue_id] = store.list_dialogues("sodertalje")["id"]
    # the run that creates it asks for a second run, which selects it and sets the URL: wait for that run
    page.wait_for_url(lambda url: f"dialog={dialogue_id}" in url, timeout=15000)
    wait_for_app(page)

    tab_to(page, labelled("Lägg till insatser ur kärnans färdplan"))
    choose(page, "gemensam insats i målområde 1")
    choose(page, "gemensam insats i målområde 4")
    page.keyboard.press("Escape")
    tab_to(page, button("Lägg till"))
    press(page, "Enter")

    # a card per priority: 1.1 first; «Ned» on its card (its «Upp» is off) puts 4.1 first
    in_card = "!!e.closest('[class*=\"st-key-prio_\"]')"
    tab_to(page, f"e => e.tagName === 'BUTTON' && e.innerText.trim().endsWith('Ned') && {in_card}")
    assert_focus_visible(page)
    press(page, "Enter")
    card_42 = "(e.closest('[class*=\"st-key-prio_\"]')?.innerText || '').includes('4.1 Testdata')"
    tab_to(page, f"e => e.tagName === 'TEXTAREA' && {card_42}", back=True, limit=60)  # 4.1's wording, now first
    assert_focus_visible(page)
    page.keyboard.type("Vi gör det tillsammans")
    press(page, "Tab")  # keeps the text, on to Driver
    assert focus_matches(page, "e => e.tagName === 'INPUT' && !!e.closest('[data-testid=\"stSelectbox\"]')"), (
        describe_focus(page)
    )
    choose(page, "Testbol")
    tab_to(page, in_key("save", "button"), back=True)  # the save bar at the top
    assert_focus_visible(page)
    press(page, "Enter")
    saved = store.load(dialogue_id)
    assert [(p.intervention_id, p.rank) for p in saved.priorities] == [("test-gemensam-4", 1), ("test-gemensam-1", 2)]
    assert saved.priorities[0].wording == "Vi gör det tillsammans"
    assert saved.priorities[0].owner_actor_id == "testbolaget-ab"

    to_tab(page, "Deltagare och möte")
    page.keyboard.press("Tab")  # the meeting date: year, month and day fields
    assert focus_matches(page, "e => e.getAttribute('role') === 'spinbutton'"), describe_focus(page)
    assert_focus_visible(page)
    page.keyboard.type("20261201")
    press(page, "Tab")  # leaving the field keeps the date (a rerun)
    tab_to(page, button("Lägg till deltagare"))
    press(page, "Enter")  # a new, empty row above the button
    tab_to(page, labelled("Namn"), back=True, limit=10)
    page.keyboard.type("Anna Andersson", delay=20)
    press(page, "Tab")
    assert focus_matches(page, labelled("Organisation")), describe_focus(page)
    page.keyboard.type("Södertälje kommun", delay=20)
    press(page, "Tab")
    tab_to(page, in_key("save", "button"), back=True)
    press(page, "Enter")
    saved = store.load(dialogue_id)
    assert [(p.name, p.organisation, p.side) for p in saved.participants] == [
        ("Anna Andersson", "Södertälje kommun", "kommun")
    ]
    assert saved.meeting_date == date(2026, 12, 1)
    assert set(store.change_log(dialogue_id)["who"]) == {"lokal användare (Kim Tangent)"}

    to_tab(page, "Underlag")
    assert (
        download_by_keyboard(page, "Prioriteringar (Excel)")
        == f"underlag-sodertalje-{saved.period.replace('–', '-')}.xlsx"
    )

    tab_to(page, "e => e.tagName === 'SUMMARY' && e.innerText.includes('Besluta prioriteringarna')")
    page.keyboard.press("Enter")
    settle(page)  # the expander opens with an animation; a Tab during it can leave the view behind
    tab_to(page, labelled("Prioriteringarna är överenskomna i samtalet"))
    assert_focus_visible(page)
    press(page, "Space")
    tab_to(page, button("Besluta"))
    press(page, "Enter")
    assert store.load(dialogue_id).status == "beslutad"


def test_meeting_mode_move_edit_save(server, page, store):
    d = store.create("haninge", "2030–2031", None, who="e2e")
    d.priorities = [Priority(i, r) for r, i in enumerate(["test-gemensam-1", "test-gemensam-2", "test-gemensam-4"], 1)]
    d = store.save(d, who="e2e")
    third = d.priorities[2].id
    page.goto(f"{server}/mote?karna=haninge&dialog={d.id}")
    wait_for_app(page)

    tab_to(page, in_key(f"open-{third}", "button"))  # the overview: «Öppna» shows one priority large
    assert_focus_visible(page)
    press(page, "Enter")
    assert page.locator("h3").inner_text().startswith("3. 4.1")
    tab_to(page, in_key(f"up-{third}", "button"))
    assert_focus_visible(page)
    press(page, "Enter")
    assert page.locator("h3").inner_text().startswith("2. 4.1")  # the moved priority stays shown
    if not focus_matches(page, in_key(f"up-{third}", "button")):
        tab_to(page, in_key(f"up-{third}", "button"), back=True)
    press(page, "Enter")
    assert page.locator("h3").inner_text().startswith("1. 4.1")

    tab_to(page, in_key(f"w-{third}", "textarea"))
    assert_focus_visible(page)
    page.keyboard.type("Resvaneundersökning för alla åtta kärnor")
    press(page, "Tab")  # keeps the text, on to Driver
    assert focus_matches(page, in_key(f"o-{third}", "input")), describe_focus(page)
    choose(page, "Testbol")
    tab_to(page, in_key("meeting_save", "button"), back=True)  # the save bar at the top
    assert_focus_visible(page)
    press(page, "Enter")
    saved = store.load(d.id)
    assert [p.intervention_id for p in saved.priorities] == ["test-gemensam-4", "test-gemensam-1", "test-gemensam-2"], (
        page.inner_text("body")[:1500]
    )
    assert saved.priorities[0].wording == "Resvaneundersökning för alla åtta kärnor"
    assert saved.priorities[0].owner_actor_id == "testbolaget-ab"
