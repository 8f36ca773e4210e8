"""The start page in headless Chromium: the eight cores are there, the page is Swedish."""

from tests.conftest import rows
from tests.e2e.conftest import save_screenshot, wait_for_app


def test_start_page_shows_the_eight_cores(server, page, ref_con):
    page.goto(server)
    wait_for_app(page)
    # st.dataframe draws on a canvas; its hidden accessible table carries the text.
    table = page.locator('[data-testid="stDataFrame"] table[role="grid"]').first
    table.wait_for(state="attached")
    grid_text = table.text_content()
    for (name,) in rows(ref_con, "SELECT name FROM cores"):
        assert name in grid_text
    assert page.locator('[data-testid="stDeckGlJsonChart"]').count() == 1
    assert page.evaluate("document.documentElement.lang") == "sv"
    save_screenshot(page, "start")


def test_sources_page_opens_from_the_navigation(server, page):
    page.goto(server + "/kallor")
    wait_for_app(page)
    assert page.get_by_role("heading", name="Källor").count() >= 1
    save_screenshot(page, "kallor")
