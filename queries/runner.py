"""Named SQL queries from queries/*.sql, run against the reference store with parameters only.

A file holds many queries, each headed `-- name: query_name(param, ...)` and a comment line saying what
it returns. Parameters are written `$param` in the SQL; the header and the SQL must agree (checked at
load time). Nothing here imports streamlit.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from data.paths import reference_db

HEADER = re.compile(r"^--\s*name:\s*(\w+)\((.*?)\)\s*$", re.M)
PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@dataclass(frozen=True)
class Query:
    name: str
    params: tuple[str, ...]
    sql: str
    doc: str


def parse(text: str, origin: str) -> dict[str, Query]:
    queries: dict[str, Query] = {}
    heads = list(HEADER.finditer(text))
    for i, head in enumerate(heads):
        body = text[head.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        doc = " ".join(line.strip("- ").strip() for line in body.strip().splitlines() if line.strip().startswith("--"))
        sql = "\n".join(line for line in body.splitlines() if not line.strip().startswith("--")).strip()
        params = tuple(p.strip() for p in head.group(2).split(",") if p.strip())
        used = set(PARAM.findall(sql))
        if used != set(params):
            raise ValueError(f"{origin}: {head.group(1)} declares {sorted(params)} but uses {sorted(used)}")
        if head.group(1) in queries:
            raise ValueError(f"{origin}: query {head.group(1)} defined twice")
        queries[head.group(1)] = Query(head.group(1), params, sql.rstrip(";"), doc)
    return queries


def load_all(folder: Path = Path(__file__).parent) -> dict[str, Query]:
    queries: dict[str, Query] = {}
    for path in sorted(folder.glob("*.sql")):
        for name, q in parse(path.read_text("utf-8"), path.name).items():
            if name in queries:
                raise ValueError(f"{path.name}: query {name} also defined in another file")
            queries[name] = q
    return queries


QUERIES = load_all()


class ReferenceStore:
    """One read-only connection to the reference store, reopened when a rebuild replaced the file.

    DuckDB connections are not thread-safe: each query takes its own cursor (duckdb#13498).
    """

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else reference_db()
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int] | None = None

    def _connection(self) -> duckdb.DuckDBPyConnection:
        stat = self.path.stat()
        stamp = (stat.st_ino, stat.st_mtime_ns)
        with self._lock:
            if self._con is None or stamp != self._stamp:
                if self._con is not None:
                    self._con.close()
                self._con = duckdb.connect(str(self.path), read_only=True)
                self._stamp = stamp
            return self._con

    def run(self, name: str, **params) -> pd.DataFrame:
        query = QUERIES[name]
        missing = set(query.params) - set(params)
        unknown = set(params) - set(query.params)
        if missing or unknown:
            raise TypeError(f"{name}: missing {sorted(missing)}, unknown {sorted(unknown)}")
        cur = self._connection().cursor()
        try:
            return cur.execute(query.sql, params).df()
        finally:
            cur.close()
