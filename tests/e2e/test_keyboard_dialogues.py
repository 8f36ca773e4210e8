"""Keyboard only, on Dialoger and Mötesläge: create a dialogue, fill the shortlist, edit it in the table, add a
participant, save, download the briefing, decide; in meeting mode move a priority, edit it and save.

After the page has loaded every step is a key press. The module's server has its own empty user store
(FARDPLANER_USER_DB in a temporary directory), read back here to check what was saved.
"""
import os
from datetime import date

import pytest

from queries.user_store import Priority, UserStore
from tests.e2e.conftest import press_and_wait as press, streamlit_server, wait_for_app
from tests.e2e.keyboard import (assert_focus_visible, button, describe_focus, download_by_keyboard, focus_matches,
                                go_to_cell, in_key, labelled, tab_to)


@pytest.fixture(scope="module")
def user_db(tmp_path_factory):
    return tmp_path_factory.mktemp("keyboard-user-store") / "dialoger.duckdb"


@pytest.fixture(scope="module")
def server(ref_db, user_db, tmp_path_factory):
    env = {**os.environ, "FARDPLANER_DB": str(ref_db), "FARDPLANER_USER_DB": str(user_db)}
    env.pop("FARDPLANER_READONLY", None)
    with streamlit_server(env, tmp_path_factory.mktemp("keyboard-server") / "streamlit.log") as url:
        yield url


@pytest.fixture()
def store(user_db):
    s = UserStore(user_db, read_only=False)
    s.migrate()
    return s


def choose(page, text: str) -> None:
    """In a focused select box or multiselect: type to filter the list, Enter takes the first match."""
    page.keyboard.type(text, delay=20)
    press(page, "Enter")


def edit_cell(page, col: int, row: int, text: str, replace: bool = False) -> None:
    """With a table's grid focused: go to the cell, Enter opens its editor, type, Enter keeps the value."""
    go_to_cell(page, col, row)
    page.keyboard.press("Enter")
    page.wait_for_selector("#portal textarea, #portal input", timeout=10000)  # the cell's editor
    if replace:
        page.keyboard.press("Control+a")
    page.keyboard.type(text, delay=20)
    press(page, "Enter")


