"""Benchmark: store build time and each page's script run after a filter change, at 1× and 100×.

    .venv/bin/python scripts/benchmark.py            # prints two tables; takes 5–10 minutes
    .venv/bin/python scripts/benchmark.py --only lagesbild.py --workdir /tmp/bench   # one page, keep the data
    .venv/bin/python scripts/benchmark.py --browser only --scales x1 --only karnprofil.py --browser-runs 1 \
        --loads 2 --sessions 2 --start-rounds 1 --cold-changes 2   # quick (tests/e2e/test_benchmark_quick.py)

The browser side (scripts/benchmark_browser.py, Chromium): server start → first drawn page, each page's full
load (cold and warm, with the bytes sent over the websocket and the elements drawn), each page's filter
change from click to drawn page, each next to a bare Streamlit page measured interleaved, as a ratio; and
the server's RSS with --sessions sessions open and over --loads page loads.

The 100× data set is SYNTHETIC: generated here into a temporary folder (100× the insatser, actors and
indicator values, every id and title marked "syntetisk"), never written to data/ and never shipped.

Every page in app.py's st.navigation is measured (the script stops if one is not matched). Per page, the
timed run is an AppTest rerun after a change of the page's most natural filter (FILTERS; a page without a
filter gets a plain rerun, and the output says which), median of --runs:
- warm: both filter values' query results are already in st.cache_data (a value seen before);
- cold: st.cache_data and the cache_resource entries keyed on a filter value (Lägesbild's cards and
  figures) are cleared before each run, so the queries and the data preparation run again; the store
  connection stays. This is the cost of a filter value nobody has chosen since the server started.
Wall time is reported next to the floor (an empty page measured in the same process: the machine is
noisy, so compare ratios), and so is this process's CPU time, which other processes' load does not add to.
The page runs happen in a subprocess per data set, with the app's start-up build pointed at the data
set's own curated folder (otherwise the app would rebuild the 100× store from data/curated).
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
SYNTHETIC_SOURCE = [
    "syntetisk",
    "SYNTETISK TESTDATA (benchmark, 100×)",
    "scripts/benchmark.py",
    "2026",
    "utkast",
    "syntetisk",
    "",
    "Genererad för prestandamätning; aldrig verklig data.",
]


def write_rows(path: Path, header: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_records(path: Path, table: str, records: list[dict]) -> None:
    """Records as dicts, written with the declared table's columns (data/curated_files.SPECS); "" where absent."""
    from data.curated_files import SPECS

    columns = list(SPECS[table].columns)
    assert not {k for r in records for k in r} - set(columns), table
    write_rows(path, columns, ([r.get(c, "") for c in columns] for r in records))


