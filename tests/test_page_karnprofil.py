"""Kärnprofil under AppTest on the fixture store (tests/fixture_store.py): the answer first (per goal area the
färdriktning and the insatser by title), the cards, the character text and the map on request; its data
preparation as plain functions. What each test expects comes from the fixture's definitions."""

import re

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.common.format import MISSING
from components.karnprofil import profile_data as pdata
from components.karnprofil.profile_map import CORE_POINT_RADIUS, core_deck
from queries.runner import ReferenceStore
from tests.conftest import REPO, open_page, rows
from tests.fixture_store import (
    ACTORS,
    ADOPTED,
    CORE_VALUE,
    DRAFT,
    INDICATOR,
    NAMES,
    PER_GOAL_AREA,
    TEST_DRAFT,
    TEST_SOURCE,
    interventions,
    roles,
    variants,
)

pytestmark = pytest.mark.usefixtures("on_fixture_store")
HEADING = re.compile(r"^\*\*([^*]+)\*\*$")
NBSP = "\u00a0"
GOALS = range(1, 5)
FOLDED = [f"profil-insatser-{g}" for g in GOALS]  # the goal areas' cards, drawn only when opened


def profile(**query) -> AppTest:
    return open_page("karnprofil.py", **query)


def opened(**query) -> AppTest:
    """The profile with every folded part opened: «Om kärnan» from the URL (?om=true), the cards as a click would."""
    at = profile(om="true", **query)
    for key in FOLDED:
        at.session_state[key] = True
    at.run()
    assert not at.exception
    return at


def unescape(markdown: str) -> str:
    return markdown.replace("\\", "")


def card_titles(block) -> list[str]:
    """The insats cards' headings (code + title) in a block, in the order shown."""
    return [m.group(1) for m in (HEADING.match(unescape(md.value)) for md in block.markdown) if m]


def block_text(block) -> str:
    return " ".join(unescape(e.value) for e in list(block.markdown) + list(block.caption) + list(block.info))


def figures(at: AppTest) -> pd.DataFrame:
    [frame] = [d.value for d in at.dataframe if "Uppgift" in d.value.columns]
    return frame


def roadmap(core: str, goal: int, scope: str) -> list[dict]:
    """The fixture's roadmap insatser of one goal area for a core (shared or its own), in code order."""
    found = [
        r
        for r in interventions()
        if r["plan_type"] == "fardplan"
        and r.get("goal_area_id") == str(goal)
        and r["scope"] == scope
        and (scope == "shared" or r.get("core_id") == core)
    ]
    return sorted(found, key=lambda r: r["code"])


def headings(records: list[dict]) -> list[str]:
    return [f"{r['code']} {r['title']}" for r in records]


def actor_name(actor_id: str) -> str:
    return next(n for a, n, _ in ACTORS if a == actor_id)


def test_the_answer_first_directions_and_insatser_by_title_the_cards_folded(on_fixture_store):
    at = profile(karna=ADOPTED)
    assert unescape(at.title[0].value) == rows(on_fixture_store, "SELECT name FROM cores WHERE id = ?", ADOPTED)[0][0]
    for goal in GOALS:
        block = block_text(at.get_by_key(f"malomrade-{goal}"))
        assert f"Testdata: färdriktning för {NAMES[ADOPTED]} i målområde {goal}." in block
        shared, own = roadmap(ADOPTED, goal, "shared"), roadmap(ADOPTED, goal, "core")
        assert f"Insatser: {len(shared)} gemensamma · {len(own)} kärnspecifika" in block.replace("**", "")
        assert all(h in block for h in headings(shared) + headings(own))
    labels = [e.label for e in at.expander if e.label.startswith("Insatserna sida vid sida")]
    assert labels == [
        f"Insatserna sida vid sida, med ansvar och beskrivning ({1 + PER_GOAL_AREA[ADOPTED]})" for _ in GOALS
    ]
    # folded: no card, no map, no character text drawn until opened
    assert not any(card_titles(e) for e in at.expander if e.label.startswith("Insatserna"))
    assert not at.get("deck_gl_json_chart")
    assert not any("karaktärsbeskrivning av" in unescape(m.value) for m in at.markdown)


