"""The store against the roadmaps: Södertälje's insatser 1.1–4.4, and what every core is linked to.

Expected values are typed from data/sources/seeds/fardplan-sodertalje-2026.txt, not read from the CSVs.
"""

import pytest

from tests.conftest import rows, seed_text

R = "region-stockholm"
K = "karnkommunerna"
# code: (goal area, scope, lead or None, participants in the order the roadmap lists them)
SODERTALJE = {
    "1.1": (1, "shared", R, [K, "naringslivet", "fastighetsagare"]),
    "1.2": (1, "shared", R, [K]),
    "1.3": (1, "core", None, ["sodertalje-kommun", R, "fastighetsagare"]),
    "1.4": (1, "core", None, ["sodertalje-kommun", R, "fastighetsagare"]),
    "1.5": (1, "core", None, ["sodertalje-kommun", R, "polismyndigheten", "fastighetsagare"]),
    "2.1": (2, "shared", R, [K]),
    "2.2": (2, "shared", R, [K]),
    "2.3": (2, "core", None, ["sodertalje-kommun", "akademien", "naringslivet", R, "teknikcollege-stockholmsregionen"]),
    "3.1": (3, "shared", R, [K]),
    "3.2": (3, "shared", R, [K, "naringslivet"]),
    "3.3": (3, "shared", R, ["almi-stockholm-ab", K, "naringslivet"]),
    "3.4": (3, "core", None, ["sodertalje-kommun", R, "besoksnaringen"]),
    "3.5": (3, "core", None, ["sodertalje-kommun", "sodertalje-science-park", R, "naringslivet"]),
    "4.1": (4, "shared", R, [K, "trafikverket"]),
    "4.2": (4, "shared", R, [K, "trafikverket", "kommersiella-kollektivtrafikforetag"]),
    "4.3": (4, "core", None, [R, "sodertalje-kommun", "trafikverket"]),
    "4.4": (4, "core", None, [R, "region-sormland", "sodertalje-kommun", "trafikverket", "bussoperator"]),
}
CORES = [
    "arlanda-marsta",
    "barkarby-jakobsberg",
    "flemingsberg",
    "haninge",
    "kista-sollentuna-haggvik",
    "kungens-kurva-skarholmen",
    "sodertalje",
    "taby-centrum-arninge",
]


def test_sodertalje_has_exactly_the_seventeen_insatser(ref_con):
    found = rows(ref_con, "SELECT code FROM interventions WHERE source_id = 'fardplan-sodertalje-2026' ORDER BY code")
    assert [c for (c,) in found] == sorted(SODERTALJE)


@pytest.mark.parametrize("code", sorted(SODERTALJE))
def test_sodertalje_insats_goal_area_scope_and_actors(ref_con, code):
    goal, scope, lead, participants = SODERTALJE[code]
    iid = f"gemensam-{code}" if scope == "shared" else f"sodertalje-{code}"
    [(g, s, core)] = rows(ref_con, "SELECT goal_area_id, scope, core_id FROM interventions WHERE id = ?", iid)
    assert (g, s) == (goal, scope)
    assert core == (None if scope == "shared" else "sodertalje")
    leads = rows(ref_con, "SELECT actor_id FROM intervention_actors WHERE intervention_id = ? AND role = 'lead'", iid)
    assert [a for (a,) in leads] == ([lead] if lead else [])
    parts = rows(
        ref_con, "SELECT actor_id FROM intervention_actors WHERE intervention_id = ? AND role = 'participant'", iid
    )
    assert sorted(a for (a,) in parts) == sorted(participants)


def test_sodertalje_titles_are_the_roadmaps_words(ref_con):
    text = seed_text("fardplan-sodertalje-2026.txt")
    for title, description in rows(
        ref_con, "SELECT title, description FROM interventions WHERE source_id = 'fardplan-sodertalje-2026'"
    ):
        assert title in text
        for paragraph in description.split("\n\n"):
            assert " ".join(paragraph.split()) in text


