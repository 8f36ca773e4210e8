"""axe-core (WCAG 2.1 A/AA) on every page of the app in Chromium; the page language is Swedish."""

import pytest

from tests.conftest import REPO, page_table
from tests.e2e.conftest import wait_for_app

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# The default page (Start) lives at "/": its url_path would give Streamlit's "Page not found" dialog.
PATHS = ["" if url == "start" else url for _, _, _, url, _ in page_table()]
assert len(PATHS) == 14  # every page, never an empty set that would skip the check
# the views a tab opens (only the open tab is drawn): Lägesbild's municipalities and region
PATHS += ["lagesbild?vy=Kommunerna", "lagesbild?vy=Regionen", "lagesbild?vy=L%C3%A4s+in+v%C3%A4rden"]
# Lägesbild's Kärnan shows one goal area at a time: a RUFS one and the indicators without one (with quotes)
PATHS += ["lagesbild?malomrade=3", "lagesbild?karna=flemingsberg&malomrade=ovriga"]
# Jämför kärnor's tabs (the first, Insatser, is the page's default view)
PATHS += ["jamfor?flik=Akt%C3%B6rer", "jamfor?flik=Indikatorer", "jamfor?flik=Kommunerna", "jamfor?flik=Regionen"]
# Kärnprofil with «Om kärnan» opened from the URL: the character text, the map and the population
PATHS += ["karnprofil?karna=sodertalje&om=true"]
BLOCKING = {"serious", "critical"}


@pytest.mark.parametrize("path", PATHS)
def test_page_has_no_serious_accessibility_violations(server, page, path):
    assert AXE.exists(), "run `npm ci` (scripts/test.sh does) to install axe-core"
    page.goto(f"{server}/{path}")
    wait_for_app(page)  # at rest: Streamlit's fade of stale elements has ended before contrast is measured
    assert page.get_by_role("dialog").count() == 0  # e.g. "Page not found"
    assert page.evaluate("document.documentElement.lang") == "sv"
    charts = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid=stPlotlyChart], [data-testid=stDeckGlJsonChart]')].map(e => [e.getAttribute('role'),
        e.getAttribute('aria-label') || ''])""")
    print(f"\n{path}: {len(charts)} diagram/kartor med alt-text")
    assert all(role == "figure" and len(label) > 40 for role, label in charts), charts
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    violations = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]]
    print(f"\naxe {path}: " + (", ".join(f"{i} ({imp}, {n})" for i, imp, n in violations) or "inga fynd"))
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, [
        (
            v["id"],
            [(n["target"], n["html"][:80], n["any"][0]["message"][:160] if n["any"] else "") for n in v["nodes"]][:5],
        )
        for v in blocking
    ]
