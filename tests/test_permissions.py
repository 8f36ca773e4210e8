"""Who may do what: roles from a token's claim, every write path of the store refused without the role
(Swedish message, nothing changed), imports and restores for administrators only, and the decision
confirmed by both sides."""

import shutil

import pytest

from components.dialog.change_log_text import Names, readable
from data import roadmap_import as ri
from queries.dialogue_model import Participant, Priority
from queries.permissions import ADMIN, HANDLAGGARE, READER, PermissionDenied, Person, roles_from_claims
from queries.user_store import StaleVersion, UserStore
from tests.conftest import REPO

MAPPING = {
    "fp-handlaggare": [HANDLAGGARE],
    "fp-region": ["beslutsfattare:region"],
    "fp-sodertalje": ["beslutsfattare:kommun:sodertalje"],
    "fp-admin": [ADMIN],
}


def person(name: str, *groups: str) -> Person:
    claims = {"sub": name.lower(), "name": name, "email": f"{name.lower()}@example.se", "groups": list(groups)}
    return Person(
        name, f"https://idp.example|{claims['sub']}", claims["email"], roles_from_claims(claims, "groups", MAPPING)
    )


ANNA = person("Anna", "fp-handlaggare")
KARIN = person("Karin", "fp-region")
OMAR = person("Omar", "fp-sodertalje")
ADA = person("Ada", "fp-admin")
READER_ONLY = person("Lisa", "some-other-group")


@pytest.fixture()
def store(tmp_path):
    s = UserStore(tmp_path / "dialoger.duckdb", read_only=False)
    s.migrate()
    return s


def test_roles_come_from_the_claim_and_say_what_each_may_do():
    assert READER_ONLY.roles == {READER} and not READER_ONLY.may("prepare")
    assert ANNA.may("prepare") and not ANNA.may("import") and ANNA.sides("sodertalje") == []
    assert KARIN.sides("sodertalje") == ["region"] == KARIN.sides("haninge") and not KARIN.may("prepare")
    assert OMAR.sides("sodertalje") == ["kommun"] and OMAR.sides("haninge") == []
    assert ADA.may("import") and ADA.may("restore") and ADA.may("prepare") and ADA.sides("sodertalje") == []
    assert roles_from_claims({"groups": "fp-admin"}, "groups", MAPPING) == {READER, ADMIN}
    assert roles_from_claims({}, "roles", MAPPING) == {READER}


def test_read_only_mode_grants_no_one_a_write(monkeypatch):
    monkeypatch.setenv("FARDPLANER_READONLY", "1")
    local = Person.local_user("Anna")
    assert not local.may("prepare") and not ADA.may("import") and local.sides("sodertalje") == []


def state(store, dialogue_id):
    return store.load(dialogue_id), len(store.change_log(dialogue_id)), store.confirmations(dialogue_id)


def test_every_write_of_the_store_is_refused_without_the_role_and_nothing_changes(store):
    d = store.create("sodertalje", "2026–2027", None, who=ANNA)
    d.priorities = [Priority("gemensam-1.1", 1)]
    d = store.save(d, who=ANNA)
    before = state(store, d.id)
    changed = store.load(d.id)
    changed.notes = "inte tillåtet"
    attempts = {
        "create": lambda who: store.create("sodertalje", "2028–2029", None, who=who),
        "save": lambda who: store.save(changed, who=who),
        "draft": lambda who: store.put_draft("x", changed, d, who=who),
        "archive": lambda who: store.archive(d.id, who=who, reason="x"),
        "restore": lambda who: store.restore(d.id, who=who),
        "delete": lambda who: store.delete(d.id, who=who, reason="x"),
        "next period": lambda who: store.create("sodertalje", "2028–2029", None, who=who, from_dialogue_id=d.id),
    }
    for name, attempt in attempts.items():
        for who in (READER_ONLY, KARIN, OMAR):
            with pytest.raises(PermissionDenied, match="får inte förbereda dialoger") as err:
                attempt(who)
            assert who.name in str(err.value), name
    with pytest.raises(PermissionDenied, match="får inte bekräfta beslutet för regionen"):
        store.confirm(d.id, d.version, "region", who=ANNA)
    with pytest.raises(PermissionDenied, match="får inte bekräfta beslutet för kommunen"):
        store.confirm(d.id, d.version, "kommun", who=KARIN)
    haninge = store.create("haninge", "2026–2027", None, who=ANNA)
    haninge.priorities = [Priority("gemensam-1.1", 1)]
    haninge = store.save(haninge, who=ANNA)
    with pytest.raises(PermissionDenied, match="kommunen"):
        store.confirm(haninge.id, haninge.version, "kommun", who=OMAR)  # Omar decides for Södertälje only
    with pytest.raises(PermissionDenied):
        store.decide(d.id, d.version, who=KARIN)
    assert state(store, d.id) == before
    assert len(store.list_dialogues()) == 2
    assert store.get_draft("x", d.id) is None


