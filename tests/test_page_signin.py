"""Sign-in configured (secrets [auth] and [roles]) under AppTest: each role sees exactly its controls, the
signed-in name is what the record carries, signing out ends writing. The provider flow itself is in
tests/e2e/test_signin_browser.py."""

import pytest
from streamlit.testing.v1 import AppTest

from queries.dialogue_model import Priority
from tests.conftest import REPO

pytestmark = pytest.mark.usefixtures("on_fixture_store")  # tests/fixture_store.py

SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 40,
        "testidp": {
            "client_id": "fardplan",
            "client_secret": "hemligt",
            "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
        },
    },
    "login": {"labels": {"testidp": "Logga in med testkonto"}},
    "roles": {
        "claim": "groups",
        "map": {
            "fp-handlaggare": ["handläggare"],
            "fp-region": ["beslutsfattare:region"],
            "fp-sodertalje": ["beslutsfattare:kommun:sodertalje"],
            "fp-admin": ["administratör"],
        },
    },
}


def as_user(page: str, groups: list[str] | None, **query) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in SECRETS.items():
        at.secrets[key] = value
    if groups is not None:
        at.user = {
            "is_logged_in": True,
            "sub": "s-" + "-".join(groups),
            "iss": "http://idp",
            "name": "Testperson " + " ".join(groups),
            "email": "test@example.se",
            "groups": groups,
        }
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def dialogue(app_store):
    d = app_store.create("sodertalje", "2026–2027", None, who="a")
    d.priorities = [Priority("test-gemensam-1", 1)]
    return app_store.save(d, who="a")


def keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key}


def test_not_signed_in_reads_everything_and_writes_nothing(app_store):
    d = dialogue(app_store)
    at = as_user("dialog.py", None, karna="sodertalje", dialog=d.id)
    assert "login:testidp" in keys(at)
    assert [b.label for b in at.button if b.key == "login:testidp"] == ["Logga in med testkonto"]
    assert not {"save", f"archive:{d.id}"} & keys(at) and not at.text_area
    assert not [t for t in at.text_input if t.key == "editor_name"]  # no typed name when sign-in is on
    assert any("Du har inte rollen beslutsfattare" in c.value for c in at.caption)
    imp = as_user("importera.py", None)
    assert any("kräver rollen administratör" in i.value for i in imp.info) and not imp.get("file_uploader")


def test_a_handlaggare_prepares_but_cannot_confirm_and_the_log_carries_the_signed_in_name(app_store):
    d = dialogue(app_store)
    at = as_user("dialog.py", ["fp-handlaggare"], karna="sodertalje", dialog=d.id)
    assert {"save", f"archive:{d.id}", "logout"} <= keys(at)
    assert not [k for k in keys(at) if k.startswith("confirm:") or k.startswith("decide:")]
    at.text_area(key=f"w:{d.priorities[0].id}:{d.version}").input("Vår formulering").run()
    at.button(key="save").click().run()
    log = app_store.change_log(d.id)
    assert log["who"].iloc[0] == "Testperson fp-handlaggare"
    assert log["who_sub"].iloc[0] == "http://idp|s-fp-handlaggare" and log["who_email"].iloc[0] == "test@example.se"


def test_beslutsfattare_confirm_only_their_side_and_both_make_the_decision(app_store):
    d = dialogue(app_store)
    region = as_user("dialog.py", ["fp-region"], karna="sodertalje", dialog=d.id)
    assert "save" not in keys(region) and f"confirm:region:{d.id}" in keys(region)
    assert f"confirm:kommun:{d.id}" not in keys(region)
    region.checkbox(key=f"sure:{d.id}").check().run()
    region.button(key=f"confirm:region:{d.id}").click().run()
    assert any("den andra sidan" in s.value for s in region.success)
    kommun = as_user("dialog.py", ["fp-sodertalje"], karna="sodertalje", dialog=d.id)
    text = "\n".join(m.value for m in kommun.markdown).replace("\\", "")
    assert "Regionen: bekräftat av Testperson fp-region" in text and "Kommunen: inte bekräftat ännu." in text
    kommun.checkbox(key=f"sure:{d.id}").check().run()
    kommun.button(key=f"confirm:kommun:{d.id}").click().run()
    assert app_store.load(d.id).decided
    haninge = as_user("dialog.py", ["fp-sodertalje"], karna="haninge")
    assert not [k for k in keys(haninge) if k.startswith("confirm:")]


def test_signing_out_ends_writing_at_once(app_store):
    d = dialogue(app_store)
    at = as_user("dialog.py", ["fp-handlaggare"], karna="sodertalje", dialog=d.id)
    at.button(key="logout").click().run()
    at.run()
    assert "save" not in keys(at) and "login:testidp" in keys(at)