def test_almi_is_named_with_its_insats(ref_con):
    [(name, kind)] = rows(ref_con, "SELECT name, type FROM actors WHERE id = 'almi-stockholm-ab'")
    assert name == "Almi Stockholm AB"
    assert ("gemensam-3.3",) in rows(
        ref_con, "SELECT intervention_id FROM intervention_actors WHERE actor_id = 'almi-stockholm-ab'"
    )


def test_shared_insatser_link_to_all_eight_cores(ref_con):
    shared = rows(ref_con, "SELECT id FROM interventions WHERE scope = 'shared'")
    assert len(shared) == 9
    for (iid,) in shared:
        linked = rows(ref_con, "SELECT core_id FROM intervention_cores WHERE intervention_id = ? ORDER BY core_id", iid)
        assert [c for (c,) in linked] == CORES


def test_core_specific_insatser_link_only_to_their_core(ref_con):
    wrong = rows(
        ref_con,
        "SELECT i.id, ic.core_id FROM interventions i JOIN intervention_cores ic "
        "ON ic.intervention_id = i.id WHERE i.scope = 'core' AND i.plan_type = 'fardplan' "
        "AND ic.core_id <> i.core_id",
    )
    assert wrong == []


def test_sodertalje_directions_per_goal_area(ref_con):
    found = dict(rows(ref_con, "SELECT goal_area_id, text FROM directions WHERE core_id = 'sodertalje'"))
    assert sorted(found) == [1, 2, 3, 4]
    assert found[1].startswith("Fortsätt stärka Södertälje stadskärnas identitet som en medeltida stadskärna")
    assert found[4].startswith("Fortsätt samverka för en ökad tillgänglighet med kollektivtrafik")
    text = seed_text("fardplan-sodertalje-2026.txt")
    assert all(" ".join(t.split()) in text for t in found.values())


def test_eight_cores_with_roadmap_status(ref_con):
    status = dict(rows(ref_con, "SELECT id, roadmap_status FROM cores"))
    assert sorted(status) == CORES
    assert status["sodertalje"] == "antagen" and status["flemingsberg"] == "utkast"
    assert {status[c] for c in CORES if c not in ("sodertalje", "flemingsberg")} == {"ingen"}


def test_cores_have_a_map_point_inside_the_region(ref_con):
    for core, lat, lon in rows(ref_con, "SELECT id, lat, lon FROM cores"):
        assert 58.9 < lat < 59.9 and 17.4 < lon < 18.5, core


def test_sodertalje_figures_from_the_character_description(ref_con):
    found = dict(
        rows(
            ref_con,
            "SELECT indicator_id, value FROM indicator_values WHERE geography = 'sodertalje' "
            "AND source_id = 'fardplan-sodertalje-2026'",
        )
    )
    # as written: «cirka 25 000», «nästan 35 000», «fyra pendeltågsstationer», «omkring tio procent av
    # Sveriges export» (the text says the export is Scania's and AstraZeneca's, not the core's: a note says so)
    assert found == {
        "boende-i-karnan": 25000,
        "arbetande-i-karnan": 35000,
        "pendeltagsstationer-i-karnan": 4,
        "andel-av-sveriges-export": 10,
    }


def test_goal_areas(ref_con):
    names = [n for (n,) in rows(ref_con, "SELECT name FROM goal_areas ORDER BY id")]
    assert names == [
        "Levande och attraktiva stadskärnor",
        "Regionala målpunkter för samhällsservice",
        "Naturliga lokaliseringsplatser för näringsliv och innovation",
        "Tillgängliga regionala stadskärnor som bidrar till ett hållbart resande",
    ]


