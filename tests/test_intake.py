"""The one intake (data/intake.py) and the one write path (data/curated_write.py), on real files:

- a corpus of bad files (tests/intake_corpus.py) for both imports: each refused within 2 s with a Swedish
  message naming the file (and row and column where a cell is at fault), and the curated folder, the
  reference store and the user store byte-identical afterwards;
- both imports at once, as threads and as processes: both results are in the store;
- read-only mode with a changed input: no file in the data folder changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from data import indicator_import as ii
from data import roadmap_import as ri
from data.build import build
from queries.runner import ReferenceStore
from queries.user_store import UserStore
from tests import intake_corpus
from tests.conftest import REPO
from tests.test_roadmap_import import changed_sodertalje

LIMIT_SECONDS = 2.0  # CPU time of the reading thread (the intake's own parse-time limit is 1.5 s of it)
WALL_SECONDS = 8.0  # generous: the machine is shared, so the clock also counts others' work
TIMES: dict[str, float] = {}


def digest(*paths: Path) -> dict[str, str]:
    """sha256 of every file under the paths (names included), to prove that nothing changed."""
    out = {}
    for base in paths:
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for p in files:
            if p.is_file():
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A copy of data/curated, its store and a migrated user store; the app's variables point at them."""
    root = tmp_path_factory.mktemp("intake")
    curated, store, users = root / "curated", root / "fardplaner.duckdb", root / "dialoger.duckdb"
    shutil.copytree(REPO / "data" / "curated", curated, ignore=shutil.ignore_patterns(".*"))
    build(store, force=True, curated=curated)
    UserStore(users, read_only=False).migrate()
    saved = {
        k: os.environ.get(k)
        for k in ("FARDPLANER_CURATED", "FARDPLANER_DB", "FARDPLANER_USER_DB", "FARDPLANER_READONLY")
    }
    os.environ.update(FARDPLANER_CURATED=str(curated), FARDPLANER_DB=str(store), FARDPLANER_USER_DB=str(users))
    os.environ.pop("FARDPLANER_READONLY", None)
    s = ReferenceStore(store)
    catalog = ii.Catalog.from_frames(s.run("import_catalog"), s.run("import_existing_values"))
    s._con.close()
    yield curated, store, users, catalog
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


INDICATOR = intake_corpus.indicator_cases()
TEMPLATE = ri.export_template("sodertalje", REPO / "data" / "curated")
ROADMAP = intake_corpus.roadmap_cases(TEMPLATE)


def test_the_corpus_is_large_enough():
    assert len(INDICATOR) + len(ROADMAP) >= 60
    assert len({c.id for c in INDICATOR + ROADMAP}) == len(INDICATOR + ROADMAP)


def _assert_message(case, text: str) -> None:
    assert any(name in text for name, _ in case.files), text
    for word in case.words:
        assert word in text, (word, text)
    if case.at_cell:
        assert ", rad " in text and ", kolumn «" in text, text


@pytest.mark.parametrize("case", INDICATOR, ids=[c.id for c in INDICATOR])
def test_a_bad_indicator_file_is_refused_quickly_and_nothing_changes(world, case):
    curated, store, users, catalog = world
    before = digest(curated, store, users)
    [(name, data)] = case.files
    started, cpu = time.perf_counter(), time.thread_time()
    parsed = ii.parse(name, data)
    rows, problems = ii.validate(parsed, catalog)
    TIMES[case.id] = elapsed = time.thread_time() - cpu
    wall = time.perf_counter() - started
    assert problems, f"{case.id} was accepted"
    _assert_message(case, "\n".join(p.text(parsed.file) for p in problems))
    assert elapsed < LIMIT_SECONDS and wall < WALL_SECONDS, (elapsed, wall)
    if rows:  # the valid rows of a refused file are never saved by the page; nor does apply() mix them in
        assert len(rows) < max(1, len(parsed.rows))
    assert digest(curated, store, users) == before


@pytest.mark.parametrize("case", ROADMAP, ids=[c.id for c in ROADMAP])
def test_a_bad_roadmap_file_is_refused_quickly_and_nothing_changes(world, case):
    curated, store, users, _ = world
    before = digest(curated, store, users)
    started, cpu = time.perf_counter(), time.thread_time()
    plan = ri.prepare(case.files, curated, origin=case.files[0][0] if len(case.files) == 1 else "mall")
    TIMES[case.id] = elapsed = time.thread_time() - cpu
    wall = time.perf_counter() - started
    assert not plan.ok, f"{case.id} was accepted"
    _assert_message(case, "\n".join(plan.problems))
    assert elapsed < LIMIT_SECONDS and wall < WALL_SECONDS, (elapsed, wall)
    with pytest.raises(ri.ImportRefused):
        ri.apply(plan, store)
    assert digest(curated, store, users) == before


