"""Compare like Kolada: the kärnkommuner's places among the county's 26 kommuner (queries/ranking.sql,
components/common/kommun_rank_data.py), checked against the source file, and shown on Lägesbild and
Jämför kärnor with a table next to the chart."""

from __future__ import annotations

import csv

import pandas as pd

from components.common import kommun_rank_data as kr
from queries.runner import ReferenceStore
from tests.conftest import REPO, open_page

POP = REPO / "data/sources/stats/stockholms_lan_folkmangd_per_kommun_long.csv"


def ranks(ref_db) -> pd.DataFrame:
    return ReferenceStore(ref_db).run("kommun_ranks")


def test_places_follow_the_source_file(ref_db):
    with POP.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["ar"] == "2024"]
    assert len(rows) == 26
    order = sorted(rows, key=lambda r: -int(r["folkmangd"]))
    expected = next(i for i, r in enumerate(order, start=1) if r["kommunkod"] == "0181")
    frame = ranks(ref_db)
    # the query returns the two years the comparison needs: the latest full year and about five years before
    assert set(frame.loc[frame["indicator_id"] == "folkmangd", "year"]) == {2019, 2024}
    assert set(frame.loc[frame["indicator_id"] == "skattekraft", "year"]) == {2018, 2022}  # valår in the source
    table = kr.standing(frame, ["0181", "0127"])
    row = table[(table["indicator_id"] == "folkmangd") & (table["code"] == "0181")].iloc[0]
    assert row["Plats"] == f"plats {expected} av 26" and row["År"] == 2024
    assert row["Tredjedel"] == ("högsta tredjedelen" if expected <= 9 else "mellersta tredjedelen")
    assert row["Riktning"] == kr.NOT_JUDGED  # no source records whether more people is better
    # development against the county: the county is the sum of the 26 kommuner (statistics.population)
    then = {
        r["kommunkod"]: int(r["folkmangd"]) for r in csv.DictReader(POP.open(encoding="utf-8")) if r["ar"] == "2019"
    }
    now = {r["kommunkod"]: int(r["folkmangd"]) for r in rows}
    own = (now["0181"] / then["0181"] - 1) * 100
    county = (sum(now.values()) / sum(then.values()) - 1) * 100
    assert row["Utveckling"].startswith(("+" if own > 0 else "") + f"{own:.1f}".replace(".", ","))
    assert row["Länets utveckling"].startswith(f"+{county:.1f}".replace(".", ","))
    # a series without county values says so instead of inventing one
    skatt = table[(table["indicator_id"] == "skattekraft") & (table["code"] == "0181")].iloc[0]
    assert skatt["Länets utveckling"] == "uppgift saknas" and skatt["Jämfört med länet"] == "uppgift saknas"


def test_thirds_and_direction():
    assert [kr.third(p, 26) for p in (1, 9, 10, 18, 19, 26)] == [1, 1, 2, 2, 3, 3]
    frame = pd.DataFrame(
        {
            "indicator_id": ["a"] * 3,
            "year": [2024] * 3,
            "code": ["1", "2", "3"],
            "kommun": ["A", "B", "C"],
            "value": [1.0, 2.0, 3.0],
            "place_high": [3, 2, 1],
            "place_low": [1, 2, 3],
            "n": [3, 3, 3],
            "county_value": [None] * 3,
            "name": ["x"] * 3,
            "unit": ["procent"] * 3,
            "definition": [""] * 3,
            "higher_is_better": [False] * 3,
            "goal_area_id": [1] * 3,
            "source_title": ["s"] * 3,
        }
    )
    placed = kr.placed(frame)
    assert list(placed["place"]) == [1, 2, 3]  # lower is better: the lowest value is place 1
    assert placed.iloc[0]["third_text"] == "bland den bästa tredjedelen"


def test_lagesbild_shows_ranks_with_a_table_next_to_the_chart(ref_db):
    at = open_page("lagesbild.py", karna="sodertalje", vy="Kommunerna")
    assert any(s.value == "Kärnkommunerna bland länets kommuner" for s in at.subheader)
    table = next(m.value for m in at.markdown if m.value.startswith("| Mått | Kommun | Värde \\(år\\) | Plats |"))
    assert "| Folkmängd | Södertälje | 102\u00a0911 \\(2024\\) | 4 av 26 |" in table
    beside = next(m.value for m in at.markdown if m.value.startswith("| Plats | Kommun | Värde | Tredjedel |"))
    assert "| 4 | Södertälje ◆ | 102\u00a0911 | högsta tredjedelen |" in beside


def test_jamfor_shows_ranks_for_the_chosen_cores(ref_db):
    at = open_page("jamfor.py", karna=["sodertalje", "flemingsberg"], flik="Kommunerna")
    table = next(m.value for m in at.markdown if m.value.startswith("| Mått | Kommun | Värde \\(år\\) | Plats |"))
    assert "| Folkmängd | Södertälje |" in table and "| Folkmängd | Huddinge |" in table
