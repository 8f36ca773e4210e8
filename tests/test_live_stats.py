"""Hämta statistik (data/live_stats.py, page «Läs in färdplan») end to end against a replay server on
loopback (tests/stats_replay.py) serving TEST DATA in Kolada's and SCB's documented formats: fetch,
preview, apply, restore; bad responses refused with a Swedish message and nothing changed."""

from __future__ import annotations

import hashlib
import shutil
import socket
from pathlib import Path

import duckdb
import pytest

from data import live_stats as ls
from data import roadmap_import as ri
from data.intake import ImportRefused
from tests import stats_replay
from tests.conftest import built_copy, open_page
from tests.fixtures.make_stats_fixtures import kommuner

KOMMUNER = dict(kommuner())


@pytest.fixture(scope="module")
def replay():
    server = stats_replay.start()
    yield server
    server.shutdown()


@pytest.fixture()
def env(built_template, replay, tmp_path, monkeypatch):
    """A copy of data/curated, a store of its own (conftest.built_copy), and both services pointed at the
    replay server."""
    import components.common.store

    curated, target = built_copy(built_template, tmp_path)
    monkeypatch.setenv("FARDPLANER_CURATED", str(curated))
    monkeypatch.setenv("FARDPLANER_DB", str(target))
    monkeypatch.setenv("FARDPLANER_KOLADA_URL", replay.base + "/kolada/v3")
    monkeypatch.setenv("FARDPLANER_SCB_URL", replay.base + "/scb/v2")
    monkeypatch.delenv("FARDPLANER_READONLY", raising=False)
    replay.mode, replay.mutate = "ok", None
    components.common.store.reference_store.clear()
    yield curated, target
    replay.mode, replay.mutate = "ok", None