def synthetic_curated(target: Path, factor: int = 100) -> None:
    """Copy data/curated and add a folder of synthetic records, (factor − 1) × the real counts."""
    from data.curated_files import SPECS

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
        interventions.append(
            [
                iid,
                f"S{i}",
                f"Syntetisk insats {i} om stationsmiljö och trygghet",
                "SYNTETISK beskrivning. " * 5,
                str(i % 4 + 1),
                "core",
                core,
                "",
                "fardplan",
                "",
                "",
                "",
                "",
                "",
                "syntetisk",
                "genererad",
                "SYNTETISK",
            ]
        )
        roles.append([iid, actors[i % len(actors)][0], "lead", "", "syntetisk", "genererad"])
        roles.append([iid, actors[(i * 7 + 1) % len(actors)][0], "participant", "", "syntetisk", "genererad"])
    used = {r[1] for r in roles}
    write_rows(folder / "actors.csv", list(SPECS["actors"].columns), [a for a in actors if a[0] in used])
    write_rows(folder / "interventions.csv", list(SPECS["interventions"].columns), interventions)
    write_rows(
        folder / "intervention_actors.csv",
        ["intervention_id", "actor_id", "role", "name_as_written", "source_id", "source_section"],
        roles,
    )
    indicators = [
        {
            "id": f"syntetisk-ind-{k}",
            "name": f"Syntetisk indikator {k}",
            "unit": "antal",
            "goal_area_id": str(k % 4 + 1),
            "definition": "SYNTETISK",
            "source_id": "syntetisk",
            "source_section": "genererad",
        }
        for k in range(40)
    ]
    write_records(folder / "indicators.csv", "indicators", indicators)
    values = []
    for i in range(n_val * extra):
        values.append(
            {
                "indicator_id": indicators[i % 40]["id"],
                "geography_type": "kommun",
                "geography": kommuner[(i // 40) % len(kommuner)],
                "year": str(1000 + (i // (40 * len(kommuner)))),
                "value": str(i % 997),
                "value_type": "utfall",
                "source_id": "syntetisk",
                "source_section": "genererad",
                "note": "SYNTETISK",
            }
        )
    write_records(folder / "indicator_values.csv", "indicator_values", values)


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
TABLE_ROW = re.compile(r'\(\s*"pages/(\w+\.py)",\s*"([^"]+)",\s*"[^"]*",\s*"([^"]+)"')

# The filter changed on each page: (what the output says, session_state key, two values alternated).
# A page missing here has no filter: its timed run is a plain rerun.
FILTERS = {
    "karnprofil.py": ("kärna (karna)", "karna", ["sodertalje", "flemingsberg"]),
    "insatser.py": ("målområde (malomrade)", "malomrade", [[1], [2]]),
    "aktorer.py": ("kärna (karna)", "karna", [["sodertalje"], ["flemingsberg"]]),
    "dialog.py": ("kärna (karna)", "karna", ["sodertalje", "flemingsberg"]),
    "mote.py": ("kärna (karna)", "karna", ["sodertalje", "flemingsberg"]),
    "jamfor.py": ("kärnor (karna, 2 av 8)", "karna", [["sodertalje", "flemingsberg"], ["sodertalje", "haninge"]]),
    "lagesbild.py": ("kärna (karna)", "karna", ["sodertalje", "flemingsberg"]),
}
NO_FILTER = "inget filter: omkörning"


def app_pages() -> list[tuple[str, str]]:
    """(file, title) of every page in app.py's PAGE_TABLE, in menu order."""
    return [(file, title) for file, title, _ in app_page_table()]


def app_page_table() -> list[tuple[str, str, str]]:
    """(file, title, url path) of every row of app.py's PAGE_TABLE; fails if one is not matched."""
    text = (REPO / "app.py").read_text("utf-8")
    rows = TABLE_ROW.findall(text)
    if len(rows) != text.count('"pages/'):
        raise SystemExit(f"benchmark: matched {len(rows)} of {text.count(chr(34) + 'pages/')} pages in app.py")
    return rows


def serve(db: str, curated: str, streamlit_args: list[str]) -> int:
    """Run the app as scripts/serve.py does, on this store, with its start-up build pointed at the data set's
    own curated folder (as page_times does). Internal: the app server of the browser measurements."""
    os.environ["FARDPLANER_DB"] = db
    os.environ["FARDPLANER_USER_DB"] = str(Path(db).with_name(Path(db).stem + "_user.duckdb"))
    os.environ["FARDPLANER_CURATED"] = curated
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(REPO / "app.py"), *streamlit_args]
    return cli.main()


def clear_result_caches() -> None:
    """Forget every cached query result (st.cache_data), and the cache_resource entries that are keyed on a
    filter value (Lägesbild's cards and figures); keep the store connection
    (components.common.store.reference_store)."""
    import streamlit as st

    from components.lagesbild import lagesbild_view

    st.cache_data.clear()
    lagesbild_view.cards_for.clear()
    lagesbild_view.figure_for.clear()


def page_times(db: str, curated: str, runs: int, only: list[str] | None = None) -> dict:
    os.environ["FARDPLANER_DB"] = db
    os.environ["FARDPLANER_USER_DB"] = str(Path(db).with_name("bench_user.duckdb"))
    # The app's start-up build compares the store with its curated folder and would rebuild the 100× store
    # from the real data; FARDPLANER_CURATED points it at the folder this store was built from.
    os.environ["FARDPLANER_CURATED"] = curated
    from queries.runner import ReferenceStore

    counter = {"queries": 0}
    original = ReferenceStore.run

    def counted(self, *a, **k):
        counter["queries"] += 1
        return original(self, *a, **k)

    ReferenceStore.run = counted
    from streamlit.testing.v1 import AppTest

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        floor_path = Path(tmp) / "floor.py"
        floor_path.write_text(FLOOR_APP, "utf-8")
        at = AppTest.from_file(str(floor_path), default_timeout=120).run()
        results["(tom sida)"] = {
            "title": "(tom sida: golv)",
            "filter": "selectbox",
            **_measure(at, lambda i: at.selectbox(key="x").set_value("ab"[i % 2]), runs, counter),
        }
    for page, title in app_pages():
        if only and page not in only:
            continue
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
        at.switch_page(f"pages/{page}").run()
        what, change = _change_for(at, page)
        results[page] = {"title": title, "filter": what, **_measure(at, change, runs, counter)}
    import duckdb

    with duckdb.connect(db, read_only=True) as con:  # the app must not have rebuilt the store under us
        results["_rows"] = con.execute("SELECT count(*) FROM interventions").fetchone()[0]
    return results


def _change_for(at, page: str):
    """A filter change on the page: alternate its filter between two values, or a plain rerun."""
    if page not in FILTERS:
        return NO_FILTER, lambda i: None
    what, key, values = FILTERS[page]
    if key not in at.session_state:
        raise RuntimeError(f"{page}: no widget state «{key}» after the first run; update FILTERS")
    current = at.session_state[key]
    if isinstance(current, list) != isinstance(values[0], list):
        raise RuntimeError(f"{page}: «{key}» is {current!r}, FILTERS gives {values[0]!r}")

    def change(i: int) -> None:
        at.session_state[key] = values[i % 2]

    return what, change


def _timed(at, counter) -> tuple[float, float, int]:
    """One script run: wall ms, CPU ms of this process (all threads: the script thread and AppTest's
    polling; other processes' load does not count), and how many queries reached the store."""
    before = counter["queries"]
    cpu, started = time.process_time(), time.perf_counter()
    at.run()
    wall, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    if at.exception:
        raise RuntimeError([e.message for e in at.exception])
    return wall, cpu, counter["queries"] - before


def _measure(at, change, runs: int, counter) -> dict:
    """Warm: reruns after a filter change once both values' results are cached (the first two untimed).
    Cold: the same change with every cached query result cleared first, so the queries run."""
    samples = {"warm": [], "cold": []}
    for i in range(runs + 2):
        change(i)
        sample = _timed(at, counter)
        if i >= 2:
            samples["warm"].append(sample)
    for i in range(runs):
        change(i)
        clear_result_caches()
        samples["cold"].append(_timed(at, counter))
    out = {}
    for kind, rows in samples.items():
        out[kind] = statistics.median(r[0] for r in rows)
        out[f"{kind}_cpu"] = statistics.median(r[1] for r in rows)
    out["warm_queries"] = max(r[2] for r in samples["warm"])
    out["cold_queries"] = min(r[2] for r in samples["cold"])
    return out


def main() -> int:
    if sys.argv[1:2] == ["--serve"]:  # internal: the app server of the browser measurements
        return serve(sys.argv[2], sys.argv[3], sys.argv[4:])
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages-only", help=argparse.SUPPRESS)
    parser.add_argument("--curated", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--only", help="only these pages (comma-separated file names, e.g. jamfor.py)")
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep the generated data and stores here (default: a temporary folder, removed afterwards)",
    )
    parser.add_argument(
        "--browser",
        choices=["yes", "no", "only"],
        default="yes",
        help="the browser measurements too (default), not, or only them",
    )
    parser.add_argument("--scales", default="x1,x100", help="data sets: x1, x100 or both (default)")
    parser.add_argument("--browser-runs", type=int, default=7, help="warm loads and changes per page (median)")
    parser.add_argument("--loads", type=int, default=500, help="page loads in the memory measurement")
    parser.add_argument("--sessions", type=int, default=20, help="sessions open at once in the memory measurement")
    parser.add_argument("--start-rounds", type=int, default=3, help="server starts per server (median)")
    parser.add_argument(
        "--cold-changes", type=int, default=6, help="first choices of new values per filter (cold changes)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --workdir: use the data and stores built there by an earlier run (no build timing)",
    )
    args = parser.parse_args()
    only = args.only.split(",") if args.only else None
    if args.pages_only:
        print(json.dumps(page_times(args.pages_only, args.curated, args.runs, only)))
        return 0
    if args.workdir:
        if not args.reuse:
            shutil.rmtree(args.workdir, ignore_errors=True)
        args.workdir.mkdir(parents=True, exist_ok=True)
        return report(args.workdir, only, args)
    with tempfile.TemporaryDirectory() as tmp:
        return report(Path(tmp), only, args)


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return (
        f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} kärnor, last (uptime) {one:.2f} {five:.2f} {fifteen:.2f}"
    )


def report(tmp: Path, only: list[str] | None, args) -> int:
    print("Start:", load_line(), flush=True)
    scales = [s for s in ("x1", "x100") if s in args.scales.split(",")]
    curated = {"x1": REPO / "data" / "curated", "x100": tmp / "curated100"}
    builds = {}
    for name in scales:
        if args.reuse and (tmp / f"{name}.duckdb").exists():
            continue
        if name == "x100":
            print("Genererar syntetisk data (100×) i", tmp, flush=True)
            synthetic_curated(tmp / "curated100")
        builds[name] = time_build(curated[name], tmp / f"{name}.duckdb", repeats=3 if name == "x1" else 1)
    import duckdb

    sizes = {}
    for name in scales:
        with duckdb.connect(str(tmp / f"{name}.duckdb"), read_only=True) as con:
            sizes[name] = [
                con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("interventions", "actors", "indicator_values")
            ]
    print(f"\nData: {sizes} (insatser, aktörer, indikatorvärden)")
    if len(builds) == 2:
        rows1, rows100 = sum(sizes["x1"]), sum(sizes["x100"])
        print(
            f"Bygge av databasen: 1× {builds['x1']:.2f} s (median av 3) · 100× {builds['x100']:.2f} s (en gång): "
            f"kvot {builds['x100'] / builds['x1']:.0f} för {rows100 / rows1:.0f}× raderna",
            flush=True,
        )
    if args.browser != "only" and len(scales) < 2:
        print("Servertabellen (AppTest) behöver både x1 och x100: hoppas över.")
    elif args.browser != "only" and server_tables(tmp, args.runs, only, curated, sizes, scales):
        return 1
    if args.browser != "no":
        import benchmark_browser

        pages = [(path, title) for file, title, path in app_page_table() if not only or file in only]
        results = {}
        for name in scales:
            command = [sys.executable, __file__, "--serve", str(tmp / f"{name}.duckdb"), str(curated[name])]
            label = {"x1": "1×", "x100": "100×"}[name]
            print(f"Webbläsaren, {label}: {load_line()}", flush=True)
            results[label] = benchmark_browser.measure(
                command,
                {**os.environ, "FARDPLANER_DB": str(tmp / f"{name}.duckdb")},  # the bare page's floors read it
                pages,
                args.browser_runs,
                args.loads,
                args.start_rounds,
                tmp,
                args.sessions,
                args.cold_changes,
            )
            (tmp / "browser.json").write_text(json.dumps(results), "utf-8")
            if len(scales) > 1:  # each data set's table as soon as it is measured; both together at the end
                benchmark_browser.report({label: results[label]})
        benchmark_browser.report(results)
        (tmp / "browser.json").write_text(json.dumps(results), "utf-8")
    print("\nSlut:", load_line())
    return 0


def server_tables(tmp: Path, runs: int, only, curated: dict, sizes: dict, scales: list[str]) -> int:
    timings = {}
    for name in scales:
        command = [
            sys.executable,
            __file__,
            "--pages-only",
            str(tmp / f"{name}.duckdb"),
            "--curated",
            str(curated[name]),
            "--runs",
            str(runs),
        ] + (["--only", ",".join(only)] if only else [])
        out = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
        if out.returncode:
            print(out.stderr[-3000:])
            return 1
        timings[name] = json.loads(out.stdout.strip().splitlines()[-1])
        if timings[name].pop("_rows") != sizes[name][0]:
            print(f"FEL: appen byggde om {name}-databasen under mätningen; siffrorna gäller fel data.")
            return 1
    print(
        f"\nMedian av {runs} körningar (AppTest) efter en filterändring. varm: frågornas resultat finns i "
        "st.cache_data; kall: cachen tömd före varje körning (frågorna körs). ×g = gånger golvet (tom sida, "
        "samma process). Budget (kall, väggtid): 1× < 250 ms, 100× < 1000 ms."
    )
    floor = {name: timings[name]["(tom sida)"] for name in timings}
    missed = []
    for suffix, heading in (("", "Väggtid, ms"), ("_cpu", "CPU-tid i processen, ms (oberoende av annan last)")):
        print(f"\n{heading}")
        print(
            f"{'sida':<17}{'1× varm':>9}{'×g':>6}{'1× kall':>9}{'×g':>6}{'100× varm':>11}{'×g':>6}"
            f"{'100× kall':>11}{'×g':>6}{'kall 100×/1×':>14}{'frågor':>8}  filter som ändras"
        )
        for page, t1 in timings["x1"].items():
            t100 = timings["x100"][page]
            cells = ""
            for name, t in (("x1", t1), ("x100", t100)):
                for kind in ("warm", "cold"):
                    value, base = t[kind + suffix], floor[name][kind + suffix]
                    cells += f"{value:>{9 if name == 'x1' else 11}.1f}{value / base if base else float('nan'):>6.1f}"
            flag = ""
            if not suffix and (t1["cold"] >= 250 or t100["cold"] >= 1000):
                flag = "  ÖVER BUDGET"
                missed.append(t1["title"])
            growth = t100["cold" + suffix] / t1["cold" + suffix] if t1["cold" + suffix] else float("nan")
            print(f"{t1['title']:<17}{cells}{growth:>14.1f}{t1['cold_queries']:>8}  {t1['filter']}{flag}")
            if not suffix and (t1["warm_queries"] or t100["warm_queries"]):
                print(
                    f"    (varm körning körde {max(t1['warm_queries'], t100['warm_queries'])} frågor: "
                    "cachen träffade inte)"
                )
    print(f"\nÖver budget: {', '.join(missed)}" if missed else "\nAlla sidor inom budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
