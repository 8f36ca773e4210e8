"""Nothing typed is lost, and several people can save: Dialoger and Mötesläge in Chromium against a server
with its own user store. Text typed survives a reload and a server restart; three browsers on one server
save in turn without an error; screenshots of both pages at 1280×720 and 1280×800 for docs/."""

import pytest

from queries.dialogue_model import Priority
from tests.e2e.conftest import (
    act_and_wait,
    new_context,
    own_user_store,
    save_screenshot,
    streamlit_server,
    user_store_env,
    wait_for_app,
)

THREE = ["test-gemensam-1", "test-sodertalje-1.3", "test-gemensam-4"]


user_db, server, store = own_user_store("drafts")


@pytest.fixture(scope="module")
def env(fixture_db, user_db):
    return user_store_env(fixture_db, user_db)


def new_dialogue(store, core="sodertalje", period="2030–2031"):
    d = store.create(core, period, None, who="e2e", reason="test")
    d.priorities = [Priority(i, r) for r, i in enumerate(THREE, 1)]
    return store.save(d, who="e2e")


def wording_box(page, n: int):
    return page.get_by_label("Formulering / motivering").nth(n)


def save_and_see_it_saved(page) -> None:
    """Click Spara and wait for the bar to say so (under CI load the save's run can start later than
    act_and_wait waits for a run to start); no error shown."""
    bar = page.locator(".st-key-dialogue_bar")
    act_and_wait(page, lambda: bar.get_by_role("button", name="Spara").click())
    try:
        bar.get_by_text("Allt är sparat").wait_for(timeout=20000)
    except Exception:
        raise AssertionError(page.inner_text("body")) from None
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0


def type_and_leave(page, box, text: str) -> None:
    box.fill(text)
    act_and_wait(page, lambda: box.press("Tab"))  # Streamlit sends a text area's value when it loses focus


def test_typed_text_survives_reload_page_switch_and_server_restart(env, tmp_path, browser, store):
    d = new_dialogue(store)
    context = new_context(browser)
    page = context.new_page()
    with streamlit_server(env, tmp_path / "first.log") as url:
        page.goto(f"{url}/dialoger?karna=sodertalje&dialog={d.id}")
        wait_for_app(page)
        type_and_leave(page, wording_box(page, 1), "Stationsområdet först, sedan centrum")
        assert "Osparade ändringar" in page.locator(".st-key-dialogue_bar").inner_text()
        page.reload()
        wait_for_app(page)
        assert wording_box(page, 1).input_value() == "Stationsområdet först, sedan centrum"
        assert "Osparade ändringar" in page.locator(".st-key-dialogue_bar").inner_text()

        page.goto(f"{url}/mote?karna=sodertalje&dialog={d.id}")
        wait_for_app(page)
        act_and_wait(page, lambda: page.get_by_role("button", name="Öppna").nth(0).click())  # → one at a time
        type_and_leave(page, wording_box(page, 0), "Gemensam målbild, beslutad i mötet")
        page.reload()
        wait_for_app(page)
        act_and_wait(page, lambda: page.get_by_text("En i taget").click())
        assert wording_box(page, 0).input_value() == "Gemensam målbild, beslutad i mötet"
    assert store.load(d.id).priorities[0].wording == ""  # a draft, not yet the record

    with streamlit_server(env, tmp_path / "second.log") as url:  # a new server process, same store
        page.goto(f"{url}/dialoger?karna=sodertalje&dialog={d.id}")
        wait_for_app(page)
        assert wording_box(page, 0).input_value() == "Gemensam målbild, beslutad i mötet"
        assert wording_box(page, 1).input_value() == "Stationsområdet först, sedan centrum"
        save_and_see_it_saved(page)
    saved = store.load(d.id)
    assert [p.wording for p in saved.priorities[:2]] == [
        "Gemensam målbild, beslutad i mötet",
        "Stationsområdet först, sedan centrum",
    ]
    context.close()


def test_three_browsers_on_one_server_save_in_turn_without_an_error(server, browser, store):
    d = new_dialogue(store, period="2032–2033")
    pages = []
    for _ in range(3):
        context = new_context(browser)
        page = context.new_page()
        page.goto(f"{server}/dialoger?karna=sodertalje&dialog={d.id}")
        wait_for_app(page)
        pages.append(page)
    for n, page in enumerate(pages):
        type_and_leave(page, wording_box(page, n), f"Formulering från webbläsare {n + 1}")
    for page in pages:
        save_and_see_it_saved(page)
    saved = store.load(d.id)
    assert [p.wording for p in saved.priorities] == [f"Formulering från webbläsare {n + 1}" for n in range(3)]
    assert saved.version == d.version + 3
    for page in pages:
        page.context.close()


@pytest.mark.parametrize("height", [720, 800])
def test_screenshots_of_dialoger_and_motesläge(server, browser, store, height):
    earlier = new_dialogue(store, period="2024–2025")  # a decided period to start from
    earlier.priorities[0].wording, earlier.priorities[0].status = "Gemensam kommunikationsplan", "pågår"
    earlier = store.save(earlier, who="e2e")
    store.decide(earlier.id, earlier.version, who="e2e")
    d = store.create("sodertalje", "2026–2027", None, who="e2e", from_dialogue_id=earlier.id, reason="skärmbild")
    context = new_context(browser, height)
    page = context.new_page()
    page.goto(f"{server}/dialoger?karna=sodertalje&dialog={d.id}")
    wait_for_app(page)
    bar = page.locator(".st-key-dialogue_bar").bounding_box()
    assert bar["y"] + bar["height"] <= height  # Spara is in view without scrolling
    save_screenshot(page, f"dialoger-{height}")
    page.goto(f"{server}/mote?karna=sodertalje&dialog={d.id}")
    wait_for_app(page)
    for label in ("Kärna", "Dialog"):
        box = page.get_by_label(label).first.bounding_box()
        assert box["y"] >= 56, f"{label} under the header"  # Streamlit's header is 3.75rem (60 px) high
    save_screenshot(page, f"motesläge-oversikt-{height}")
    act_and_wait(page, lambda: page.get_by_role("button", name="Öppna").nth(0).click())
    page.get_by_text("Förra perioden (2024–2025)").wait_for(timeout=15000)  # the click's run may start late
    body = page.inner_text("body")
    assert "Färdriktning" in body and "Förra perioden (2024–2025): «Gemensam kommunikationsplan»" in body
    save_screenshot(page, f"motesläge-en-i-taget-{height}")
    context.close()
