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
        [sys.executable, "scripts/serve.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=REPO, env={**env, "FARDPLANER_HEALTH_PORT": str(health)}, stdout=out, stderr=subprocess.STDOUT)
    wait_until(lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).status == 200,
               lambda: log.read_text())
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
    with psycopg.connect(pg_cluster, autocommit=True) as con:
        con.execute('CREATE DATABASE "tva_instanser"')
    url = pg_cluster.rsplit("/", 1)[0] + "/tva_instanser"
    env = {**os.environ, "FARDPLANER_DB": str(ref_db), "FARDPLANER_USER_DB": url}
    env.pop("FARDPLANER_READONLY", None)
    ports = [free_port(), free_port()]
    healths = [free_port(), free_port()]
    procs = [start_instance(env, p, h, tmp_path / f"app{i}.log") for i, (p, h) in enumerate(zip(ports, healths))]
    proxy = free_port()
    conf = (REPO / "deploy" / "nginx.conf").read_text()
    conf = conf.replace("server 127.0.0.1:8501", f"server 127.0.0.1:{ports[0]}")
    conf = conf.replace("server 127.0.0.1:8502", f"server 127.0.0.1:{ports[1]}")
    conf = conf.replace("listen 127.0.0.1:8080", f"listen 127.0.0.1:{proxy}")
    run = tmp_path / "nginx"
    (run / "tmp").mkdir(parents=True)
    (run / "nginx.conf").write_text(conf)
    nginx = subprocess.Popen([NGINX, "-c", str(run / "nginx.conf"), "-p", str(run)], stderr=subprocess.PIPE)
    wait_until(lambda: urllib.request.urlopen(f"http://127.0.0.1:{proxy}/_stcore/health", timeout=1).status == 200,
               lambda: (run / "error.log").read_text() if (run / "error.log").exists() else "nginx startade inte")
    try:
        yield {"url": url, "proxy": f"http://127.0.0.1:{proxy}", "ports": ports, "healths": healths,
               "procs": procs}
    finally:
        nginx.terminate()
        nginx.wait(10)
        for p in procs:
            if p.poll() is None:
                p.terminate()
                p.wait(10)


def serving(deployment) -> int:
    """Which instance holds the browser's session: the one whose /healthz counts an open session."""
    counts = [health(h)[1].get("sessioner") if deployment["procs"][i].poll() is None else 0
              for i, h in enumerate(deployment["healths"])]
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
