"""Data quality (issue 16): a missing målområde is an empty CSV cell, the Barkarby tunnelbana insats that
RUFS Bilaga 2 lists twice is shown once with a note (the store keeps both listings), and the actor
«10100 Norrtälje» keeps the source's name and says what it is not."""

import csv
import io

import pandas as pd

from components.aktorer.actor_view import interventions_table
from components.common.export_files import csv_bytes
from components.insatser.explorer_view import display_table
from tests.conftest import open_page, rows, seed_text

TUNNELBANA = "Utbyggnad av tunnelbanan enligt 2013 år Stockholmsförhandling"


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def historical_rows(ref_con) -> pd.DataFrame:
    return ref_con.execute(
        "SELECT i.*, NULL AS goal_area, 'kärna' AS cores, 1 AS core_count, NULL AS lead, NULL AS participants, "
        "s.title AS source_title, 'lead' AS role, NULL AS name_as_written "
        "FROM interventions i JOIN sources s ON s.id = i.source_id WHERE i.plan_type = 'historisk' LIMIT 3"
    ).df()


def test_missing_goal_area_is_an_empty_csv_cell(ref_con):
    found = historical_rows(ref_con)
    assert found["goal_area_id"].isna().all()
    for table in (display_table(found), interventions_table(found)):
        back = read_csv(csv_bytes(table))
        assert [r["Målområde"] for r in back] == ["", "", ""]


def test_barkarby_tunnelbana_is_listed_twice_in_the_source_and_kept_twice_in_the_store(ref_con):
    assert seed_text("rufs2050-uppfoljning-2020.txt").count(TUNNELBANA) == 2
    stored = rows(
        ref_con,
        "SELECT i.source_section FROM interventions i JOIN intervention_cores ic ON ic.intervention_id = i.id "
        "WHERE ic.core_id = 'barkarby-jakobsberg' AND i.title = ? ORDER BY i.id",
        TUNNELBANA,
    )
    assert len(stored) == 2 and stored[0] != stored[1]


def test_barkarby_profile_shows_the_tunnelbana_once_with_a_note():
    at = open_page("karnprofil.py", karna="barkarby-jakobsberg")
    [rufs] = [e for e in at.expander if e.label.startswith("RUFS-uppföljningen 2020")]
    titles = [m.value.replace("\\", "") for m in rufs.markdown if m.value.startswith("**")]
    assert titles.count(f"**{TUNNELBANA}**") == 1
    notes = [c.value.replace("\\", "") for c in rufs.caption if "Listas 2 gånger i källan" in c.value]
    assert len(notes) == 1
    assert "1. Öka bostadsbyggandet" in notes[0] and "2. Styra mot ett transporteffektivt samhälle" in notes[0]


def test_10100_norrtalje_keeps_the_source_name_and_is_not_the_kommun(ref_con):
    assert "KTH, 10100 Norrtälje samt" in seed_text("rufs2050-uppfoljning-2020.txt")
    [(name, kind, note)] = rows(ref_con, "SELECT name, type, note FROM actors WHERE id = '10100-norrtalje'")
    assert (name, kind) == ("10100 Norrtälje", "övrigt")
    assert "Inte Norrtälje kommun" in note and "källan förklarar inte" in note


def test_insats_kind_is_shown_as_not_stated_where_no_document_states_it(ref_con):
    # the roadmaps marked the kind with icons that the text lost: no insats in the store has one
    assert rows(ref_con, "SELECT count(*) FROM interventions WHERE kind IS NOT NULL")[0][0] == 0
    found = historical_rows(ref_con)
    assert set(read_csv(csv_bytes(display_table(found)))[0]) >= {"Karaktär"}
    assert [r["Karaktär"] for r in read_csv(csv_bytes(display_table(found)))] == ["anges inte"] * 3
    stated = found.assign(kind=["Kunskap", None, ""])
    assert display_table(stated)["Karaktär"].tolist() == ["Kunskap", "anges inte", "anges inte"]


def test_the_insats_card_says_the_kind_is_not_stated():
    at = open_page("insatser.py", karna="sodertalje")
    at.selectbox(key="visa_insats").set_value("sodertalje-1.3").run()
    assert any("Karaktär: anges inte" in c.value for c in at.caption)


