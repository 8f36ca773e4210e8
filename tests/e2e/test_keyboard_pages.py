"""Keyboard only, on the reading pages: after the page has loaded, every step is a key press (Tab, Shift+Tab,
arrows, Enter, Space, typing) and the focus can be seen where it lands. On the fixture store
(tests/fixture_store.py): the insatser and actors expected are the fixture's.

The explorer's search box is covered by test_keyboard_browser.py; dialogues and meeting mode by
test_keyboard_dialogues.py.
"""

import pytest

from tests.e2e.conftest import press_and_wait as press
from tests.e2e.conftest import wait_for_app
from tests.e2e.keyboard import (
    assert_focus_visible,
    describe_focus,
    download_by_keyboard,
    focus_matches,
    go_to_cell,
    in_key,
    labelled,
    tab_to,
)
from tests.fixture_store import ACTORS, ADOPTED, interventions


@pytest.fixture(scope="module")
def server(fixture_server):
    return fixture_server


def title_of(code: str) -> str:
    """The fixture's insats in Södertälje's goal area 3 with this code: «code title», as the card heads it."""
    found = [r for r in interventions() if r.get("code") == code and r.get("core_id", ADOPTED) == ADOPTED]
    return f"{code} {found[0]['title']}"


NAV_LINK = "e => e.getAttribute('data-testid') === 'stSidebarNavLink' && e.innerText.trim().endsWith('{}')"


def open_page(page, server: str, path: str) -> None:
    page.goto(f"{server}/{path}")
    wait_for_app(page)


def choose(page, text: str) -> None:
    """In a focused select box or multiselect: type to filter the list, Enter takes the first match."""
    page.keyboard.type(text, delay=20)
    press(page, "Enter")


def test_sidebar_link_opens_another_page(server, page):
    open_page(page, server, "")
    assert tab_to(page, NAV_LINK.format("Insatser")) <= 6  # skip link, then the page links
    assert_focus_visible(page)
    press(page, "Enter")
    assert page.url.endswith("/insatser")
    assert page.locator("h1").first.inner_text() == "Insatser"


def test_karnprofil_core_card_and_download(server, page):
    open_page(page, server, "karnprofil")
    assert page.locator("h1").first.inner_text() == "Arlanda-Märsta"
    tab_to(page, labelled("Kärna"))
    assert_focus_visible(page)
    choose(page, "Hanin")
    assert page.locator("h1").first.inner_text() == "Haninge stadskärna"
    assert "karna=haninge" in page.url
    # a goal area's cards are folded (the färdriktning and the titles come first): open the first
    tab_to(page, "e => e.tagName === 'SUMMARY' && e.innerText.includes('Insatserna sida vid sida')")
    assert_focus_visible(page)
    press(page, "Enter")
    tab_to(page, "e => e.tagName === 'SUMMARY' && e.innerText.includes('Beskrivning och källa')")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.closest('details').open")
    assert download_by_keyboard(page, "Ladda ner Excel", limit=200) == "insatser-haninge.xlsx"


def test_jamfor_add_and_remove_cores(server, page):
    open_page(page, server, "jamfor")
    tab_to(page, labelled("Kärnor att jämföra"))
    assert_focus_visible(page)
    choose(page, "Hanin")
    assert page.url.endswith("?karna=sodertalje&karna=flemingsberg&karna=haninge")
    assert "Haninge stadskärna" in page.locator('[data-testid="stTable"]').first.inner_text()
    page.keyboard.press("Escape")  # close the list of cores
    page.keyboard.press("Shift+Tab")  # the chosen cores are one stop; the arrow keys move between them
    assert focus_matches(page, labelled("Södertälje stadskärna")), describe_focus(page)
    assert_focus_visible(page)
    page.keyboard.press("ArrowRight")
    assert focus_matches(page, labelled("Flemingsberg")), describe_focus(page)
    press(page, "Delete")
    assert page.url.endswith("?karna=sodertalje&karna=haninge")
    assert "Flemingsberg" not in page.locator('[data-testid="stTable"]').first.inner_text()
    assert download_by_keyboard(page, "Ladda ner jämförelsen (Excel)", limit=120) == "jamforelse-karnor.xlsx"
    # the details' tabs: one Tab stop for the list, the arrow keys move between tabs and open them (?flik=)
    tab_to(page, "e => e.getAttribute('role') === 'tab' && e.getAttribute('aria-selected') === 'true'", limit=40)
    assert_focus_visible(page)
    for _ in range(4):
        press(page, "ArrowRight")  # each tab reruns the page
    assert focus_matches(page, "e => e.innerText.trim() === 'Regionen'"), describe_focus(page)
    page.wait_for_url(lambda url: "flik=Regionen" in url)
    page.get_by_role("heading", name="I internationella rankingar").wait_for()
    assert page.get_by_role("heading", name="I internationella rankingar").count() == 1


