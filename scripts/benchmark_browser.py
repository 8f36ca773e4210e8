"""The browser side of scripts/benchmark.py: what a person waits for, from click to drawn page.

Headless Chromium (Debian's, as in tests/e2e) against two servers started here: the app (scripts/serve.py's
fix, pointed at one data set) and a bare Streamlit page (a title and one line; with ?golv=1 also a selectbox,
a multiselect and a 200-row table: the floor for a filter change). Every app measurement is interleaved
with the same measurement of the bare page, and printed as a ratio to it.

"Drawn" (DRAWN below): the script has finished (data-test-script-state = notRunning), no element is stale,
every visible Plotly chart has its SVG, every visible map and table its canvas, and two animation frames
have passed (the browser has painted). Times are wall time on the Python side, from the action (navigation,
or the click on a filter option) to drawn.

- start: a new server process → the first page drawn in a new browser (empty cache), both servers;
- full load: a page opened in a browser that has the app's files cached (a new session each time);
  cold = the page's first load since its server started (its queries and data preparation run), warm =
  later loads (median);
- filter change: the page's filter changed in the browser, cold = a value nobody chose since the server
  started, warm = switching between two values seen before (median); the floor changes its selectbox;
- memory: the app server's RSS after one load of every page, with 20 sessions open at once, and every
  100 loads over --loads page loads.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}

BARE_APP = """REPO = __REPO__
import streamlit as st
import pandas as pd
st.title("Tom sida")
st.write("En rad text.")
if st.query_params.get("golv"):
    st.selectbox("Kärna", ["Södertälje", "Flemingsberg", "Haninge", "Barkarby–Jakobsberg", "Kista–Sollentuna–Häggvik",
                           "Arlandastad–Märsta", "Täby centrum–Arninge", "Skärholmen–Kungens kurva"], key="karna")
    st.multiselect("Målområde", ["1", "2", "3", "4"], default=["1"], key="malomrade")
    st.dataframe(pd.DataFrame({"rad": range(200), "text": [f"rad {i}" for i in range(200)]}), key="tabell")
# The same heavy elements as a page draws, alone on the bare page (PAGE_FLOORS): Start's map and its chart (the
# app's own builders on the same store), and a table. What a page cannot be faster than in this browser.
if st.query_params.get("karta") or st.query_params.get("diagram"):
    import sys
    sys.path.insert(0, REPO)
    from components.start import core_map
    from components.start.coverage import coverage_table
    from components.start.coverage_chart import coverage_figure
    from queries.runner import ReferenceStore

    @st.cache_resource
    def _data():
        store = ReferenceStore()
        return store.run("cores_overview"), store.run("municipality_shapes"), store.run(
            "insatser_per_core_goal_area", cores=None)

    cores, shapes, counts = _data()
    cores = cores.assign(status_text=coverage_table(cores)["Färdplan"].values)  # as pages/start.py
    if st.query_params.get("karta"):
        core_map.show(cores, shapes, key="karta")
    if st.query_params.get("diagram"):
        figure = coverage_figure(counts)
        if st.query_params.get("golv"):  # the floor of a change that redraws a chart: its title follows the choice
            figure.update_layout(title=st.session_state.get("karna") or "")
        st.plotly_chart(figure, width="stretch", key="diagram", config={"displaylogo": False, "locale": "sv"})
if st.query_params.get("tabell"):
    st.dataframe(pd.DataFrame({"rad": range(200), "text": [f"rad {i}" for i in range(200)]}), key="tabell2")
