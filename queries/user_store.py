"""The user store (data/dialoger.duckdb): dialogues, participants, priorities and the change log.

The file is opened only for the moment of one read or one write transaction and never held open, so a
notebook can read it between writes (DESIGN.md §3). Every save carries the version it was based on; a
stale save raises StaleVersion with the stored dialogue. No Streamlit here.

Concurrency. Streamlit sessions are threads of one process, and DuckDB allows one configuration
(read-only or read-write) per file and process: every open of a file goes through one process-wide lock
per file (_file_lock), held from open to close of one transaction, so the process has at most one
connection to it. Another process holding the file read-write (or read-only, for a write) makes the
open fail at once; _run retries with back-off for RETRY_SECONDS, re-running the whole transaction (save
re-checks the version inside it), then raises StoreBusy and the caller keeps the edit. Every DuckDB
error leaves as a UserStoreError with a Swedish message; only a file DuckDB calls invalid or corrupt is
reported as such (StoreUnreadable).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import threading
import time
import uuid
from contextlib import suppress
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from data.paths import user_db
from queries.user_schema import MIGRATIONS

STATUSES = ["föreslagen", "prioriterad", "pågår", "genomförd", "avförd"]
SIDES = ["region", "kommun"]
RETRY_SECONDS = 4.0
MAX_TEXT = 4000


class UserStoreError(Exception):
    """A Swedish message fit to show the user."""


class StoreBusy(UserStoreError):
    pass


class ReadOnlyStore(UserStoreError):
    pass


class StoreUnreadable(UserStoreError):
    pass


class StaleVersion(UserStoreError):
    def __init__(self, current: "Dialogue"):
        self.current = current
        super().__init__(f"Dialogen har sparats av någon annan sedan du öppnade den (nu version "
                         f"{current.version}). Din text finns kvar här; jämför och spara igen.")


class DialogueDecided(UserStoreError):
    pass


@dataclass
class Participant:
    name: str
    organisation: str = ""
    side: str = "region"


@dataclass
class Priority:
    intervention_id: str
    rank: int
    wording: str = ""
    owner_actor_id: str | None = None
    next_step: str = ""
    status: str = "föreslagen"
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    carried_from_priority_id: str | None = None


@dataclass
class Dialogue:
    id: str
    core_id: str
    period: str
    meeting_date: date | None
    status: str
    version: int
    notes: str = ""
    previous_dialogue_id: str | None = None
    decided_at: datetime | None = None
    participants: list[Participant] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        return self.status == "beslutad"


def read_only_mode() -> bool:
    return os.environ.get("FARDPLANER_READONLY", "").lower() in ("1", "true", "ja", "yes")


_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()
# What DuckDB says about a file that is not a readable database (checked before any lock wording:
# "checksum ... in block" contains "lock").
_CORRUPT = ("not a valid duckdb database", "corrupt database", "checksum", "could not read enough bytes",
            "database file with version number")


def _file_lock(path: Path) -> threading.Lock:
    """The one lock per store file in this process: at most one connection to the file at a time."""
    key = os.path.normcase(os.path.realpath(path))
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.Lock())


def _kind(exc: duckdb.Error, write: bool) -> str:
    """corrupt, locked (another process), clash or conflict (another connection here), or other."""
    text = str(exc).lower()
    if isinstance(exc, duckdb.SerializationException) or any(m in text for m in _CORRUPT):
        return "corrupt"
    if "could not set lock" in text or "conflicting lock" in text:
        return "locked"
    if isinstance(exc, duckdb.ConnectionException) and "different configuration" in text:
        return "clash"
    if write and isinstance(exc, duckdb.TransactionException):
        return "conflict"
    return "other"


def _busy(write: bool, other_program: bool) -> str:
    by = " av ett annat program" if other_program else ""
    tail = ("Ingenting har sparats, men din ändring finns kvar: försök igen om en stund." if write
            else "Försök igen om en stund.")
    return f"Dialogdatabasen är upptagen{by} just nu. {tail}"


def _failed(write: bool, exc: Exception) -> str:
    what = "sparas just nu. Ingenting har sparats, men din ändring finns kvar." if write else "läsas just nu."
    return (f"Dialogdatabasen kunde inte {what} Försök igen om en stund; kontakta den som förvaltar verktyget "
            f"om det upprepas. (Teknisk orsak: {exc})")


def _in_transaction(con, fn):
    con.execute("BEGIN TRANSACTION")
    try:
        result = fn(con)
        hook = os.environ.get("FARDPLANER_TEST_PAUSE_IN_SAVE")  # kill-during-save test only
        if hook:
            time.sleep(float(hook))
        con.execute("COMMIT")
        return result
    except BaseException:
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


def validate(dialogue: Dialogue) -> list[str]:
    """Swedish problems with a draft before it is saved; empty when it can be saved."""
    problems = []
    if not dialogue.period.strip():
        problems.append("Perioden saknas (t.ex. 2026–2027).")
    for i, p in enumerate(dialogue.participants, start=1):
        if not p.name.strip():
            problems.append(f"Deltagare {i}: namn saknas.")
        if p.side not in SIDES:
            problems.append(f"Deltagare {i}: sidan ska vara region eller kommun.")
    seen = set()
    for p in dialogue.priorities:
        if p.intervention_id in seen:
            problems.append(f"Insatsen {p.intervention_id} finns två gånger i prioriteringarna.")
        seen.add(p.intervention_id)
        if p.status not in STATUSES:
            problems.append(f"Okänd status «{p.status}».")
        for label, text in [("formuleringen", p.wording), ("nästa steg", p.next_step)]:
            if len(text or "") > MAX_TEXT:
                problems.append(f"Texten i {label} är längre än {MAX_TEXT} tecken.")
    if len(dialogue.notes or "") > MAX_TEXT:
        problems.append(f"Anteckningen är längre än {MAX_TEXT} tecken.")
    return problems


class UserStore:
    def __init__(self, path: Path | str | None = None, read_only: bool | None = None):
        self.path = Path(path) if path else user_db()
        self.read_only = read_only_mode() if read_only is None else read_only

    # -- connections -------------------------------------------------------------------------
    def _read(self, fn):
        return self._run(fn, write=False)

    def _write(self, fn):
        """fn(con) in one transaction; on a lock or a conflict the whole of fn runs again."""
        return self._run(fn, write=True)

    def _run(self, fn, write: bool, transaction: bool = True):
        if write and self.read_only:
            raise ReadOnlyStore("Appen körs i läsläge: inget kan sparas.")
        deadline = time.monotonic() + RETRY_SECONDS
        lock = _file_lock(self.path)
        if not lock.acquire(timeout=RETRY_SECONDS):
            raise StoreBusy(_busy(write, other_program=False))  # a session here, or one waiting
        try:
            delay = 0.02
            while True:
                try:
                    return self._once(fn, write, transaction)
                except duckdb.Error as exc:
                    kind = _kind(exc, write)
                    if kind == "corrupt":
                        raise StoreUnreadable(
                            f"Dialogdatabasen ({self.path.name}) går inte att öppna: filen är tom, skadad eller "
                            "inte en DuckDB-databas. Den har inte ändrats. Återställ den senaste säkerhetskopian "
                            "från mappen backups bredvid filen, eller flytta undan filen så skapas en ny, tom; "
                            f"kontakta den som förvaltar verktyget. (Teknisk orsak: {exc})") from exc
                    if kind == "other":
                        raise UserStoreError(_failed(write, exc)) from exc
                    if time.monotonic() + delay > deadline:
                        raise StoreBusy(_busy(write, other_program=kind == "locked")) from exc
                time.sleep(delay * random.uniform(0.5, 1.5))  # jitter: two waiting processes do not collide again
                delay = min(delay * 2, 0.25)
        finally:
            lock.release()

    def _once(self, fn, write: bool, transaction: bool):
        con = duckdb.connect(str(self.path), read_only=not write)
        try:
            return _in_transaction(con, fn) if write and transaction else fn(con)
        finally:
            con.close()

    def exists(self) -> bool:
        return self.path.exists()

    # -- schema ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        if not self.path.exists():
            return 0
        return self._read(self._schema_version)

    @staticmethod
    def _schema_version(con) -> int:
        tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "schema_version" not in tables:
            return 0
        return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def migrate(self) -> int:
        """Create or upgrade the schema; back up an existing file first. Returns the version."""
        current = self.schema_version()
        if current >= len(MIGRATIONS) or self.read_only:
            return current
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._run(self._upgrade, write=True, transaction=False)

    def _upgrade(self, con) -> int:
        current = self._schema_version(con)  # again: another session or process may have migrated since
        if current >= len(MIGRATIONS):
            return current
        if current > 0:
            con.execute("CHECKPOINT")  # a WAL left by a crash goes into the file before it is copied
            backups = self.path.parent / "backups"
            backups.mkdir(exist_ok=True)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            shutil.copy2(self.path, backups / f"{self.path.stem}-v{current}-{stamp}.duckdb")

        def apply(con):
            for number in range(current + 1, len(MIGRATIONS) + 1):
                con.execute(MIGRATIONS[number - 1])
                con.execute("INSERT INTO schema_version VALUES (?, now())", [number])
            return len(MIGRATIONS)
        return _in_transaction(con, apply)

    # -- reads -------------------------------------------------------------------------------
    def list_dialogues(self, core_id: str | None = None) -> pd.DataFrame:
        if not self.path.exists():
            return pd.DataFrame(columns=["id", "core_id", "period", "meeting_date", "status", "version",
                                         "priorities", "created_at", "updated_at"])
        return self._read(lambda con: con.execute(
            "SELECT d.id, d.core_id, d.period, d.meeting_date, d.status, d.version, d.created_at, d.updated_at, "
            "(SELECT count(*) FROM priorities p WHERE p.dialogue_id = d.id) AS priorities "
            "FROM dialogues d WHERE ? IS NULL OR d.core_id = ? ORDER BY d.period DESC, d.created_at DESC",
            [core_id, core_id]).df())

    def load(self, dialogue_id: str) -> Dialogue:
        return self._read(lambda con: self._load(con, dialogue_id))

    @staticmethod
    def _load(con, dialogue_id: str) -> Dialogue:
        row = con.execute("SELECT id, core_id, period, meeting_date, status, version, notes, "
                          "previous_dialogue_id, decided_at FROM dialogues WHERE id = ?",
                          [dialogue_id]).fetchone()
        if row is None:
            raise UserStoreError("Dialogen finns inte (den kan ha tagits bort).")
        d = Dialogue(*row[:6], notes=row[6] or "", previous_dialogue_id=row[7], decided_at=row[8])
        d.participants = [Participant(n, o or "", s) for n, o, s in con.execute(
            "SELECT name, organisation, side FROM participants WHERE dialogue_id = ? ORDER BY position",
            [dialogue_id]).fetchall()]
        d.priorities = [Priority(intervention_id=r[0], rank=r[1], wording=r[2] or "", owner_actor_id=r[3],
                                 next_step=r[4] or "", status=r[5], id=r[6], carried_from_priority_id=r[7])
                        for r in con.execute(
            "SELECT intervention_id, rank, wording, owner_actor_id, next_step, status, id, "
            "carried_from_priority_id FROM priorities WHERE dialogue_id = ? ORDER BY rank",
            [dialogue_id]).fetchall()]
        return d

    def change_log(self, dialogue_id: str) -> pd.DataFrame:
        return self._read(lambda con: con.execute(
            "SELECT changed_at, who, what, before, after FROM change_log WHERE dialogue_id = ? "
            "ORDER BY changed_at DESC", [dialogue_id]).df())

    def previous_priorities(self, dialogue: Dialogue) -> dict[str, Priority]:
        """The priorities a dialogue's priorities were carried from, by their id."""
        if not dialogue.previous_dialogue_id:
            return {}
        previous = self.load(dialogue.previous_dialogue_id)
        return {p.id: p for p in previous.priorities}

    # -- writes ------------------------------------------------------------------------------
    def create(self, core_id: str, period: str, meeting_date: date | None, who: str,
               from_dialogue_id: str | None = None) -> Dialogue:
        """A new draft dialogue; from a previous one, its priorities come along with their status."""
        self.migrate()
        now = datetime.now()
        d = Dialogue(uuid.uuid4().hex, core_id, period.strip(), meeting_date, "utkast", 1,
                     previous_dialogue_id=from_dialogue_id)
        problems = validate(d)
        if problems:
            raise UserStoreError(" ".join(problems))
        def body(con):
            if from_dialogue_id:
                previous = self._load(con, from_dialogue_id)
                d.participants = [replace(p) for p in previous.participants]
                d.priorities = [Priority(p.intervention_id, p.rank, p.wording, p.owner_actor_id,
                                         p.next_step, p.status, carried_from_priority_id=p.id)
                                for p in previous.priorities]
            con.execute("INSERT INTO dialogues VALUES (?, ?, ?, ?, 'utkast', 1, '', ?, ?, ?, NULL)",
                        [d.id, core_id, d.period, meeting_date, from_dialogue_id, now, now])
            self._write_children(con, d, now)
            what = "skapade dialogen" + (f" utifrån föregående period" if from_dialogue_id else "")
            self._log(con, who, d.id, what, None, {"period": d.period, "kärna": core_id})
            return d
        return self._write(body)

    def save(self, draft: Dialogue, who: str) -> Dialogue:
        """Save a whole draft in one transaction if nobody saved since draft.version was loaded."""
        problems = validate(draft)
        if problems:
            raise UserStoreError(" ".join(problems))
        now = datetime.now()
        def body(con):
            current = self._load(con, draft.id)
            if current.decided:
                raise DialogueDecided("Dialogen är beslutad och kan inte ändras. Starta nästa period "
                                      "utifrån den i stället.")
            if current.version != draft.version:
                raise StaleVersion(current)
            changes = describe_changes(current, draft)
            if not changes:
                return current
            con.execute("UPDATE dialogues SET period = ?, meeting_date = ?, notes = ?, version = version + 1, "
                        "updated_at = ? WHERE id = ?",
                        [draft.period.strip(), draft.meeting_date, draft.notes, now, draft.id])
            con.execute("DELETE FROM participants WHERE dialogue_id = ?", [draft.id])
            con.execute("DELETE FROM priorities WHERE dialogue_id = ?", [draft.id])
            self._write_children(con, draft, now)
            for what, before, after in changes:
                self._log(con, who, draft.id, what, before, after)
            return self._load(con, draft.id)
        return self._write(body)

    def decide(self, dialogue_id: str, version: int, who: str) -> Dialogue:
        now = datetime.now()
        def body(con):
            current = self._load(con, dialogue_id)
            if current.decided:
                return current
            if current.version != version:
                raise StaleVersion(current)
            if not current.priorities:
                raise UserStoreError("Dialogen har inga prioriteringar att besluta.")
            con.execute("UPDATE dialogues SET status = 'beslutad', decided_at = ?, updated_at = ?, "
                        "version = version + 1 WHERE id = ?", [now, now, dialogue_id])
            self._log(con, who, dialogue_id, "beslutade prioriteringarna", {"status": "utkast"},
                      {"status": "beslutad", "prioriteringar": len(current.priorities)})
            return self._load(con, dialogue_id)
        return self._write(body)

    @staticmethod
    def _write_children(con, d: Dialogue, now: datetime) -> None:
        for position, p in enumerate(d.participants):
            con.execute("INSERT INTO participants VALUES (?, ?, ?, ?, ?)",
                        [d.id, position, p.name.strip(), p.organisation.strip(), p.side])
        for rank, p in enumerate(sorted(d.priorities, key=lambda x: x.rank), start=1):
            con.execute("INSERT INTO priorities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [p.id, d.id, p.intervention_id, rank, p.wording, p.owner_actor_id, p.next_step,
                         p.status, p.carried_from_priority_id, now, now])

    @staticmethod
    def _log(con, who: str, dialogue_id: str, what: str, before, after) -> None:
        con.execute("INSERT INTO change_log VALUES (?, ?, ?, ?, ?, ?)",
                    [datetime.now(), (who or "okänd").strip()[:200], dialogue_id, what,
                     None if before is None else json.dumps(before, ensure_ascii=False, default=str),
                     None if after is None else json.dumps(after, ensure_ascii=False, default=str)])