def test_html_and_markdown_in_free_text_are_kept_as_text_with_a_note(world):
    _, _, _, catalog = world
    parsed = ii.parse(
        "v.csv",
        (intake_corpus.HEADER + intake_corpus._line(kalla="[Klicka här](https://x.example) <b>SCB</b>")).encode(),
    )
    rows, problems = ii.validate(parsed, catalog)
    assert not problems and rows[0].source == "[Klicka här](https://x.example) <b>SCB</b>"
    assert any("v.csv, rad 2, kolumn «kalla»" in n and "vanlig text" in n for n in parsed.notes)


# -- both imports at once -------------------------------------------------------------------------------
INDICATOR_ROW = "boende-i-karnan;haninge;2024;41000;Haninge kommun 2024\n"


def _fresh(tmp_path: Path) -> tuple[Path, Path]:
    curated, store = tmp_path / "curated", tmp_path / "fardplaner.duckdb"
    shutil.copytree(REPO / "data" / "curated", curated, ignore=shutil.ignore_patterns(".*"))
    build(store, force=True, curated=curated)
    return curated, store


def _both_in(store: Path) -> None:
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT title FROM interventions WHERE id = 'sodertalje-1.3'").fetchall() == [
            ("Ny titel för 1.3",)
        ]
        assert con.execute(
            "SELECT value FROM indicator_values WHERE indicator_id = 'boende-i-karnan' AND "
            "geography = 'haninge' AND year = 2024"
        ).fetchall() == [(41000.0,)]
        stored = con.execute("SELECT input_hash FROM build_info").fetchone()[0]
    from data.build import input_hash

    assert stored == input_hash(store.parent / "curated"), "the store is the build of the files as they are"


def test_both_imports_at_once_in_threads(tmp_path, monkeypatch):
    curated, store = _fresh(tmp_path)
    monkeypatch.setenv("FARDPLANER_CURATED", str(curated))
    monkeypatch.setenv("FARDPLANER_DB", str(store))
    monkeypatch.delenv("FARDPLANER_READONLY", raising=False)
    plan = ri.prepare([("ny.xlsx", changed_sodertalje(TEMPLATE))], curated)
    s = ReferenceStore(store)
    catalog = ii.Catalog.from_frames(s.run("import_catalog"), s.run("import_existing_values"))
    s._con.close()
    rows, problems = ii.validate(ii.parse("v.csv", (intake_corpus.HEADER + INDICATOR_ROW).encode()), catalog)
    assert plan.ok and not problems
    start, errors = threading.Barrier(2), []

    def run(fn):
        start.wait()
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(lambda: ri.apply(plan, store),)),
        threading.Thread(target=run, args=(lambda: ii.apply(rows, "v.csv", curated=curated, target=store),)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    _both_in(store)


SCRIPT_INDICATOR = """
import sys
from pathlib import Path
from data import indicator_import as ii
from queries.runner import ReferenceStore
s = ReferenceStore(Path(sys.argv[2]))
cat = ii.Catalog.from_frames(s.run("import_catalog"), s.run("import_existing_values"))
s._con.close()
rows, problems = ii.validate(ii.parse("v.csv", sys.argv[3].encode()), cat)
assert not problems, problems
open(sys.argv[4], "w").write("ready")
import time
while not Path(sys.argv[5]).exists():
    time.sleep(0.01)
ii.apply(rows, "v.csv", curated=Path(sys.argv[1]), target=Path(sys.argv[2]))
print("ok")
"""
SCRIPT_ROADMAP = """
import sys, time
from pathlib import Path
from data import roadmap_import as ri
plan = ri.prepare(Path(sys.argv[3]), Path(sys.argv[1]))
assert plan.ok, plan.problems
open(sys.argv[4], "w").write("ready")
while not Path(sys.argv[5]).exists():
    time.sleep(0.01)
ri.apply(plan, Path(sys.argv[2]))
print("ok")
"""


def test_both_imports_at_once_in_two_processes(tmp_path):
    curated, store = _fresh(tmp_path)
    upload = tmp_path / "ny.xlsx"
    upload.write_bytes(changed_sodertalje(TEMPLATE))
    go = tmp_path / "go"
    env = {**os.environ, "FARDPLANER_CURATED": str(curated), "FARDPLANER_DB": str(store)}
    env.pop("FARDPLANER_READONLY", None)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                SCRIPT_ROADMAP,
                str(curated),
                str(store),
                str(upload),
                str(tmp_path / "ready-1"),
                str(go),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                SCRIPT_INDICATOR,
                str(curated),
                str(store),
                intake_corpus.HEADER + INDICATOR_ROW,
                str(tmp_path / "ready-2"),
                str(go),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
    ]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready-{i}").exists() for i in (1, 2)):
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        time.sleep(0.05)
    go.write_text("go")
    results = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    _both_in(store)