"""
# Per page, the bare page with the same kind of heavy elements (its drawing floor): Start has a map, a chart
# and a table; Lägesbild and Jämför kärnor one chart each; Insatser a table.
PAGE_FLOORS = {
    "start": ("karta=1&diagram=1&tabell=1", "karta, diagram, tabell"),
    "lagesbild": ("diagram=1", "ett diagram"),
    "jamfor": ("diagram=1", "ett diagram"),
    "insatser": ("tabell=1", "en tabell"),
}
BARE_APP = BARE_APP.replace("__REPO__", repr(str(REPO)))

DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')) return false;
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
  const shown = (sel) => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility());
  for (const el of shown('[data-testid="stPlotlyChart"]')) if (!el.querySelector('.main-svg')) return false;
  for (const el of shown('[data-testid="stDeckGlJsonChart"]')) if (!el.querySelector('canvas')) return false;
  for (const el of shown('[data-testid="stDataFrame"]')) if (!el.querySelector('canvas')) return false;
  return true; }"""
# Counts the server's messages: a very fast run can go from notRunning to notRunning without the state
# 'running' ever being drawn, so a finished run is also recognised by messages received after the action.
COUNT_MESSAGES = """(() => { const Native = window.WebSocket; window.__messages = 0; window.__bytes = 0;
  window.WebSocket = function (...args) { const ws = new Native(...args);
    ws.addEventListener('message', (e) => { window.__messages++; window.__lastMessage = performance.now();
      window.__bytes += e.data.byteLength ?? e.data.size ?? e.data.length ?? 0; }); return ws; };
  window.WebSocket.prototype = Native.prototype; Object.assign(window.WebSocket, Native); })();"""
PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
COUNT_RUNS = """() => { if (window.__runs === undefined) { window.__runs = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver((records) => { for (const r of records) if (r.oldValue === 'running') window.__runs++; })
    .observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']}); }
  return window.__runs; }"""  # finished runs (each leaves the state 'running' once, however fast)

