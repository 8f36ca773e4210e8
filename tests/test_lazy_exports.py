"""The export libraries are imported only when a file is made: a page's first visit does not pay for
reportlab, python-docx, matplotlib or openpyxl (50–90 ms each to import, measured with -X importtime)."""

import ast
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


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_imports_no_export_library(page):
    code = (
        "import importlib, sys\n"
        f"for name in {page_modules(page)!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ModuleNotFoundError:\n"
        "        importlib.import_module(name.rsplit('.', 1)[0])  # a function, not a module\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({EXPORT_LIBRARIES!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"{page.name} imports {done.stdout.strip()} at its first visit"
