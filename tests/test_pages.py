"""Every page of app.py's navigation runs under Streamlit's AppTest on the production build; the start and
sources pages' figures are checked on the fixture store (tests/fixture_store.py)."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO, open_page, rows
from tests.fixture_store import PER_GOAL_AREA, TEST_SOURCE, interventions

PAGES = sorted(p.name for p in (REPO / "pages").glob("*.py"))


def table_with(at: AppTest, column: str):
    """The first st.dataframe on the page that has this column (dataframes without selection have no key)."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column!r}")


def test_every_page_is_in_the_navigation():
    from tests.conftest import page_table

    rows = page_table()
    assert sorted(row[0].removeprefix("pages/") for row in rows) == sorted(PAGES)
    assert all(len(row[4]) > 20 for row in rows)  # every page says what it is for (its link's tooltip)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(ref_db, page):
    at = open_page(page)
    assert at.title, "every page has a title"


def test_start_page_lists_the_eight_cores_with_their_coverage(on_fixture_store):
    at = open_page()
    table = table_with(at, "Kärna")
    expected = rows(on_fixture_store, "SELECT name FROM cores")
    assert sorted(table["Kärna"]) == sorted(n for (n,) in expected)
    sodertalje = table.set_index("Kärna").loc["Södertälje stadskärna"]
    assert sodertalje["Färdplan"] == "Färdplan publicerad 2026"
    assert sodertalje["Kärnspecifika insatser"] == 4 * PER_GOAL_AREA["sodertalje"]
    assert sodertalje["Gemensamma insatser"] == 4
    haninge = table.set_index("Kärna").loc["Haninge stadskärna"]
    assert haninge["Färdplan"] == "Ingen färdplan inläst" and haninge["Kärnspecifika insatser"] == 0
    assert any("ingen färdplan inläst" in i.value for i in at.info)
    assert any(m.value.startswith("**Haninge stadskärna**  \nIngen färdplan inläst") for m in at.markdown)


def test_sources_page_lists_every_source_with_counts(on_fixture_store):
    at = open_page("kallor.py")
    table = table_with(at, "Källa")
    titles = {t for (t,) in rows(on_fixture_store, "SELECT title FROM sources")}
    assert set(table["Källa"]) == titles
    row = table.set_index("Källa").loc["Testdata: påhittad färdplan för gränssnittstesterna"]
    assert row["År"] == "2026" and row["Inlästa rader"] > 0
    undated = {t for (t,) in rows(on_fixture_store, "SELECT title FROM sources WHERE year IS NULL")}
    assert all(table.set_index("Källa").loc[t, "År"] == "anges inte" for t in undated)
    # five columns fit at 1280 px; the rest of a source is shown when it is chosen
    assert list(table.columns) == ["Källa", "Utgivare", "År", "Status", "Inlästa rader"]
    at.selectbox(key="kalla_detalj").select("Testdata: påhittad färdplan för gränssnittstesterna").run()
    details = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert "Fil: uppgift saknas" in details and "Anmärkning: Påhittad av testerna; inte ur något dokument." in details
    assert "Typ: färdplan" in details
    own = sum(r["source_id"] == TEST_SOURCE for r in interventions())
    assert f"Insatser: {own}" in details and own == 4 + 4 * PER_GOAL_AREA["sodertalje"]


def test_start_page_counts_per_core_and_goal_area(fixture_db, on_fixture_store):
    from components.start.coverage_chart import coverage_figure, coverage_matrix
    from queries.runner import ReferenceStore

    counts = ReferenceStore(fixture_db).run("insatser_per_core_goal_area", cores=None)
    sod = counts[(counts["core_id"] == "sodertalje") & (counts["goal_area_id"] == 3)].iloc[0]
    assert (sod["shared"], sod["core_specific"]) == (1, PER_GOAL_AREA["sodertalje"])
    han = counts[counts["core_id"] == "haninge"]
    assert han["core_specific"].sum() == 0 and han["shared"].sum() == 4
    matrix = coverage_matrix(counts).set_index("Kärna")
    assert matrix.loc["Södertälje stadskärna", "3 Näringsliv och innovation"] == "1 gemensam + 2 kärnspecifika"
    fig = coverage_figure(counts)
    assert len(fig.data) == 8 and fig.layout.title.text
    at = open_page()
    assert len(at.get("plotly_chart")) == 1
    assert any("Södertälje stadskärna" in m.value and "2026" in m.value for m in at.markdown)


FRESH = """
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=60).run()
assert not at.exception, [e.message for e in at.exception]
print("ok", len(at.title))
"""


def test_a_fresh_machine_builds_the_store_at_first_start(tmp_path):
    """README's first command on a fresh clone: no store file yet; the first page view builds it."""
    import os
    import subprocess
    import sys

    db = tmp_path / "fresh.duckdb"
    env = {**os.environ, "FARDPLANER_DB": str(db), "FARDPLANER_USER_DB": str(tmp_path / "u.duckdb")}
    out = subprocess.run([sys.executable, "-c", FRESH], cwd=REPO, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "ok 1" in out.stdout and db.exists()


def test_accessibility_statement_says_how_to_report_and_what_does_not_conform(ref_db):
    at = open_page("tillganglighet.py")
    text = " ".join(m.value for m in at.markdown)
    assert "WCAG 2.1 nivå AA" in text and "registrator.rlk@regionstockholm.se" in text and "DIGG" in text
    assert "### Kända brister" in text and "alternativtext" in text and "Skift+Mellanslag" in text


def test_pages_import_only_components_and_components_live_in_their_groups():
    import re

    for page in (REPO / "pages").glob("*.py"):
        imports = re.findall(r"^\s*(?:from|import) (\w+)", page.read_text("utf-8"), re.M)
        assert set(imports) <= {"streamlit", "components", "__future__"}, (page.name, imports)
    loose = [p.name for p in (REPO / "components").glob("*.py") if p.name != "__init__.py"]
    groups = [p.name for p in (REPO / "components").iterdir() if p.is_dir() and p.name != "__pycache__"]
    assert loose == [] and {"common", "dialog", "insatser", "lagesbild", "briefing"} <= set(groups)
    assert all((REPO / "components" / g / "__init__.py").exists() for g in groups)


def test_no_page_script_makes_a_function():
    """A function made in a page script (a lambda for a download or a label) keeps the page's namespace, and so
    every table the page read, for as long as the session keeps the widget: at 100× the data 14–16 MB per
    session on Insatser and Jämför kärnor (scripts/benchmark.py's memory figures). Components make them."""
    import ast

    for page in (REPO / "pages").glob("*.py"):
        tree = ast.parse(page.read_text("utf-8"))
        made = [n.lineno for n in ast.walk(tree) if isinstance(n, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef))]
        assert made == [], (page.name, made)


def test_every_download_button_leaves_the_page_as_it_is():
    """on_click="ignore" on every download button: with Streamlit's default, the click reruns the page, and that
    run can drop the file the click asked for (the download then never comes; seen in CI)."""
    import ast

    missing = []
    for path in [*(REPO / "pages").glob("*.py"), *(REPO / "components").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "download_button":
                given = {k.arg: k.value for k in node.keywords}
                if not (isinstance(given.get("on_click"), ast.Constant) and given["on_click"].value == "ignore"):
                    missing.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert missing == []


def test_the_server_watches_no_source_files():
    """Streamlit's source watcher cost about 0.5 s of server CPU for each new session; a deployed app changes
    by a restart (.streamlit/config.toml)."""
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["fileWatcherType"] == "none"