def test_an_opened_goal_area_shows_shared_and_core_specific_side_by_side():
    at = opened(karna=ADOPTED)
    leads = {r["intervention_id"]: r["actor_id"] for r in roles(interventions()) if r["role"] == "lead"}
    for goal in GOALS:
        shared, own = roadmap(ADOPTED, goal, "shared"), roadmap(ADOPTED, goal, "core")
        assert card_titles(at.get_by_key(f"gemensamma-{goal}")) == headings(shared)
        assert card_titles(at.get_by_key(f"karnspecifika-{goal}")) == headings(own)
        for side, records in (("gemensamma", shared), ("karnspecifika", own)):
            text = block_text(at.get_by_key(f"{side}-{goal}"))
            assert all(f"Ansvarig: {actor_name(leads[r['id']])}" in text for r in records)
    # participants as the fixture's roles give them
    taking_part = {r["intervention_id"] for r in roles(interventions()) if r["role"] == "participant"}
    shared = roadmap(ADOPTED, 3, "shared")
    assert shared[0]["id"] in taking_part
    assert f"Medverkande: {actor_name(ACTORS[3][0])}" in block_text(at.get_by_key("gemensamma-3"))


def test_header_description_map_and_population(on_fixture_store):
    at = opened(karna=DRAFT)
    [(name,)] = rows(on_fixture_store, "SELECT name FROM cores WHERE id = ?", DRAFT)
    assert unescape(at.title[0].value) == name
    header = unescape(at.main.markdown[0].value)
    assert "Kärnkommuner:** Huddinge, Botkyrka" in header
    [(draft_title,)] = rows(on_fixture_store, "SELECT title FROM sources WHERE id = ?", TEST_DRAFT)
    assert draft_title in header
    assert f"Testdata: karaktärsbeskrivning av {NAMES[DRAFT]}." in [unescape(m.value) for m in at.markdown]
    assert len(at.get("deck_gl_json_chart")) == 1
    latest = rows(
        on_fixture_store,
        "SELECT geography, year, value FROM indicator_values WHERE indicator_id = 'folkmangd' "
        "AND geography IN ('0126', '0127', '01') QUALIFY year = max(year) OVER (PARTITION BY geography)",
    )
    metrics = {m.label: m.value for m in at.metric}
    for code, year, value in latest:
        label = {"0126": "Huddinge", "0127": "Botkyrka", "01": "Stockholms län"}[code]
        assert metrics[f"{label} {year}"] == f"{int(value):,}".replace(",", NBSP)
    assert list(metrics)[:2] == [f"Huddinge {latest[0][1]}", f"Botkyrka {latest[0][1]}"]  # the cores.csv order


def test_the_cores_own_figures_keep_the_qualifier(on_fixture_store):
    at = profile(karna=ADOPTED)
    table = figures(at)
    count = "SELECT count(*) FROM indicator_values WHERE geography_type = 'core' AND geography = ?"
    assert len(table) == rows(on_fixture_store, count, ADOPTED)[0][0] == 2
    latest = table[table["År"] == CORE_VALUE["year"]].set_index("Uppgift").loc[INDICATOR["name"]]
    assert latest["Värde"] == f"{CORE_VALUE['qualifier']} 25{NBSP}000" and latest["Enhet"] == INDICATOR["unit"]
    assert latest["Typ"] == CORE_VALUE["value_type"]
    [(title,)] = rows(on_fixture_store, "SELECT title FROM sources WHERE id = ?", TEST_SOURCE)
    assert latest["Källa"] == title
    assert any("inte en jämförbar serie" in c.value for c in at.caption)


def test_a_core_without_roadmap_shows_its_shared_insatser_and_says_the_rest_is_not_loaded():
    at = opened(karna="haninge")
    infos = [i.value for i in at.info]
    # once in each goal area's summary and once in its opened core-specific column
    assert sum(v == "Kärnspecifika insatser är inte inlästa för den här kärnan." for v in infos) == 2 * len(GOALS)
    assert any(
        v.startswith("Kärnans färdplan är inte inläst ännu.") and "data/curated/haninge-<år>/" in v for v in infos
    )
    shown = [t for g in GOALS for t in card_titles(at.get_by_key(f"gemensamma-{g}"))]
    assert shown == [h for g in GOALS for h in headings(roadmap("haninge", g, "shared"))]
    assert all(not card_titles(at.get_by_key(f"karnspecifika-{g}")) for g in GOALS)
    texts = [unescape(m.value) for m in at.markdown]
    assert texts.count("*Färdriktning saknas – kärnans färdplan är inte inläst.*") == len(GOALS)
    assert "Ingen färdplan inläst" in unescape(at.main.markdown[0].value)