def to_tab(page, name: str) -> None:
    """From anywhere below the tab list: Shift+Tab back to the selected tab, then arrows to `name`."""
    tab_to(page, "e => e.getAttribute('role') === 'tab' && e.getAttribute('aria-selected') === 'true'",
           back=True, limit=120)
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
    assert f"dialog={dialogue_id}" in page.url

    tab_to(page, labelled("Lägg till insatser från kärnans färdplan"))
    choose(page, "1.1")
    choose(page, "4.2")
    page.keyboard.press("Escape")
    tab_to(page, button("Lägg till"))
    press(page, "Enter")

    # the shortlist table: Rang, Insats, Målområde, Formulering / motivering, Driver, Nästa steg, Status, Ta bort
    tab_to(page, in_key(f"shortlist-{dialogue_id}", "canvas"))
    assert_focus_visible(page)
    edit_cell(page, 0, 0, "3", replace=True)  # 1.1 after 4.2
    edit_cell(page, 3, 0, "Vi gör det tillsammans")
    edit_cell(page, 4, 1, "Trafikv")  # Driver of 4.2: a list in the cell, typing filters it
    tab_to(page, in_key("save", "button"))
    assert_focus_visible(page)
    press(page, "Enter")
    saved = store.load(dialogue_id)
    assert [(p.intervention_id, p.rank) for p in saved.priorities] == [("gemensam-4.2", 1), ("gemensam-1.1", 2)]
    assert saved.priorities[1].wording == "Vi gör det tillsammans"
    assert saved.priorities[0].owner_actor_id == "trafikverket"

    to_tab(page, "Deltagare och möte")
    page.keyboard.press("Tab")  # the meeting date: year, month and day fields
    assert focus_matches(page, "e => e.getAttribute('role') === 'spinbutton'"), describe_focus(page)
    assert_focus_visible(page)
    page.keyboard.type("20261201")
    press(page, "Tab")  # leaving the field keeps the date (a rerun)
    tab_to(page, in_key(f"participants-{dialogue_id}", "canvas"))
    page.keyboard.press("ArrowDown")  # the empty last row: Enter adds a participant
    page.keyboard.press("Enter")
    page.wait_for_selector("#portal textarea", timeout=10000)
    page.keyboard.type("Anna Andersson", delay=20)
    press(page, "Tab")  # keeps the name, on to Organisation
    page.keyboard.press("Enter")
    page.wait_for_selector("#portal textarea", timeout=10000)
    page.keyboard.type("Södertälje kommun", delay=20)
    press(page, "Enter")
    tab_to(page, in_key("save", "button"))
    press(page, "Enter")
    saved = store.load(dialogue_id)
    assert [(p.name, p.organisation, p.side) for p in saved.participants] == [
        ("Anna Andersson", "Södertälje kommun", "kommun")]
    assert saved.meeting_date == date(2026, 12, 1)
    assert set(store.change_log(dialogue_id)["who"]) == {"Kim Tangent"}

    to_tab(page, "Underlag")
    assert download_by_keyboard(page, "Prioriteringar (Excel)") == f"underlag-sodertalje-{saved.period.replace('–', '-')}.xlsx"

    tab_to(page, "e => e.tagName === 'SUMMARY' && e.innerText.includes('Besluta prioriteringarna')")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)  # the expander opens with an animation; a Tab during it can leave the view behind
    tab_to(page, labelled("Prioriteringarna är överenskomna i samtalet"))
    assert_focus_visible(page)
    press(page, "Space")
    tab_to(page, button("Besluta"))
    press(page, "Enter")
    assert store.load(dialogue_id).status == "beslutad"


def test_meeting_mode_move_edit_save(server, page, store):
    d = store.create("haninge", "2030–2031", None, who="e2e")
    d.priorities = [Priority(i, r) for r, i in enumerate(["gemensam-1.1", "gemensam-2.1", "gemensam-4.2"], 1)]
    d = store.save(d, who="e2e")
    third = d.priorities[2].id
    page.goto(f"{server}/mote?karna=haninge&dialog={d.id}")
    wait_for_app(page)

    tab_to(page, in_key(f"up-{third}", "button"))
    assert_focus_visible(page)
    press(page, "Enter")
    assert [h[:6] for h in page.locator("h3").all_inner_texts()] == ["1. 1.1", "2. 4.2", "3. 2.1"]
    if not focus_matches(page, in_key(f"up-{third}", "button")):  # it usually stays on the moved priority's
        tab_to(page, in_key(f"up-{third}", "button"), back=True)  # button; when the rows are redrawn, go back
    press(page, "Enter")
    assert [h[:6] for h in page.locator("h3").all_inner_texts()] == ["1. 4.2", "2. 1.1", "3. 2.1"]

    tab_to(page, in_key(f"w-{third}", "textarea"))  # «Upp» is off at the top, so the focus went to the page
    assert_focus_visible(page)
    page.keyboard.type("Resvaneundersökning för alla åtta kärnor")
    press(page, "Tab")  # keeps the text, on to Driver
    assert focus_matches(page, in_key(f"o-{third}", "input")), describe_focus(page)
    choose(page, "Trafikv")
    tab_to(page, in_key("meeting_save", "button"))
    assert_focus_visible(page)
    press(page, "Enter")
    saved = store.load(d.id)
    assert [p.intervention_id for p in saved.priorities] == ["gemensam-4.2", "gemensam-1.1", "gemensam-2.1"]
    assert saved.priorities[0].wording == "Resvaneundersökning för alla åtta kärnor"
    assert saved.priorities[0].owner_actor_id == "trafikverket"
