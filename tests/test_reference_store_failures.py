"""The reference store file empty, corrupt, locked or unreadable: the app rebuilds it when it can, and
otherwise says so in Swedish (naming the file) instead of crashing. User data is never touched."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from streamlit.testing.v1 import AppTest

import components.common.store
from data.build import stored_hash
from data.curated_files import DataError
from tests.conftest import REPO

TITLE = "De åtta regionala stadskärnorna"


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    """A store path of the test's own (DuckDB shares one database instance per path in a process)."""
    target = tmp_path / "fardplaner.duckdb"
    monkeypatch.setenv("FARDPLANER_DB", str(target))
    monkeypatch.setenv("FARDPLANER_USER_DB", str(tmp_path / "dialoger.duckdb"))
    components.common.store.reference_store.clear()
    yield target
    components.common.store.reference_store.clear()


def start_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def refused(at: AppTest, page_started: bool = False) -> str:
    assert not at.exception, [e.message for e in at.exception]
    if not page_started:
        assert not at.title, "no page may be shown without a readable store"
    assert len(at.error) == 1
    return at.error[0].value


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00" * 4096, os.urandom(50_000), b"SQLite format 3\x00" + b"x" * 500],
    ids=["empty", "zeros", "random", "other-database"],
)
def test_a_broken_store_file_is_rebuilt_at_start(store_path, content):
    store_path.write_bytes(content)
    at = start_app()
    assert at.title[0].value == TITLE
    assert stored_hash(store_path) is not None  # a real store again


def test_a_store_locked_by_another_program_is_rebuilt_beside_it(store_path):
    locker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time\n"
            f"con = duckdb.connect({str(store_path)!r})\nprint('locked', flush=True)\n"
            "time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout.readline().strip() == "locked"
        at = start_app("pages/insatser.py")
        assert at.title and not at.error
    finally:
        locker.kill()


def test_source_errors_without_any_built_store_stop_with_the_errors_named(store_path, monkeypatch):
    def broken_build(**_):
        raise DataError(["common/cores.csv, rad 3, fält name: värdet saknas"])

    monkeypatch.setattr(components.common.store, "build", broken_build)
    message = refused(AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run())
    assert "fardplaner.duckdb" in message and "källdatan har fel" in message
    assert "common/cores.csv, rad 3, fält name: värdet saknas" in message
    assert "python -m data.build --force" in message


def test_a_build_that_cannot_write_keeps_showing_the_last_built_store(store_path, monkeypatch):
    start_app()  # builds a good store
    components.common.store.reference_store.clear()

    def no_space(**_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(components.common.store, "build", no_space)
    at = start_app()  # (AppTest drops app.py's own elements after switch_page; the browser shows them)
    assert at.title[0].value == TITLE
    assert "No space left on device" in at.warning[0].value
    assert "Sidorna visar den senast byggda datan" in at.warning[0].value


def test_an_unwritable_folder_and_a_corrupt_store_stop_with_a_message(store_path, monkeypatch):
    store_path.write_bytes(os.urandom(10_000))

    def read_only(**_):
        raise PermissionError(13, "Permission denied", str(store_path.parent))

    monkeypatch.setattr(components.common.store, "build", read_only)
    message = refused(AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run())
    assert "Databasen med färdplanerna (fardplaner.duckdb) kan inte läsas" in message
    assert "Permission denied" in message


def test_a_store_corrupted_while_the_app_runs_stops_the_page_with_a_message(store_path):
    at = start_app("pages/insatser.py")
    garbage = store_path.with_name("garbage")
    garbage.write_bytes(os.urandom(20_000))
    time.sleep(0.01)
    os.replace(garbage, store_path)  # a new file under the store's name
    at.text_input(key="q").set_value("cykel").run()
    message = refused(at, page_started=True)  # the page's title came before its first query
    assert not at.dataframe
    assert "fardplaner.duckdb" in message and "kan inte läsas" in message


def test_the_failed_start_is_not_remembered(store_path, monkeypatch):
    store_path.write_bytes(os.urandom(10_000))
    monkeypatch.setattr(components.common.store, "build", lambda **_: (_ for _ in ()).throw(OSError(5, "I/O error")))
    refused(AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run())
    monkeypatch.undo()
    monkeypatch.setenv("FARDPLANER_DB", str(store_path))
    monkeypatch.setenv("FARDPLANER_USER_DB", str(store_path.with_name("dialoger.duckdb")))
    assert start_app().title[0].value == TITLE  # the next page load retries and builds