# -- read-only means read-only --------------------------------------------------------------------------
@pytest.mark.parametrize("with_store", [True, False], ids=["last build", "no build yet"])
def test_read_only_mode_with_a_changed_input_writes_nothing_in_the_data_folder(tmp_path, monkeypatch, with_store):
    import components.common.store
    from tests.conftest import open_page

    data = tmp_path / "data"
    curated, store = data / "curated", data / "fardplaner.duckdb"
    shutil.copytree(REPO / "data" / "curated", curated, ignore=shutil.ignore_patterns(".*"))
    if with_store:
        build(store, force=True, curated=curated)
        UserStore(data / "dialoger.duckdb", read_only=False).migrate()
    changes = curated / "common" / "changes.csv"
    changes.write_text(changes.read_text("utf-8") + "2026-12-01,En ändring efter bygget,\n", "utf-8")
    for key, value in (
        ("FARDPLANER_CURATED", curated),
        ("FARDPLANER_DB", store),
        ("FARDPLANER_USER_DB", data / "dialoger.duckdb"),
        ("FARDPLANER_READONLY", " 1"),
    ):
        monkeypatch.setenv(key, str(value))
    before = digest(data)
    components.common.store.reference_store.clear()
    try:
        for page in ("start.py", "insatser.py", "dialog.py", "lagesbild.py", "importera.py"):
            open_page(page, timeout=120)
        assert build(store, force=True, curated=curated) is False
        assert ri.main(["--versions"]) == 0
    finally:
        components.common.store.reference_store.clear()
    assert digest(data) == before
    assert sorted(p.name for p in data.iterdir()) == sorted(
        before and {Path(k).relative_to(data).parts[0] for k in before}
    )


def test_report_the_slowest_refusal():
    """Printed with -s: the measured refusal times of the corpus (run after the corpus in one worker)."""
    if TIMES:
        slowest = max(TIMES, key=TIMES.get)
        print(f"\n{len(TIMES)} refusals, slowest {slowest}: {TIMES[slowest]:.3f} s")
        assert TIMES[slowest] < LIMIT_SECONDS


def test_markdown_in_an_imported_actor_name_reaches_the_card_as_text(tmp_path, monkeypatch):
    """An actor named '[Klicka här](https://…)' with an external image: the Insatser card shows the characters."""
    import components.common.store
    from tests.conftest import open_page

    curated, store = tmp_path / "curated", tmp_path / "fardplaner.duckdb"
    shutil.copytree(REPO / "data" / "curated", curated, ignore=shutil.ignore_patterns(".*"))
    evil = "[Klicka här](https://x.example) ![](https://x.example/bild.png)"
    for path in curated.glob("*/actors.csv"):
        path.write_text(
            path.read_text("utf-8").replace("trafikverket,Trafikverket,", f'trafikverket,"{evil}",'), "utf-8"
        )
    build(store, force=True, curated=curated)
    monkeypatch.setenv("FARDPLANER_CURATED", str(curated))
    monkeypatch.setenv("FARDPLANER_DB", str(store))
    components.common.store.reference_store.clear()
    try:
        at = open_page("insatser.py", timeout=120, karna="sodertalje")
        at.selectbox(key="visa_insats").select("gemensam-4.1").run()
        shown = "\n".join(m.value for m in at.markdown)
    finally:
        components.common.store.reference_store.clear()
    assert "\\[Klicka här\\]\\(https://x\\.example\\) \\!\\[\\]\\(https://x\\.example/bild\\.png\\)" in shown
