"""The user store: a whole dialogue, stale saves, locking, kill during save, migrations, read-only."""

import os
import signal
import subprocess
import sys
import time
from datetime import date

import duckdb
import pytest

from data.build import build
from queries.user_store import (
    DialogueDecided,
    Participant,
    Priority,
    ReadOnlyStore,
    StaleVersion,
    StoreBusy,
    UserStore,
    UserStoreError,
)
from tests.conftest import REPO


def shortlist(*ids):
    return [Priority(iid, rank) for rank, iid in enumerate(ids, start=1)]


def test_whole_dialogue_round_trip(store):
    d = store.create("sodertalje", "2026–2027", date(2026, 3, 12), who="Anna (tjänsteperson)")
    d.participants = [
        Participant("Karin Ek", "Region Stockholm", "region"),
        Participant("Omar Ali", "Södertälje kommun", "kommun"),
    ]
    d.priorities = shortlist("gemensam-1.1", "sodertalje-1.3", "gemensam-2.1", "sodertalje-3.5", "sodertalje-4.4")
    d = store.save(d, who="Anna")
    assert d.version == 2
    d.priorities[0], d.priorities[1] = d.priorities[1], d.priorities[0]
    for rank, p in enumerate(d.priorities, start=1):
        p.rank = rank
    d.priorities[0].wording = "Gemensam målbild för stationsmiljöerna"
    d.priorities[0].owner_actor_id = "sodertalje-kommun"
    d.priorities[0].status = "prioriterad"
    d = store.save(d, who="Anna")
    decided = store.decide(d.id, d.version, who="Ordföranden")
    assert decided.status == "beslutad" and decided.decided_at is not None
    again = store.load(d.id)
    assert [p.intervention_id for p in again.priorities] == [
        "sodertalje-1.3",
        "gemensam-1.1",
        "gemensam-2.1",
        "sodertalje-3.5",
        "sodertalje-4.4",
    ]
    assert again.priorities[0].wording == "Gemensam målbild för stationsmiljöerna"
    assert [p.name for p in again.participants] == ["Karin Ek", "Omar Ali"]
    log = store.change_log(d.id)
    assert {"created", "order", "field", "decided"} <= set(log["action"])
    assert {"wording", "owner_actor_id", "status"} == set(
        log[(log["subject"] == "sodertalje-1.3") & (log["action"] == "field")]["field"]
    )
    assert set(log["who"]) == {"Anna (tjänsteperson)", "Anna", "Ordföranden"}
    with pytest.raises(DialogueDecided):
        store.save(again, who="Anna")


def test_next_period_starts_from_the_previous_priorities(store):
    d = store.create("flemingsberg", "2026–2027", None, who="x")
    d.priorities = shortlist("gemensam-1.1", "gemensam-3.1")
    d.priorities[1].status = "genomförd"
    d = store.save(d, who="x")
    store.decide(d.id, d.version, who="x")
    nxt = store.create("flemingsberg", "2028–2029", None, who="y", from_dialogue_id=d.id)
    assert [p.intervention_id for p in nxt.priorities] == ["gemensam-1.1", "gemensam-3.1"]
    assert [p.status for p in nxt.priorities] == ["föreslagen", "genomförd"]
    previous = store.previous_priorities(store.load(nxt.id))
    assert set(previous) == {p.carried_from_priority_id for p in nxt.priorities}
    assert previous[nxt.priorities[1].carried_from_priority_id].status == "genomförd"


def test_stale_save_is_refused_and_nothing_is_lost(store):
    d = store.create("haninge", "2026–2027", None, who="a")
    mine, theirs = store.load(d.id), store.load(d.id)
    theirs.priorities = shortlist("gemensam-4.1")
    store.save(theirs, who="b")
    mine.priorities = shortlist("gemensam-2.2")
    mine.priorities[0].wording = "min text"
    with pytest.raises(StaleVersion) as err:
        store.save(mine, who="a")
    assert err.value.current.priorities[0].intervention_id == "gemensam-4.1"
    assert mine.priorities[0].wording == "min text"  # the caller still has the edit
    assert store.load(d.id).priorities[0].intervention_id == "gemensam-4.1"


def test_invalid_drafts_are_refused_with_swedish_messages(store):
    d = store.create("haninge", "2026–2027", None, who="a")
    d.participants = [Participant("", "Haninge kommun", "kommun")]
    d.priorities = shortlist("gemensam-1.1", "gemensam-1.1")
    with pytest.raises(UserStoreError, match="Deltagare 1: namn saknas.*två gånger"):
        store.save(d, who="a")
    with pytest.raises(UserStoreError, match="Perioden saknas"):
        store.create("haninge", "  ", None, who="a")


def test_a_locked_file_gives_a_clear_busy_message(file_store, monkeypatch):
    monkeypatch.setattr("queries.store_file.RETRY_SECONDS", 0.3)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(30)",
            str(file_store.path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreBusy, match="upptagen"):
            file_store.create("haninge", "2026–2027", None, who="a")
    finally:
        holder.kill()
        holder.wait()
    assert file_store.list_dialogues().empty


def test_another_process_can_read_between_writes(file_store):
    d = file_store.create("sodertalje", "2026–2027", None, who="a")
    with duckdb.connect(str(file_store.path), read_only=True) as notebook:
        assert notebook.execute("SELECT period FROM dialogues").fetchall() == [("2026–2027",)]
    file_store.save(d, who="a")  # no changes: nothing written, still fine


