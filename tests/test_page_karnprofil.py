"""Kärnprofil under AppTest, asserted against the store; its data preparation as plain functions."""

import re

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from components.common.format import MISSING
from components.karnprofil import profile_data as pdata
from components.karnprofil.profile_map import CORE_POINT_RADIUS, core_deck
from queries.runner import ReferenceStore
from tests.conftest import REPO, open_page, rows

HEADING = re.compile(r"^\*\*([^*]+)\*\*$")
NBSP = "\u00a0"


def profile(**query) -> AppTest:
    return open_page("karnprofil.py", **query)


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


def expected_titles(ref_con, *ids) -> list[str]:
    found = dict(
        rows(ref_con, "SELECT id, code || ' ' || title FROM interventions WHERE list_contains(?, id)", list(ids))
    )
    return [found[i] for i in ids]


def test_sodertalje_goal_area_3_shows_shared_and_core_specific_side_by_side(ref_db, ref_con):
    at = profile(karna="sodertalje")
    assert unescape(at.title[0].value) == "Södertälje stadskärna"
    shared, core = at.get_by_key("gemensamma-3"), at.get_by_key("karnspecifika-3")
    assert card_titles(shared) == expected_titles(ref_con, "gemensam-3.1", "gemensam-3.2", "gemensam-3.3")
    assert card_titles(core) == expected_titles(ref_con, "sodertalje-3.4", "sodertalje-3.5")
    assert card_titles(core)[0] == "3.4 Stärk och utveckla besöksnäringen i Södertälje stadskärna"
    assert "Ansvarig: Region Stockholm" in block_text(shared)
    assert "Medverkande: Almi Stockholm AB, Kärnkommunerna, Näringslivet" in block_text(shared)
    # the roadmap names no lead for Södertälje's own insatser
    assert block_text(core).count("Ansvarig aktör anges inte i färdplanen") == 2
    assert (
        "Källa: Färdplan för den regionala stadskärnan Södertälje stadskärna, Naturlig "
        "lokaliseringsplats för näringsliv och innovation › Kärnspecifika insatser › 3.4"
    ) in block_text(core)
    # every goal area has its section, in order, with shared and core-specific cards from the store
    shown = sum(
        len(card_titles(at.get_by_key(f"{side}-{g}"))) for g in range(1, 5) for side in ("gemensamma", "karnspecifika")
    )
    assert (
        shown
        == rows(
            ref_con,
            "SELECT count(*) FROM interventions WHERE plan_type = 'fardplan' "
            "AND (scope = 'shared' OR core_id = 'sodertalje')",
        )[0][0]
        == 17
    )


def test_sodertalje_header_description_and_direction(ref_db, ref_con):
    at = profile(karna="sodertalje")
    header = unescape(at.main.markdown[0].value)
    assert "Kärnkommuner:** Södertälje" in header and "Färdplan publicerad 2026" in header
    assert "Färdplan för den regionala stadskärnan Södertälje stadskärna (Region Stockholm, 2026)" in header
    all_markdown = [unescape(m.value) for m in at.markdown]
    assert "**En storregional mötesplats**" in all_markdown  # a sub-heading of the description
    assert "**Medeltida stadskärna med stort utbud av service**" in all_markdown
    [(direction,)] = rows(ref_con, "SELECT text FROM directions WHERE core_id = 'sodertalje' AND goal_area_id = 1")
    assert direction in block_text(at.get_by_key("malomrade-1"))
    assert [unescape(s.value) for s in at.subheader if s.value[0].isdigit()] == [
        f"{i} {name}" for i, name in rows(ref_con, "SELECT id, name FROM goal_areas ORDER BY id")
    ]


