"""Moving what people wrote from the DuckDB file to PostgreSQL: everything copied, counted and checksummed
per table, safe to run twice, and a target holding other data refused untouched."""

import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from queries.dialogue_model import Participant, Priority
from queries.followup_store import FollowUpStore, Milestone, Resource
from queries.migrate_user_store import checksum, summary, tables
from queries.proposal_store import ProposalStore
from queries.user_store import UserStore
from tests.conftest import REPO


@pytest.fixture()
def filled(tmp_path):
    s = UserStore(tmp_path / "kalla.duckdb", read_only=False)
    p = ProposalStore(s.target).propose("sodertalje", "Ny entré", "Utreds", 3, who="Anna")
    d = s.create("sodertalje", "2026–2027", date(2026, 3, 12), who="Anna")
    d.priorities = [Priority("gemensam-1.1", 1, wording="Stärk", status="prioriterad"), Priority(p.id, 2)]
    d.participants = [Participant("Anna", "Region Stockholm", "region")]
    d = s.decide(s.save(d, who="Anna").id, 2, who="Anna")
    fs = FollowUpStore(s.target)
    pid = d.priorities[0].id
    fs.set_actors(pid, ["region-stockholm"], ["Telge Bostäder"], who="Anna")
    fs.add_milestone(pid, Milestone("Målbild", date(2026, 6, 30)), who="Anna")
    fs.add_resource(pid, Resource(Decimal("1200000.50"), "Region Stockholm", 2027, "beslutad"), who="Anna")
    fs.follow_up(pid, "prioriterad", "pågår", "Startat", who="Omar")
    nxt = s.create("sodertalje", "2028–2029", None, who="Anna", from_dialogue_id=d.id)
    s.create("flemingsberg", "2026–2027", date(2026, 4, 2), who="Omar")  # the third dialogue
    s.put_draft("webbläsare:x", nxt, nxt, who="Anna")
    s.put_text_draft("webbläsare:x", "uppf:fu_note:y", "halv", who="Anna")
    return s, d


def run_tool(source, target):
    return subprocess.run(
        [sys.executable, "-m", "queries.migrate_user_store", "--from", source, "--to", target],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_everything_is_copied_checked_and_a_second_run_changes_nothing(filled, pg_cluster):
    import psycopg

    source, d = filled
    with psycopg.connect(pg_cluster, autocommit=True) as con:
        con.execute('CREATE DATABASE "flytt"')
    target = pg_cluster.rsplit("/", 1)[0] + "/flytt"
    first = run_tool(source.target, target)
    assert first.returncode == 0, first.stderr
    schema = tables(source)
    assert len(schema) == 14 and first.stdout.count("kontrollsumman stämmer") == 14
    moved = UserStore(target, read_only=False)
    assert summary(moved, schema) == summary(source, schema)
    assert summary(source, schema)["dialogues"][0] == 3 and len(moved.list_dialogues()) == 3
    assert (
        all(count for count, _ in summary(source, schema).values() if count)
        and summary(source, schema)["change_log"][0] > 5
    )
    again = moved.load(d.id)
    assert again == source.load(d.id)
    assert list(moved.change_log(d.id)["action"]) == list(source.change_log(d.id)["action"])
    assert FollowUpStore(target).plans([d.priorities[0].id]) == FollowUpStore(source.target).plans([d.priorities[0].id])
    second = run_tool(source.target, target)
    assert second.returncode == 0 and "ingenting kopierades" in second.stdout
    assert summary(moved, schema) == summary(source, schema)


def test_a_target_with_other_data_is_refused_untouched(filled, user_target):
    source, _ = filled
    other = UserStore(user_target, read_only=False)
    other.create("haninge", "2026–2027", None, who="Någon annan")
    schema = tables(source)
    before = summary(other, schema)
    result = run_tool(source.target, user_target)
    assert result.returncode == 1 and "innehåller redan annan användardata" in result.stdout
    assert summary(other, schema) == before


def test_the_checksum_ignores_order_and_sees_a_changed_value():
    rows = [("a", Decimal("1.50"), None), ("b", Decimal("2"), date(2026, 1, 1))]
    assert checksum(rows) == checksum(list(reversed(rows))) == checksum([("a", Decimal("1.5"), None), rows[1]])
    assert checksum(rows) != checksum([("a", Decimal("1.51"), None), rows[1]])


def test_a_backup_made_while_another_process_writes_restores_everything(filled, tmp_path, user_target):
    source, d = filled
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, source.target, d.id], cwd=REPO, text=True, stderr=subprocess.PIPE
    )
    backup = tmp_path / "kopior" / "dialoger-kopia.duckdb"
    made = subprocess.run(
        [sys.executable, "-m", "queries.backup_user_store", "--from", source.target, "--to", str(backup)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert writer.wait(60) == 0, writer.stderr.read()
    assert made.returncode == 0, made.stdout + made.stderr
    again = subprocess.run(
        [sys.executable, "-m", "queries.backup_user_store", "--from", source.target, "--to", str(backup)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 1 and "finns redan" in again.stderr
    restored = run_tool(str(backup), user_target)  # into an empty store, on either backend
    assert restored.returncode == 0, restored.stdout + restored.stderr
    schema = tables(source)
    assert summary(UserStore(user_target), schema) == summary(UserStore(backup), schema)
    assert UserStore(user_target).load(d.id) == source.load(d.id)


WRITER = """
import sys
from queries.user_store import UserStore
s = UserStore(sys.argv[1], read_only=False)
for i in range(20):
    s.put_text_draft("skrivare", f"uppf:k{i}", "text", who="Skrivare")
"""


def test_pg_dump_and_restore_keep_every_row(filled, pg_cluster, tmp_path):
    import psycopg

    from tests.pg_server import binaries

    source, _ = filled
    base = pg_cluster.rsplit("/", 1)[0]
    with psycopg.connect(pg_cluster, autocommit=True) as con:
        con.execute('CREATE DATABASE "dump_fran"')
        con.execute('CREATE DATABASE "dump_till"')
    assert run_tool(source.target, base + "/dump_fran").returncode == 0
    dump = tmp_path / "dialoger.dump"
    subprocess.run(
        [str(binaries() / "pg_dump"), "--format=custom", "--file", str(dump), base + "/dump_fran"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [str(binaries() / "pg_restore"), "--dbname", base + "/dump_till", str(dump)], check=True, capture_output=True
    )
    schema = tables(source)
    assert summary(UserStore(base + "/dump_till"), schema) == summary(source, schema)