@pytest.fixture(scope="module")
def fetched_template(built_template, replay, tmp_path_factory):
    """built_template with one good fetch applied, made once for the module: the tests that start from a
    stored fetch copy it instead of fetching and applying each time (about 1 s each)."""
    root = tmp_path_factory.mktemp("fetched-template")
    curated, target = built_copy(built_template, root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FARDPLANER_KOLADA_URL", replay.base + "/kolada/v3")
        mp.setenv("FARDPLANER_SCB_URL", replay.base + "/scb/v2")
        mp.delenv("FARDPLANER_READONLY", raising=False)
        replay.mode, replay.mutate = "ok", None
        ls.apply(ls.fetch(ls.DEFAULT_SET, KOMMUNER), curated, target)
    return curated, target


@pytest.fixture()
def fetched_env(env, fetched_template, tmp_path):
    """env, its curated folder and store replaced by a copy of fetched_template (one good fetch stored)."""
    curated, target = env
    shutil.rmtree(curated)
    shutil.copytree(fetched_template[0], curated)
    shutil.copyfile(fetched_template[1], target)
    return curated, target


def snapshot(curated: Path, target: Path) -> dict[str, str]:
    files = [p for p in sorted(curated.rglob("*")) if p.is_file()] + [target]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def q(target: Path, sql: str, *params):
    with duckdb.connect(str(target), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_fetch_preview_apply_restore(env, replay):
    curated, target = env
    before = snapshot(curated, target)
    fetched = ls.fetch(ls.DEFAULT_SET, KOMMUNER)
    # Kolada allows 25 ids per path segment: 26 kommuner + the region take two requests (the replay pages them)
    data_calls = [r for r in replay.requests if "/data/kpi/" in r]
    assert any("0001" in r for r in data_calls) and any("0114" in r for r in data_calls)
    assert all(len(r.split("/municipality/")[1].split("/")[0].split(",")) <= 25 for r in data_calls)

    assert sum("page=" in r for r in data_calls) >= 2  # next_url was followed
    # every point of the fixtures: Kolada (3 KPIs × T/K/M + 1 × T) and SCB (T/män/kvinnor), 27 places × 5
    # years, less the one missing value per KPI (Salem 2020, total)
    assert len(fetched.values) == (3 * 3 + 1) * 27 * 5 - 4 + 3 * 27 * 5
    rows = ls.preview_rows(fetched, KOMMUNER, curated)
    assert {r["Åtgärd"] for r in rows} == {"Ny"}
    first = next(r for r in rows if r["Nyckeltal"] == "Invånare totalt, antal" and r["Geografi"] == "Södertälje")
    assert first["År"] == 2020 and first["Värde"] == 40000 + 900 * ((17 * 7) % 26)  # the fixture's formula
    assert "Stockholms län" in {r["Geografi"] for r in rows}
    assert snapshot(curated, target) == before  # a fetch writes nothing

    saved = ls.apply(fetched, curated, target)
    assert saved and (curated / ".versions" / saved[0] / "version.json").exists()
    # each value: KPI id in its source, the definition from the KPI metadata, period, gender, retrieval date
    ind = q(target, "SELECT name, definition, unit, goal_area_id, source_id FROM indicators WHERE id = 'kolada-n00914'")
    assert ind == [
        (
            "Förvärvsarbetande invånare 20-64 år, andel (%)",
            "Antal förvärvsarbetande i åldern 20-64 år dividerat med antal invånare i åldern 20-64 år den 31/12. "
            "Källa: SCB:s registerbaserade arbetsmarknadsstatistik (RAMS).",
            "procent",
            3,
            "kolada-n00914",
        )
    ]
    src = q(target, "SELECT title, publisher, status FROM sources WHERE id = 'kolada-n00914'")
    assert src == [
        (
            "Kolada, nyckeltal N00914: Förvärvsarbetande invånare 20-64 år, andel (%)",
            "Rådet för främjande av kommunala analyser (Kolada)",
            "hämtad",
        )
    ]
    women = q(
        target,
        "SELECT value, source_section, note FROM indicator_values WHERE indicator_id = 'kolada-n01951-kvinnor' "
        "AND geography = '0181' AND year = 2024",
    )
    assert women[0][1] == "Kolada API v3, data/kpi/N01951, kön kvinnor"
    assert f"Hämtad {fetched.retrieved}" in women[0][2]
    county = q(
        target, "SELECT count(*) FROM indicator_values WHERE indicator_id = 'kolada-n01951' AND geography = '01'"
    )
    assert county == [(5,)]
    # the fixture's missing value (Salem 2020, status Missing) stays missing: no row, never 0
    assert (
        q(
            target,
            "SELECT * FROM indicator_values WHERE indicator_id = 'kolada-n01951' AND geography = '0128' "
            "AND year = 2020",
        )
        == []
    )
    scb = q(
        target, "SELECT value FROM indicator_values WHERE indicator_id = 'scb-tab638-be0101n1-man' AND geography='0181'"
    )
    assert len(scb) == 5
    assert q(target, "SELECT count(*) FROM sources WHERE status = 'hämtad'") == [(5,)]

    # a second fetch of the same answers changes nothing
    again = ls.preview_rows(ls.fetch(ls.DEFAULT_SET, KOMMUNER), KOMMUNER, curated)
    assert {r["Åtgärd"] for r in again} == {"Oförändrad"}

    done = ri.restore(saved[0], curated, target=target)
    assert "Hämtad statistik återställda" in done.message
    assert not (curated / ls.FOLDER).exists()
    assert q(target, "SELECT count(*) FROM indicators WHERE id LIKE 'kolada-%'") == [(0,)]
    labels = ri.list_versions(curated)
    assert set(labels["kind"]) == {"statistik"}


def scb_missing_value(kind, payload):
    if kind == "scb":
        del payload["value"]
    return payload


def kolada_missing_period(kind, payload):
    if kind == "data":
        del payload["values"][0]["period"]
    return payload


def kolada_text_value(kind, payload):
    if kind == "data":
        payload["values"][0]["values"][0]["value"] = "12,5"
    return payload


def kolada_out_of_range(kind, payload):
    if kind == "data":
        for rec in payload["values"]:
            if rec["kpi"] == "N00914":
                rec["values"][0]["value"] = 140.0
    return payload


def kolada_unknown_kommun(kind, payload):
    if kind == "data" and payload["values"]:
        payload["values"][0]["municipality"] = "1480"
    return payload


def kpi_missing_title(kind, payload):
    if kind == "kpi":
        del payload["values"][0]["title"]
    return payload


def scb_negative(kind, payload):
    if kind == "scb":
        payload["value"][0] = -5
    return payload


@pytest.mark.parametrize(
    "mode, mutate, message",
    [
        ("500", None, "Kolada svarade med HTTP-fel 500"),
        ("404", None, "Kolada svarade med HTTP-fel 404"),
        ("slow", None, "Kolada svarade inte inom"),
        ("ok", kolada_missing_period, "fältet «period» saknas"),
        ("ok", kolada_text_value, "värdet '12,5' för"),
        ("ok", kpi_missing_title, "saknar «id» eller «title»"),
        ("ok", kolada_out_of_range, "värdet 140 för Förvärvsarbetande invånare 20-64 år, andel (%)"),
        ("ok", kolada_unknown_kommun, "kommunkoden «1480»"),
        ("ok", scb_missing_value, "SCBs svar för tabell TAB638 har inte det dokumenterade formatet"),
        ("ok", scb_negative, "SCB: värdet -5 för"),
    ],
)
def test_bad_responses_are_refused_and_change_nothing(fetched_env, replay, monkeypatch, mode, mutate, message):
    curated, target = fetched_env  # a first good fetch is stored: "nothing changed" covers a stored folder too
    before = snapshot(curated, target)
    if mode == "slow":  # only the time-out case waits less than the replay's delay (a loaded CI is slow)
        monkeypatch.setattr(ls, "TIMEOUT", 0.3)
    replay.mode, replay.mutate, replay.delay = mode, mutate, 1.0
    with pytest.raises(ImportRefused) as exc:
        ls.fetch(ls.DEFAULT_SET, KOMMUNER)
    text = str(exc.value)
    assert message in text, text
    assert "Inget" in text or "inget ändrades" in text
    assert snapshot(curated, target) == before


def test_no_network_says_so(env, monkeypatch):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("FARDPLANER_KOLADA_URL", f"http://127.0.0.1:{port}/v3")
    with pytest.raises(ImportRefused) as exc:
        ls.fetch(ls.DEFAULT_SET[:1], KOMMUNER)
    assert "Ingen kontakt med Kolada" in str(exc.value) and "sakna nätverk" in str(exc.value)


def test_a_redirect_is_not_followed(env, replay):
    replay.mode = "302"
    with pytest.raises(ImportRefused, match="HTTP-fel 302"):
        ls.fetch(ls.DEFAULT_SET, KOMMUNER)


def test_next_page_outside_kolada_is_refused(env, replay):
    def elsewhere(kind, payload):
        if kind == "data" and payload["next_url"]:
            payload["next_url"] = "http://example.org/v3/data?page=2"
        return payload

    replay.mutate = elsewhere
    with pytest.raises(ImportRefused, match="pekar utanför Kolada"):
        ls.fetch(ls.DEFAULT_SET, KOMMUNER)


def test_page_fetch_preview_save(env, replay):
    curated, target = env
    at = open_page("importera.py")
    assert any("Hämta statistik" in h.value for h in at.subheader)
    at.button(key="stats_hamta").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    frame = next(d.value for d in at.dataframe if "Nyckeltal" in d.value.columns)
    assert "Invånare totalt, antal" in set(frame["Nyckeltal"]) and "Södertälje" in set(frame["Geografi"])
    assert not frame["Geografi"].str.fullmatch(r"\d{4}").any()  # names, not codes
    at.button(key="stats_spara").click().run()
    assert not at.exception
    assert any("värden sparade" in s.value for s in at.success)
    assert (curated / ls.FOLDER / "indicator_values.csv").exists()
    assert q(target, "SELECT count(*) > 0 FROM indicator_values WHERE source_id = 'kolada-n01951'") == [(True,)]


def test_page_without_network_offers_nothing_broken(env, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("FARDPLANER_KOLADA_URL", f"http://127.0.0.1:{port}/v3")
    at = open_page("importera.py")
    at.button(key="stats_hamta").click().run()
    assert not at.exception
    assert any("Ingen kontakt med Kolada" in e.value for e in at.error)
    assert not [b for b in at.button if b.key == "stats_spara"]


def test_saving_needs_the_administrator_role_and_a_writable_app(env, monkeypatch):
    from tests.test_permissions import ADA, ANNA, PermissionDenied

    curated, target = env
    fetched = ls.fetch(ls.DEFAULT_SET[:1], KOMMUNER)
    before = snapshot(curated, target)
    with pytest.raises(PermissionDenied):
        ls.apply(fetched, curated, target, who=ANNA)
    monkeypatch.setenv("FARDPLANER_READONLY", "1")
    with pytest.raises(ImportRefused, match="läsläge"):
        ls.apply(fetched, curated, target, who=ADA)
    assert snapshot(curated, target) == before
    monkeypatch.delenv("FARDPLANER_READONLY")
    saved = ls.apply(fetched, curated, target, who=ADA)
    meta = (curated / ".versions" / saved[0] / "version.json").read_text("utf-8")
    assert '"by": "Ada"' in meta and '"kind": "statistik"' in meta


def test_fetched_series_are_ranked_on_lagesbild(fetched_env):
    curated, target = fetched_env
    at = open_page("lagesbild.py", karna="sodertalje", vy="Kommunerna")
    table = next(m.value for m in at.markdown if m.value.startswith("| Mått | Kommun | Värde \\(år\\) | Plats |"))
    ranks = ReferenceStoreRanks(target)
    own = ranks[(ranks["indicator_id"] == "kolada-n01951") & (ranks["year"] == 2024)].set_index("code")
    expected = int((own["value"] > own.loc["0181", "value"]).sum()) + 1
    value = f"{own.loc['0181', 'value']:,.0f}".replace(",", "\u00a0")
    assert f"| Invånare totalt, antal | Södertälje | {value} \\(2024\\) |" in table
    assert f"| {expected} av 26 |" in table


def ReferenceStoreRanks(target):  # noqa: N802 - reads like the query it runs
    from queries.runner import ReferenceStore

    return ReferenceStore(target).run("kommun_ranks")


def test_fetched_indicators_cannot_be_filled_by_the_template(env):
    from data import indicator_import as ii
    from queries.runner import ReferenceStore

    curated, target = env
    ls.apply(ls.fetch(ls.DEFAULT_SET[:1], KOMMUNER), curated, target)
    store = ReferenceStore(target)
    catalog = ii.Catalog.from_frames(store.run("import_catalog"), store.run("import_existing_values"))
    parsed = ii.parse("v.csv", b"indikator_id;geografi;ar;varde;kalla\nkolada-n01951;0181;2019;1;Egen\n")
    rows, problems = ii.validate(parsed, catalog)
    assert not rows
    assert "v.csv, rad 2, kolumn «indikator_id»: indikatorn «kolada-n01951» hämtas från Kolada" in problems[0].text(
        "v.csv"
    )