def test_the_decision_is_confirmed_by_both_sides_and_a_change_withdraws_a_confirmation(store):
    d = store.create("sodertalje", "2026–2027", None, who=ANNA)
    d.priorities = [Priority("gemensam-1.1", 1)]
    d.participants = [Participant("Karin", "Region Stockholm", "region")]
    d = store.save(d, who=ANNA)
    after_region = store.confirm(d.id, d.version, "region", who=KARIN)
    assert not after_region.decided and after_region.version == d.version
    d.notes = "En sista ändring"
    d = store.save(d, who=ANNA)  # withdraws Karin's confirmation
    [withdrawn] = store.confirmations(d.id)
    assert withdrawn.name == "Karin" and withdrawn.withdrawn_at is not None
    with pytest.raises(StaleVersion):
        store.confirm(d.id, d.version - 1, "kommun", who=OMAR)
    store.confirm(d.id, d.version, "kommun", who=OMAR)
    assert not store.load(d.id).decided  # the region has not confirmed this version
    decided = store.confirm(d.id, d.version, "region", who=KARIN)
    assert decided.decided
    active = [c for c in store.confirmations(d.id) if c.active]
    assert {(c.side, c.name, c.version, c.email) for c in active} == {
        ("region", "Karin", d.version, "karin@example.se"),
        ("kommun", "Omar", d.version, "omar@example.se"),
    }
    log = store.change_log(d.id)
    lines = list(readable(log, Names({}, {}))["Händelse"])
    assert lines[0] == "Beslutade prioriteringarna (1 insatser), bekräftat av Karin (regionen) och Omar (kommunen)"
    assert (
        f"Bekräftelsen för regionen (Karin, version {d.version - 1}) drogs tillbaka eftersom dialogen ändrades"
    ) in lines
    assert {"https://idp.example|karin", "https://idp.example|omar", "https://idp.example|anna"} == set(log["who_sub"])
    assert "karin@example.se" in set(log["who_email"])


def test_imports_and_restores_need_the_administrator_role(tmp_path):
    curated = tmp_path / "curated"
    shutil.copytree(REPO / "data" / "curated", curated, ignore=shutil.ignore_patterns(".*"))
    book = ri.export_template("sodertalje", REPO / "data" / "curated")
    plan = ri.prepare([("sodertalje.xlsx", book)], curated)
    assert plan.ok, plan.problems
    before = sorted(p.name for p in curated.rglob("*"))
    for who in (ANNA, KARIN, READER_ONLY):
        with pytest.raises(PermissionDenied, match="får inte läsa in data"):
            ri.apply(plan, tmp_path / "store.duckdb", who=who)
        with pytest.raises(PermissionDenied, match="får inte återställa"):
            ri.restore("sodertalje-2026-20260101-000000", curated, target=tmp_path / "store.duckdb", who=who)
    assert sorted(p.name for p in curated.rglob("*")) == before and not (tmp_path / "store.duckdb").exists()
    ri.apply(plan, tmp_path / "store.duckdb", who=ADA)  # the same plan goes through for an administrator
    versions = ri.list_versions(curated)
    assert list(versions["by"]) == ["Ada"]


def test_the_exports_show_who_confirmed(ref_db, store):
    import io

    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from components.briefing.briefing_data import collect
    from components.briefing.briefing_docx import docx_bytes
    from components.briefing.briefing_pdf import pdf_bytes
    from components.briefing.briefing_xlsx import shortlist_xlsx
    from components.dialog.dialogue_view import confirmation_lines
    from queries.runner import ReferenceStore

    d = store.create("sodertalje", "2026–2027", None, who=ANNA)
    d.priorities = [Priority("gemensam-1.1", 1)]
    d = store.save(d, who=ANNA)
    store.confirm(d.id, d.version, "kommun", who=OMAR)
    decided = store.confirm(d.id, d.version, "region", who=KARIN)
    lines = [x for x in confirmation_lines(decided, store.confirmations(d.id)) if ": bekräftat av " in x]
    assert len(lines) == 2 and lines[0].startswith("Regionen: bekräftat av Karin ")
    assert lines[1].startswith("Kommunen: bekräftat av Omar ") and lines[1].endswith(f"(version {d.version})")
    briefing = collect(ReferenceStore(ref_db).run, decided, confirmations=lines)
    doc = Document(io.BytesIO(docx_bytes(briefing)))
    word = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes(briefing))).pages)
    about = "\n".join(str(v) for row in load_workbook(io.BytesIO(shortlist_xlsx(briefing)))["Om"].values for v in row)
    for text in (word, " ".join(pdf.split()), about):
        assert "bekräftat av Karin" in text and "bekräftat av Omar" in text


def test_the_example_secrets_file_is_valid_and_names_every_role():
    import tomllib

    example = tomllib.loads((REPO / "docs" / "secrets.example.toml").read_text("utf-8"))
    assert example["auth"]["redirect_uri"].endswith("/oauth2callback") and example["auth"]["required"] is True
    assert "client_id" in example["auth"]["entra"] and set(example["login"]["labels"]) <= set(example["auth"])
    roles = {r for values in example["roles"]["map"].values() for r in values}
    assert roles == {HANDLAGGARE, ADMIN, "beslutsfattare:region", "beslutsfattare:kommun:sodertalje"}
