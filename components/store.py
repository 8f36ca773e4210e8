"""The pages' one way to the data: the reference store, built at start when its sources changed."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.build import build
from data.curated_files import DataError
from data.paths import reference_db
from queries.runner import ReferenceStore


@st.cache_resource(show_spinner="Bygger databasen från källorna …")
def reference_store() -> tuple[ReferenceStore, str | None]:
    """Build if needed (once per server process) and open read-only. Returns (store, build problem)."""
    problem = None
    try:
        build()
    except DataError as exc:
        if not reference_db().exists():
            raise
        problem = "Källdatan har fel, så databasen byggdes inte om:\n" + "\n".join(
            f"- {p}" for p in exc.problems[:20])
    return ReferenceStore(reference_db()), problem


def _stamp() -> int:
    reference_store()  # builds the store on a fresh machine before its file is looked at
    return reference_db().stat().st_mtime_ns


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, stamp: int, params: tuple) -> pd.DataFrame:
    return reference_store()[0].run(
        name, **{k: list(v) if isinstance(v, tuple) else v for k, v in params})


def run(name: str, **params) -> pd.DataFrame:
    """Run a named query from queries/ (cached per parameters and per build of the store)."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, _stamp(), frozen).copy()


def build_problem() -> str | None:
    return reference_store()[1]
