"""The user store in PostgreSQL (FARDPLANER_USER_DB=postgresql://…), for several app instances sharing what
people write. Same interface as store_file.StoreFile (read, write, migrate, schema_version, exists), same
named queries and the same Swedish messages.

Driver: psycopg 3 with psycopg_pool, the maintained PostgreSQL driver for Python (server-side parameter
binding, native adaptation of lists, Decimal and datetimes, a real connection pool).
Transactions: a write runs at SERIALIZABLE and is re-run whole on a serialization failure or deadlock, as a
DuckDB write conflict is; a save re-checks the version inside it, so the loser gets StaleVersion.
Dialect differences, kept here and small: parameters $name become %(name)s; the insertion order that
DuckDB keeps as rowid is the BIGSERIAL column seq (user_schema.PG_EXTRA). No Streamlit here.
"""

from __future__ import annotations

import random
import re
import threading
import time
from contextlib import nullcontext, suppress
from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import psycopg
from psycopg import errors
from psycopg_pool import ConnectionPool

from queries.store_file import RETRY_SECONDS, USER_QUERIES, ReadOnlyStore, StoreBusy, UserStoreError, _busy, _failed

_POOLS: dict[str, ConnectionPool] = {}
_POOLS_GUARD = threading.Lock()
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_ROWID = re.compile(r"\browid\b")
MIGRATION_LOCK = 4711_2050  # pg_advisory_xact_lock key: one migrating instance at a time


def postgres_sql(text: str) -> str:
    """A named query's DuckDB text as PostgreSQL text for psycopg."""
    return _PARAM.sub(r"%(\1)s", _ROWID.sub("seq", text.replace("%", "%%")))


_PG_QUERIES = {name: postgres_sql(q.sql) for name, q in USER_QUERIES.items()}


class Result:
    """What store_file.sql returns for DuckDB, for a psycopg cursor: fetchone, fetchall, df."""

    def __init__(self, cursor):
        self.cursor = cursor

    def fetchone(self):
        return self.cursor.fetchone() if self.cursor.description else None

    def fetchall(self):
        return self.cursor.fetchall() if self.cursor.description else []

    def df(self) -> pd.DataFrame:
        columns = [c.name for c in self.cursor.description]
        return pd.DataFrame(self.cursor.fetchall(), columns=columns)


def run_named(con, query_name: str, params: dict) -> Result:
    return Result(con.execute(_PG_QUERIES[query_name], params or None))


def shown(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _pool(url: str) -> ConnectionPool:
    with _POOLS_GUARD:
        pool = _POOLS.get(url)
        if pool is None:
            pool = ConnectionPool(
                url,
                min_size=1,
                max_size=8,
                open=True,
                timeout=RETRY_SECONDS,
                kwargs={"autocommit": True, "connect_timeout": 5},
                name="anvandardata",
            )
            _POOLS[url] = pool
        return pool


def close_pool(url: str) -> None:
    """Close this process's pool for a database (tests, and before a database is dropped)."""
    with _POOLS_GUARD:
        pool = _POOLS.pop(url, None)
    if pool is not None:
        pool.close()


class PgStore:
    """The user store in a PostgreSQL database (one schema per database; the tables of user_schema)."""

    dialect = "postgres"

    def __init__(self, url: str, read_only: bool, migrations: list[str], extra: dict[int, str]):
        self.url, self.read_only = url, read_only
        self.path = shown(url)
        self.migrations, self.extra = migrations, extra
        self._known = False

    # -- connections -------------------------------------------------------------------------
    def _read(self, fn):
        return self._run(fn, write=False)

    def _write(self, fn):
        return self._run(fn, write=True)

    def reading(self):
        """StoreFile.reading's counterpart: a pooled connection costs next to nothing, so each read keeps
        its own."""
        return nullcontext()

    def _run(self, fn, write: bool, transaction: bool = True):
        if write and self.read_only:
            raise ReadOnlyStore("Appen körs i läsläge: inget kan sparas.")
        deadline, delay = time.monotonic() + RETRY_SECONDS, 0.02
        while True:
            try:
                return self._once(fn, write)
            except (errors.SerializationFailure, errors.DeadlockDetected, errors.LockNotAvailable) as exc:
                if time.monotonic() + delay > deadline:
                    raise StoreBusy(_busy(write, other_program=False)) from exc
            except psycopg.OperationalError as exc:
                if time.monotonic() + delay > deadline:
                    raise UserStoreError(
                        f"Dialogdatabasen ({self.path}) svarar inte. "
                        + (
                            "Ingenting har sparats, men din ändring finns kvar: försök igen om en stund."
                            if write
                            else "Försök igen om en stund."
                        )
                        + f" (Teknisk orsak: {exc})"
                    ) from exc
            except psycopg.Error as exc:
                raise UserStoreError(_failed(write, exc)) from exc
            except Exception as exc:  # the pool's own timeout
                if type(exc).__name__ != "PoolTimeout":
                    raise
                if time.monotonic() + delay > deadline:
                    raise StoreBusy(_busy(write, other_program=False)) from exc
            time.sleep(delay * random.uniform(0.5, 1.5))
            delay = min(delay * 2, 0.25)

    def _once(self, fn, write: bool):
        with _pool(self.url).connection() as con:
            level = "SERIALIZABLE" if write else "REPEATABLE READ READ ONLY"
            con.execute(f"BEGIN ISOLATION LEVEL {level}")  # fixed text, no input
            try:
                result = fn(con)
                con.execute("COMMIT")
                return result
            except BaseException:
                with suppress(psycopg.Error):
                    con.execute("ROLLBACK")
                raise

    # -- schema ------------------------------------------------------------------------------
    def exists(self) -> bool:
        """The tables exist (the database itself is made by operations, never by the app)."""
        if not self._known:
            self._known = self.schema_version() > 0
        return self._known

    def schema_version(self) -> int:
        return self._read(self._schema_version)

    @staticmethod
    def _schema_version(con) -> int:
        found = run_named(con, "pg_schema_exists", {}).fetchone()[0]
        return run_named(con, "schema_version_max", {}).fetchone()[0] if found else 0

    def migrate(self) -> int:
        current = self.schema_version()
        if current >= len(self._migrations()) or self.read_only:
            return current
        return self._run(self._upgrade, write=True)

    def _upgrade(self, con) -> int:
        run_named(con, "pg_migration_lock", {"key": MIGRATION_LOCK})
        current = self._schema_version(con)  # again: another instance may have migrated meanwhile
        migrations = self._migrations()
        for number in range(current + 1, len(migrations) + 1):
            con.execute(migrations[number - 1])
            if number in self.extra:
                con.execute(self.extra[number])
            run_named(con, "schema_version_insert", {"number": number})
        return max(current, len(migrations))

    def _migrations(self) -> list[str]:
        return self.migrations() if callable(self.migrations) else list(self.migrations)
