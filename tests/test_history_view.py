"""«Så arbetade man förr» on Kärnprofil and Källor (AppTest, against the store), and its table shaping."""

import pandas as pd

from components.history.history_data import figure_text, theme_tables, when_text
from tests.conftest import open_page

NBSP = "\u00a0"


def history_tables(at) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if "Källans ord" in d.value.columns]


def all_rows(at) -> pd.DataFrame:
    return pd.concat(history_tables(at), ignore_index=True)


def test_flemingsberg_profile_shows_its_own_plan_and_the_sodertorn_plan():
    at = open_page("karnprofil.py", karna="flemingsberg")
    labels = [e.label.replace("\\", "") for e in at.expander]
    assert any(
        lbl.startswith("Verksamhetsplan 2009–2011 för den regionala stadskärnan Flemingsberg (2009)") for lbl in labels
    )
    assert any(lbl.startswith("Södertörnskommunernas samarbetskommitté: Verksamhetsplan 2019 (2019)") for lbl in labels)
    rows = all_rows(at)
    meeting = rows[rows["Källans ord"] == "Politisk styrgrupp sammanträder 6 gånger/år."].iloc[0]
    assert (meeting["Tal"], meeting["Avsnitt"]) == ("6 gånger/år", "Samordning 2009-2011")
    money = rows[rows["Gäller"] == "Botkyrka"]
    assert f"500{NBSP}000 kr/år" in set(money["Tal"])
    students = rows[rows["Gäller"] == "Studerande"].iloc[0]
    assert (students["Tal"], students["År"]) == (f"omkring 15{NBSP}000 människor", "2009 (2009, Q1-Q2)")
    per_inhabitant = rows[rows["Gäller"] == "Avgift per invånare"].iloc[0]
    assert per_inhabitant["Tal"] == "4 kronor per invånare och år"
    captions = " ".join(c.value for c in at.caption)
    assert "kärnkommun i Södertörnssamarbetet: Botkyrka, Huddinge" in captions
    cells = set(rows.astype(str).to_numpy().ravel())
    assert not cells & {"None", "nan", "NaN", "<NA>"}


def test_a_core_outside_both_plans_says_so():
    at = open_page("karnprofil.py", karna="taby-centrum-arninge")
    assert "Inga äldre planer i källorna rör den här kärnan." in [i.value for i in at.info]
    assert history_tables(at) == []


def test_sodertalje_gets_the_sodertorn_plan_only():
    at = open_page("karnprofil.py", karna="sodertalje")
    rows = all_rows(at)
    assert not rows["Avsnitt"].str.startswith("Vision 2030").any()
    calendar = rows[rows["Slag"] == "Kalender"]
    assert len(calendar) == 18 and "29 augusti Södertälje" in set(calendar["Källans ord"])


def test_kallor_shows_every_fact_with_its_section():
    at = open_page("kallor.py")
    rows = all_rows(at)
    assert len(rows) == 101 and rows["Avsnitt"].str.len().gt(0).all()
    total = rows[rows["Gäller"] == "Total avgift 2010"].iloc[0]
    assert (total["Tal"], total["År"]) == (f"860{NBSP}000 kr", "2010")


def test_figures_in_words_and_missing_numbers():
    assert figure_text({"value": None, "qualifier": "ett tiotal", "unit": "nya företag per år"}) == (
        "ett tiotal nya företag per år"
    )
    assert figure_text({"value": None, "qualifier": None, "unit": "miljarder kr/år"}) == ""
    assert when_text({"year": None, "period_text": "2009-2011"}) == "2009-2011"
    assert when_text({"year": 2019, "period_text": None}) == "2019"
    facts = pd.DataFrame(
        [{"topic": "regel", "subject": "A", "text": "t", "value": None, "unit": None, "year": None}]
        + [{"topic": "vision", "subject": "B", "text": "u", "value": None, "unit": None, "year": 2030}]
    ).assign(source_section="s", note=None, qualifier=None, period_text=None)
    tables = theme_tables(facts)
    assert [h for h, _ in tables] == ["Vision och strategier", "Regler i samarbetsavtalet"]
    assert tables[1][1]["År"].tolist() == ["anges inte"]


def test_sodertalje_profile_quotes_roles_and_implementation():
    at = open_page("karnprofil.py", karna="sodertalje")
    [roles] = [e for e in at.expander if e.label == "Roller och ansvar"]
    [impl] = [e for e in at.expander if e.label == "Genomförande"]
    assert "Insatserna i färdplanen kan drivas av olika aktörer" in roles.markdown[1].value.replace("\\", "")
    headings = [m.value.replace("\\", "") for m in impl.markdown if m.value.startswith("**")]
    assert "**Politiska samtal som utgångspunkt för budget, prioritering och styrning**" in headings
    assert "avsnitt Genomförande av färdplanerna › Insatser och aktiviteter" in " ".join(c.value for c in impl.caption)


def test_flemingsberg_profile_quotes_its_drafts_implementation_and_says_roles_are_missing():
    at = open_page("karnprofil.py", karna="flemingsberg")
    assert not [e for e in at.expander if e.label == "Roller och ansvar"]
    assert "Roller och ansvar: uppgift saknas (färdplanen har inget sådant avsnitt inläst)." in [
        c.value for c in at.caption
    ]
    [impl] = [e for e in at.expander if e.label == "Genomförande"]
    headings = [m.value.replace("\\", "") for m in impl.markdown if m.value.startswith("**")]
    assert headings[0] == "**Genomförande av färdplanerna**" and len(headings) == 5
    text = " ".join(m.value.replace("\\", "") for m in impl.markdown)
    assert "Huddinge och Botkyrka kommun samt andra relevanta aktörer" in text
    captions = " ".join(c.value for c in impl.caption)
    assert "Färdplan för den regionala stadskärnan Flemingsberg" in captions.replace("\\", "")
    assert "avsnitt Genomförande av färdplanerna › Insatser och aktiviteter" in captions


def test_a_core_without_loaded_roadmap_texts_says_so():
    at = open_page("karnprofil.py", karna="haninge")
    assert "Färdplanens texter om roller och genomförande är inte inlästa för den här kärnan." in [
        i.value for i in at.info
    ]