def describe_changes(before: Dialogue, after: Dialogue) -> list[tuple[str, dict | None, dict | None]]:
    """What a save changes, as (what, before, after) rows for the change log."""
    out = []
    for label, attr in [("period", "period"), ("mötesdatum", "meeting_date"), ("anteckning", "notes")]:
        if getattr(before, attr) != getattr(after, attr):
            out.append((f"ändrade {label}", {label: getattr(before, attr)}, {label: getattr(after, attr)}))
    if [asdict(p) for p in before.participants] != [asdict(p) for p in after.participants]:
        out.append(("ändrade deltagarna", {"deltagare": [asdict(p) for p in before.participants]},
                    {"deltagare": [asdict(p) for p in after.participants]}))
    old = {p.intervention_id: p for p in before.priorities}
    new = {p.intervention_id: p for p in after.priorities}
    for iid in new.keys() - old.keys():
        out.append((f"lade till {iid}", None, asdict(new[iid])))
    for iid in old.keys() - new.keys():
        out.append((f"tog bort {iid}", asdict(old[iid]), None))
    for iid in new.keys() & old.keys():
        a, b = asdict(old[iid]), asdict(new[iid])
        fields = [k for k in ("wording", "owner_actor_id", "next_step", "status") if a[k] != b[k]]
        if fields:
            out.append((f"ändrade {iid}", {k: a[k] for k in fields}, {k: b[k] for k in fields}))
    order_before = [p.intervention_id for p in sorted(before.priorities, key=lambda p: p.rank)]
    order_after = [p.intervention_id for p in sorted(after.priorities, key=lambda p: p.rank)]
    common = [i for i in order_after if i in old]
    if common != [i for i in order_before if i in new]:
        out.append(("ändrade ordningen", {"ordning": order_before}, {"ordning": order_after}))
    return out
