"""Lägesbild's cards on the production build (the RUFS delmål as target vs outcome, checked against the
follow-up's text) and its pure parts: the index against hand-computed numbers from the source CSV, gaps that
stay gaps, the figure spec. The page itself is tested on the fixture store (tests/test_page_lagesbild.py)."""

import csv

import pandas as pd
import pytest

from components.lagesbild import indicator_charts
from components.lagesbild import lagesbild_data as ld
from queries.runner import ReferenceStore
from tests.conftest import REPO

POPULATION_CSV = REPO / "data" / "sources" / "stats" / "stockholms_lan_folkmangd_per_kommun_long.csv"


def source_population(code: str) -> dict[int, int]:
    with POPULATION_CSV.open(encoding="utf-8") as fh:
        return {int(r["ar"]): int(r["folkmangd"]) for r in csv.DictReader(fh) if r["kommunkod"] == code}


def cards(ref_db, core: str):
    store = ReferenceStore(ref_db)
    found, quotes = ld.build_cards(store.run("lagesbild_indicators"), store.run("lagesbild_values", core=core))
    return {c.id: c for c in found}, quotes


def test_delmal_distance_in_the_targets_own_unit(ref_db):
    found, _ = cards(ref_db, "sodertalje")
    assert found["rufs-bostader-per-ar"].target.startswith("Minst 22 000 bostäder per år behöver tillkomma")

    def gap(card_id: str) -> str:
        return found[card_id].gap["text"].replace("\u00a0", " ")

    assert gap("rufs-bostader-per-ar") == "16 700 av 22 000 bostäder per år (2019): 5 300 under delmålet"
    # percent: the difference is in procentenheter
    assert gap("rufs-gymnasieexamen") == "74,5 av 80 procent (2017): 5,5 procentenheter under delmålet"
    assert gap("rufs-fou-investeringar") == (
        "3,4 av 4,5 procent av bruttoregionalprodukten (2019): 1,1 procentenheter under delmålet"
    )


def test_delmal_with_sub_measures_is_shown_side_by_side_without_a_distance(ref_db):
    found, _ = cards(ref_db, "sodertalje")
    employment = found["rufs-forvarvsfrekvens"]
    assert employment.target.startswith("Förvärvsfrekvensen hos befolkningen mellan 20–64 år ska vara väl över 80")
    assert employment.gap is None and "flera delmått" in employment.gap_reason
    lines = " | ".join(employment.lines).replace("\u00a0", " ")
    assert "kvinnor: 79,5 procent (2018) · Stockholms län" in lines
    assert "män: 81,5 procent (2018) · Stockholms län" in lines
    assert "samtliga: 80,5 procent (2018) · Stockholms län" in lines
    # a target over new buildings is not computed against existing buildings or residents
    assert found["rufs-bebyggelse-tillgangliga-lagen"].gap is None
    # a target without a number: text and outcome side by side
    assert found["rufs-konkurrenskvot-kollektivtrafik"].gap is None
    assert "inget enskilt målvärde" in found["rufs-konkurrenskvot-kollektivtrafik"].gap_reason


def test_target_gap_numbers(ref_db):
    found, _ = cards(ref_db, "sodertalje")
    gap = found["rufs-bostader-per-ar"].gap
    assert (gap["value"], gap["target"], gap["gap"], gap["year"]) == (16700, 22000, 5300, 2019)
    assert (
        found["rufs-nystartade-foretag"].gap["text"].replace("\u00a0", " ")
        == "13,7 av 18 nystartade företag per 1 000 invånare (2019): 4,3 under delmålet"
    )


def test_index_against_hand_computed_numbers_from_the_source_csv():
    sodertalje = source_population("0181")
    assert (sodertalje[2019], sodertalje[2021]) == (98979, 101209)
    frame = pd.DataFrame({"series": "Södertälje", "year": list(sodertalje), "value": list(sodertalje.values())})
    indexed = ld.index_series(frame, 2019).set_index("year")["index"]
    assert indexed[2019] == 100
    assert indexed[2021] == pytest.approx(101209 / 98979 * 100)  # 102.2530…
    assert round(indexed[2021], 2) == 102.25
    assert indexed[2024] == pytest.approx(102911 / 98979 * 100)  # 103.9725…
    assert 2018 not in indexed.index  # growth since the base year
    assert 2020 not in indexed.index and 2022 not in indexed.index  # gaps stay gaps