def test_other_plans_list_the_cores_rufs_insatser(on_fixture_store):
    def count(core, plan):
        return rows(
            on_fixture_store,
            "SELECT count(*) FROM intervention_cores ic JOIN interventions i "
            "ON i.id = ic.intervention_id WHERE ic.core_id = ? AND i.plan_type = ?",
            core,
            plan,
        )[0][0]

    at = profile(karna=ADOPTED)
    labels = [e.label for e in at.expander if e.label.startswith(("RUFS", "Historiska"))]
    assert labels == [
        f"RUFS-uppföljningen 2020: insatser som rör kärnan ({count(ADOPTED, 'rufs')})",
        f"Historiska planer: aktiviteter för kärnan ({count(ADOPTED, 'historisk')})",
    ]
    rufs = [r for r in interventions() if r["plan_type"] == "rufs"]
    assert count(ADOPTED, "rufs") == len(rufs) == 1
    assert rufs[0]["title"] in block_text([e for e in at.expander if e.label.startswith("RUFS")][0])


def test_long_lists_show_the_first_cards_and_the_rest_as_one_table(monkeypatch):
    """Beyond CARD_LIMIT cards per list the rest is one table (a 100× store would otherwise draw thousands
    of cards); the order is kept and nothing is dropped. The summary lists as many titles and counts the rest."""
    own = headings(roadmap(ADOPTED, 1, "core"))
    assert len(own) == PER_GOAL_AREA[ADOPTED] > 1
    monkeypatch.setattr(pdata, "CARD_LIMIT", 1)
    at = opened(karna=ADOPTED)
    block = at.get_by_key("karnspecifika-1")
    assert card_titles(block) == own[:1]
    [rest] = [d.value for d in block.dataframe]
    assert list(rest.columns) == ["Kod", "Insats", "Ansvarig aktör"]
    assert [pdata.card_heading(k, t) for k, t in zip(rest["Kod"], rest["Insats"])] == own[1:]
    assert f"Ytterligare {len(own) - 1} insatser" in block_text(block)
    summary = block_text(at.get_by_key("malomrade-1"))
    assert (
        f"… och {len(own) - 1} kärnspecifika insatser till" in summary and own[1] not in summary.split("Ytterligare")[0]
    )


def test_the_draft_roadmaps_wording_of_a_shared_insats(on_fixture_store):
    [variant] = variants()
    goal = next(int(r["goal_area_id"]) for r in interventions() if r["id"] == variant["intervention_id"])
    text = block_text(opened(karna=DRAFT).get_by_key(f"gemensamma-{goal}"))
    [(draft_title,)] = rows(on_fixture_store, "SELECT title FROM sources WHERE id = ?", TEST_DRAFT)
    assert f"Formulering i {draft_title}:** {variant['title']}" in text


def test_unknown_core_in_the_url_warns_and_falls_back(on_fixture_store):
    at = profile(karna="narnia")
    assert any("narnia" in w.value for w in at.warning)
    [(first,)] = rows(on_fixture_store, "SELECT name FROM cores ORDER BY name COLLATE sv LIMIT 1")
    assert unescape(at.title[0].value) == first
    assert at.selectbox[0].value == rows(on_fixture_store, "SELECT id FROM cores WHERE name = ?", first)[0][0]


def test_downloads_are_on_the_page():
    at = profile(karna=ADOPTED)
    assert {b.key for b in at.get("download_button")} >= {"profil_insatser_xlsx", "profil_insatser_csv"}


def test_the_explorers_core_filter_does_not_break_the_profile():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["karna"] = [ADOPTED, "haninge"]
    at.run()
    at.switch_page("pages/insatser.py").run()
    at.switch_page("pages/karnprofil.py").run()
    assert not at.exception and at.title


# --- data preparation, as plain functions ---


def test_core_deck_shows_only_this_core_its_stations_and_kommuner(fixture_db):
    store = ReferenceStore(fixture_db)
    core = store.run("profile_core", core=ADOPTED).iloc[0].to_dict()
    stations = store.run("profile_stations", core=ADOPTED)
    deck = core_deck(core, store.run("municipality_shapes"), stations)
    outlines, *scatter, labels = deck.layers
    marked = {f["properties"]["name"] for f in outlines.data["features"] if f["properties"]["core"]}
    assert marked == {NAMES[ADOPTED]}
    core_layer, station_layer = scatter  # stations drawn above the core point
    assert [p["id"] for p in core_layer.data] == [ADOPTED] and core_layer.get_radius == CORE_POINT_RADIUS
    assert sorted(p["name"] for p in station_layer.data) == sorted(stations["name"]) and len(stations) > 0
    assert deck.initial_view_state.zoom == 10.5