# What Streamlit's frontend does to the tabs during some runs (seen under CPU load): for about 20 ms no tab
# has a tabindex and all are aria-disabled, so the browser moves the focus to the page.
DISABLE_TABS_FOR_A_MOMENT = """ms => { const tabs = [...document.querySelectorAll('[role=tab]')];
  const kept = tabs.map(t => t.getAttribute('tabindex'));
  tabs.forEach(t => { t.removeAttribute('tabindex'); t.setAttribute('aria-disabled', 'true'); });
  return new Promise(done => setTimeout(() => { tabs.forEach((t, i) => { t.setAttribute('tabindex', kept[i]);
    t.removeAttribute('aria-disabled'); }); done(document.activeElement.tagName); }, ms)); }"""


def test_focus_comes_back_when_a_tab_is_disabled_for_a_moment(server, page):
    open_page(page, server, "jamfor?karna=sodertalje&karna=haninge")
    tab_to(page, "e => e.getAttribute('role') === 'tab' && e.getAttribute('aria-selected') === 'true'", limit=60)
    assert page.evaluate(DISABLE_TABS_FOR_A_MOMENT, 50) == "BODY"  # the browser let go of the focus
    page.wait_for_function("() => document.activeElement.getAttribute('role') === 'tab'", timeout=2000)
    assert focus_matches(page, "e => e.innerText.trim() === 'Insatser'"), describe_focus(page)
    assert_focus_visible(page)
    # a click elsewhere on the page still takes the focus away, and it stays away
    page.mouse.click(640, 120)
    page.wait_for_timeout(300)
    assert not focus_matches(page, "e => e.getAttribute('role') === 'tab'"), describe_focus(page)


def test_lagesbild_core_goal_area_and_index_switch(server, page):
    open_page(page, server, "lagesbild")
    tab_to(page, labelled("Kärna"))
    choose(page, "Flem")
    assert "karna=flemingsberg" in page.url
    tab_to(page, "e => e.closest('[data-testid=stButtonGroup]') && e.innerText.trim().startsWith('1 ')")
    assert_focus_visible(page)
    page.keyboard.press("ArrowRight")  # the goal areas are one stop; the arrow keys move between them
    press(page, "Space")
    assert page.url.endswith("malomrade=2")
    headings = page.locator("h2").all_inner_texts()
    assert "2 Samhällsservice" in headings and "1 Levande stadskärnor" not in headings  # one at a time
    page.keyboard.press("ArrowLeft")
    press(page, "Enter")
    assert "malomrade" not in page.url  # the first goal area is the default
    assert "1 Levande stadskärnor" in page.locator("h2").all_inner_texts()
    switch = "e => e.getAttribute('role') === 'switch' && e.getAttribute('aria-label') === 'Visa som index'"
    tab_to(page, switch)
    assert_focus_visible(page)
    assert page.evaluate("() => document.activeElement.checked")
    press(page, "Space")
    assert focus_matches(page, switch) and not page.evaluate("() => document.activeElement.checked")


def test_insatser_card_from_the_list_and_from_a_row(server, page):
    open_page(page, server, "insatser?karna=sodertalje&malomrade=3&plan=fardplan")
    tab_to(page, labelled("Visa insats"))
    assert_focus_visible(page)
    choose(page, "3.2")
    card = page.locator(".st-key-insats_card h3")
    assert card.inner_text() == title_of("3.2")
    # Streamlit's own row selection also works by keyboard, with Shift+Space on a cell of the row
    tab_to(page, in_key("insatser_tabell", "canvas"), back=True)
    assert_focus_visible(page)
    go_to_cell(page, 1, 2)  # the third row
    press(page, "Shift+Space")
    assert card.inner_text() == title_of("3.3")
    assert page.locator(".st-key-visa_insats input").input_value().startswith("3.3 ")


def test_aktorer_choose_an_actor(server, page):
    open_page(page, server, "aktorer")
    tab_to(page, labelled("Välj aktör"), limit=120)
    assert_focus_visible(page)
    actor_id, name, _ = ACTORS[3]
    choose(page, name[:8])
    assert page.get_by_role("heading", name=name).is_visible()
    assert f"aktor={actor_id}" in page.url


def test_import_template_and_file_chooser(server, page):
    open_page(page, server, "importera")
    assert download_by_keyboard(page, "Ladda ned mallen (Excel)") == "fardplan-mall-sodertalje.xlsx"
    wait_for_app(page)  # a rerun after the download must not take the focus away from the next step
    tab_to(page, "e => e.tagName === 'BUTTON' && !!e.closest('[data-testid=stFileUploader]')")
    assert_focus_visible(page)
    assert focus_matches(page, "e => !!e.closest('[data-testid=stFileUploader]')"), describe_focus(page)
    # Enter must reach the hidden file input (which opens the system's file dialog). Checked by the input's
    # click event: Playwright's file-chooser event was missed now and then under CI load.
    page.evaluate("""() => { window.__fileInputClicked = false;
        document.querySelector('[data-testid=stFileUploaderDropzoneInput]')
          .addEventListener('click', () => { window.__fileInputClicked = true; }, {once: true}); }""")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__fileInputClicked", timeout=10000)
