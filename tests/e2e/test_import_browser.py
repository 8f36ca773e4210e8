"""«Läs in färdplan» in Chromium: download the template, upload a changed one, preview, confirm, see it.

The server of this module imports into a copy of data/curated and a copy of the store (never the repo's).
"""

import io
import os
import shutil

import pytest
from openpyxl import load_workbook

from data import roadmap_import as ri
from tests.conftest import REPO
from tests.e2e.conftest import streamlit_server, wait_for_app
from tests.test_roadmap_import import changed_sodertalje


@pytest.fixture(scope="module")
def import_server(ref_db, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("import-server")
    curated = tmp / "curated"
    shutil.copytree(REPO / "data" / "curated", curated, ignore=shutil.ignore_patterns(".*"))
    store = tmp / "fardplaner.duckdb"
    shutil.copy(ref_db, store)
    env = {
        **os.environ,
        "FARDPLANER_DB": str(store),
        "FARDPLANER_USER_DB": str(tmp / "dialoger.duckdb"),
        "FARDPLANER_CURATED": str(curated),
    }
    env.pop("FARDPLANER_READONLY", None)
    with streamlit_server(env, tmp / "streamlit.log") as url:
        yield url, curated, tmp


def test_import_a_changed_roadmap_in_the_browser(import_server, page):
    url, curated, tmp = import_server
    page.goto(url + "/importera")
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ned mallen (Excel)").click()
    template = open(info.value.path(), "rb").read()
    assert info.value.suggested_filename == "fardplan-mall-sodertalje.xlsx"
    assert load_workbook(io.BytesIO(template))["Källa"]["A2"].value == "fardplan-sodertalje-2026"

    upload = tmp / "ny.xlsx"
    upload.write_bytes(changed_sodertalje(template))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
    page.get_by_role("button", name="Läs in färdplanen").wait_for(timeout=120000)
    wait_for_app(page)
    assert "Filen är kontrollerad utan fel" in page.locator('[data-testid="stAlert"]').all_text_contents()[0]
    grid = page.locator('[data-testid="stDataFrame"] table[role="grid"]').first
    assert "4.5 – En ny insats" in grid.text_content()
    assert not (curated / ".versions").exists(), "nothing is written before the confirmation"

    page.get_by_role("button", name="Läs in färdplanen").click()
    page.get_by_text("är inläst i curated/sodertalje-2026").wait_for(timeout=120000)
    wait_for_app(page)
    assert len(ri.list_versions(curated)) == 1

    for query, title in (("Ny titel", "Ny titel för 1.3"), ("En ny insats", "En ny insats")):
        page.goto(url + f"/insatser?karna=sodertalje&q={query.replace(' ', '+')}")
        wait_for_app(page)
        grid = page.locator('[data-testid="stDataFrame"] table[role="grid"]').first
        grid.wait_for(state="attached")
        assert title in grid.text_content()
