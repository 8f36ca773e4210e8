"""Meeting mode in Chromium at 1280×720: reorder, edit, save, reload, and the change is there."""
import os

from queries.user_store import Priority, UserStore
from tests.e2e.conftest import save_screenshot, wait_for_app


def test_meeting_mode_reorder_edit_save_reload(server, browser):
    store = UserStore(os.environ["FARDPLANER_USER_DB"], read_only=False)
    d = store.create("sodertalje", "2030–2031", None, who="e2e")
    d.priorities = [Priority(i, r) for r, i in enumerate(["gemensam-1.1", "sodertalje-1.3", "gemensam-4.2"], 1)]
    d = store.save(d, who="e2e")
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{server}/mote?karna=sodertalje&dialog={d.id}")
    wait_for_app(page)
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    page.get_by_role("button", name="Upp").nth(2).click()  # move the third priority up one place
    wait_for_app(page)
    box = page.get_by_label("Överenskommen formulering").nth(1)  # 4.2, now second
    box.fill("Resvaneundersökning — gemensam för alla åtta kärnor")
    box.press("Tab")
    wait_for_app(page)
    save_screenshot(page, "motesläge")
    page.get_by_role("button", name="Spara").click()
    wait_for_app(page)
    page.reload()
    wait_for_app(page)
    headings = page.locator("h3").all_text_contents()
    assert headings[0].startswith("1. 1.1") and headings[1].startswith("2. 4.2")
    assert page.get_by_label("Överenskommen formulering").nth(1).input_value() == \
        "Resvaneundersökning — gemensam för alla åtta kärnor"
    saved = store.load(d.id)
    assert [p.intervention_id for p in saved.priorities] == ["gemensam-1.1", "gemensam-4.2", "sodertalje-1.3"]
    assert saved.priorities[1].wording == "Resvaneundersökning — gemensam för alla åtta kärnor"
    context.close()