WRITE_ONCE = """
import sys
import queries.store_file
from queries.user_store import UserStore
queries.store_file.RETRY_SECONDS = float(sys.argv[2])
UserStore(sys.argv[1], read_only=False).create("haninge", "2030–2031", None, who="the other process")
"""


def test_reads_in_one_block_share_a_connection_and_let_go_for_a_write(file_store, monkeypatch):
    d = file_store.create("sodertalje", "2026–2027", None, who="a")
    opened = []
    connect = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: opened.append(k.get("read_only")) or connect(*a, **k))
    with file_store.reading():
        assert file_store.load(d.id).period == "2026–2027"
        assert file_store.version_of(d.id) == 1
        assert len(file_store.list_dialogues()) == 1
        assert opened == [True]  # three reads, one open
        other = subprocess.run(  # the block holds the file: another process's write waits, then gives up
            [sys.executable, "-c", WRITE_ONCE, str(file_store.path), "0.5"],
            cwd=REPO,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert other.returncode != 0 and "upptagen av ett annat program" in other.stderr
        file_store.create("haninge", "2028–2029", None, who="a")  # a write here lets go of the block's file first
        assert sorted(file_store.list_dialogues()["period"]) == ["2026–2027", "2028–2029"]  # and reads again
        assert opened == [True, False, True]
    subprocess.run([sys.executable, "-c", WRITE_ONCE, str(file_store.path), "4"], cwd=REPO, check=True)  # let go
    assert len(file_store.list_dialogues()) == 3


def test_a_block_of_reads_lets_go_of_the_file_when_it_fails(file_store):
    with pytest.raises(UserStoreError), file_store.reading():
        file_store._read(lambda con: con.execute("SELECT * FROM no_such_table"))
    file_store.create("haninge", "2028–2029", None, who="a")  # the lock and the connection are gone


KILL_SCRIPT = """
import sys
from queries.user_store import UserStore, Priority
s = UserStore(sys.argv[1], read_only=False)
d = s.load(sys.argv[2])
d.priorities = [Priority("gemensam-1.1", 1), Priority("gemensam-1.2", 2)]
print("saving", flush=True)
s.save(d, who="killed")
"""


def test_killing_the_app_during_a_save_loses_nothing_saved_before(file_store):
    d = file_store.create("sodertalje", "2026–2027", None, who="a")
    d.priorities = shortlist("gemensam-4.1")
    d = file_store.save(d, who="a")
    env = {**os.environ, "FARDPLANER_TEST_PAUSE_IN_SAVE": "30", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(file_store.path), d.id],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert proc.stdout.readline().strip() == "saving"
    time.sleep(1.0)  # inside the transaction, paused before COMMIT
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = file_store.load(d.id)
    assert after.version == d.version
    assert [p.intervention_id for p in after.priorities] == ["gemensam-4.1"]
    assert "killed" not in set(file_store.change_log(d.id)["who"])


def test_read_only_mode_refuses_every_write(user_target, monkeypatch):
    writable = UserStore(user_target, read_only=False)
    d = writable.create("haninge", "2026–2027", None, who="a")
    monkeypatch.setenv("FARDPLANER_READONLY", "1")
    ro = UserStore(user_target)
    assert ro.read_only
    assert ro.load(d.id).period == "2026–2027"
    with pytest.raises(ReadOnlyStore, match="läsläge"):
        ro.save(ro.load(d.id), who="x")
    with pytest.raises(ReadOnlyStore):
        ro.create("haninge", "2028–2029", None, who="x")


def test_migration_backs_up_an_existing_file(tmp_path, monkeypatch):
    path = tmp_path / "dialoger.duckdb"
    s = UserStore(path, read_only=False)
    d = s.create("haninge", "2026–2027", None, who="a")
    import queries.user_store as us

    monkeypatch.setattr(us, "MIGRATIONS", [*us.MIGRATIONS, "ALTER TABLE dialogues ADD COLUMN place VARCHAR;"])
    assert s.migrate() == len(us.MIGRATIONS)
    backups = list((tmp_path / "backups").glob(f"dialoger-v{len(us.MIGRATIONS) - 1}-*.duckdb"))
    assert len(backups) == 1
    assert s.load(d.id).period == "2026–2027"


def test_rebuilding_the_reference_store_keeps_user_data(tmp_path, monkeypatch):
    monkeypatch.setenv("FARDPLANER_DB", str(tmp_path / "ref.duckdb"))
    monkeypatch.setenv("FARDPLANER_USER_DB", str(tmp_path / "dialoger.duckdb"))
    build(force=True)
    s = UserStore(read_only=False)
    d = s.create("sodertalje", "2026–2027", None, who="a")
    d.priorities = shortlist("sodertalje-1.3")
    s.save(d, who="a")
    before = (tmp_path / "dialoger.duckdb").read_bytes()
    build(force=True)
    assert (tmp_path / "dialoger.duckdb").read_bytes() == before
    assert s.load(d.id).priorities[0].intervention_id == "sodertalje-1.3"


def test_a_corrupt_file_is_refused_in_swedish_and_left_unchanged(tmp_path):
    path = tmp_path / "dialoger.duckdb"
    path.write_bytes(b"\x00garbage" * 512)
    s = UserStore(path, read_only=False)
    for attempt in (s.migrate, s.list_dialogues, lambda: s.create("haninge", "2026–2027", None, who="a")):
        with pytest.raises(UserStoreError, match="går inte att öppna: filen är tom, skadad"):
            attempt()
    assert path.read_bytes() == b"\x00garbage" * 512
