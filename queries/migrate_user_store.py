"""Copy the user store from a DuckDB file to PostgreSQL (or between any two targets UserStore accepts):

    python -m queries.migrate_user_store --from data/dialoger.duckdb --to postgresql://user@host/db

Both are migrated to the current schema first. Every table is copied in one transaction in its stored order,
then counted and checksummed on both sides. Safe to run twice: a target that already holds exactly the same
rows is left alone; a target holding other data is refused, and nothing is written to it.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from datetime import date, datetime
from decimal import Decimal

from queries.store_file import sql
from queries.user_store import UserStore, UserStoreError

NAME = re.compile(r"^[a-z_]+$")  # table and column names come from the catalogue; checked before use
SKIP = {"schema_version"}


def tables(store: UserStore) -> dict[str, list[str]]:
    """User tables and their columns, as the schema defines them (the PostgreSQL-only seq left out)."""

    def read(con):
        found = {}
        rows = sql(con, "schema_columns").fetchall()
        for table, column in rows:
            if table not in SKIP and column != "seq":
                if not (NAME.match(table) and NAME.match(column)):
                    raise UserStoreError(f"Oväntat namn i schemat: {table}.{column}")
                found.setdefault(table, []).append(column)
        return found

    return store._read(read)


def _ordered(store: UserStore) -> str:
    return "rowid" if store.dialect == "duckdb" else "seq"


def _order(store: UserStore, table: str, columns: list[str]) -> str:
    has_seq = store.dialect == "duckdb" or table in ("change_log", "confirmations", "priority_actors", "followups")
    return _ordered(store) if has_seq else ", ".join(columns)


def _select(store: UserStore, table: str, columns: list[str]) -> str:
    return f"SELECT {', '.join(columns)} FROM {table} ORDER BY {_order(store, table, columns)}"  # checked names


def snapshot(store: UserStore, schema: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every table's rows as of one moment: one read transaction, while the app goes on writing."""

    def read(con):
        if store.dialect == "duckdb":
            con.execute("BEGIN TRANSACTION")  # PostgreSQL reads already run in one REPEATABLE READ snapshot
        try:
            return {t: con.execute(_select(store, t, cols)).fetchall() for t, cols in schema.items()}
        finally:
            if store.dialect == "duckdb":
                con.execute("COMMIT")

    return store._read(read)


def _canonical(value) -> str:
    if value is None:
        return "\x00"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def checksum(rows: list[tuple]) -> str:
    """Order-independent: the same rows give the same sum on either backend."""
    digests = sorted(hashlib.sha256("\x1f".join(map(_canonical, r)).encode()).hexdigest() for r in rows)
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def summary(store: UserStore, schema: dict[str, list[str]]) -> dict[str, tuple[int, str]]:
    return _sums(snapshot(store, schema))


def _sums(rows: dict[str, list[tuple]]) -> dict[str, tuple[int, str]]:
    return {t: (len(r), checksum(r)) for t, r in rows.items()}


def copy(source: UserStore, target: UserStore, out=print) -> int:
    """0 when the target holds exactly the source's rows afterwards, 1 when refused or different."""
    source.migrate()
    target.migrate()
    schema = tables(source)
    before = summary(target, schema)
    taken = snapshot(source, schema)
    wanted = _sums(taken)
    if before == wanted:
        out("Målet har redan exakt samma rader som källan: ingenting kopierades.")
        return _report(wanted, before, out)
    if any(count for count, _ in before.values()):
        out(
            "Målet innehåller redan annan användardata. Ingenting har kopierats; töm målet eller välj en annan databas."
        )
        return 1

    def write(con):
        for table, columns in schema.items():
            marks = ", ".join(["%s" if target.dialect == "postgres" else "?"] * len(columns))
            text = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # checked names
            for row in taken[table]:
                con.execute(text, list(row))

    target._write(write)
    return _report(wanted, summary(target, schema), out)


def _report(wanted: dict, got: dict, out) -> int:
    same = True
    for table, (count, digest) in wanted.items():
        ok = got.get(table) == (count, digest)
        same &= ok
        out(
            f"{table}: {count} rader i källan, {got.get(table, (0, ''))[0]} i målet, "
            f"{'kontrollsumman stämmer' if ok else 'SKILJER SIG'}"
        )
    return 0 if same else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kopiera användardatan (dialoger med mera) till en annan databas.")
    parser.add_argument("--from", dest="source", required=True, help="källa: en DuckDB-fil eller postgresql://…")
    parser.add_argument("--to", dest="target", required=True, help="mål: postgresql://… eller en DuckDB-fil")
    args = parser.parse_args(argv)
    try:
        return copy(UserStore(args.source, read_only=False), UserStore(args.target, read_only=False))
    except UserStoreError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
