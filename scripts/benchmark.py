"""Benchmark: store build time and each page's script run after a filter change, at 1× and 100×.

    .venv/bin/python scripts/benchmark.py            # prints a table; takes a few minutes

The 100× data set is SYNTHETIC: generated here into a temporary folder (100× the insatser, actors and
indicator values, every id and title marked "syntetisk"), never written to data/ and never shipped.
Times are medians of repeated AppTest reruns after a widget change, next to the floor: the same
measurement on an empty page in the same run (the machine is noisy, so compare ratios).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

RUNS = 15
SYNTHETIC_SOURCE = ["syntetisk", "SYNTETISK TESTDATA (benchmark, 100×)", "scripts/benchmark.py", "2026",
                    "utkast", "syntetisk", "", "Genererad för prestandamätning; aldrig verklig data."]


def write_rows(path: Path, header: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def synthetic_curated(target: Path, factor: int = 100) -> None:
    """Copy data/curated and add a folder of synthetic records, (factor − 1) × the real counts."""
    shutil.copytree(REPO / "data" / "curated", target)
    with (target / "common" / "sources.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(SYNTHETIC_SOURCE)
    import duckdb
    from data.build import build
    real = target.parent / "real.duckdb"
    build(real, force=True)
    with duckdb.connect(str(real), read_only=True) as con:
        n_int = con.execute("SELECT count(*) FROM interventions").fetchone()[0]
        n_act = con.execute("SELECT count(*) FROM actors").fetchone()[0]
        n_val = con.execute("SELECT count(*) FROM indicator_values").fetchone()[0]
        cores = [c for (c,) in con.execute("SELECT id FROM cores").fetchall()]
        kommuner = [c for (c,) in con.execute("SELECT code FROM municipalities").fetchall()]
    folder = target / "syntetisk-100x"
    folder.mkdir()
    extra = factor - 1
    actors = [(f"syntetisk-aktor-{i}", f"Syntetisk aktör {i}", "övrigt", "SYNTETISK") for i in range(n_act * extra)]
    interventions, roles = [], []
    for i in range(n_int * extra):
        core = cores[i % len(cores)]
        iid = f"syntetisk-insats-{i}"
        interventions.append([iid, f"S{i}", f"Syntetisk insats {i} om stationsmiljö och trygghet",
                              "SYNTETISK beskrivning. " * 5, str(i % 4 + 1), "core", core, "", "fardplan",
                              "", "", "", "", "", "syntetisk", "genererad", "SYNTETISK"])
        roles.append([iid, actors[i % len(actors)][0], "lead", "", "syntetisk", "genererad"])
        roles.append([iid, actors[(i * 7 + 1) % len(actors)][0], "participant", "", "syntetisk", "genererad"])
    used = {r[1] for r in roles}
    write_rows(folder / "actors.csv", ["id", "name", "type", "note"], [a for a in actors if a[0] in used])
    write_rows(folder / "interventions.csv",
               ["id", "code", "title", "description", "goal_area_id", "scope", "core_id", "kind", "plan_type",
                "purpose", "financing", "regional_priority", "timing", "budget", "source_id", "source_section",
                "note"], interventions)
    write_rows(folder / "intervention_actors.csv",
               ["intervention_id", "actor_id", "role", "name_as_written", "source_id", "source_section"], roles)
    indicators = [[f"syntetisk-ind-{k}", f"Syntetisk indikator {k}", "antal", str(k % 4 + 1), "", "", "", "",
                   "", "SYNTETISK", "syntetisk", "genererad"] for k in range(40)]
    write_rows(folder / "indicators.csv",
               ["id", "name", "unit", "goal_area_id", "rufs_goal", "higher_is_better", "target_value",
                "target_text", "target_year", "definition", "source_id", "source_section"], indicators)
    values = []
    for i in range(n_val * extra):
        ind = indicators[i % 40][0]
        geo = kommuner[(i // 40) % len(kommuner)]
        year = 1000 + (i // (40 * len(kommuner)))
        values.append([ind, "kommun", geo, str(year), "", str(i % 997), "", "utfall", "", "syntetisk",
                       "genererad", "SYNTETISK"])
    write_rows(folder / "indicator_values.csv",
               ["indicator_id", "geography_type", "geography", "year", "period_text", "value", "qualifier",
                "value_type", "value_text", "source_id", "source_section", "note"], values)


def time_build(curated: Path, out: Path, repeats: int = 3) -> float:
    from data.build import build
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        build(out, force=True, curated=curated)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# --- page timings (run in a subprocess per data set, so Streamlit's caches start empty) -----------

FLOOR_APP = "import streamlit as st\nst.title('Tom sida')\nv = st.selectbox('x', ['a', 'b'], key='x')\n"


def page_times(db: str, runs: int) -> dict:
    os.environ["FARDPLANER_DB"] = db
    os.environ["FARDPLANER_USER_DB"] = str(Path(db).with_name("bench_user.duckdb"))
    from streamlit.testing.v1 import AppTest
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        floor_path = Path(tmp) / "floor.py"
        floor_path.write_text(FLOOR_APP, "utf-8")
        at = AppTest.from_file(str(floor_path), default_timeout=120).run()
        results["(tom sida)"] = _median_reruns(at, lambda i: at.selectbox(key="x").set_value("ab"[i % 2]), runs)
    pages = re.findall(r'st\.Page\("pages/([a-z_]+\.py)"', (REPO / "app.py").read_text("utf-8"))
    for page in pages:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
        at.switch_page(f"pages/{page}").run()
        change = _change_for(at)
        results[page] = _median_reruns(at, change, runs)
    return results


def _change_for(at):
    """A filter change: alternate the core filter (URL key `karna`) between two cores, when the page has it."""
    if "karna" not in at.session_state:
        return lambda i: None  # a page without a core filter: a plain rerun
    many = isinstance(at.session_state["karna"], list)
    cores = ["sodertalje", "flemingsberg"]

    def change(i: int) -> None:
        at.session_state["karna"] = [cores[i % 2]] if many else cores[i % 2]
    return change


def _median_reruns(at, change, runs: int) -> float:
    times = []
    for i in range(runs + 2):
        change(i)
        started = time.perf_counter()
        at.run()
        if i >= 2:  # the first reruns warm caches
            times.append((time.perf_counter() - started) * 1000)
        if at.exception:
            raise RuntimeError([e.message for e in at.exception])
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages-only", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    if args.pages_only:
        print(json.dumps(page_times(args.pages_only, args.runs)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("Genererar syntetisk data (100×) i", tmp)
        synthetic_curated(tmp / "curated100")
        build1 = time_build(REPO / "data" / "curated", tmp / "x1.duckdb")
        build100 = time_build(tmp / "curated100", tmp / "x100.duckdb", repeats=1)
        import duckdb
        sizes = {}
        for name in ("x1", "x100"):
            with duckdb.connect(str(tmp / f"{name}.duckdb"), read_only=True) as con:
                sizes[name] = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                               for t in ("interventions", "actors", "indicator_values")]
        timings = {}
        for name in ("x1", "x100"):
            out = subprocess.run([sys.executable, __file__, "--pages-only", str(tmp / f"{name}.duckdb"),
                                  "--runs", str(args.runs)], capture_output=True, text=True, cwd=REPO)
            if out.returncode:
                print(out.stderr[-3000:])
                return 1
            timings[name] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\nData: 1× = {sizes['x1']} , 100× = {sizes['x100']} (insatser, aktörer, indikatorvärden)")
    print(f"Bygge av databasen: 1× {build1:.2f} s · 100× {build100:.2f} s "
          f"(kvot {build100 / build1:.0f} för {sizes['x100'][2] / sizes['x1'][2]:.0f}× rader)")
    floor1, floor100 = timings["x1"]["(tom sida)"], timings["x100"]["(tom sida)"]
    print(f"\n{'sida':<22}{'1× ms':>9}{'× golv':>8}{'100× ms':>10}{'× golv':>8}   budget 250 / 1000 ms")
    for page in timings["x1"]:
        a, b = timings["x1"][page], timings["x100"][page]
        flag = "" if a < 250 and b < 1000 else "  ÖVER BUDGET"
        print(f"{page:<22}{a:>9.1f}{a / floor1:>8.1f}{b:>10.1f}{b / floor100:>8.1f}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
