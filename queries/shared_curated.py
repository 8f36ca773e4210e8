"""The reference data shared by several app instances through the PostgreSQL user store.

An instance that imports or restores publishes its curated folder (every CSV, as one zip named by its
content) to the table curated_versions. Every instance checks the newest version on a page view (at most
every SYNC_SECONDS) and, when it differs from the one its folder holds, writes that folder anew and
rebuilds its own reference store. With the DuckDB user store (one instance) none of this runs.
No Streamlit here.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

from queries.permissions import Person
from queries.store_file import sql
from queries.user_store import UserStore, as_person, utc_now

MARKER = ".shared_version"  # in the curated folder: the shared version it holds
SYNC_SECONDS = 10.0
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entries carry no clock, so the same files give the same id


def enabled(store: UserStore) -> bool:
    return store.dialect == "postgres"


def _files(curated: Path) -> list[Path]:
    return sorted(
        p for p in curated.rglob("*.csv") if not any(part.startswith(".") for part in p.relative_to(curated).parts)
    )


def archive(curated: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path in _files(curated):
            info = zipfile.ZipInfo(path.relative_to(curated).as_posix(), _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes())
    return buffer.getvalue()


def held(curated: Path) -> str | None:
    marker = curated / MARKER
    return marker.read_text("utf-8").strip() if marker.exists() else None


def publish(store: UserStore, curated: Path, who: Person | str, summary: str) -> str | None:
    """Store this folder as the newest shared version (None when the store is not shared)."""
    if not enabled(store):
        return None
    person = as_person(who)
    data = archive(curated)
    version = hashlib.sha256(data).hexdigest()[:20]
    store.migrate()
    store._write(
        lambda con: sql(
            con,
            "curated_version_put",
            id=version,
            now=utc_now(),
            who=person.name[:200],
            summary=(summary or "")[:500],
            archive=data,
        )
    )
    (curated / MARKER).write_text(version, "utf-8")
    return version


def latest(store: UserStore) -> dict | None:
    if not enabled(store) or not store.exists():
        return None
    row = store._read(lambda con: sql(con, "curated_version_latest").fetchone())
    return dict(zip(["id", "created_at", "created_by", "summary"], row)) if row else None


def sync(store: UserStore, curated: Path) -> str | None:
    """Bring the folder to the newest shared version; returns that version when it changed anything."""
    newest = latest(store)
    if newest is None or newest["id"] == held(curated):
        return None
    data = store._read(lambda con: sql(con, "curated_version_archive", id=newest["id"]).fetchone())[0]
    staging = curated.parent / f".{curated.name}-sync-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        for name in z.namelist():
            target = (staging / name).resolve()
            if staging.resolve() not in target.parents:  # a name that climbs out of the folder
                raise ValueError(f"Ogiltigt filnamn i den delade versionen: {name}")
        z.extractall(staging)
    for hidden in (p for p in curated.iterdir() if p.name.startswith(".")) if curated.exists() else []:
        shutil.move(str(hidden), staging / hidden.name)  # this instance's own restore points stay
    (staging / MARKER).write_text(newest["id"], "utf-8")
    old = curated.parent / f".{curated.name}-old-{os.getpid()}"
    if curated.exists():
        os.rename(curated, old)
    os.rename(staging, curated)
    shutil.rmtree(old, ignore_errors=True)
    return newest["id"]
