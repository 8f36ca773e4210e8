"""One DuckDB file used by many sessions and processes: opened per read or write transaction, never held.

Concurrency. Streamlit sessions are threads of one process, and DuckDB allows one configuration
(read-only or read-write) per file and process: every open of a file goes through one process-wide lock
per file (_file_lock), held from open to close of one transaction, so the process has at most one
connection to it. Another process holding the file read-write (or read-only, for a write) makes the
open fail at once; _run retries with back-off for RETRY_SECONDS, re-running the whole transaction (a save
re-checks the version inside it), then raises StoreBusy and the caller keeps the edit. Every DuckDB
error leaves as a UserStoreError with a Swedish message; only a file DuckDB calls invalid or corrupt is
reported as such (StoreUnreadable). No Streamlit here.
"""

from __future__ import annotations

import os
import random
import shutil
import threading
import time
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

import duckdb

from data.paths import read_only_mode  # noqa: F401 - the one switch, re-exported for queries/
from queries.runner import load_all

RETRY_SECONDS = 4.0
# The user store's SQL: named queries in queries/user_sql/*.sql, the same convention as the reference queries.
USER_QUERIES = load_all(Path(__file__).parent / "user_sql")


def sql(con, query_name: str, /, **params):
    """Run a named user-store query with exactly its declared parameters; returns the cursor."""
    query = USER_QUERIES[query_name]
    if set(params) != set(query.params):
        raise TypeError(f"{query_name} takes {sorted(query.params)}, got {sorted(params)}")
    if not isinstance(con, duckdb.DuckDBPyConnection):
        from queries.store_pg import run_named

        return run_named(con, query_name, params)
    return con.execute(query.sql, params) if params else con.execute(query.sql)


class UserStoreError(Exception):
    """A Swedish message fit to show the user."""


class StoreBusy(UserStoreError):
    pass


class ReadOnlyStore(UserStoreError):
    pass


class StoreUnreadable(UserStoreError):
    pass


class StaleVersion(UserStoreError):
    def __init__(self, current: object):
        self.current = current
        super().__init__(
            f"Dialogen har sparats av någon annan sedan du öppnade den (nu version "
            f"{current.version}). Din text finns kvar här; jämför och spara igen."
        )


class DialogueDecided(UserStoreError):
    pass


def is_postgres_url(target) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()
_HELD = threading.local()  # this thread's StoreFile.reading() blocks, per store file
# What DuckDB says about a file that is not a readable database (checked before any lock wording:
# "checksum ... in block" contains "lock").
_CORRUPT = (
    "not a valid duckdb database",
    "corrupt database",
    "checksum",
    "could not read enough bytes",
    "database file with version number",
)
# seen once in CI when a second process opened the file just as the first one closed it: a short read
# that is gone on the next try. Read as corrupt only when it lasts over TORN_TRIES tries.
_TORN = ("could not read enough bytes", "checksum")
TORN_TRIES = 5


