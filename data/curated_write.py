"""The one write path for data/curated and the reference store, shared by both imports, restore and the
command line: lock, stage, trial build, restore point, swap, rollback.

commit() replaces whole folders of data/curated (a roadmap's <core>-<year>/, the indicator import's
import-indikatorer/) and some files of common/, in one step:
1. under the curated lock (data/curated_lock.py; every writer waits on it),
2. the live curated data with the change applied is copied to a staging folder and built, checks and
   all, into a temporary store next to the target; any problem refuses with nothing changed,
3. every replaced folder moves to curated/.versions/<folder>-<ÅÅÅÅMMDD-hhmmss>/ with version.json (who,
   when, why, what): a restore point. A folder that did not exist yet gets an empty restore point
   ("empty": true), so the first import can be undone too,
4. the new folder moves in, the common files are replaced, the temporary store is renamed over the
   target. Any failure before that rename puts every moved file back.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import duckdb

from data.build import assemble, input_hash, write_store
from data.curated_files import DataError
from data.curated_lock import lock
from data.intake import ImportRefused

VERSIONS = ".versions"


def build_problems(exc: Exception, what: str = "ändringen") -> list[str]:
    if isinstance(exc, DataError):
        return [f"Databasbygget med {what}: {p}" for p in exc.problems]
    return [f"Databasbygget med {what} misslyckades: {exc}"]


def write_stage(
    root: Path, curated: Path, drop: set[str], folder: str | None, files: dict[str, bytes], common: dict[str, bytes]
) -> Path:
    """root/curated: the live curated folders without `drop`, with the new folder and common files."""
    stage = root / "curated"
    stage.mkdir()
    for entry in sorted(curated.iterdir()):
        if entry.is_dir() and not entry.name.startswith(".") and entry.name not in drop:
            shutil.copytree(entry, stage / entry.name)
    if folder:
        (stage / folder).mkdir()
        for name, data in files.items():
            (stage / folder / name).write_bytes(data)
    for name, data in common.items():
        (stage / "common" / name).write_bytes(data)
    return stage


def trial_build(
    curated: Path,
    sources: Path,
    drop: set[str],
    folder: str | None,
    files: dict[str, bytes],
    common: dict[str, bytes],
    what: str = "ändringen",
) -> list[str]:
    """The whole build on the curated data with the change, into a throwaway store: its problems."""
    with tempfile.TemporaryDirectory(prefix="fardplan-prov-") as tmp:
        root = Path(tmp)
        try:
            stage = write_stage(root, curated, drop, folder, files, common)
            write_store(assemble(stage, sources), root / "prov.duckdb", "prov")
        except (DataError, duckdb.Error) as exc:
            return build_problems(exc, what)
    return []


def _free_name(versions: Path, base: str) -> str:
    name, i = base, 2
    while (versions / name).exists():
        name, i = f"{base}-{i}", i + 1
    return name


def commit(
    curated: Path,
    sources: Path,
    target: Path,
    drop: list[str],
    folder: str | None,
    files: dict[str, bytes],
    common: dict[str, bytes],
    meta: dict,
    check=None,
    what: str = "ändringen",
) -> list[str]:
    """Replace the folders `drop` by `folder` (None: only remove) with `files`, and common/<name> by
    `common`, and swap the store. `check(stage)` may refuse by raising. Returns the restore points made."""
    with lock(curated):
        target.parent.mkdir(parents=True, exist_ok=True)
        stage_root = Path(tempfile.mkdtemp(prefix=f".stage-{os.getpid()}-", dir=curated))
        tmp_db = target.with_name(f".{target.name}.import-{os.getpid()}.tmp")
        moves: list[tuple[Path, Path]] = []
        made: list[Path] = []
        old_common: dict[Path, bytes] = {}
        saved: list[str] = []
        versions = curated / VERSIONS
        try:
            stage = write_stage(stage_root, curated, set(drop), folder, files, common)
            if check is not None:
                try:
                    check(stage)
                except ImportRefused:
                    raise
                except Exception as exc:  # noqa: BLE001 - any failed check refuses with its reason
                    raise ImportRefused(
                        [f"Databasen kunde inte byggas om, så inget sparades: {str(exc)[:2000]}"]
                    ) from exc
            try:
                write_store(assemble(stage, sources), tmp_db, "import")
            except (DataError, duckdb.Error) as exc:
                raise ImportRefused(build_problems(exc, what)) from exc
            versions.mkdir(exist_ok=True)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            record = {"saved_at": datetime.now().isoformat(timespec="seconds"), **meta}
            for old in drop:
                name = _free_name(versions, f"{old}-{stamp}")
                os.rename(curated / old, versions / name)
                moves.append((curated / old, versions / name))
                saved.append(name)
                (versions / name / "version.json").write_text(
                    json.dumps({"folder": old, **record}, ensure_ascii=False, indent=1), "utf-8"
                )
            if folder and folder not in drop:  # the first import of this folder: an empty restore point
                name = _free_name(versions, f"{folder}-{stamp}")
                (versions / name).mkdir()
                made.append(versions / name)
                saved.append(name)
                (versions / name / "version.json").write_text(
                    json.dumps({"folder": folder, "empty": True, **record}, ensure_ascii=False, indent=1), "utf-8"
                )
            if folder:
                os.rename(stage / folder, curated / folder)
                moves.append((stage / folder, curated / folder))
            for name in common:
                path = curated / "common" / name
                old_common[path] = path.read_bytes()
                os.replace(stage / "common" / name, path)
            shutil.rmtree(stage_root)
            with duckdb.connect(str(tmp_db)) as con:
                con.execute("UPDATE build_info SET input_hash = ?", [input_hash(curated, sources)])
            os.replace(tmp_db, target)
            return saved
        except BaseException:
            for path, data in old_common.items():
                path.write_bytes(data)
            for src, dst in reversed(moves):
                (dst / "version.json").unlink(missing_ok=True)
                if src.parent.exists():
                    os.rename(dst, src)
                else:
                    shutil.rmtree(dst)
            for path in made:
                shutil.rmtree(path, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(stage_root, ignore_errors=True)
            tmp_db.unlink(missing_ok=True)
            tmp_db.with_name(tmp_db.name + ".wal").unlink(missing_ok=True)


def version_meta(path: Path) -> dict:
    try:
        return json.loads((path / "version.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
