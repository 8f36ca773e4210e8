"""The explorer in Chromium: a URL filter, a row selected, the card, the Excel download read back."""

import io

from openpyxl import load_workbook

from tests.e2e.conftest import act_and_wait, save_screenshot, wait_for_app


def test_explorer_from_a_link_select_row_and_download(server, page):
    page.goto(server + "/insatser?karna=sodertalje&malomrade=3&plan=fardplan")
    wait_for_app(page)
    grid = page.locator('[data-testid="stDataFrame"] table[role="grid"]').first
    grid.wait_for(state="attached")
    assert "Stärk och utveckla besöksnäringen i Södertälje stadskärna" in grid.text_content()
    # a deep link as the server's first request still gets the app's navigation, not the legacy one
    nav = page.locator('[data-testid="stSidebarNav"]').text_content()
    assert "Insatser" in nav and "Källor" in nav and "kallor" not in nav
    assert "karna=sodertalje" in page.url
    # select the third row: click its row-marker cell on the canvas (row height 35 px, header 35 px)
    canvas = page.locator('[data-testid="stDataFrame"] canvas').first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    act_and_wait(page, lambda: page.mouse.click(box["x"] + 15, box["y"] + 35 + 35 * 2 + 17))
    card = page.locator(".st-key-insats_card")
    card.wait_for()
    assert "3.3 Stärk små och medelstora företags konkurrenskraft" in card.text_content()
    assert "Almi Stockholm AB" in card.text_content()
    save_screenshot(page, "insatser")
    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ner Excel").click()
    wb = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    data = wb["Data"]
    codes = [data.cell(r, 1).value for r in range(2, data.max_row + 1)]
    assert codes == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    about = {r[0].value: r[1].value for r in wb["Om"].iter_rows()}
    assert "Södertälje stadskärna" in about["Urval"]
    assert box["width"] > 300
