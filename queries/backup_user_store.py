"""A consistent copy of the user store into a new DuckDB file, made while the app runs:

    python -m queries.backup_user_store --to data/backups/dialoger-2026-12-03.duckdb [--from TARGET]

The source defaults to FARDPLANER_USER_DB (the DuckDB file or PostgreSQL). The copy is read in short
transactions between the app's own, as a notebook reads, and is checked per table (queries.migrate_user_store).
Restore: copy it back into an empty store with `python -m queries.migrate_user_store --from <backup> --to <store>`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from queries.migrate_user_store import copy
from queries.user_store import UserStore, UserStoreError, user_db_target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Säkerhetskopiera användardatan till en ny DuckDB-fil.")
    parser.add_argument("--to", dest="target", required=True, help="en ny DuckDB-fil för kopian")
    parser.add_argument("--from", dest="source", default=None, help="källa (standard: FARDPLANER_USER_DB)")
    args = parser.parse_args(argv)
    target = Path(args.target)
    if target.exists():
        print(
            f"Fel: {target} finns redan. Välj ett nytt filnamn; en kopia skriver aldrig över en annan.", file=sys.stderr
        )
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        return copy(UserStore(args.source or user_db_target(), read_only=False), UserStore(target, read_only=False))
    except UserStoreError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