def test_sources_name_the_publisher_and_keep_the_route_on_kallor(ref_con):
    import re

    repo = re.compile(r"\b[\w.-]+/[\w.-]+\b")  # owner/name of a code repository
    stats = rows(ref_con, "SELECT id, publisher, note FROM sources WHERE kind IN ('statistik', 'geodata')")
    assert stats
    for sid, publisher, note in stats:
        assert " via " not in publisher and not repo.search(publisher.replace("Trafiklab/Samtrafiken", "")), sid
        assert note.startswith("Hämtad via "), sid
    [(publisher, note)] = rows(ref_con, "SELECT publisher, note FROM sources WHERE id = 'scb-folkmangd-kommun'")
    assert publisher == "SCB" and "odectra/popu-sweden" in note
    assert "«Folkmängd i riket, län och kommuner 31 december 2024»" in note
    at = open_page("kallor.py")
    [table] = [d.value for d in at.dataframe if "Utgivare" in d.value.columns and "Källa" in d.value.columns]
    title = table[table["Källa"].str.startswith("Folkmängd per kommun")].iloc[0]["Källa"]
    assert table.set_index("Källa").loc[title, "Utgivare"] == "SCB"
    at.selectbox(key="kalla_detalj").select(title).run()  # «Om en källa»: the route is in the note
    details = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert "Anmärkning: Hämtad via" in details and "odectra/popu-sweden" in details


def test_every_goal_area_and_direction_of_a_rufs_indicator_has_a_basis(ref_con):
    flagged = rows(
        ref_con,
        "SELECT id, 'goal_area_id' FROM indicators WHERE id LIKE 'rufs-%' AND goal_area_id IS NOT NULL "
        "UNION ALL SELECT id, 'higher_is_better' FROM indicators "
        "WHERE id LIKE 'rufs-%' AND higher_is_better IS NOT NULL",
    )
    bases = {
        (i, f): (t, b)
        for i, f, t, b in rows(ref_con, "SELECT indicator_id, field, basis_type, basis FROM indicator_bases")
    }
    assert len([f for f in flagged if f[1] == "goal_area_id"]) == 7
    assert set(flagged) == set(bases)
    seed = seed_text("rufs2050-uppfoljning-2020.txt")
    for key, (kind, basis) in bases.items():
        if key[1] == "goal_area_id":
            assert kind == "redaktionell", key  # RUFS has no färdplan goal areas
        if kind == "källa":
            quoted = basis.split("”")[1]
            assert " ".join(quoted.split()) in seed, key
        else:
            assert basis.startswith("Redaktionell"), key


def test_kallor_shows_editorial_bases_as_such():
    at = open_page("kallor.py")
    [table] = [d.value for d in at.dataframe if {"Motivering", "Indikator"} <= set(d.value.columns)]
    assert set(table["Grund"]) == {"Källan", "Redaktionell"}
    row = table[(table["Indikator"] == "Nystartade företag per 1 000 invånare") & (table["Uppgift"] == "Målområde 3")]
    assert row["Grund"].tolist() == ["Redaktionell"]


def test_regionens_kommuner_and_kommuner_are_one_organisation_with_both_spellings_kept(ref_con):
    # the store keeps the source's spelling on each insats, and reads both as the region's kommuner
    written = rows(
        ref_con,
        "SELECT ia.name_as_written, ia.actor_id, r.basis_type FROM intervention_actors ia JOIN actor_readings r "
        "USING (name_as_written, actor_id, source_id, source_section) WHERE ia.actor_id = 'regionens-kommuner'",
    )
    assert {"Regionens kommuner", "Kommuner"} <= {w for w, _, _ in written}
    assert {t for w, _, t in written if w == "Kommuner"} == {"redaktionell"}
    seed = seed_text("rufs2050-uppfoljning-2020.txt")
    assert "Region Stockholm Kommuner, boende och näringsidkare i skärgården" in seed
    at = open_page("aktorer.py")
    [table] = [d.value for d in at.dataframe if "Även skrivet som" in d.value.columns]
    [row] = table[table["Aktör"] == "Regionens kommuner"].to_dict("records")
    assert "«Kommuner»" in row["Även skrivet som"] and "«regionens kommuner»" in row["Även skrivet som"]
    [(total,)] = rows(
        ref_con, "SELECT count(DISTINCT intervention_id) FROM intervention_actors WHERE actor_id = 'regionens-kommuner'"
    )
    assert row["Insatser"] == total
    at = open_page("kallor.py")
    [readings] = [d.value for d in at.dataframe if "Läses som" in d.value.columns]
    [(count,)] = rows(ref_con, "SELECT count(*) FROM actor_readings")
    assert len(readings) == count
    kommuner = readings[readings["Skrivet i källan"] == "Kommuner"]
    assert set(kommuner["Läses som"]) == {"Regionens kommuner", "Kommuner, även utanför länet"}
    assert set(readings[readings["Grund"] == "Redaktionell"]["Motivering"].str[:13]) == {"Redaktionell:"}
