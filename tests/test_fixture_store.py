"""The fixture store for the UI tests: built by code, labelled as test data, and the pages work on it."""

import pytest

from tests.conftest import open_page, page_table, rows
from tests.fixture_store import ADOPTED, PER_GOAL_AREA, TEST_DRAFT, TEST_RUFS, TEST_SOURCE, interventions


def test_every_roadmap_record_is_labelled_test_data(on_fixture_store):
    con = on_fixture_store
    titles = rows(con, "SELECT title, source_id FROM interventions")
    assert len(titles) == len(interventions()) and all(t.startswith("Testdata") for t, _ in titles)
    assert {s for _, s in titles} == {TEST_SOURCE, TEST_DRAFT, TEST_RUFS}
    assert all(t.startswith("Testdata") for (t,) in rows(con, "SELECT text FROM directions"))
    assert all(t.startswith("Testdata") for (t,) in rows(con, "SELECT title FROM sources WHERE id LIKE 'testdata%'"))
    # the shared insatser reach all eight cores, the own ones their core only
    assert (
        rows(con, "SELECT count(DISTINCT core_id) FROM intervention_cores WHERE intervention_id = 'test-gemensam-1'")[
            0
        ][0]
        == 8
    )


def test_the_real_curated_folder_is_not_read_for_roadmaps(on_fixture_store):
    real = rows(on_fixture_store, "SELECT count(*) FROM interventions WHERE source_id NOT LIKE 'testdata%'")
    assert real == [(0,)]


@pytest.mark.parametrize("page", [file.removeprefix("pages/") for file, *_ in page_table()])
def test_every_page_opens_on_the_fixture_store(on_fixture_store, app_store, page):
    at = open_page(page, karna=ADOPTED)
    text = " ".join(m.value for m in at.markdown)
    assert "None" not in text.split()


def test_insatser_lists_the_fixture_insatser_of_one_goal_area(on_fixture_store):
    at = open_page("insatser.py", karna=ADOPTED, malomrade="2", plan="fardplan")
    [frame] = [d.value for d in at.dataframe if "Insats" in d.value.columns]
    expected = [
        r["title"] for r in interventions() if r.get("goal_area_id") == "2" and r.get("core_id") in (None, ADOPTED)
    ]
    assert sorted(frame["Insats"]) == sorted(expected)
    assert len(frame) == 1 + PER_GOAL_AREA[ADOPTED]


def test_source_lines_name_the_documents_in_the_store(on_fixture_store):
    """The Start and Aktörer source lines are made from the store: on the fixture they name the test
    documents and none of the production roadmaps."""
    at = open_page()
    captions = " ".join(c.value for c in at.caption)
    assert "Testdata: påhittad färdplan för gränssnittstesterna (tests/fixture_store.py, 2026)" in captions
    assert "Testdata: påhittat utkast till färdplan för gränssnittstesterna (tests/fixture_store.py, 2025)" in captions
    assert "Södertälje stadskärna (Region Stockholm" not in captions and "RUFS 2050" not in captions
    aktorer = " ".join(c.value for c in open_page("aktorer.py").caption)
    assert "Testdata: påhittad uppföljning av regionplanen (tests/fixture_store.py, 2020)" in aktorer


def test_imported_text_with_markup_is_shown_as_text(on_fixture_store):
    at = open_page()
    [line] = [m.value for m in at.markdown if "klicka här" in m.value]
    assert "\\[klicka här\\]\\(http" in line and "\\<b\\>fet\\</b\\>" in line
    assert "](" not in line.replace("\\]\\(", "") and "<b>" not in line


def test_the_region_records_are_test_data_from_the_test_follow_up(on_fixture_store):
    from tests.fixture_store import EUROPE, EUROPE_OTHERS, RANKINGS

    con = on_fixture_store
    for table, expected in (
        ("rankings", RANKINGS),
        ("european_comparison", EUROPE),
        ("european_region_values", EUROPE_OTHERS),
    ):
        found = rows(con, f"SELECT source_id, source_section FROM {table}")
        assert len(found) == len(expected) and {s for s, _ in found} == {TEST_RUFS}, table
        assert all(section.startswith("Testdata") for _, section in found), table
    names = rows(con, "SELECT index_name FROM rankings UNION ALL SELECT indicator_as_written FROM european_comparison")
    assert all(n.startswith("Testdata") for (n,) in names)
