"""Keyboard only: reach the explorer's search box with Tab, search, and the result shows (fixture store)."""

import pytest

from tests.e2e.conftest import wait_for_app


@pytest.fixture(scope="module")
def server(fixture_server):
    return fixture_server


def test_explorer_search_by_keyboard(server, page):
    page.goto(server + "/insatser")
    wait_for_app(page)
    search = page.get_by_label("Sök i titel och beskrivning")
    for _ in range(60):  # Tab through the page until the search box has focus
        page.keyboard.press("Tab")
        if search.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("the search box cannot be reached with Tab")
    page.keyboard.type("halsovagen")
    page.keyboard.press("Enter")
    wait_for_app(page)
    grid = page.locator('[data-testid="stDataFrame"] table[role="grid"]').first
    grid.wait_for(state="attached")
    assert "Hälsovägen" in grid.text_content()
    assert "q=halsovagen" in page.url
