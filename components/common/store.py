"""The pages' one way to the data: the reference store, built at start when its sources changed.

If the store cannot be opened (missing, empty, corrupt, locked by another program, or unreadable) and
cannot be rebuilt, the app says so in Swedish and shows no page, instead of a traceback. Failures are
not cached: the next page load tries again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from data.build import build, read_only_store, stored_hash
from data.curated_files import DataError
from data.paths import curated_dir, read_only_mode, reference_db
from queries.runner import ReferenceStore

FIX = (
    "Rätta det som står nedan och kör sedan `python -m data.build --force` i verktygets mapp, eller kontakta "
    "den som förvaltar verktyget."
)


class StoreUnavailable(Exception):
    """The reference store cannot be read; the message is Swedish and meant for the user."""


def _unavailable(why: str, details: list[str] | None = None) -> StoreUnavailable:
    lines = [
        f"Databasen med färdplanerna ({reference_db().name}) kan inte läsas: {why}. Inga sidor kan visas. {FIX}",
        *(f"- {d}" for d in (details or [])[:20]),
    ]
    return StoreUnavailable("\n".join(lines))


def reference_store() -> tuple[ReferenceStore, str | None]:
    """Build if needed (once per server process and store) and open read-only. Returns (store, build problem).
    In read-only mode nothing is written in the data folder (data.build.read_only_store).

    Raises StoreUnavailable when there is no readable store (not cached, so a later run retries)."""
    return _reference_store(str(reference_db()), str(curated_dir()), read_only_mode())


@st.cache_resource(show_spinner="Bygger databasen från källorna …")
def _reference_store(db: str, curated: str, read_only: bool) -> tuple[ReferenceStore, str | None]:
    """Cached per store file, curated folder and mode: the arguments are the cache key (the body reads
    the same values from data.paths)."""
    if read_only_mode():
        return _read_only()
    problem, details = None, []
    why = "filen saknas, är tom, skadad eller låst av ett annat program"
    try:
        build(curated=curated_dir())
    except DataError as exc:
        details = exc.problems
        problem = (
            "Källdatan har fel, så databasen byggdes inte om. Sidorna visar den senast byggda datan.\n"
            + "\n".join(f"- {p}" for p in details[:20])
        )
        why = "källdatan har fel och det finns ingen tidigare byggd databas att visa"
    except (OSError, duckdb.Error) as exc:
        details = [str(exc)]
        problem = f"Databasen kunde inte byggas om ({exc}). Sidorna visar den senast byggda datan."
        why = "den kunde inte byggas om och det finns ingen tidigare byggd databas att visa"
    if stored_hash(reference_db()) is None:
        raise _unavailable(why, details)
    return ReferenceStore(reference_db()), problem


def _read_only() -> tuple[ReferenceStore, str | None]:
    try:
        path, stale = read_only_store()
    except DataError as exc:
        raise _unavailable("appen körs i läsläge, ingen databas är byggd och källdatan har fel", exc.problems) from exc
    except (OSError, duckdb.Error) as exc:
        raise _unavailable("appen körs i läsläge och databasen kunde inte byggas", [str(exc)]) from exc
    problem = (
        "Läsläge: källdatan har ändrats sedan databasen byggdes, men i läsläge byggs den inte om. "
        "Sidorna visar den senast byggda datan."
        if stale
        else None
    )
    return ReferenceStore(path), problem


reference_store.clear = _reference_store.clear  # forget every opened store (tests, after a swap)


def _stamp() -> int:
    # builds the store on a fresh machine before its file is looked at
    return reference_store()[0].path.stat().st_mtime_ns


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, db: str, stamp: int, params: tuple) -> pd.DataFrame:
    return reference_store()[0].run(name, **{k: list(v) if isinstance(v, tuple) else v for k, v in params})


def _freeze(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def build_stamp() -> tuple[str, int]:
    """The store's file and its build: a cache key for what is derived from it."""
    return str(reference_db()), _stamp()


def run_later(name: str, **params) -> Callable[[], pd.DataFrame]:
    """A function that runs the named query when called (a download's click), holding only the parameters.

    A download button keeps its function as long as the session lives, also for a while after the browser
    closed it; holding the result instead kept a copy of a large table per session (1 140 MB RSS at 100×)."""
    frozen, db = _freeze(params), str(reference_db())
    return lambda: _cached(name, db, _stamp(), frozen).copy()


def run(name: str, **params) -> pd.DataFrame:
    """Run a named query from queries/ (cached per parameters and per build of the store).

    If the store became unreadable while the app runs, the page stops with a Swedish message."""
    frozen = _freeze(params)
    try:
        return _cached(name, str(reference_db()), _stamp(), frozen).copy()
    except StoreUnavailable as exc:
        _stop(str(exc))
    except (OSError, duckdb.Error) as exc:
        _stop(str(_unavailable("filen gick inte att öppna", [str(exc)])))


def _stop(message: str):
    st.error(message, icon=":material/error:")
    st.stop()


def reference_file() -> bytes:
    """The store's file as it is now, for download (DuckDB; open it read-only)."""
    return reference_store()[0].path.read_bytes()


_SYNC = {"at": float("-inf")}
_SYNC_LOCK = threading.Lock()


def follow_shared_reference() -> str | None:
    """Several instances on PostgreSQL: bring this instance's curated folder to the newest shared version
    and rebuild (at most every SYNC_SECONDS, on a page view). Returns a warning when that failed."""
    from queries import shared_curated
    from queries.user_store import UserStore, UserStoreError

    now = time.monotonic()
    with _SYNC_LOCK:
        if now - _SYNC["at"] < shared_curated.SYNC_SECONDS:
            return None
        _SYNC["at"] = now
        store = UserStore()
        if not shared_curated.enabled(store) or store.read_only:
            return None
        try:
            if shared_curated.sync(store, curated_dir()):
                build(curated=curated_dir())
        except (UserStoreError, DataError, OSError, ValueError) as exc:
            return f"Den senaste gemensamma versionen av källdatan kunde inte hämtas: {exc}"
    return None


def publish_shared(summary: str, who) -> None:
    """After an import or a restore: offer the curated folder to the other instances (PostgreSQL only)."""
    from queries import shared_curated
    from queries.user_store import UserStore, UserStoreError

    store = UserStore()
    try:
        shared_curated.publish(store, curated_dir(), who, summary)
    except UserStoreError as exc:
        st.warning(
            f"Inläsningen är klar här, men kunde inte delas med appens andra instanser: {exc}",
            icon=":material/warning:",
        )


def status() -> tuple[str | None, str | None]:
    """(build problem to warn about, or None; reason no page can be shown, or None)."""
    shared = follow_shared_reference()
    if shared:
        return shared, None
    try:
        return reference_store()[1], None
    except StoreUnavailable as exc:
        return None, str(exc)
