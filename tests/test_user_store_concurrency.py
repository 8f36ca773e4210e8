"""The user store under concurrency: threads of one process (Streamlit sessions), separate processes,
a notebook holding the file, and honest messages for files that are not a dialogue store."""

import os
import subprocess
import sys
import threading
from collections import Counter

import duckdb
import pytest

from queries.user_store import Participant, StaleVersion, StoreBusy, StoreUnreadable, UserStore, UserStoreError
from tests.conftest import REPO

SAVES = 25
# four writers and two readers on one file take turns on one lock: 12 saves each still interleave them all
# (and make stale saves that are reloaded and retried), at half the time of 25
SAVES_OF_FOUR = 12


def add_participants(store: UserStore, dialogue_id: str, tag: str, n: int) -> None:
    """Append n uniquely named participants, one save each; a stale save is reloaded and retried."""
    for i in range(n):
        while True:
            d = store.load(dialogue_id)
            d.participants.append(Participant(f"{tag}-{i}", "", "region"))
            try:
                store.save(d, who=tag)
                break
            except StaleVersion:
                continue


def assert_each_save_once(store: UserStore, dialogue_id: str, names: list[str]) -> None:
    d = store.load(dialogue_id)
    assert Counter(p.name for p in d.participants) == Counter(names)
    assert d.version == 1 + len(names)
    log = store.change_log(dialogue_id)["what"].tolist()
    assert log.count("ändrade deltagarna") == len(names) and log.count("skapade dialogen") == 1
    assert len(log) == len(names) + 1


def run_threads(targets) -> list[BaseException]:
    errors: list[BaseException] = []

    def guarded(fn):
        try:
            fn()
        except BaseException as exc:  # anything but StaleVersion (handled inside) is a failure
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(fn,)) for fn in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_four_sessions_saving_one_dialogue_lose_nothing_while_others_read(store):
    d = store.create("haninge", "2026–2027", None, who="a")
    done = threading.Event()

    def writer(n):
        return lambda: add_participants(store, d.id, f"t{n}", SAVES_OF_FOUR)

    def reader():
        while not done.is_set():
            store.list_dialogues()
            store.load(d.id)
            store.change_log(d.id)

    writers = [writer(n) for n in range(4)]

    def writers_then_done():
        errors.extend(run_threads(writers))
        done.set()

    errors: list[BaseException] = []
    errors.extend(run_threads([writers_then_done, reader, reader]))
    assert errors == []
    assert_each_save_once(store, d.id, [f"t{n}-{i}" for n in range(4) for i in range(SAVES_OF_FOUR)])


PROCESS_SCRIPT = """
import sys
from queries.user_store import UserStore
from tests.test_user_store_concurrency import add_participants
add_participants(UserStore(sys.argv[1], read_only=False), sys.argv[2], sys.argv[3], int(sys.argv[4]))
"""


def test_two_processes_saving_one_dialogue_lose_nothing(store):
    d = store.create("haninge", "2026–2027", None, who="a")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", PROCESS_SCRIPT, store.target, d.id, f"p{n}", str(SAVES)],
            env=env,
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert results == [(0, ""), (0, "")]
    assert_each_save_once(store, d.id, [f"p{n}-{i}" for n in range(2) for i in range(SAVES)])


def test_a_read_only_and_a_read_write_store_on_one_file_in_one_process(store):
    d = store.create("haninge", "2026–2027", None, who="a")
    viewer = UserStore(store.target, read_only=True)
    done = threading.Event()

    def write():
        try:
            add_participants(store, d.id, "rw", SAVES)
        finally:
            done.set()

    def read():
        while not done.is_set():
            viewer.list_dialogues()
            viewer.load(d.id)
            viewer.change_log(d.id)

    assert run_threads([write, read]) == []
    assert_each_save_once(viewer, d.id, [f"rw-{i}" for i in range(SAVES)])


HOLDER = (
    "import duckdb,sys,time; c=duckdb.connect(sys.argv[1], read_only=sys.argv[2]=='ro'); "
    "print('ok', flush=True); time.sleep(60)"
)


@pytest.fixture()
def notebook(file_store):
    """Start a process that holds the store file open ('rw' or 'ro') until the test ends."""
    procs = []

    def hold(mode):
        p = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(file_store.path), mode], stdout=subprocess.PIPE, text=True
        )
        procs.append(p)
        assert p.stdout.readline().strip() == "ok"

    yield hold
    for p in procs:
        p.kill()
        p.wait()


def test_a_notebook_holding_the_file_makes_reads_and_writes_busy_not_unreadable(file_store, notebook, monkeypatch):
    d = file_store.create("haninge", "2026–2027", None, who="a")
    monkeypatch.setattr("queries.store_file.RETRY_SECONDS", 0.3)
    notebook("rw")
    for attempt in (
        file_store.list_dialogues,
        lambda: file_store.load(d.id),
        lambda: file_store.save(d, who="a"),
        lambda: file_store.create("haninge", "2028–2029", None, who="a"),
    ):
        with pytest.raises(StoreBusy, match="upptagen av ett annat program"):
            attempt()


def test_a_notebook_reading_the_file_lets_the_app_read_but_not_write(file_store, notebook, monkeypatch):
    d = file_store.create("haninge", "2026–2027", None, who="a")
    monkeypatch.setattr("queries.store_file.RETRY_SECONDS", 0.3)
    notebook("ro")
    assert file_store.load(d.id).period == "2026–2027"
    assert len(file_store.list_dialogues()) == 1
    d.notes = "ny anteckning"
    with pytest.raises(StoreBusy, match="Ingenting har sparats"):
        file_store.save(d, who="a")


def test_a_duckdb_file_without_the_dialogue_tables_is_not_called_corrupt(tmp_path):
    path = tmp_path / "annan.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
        con.execute("INSERT INTO schema_version VALUES (99, now())")
    s = UserStore(path, read_only=False)
    for attempt in (s.list_dialogues, lambda: s.load("x")):
        with pytest.raises(UserStoreError, match=r"kunde inte läsas just nu.*\(Teknisk orsak: .*dialogues") as err:
            attempt()
        assert not isinstance(err.value, StoreUnreadable) and "skadad" not in str(err.value)


def test_a_file_corrupt_past_its_header_is_unreadable_not_busy(file_store):
    d = file_store.create("haninge", "2026–2027", None, who="a")
    d.notes = "x" * 3000
    d.participants = [Participant(f"deltagare {i}", "org " * 50, "kommun") for i in range(300)]
    file_store.save(d, who="a")
    data = file_store.path.read_bytes()
    broken = data[:12288] + b"\x00" * (len(data) - 12288)  # header intact, every block zeroed
    file_store.path.write_bytes(broken)
    with pytest.raises(StoreUnreadable, match="skadad"):
        file_store.load(d.id)
    assert file_store.path.read_bytes() == broken


def test_reading_a_missing_store_does_not_create_it(tmp_path):
    s = UserStore(tmp_path / "saknas.duckdb", read_only=False)
    assert s.list_dialogues().empty and s.schema_version() == 0
    with pytest.raises(UserStoreError):
        s.load("x")
    assert not s.path.exists()
