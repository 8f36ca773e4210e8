"""Shared fixtures: a reference store built from the repo's sources into a temporary directory."""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from data.build import build

REPO = Path(__file__).resolve().parents[1]


def _scan_components_once() -> None:
    """Every AppTest run scans all installed packages' metadata for Streamlit components (about 0.3 s of CPU
    each time, measured, in streamlit.components.v2.manifest_scanner). The installed packages do not change
    during a test run, so the scan is made once per process and its result reused."""
    from streamlit.components.v2 import manifest_scanner

    scan = functools.lru_cache(maxsize=None)(manifest_scanner.scan_component_manifests)
    manifest_scanner.scan_component_manifests = lambda max_workers=None: list(scan(max_workers))


_scan_components_once()
SEEDS = REPO / "data" / "sources" / "seeds"


@pytest.fixture(scope="session")
def ref_db(tmp_path_factory) -> Path:
    """Build the store once per test session (per xdist worker) and point the app at it."""
    path = tmp_path_factory.mktemp("store") / "fardplaner.duckdb"
    build(path, force=True)
    os.environ["FARDPLANER_DB"] = str(path)
    os.environ["FARDPLANER_USER_DB"] = str(path.with_name("dialoger.duckdb"))
    return path


@pytest.fixture(scope="session")
def built_template(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of data/curated and a store built from it, once per worker: the original that built_copy copies."""
    root = tmp_path_factory.mktemp("built-template")
    curated = root / "curated"
    shutil.copytree(REPO / "data" / "curated", curated, ignore=shutil.ignore_patterns(".*"))
    build(root / "fardplaner.duckdb", force=True, curated=curated)
    return curated, root / "fardplaner.duckdb"


def built_copy(template: tuple[Path, Path], into: Path) -> tuple[Path, Path]:
    """A test's own copy of data/curated and of the store built from it (its input hash matches the copy, so the
    app's start-up check keeps it): a copy instead of a build per test. Its own path, because DuckDB shares
    one database instance per path within a process."""
    curated, store = template
    shutil.copytree(curated, into / "curated")
    shutil.copyfile(store, into / "fardplaner.duckdb")
    return into / "curated", into / "fardplaner.duckdb"


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    """The small store built by code for the UI tests (tests/fixture_store.py), once per worker."""
    from tests.fixture_store import build_fixture_store

    return build_fixture_store(tmp_path_factory.mktemp("fixture-store"))


@pytest.fixture()
def on_fixture_store(fixture_db, monkeypatch):
    """Point the app at the fixture store and its curated folder (so its start-up build keeps it), and
    yield a read-only connection to it."""
    monkeypatch.setenv("FARDPLANER_DB", str(fixture_db))
    monkeypatch.setenv("FARDPLANER_CURATED", str(fixture_db.parent / "curated"))
    monkeypatch.setenv("FARDPLANER_USER_DB", str(fixture_db.with_name(f"dialoger-{os.getpid()}.duckdb")))
    con = duckdb.connect(str(fixture_db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def ref_con(ref_db):
    con = duckdb.connect(str(ref_db), read_only=True)
    yield con
    con.close()


def page_table() -> list[tuple[str, str, str, str, str]]:
    """app.py's PAGE_TABLE (file, title, icon, URL path, help), read without running the app."""
    import ast

    tree = ast.parse((REPO / "app.py").read_text("utf-8"))
    return ast.literal_eval(
        next(
            n.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "PAGE_TABLE"
        )
    )


def open_page(page: str | None = None, timeout: int = 60, **query):
    """app.py under AppTest with the URL's query parameters, switched to pages/<page>; fails on an exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    if page:  # the first run is the page itself, as when a browser opens its URL (not Start, then the page)
        at._page_hash = page_hash(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def page_hash(page: str) -> str:
    """The script hash Streamlit gives pages/<page> (st.Page hashes its url_path). AppTest's switch_page
    can only find it after a first run, which would draw Start (the map and the chart) before every page."""
    from streamlit.util import calc_hash

    [url] = [url for file, _, _, url, _ in page_table() if file == f"pages/{page}"]
    return calc_hash(url)


def rows(con, sql: str, *params) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def seed_text(name: str) -> str:
    return " ".join((SEEDS / name).read_text("utf-8").split())


@pytest.fixture()
def app_store(ref_db, tmp_path, monkeypatch):
    """An empty, migrated user store that the app under AppTest writes to (FARDPLANER_USER_DB), writable."""
    from queries.user_store import UserStore

    path = tmp_path / "dialoger.duckdb"
    monkeypatch.setenv("FARDPLANER_USER_DB", str(path))
    monkeypatch.delenv("FARDPLANER_READONLY", raising=False)
    s = UserStore(path, read_only=False)
    s.migrate()
    return s


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL cluster on loopback for this worker (tests/pg_server.py)."""
    from tests.pg_server import postgres_cluster

    with postgres_cluster() as url:
        yield url


@pytest.fixture(params=["duckdb", "postgres"])
def user_target(request, tmp_path):
    """Where a user store lives, once per backend: a new DuckDB file, or a new PostgreSQL database."""
    if request.param == "duckdb":
        yield str(tmp_path / "dialoger.duckdb")
        return
    import uuid

    import psycopg

    from queries.store_pg import close_pool

    base = request.getfixturevalue("pg_cluster")
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')  # a generated name, no input
    url = base.rsplit("/", 1)[0] + "/" + name
    yield url
    close_pool(url)
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture()
def store(user_target):
    """A migrated user store, once on a DuckDB file and once on PostgreSQL (the same test functions)."""
    from queries.user_store import UserStore

    s = UserStore(user_target, read_only=False)
    s.migrate()
    return s


@pytest.fixture()
def file_store(tmp_path):
    """A migrated user store on a DuckDB file, for what only a file has (locks, copies, corruption)."""
    from queries.user_store import UserStore

    s = UserStore(tmp_path / "dialoger.duckdb", read_only=False)
    s.migrate()
    return s