def _file_key(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _file_lock(path: Path) -> threading.Lock:
    """The one lock per store file in this process: at most one connection to the file at a time."""
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(_file_key(path), threading.Lock())


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
    tail = (
        "Ingenting har sparats, men din ändring finns kvar: försök igen om en stund."
        if write
        else "Försök igen om en stund."
    )
    return f"Dialogdatabasen är upptagen{by} just nu. {tail}"


def _failed(write: bool, exc: Exception) -> str:
    what = "sparas just nu. Ingenting har sparats, men din ändring finns kvar." if write else "läsas just nu."
    return (
        f"Dialogdatabasen kunde inte {what} Försök igen om en stund; kontakta den som förvaltar verktyget "
        f"om det upprepas. (Teknisk orsak: {exc})"
    )


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


class _Reads:
    """The connection of one StoreFile.reading() block: opened at its first read, under the file's lock."""

    def __init__(self, store: StoreFile):
        self.store, self.con, self.lock = store, None, None

    def read(self, fn):
        if self.con is None:
            lock = _file_lock(self.store.path)
            if not lock.acquire(timeout=RETRY_SECONDS):
                raise StoreBusy(_busy(False, other_program=False))
            try:
                self.con = self.store._retrying(
                    lambda: duckdb.connect(str(self.store.path), read_only=True), write=False
                )
            except BaseException:
                lock.release()
                raise
            self.lock = lock
        try:
            return fn(self.con)
        except duckdb.Error as exc:
            raise self.store._classified(exc, write=False) from exc

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
            self.lock.release()


class StoreFile:
    """A store file with numbered migrations (SQL scripts)."""

    dialect = "duckdb"

    def __init__(self, path: Path | str, read_only: bool, migrations: list[str] = ()):
        self.path, self.read_only, self.migrations = Path(path), read_only, migrations

    def _migrations(self) -> list[str]:
        """The numbered migrations (a list, or a callable giving it, read when needed)."""
        return self.migrations() if callable(self.migrations) else list(self.migrations)

    # -- connections -------------------------------------------------------------------------
    def _read(self, fn):
        return self._run(fn, write=False)

    def _write(self, fn):
        """fn(con) in one transaction; on a lock or a conflict the whole of fn runs again."""
        return self._run(fn, write=True)

    def _run(self, fn, write: bool, transaction: bool = True):
        if write and self.read_only:
            raise ReadOnlyStore("Appen körs i läsläge: inget kan sparas.")
        block = self._block()
        if block is not None:
            if not write:
                return block.read(fn)
            block.close()  # a write in a block of reads: the block lets go of the file, and opens it again
        lock = _file_lock(self.path)
        if not lock.acquire(timeout=RETRY_SECONDS):
            raise StoreBusy(_busy(write, other_program=False))  # a session here, or one waiting
        try:
            return self._retrying(lambda: self._once(fn, write, transaction), write)
        finally:
            lock.release()

    def _retrying(self, attempt, write: bool):
        """attempt() (the caller holds the file's lock), tried again while another process holds the file
        or another connection conflicts, for RETRY_SECONDS; then StoreBusy."""
        deadline, delay, torn = time.monotonic() + RETRY_SECONDS, 0.02, 0
        while True:
            try:
                return attempt()
            except duckdb.Error as exc:
                kind = _kind(exc, write)
                if kind == "corrupt" and any(m in str(exc).lower() for m in _TORN) and torn < TORN_TRIES:
                    torn, kind = torn + 1, "locked"
                if kind in ("corrupt", "other"):
                    raise self._classified(exc, write) from exc
                if time.monotonic() + delay > deadline:
                    raise StoreBusy(_busy(write, other_program=kind == "locked")) from exc
            time.sleep(delay * random.uniform(0.5, 1.5))  # jitter: two waiting processes do not collide again
            delay = min(delay * 2, 0.25)

    def _classified(self, exc: duckdb.Error, write: bool) -> UserStoreError:
        """The Swedish error for a DuckDB error that trying again will not mend."""
        if _kind(exc, write) == "corrupt":
            return StoreUnreadable(
                f"Dialogdatabasen ({self.path.name}) går inte att öppna: filen är tom, skadad eller "
                "inte en DuckDB-databas. Den har inte ändrats. Återställ den senaste säkerhetskopian "
                "från mappen backups bredvid filen, eller flytta undan filen så skapas en ny, tom; "
                f"kontakta den som förvaltar verktyget. (Teknisk orsak: {exc})"
            )
        return UserStoreError(_failed(write, exc))

    def _block(self) -> _Reads | None:
        return getattr(_HELD, "blocks", {}).get(_file_key(self.path))

    @contextmanager
    def reading(self):
        """Reads in this block (this thread, this file) share one connection instead of opening one each
        (an open costs about 15 ms of CPU): for the reads a view gathers. It opens at the first read and
        holds the file's lock until the block ends or a write comes (the write lets go first, and the next
        read opens again), so keep slow work out of it. Nested blocks share the outer one."""
        key, blocks = _file_key(self.path), _HELD.__dict__.setdefault("blocks", {})
        if key in blocks:
            yield
            return
        blocks[key] = _Reads(self)
        try:
            yield
        finally:
            blocks.pop(key).close()

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
        tables = {t for (t,) in sql(con, "schema_tables").fetchall()}
        if "schema_version" not in tables:
            return 0
        return sql(con, "schema_version_max").fetchone()[0]

    def migrate(self) -> int:
        """Create or upgrade the schema; back up an existing file first. Returns the version."""
        current, migrations = self.schema_version(), self._migrations()
        if current >= len(migrations) or self.read_only:
            return current
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._run(self._upgrade, write=True, transaction=False)

    def _upgrade(self, con) -> int:
        migrations = self._migrations()
        current = self._schema_version(con)  # again: another session or process may have migrated since
        if current >= len(migrations):
            return current
        if current > 0:
            con.execute("CHECKPOINT")  # a WAL left by a crash goes into the file before it is copied
            backups = self.path.parent / "backups"
            backups.mkdir(exist_ok=True)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            shutil.copy2(self.path, backups / f"{self.path.stem}-v{current}-{stamp}.duckdb")

        def apply(con):
            for number in range(current + 1, len(migrations) + 1):
                con.execute(migrations[number - 1])
                sql(con, "schema_version_insert", number=number)
            return len(migrations)

        return _in_transaction(con, apply)
