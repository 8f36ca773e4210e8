"""The one lock on data/curated and the reference store, and the clean-up of what killed writers left.

Every writer (both imports, restore, the build at start and on the command line) holds lock(curated)
while it reads the curated files it builds from and until the store is swapped. It is an flock on the
curated directory itself (no lock file): it excludes other processes and, since each holder opens its
own descriptor, other threads of this process too. It is re-entrant within one thread (an import that
rebuilds does not wait on itself). A writer waits up to LOCK_WAIT seconds, then is refused in Swedish.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from data.intake import ImportRefused

LOCK_WAIT = 60.0
_held = threading.local()


@contextmanager
def lock(curated: Path, wait: float | None = None):
    key = os.path.realpath(curated)
    depth = getattr(_held, "depth", None)
    if depth is None:
        depth = _held.depth = {}
    if depth.get(key):
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    wait = LOCK_WAIT if wait is None else wait
    fd = os.open(curated, os.O_RDONLY)
    try:
        end = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > end:
                    raise ImportRefused(
                        [
                            f"En annan inläsning, återställning eller ombyggnad av databasen pågår "
                            f"fortfarande (väntade {wait:.0f} s). Inget ändrades; försök igen om en "
                            "stund."
                        ]
                    ) from None
                time.sleep(0.05)
        depth[key] = 1
        try:
            yield
        finally:
            depth[key] = 0
    finally:
        os.close(fd)  # closing releases the lock


# -- leftovers ---------------------------------------------------------------------------------------------
PID = re.compile(r"\.(?:import-|stage-)?(\d+)(?:\.tmp(?:\.wal)?|-[^/]*)$")
STALE_SECONDS = 3600


def _dead(path: Path) -> bool:
    match = PID.search(path.name)
    if not match:
        return time.time() - path.stat().st_mtime > STALE_SECONDS
    try:
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def leftovers(curated: Path, store_dir: Path) -> list[Path]:
    """Temporary files and folders of builds and imports whose process is gone."""
    found = [
        *store_dir.glob(".*.tmp"),
        *store_dir.glob(".*.tmp.wal"),
        *curated.glob(".stage-*"),
        *curated.glob("*/.*.tmp"),
        *curated.glob("*/.import.lock"),
    ]
    return [p for p in found if p.exists() and (p.name == ".import.lock" or _dead(p))]


def clean_leftovers(curated: Path, store_dir: Path) -> list[Path]:
    """Remove them (call while holding the lock). Returns what was removed."""
    removed = leftovers(curated, store_dir) if curated.is_dir() and store_dir.is_dir() else []
    for path in removed:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return removed
