"""A real Streamlit server (one per worker, or a module's own) and headless Chromium (one per worker)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from scripts.benchmark_browser import CHROMIUM, COUNT_MESSAGES
from scripts.benchmark_browser import CHROMIUM_ARGS as BENCHMARK_CHROMIUM_ARGS
from tests.conftest import REPO

# The benchmark's Chromium (scripts/benchmark_browser.py), and: only loopback resolves, so a request to any other
# host fails at once (there is no network here, and the tests must not depend on one), without routing every
# request through Playwright.
CHROMIUM_ARGS = [
    *BENCHMARK_CHROMIUM_ARGS,
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(env: dict, log: Path):
    """Start the app with scripts/serve.py on a free port; yield its URL; stop it afterwards."""
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "scripts/serve.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("Streamlit did not start:\n" + log.read_text())
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="session")
def server(ref_db, tmp_path_factory):
    """One server per worker on the production build for the modules that only read (a module that writes
    starts its own: own_user_store). Its caches stay warm across modules, as a deployed server's do."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with streamlit_server({**os.environ, "FARDPLANER_DB": str(ref_db)}, log) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_server(fixture_db, tmp_path_factory):
    """One server per worker on the fixture store (tests/fixture_store.py) for the browser modules that only
    read: what they expect comes from the fixture's definitions, so a new roadmap or a corrected source does
    not change it. Its user store is its own, empty."""
    root = tmp_path_factory.mktemp("fixture-server")
    with streamlit_server(user_store_env(fixture_db, root / "dialoger.duckdb"), root / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One Chromium per worker (a launch costs about 1.5 s of CPU); each module has its own context (tab)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_context(browser, height: int = 800, **options):
    """A browser context as a Swedish user at 1280 wide, counting the server's messages (act_and_wait: a fast
    run can go from notRunning to notRunning without the state 'running' ever being drawn, but it always
    sends messages; COUNT_MESSAGES is the benchmark's)."""
    context = browser.new_context(viewport={"width": 1280, "height": height}, locale="sv-SE", **options)
    context.add_init_script(COUNT_MESSAGES)
    return context


@pytest.fixture(scope="module")
def tab(browser):
    """The module's one browser context and tab, shared by its tests through `page`."""
    holder = {}

    def fresh():
        if "page" not in holder or holder["page"].is_closed():
            holder["page"] = new_context(browser, accept_downloads=True).new_page()
        return holder["page"]

    yield fresh
    if "page" in holder:
        holder["page"].context.close()


@pytest.fixture()
def page(tab):
    """A tab for one test, without the cookies or the storage of the test before it. It is the module's
    tab, not a new one: a new tab starts a new renderer process, which cost about 1 s of CPU per test
    (measured), and the renderer keeps the app's compiled JavaScript between loads."""
    pg = tab()
    pg.context.clear_cookies()
    pg.set_viewport_size({"width": 1280, "height": 800})
    yield pg
    if not pg.is_closed() and pg.url.startswith("http"):
        pg.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")


# The page is at rest: no script run, no element left stale from the previous run, no finite animation or
# transition running (Streamlit's fade of stale elements, an expander opening, a focus ring), no message
# from the server for QUIET_MS (one just received may not be drawn yet: the app decodes it asynchronously,
# so the state can still read notRunning right after a run's first message), and the DOM
# unchanged for QUIET_MS (a rerun the page asks for just after a run ends starts within that: measured
# ≈ 60 ms on a loaded 2-core machine). A state wait on the page itself, not a fixed sleep after an action.
QUIET_MS = 250
SETTLED = """quiet => new Promise(done => {
  if (window.__lastMutation === undefined) {
    window.__lastMutation = performance.now();
    new MutationObserver(() => { window.__lastMutation = performance.now(); })
      .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true}); }
  const still = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    if (performance.now() - (window.__lastMessage ?? -Infinity) < quiet) return false;
    if (!document.getAnimations().every(a => a.playState !== 'running'
      || (a.effect && a.effect.getTiming().iterations === Infinity))) return false;
    return performance.now() - window.__lastMutation >= quiet; };
  const tick = () => still() ? done(true) : setTimeout(tick, 25);
  tick(); })"""


def settle(page, timeout: int = 30000) -> None:
    """Wait for the page to be at rest (SETTLED): a state wait, not a fixed sleep."""
    page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=timeout)


def wait_for_app(page) -> None:
    """Wait until the script run is finished and the page at rest; fail on any exception shown on the page."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30000)
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0


COUNT_RUNS = """() => { if (window.__runs === undefined) { window.__runs = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => { if (app.getAttribute('data-test-script-state') === 'running') window.__runs++; })
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }
  return window.__runs; }"""


def act_and_wait(page, action, run_within_ms: int = 3000) -> None:
    """Do something that makes the app rerun (a key, a click), and wait for that run to start and end.
    (wait_for_app alone can return before a slow server has even started the run, e.g. under CI load.)
    A run is seen by the state 'running' or by a message from the server (new_context counts them). If
    neither comes within run_within_ms, carry on: the action changed nothing the server sees."""
    before = page.evaluate(COUNT_RUNS)
    messages = page.evaluate("() => window.__messages ?? -1")
    action()
    try:
        page.wait_for_function(
            f"() => window.__runs > {before} || (window.__messages ?? -1) > {messages}", timeout=run_within_ms
        )
    except Exception:  # playwright's TimeoutError: no run
        pass
    wait_for_app(page)


def press_and_wait(page, key: str) -> None:
    act_and_wait(page, lambda: page.keyboard.press(key))


def save_screenshot(page, name: str) -> None:
    """With SAVE_SCREENSHOTS=1 (`SAVE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/e2e`), keep the view as
    docs/<name>.png for the README."""
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        (REPO / "docs").mkdir(exist_ok=True)
        page.screenshot(path=str(REPO / "docs" / f"{name}.png"), full_page=True)


def own_user_store(name: str):
    """Module fixtures (user_db, server, store) for tests that read back what the app saved: a server of the
    module's own on the fixture store (tests/fixture_store.py) with an empty user store in a temporary
    directory, and that store opened read-write."""
    from queries.user_store import UserStore

    @pytest.fixture(scope="module")
    def user_db(tmp_path_factory):
        return tmp_path_factory.mktemp(f"{name}-user-store") / "dialoger.duckdb"

    @pytest.fixture(scope="module")
    def server(fixture_db, user_db, tmp_path_factory):
        with streamlit_server(
            user_store_env(fixture_db, user_db), tmp_path_factory.mktemp(f"{name}-server") / "streamlit.log"
        ) as url:
            yield url

    @pytest.fixture()
    def store(user_db):
        s = UserStore(user_db, read_only=False)
        s.migrate()
        return s

    return user_db, server, store


def user_store_env(ref_db, user_db) -> dict:
    """The server's environment: this reference store (and, for the fixture store, its curated folder, so
    the start-up build keeps it) and this user store, writable."""
    env = {**os.environ, "FARDPLANER_DB": str(ref_db), "FARDPLANER_USER_DB": str(user_db)}
    if (Path(ref_db).parent / "curated").is_dir():
        env["FARDPLANER_CURATED"] = str(Path(ref_db).parent / "curated")
    env.pop("FARDPLANER_READONLY", None)
    return env
