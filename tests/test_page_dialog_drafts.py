"""Dialoger under AppTest as several people: a draft found again by the same person, edits by two people to
different fields merged, the same field asked about, no accidental duplicates, archive, the log in Swedish."""

import pytest
from streamlit.testing.v1 import AppTest

from queries.dialogue_model import Priority
from tests.conftest import REPO

pytestmark = pytest.mark.usefixtures("on_fixture_store")  # tests/fixture_store.py


def person(browser: str, dialogue_id: str | None = None, core: str = "sodertalje") -> AppTest:
    """Dialoger as one browser (its id is what the cookie would hold)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.session_state["_browser_id"] = browser * 32
    at.query_params["karna"] = core
    if dialogue_id:
        at.query_params["dialog"] = dialogue_id
    at.run()
    at.switch_page("pages/dialog.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shortlist(app_store, core="sodertalje", period="2026–2027"):
    d = app_store.create(core, period, None, who="a")
    d.priorities = [Priority("test-gemensam-1", 1), Priority("test-sodertalje-1.3", 2)]
    return app_store.save(d, who="a")


def wording(at: AppTest, d, n: int):
    return at.text_area(key=f"w:{d.priorities[n].id}:{d.version}")


def test_a_draft_is_found_again_by_the_same_person_only(app_store):
    d = shortlist(app_store)
    anna = person("a", d.id)
    wording(anna, d, 0).input("Halvfärdig formulering").run()
    assert any("Osparade ändringar" in m.value for m in anna.markdown)
    assert app_store.load(d.id).priorities[0].wording == ""  # not the record yet
    again = person("a", d.id)  # a reload: a new session in the same browser
    assert wording(again, d, 0).value == "Halvfärdig formulering"
    other = person("b", d.id)
    assert wording(other, d, 0).value == ""
    again.button(key="save").click().run()
    assert app_store.load(d.id).priorities[0].wording == "Halvfärdig formulering"
    assert app_store.get_draft("webbläsare:" + "a" * 32, d.id) is None


def test_two_people_changing_different_fields_both_keep_their_change(app_store):
    d = shortlist(app_store)
    anna, omar = person("a", d.id), person("b", d.id)
    wording(anna, d, 0).input("Annas text").run()
    wording(omar, d, 1).input("Omars text").run()
    anna.button(key="save").click().run()
    omar.button(key="save").click().run()
    assert not omar.error, [e.value for e in omar.error]
    saved = app_store.load(d.id)
    assert [p.wording for p in saved.priorities] == ["Annas text", "Omars text"]


def test_the_same_field_changed_by_two_people_is_asked_about_field_by_field(app_store):
    d = shortlist(app_store)
    anna, omar = person("a", d.id), person("b", d.id)
    wording(anna, d, 0).input("Annas text").run()
    wording(omar, d, 0).input("Omars text").run()
    omar.text_area(key=f"notes:{d.id}:{d.version}").input("Omars anteckning").run()
    anna.button(key="save").click().run()
    omar.button(key="save").click().run()
    assert any("Någon annan har sparat" in w.value for w in omar.warning)
    radios = [r for r in omar.radio if r.key.startswith(f"merge:{d.id}:")]
    labels = {r.options[0]: r for r in radios}
    assert set(labels) == {"Min: «Omars text»", "Min: «Omars anteckning»"}
    assert labels["Min: «Omars text»"].options[1] == "Sparad: «Annas text»"
    labels["Min: «Omars text»"].set_value("theirs").run()
    omar.button(key=f"merge_save:{d.id}").click().run()
    saved = app_store.load(d.id)
    assert saved.priorities[0].wording == "Annas text" and saved.notes == "Omars anteckning"


def test_after_a_decision_the_next_period_is_offered_and_duplicates_need_a_reason(app_store):
    d = shortlist(app_store)
    app_store.decide(d.id, d.version, who="a")
    at = person("a", d.id)
    form_period = [t for t in at.text_input if t.label == "Period" and t.key != f"next_period:{d.id}"][0]
    assert form_period.value == "2028–2029"  # not the decided period again
    assert at.text_input(key=f"next_period:{d.id}").value == "2028–2029"
    at.text_input(key=f"next_period:{d.id}").input("2026–2027").run()
    at.button(key=f"next:{d.id}").click().run()
    assert any("finns redan en dialog för perioden 2026–2027" in e.value for e in at.error)
    assert len(app_store.list_dialogues("sodertalje")) == 1
    at.text_input(key=f"next_period:{d.id}").input("2028–2029").run()
    at.button(key=f"next:{d.id}").click().run()
    assert sorted(app_store.list_dialogues("sodertalje")["period"]) == ["2026–2027", "2028–2029"]
    form_period = [t for t in at.text_input if t.label == "Period"][0]
    assert form_period.value == "2030–2031"


def test_a_draft_can_be_archived_from_the_page_and_the_log_reads_as_swedish(app_store):
    d = shortlist(app_store, core="haninge")
    at = person("a", d.id, core="haninge")
    at.text_input(key=f"archive_reason:{d.id}").input("Skapad av misstag").run()
    at.button(key=f"archive:{d.id}").click().run()
    assert app_store.load(d.id).archived
    log_text = "\n".join(m.value for m in person("a", d.id, core="haninge").markdown).replace("\\", "")
    assert "Arkiverade dialogen: «Skapad av misstag»" in log_text
    assert "Lade till 1.1 Testdata: gemensam insats i målområde 1" in log_text
    assert "test-gemensam-1" not in log_text and "None" not in log_text


def test_a_rufs_insats_goes_on_the_shortlist_as_what_it_is(app_store):
    import io

    from openpyxl import load_workbook

    from components.briefing.briefing_data import collect
    from components.briefing.briefing_xlsx import shortlist_xlsx
    from queries.runner import ReferenceStore

    d = shortlist(app_store)
    at = person("a", d.id)
    at.segmented_control(key=f"add_from:{d.id}").set_value("rufs").run()
    box = next(m for m in at.multiselect if m.key.startswith(f"add:{d.id}:rufs:"))
    assert box.label == "Lägg till insatser ur RUFS 2050, Bilaga 2"
    box.set_value(["test-rufs-1"]).run()
    at.button(key=f"add_button:{d.id}").click().run()
    at.button(key="save").click().run()
    saved = app_store.load(d.id)
    assert [p.intervention_id for p in saved.priorities][-1] == "test-rufs-1"
    card = "\n".join(m.value for m in at.markdown if "regional insats ur regionplanens" in m.value)
    assert "RUFS\\-uppföljning" in card or "RUFS-uppföljning" in card
    sheet = load_workbook(io.BytesIO(shortlist_xlsx(collect(ReferenceStore().run, saved))))["Prioriteringar"]
    rows = [r for r in sheet.values if r and any("regional insats ur regionplanens" in str(v) for v in r)]
    assert rows and any("Testdata: påhittad uppföljning av regionplanen" in str(v) for v in rows[0])
