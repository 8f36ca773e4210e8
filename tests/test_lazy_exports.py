"""The export libraries are imported only when a file is made: a page's first visit does not pay for
reportlab, python-docx, matplotlib or openpyxl (50–90 ms each to import, measured with -X importtime)."""

import ast
import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

EXPORT_LIBRARIES = ("reportlab", "docx", "matplotlib", "openpyxl")
PAGES = sorted((REPO / "pages").glob("*.py"))


def page_modules(page) -> list[str]:
    """The modules a page script imports at its top (components.x.y for `from components.x import y`)."""
    found = []
    for node in ast.parse(page.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("components"):
            found += [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names]
    return found


@pytest.fixture(scope="module")
def loaded_per_page() -> dict[str, list[str]]:
    """In one fresh interpreter, each page's imports in turn; per page, the export libraries its imports loaded
    (one that an earlier page loaded already fails that page's test)."""
    plan = {page.name: page_modules(page) for page in PAGES}
    code = (
        "import importlib, json, sys\n"
        "found, before = {}, set()\n"
        f"for page, names in {plan!r}.items():\n"
        "    for name in names:\n"
        "        try:\n"
        "            importlib.import_module(name)\n"
        "        except ModuleNotFoundError:\n"
        "            importlib.import_module(name.rsplit('.', 1)[0])  # a function, not a module\n"
        f"    now = {{m.split('.')[0] for m in sys.modules}} & set({EXPORT_LIBRARIES!r})\n"
        "    found[page], before = sorted(now - before), now\n"
        "print(json.dumps(found))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_imports_no_export_library(page, loaded_per_page):
    assert page.name in loaded_per_page
    assert loaded_per_page[page.name] == [], f"{page.name} imports {loaded_per_page[page.name]} at its first visit"
