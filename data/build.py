"""Build the reference store data/fardplaner.duckdb from data/sources and data/curated.

    python -m data.build            # build if the inputs changed since the last build
    python -m data.build --force    # build anyway

The build validates everything first, writes a new file next to the target and renames it over the
old one, so no reader ever sees half a build and a failed build leaves the old store in place.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from data import statistics
from data.checks import check
from data.curated_files import DataError, read_all
from data.curated_lock import clean_leftovers, lock
from data.intake import ImportRefused
from data.paths import DATA_DIR, SOURCES_DIR, curated_dir, read_only_mode, reference_db
from data.region_tables import region_tables
from data.slug import slug

BUILDER_VERSION = "1"
SCHEMA = DATA_DIR / "schema.sql"
CODE = [Path(__file__), SCHEMA, DATA_DIR / "statistics.py", DATA_DIR / "checks.py", DATA_DIR / "curated_files.py"]


def input_hash(curated: Path | None = None, sources: Path = SOURCES_DIR) -> str:
    """Hash of every input file's path and bytes: a rebuild is needed when it changes."""
    curated = Path(curated) if curated else curated_dir()
    digest = hashlib.sha256(BUILDER_VERSION.encode())
    groups = [(curated, sorted(curated.rglob("*.csv"))), (sources, sorted(sources.rglob("*.*"))), (DATA_DIR, CODE)]
    for base, files in groups:
        for path in files:
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def stored_hash(db: Path) -> str | None:
    if not db.exists():
        return None
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            row = con.execute("SELECT input_hash FROM build_info").fetchone()
            return row[0] if row else None
    except duckdb.Error:
        return None


def _core_lookup(cores: pd.DataFrame):
    aliases = {}
    for rec in cores.to_dict("records"):
        for alias in [rec["name"], *rec["aliases"].split("|")]:
            if alias:
                aliases[slug(alias)] = rec["id"]
    return lambda text: aliases.get(slug(text)) if isinstance(text, str) else None


def _blank_to_none(df: pd.DataFrame) -> pd.DataFrame:
    df = df.drop(columns=[c for c in ("_file", "_row") if c in df.columns])
    return df.replace({"": None}).astype(object).where(df.notna(), None)


def assemble(curated: Path | None = None, sources: Path = SOURCES_DIR) -> dict[str, pd.DataFrame]:
    """Read, validate and shape every table of the store. Raises DataError listing all problems."""
    t, problems = read_all(Path(curated) if curated else curated_dir())
    munis = statistics.municipalities(sources)
    problems += check(t, set(munis["code"]))
    if problems:
        raise DataError(problems)
    core_of = _core_lookup(t["cores"])

    stations = statistics.stations(sources, core_of)
    centre = stations.dropna(subset=["core_id"]).groupby("core_id")[["lat", "lon"]].mean()
    cores = t["cores"].set_index("id")
    cores["lat"], cores["lon"] = centre["lat"], centre["lon"]
    names = stations.dropna(subset=["core_id"]).groupby("core_id")["name"].agg(", ".join)
    cores["position_basis"] = "Medelpunkt av stationerna " + names + " (GTFS Sverige 2)."
    texts = t["core_texts"].set_index("core_id")
    cores["description"] = texts["text"]
    cores["description_source_id"] = texts["source_id"]
    cores = cores.reset_index().drop(columns=["municipalities_source_id"])

    interventions = t["interventions"]
    links = [t["intervention_cores"]]
    own = interventions[interventions["scope"] == "core"]
    links.append(
        pd.DataFrame(
            {
                "intervention_id": own["id"],
                "core_id": own["core_id"],
                "basis": "kärnspecifik insats",
                "source_id": own["source_id"],
                "source_section": own["source_section"],
            }
        )
    )
    shared = interventions[interventions["scope"] == "shared"]
    for core_id in t["cores"]["id"]:
        links.append(
            pd.DataFrame(
                {
                    "intervention_id": shared["id"],
                    "core_id": core_id,
                    "basis": "gemensam insats för alla åtta kärnor",
                    "source_id": shared["source_id"],
                    "source_section": shared["source_section"],
                }
            )
        )
    intervention_cores = pd.concat(links, ignore_index=True).drop_duplicates(["intervention_id", "core_id"])

    roles = t["intervention_actors"]
    actor_sources = roles.groupby("actor_id")["source_id"].agg(lambda s: "|".join(sorted(set(s))))
    actors = t["actors"].drop_duplicates("id").set_index("id")
    actors["source_ids"] = actor_sources
    actors = actors.reset_index()

    pop_ind, pop_values = statistics.population(sources)
    kom_ind, kom_values = statistics.kommun_data(sources)
    quote_ind, quote_values = statistics.quoted_facts(sources, core_of)
    indicators = pd.concat([t["indicators"], pop_ind, kom_ind, quote_ind], ignore_index=True)
    indicators["higher_is_better"] = indicators["higher_is_better"].map({"true": True, "false": False}).astype(object)
    values = pd.concat([t["indicator_values"], pop_values, kom_values, quote_values], ignore_index=True)

    return {
        "sources": t["sources"],
        "goal_areas": t["goal_areas"],
        "municipalities": munis,
        "cores": cores,
        "stations": stations,
        "directions": t["directions"],
        "interventions": interventions,
        "intervention_variants": t["intervention_variants"],
        "intervention_cores": intervention_cores,
        "actors": actors,
        "intervention_actors": roles,
        "indicators": indicators,
        "indicator_values": values,
        "data_changes": t["changes"],
        **region_tables(t),
        "plan_facts": t["plan_facts"],
        "roadmap_texts": t["roadmap_texts"],
        "indicator_bases": t["indicator_bases"],
        "actor_readings": t["actor_readings"],
    }


