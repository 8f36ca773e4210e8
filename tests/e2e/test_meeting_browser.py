"""Meeting mode in Chromium at 1280×720: overview, open one, move it up, edit, save, reload, and the change is
there."""

import os

from queries.user_store import Priority, UserStore
from tests.e2e.conftest import act_and_wait, new_context, save_screenshot, wait_for_app


def test_meeting_mode_reorder_edit_save_reload(server, browser):
    store = UserStore(os.environ["FARDPLANER_USER_DB"], read_only=False)
    d = store.create("sodertalje", "2030–2031", None, who="e2e", reason="e2e")
    d.priorities = [Priority(i, r) for r, i in enumerate(["gemensam-1.1", "sodertalje-1.3", "gemensam-4.2"], 1)]
    d = store.save(d, who="e2e")
    context = new_context(browser, 720)
    page = context.new_page()
    page.goto(f"{server}/mote?karna=sodertalje&dialog={d.id}")
    wait_for_app(page)
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    overview = page.locator(".st-key-overview").inner_text()
    assert "1.1 Stärk" in overview and "4.2 Öka" in overview and "Ingen driver utsedd" in overview
    act_and_wait(page, lambda: page.get_by_role("button", name="Öppna").nth(2).click())  # 4.2, large
    act_and_wait(page, lambda: page.get_by_role("button", name="Upp").click())  # move it up one place
    assert page.locator("h3").inner_text().startswith("2. 4.2")
    box = page.get_by_label("Formulering / motivering")
    box.fill("Resvaneundersökning — gemensam för alla åtta kärnor")
    act_and_wait(page, lambda: box.press("Tab"))
    save_screenshot(page, "motesläge")
    act_and_wait(page, lambda: page.locator(".st-key-dialogue_bar").get_by_role("button", name="Spara").click())
    page.reload()
    wait_for_app(page)
    rows = page.locator(".st-key-overview").inner_text()
    assert rows.index("1.1 Stärk") < rows.index("4.2 Öka") < rows.index("1.3 Fortsätt")
    saved = store.load(d.id)
    assert [p.intervention_id for p in saved.priorities] == ["gemensam-1.1", "gemensam-4.2", "sodertalje-1.3"]
    assert saved.priorities[1].wording == "Resvaneundersökning — gemensam för alla åtta kärnor"
    context.close()
