"""Sign-in through a real OpenID Connect provider on loopback (oidc-provider-mock, in .venv-oidc), in Chromium,
against a server on the fixture store (tests/fixture_store.py).

One person per role signs in on the provider's own page and sees exactly the controls the role allows; region
and kommun confirm a decision in turn and both confirmations show with names; signing out ends writing.
"""

import json
import subprocess
import time
import urllib.request

import pytest

from queries.dialogue_model import Priority
from tests.conftest import REPO
from tests.e2e.conftest import act_and_wait, free_port, new_context, streamlit_server, user_store_env, wait_for_app

PROVIDER = REPO / ".venv-oidc" / "bin" / "oidc-provider-mock"
PEOPLE = {
    "anna": {"name": "Anna Handläggare", "email": "anna@region.example", "groups": ["fp-handlaggare"]},
    "karin": {"name": "Karin Ek", "email": "karin@region.example", "groups": ["fp-region"]},
    "omar": {"name": "Omar Ali", "email": "omar@sodertalje.example", "groups": ["fp-sodertalje"]},
    "ada": {"name": "Ada Admin", "email": "ada@region.example", "groups": ["fp-admin"]},
}
ROLES = """
[roles]
claim = "groups"
[roles.map]
fp-handlaggare = ["handläggare"]
fp-region = ["beslutsfattare:region"]
fp-sodertalje = ["beslutsfattare:kommun:sodertalje"]
fp-admin = ["administratör"]
"""


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    if not PROVIDER.exists():
        pytest.fail("The OpenID provider is missing: run scripts/test.sh (it makes .venv-oidc).")
    port = free_port()
    args = [str(PROVIDER), "--host", "127.0.0.1", "--port", str(port)]
    for sub, claims in PEOPLE.items():
        args += ["--user-claims", json.dumps({"sub": sub, **claims})]
    log = (tmp_path_factory.mktemp("oidc") / "provider.log").open("w")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("The OpenID provider did not start")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def user_db(tmp_path_factory):
    return tmp_path_factory.mktemp("signin-user-store") / "dialoger.duckdb"


@pytest.fixture(scope="module")
def server(fixture_db, user_db, provider, tmp_path_factory):
    folder = tmp_path_factory.mktemp("signin-secrets")
    (folder / "secrets.toml").write_text(
        f"""
[auth]
redirect_uri = "http://localhost:{{port}}/oauth2callback"
cookie_secret = "{"k" * 48}"
required = true
[auth.testidp]
client_id = "fardplan"
client_secret = "test-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
[login.labels]
testidp = "Logga in med testkonto"
{ROLES}""",
        "utf-8",
    )
    env = {**user_store_env(fixture_db, user_db), "STREAMLIT_SECRETS_FILES": str(folder / "secrets.toml")}
    with streamlit_server(env, folder / "streamlit.log") as url:
        yield url.replace("127.0.0.1", "localhost")  # the origin of redirect_uri


@pytest.fixture()
def store(user_db):
    from queries.user_store import UserStore

    s = UserStore(user_db, read_only=False)
    s.migrate()
    return s


def signed_in(browser, server, sub: str, path: str):
    """A fresh browser that signs in as `sub` on the provider's own page, then opens `path`."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{server}{path}")
    wait_for_app(page)
    page.get_by_role("button", name="Logga in med testkonto").click()
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{server}{path}", timeout=30000)  # back where they signed in, with the same filters
    wait_for_app(page)
    assert f"Inloggad som {PEOPLE[sub]['name']}" in page.locator('[data-testid="stSidebar"]').inner_text()
    return page


def buttons(page) -> set[str]:
    """The main area's button labels, once it has drawn its buttons (under load the sidebar comes first)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('main button')].some(b => b.innerText.trim())", timeout=30000
    )
    wait_for_app(page)
    return {t.strip().split("\n")[-1] for t in page.locator("main button").all_inner_texts()}


def test_each_role_sees_its_controls_and_both_sides_confirm(browser, server, store):
    d = store.create("sodertalje", "2026–2027", None, who="e2e")
    d.priorities = [Priority("test-gemensam-1", 1), Priority("test-sodertalje-1.3", 2)]
    d = store.save(d, who="e2e")
    path = f"/dialoger?karna=sodertalje&dialog={d.id}"

    anon = new_context(browser).new_page()
    anon.goto(f"{server}{path}")
    wait_for_app(anon)
    assert "Du är inte inloggad" in anon.inner_text("body") and "Spara" not in buttons(anon)
    anon.context.close()

    anna = signed_in(browser, server, "anna", path)
    assert {"Spara", "Släpp utkastet"} <= buttons(anna)
    assert not {"Bekräfta för regionen", "Bekräfta för kommunen"} & buttons(anna)
    box = anna.get_by_label("Formulering / motivering").first
    box.fill("Gemensam kommunikationsplan")
    act_and_wait(anna, lambda: box.press("Tab"))
    act_and_wait(anna, lambda: anna.locator(".st-key-dialogue_bar").get_by_role("button", name="Spara").click())
    assert store.change_log(d.id)["who"].iloc[0] == "Anna Handläggare"
    anna.get_by_role("button", name="Logga ut").click()
    anna.wait_for_url("**/oauth2/end_session**", timeout=30000)  # the provider's own "End session" page
    anna.goto(f"{server}{path}")
    wait_for_app(anna)
    assert "Spara" not in buttons(anna) and "Du är inte inloggad" in anna.inner_text("body")
    anna.context.close()

    for sub, side in (("karin", "regionen"), ("omar", "kommunen")):
        page = signed_in(browser, server, sub, path)
        assert "Spara" not in buttons(page)
        other = "kommunen" if side == "regionen" else "regionen"
        assert f"Bekräfta för {side}" in buttons(page) and f"Bekräfta för {other}" not in buttons(page)
        act_and_wait(page, lambda page=page: page.get_by_text("Prioriteringarna är överenskomna i samtalet").click())
        act_and_wait(page, lambda page=page, side=side: page.get_by_role("button", name=f"Bekräfta för {side}").click())
        if side == "regionen":
            page.context.close()
    assert store.load(d.id).decided
    omar = page  # the second to confirm sees the record with both names
    record = omar.locator(".st-key-decision_record").inner_text()
    assert "Regionen: bekräftat av Karin Ek" in record and "Kommunen: bekräftat av Omar Ali" in record
    omar.get_by_role("tab", name="Ändringslogg").click()
    log = omar.inner_text("body")
    assert "Beslutade prioriteringarna (2 insatser), bekräftat av Karin Ek (regionen) och Omar Ali (kommunen)" in log
    omar.context.close()


def test_only_an_administrator_may_import(browser, server):
    for sub, allowed in (("ada", True), ("anna", False)):
        page = signed_in(browser, server, sub, "/importera")
        assert (page.locator('[data-testid="stFileUploader"]').count() > 0) == allowed
        assert ("kräver rollen administratör" in page.inner_text("body")) != allowed
        page.context.close()
