"""Two app instances on one PostgreSQL user store behind nginx (deploy/nginx.conf): a person types in
Dialoger through the proxy, the instance serving them is killed, the browser reconnects to the other one and
finds the draft; saved there, the record is in PostgreSQL. Each instance answers /healthz."""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from queries.dialogue_model import Priority
from queries.user_store import UserStore
from tests.conftest import REPO
from tests.e2e.conftest import act_and_wait, free_port, wait_for_app

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def start_instance(env: dict, port: int, health: int, log: Path) -> subprocess.Popen:
    out = log.open("w")
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
        env={**env, "FARDPLANER_HEALTH_PORT": str(health)},
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    wait_until(
        lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).status == 200,
        lambda: log.read_text(),
    )
    return proc


def wait_until(ok, why, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if ok():
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(why())


def health(port: int) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.fixture()
def deployment(ref_db, pg_cluster, tmp_path):
    import psycopg

    name = "tva_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg_cluster, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')  # a generated name, no input
    url = pg_cluster.rsplit("/", 1)[0] + "/" + name
    ports = [free_port(), free_port()]
    healths = [free_port(), free_port()]
    procs, curated = [], []
    for i, (port, health_port) in enumerate(zip(ports, healths)):
        own = tmp_path / f"instans{i}"  # each instance has its own curated folder and reference store
        shutil.copytree(REPO / "data" / "curated", own / "curated", ignore=shutil.ignore_patterns(".*"))
        shutil.copy(ref_db, own / "fardplaner.duckdb")
        env = {
            **os.environ,
            "FARDPLANER_DB": str(own / "fardplaner.duckdb"),
            "FARDPLANER_USER_DB": url,
            "FARDPLANER_CURATED": str(own / "curated"),
        }
        env.pop("FARDPLANER_READONLY", None)
        procs.append(start_instance(env, port, health_port, tmp_path / f"app{i}.log"))
        curated.append(own / "curated")
    proxy = free_port()
    conf = (REPO / "deploy" / "nginx.conf").read_text()
    conf = conf.replace("server 127.0.0.1:8501", f"server 127.0.0.1:{ports[0]}")
    conf = conf.replace("server 127.0.0.1:8502", f"server 127.0.0.1:{ports[1]}")
    conf = conf.replace("listen 127.0.0.1:8080", f"listen 127.0.0.1:{proxy}")
    run = tmp_path / "nginx"
    (run / "tmp").mkdir(parents=True)
    (run / "nginx.conf").write_text(conf)
    nginx = subprocess.Popen([NGINX, "-c", str(run / "nginx.conf"), "-p", str(run)], stderr=subprocess.PIPE)
    wait_until(
        lambda: urllib.request.urlopen(f"http://127.0.0.1:{proxy}/_stcore/health", timeout=1).status == 200,
        lambda: (run / "error.log").read_text() if (run / "error.log").exists() else "nginx startade inte",
    )
    try:
        yield {
            "url": url,
            "proxy": f"http://127.0.0.1:{proxy}",
            "ports": ports,
            "healths": healths,
            "procs": procs,
            "curated": curated,
            "tmp": tmp_path,
        }
    finally:
        nginx.terminate()
        nginx.wait(10)
        for p in procs:
            if p.poll() is None:
                p.terminate()
                p.wait(10)


def serving(deployment) -> int:
    """Which instance holds the browser's session: the one whose /healthz counts an open session."""
    counts = [
        health(h)[1].get("sessioner") if deployment["procs"][i].poll() is None else 0
        for i, h in enumerate(deployment["healths"])
    ]
    assert sorted(counts) == [0, 1], counts
    return counts.index(1)


def test_a_killed_instance_loses_no_draft_and_the_other_one_saves(deployment, page):
    store = UserStore(deployment["url"], read_only=False)
    d = store.create("sodertalje", "2026–2027", None, who="e2e")
    d.priorities = [Priority("gemensam-1.1", 1)]
    d = store.save(d, who="e2e")
    for port in deployment["healths"]:
        status, body = health(port)
        assert status == 200 and body["användardata"].startswith("ok (postgres")

    page.goto(f"{deployment['proxy']}/dialoger?karna=sodertalje&dialog={d.id}")
    wait_for_app(page)
    box = page.get_by_label("Formulering / motivering").first
    box.fill("Skrivet innan instansen föll")
    act_and_wait(page, lambda: box.blur())
    browser = next(c["value"] for c in page.context.cookies() if c["name"] == "fardplan_webblasare")
    kept = store.get_draft("webbläsare:" + browser, d.id)
    assert kept.draft.priorities[0].wording == "Skrivet innan instansen föll"  # in PostgreSQL, not in memory

    victim = serving(deployment)
    deployment["procs"][victim].kill()
    deployment["procs"][victim].wait(10)
    assert health(deployment["healths"][1 - victim])[0] == 200

    page.reload()
    wait_for_app(page)
    assert serving(deployment) == 1 - victim
    box = page.get_by_label("Formulering / motivering").first
    assert box.input_value() == "Skrivet innan instansen föll"
    act_and_wait(page, lambda: page.locator(".st-key-save button").click())
    assert store.load(d.id).priorities[0].wording == "Skrivet innan instansen föll"


def test_a_roadmap_imported_on_one_instance_shows_on_the_other_within_a_minute(deployment, page):
    from tests.test_roadmap_import import changed_sodertalje

    a, b = (f"http://127.0.0.1:{p}" for p in deployment["ports"])
    page.goto(a + "/importera")
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ned mallen (Excel)").click()
    upload = deployment["tmp"] / "ny.xlsx"
    upload.write_bytes(changed_sodertalje(open(info.value.path(), "rb").read()))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
    page.get_by_role("button", name="Läs in färdplanen").wait_for(timeout=120000)
    wait_for_app(page)
    page.get_by_role("button", name="Läs in färdplanen").click()
    page.get_by_text("är inläst i curated/sodertalje-2026").wait_for(timeout=120000)
    imported = time.monotonic()
    assert "En ny insats" in (deployment["curated"][0] / "sodertalje-2026" / "interventions.csv").read_text("utf-8")

    seen = None
    while time.monotonic() - imported < 60:
        page.goto(b + "/insatser?karna=sodertalje&q=En+ny+insats")
        wait_for_app(page)
        grid = page.locator('[data-testid="stDataFrame"] table[role="grid"]')
        if grid.count() and "En ny insats" in grid.first.text_content():
            seen = time.monotonic() - imported
            break
        time.sleep(2)
    assert seen is not None, "instans B visade inte den nya insatsen inom en minut"
    print(f"B visade importen efter {seen:.1f} s")
    assert "En ny insats" in (deployment["curated"][1] / "sodertalje-2026" / "interventions.csv").read_text("utf-8")
