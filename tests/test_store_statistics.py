"""The store's statistics against the public files' stated values (SOURCES.md and the files)."""

import pytest

from tests.conftest import rows

POPULATION = [  # (kommun code, year, population) as data/sources/SOURCES.md and the SCB files state
    ("0181", 2019, 98979),
    ("0181", 2021, 101209),
    ("0181", 2024, 102911),
    ("0127", 2024, 95905),
    ("0126", 2024, 114304),
    ("0136", 2024, 100895),
    ("0123", 2024, 88950),
    ("0186", 2024, 48377),
    ("0182", 2024, 112112),
]


@pytest.mark.parametrize("code,year,value", POPULATION)
def test_kommun_population(ref_con, code, year, value):
    assert rows(
        ref_con,
        "SELECT value FROM indicator_values WHERE indicator_id = 'folkmangd' "
        "AND geography_type = 'kommun' AND geography = ? AND year = ?",
        code,
        year,
    ) == [(value,)]


@pytest.mark.parametrize(
    "year,value", [(2015, 2231439), (2016, 2269060), (2019, 2377081), (2021, 2415139), (2024, 2473307)]
)
def test_county_population_matches_scb_totals(ref_con, year, value):
    assert rows(
        ref_con,
        "SELECT value FROM indicator_values WHERE indicator_id = 'folkmangd' "
        "AND geography_type = 'county' AND year = ?",
        year,
    ) == [(value,)]


def test_years_missing_in_the_sources_stay_missing(ref_con):
    years = rows(
        ref_con,
        "SELECT DISTINCT year FROM indicator_values WHERE indicator_id = 'folkmangd' AND year IN (2020, 2022, 2023)",
    )
    assert years == []


def test_education_and_tax_base_as_stated(ref_con):
    # nordin file: Södertälje (181), year 2018
    [(tertiary,)] = rows(
        ref_con,
        "SELECT value_text FROM indicator_values WHERE indicator_id = "
        "'andel-eftergymnasial-utbildning' AND geography = '0181' AND year = 2018",
    )
    [(tax,)] = rows(
        ref_con,
        "SELECT value FROM indicator_values WHERE indicator_id = 'skattekraft' AND geography = '0181' AND year = 2018",
    )
    import csv

    from tests.conftest import REPO

    src = [
        r
        for r in csv.DictReader(open(REPO / "data/sources/stats/nordin_municip_data_2002_2022.csv"))
        if r["municip_code"] == "181" and r["year"] == "2018"
    ][0]
    assert float(tertiary) == float(src["share_tertiary_school"])
    assert tax == float(src["tax_base"])


def test_quoted_core_figures_keep_type_and_area(ref_con):
    found = rows(
        ref_con,
        "SELECT value, value_type, note FROM indicator_values WHERE geography_type = 'core' "
        "AND geography = 'haninge' AND source_id = 'kommunala-uppgifter' ORDER BY year NULLS FIRST",
    )
    assert [(v, t) for v, t, _ in found] == [(18000, "utfall"), (30000, "mål"), (60000, "mål")]
    assert all("Handen" in note for _, _, note in found)


def test_a_range_is_kept_as_text_not_a_number(ref_con):
    [(value, text)] = rows(
        ref_con,
        "SELECT value, period_text FROM indicator_values "
        "WHERE indicator_id = 'kommunal-nya-invanare-vid-full-utbyggnad'",
    )
    assert value is None


def test_every_row_has_a_known_source(ref_con):
    tables = [
        t for (t,) in rows(ref_con, "SELECT table_name FROM information_schema.columns WHERE column_name = 'source_id'")
    ]
    assert len(tables) >= 10
    for table in tables:
        missing = rows(
            ref_con,
            f'SELECT count(*) FROM "{table}" WHERE source_id IS NULL OR source_id NOT IN (SELECT id FROM sources)',
        )
        assert missing == [(0,)], table
    assert rows(ref_con, "SELECT count(*) FROM actors WHERE source_ids IS NULL") == [(0,)]


def test_no_invented_zeroes(ref_con):
    zeros = rows(ref_con, "SELECT indicator_id, geography, value_text FROM indicator_values WHERE value = 0")
    # Zero only where the source itself says so: Södra Häggvik, "där finns inga boende".
    assert [(i, g) for i, g, _ in zeros] == [("kommunal-boende", "kista-sollentuna-haggvik")]
    assert "inga boende" in zeros[0][2]