def test_description_blocks_find_sub_headings():
    blocks = pdata.description_blocks("En mötesplats\n\nHär möts vägar.\n\nKort rad utan punkt\n\n\n")
    assert blocks == [
        ("heading", "En mötesplats"),
        ("paragraph", "Här möts vägar."),
        ("heading", "Kort rad utan punkt"),
    ]
    long_line = "ord " * 40
    assert pdata.description_blocks(long_line)[0][0] == "paragraph"
    assert pdata.description_blocks(None) == [] and pdata.description_blocks(np.nan) == []


def test_figure_values_keep_the_qualifier_and_never_show_zero_for_missing():
    assert pdata.figure_value(25000.0, "cirka") == f"cirka 25{NBSP}000"
    assert pdata.figure_value(4.3, None) == "4,3"
    assert pdata.figure_value(np.nan, "ca") == MISSING
    assert pdata.figure_value(0.0, None) == "0"  # a stated zero stays a zero
    table = pdata.figures_table(
        pd.DataFrame(
            [
                {
                    "indicator": "Nya invånare",
                    "unit": "invånare",
                    "year": pd.NA,
                    "period_text": None,
                    "value": np.nan,
                    "qualifier": "ca",
                    "value_type": "plan",
                    "value_text": "ca 10 000",
                    "source_title": "Kommunala uppgifter",
                    "source_section": None,
                    "note": "Område: Södra Häggvik",
                }
            ]
        )
    )
    assert table.iloc[0]["Värde"] == MISSING and table.iloc[0]["År"] == MISSING
    assert table.iloc[0]["Område och anmärkning"] == "Område: Södra Häggvik"


def test_population_metrics_say_missing():
    metrics = pdata.population_metrics(
        pd.DataFrame(
            [
                {
                    "geography_type": "kommun",
                    "geography": "0181",
                    "name": "Södertälje",
                    "year": 2024,
                    "value": 102911.0,
                    "source_title": "SCB",
                },
                {
                    "geography_type": "kommun",
                    "geography": "0999",
                    "name": "0999",
                    "year": np.nan,
                    "value": np.nan,
                    "source_title": None,
                },
            ]
        )
    )
    assert [(m["label"], m["value"]) for m in metrics] == [("Södertälje 2024", f"102{NBSP}911"), ("0999", MISSING)]


def test_source_text_is_escaped_for_markdown():
    assert pdata.plain("<script>alert(1)</script>") == "\\<script\\>alert\\(1\\)\\</script\\>"
    assert pdata.plain("**fet** [länk](http://x) :red[färg] $x$") == (
        "\\*\\*fet\\*\\* \\[länk\\]\\(http\\://x\\) \\:red\\[färg\\] \\$x\\$"
    )
    assert pdata.plain(None) == MISSING


def test_card_texts_and_download_table(fixture_db):
    assert pdata.lead_text(None) == "Ansvarig aktör anges inte i färdplanen"
    assert pdata.lead_text("Region Stockholm") == "Ansvarig: Region Stockholm"
    assert pdata.card_heading(np.nan, "Stärk Flemingsberg") == "Stärk Flemingsberg"
    assert pdata.card_heading("3.4", "Besöksnäringen") == "3.4 Besöksnäringen"
    found = ReferenceStore(fixture_db).run("profile_interventions", core=ADOPTED)
    table = pdata.download_table(found)
    assert list(table.columns) == [
        "Plan",
        "Målområde",
        "Omfattning",
        "Kod",
        "Insats",
        "Ansvarig aktör",
        "Medverkande aktörer",
        "Dokument",
        "Avsnitt",
    ]
    mine = [
        r for r in interventions() if r["scope"] == "shared" or r.get("core_id") == ADOPTED or r["plan_type"] == "rufs"
    ]
    assert len(table) == len(mine) and set(table["Plan"]) == {"Färdplan", "RUFS-uppföljning"}
    shared = next(r for r in interventions() if r["id"] == "test-gemensam-3")
    row = table[table["Insats"] == shared["title"]].iloc[0]
    assert row["Målområde"].startswith("3 ") and row["Omfattning"] == "Gemensam" and row["Kod"] == shared["code"]
    assert row["Ansvarig aktör"] == "Region Stockholm"