def test_sodertalje_figures_are_the_sources_own_with_qualifier(ref_db, ref_con):
    at = profile(karna="sodertalje")
    table = figures(at)
    assert (
        len(table)
        == rows(
            ref_con, "SELECT count(*) FROM indicator_values WHERE geography_type = 'core' AND geography = 'sodertalje'"
        )[0][0]
    )
    boende = table.set_index("Uppgift").loc["Boende i kärnan"]
    assert boende["Värde"] == f"cirka 25{NBSP}000" and boende["Enhet"] == "personer"
    assert boende["År"] == "2026" and boende["Typ"] == "utfall"
    assert boende["Källa"] == "Färdplan för den regionala stadskärnan Södertälje stadskärna"
    assert table.set_index("Uppgift").loc["Arbetande i kärnan", "Värde"] == f"nästan 35{NBSP}000"
    assert any("inte en jämförbar serie" in c.value for c in at.caption)


def test_population_of_the_kärnkommuner_and_the_county(ref_db, ref_con):
    at = profile(karna="flemingsberg")
    latest = dict(
        ((g, y), v)
        for g, y, v in rows(
            ref_con,
            "SELECT geography, year, value FROM indicator_values WHERE indicator_id = 'folkmangd' "
            "AND geography IN ('0126', '0127', '01') QUALIFY year = max(year) OVER (PARTITION BY geography)",
        )
    )
    metrics = {m.label: m.value for m in at.metric}
    for (code, year), value in latest.items():
        name = {"0126": "Huddinge", "0127": "Botkyrka", "01": "Stockholms län"}[code]
        assert metrics[f"{name} {year}"] == f"{int(value):,}".replace(",", NBSP)
    assert list(metrics)[:2] == ["Huddinge 2024", "Botkyrka 2024"]  # the cores.csv order


def test_haninge_shows_its_shared_insatser_and_says_the_rest_is_not_loaded(ref_db, ref_con):
    at = profile(karna="haninge")
    infos = [i.value for i in at.info]
    assert sum(v == "Kärnspecifika insatser är inte inlästa för den här kärnan." for v in infos) == 4
    assert any(
        v.startswith("Kärnans färdplan är inte inläst ännu.")
        and "data/curated/haninge-<år>/" in v
        and "python -m data.build" in v
        for v in infos
    )
    shared = [t for g in range(1, 5) for t in card_titles(at.get_by_key(f"gemensamma-{g}"))]
    expected = [
        f"{c} {t}"
        for c, t in rows(ref_con, "SELECT code, title FROM interventions WHERE scope = 'shared' ORDER BY code")
    ]
    assert shared == expected and len(shared) == 9
    assert all(not card_titles(at.get_by_key(f"karnspecifika-{g}")) for g in range(1, 5))
    texts = [unescape(m.value) for m in at.markdown]
    assert texts.count("*Färdriktning saknas – kärnans färdplan är inte inläst.*") == 4
    assert "Ingen färdplan inläst" in unescape(at.main.markdown[0].value)


def test_other_plans_list_the_cores_rufs_and_historical_insatser(ref_db, ref_con):
    def count(core, plan):
        return rows(
            ref_con,
            "SELECT count(*) FROM intervention_cores ic JOIN interventions i "
            "ON i.id = ic.intervention_id WHERE ic.core_id = ? AND i.plan_type = ?",
            core,
            plan,
        )[0][0]

    at = profile(karna="flemingsberg")
    # the other plans' insatser; «Så arbetade man förr» (tests/test_history_view.py) has its own expanders
    labels = [e.label for e in at.expander if e.label.startswith(("RUFS", "Historiska"))]
    assert labels == [
        f"RUFS-uppföljningen 2020: insatser som rör kärnan ({count('flemingsberg', 'rufs')})",
        f"Historiska planer: aktiviteter för kärnan ({count('flemingsberg', 'historisk')})",
    ]
    assert count("flemingsberg", "historisk") == 15
    historical = [e for e in at.expander if e.label.startswith("Historiska")][0]
    assert "Verksamhetsplan 2009–2011 för den regionala stadskärnan Flemingsberg" in block_text(historical)