def write_store(tables: dict[str, pd.DataFrame], target: Path, digest: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.t{threading.get_ident()}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(tmp)) as con:
            con.execute(SCHEMA.read_text("utf-8"))
            for name, df in tables.items():
                cols = [
                    r[0]
                    for r in con.execute(
                        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                        "ORDER BY ordinal_position",
                        [name],
                    ).fetchall()
                ]
                frame = _blank_to_none(df.reindex(columns=cols))
                con.register("frame", frame)
                con.execute(f'INSERT INTO "{name}" SELECT * FROM frame')
                con.unregister("frame")
            con.execute(
                "INSERT INTO build_info VALUES (?, ?, ?)",
                [datetime.now(UTC).replace(tzinfo=None), digest, BUILDER_VERSION],
            )
            con.execute("CHECKPOINT")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)


def build(
    target: Path | None = None, force: bool = False, curated: Path | None = None, sources: Path = SOURCES_DIR
) -> bool:
    """Build when the inputs changed (or force). Returns True when a new store was written.

    Holds the curated lock (data/curated_lock.py) and first removes what killed builds and imports left.
    In read-only mode nothing is written: returns False (components/store.py serves the last build)."""
    if read_only_mode():
        return False
    target = Path(target) if target else reference_db()
    curated = Path(curated) if curated else curated_dir()
    with lock(curated):
        clean_leftovers(curated, target.parent)
        digest = input_hash(curated, sources)
        if not force and stored_hash(target) == digest:
            return False
        write_store(assemble(curated, sources), target, digest)
    return True


def read_only_store(
    target: Path | None = None, curated: Path | None = None, sources: Path = SOURCES_DIR
) -> tuple[Path, bool]:
    """The store to serve in read-only mode, writing nothing in the data folder: the last build when one
    is readable (True when it is older than the inputs), else a build into the system's temporary
    folder (fardplaner-readonly-<hash>.duckdb, reused while the inputs stay the same)."""
    target = Path(target) if target else reference_db()
    curated = Path(curated) if curated else curated_dir()
    digest = input_hash(curated, sources)
    stored = stored_hash(target)
    if stored is not None:
        return target, stored != digest
    temp = Path(tempfile.gettempdir()) / f"fardplaner-readonly-{digest[:16]}.duckdb"
    if stored_hash(temp) != digest:
        write_store(assemble(curated, sources), temp, digest)
    return temp, False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bygg referensdatabasen från källorna.")
    parser.add_argument("--force", action="store_true", help="bygg även om inget ändrats")
    parser.add_argument("--db", type=Path, help="målfil (standard: FARDPLANER_DB eller data/fardplaner.duckdb)")
    args = parser.parse_args(argv)
    if read_only_mode():
        print("Läsläge (FARDPLANER_READONLY): databasen byggs inte om och ingen fil skrivs.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        built = build(args.db, force=args.force)
    except ImportRefused as exc:
        print(f"Bygget väntade förgäves: {exc}", file=sys.stderr)
        return 1
    except DataError as exc:
        print(f"Bygget avbröts: {len(exc.problems)} fel i källdatan. Inget ändrades.", file=sys.stderr)
        for line in exc.problems:
            print(f"  - {line}", file=sys.stderr)
        return 1
    target = args.db or reference_db()
    verb = "Byggde" if built else "Oförändrad:"
    print(f"{verb} {target} ({time.perf_counter() - started:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
