"""Charts and maps: alt text computed from the data shown and present on every chart of every page;
map labels placed apart."""

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.common.chart_alt import coverage_alt, heatmap_alt, series_alt
from tests.conftest import REPO


def test_coverage_alt_names_the_cores_with_most_and_fewest_insatser():
    counts = pd.DataFrame(
        {
            "core_name": ["A", "A", "B", "B"],
            "goal_area_id": [1, 2, 1, 2],
            "goal_area": ["x", "y", "x", "y"],
            "shared": [2, 3, 2, 3],
            "core_specific": [4, 1, 0, 0],
        }
    )
    text = coverage_alt(counts)
    assert "2 kärnor" in text
    assert "Flest har A: 10 (5 gemensamma och 5 kärnspecifika)" in text
    assert "färst har B: 5" in text


def test_heatmap_alt_names_the_largest_cell():
    matrix = pd.DataFrame({"Kärna 1": [3, 1], "Kärna 2": [0, 7]}, index=["Region", "Kommun"])
    text = heatmap_alt(matrix)
    assert "2 aktörer" in text and "2 kärnor: Kärna 1, Kärna 2" in text
    assert "Högst: Kommun i Kärna 2, 7 insatser" in text


def test_series_alt_gives_span_and_latest_value_per_series_and_keeps_missing_missing():
    frame = pd.DataFrame(
        {
            "series": ["Kommun", "Kommun", "Länet", "Länet"],
            "year": [2019, 2021, 2019, 2021],
            "value": [1234.5, None, 10.0, 12.25],
        }
    )
    text = series_alt("Folkmängd", "personer", frame)
    assert text.startswith("Diagram: Folkmängd (personer), 2019–2021, 2 serier.")
    assert "Kommun 2019: 1\u00a0234,5" in text  # its latest value with a figure, not a filled-in 2021
    assert "Länet 2021: 12,25" in text
    empty = series_alt("Folkmängd", "personer", frame.assign(value=None))
    assert "Uppgift saknas för alla år" in empty


def test_series_alt_in_index_mode_names_the_base_year():
    frame = pd.DataFrame({"series": ["A", "A"], "year": [2010, 2020], "index": [100.0, 123.456]})
    assert "(index, 2010 = 100), 2010–2020, 1 serie. Senaste värde: A 2020: 123,5" in series_alt(
        "Skattekraft", "kronor", frame, column="index", base=2010
    )


@pytest.mark.parametrize(
    "page", ["pages/start.py", "pages/karnprofil.py", "pages/aktorer.py", "pages/jamfor.py", "pages/lagesbild.py"]
)
def test_every_chart_and_map_on_the_page_has_alt_text(page):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["om"] = "true"  # Kärnprofil's «Om kärnan» with its map, opened
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    charts = at.get("plotly_chart") + at.get("deck_gl_json_chart")
    assert charts
    for chart in charts:
        assert chart.proto.alt.startswith(("Liggande staplar", "Karta", "Värmekarta", "Diagram")), chart.proto.alt


def test_every_chart_call_in_the_code_passes_alt_text():
    calls = []
    for path in [*(REPO / "pages").glob("*.py"), *(REPO / "components").rglob("*.py")]:
        text = path.read_text("utf-8")
        for match in re.finditer(r"st\.(plotly_chart|pydeck_chart)\(", text):
            depth, end = 0, match.end() - 1
            for end in range(match.end() - 1, len(text)):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                if depth == 0:
                    break
            calls.append((path.name, "alt=" in text[match.start() : end]))
    assert len(calls) >= 6
    assert all(has_alt for _, has_alt in calls), calls


def test_core_labels_go_beside_close_neighbours_and_above_otherwise():
    from components.start.core_map import LABEL_SIDES, core_points

    cores = pd.DataFrame(
        {
            "id": ["barkarby-jakobsberg", "arlanda-marsta"],
            "name": ["B", "A"],
            "lat": [59.4, 59.6],
            "lon": [17.8, 17.9],
            "roadmap_status": ["ingen", "ingen"],
            "status_text": ["x", "y"],
        }
    )
    points = core_points(cores, LABEL_SIDES).set_index("id")
    assert points.loc["barkarby-jakobsberg", ["anchor", "baseline"]].tolist() == ["end", "center"]
    assert points.loc["arlanda-marsta", ["anchor", "baseline", "offset"]].tolist() == ["middle", "bottom", [0, -20]]
    assert core_points(cores.iloc[0:0]).empty