def test_long_lists_show_the_first_cards_and_the_rest_as_one_table(ref_db, monkeypatch):
    """Beyond CARD_LIMIT cards per list the rest is one table (a 100× store would otherwise draw thousands
    of cards); the order is kept and nothing is dropped."""
    full = profile(karna="flemingsberg")
    titles = card_titles(full.get_by_key("karnspecifika-2"))
    assert len(titles) == 3 and not full.get_by_key("karnspecifika-2").dataframe
    monkeypatch.setattr(pdata, "CARD_LIMIT", 1)
    at = profile(karna="flemingsberg")
    block = at.get_by_key("karnspecifika-2")
    assert card_titles(block) == titles[:1]
    [rest] = [d.value for d in block.dataframe]
    assert list(rest.columns) == ["Kod", "Insats", "Ansvarig aktör"]
    assert [pdata.card_heading(k, t) for k, t in zip(rest["Kod"], rest["Insats"])] == titles[1:]
    assert "Ytterligare 2 insatser" in block_text(block)
    historical = [e for e in at.expander if e.label.startswith("Historiska")][0]
    [rest] = [d.value for d in historical.dataframe]
    assert len(rest) == 14


def test_flemingsberg_shared_card_shows_its_draft_wording(ref_db):
    text = block_text(profile(karna="flemingsberg").get_by_key("gemensamma-1"))
    assert "Formulering i Färdplan för den regionala stadskärnan Flemingsberg (utkast):** Öka kännedomen" in text


def test_unknown_core_in_the_url_warns_and_falls_back(ref_db, ref_con):
    at = profile(karna="narnia")
    assert any("narnia" in w.value for w in at.warning)
    [(first,)] = rows(ref_con, "SELECT name FROM cores ORDER BY name COLLATE sv LIMIT 1")
    assert unescape(at.title[0].value) == first
    assert at.selectbox[0].value == rows(ref_con, "SELECT id FROM cores WHERE name = ?", first)[0][0]


def test_map_and_downloads_are_on_the_page(ref_db):
    at = profile(karna="sodertalje")
    assert len(at.get("deck_gl_json_chart")) == 1
    assert {b.key for b in at.get("download_button")} >= {"profil_insatser_xlsx", "profil_insatser_csv"}


def test_the_explorers_core_filter_does_not_break_the_profile(ref_db):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["karna"] = ["sodertalje", "haninge"]
    at.run()
    at.switch_page("pages/insatser.py").run()
    at.switch_page("pages/karnprofil.py").run()
    assert not at.exception and at.title


# --- data preparation, as plain functions ---


def test_core_deck_shows_only_this_core_its_stations_and_kommuner(ref_db):
    store = ReferenceStore(ref_db)
    core = store.run("profile_core", core="sodertalje").iloc[0].to_dict()
    stations = store.run("profile_stations", core="sodertalje")
    deck = core_deck(core, store.run("municipality_shapes"), stations)
    outlines, *scatter, labels = deck.layers
    marked = {f["properties"]["name"] for f in outlines.data["features"] if f["properties"]["core"]}
    assert marked == {"Södertälje"}
    core_layer, station_layer = scatter  # stations drawn above the core point
    assert [p["id"] for p in core_layer.data] == ["sodertalje"] and core_layer.get_radius == CORE_POINT_RADIUS
    assert sorted(p["name"] for p in station_layer.data) == sorted(stations["name"]) and len(stations) == 3
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


def test_card_texts_and_download_table(ref_db):
    assert pdata.lead_text(None) == "Ansvarig aktör anges inte i färdplanen"
    assert pdata.lead_text("Region Stockholm") == "Ansvarig: Region Stockholm"
    assert pdata.card_heading(np.nan, "Stärk Flemingsberg") == "Stärk Flemingsberg"
    assert pdata.card_heading("3.4", "Besöksnäringen") == "3.4 Besöksnäringen"
    interventions = ReferenceStore(ref_db).run("profile_interventions", core="sodertalje")
    table = pdata.download_table(interventions)
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
    assert len(table) == 21 and set(table["Plan"]) == {"Färdplan", "RUFS-uppföljning"}
    row = table.set_index("Kod").loc["3.3"]
    assert row["Målområde"] == "3 Näringsliv och innovation" and row["Omfattning"] == "Gemensam"
    assert row["Ansvarig aktör"] == "Region Stockholm"