# Each page's filter in the browser: (widget kind, key, what the table says). The options are the labels.
FILTERS = {
    "karnprofil": ("selectbox", "karna", "kärna"),
    "dialoger": ("selectbox", "karna", "kärna"),
    "mote": ("selectbox", "karna", "kärna"),
    "lagesbild": ("selectbox", "karna", "kärna"),
    "jamfor": ("multiselect", "karna", "en tredje kärna till/från"),
    "aktorer": ("multiselect", "karna", "kärna till/från"),
    "insatser": ("pills", "malomrade", "målområde till/från"),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(command: list[str], env: dict, log: Path):
    """A Streamlit server on a free port: yields (url, process, seconds from spawn to healthy)."""
    port = free_port()
    started = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                *command,
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            if proc.poll() is not None or time.perf_counter() - started > 120:
                raise RuntimeError("servern startade inte:\n" + log.read_text()[-3000:]) from None
            time.sleep(0.02)
    try:
        yield url, proc, started
    finally:
        proc.terminate()
        proc.wait(20)


def drawn(page, timeout: int = 120_000) -> None:
    page.wait_for_function(DRAWN, polling="raf", timeout=timeout)
    page.evaluate(PAINTED)
    if page.locator('[data-testid="stException"]').count():
        text = page.locator('[data-testid="stException"]').first.inner_text()[:2000]
        raise RuntimeError(f"{page.url}: undantag på sidan: {text}")


def new_context(browser):
    context = browser.new_context(viewport=VIEWPORT, locale="sv-SE")
    context.add_init_script(COUNT_MESSAGES)
    return context


def open_page(context, url: str) -> tuple[float, object]:
    """A new tab (a new session), navigated to url and drawn: seconds and the tab."""
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    drawn(page)
    return time.perf_counter() - started, page


def load(context, url: str) -> float:
    seconds, page = open_page(context, url)
    page.close()
    return seconds


def load_counted(context, url: str) -> tuple[float, int, int]:
    """A load: seconds, bytes the server sent over the websocket, and elements drawn in the main area."""
    seconds, page = open_page(context, url)
    sent = page.evaluate("() => window.__bytes")
    elements = page.locator('[data-testid="stMain"] [data-testid="stElementContainer"]').count()
    page.close()
    return seconds, sent, elements


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- filter changes -----------------------------------------------------------------------------------


def _choose(page, key: str, label: str) -> None:
    """Open the selectbox or multiselect with this key and click the option (the click is timed)."""
    page.locator(f".st-key-{key} input[role='combobox']").first.click()
    option = page.get_by_role("option", name=label, exact=True)
    option.wait_for()
    page.wait_for_timeout(250)  # the list's opening animation (a click during it is lost); not timed
    return option


def _options(page, key: str) -> list[str]:
    page.locator(f".st-key-{key} input[role='combobox']").first.click()
    page.get_by_role("option").first.wait_for()
    labels = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return [label.strip() for label in labels if label.strip() != "Select all"]  # multiselect's own entry


def _timed_change(page, action) -> float | None:
    """Seconds from the action to the page drawn after the run it caused; None if no run started."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = page.evaluate(COUNT_RUNS)
    messages = page.evaluate("() => window.__messages")
    started = time.perf_counter()
    action()
    state = "document.querySelector('[data-testid=\"stApp\"]').getAttribute('data-test-script-state')"
    try:  # a run started (or already ended) within 10 s, else the click was lost
        page.wait_for_function(
            f"() => window.__runs > {before} || window.__messages > {messages} || {state} === 'running'",
            timeout=10_000,
        )
    except PlaywrightTimeout:
        return None
    page.wait_for_function(  # and ended (a cold 100× run on a loaded machine can take well over 10 s)
        f"() => window.__runs > {before} || (window.__messages > {messages} + 1 && {state} === 'notRunning')",
        timeout=120_000,
    )
    drawn(page)
    return time.perf_counter() - started


def _widget_change(page, kind: str, key: str, value: str, on: bool) -> float:
    """One change, tried again (and the lost try not counted) when the click did not reach the widget
    (it happens now and then while a list opens)."""
    for _ in range(3):
        elapsed = _one_change(page, kind, key, value, on)
        if elapsed is not None:
            return elapsed
        page.keyboard.press("Escape")
    raise RuntimeError(f"{page.url}: ändringen av «{key}» till {value} startade ingen körning")


def _one_change(page, kind: str, key: str, value: str, on: bool) -> float | None:
    """One change of the page's filter to value (for multiselect and pills: add it when on, else remove it)."""
    if kind == "selectbox" or (kind == "multiselect" and on):
        option = _choose(page, key, value)
        elapsed = _timed_change(page, option.click)
        page.keyboard.press("Escape")
        return elapsed
    if kind == "multiselect":
        remove = page.locator(f".st-key-{key} button[aria-label='Remove {value}']")
        return _timed_change(page, remove.first.click)
    pill = page.locator(f".st-key-{key} button", has_text=value).first
    return _timed_change(page, pill.click)


def filter_changes(
    context, url: str, kind: str, key: str, warm_runs: int, cold_changes: int = 6
) -> tuple[list[float], list[float]]:
    """(cold, warm) seconds: first choices of (at most cold_changes) values not chosen since the server
    started, then switching between two values chosen before."""
    _, page = open_page(context, url)
    cold, warm = [], []
    if kind == "selectbox":
        current = page.locator(f".st-key-{key} input[role='combobox']").first.input_value()
        others = [c for c in _options(page, key) if c != current]
        for value in others[: max(2, cold_changes)]:
            cold.append(_widget_change(page, kind, key, value, True))
        pair = [others[0], others[1]]
        for i in range(warm_runs):
            warm.append(_widget_change(page, kind, key, pair[i % 2], True))
    elif kind == "multiselect":
        chosen = page.locator(f".st-key-{key} [data-tag]").evaluate_all("els => els.map(e => e.ariaLabel)")
        others = [c for c in _options(page, key) if c not in chosen][: min(4, cold_changes)]
        for value in others:  # add (a new choice), then remove (back to the choice on load)
            cold.append(_widget_change(page, kind, key, value, True))
            warm.append(_widget_change(page, kind, key, value, False))
        for i in range(max(0, warm_runs - len(others))):
            warm.append(_widget_change(page, kind, key, others[0], i % 2 == 0))
    else:  # pills: a goal area on (new), off (as on load)
        labels = page.locator(f".st-key-{key} button").all_inner_texts()[:cold_changes]
        for value in labels:
            cold.append(_widget_change(page, kind, key, value, True))
            warm.append(_widget_change(page, kind, key, value, False))
        for _ in range(max(0, warm_runs - len(labels))):
            warm.append(_widget_change(page, kind, key, labels[0], True))
    page.close()
    return cold, warm


# --- the whole browser run for one data set -----------------------------------------------------------


def measure(
    app_command: list[str],
    env: dict,
    pages: list[tuple[str, str]],
    runs: int,
    loads: int,
    start_rounds: int,
    workdir: Path,
    sessions: int = 20,
    cold_changes: int = 6,
) -> dict:
    """Every browser figure for one data set; pages are (url path, title) in menu order."""
    from playwright.sync_api import sync_playwright

    bare_file = workdir / "tom_sida.py"
    bare_file.write_text(BARE_APP, "utf-8")
    bare_command = [sys.executable, "-m", "streamlit", "run", str(bare_file)]
    out: dict = {"start": {"app": [], "bare": []}, "pages": {}, "memory": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # 1. Server start → first page drawn, in a new browser context (empty cache); interleaved.
        for i in range(start_rounds):
            for name, command, path in (("bare", bare_command, "/"), ("app", app_command, "/start")):
                with server(command, env, workdir / f"{name}-start-{i}.log") as (url, _, spawned):
                    context = new_context(browser)
                    page = context.new_page()
                    page.goto(url + path)
                    drawn(page)
                    out["start"][name].append(time.perf_counter() - spawned)
                    context.close()
        # 2. Full loads and filter changes, both servers up, one browser context each (files cached).
        with (
            server(bare_command, env, workdir / "bare.log") as (bare_url, _, _),
            server(app_command, env, workdir / "app.log") as (app_url, app_proc, _),
        ):
            bare_ctx = new_context(browser)
            app_ctx = new_context(browser)
            for _ in range(2):  # the browser fetches the files once, as on any earlier visit
                load(bare_ctx, bare_url + "/?golv=1")
                load(app_ctx, app_url + "/tillganglighet")
            out["memory"]["after start"] = rss_mb(app_proc.pid)
            for path, title in pages:  # cold: the first load of each page since the server started
                bare = load(bare_ctx, bare_url)
                cold, sent, elements = load_counted(app_ctx, f"{app_url}/{path}")
                out["pages"][path] = {
                    "title": title,
                    "cold": cold,
                    "cold_bare": bare,
                    "warm": [],
                    "warm_bare": [],
                    "bytes": sent,
                    "elements": elements,
                }
            measured = [path for path, _ in pages if path in PAGE_FLOORS]
            for path in measured:  # the floors' first loads (their data is read once, as the app's)
                load(bare_ctx, f"{bare_url}/?{PAGE_FLOORS[path][0]}")
            for _ in range(runs):
                for path, _ in pages:
                    out["pages"][path]["warm_bare"].append(load(bare_ctx, bare_url))
                    out["pages"][path]["warm"].append(load(app_ctx, f"{app_url}/{path}"))
                    if path in PAGE_FLOORS:
                        floor_url = f"{bare_url}/?{PAGE_FLOORS[path][0]}"
                        out["pages"][path].setdefault("warm_floor", []).append(load(bare_ctx, floor_url))
            out["memory"]["after every page"] = rss_mb(app_proc.pid)
            # Filter changes, interleaved with the floor's selectbox.
            floor = out["pages"]["(golv)"] = {"title": "(golv: selectbox)", "change_cold": [], "change_warm": []}
            for path, _ in pages:
                if path not in FILTERS:
                    continue
                kind, key, what = FILTERS[path]
                bare_cold, bare_warm = filter_changes(
                    bare_ctx, bare_url + "/?golv=1", "selectbox", "karna", runs, cold_changes
                )
                cold, warm = filter_changes(app_ctx, f"{app_url}/{path}", kind, key, runs, cold_changes)
                out["pages"][path].update(
                    change_cold=cold,
                    change_warm=warm,
                    change_what=what,
                    change_bare_cold=bare_cold,
                    change_bare_warm=bare_warm,
                )
                floor["change_cold"] += bare_cold
                floor["change_warm"] += bare_warm
                if PAGE_FLOORS.get(path, ("",))[0] == "diagram=1":  # a change that redraws a chart, alone
                    chart_url = bare_url + "/?golv=1&diagram=1"
                    chart_cold, chart_warm = filter_changes(
                        bare_ctx, chart_url, "selectbox", "karna", runs, cold_changes
                    )
                    out["pages"][path].update(change_chart_cold=chart_cold, change_chart_warm=chart_warm)
            out["memory"]["after the filter changes"] = rss_mb(app_proc.pid)
            # 3. Memory: 20 sessions open at once, then --loads page loads.
            tabs = []
            for i in range(sessions):
                tabs.append(open_page(app_ctx, f"{app_url}/{pages[i % len(pages)][0]}")[1])
            out["memory"]["sessions open"] = (sessions, rss_mb(app_proc.pid))
            for tab in tabs:
                tab.close()
            samples = []
            for i in range(loads):
                load(app_ctx, f"{app_url}/{pages[i % len(pages)][0]}")
                if (i + 1) % 100 == 0 or i + 1 == loads:
                    samples.append((i + 1, rss_mb(app_proc.pid)))
            out["memory"]["loads"] = samples
            bare_ctx.close()
            app_ctx.close()
        browser.close()
    return out


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _ratio(value: float, base: float) -> float:
    return value / base if base else float("nan")


def report(results: dict[str, dict]) -> None:
    """Print the browser tables: ms and × the bare page measured in the same run, at 1× and 100×."""
    names = list(results)
    print(
        "\nWebbläsaren (Chromium, headless, 1280×800): ms och × den tomma sidan (en rubrik, en rad) uppmätt "
        "omväxlande i samma körning. Mål: ≤ 2× (och 100× inom 1,5× av 1×)."
    )
    print(f"\n{'':<28}" + "".join(f"{n + ' app':>12}{'tom':>8}{'×':>6}" for n in names))
    line = f"{'serverstart → första sida':<28}"
    for n in names:
        app, bare = median(results[n]["start"]["app"]), median(results[n]["start"]["bare"])
        line += f"{app * 1000:>12.0f}{bare * 1000:>8.0f}{_ratio(app, bare):>6.1f}"
    print(line)
    print(
        "\nHel sidladdning (ny session, filerna i webbläsarens cache). kall: sidans första laddning efter "
        "serverstart; varm: median av de följande; kB: vad servern skickade över websocketen vid den kalla "
        "laddningen; element: element i sidans huvudyta."
    )
    header = f"{'sida':<26}"
    for n in names:
        header += f"{n + ' kall':>11}{'×':>5}{n + ' varm':>11}{'×':>5}{'kB':>7}{'element':>8}"
    print(header + f"{'varm 100×/1×':>14}")
    pages = results[names[0]]["pages"]
    for path, row in pages.items():
        if path == "(golv)":
            continue
        line = f"{row['title'][:25]:<26}"
        warm = {}
        for n in names:
            r = results[n]["pages"][path]
            warm[n] = median(r["warm"])
            line += (
                f"{r['cold'] * 1000:>11.0f}{_ratio(r['cold'], r['cold_bare']):>5.1f}"
                f"{warm[n] * 1000:>11.0f}{_ratio(warm[n], median(r['warm_bare'])):>5.1f}"
                f"{r['bytes'] / 1000:>7.0f}{r['elements']:>8}"
            )
        if len(names) > 1:
            line += f"{warm[names[-1]] / warm[names[0]]:>14.2f}"
        print(line)
    bare = [median(results[n]["pages"][p]["warm_bare"]) for n in names for p in pages if p != "(golv)"]
    print(f"{'(tom sida, varm)':<26}{median(bare) * 1000:>11.0f}")
    floors = [p for p in pages if "warm_floor" in pages[p]]
    if floors:
        print(
            "\nSamma tunga element ensamma på den tomma sidan (kartan och diagrammet med appens egna byggare och "
            "data), varm, uppmätt omväxlande: vad sidan inte kan gå fortare än i den här webbläsaren."
        )
        print(f"{'sida':<26}" + "".join(f"{n + ' golv':>11}{'× tom':>7}{'sidan × golv':>14}" for n in names))
        for path in floors:
            line = f"{pages[path]['title'][:25]:<26}"
            for n in names:
                r = results[n]["pages"][path]
                floor = median(r["warm_floor"])
                line += (
                    f"{floor * 1000:>11.0f}{_ratio(floor, median(r['warm_bare'])):>7.1f}"
                    f"{_ratio(median(r['warm']), floor):>14.1f}"
                )
            print(line + f"  {PAGE_FLOORS[path][1]}")
    print(
        "\nFilterändring i webbläsaren, från klick till ritad sida (skriptet klart, inget inaktuellt element). "
        "kall: ett värde som ingen valt sedan serverstart; varm: växla mellan två värden som valts förut. "
        "× = gånger golvets selectbox (en selectbox, en multiselect, en tabell med 200 rader) uppmätt omväxlande."
    )
    header = f"{'sida':<26}" + "".join(f"{n + ' kall':>11}{'×':>5}{n + ' varm':>11}{'×':>5}" for n in names)
    print(header + f"{'varm 100×/1×':>14}  filter")
    for path, row in pages.items():
        if "change_warm" not in row or path == "(golv)":
            continue
        line = f"{row['title'][:25]:<26}"
        warm = {}
        for n in names:
            r = results[n]["pages"][path]
            cold, warm[n] = median(r["change_cold"]), median(r["change_warm"])
            line += (
                f"{cold * 1000:>11.0f}{_ratio(cold, median(r['change_bare_cold'])):>5.1f}"
                f"{warm[n] * 1000:>11.0f}{_ratio(warm[n], median(r['change_bare_warm'])):>5.1f}"
            )
        if len(names) > 1:
            line += f"{warm[names[-1]] / warm[names[0]]:>14.2f}"
        print(line + f"  {row['change_what']}")
    line = f"{'(golv: selectbox)':<26}"
    for n in names:
        floor = results[n]["pages"].get("(golv)", {})
        cold, warm_floor = median(floor.get("change_cold", [])), median(floor.get("change_warm", []))
        line += f"{cold * 1000:>11.0f}{'':>5}{warm_floor * 1000:>11.0f}{'':>5}"
    print(line)
    charted = [p for p in pages if "change_chart_warm" in pages[p]]
    if charted:
        print(
            "\nFilterändring som ritar om ett diagram, ensam på den tomma sidan (golvets selectbox byter "
            "diagrammets rubrik), och sidans ändring × den:"
        )
        print(f"{'sida':<26}" + "".join(f"{n + ' kall':>11}{n + ' varm':>11}{'sidan × den':>13}" for n in names))
        for path in charted:
            line = f"{pages[path]['title'][:25]:<26}"
            for n in names:
                r = results[n]["pages"][path]
                cold, warm = median(r["change_chart_cold"]), median(r["change_chart_warm"])
                line += f"{cold * 1000:>11.0f}{warm * 1000:>11.0f}{_ratio(median(r['change_warm']), warm):>13.1f}"
            print(line)
    print("\nMinne: appserverns RSS, MB")
    for n in names:
        m = results[n]["memory"]
        loads = ", ".join(f"{k}: {v:.0f}" for k, v in m["loads"])
        count, rss = m["sessions open"]
        print(
            f"  {n}: efter start {m['after start']:.0f} · efter varje sida {m['after every page']:.0f} · "
            f"efter filterändringarna {m.get('after the filter changes', float('nan')):.0f} · "
            f"{count} sessioner öppna {rss:.0f} · efter så här många sidladdningar: {loads}"
        )
