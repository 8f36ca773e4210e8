"""The Insatser explorer under AppTest, on the fixture store (tests/fixture_store.py): URL filters, text
search, actor filter, card, empty state."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_page, rows
from tests.fixture_store import ACTORS, ADOPTED, DRAFT, PER_GOAL_AREA, interventions, roles, variants

pytestmark = pytest.mark.usefixtures("on_fixture_store")


def explorer(**query) -> AppTest:
    return open_page("insatser.py", **query)


def table(at: AppTest):
    [frame] = [d.value for d in at.dataframe if "Insats" in d.value.columns]
    return frame


def own_and_shared(core: str, goal_area: str) -> list[dict]:
    return [r for r in interventions() if r.get("goal_area_id") == goal_area and r.get("core_id") in (None, core)]


def test_one_core_and_goal_area_gives_its_shared_and_own_insatser():
    at = explorer(karna=ADOPTED, malomrade="3", plan="fardplan")
    found = table(at)
    expected = own_and_shared(ADOPTED, "3")
    assert list(found["Kod"]) == [r["code"] for r in expected]
    assert list(found["Omfattning"]) == ["Gemensam"] + ["Kärnspecifik"] * PER_GOAL_AREA[ADOPTED]
    assert found.iloc[0]["Kärnor"] == "Alla åtta"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["3 Näringsliv och innovation"] == str(len(expected))
    assert metrics["1 Levande stadskärnor"] == "0"


def test_url_filters_match_the_store(on_fixture_store):
    at = explorer(karna=[ADOPTED, DRAFT], omfattning="karnspecifik", plan="fardplan")
    expected = rows(
        on_fixture_store,
        "SELECT title FROM interventions WHERE plan_type = 'fardplan' AND scope = 'core' AND core_id IN (?, ?)",
        ADOPTED,
        DRAFT,
    )
    assert sorted(table(at)["Insats"]) == sorted(t for (t,) in expected)
    assert len(expected) == 4 * sum(PER_GOAL_AREA.values())


def test_text_search_ignores_case_and_diacritics():
    found = table(explorer(q="halsovagen"))
    assert len(found) == 1 and "Hälsovägen" in found.iloc[0]["Insats"]
    assert len(table(explorer(q="HÄLSOVÄGEN"))) == 1


def test_text_search_treats_wildcards_as_text():
    at = explorer(q="%")
    assert not [d for d in at.dataframe if "Insats" in d.value.columns]
    assert any("Inga insatser matchar" in i.value for i in at.info)


def test_an_actor_lists_its_insatser(on_fixture_store):
    found = table(explorer(aktor="testbolaget-ab"))
    expected = rows(
        on_fixture_store,
        "SELECT DISTINCT i.title FROM intervention_actors ia JOIN interventions i "
        "ON i.id = ia.intervention_id WHERE ia.actor_id = 'testbolaget-ab'",
    )
    assert sorted(found["Insats"]) == sorted(t for (t,) in expected) and len(expected) >= 2


def test_selecting_a_row_shows_the_full_card():
    at = explorer(karna=ADOPTED, malomrade="3", plan="fardplan")
    at.session_state["insatser_tabell"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    shared = own_and_shared(ADOPTED, "3")[0]
    assert [s.value for s in at.subheader] == [f"{shared['code']} {shared['title']}"]
    text = " ".join(m.value for m in at.markdown)
    names = {a: n for a, n, _ in ACTORS}
    for role in roles(interventions()):
        if role["intervention_id"] == shared["id"]:
            assert names[role["actor_id"]] in text
    assert "alla åtta regionala stadskärnor" in text
    assert any(shared["description"] in m.value.replace("\\", "") for m in at.markdown)
    assert shared["source_section"] in " ".join(c.value for c in at.caption)
    [variant] = variants()
    assert [e.label for e in at.expander][:2] == [
        "Färdriktning som insatsen bidrar till (2)",  # the adopted and the draft roadmap's direction
        "Formulering i Testdata: påhittat utkast till färdplan för gränssnittstesterna (utkast)",
    ]
    assert any(variant["title"] in m.value for m in at.markdown)


def test_the_list_shows_a_card_without_the_table_and_follows_the_row_selection():
    """«Visa insats» is the keyboard and screen-reader way to a card; a selected row sets it."""
    at = explorer(karna=ADOPTED, malomrade="3", plan="fardplan")
    expected = own_and_shared(ADOPTED, "3")
    pick = at.selectbox(key="visa_insats")
    assert pick.value is None and not at.subheader
    assert pick.options[0] == "Ingen insats vald" and pick.options[2].startswith(f"3.2 {expected[1]['title']}")
    pick.select(expected[1]["id"]).run()
    assert [s.value for s in at.subheader][0].startswith("3.2 ")
    at.session_state["insatser_tabell"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert at.selectbox(key="visa_insats").value == expected[0]["id"]
    assert [s.value for s in at.subheader][0].startswith("3.1 ")
    at.query_params["malomrade"] = "1"  # a filter without the chosen insats: the card goes
    at.session_state["malomrade"] = [1]
    at.run()
    assert not at.exception and at.selectbox(key="visa_insats").value is None and not at.subheader


def test_unknown_core_in_the_url_is_reported_and_ignored():
    at = explorer(karna=["narnia", ADOPTED], malomrade="9")
    warnings = " ".join(w.value for w in at.warning)
    assert "narnia" in warnings and "malomrade" in warnings
    assert len(table(at)) == len(interventions()) - 4 * PER_GOAL_AREA[DRAFT]


def test_empty_result_offers_to_clear_filters():
    at = explorer(karna="haninge", omfattning="karnspecifik", plan="fardplan")  # no roadmap of its own
    assert any("Inga insatser matchar" in i.value for i in at.info)
    at.button(key="clear_filters").click().run()
    assert not at.exception
    assert len(table(at)) == len(interventions())


@pytest.mark.parametrize(
    "query",
    [
        {"q": "' OR 1=1 --"},
        {"q": "<script>alert(1)</script>"},
        {"aktor": "'; DROP TABLE actors; --"},
        {"q": "x" * 5000},
    ],
)
def test_hostile_input_is_harmless(on_fixture_store, query):
    explorer(**query)
    assert rows(on_fixture_store, "SELECT count(*) FROM actors") == [(len(ACTORS),)]


def test_a_long_result_is_shown_a_page_at_a_time_and_starts_from_the_first_page_again(on_fixture_store, monkeypatch):
    """More rows than PAGE_SIZE: the table and «Visa insats» hold one page, «Rader i tabellen» picks which."""
    from components.insatser import explorer_view

    monkeypatch.setattr(explorer_view, "PAGE_SIZE", 4)
    every = [t for (t,) in rows(on_fixture_store, "SELECT title FROM interventions")]
    at = explorer()
    assert not at.exception
    picker = at.selectbox(key="insatser_sida")
    pages = -(-len(every) // 4)
    assert len(every) > 8 and len(picker.options) == pages
    assert picker.options[0] == f"rad 1–4 av {len(every)}"
    first = list(table(at)["Insats"])
    assert len(first) == 4 and len(at.selectbox(key="visa_insats").options) == 5
    picker.select(1).run()
    second = list(table(at)["Insats"])
    assert len(second) == 4 and not set(second) & set(first) and set(first + second) <= set(every)
    assert at.selectbox(key="insatser_sida").options[1] == f"rad 5–8 av {len(every)}"
    last = at.selectbox(key="insatser_sida").select(pages - 1).run()
    assert len(table(last)) == len(every) - 4 * (pages - 1)
    at.query_params["q"] = "Testdata"  # another selection: back to the first page
    at.session_state["q"] = "Testdata"
    at.run()
    assert not at.exception
    matching = [t for t in every if "testdata" in t.lower()]
    assert len(matching) > 4 and at.selectbox(key="insatser_sida").value == 0
    assert at.selectbox(key="insatser_sida").options[0] == f"rad 1–4 av {len(matching)}"


def test_a_short_result_has_no_page_picker():
    at = explorer(karna=ADOPTED, malomrade="3", plan="fardplan")
    assert not [s for s in at.selectbox if s.key == "insatser_sida"]
