"""Jämför kärnor and Lägesbild in Chromium: choose two cores, see the summary first and the tabs (kept in the
URL), download the comparison as Excel and read it back; the Lägesbild draws its charts."""

import io

from openpyxl import load_workbook

from tests.conftest import rows
from tests.e2e.conftest import act_and_wait, save_screenshot, settle, wait_for_app


def test_compare_two_cores_and_download_the_excel(server, page, ref_con):
    page.goto(server + "/jamfor?karna=haninge")
    wait_for_app(page)
    assert page.get_by_text("Välj minst två kärnor").count() == 1
    # add a second core in the picker, as a user would
    picker = page.locator(".st-key-karna input")
    picker.click()
    picker.fill("Söder")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    assert "karna=haninge" in page.url and "karna=sodertalje" in page.url
    tables = page.locator('[data-testid="stTable"]')
    tables.first.wait_for()
    summary = tables.first.text_content()  # «Kärnorna i korthet» comes first
    assert "Haninge stadskärna" in summary and "Södertälje stadskärna" in summary
    assert "uppgift saknas" in summary  # Haninge has no roadmap: its core-specific insatser are not loaded
    charts = page.locator('[data-testid="stPlotlyChart"]')
    charts.first.wait_for()  # Plotly draws after the tables
    # the first tab (Insatser) is open: the roadmaps' insatser per goal area, and no other tab's chart
    assert charts.count() == 1 and "Flest har" in charts.first.get_attribute("aria-label")
    # the kommuner's places among the 26 (components/common/kommun_rank_view), in their tab, kept in the URL
    act_and_wait(page, lambda: page.get_by_role("tab", name="Kommunerna").click())
    page.wait_for_url(lambda url: "flik=Kommunerna" in url)
    page.locator('[data-testid="stPlotlyChart"][aria-label*="26 kommuner"]').wait_for()
    assert charts.count() == 1 and "26 kommuner" in charts.first.get_attribute("aria-label")
    # the region: the European comparison and the rankings, each chart with its table
    act_and_wait(page, lambda: page.get_by_role("tab", name="Regionen").click())
    page.wait_for_url(lambda url: "flik=Regionen" in url)
    page.locator('[data-testid="stPlotlyChart"][aria-label*="rankingar"]').wait_for()
    labels = [charts.nth(i).get_attribute("aria-label") for i in range(charts.count())]
    assert len(labels) == 2 and "elva regioner" in labels[0] and "rankingar" in labels[1]
    [(top,)] = rows(ref_con, "SELECT index_name FROM rankings ORDER BY position, index_name LIMIT 1")
    assert page.get_by_role("cell", name=top, exact=True).count() >= 1

    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ner jämförelsen (Excel)").click()
    assert info.value.suggested_filename == "jamforelse-karnor.xlsx"
    wb = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    assert {
        "I korthet",
        "Färdplaner",
        "Insatser per målområde",
        "Teman",
        "Aktörer",
        "Indikatorer",
        "Internationella rankingar",
        "Europeisk jämförelse",
        "Om",
    } <= set(wb.sheetnames)
    ranked = [r[:2] for r in wb["Internationella rankingar"].iter_rows(min_row=2, values_only=True)]
    stored = rows(ref_con, "SELECT index_name, position FROM rankings ORDER BY position, index_name")
    assert [(name, int(p)) for name, p in ranked] == [(name, int(p)) for name, p in stored]
    sheet = wb["Indikatorer"]
    head = [c.value for c in sheet[1]]
    assert head[3:5] == ["Haninge stadskärna", "Södertälje stadskärna"]
    data = {r[0]: dict(zip(head, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert data["Boende i kärnan"]["Haninge stadskärna"] == "uppgift saknas"
    assert data["Boende i kärnan"]["Södertälje stadskärna"].startswith("cirka 25")
    [(population,)] = rows(
        ref_con,
        "SELECT value FROM indicator_values WHERE indicator_id = 'folkmangd' AND geography = '0136' AND year = 2024",
    )
    assert f"{int(population):,}".replace(",", "\u00a0") in data["Folkmängd"]["Haninge stadskärna"]
    coverage = {r[0]: r for r in wb["Färdplaner"].iter_rows(min_row=2, values_only=True)}
    assert coverage["Kärnspecifika insatser"][1:] == ("0", "8")
    about = {r[0].value: r[1].value for r in wb["Om"].iter_rows()}
    assert about["Urval"] == "kärnor: Haninge stadskärna, Södertälje stadskärna"
    page.goto(server + "/jamfor")
    wait_for_app(page)
    save_screenshot(page, "jamfor")


def test_lagesbild_draws_its_charts(server, page):
    page.goto(server + "/lagesbild?karna=sodertalje&malomrade=1")
    wait_for_app(page)
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    assert page.get_by_role("heading", name="1 Levande stadskärnor").count() == 1
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    assert "Folkmängd, index" in chart.text_content()
    chart.evaluate("e => e.scrollIntoView({block: 'center'})")
    settle(page)
    save_screenshot(page, "lagesbild")