def test_base_year_choices_are_years_every_series_has(ref_db):
    found, _ = cards(ref_db, "flemingsberg")
    population = found["folkmangd"]
    assert set(population.series["series"]) == {"Huddinge", "Botkyrka", "Stockholms län"}
    assert {2019, 2021, 2024} <= set(population.years) and not {2020, 2022, 2023} & set(population.years)
    assert population.gap_years == [2020, 2022, 2023]
    frame = pd.DataFrame({"series": ["a", "a", "b"], "year": [2019, 2021, 2021], "value": [1.0, 2.0, 3.0]})
    assert ld.common_years(frame) == [2021]
    with pytest.raises(ValueError, match="2019"):
        ld.index_series(frame, 2019)


def test_lines_break_at_missing_years_and_short_series_are_points():
    frame = pd.DataFrame(
        {
            "series": "Södertälje",
            "year": [2017, 2018, 2019, 2021, 2024],
            "value": [96000.0, 97000.0, 98979.0, 101209.0, 102911.0],
        }
    )
    fig = indicator_charts.series_figure(frame, "Folkmängd", "personer")
    [trace] = fig.data
    assert trace.connectgaps is False
    assert list(trace.x) == [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]
    assert [y is None for y in trace.y] == [False, False, False, True, False, True, True, False]
    elections = pd.DataFrame({"series": "Huddinge", "year": [2002, 2006, 2010, 2014], "value": [1.0, 2, 3, 4]})
    assert list(indicator_charts.series_figure(elections, "t", "procent").data[0].x) == [2002, 2006, 2010, 2014]
    two = pd.DataFrame({"series": "Stockholms län", "year": [2011, 2019], "value": [17.2, 13.7]})
    assert indicator_charts.series_figure(two, "t", "st").data[0].mode == "markers"


def test_the_figure_spec_passes_plotlys_validation():
    """series_figure skips Plotly's validators for speed; the same dict must pass them."""
    import plotly.graph_objects as go

    frame = pd.DataFrame(
        {
            "series": ["Södertälje"] * 4 + ["Stockholms län"] * 4,
            "year": [2017, 2018, 2019, 2021] * 2,
            "value": [96000.0, 97000.0, 98979.0, 101209.0, 2.3e6, 2.34e6, 2.37e6, 2.41e6],
        }
    )
    cases = [
        dict(frame=frame, title="Folkmängd", unit="personer"),
        dict(frame=frame, title="Andel", unit="procent", target=45.0, goal_area_id=3),
        dict(
            frame=ld.index_series(frame, 2018),
            title="Index",
            unit="personer",
            column="index",
            y_title="index, 2018 = 100",
        ),
    ]
    for case in cases:
        spec = indicator_charts.series_spec(**case)
        validated = go.Figure(spec)  # raises on an unknown or invalid property
        fast = indicator_charts.series_figure(**case)
        assert fast.to_plotly_json() == validated.to_plotly_json()
    assert [s["name"] for s in spec["data"]] == ["Södertälje", "Stockholms län"]
    assert spec["data"][0]["x"] == [2018, 2019, 2020, 2021] and spec["data"][0]["y"][2] is None
    target = indicator_charts.series_spec(**cases[1])["layout"]
    assert target["shapes"][0]["y0"] == 45.0 and target["annotations"][0]["text"] == "Delmål: 45 procent"


def test_records_is_to_dict_records(ref_db):
    from components.common.frames import records

    frame = pd.DataFrame({"a": ["x", None, "z"], "b": [1.5, float("nan"), 3.0], "c": [1, 2, 3]}).astype({"a": object})
    assert str(records(frame)) == str(frame.to_dict("records"))
    values = ReferenceStore(ref_db).run("lagesbild_values", core="flemingsberg")  # Arrow strings, NULLs
    assert str(records(values)) == str(values.to_dict("records"))