FLEMINGSBERG = {  # the draft's core-specific insatser per goal area (read from the seed's sections)
    1: ["Hälsovägen", "tryggare stadskärna"],
    2: ["Södertörns högskola", "lokalutbud", "vårdens långsiktiga behov"],
    3: ["Life science"],
    4: ["gå, cykla", "framkomligheten", "storregional bytespunkt"],
}


def test_flemingsberg_core_specific_insatser(ref_con):
    found = rows(
        ref_con,
        "SELECT goal_area_id, title FROM interventions WHERE core_id = 'flemingsberg' "
        "AND plan_type = 'fardplan' AND scope = 'core'",
    )
    assert len(found) == sum(len(v) for v in FLEMINGSBERG.values())
    for goal, words in FLEMINGSBERG.items():
        titles = [t for g, t in found if g == goal]
        for word in words:
            assert any(word.lower() in t.lower() for t in titles), (goal, word, titles)


def test_flemingsberg_draft_wording_is_a_variant_of_the_shared_insatser(ref_con):
    variants = rows(ref_con, "SELECT intervention_id, source_id FROM intervention_variants ORDER BY 1")
    assert [v for v, _ in variants] == [
        "gemensam-1.1",
        "gemensam-2.2",
        "gemensam-3.1",
        "gemensam-3.2",
        "gemensam-3.3",
        "gemensam-4.1",
        "gemensam-4.2",
    ]
    assert {s for _, s in variants} == {"fardplan-flemingsberg-2025"}
    # one canonical record per shared insats, in Södertälje's 2026 wording
    assert rows(ref_con, "SELECT DISTINCT source_id FROM interventions WHERE scope = 'shared'") == [
        ("fardplan-sodertalje-2026",)
    ]


@pytest.mark.parametrize(
    "indicator,target,value,year",
    [
        ("rufs-bostader-per-ar", 22000, 16700, 2019),
        ("rufs-nystartade-foretag", 18, 13.7, 2019),
        ("rufs-fou-investeringar", 4.5, 3.4, 2019),
        ("rufs-gymnasieexamen", 80, 74.5, 2017),
        ("rufs-hogre-utbildning-kunskapsintensiva-yrken", 55, 51.5, 2018),
    ],
)
def test_rufs_delmal_target_and_outcome(ref_con, indicator, target, value, year):
    [(t,)] = rows(ref_con, "SELECT target_value FROM indicators WHERE id = ?", indicator)
    assert t == target
    found = rows(
        ref_con,
        "SELECT value FROM indicator_values WHERE indicator_id = ? AND year = ? AND geography_type = 'county'",
        indicator,
        year,
    )
    assert (value,) in found


def test_rufs_delmal_count_and_a_range_kept_as_text(ref_con):
    assert rows(
        ref_con,
        "SELECT count(*) FROM indicators WHERE source_id = 'rufs2050-uppfoljning-2020' AND target_text IS NOT NULL",
    ) == [(16,)]
    [(value, text)] = rows(
        ref_con,
        "SELECT value, value_text FROM indicator_values "
        "WHERE indicator_id = 'rufs-konkurrenskvot-kollektivtrafik' AND year = 2019",
    )
    assert value is None and "0,4–1,8" in text


def test_rufs_inventory_and_historical_plans_are_loaded(ref_con):
    counts = dict(rows(ref_con, "SELECT plan_type, count(*) FROM interventions GROUP BY 1"))
    assert counts == {"fardplan": 26, "rufs": 252, "historisk": 47}
    linked = rows(
        ref_con, "SELECT ic.core_id FROM intervention_cores ic WHERE ic.intervention_id = 'rufs2020-arninge-resecenter'"
    )
    assert linked == [("taby-centrum-arninge",)]
    [(lead,)] = rows(
        ref_con,
        "SELECT a.name FROM intervention_actors ia JOIN actors a ON a.id = ia.actor_id "
        "WHERE ia.intervention_id = 'rufs2020-forum-for-regionplanering' AND ia.role = 'lead'",
    )
    assert lead == "Region Stockholm"
