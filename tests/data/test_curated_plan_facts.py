"""Checks of historiska-planer/plan_facts.csv (how the older plans organised, financed and aimed the work)
against the two plans' text: Flemingsberg 2009–2011 (clean Markdown) word for word after removing the
Markdown emphasis; Södertörn 2019 (OCR) by the folded word order of test_curated_historiska, with this
file's own explicitly listed OCR restorations. Numbers must occur in the text as written."""

import re

from tests.data.curated_csv import read_curated, slug
from tests.data.test_curated_historiska import (
    FLEM_SEED,
    FOLDER,
    OCR_SPLITS,
    OCR_VARIANTS,
    SOD_SEED,
    fold,
    occurs_in_order,
)

FACTS = read_curated(FOLDER, "plan_facts.csv")
BY_ID = {r["id"]: r for r in FACTS}
FLEM = [r for r in FACTS if r["source_id"] == "flemingsberg-vp-2009"]
SOD = [r for r in FACTS if r["source_id"] == "sodertorn-vp-2019"]

# OCR misreadings in the Södertörn plan's sections 6–8 and Bilaga 2 (folded seed word → restored word)
MORE_OCR = {
    "ordfomnde": "ordforande",
    "dvriga": "ovriga",
    "stdd": "stod",
    "nedanstiende": "nedanstaende",
    "avial": "avtal",
    "avrtal": "avtal",
    "nylovarn": "nykvarn",
    "nyniishamn": "nynashamn",
    "stdesralje": "sodertalje",
    "tyresi": "tyreso",
    "janean": "januari",
    "alls": "tills",
    "nidgon": "nagon",
    "konumunerna": "kommunerna",
    "siga": "saga",
    "opp": "upp",
    "avialet": "avtalet",
    "minader": "manader",
    "utgdes": "utgors",
    "frin": "fran",
    "samitliga": "samtliga",
    "inghende": "ingaende",
    "ledaméter": "ledamoter",
    "kommiteen": "kommitten",
    "hilficn": "halften",
    "ledamotema": "ledamoterna",
    "sammantride": "sammantrade",
    "sammantrider": "sammantrader",
    "ginger": "ganger",
    "4r": "ar",
    "inkalls": "inkallas",
    "ordfgean": "ordforanden",
    "di": "da",
    "si": "sa",
    "faststiller": "faststaller",
    "drlig": "arlig",
    "drdig": "arlig",
    "tillhandahdller": "tillhandahaller",
    "sckretariat": "sekretariat",
    "kommitien": "kommitten",
    "ssmordning": "samordning",
    "projeki": "projekt",
    "forhillande": "forhallande",
    "invinaran": "invanaran",
    "sthim": "sthlm",
    "storsthim": "storsthlm",
    "intdkter": "intakter",
    "mdten": "moten",
    "nyckeltasdagen": "nyckeltalsdagen",
    "ordferande": "ordforande",
    "kommundirektdrerna": "kommundirektorerna",
    "dr": "ar",
    "gverenskommet": "overenskommet",
    "ledameter": "ledamoter",
    "nyneshamn": "nynashamn",
    "tyresd": "tyreso",
    "sodertdrnskonferensen": "sodertornskonferensen",
    "sodertdrnssamarbetet": "sodertornssamarbetet",
    "ersettning": "ersattning",
    "konsultsted": "konsultstod",
    "sodertelje": "sodertalje",
    "soderterns": "sodertorns",
}
# multi-word OCR damage in the folded seed text → restored text
MORE_SPLITS = {
    "ledamot er": "ledamoter",
    "nirva rande": "narvarande",
    "tll invinaran talet": "till invanarantalet",
    "cal476 600": "ca 1476 600",
    "tom december": "tom december",
    "kommit ven": "kommitten",
    "ordfgean den": "ordforanden",
    "kommuner samarbetskommitten ingar": "kommuner i samarbetskommitten ingar",
    "per 4r": "per ar",
    "avgif ten gr 2010 ir 860 000 ke": "avgiften for 2010 ar 860 000 kr",
}


WORDS = {"sex": 6}  # numbers the plans write as words


def numbers_joined(text):
    """'1 977 400kr' and '1977 400 kr' alike: thousands groups joined, a unit split off its number."""
    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "", text)
    return re.sub(r"(\d)([a-z])", r"\1 \2", text)


def flem_seed():
    return " ".join(FLEM_SEED.read_text(encoding="utf-8").replace("*", "").split())


def sod_tokens():
    text = " ".join(fold(SOD_SEED.read_text(encoding="utf-8")).split())
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = " ".join(text.split())
    for ocr, fixed in {**OCR_SPLITS, **MORE_SPLITS}.items():
        text = text.replace(ocr, fixed)
    text = numbers_joined(text)
    variants = {**OCR_VARIANTS, **MORE_OCR}
    return [variants.get(t, t) for t in text.split()]


def tokens(text):
    text = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split())
    return numbers_joined(text).split()


def test_ids_unique_and_derived_from_the_text():
    assert len(BY_ID) == len(FACTS) > 0
    for r in FACTS:
        prefix = "fvp2009-" if r["source_id"] == "flemingsberg-vp-2009" else "sodertorn2019-"
        words = [w for w in r["text"].split() if re.search(r"\w", w)][:6]
        assert r["id"] == prefix + slug(f"{r['topic']} {r['subject']} {' '.join(words)}"), r["id"]
        assert r["source_id"] in {"flemingsberg-vp-2009", "sodertorn-vp-2019"}


def test_flemingsberg_texts_are_verbatim_under_their_section():
    seed = flem_seed()
    for r in FLEM:
        assert r["text"] in seed, r["id"]
        heading = r["source_section"].split(" › ")[-1]
        assert heading.lower() in seed.lower(), r["id"]
        # the text follows its section's heading
        assert seed.lower().index(heading.lower()) < seed.index(r["text"]), r["id"]


def test_sodertorn_texts_occur_in_the_ocr_text():
    hay = sod_tokens()
    for r in SOD:
        for fragment in r["text"].split("…"):
            assert occurs_in_order(tokens(fragment), hay, slack=10), (r["id"], fragment)


def test_values_are_written_in_the_text():
    for r in FACTS:
        if r["value"]:
            written = tokens(r["text"]) + [str(WORDS[w]) for w in tokens(r["text"]) if w in WORDS]
            assert r["value"] in written, r["id"]
            if r["unit"]:
                assert fold(r["unit"]).split()[0] in fold(r["text"]), r["id"]
        if r["qualifier"]:
            assert r["qualifier"].lower() in r["text"].lower(), r["id"]
        if r["year"] and r["topic"] in {"nuläge", "budget"}:
            assert r["year"] in r["text"] or r["year"] in r["source_section"] or r["year"] in r["period_text"], r["id"]


def test_flemingsberg_vision_figures_organisation_financing():
    topics = {r["topic"] for r in FLEM}
    assert {"vision", "strategi", "nuläge", "målbild", "organisation", "ledamot", "möte", "finansiering"} <= topics
    assert len([r for r in FLEM if r["topic"] == "vision"]) == 3
    assert {r["subject"] for r in FLEM if r["topic"] == "strategi"} == {
        "Dra fördel av forskning och högre utbildning",
        "Stimulera innovation och entreprenörskap",
        "Förbättra lägesförutsättningarna",
        "Öka statsdelens attraktivitet",
        "Stärk begreppet Flemingsberg",
    }
    students = next(r for r in FLEM if r["subject"] == "Studerande")
    assert (students["value"], students["qualifier"], students["unit"], students["year"]) == (
        "15000",
        "omkring",
        "människor",
        "2009",
    )
    turnover = next(r for r in FLEM if r["subject"] == "Omsättning, akademi och sjukhus")
    assert turnover["value"] == "" and turnover["year"] == "2008"  # a range is no single number
    assert "8-9 miljarder kr/år" in turnover["text"] and "8-9" in turnover["note"]
    members = [r for r in FLEM if r["topic"] == "ledamot"]
    assert len([r for r in members if r["subject"] == "Politisk styrgrupp"]) == 8
    assert len([r for r in members if r["subject"] == "Ledningsgrupp"]) == 7
    meetings = {r["subject"]: (r["value"], r["unit"]) for r in FLEM if r["topic"] == "möte"}
    assert meetings["Politisk styrgrupp"] == meetings["Ledningsgrupp"] == ("6", "gånger/år")
    money = {r["subject"]: (r["value"], r["unit"]) for r in FLEM if r["topic"] == "finansiering" and r["value"]}
    assert money == {"SLL": ("1", "miljon kr/år"), "Huddinge": ("1", "miljon kr/år"), "Botkyrka": ("500000", "kr/år")}


def test_sodertorn_committee_rules_calendar_budget():
    assert sorted(r["subject"] for r in SOD if r["topic"] == "medlem") == sorted(
        ["Botkyrka", "Haninge", "Huddinge", "Nykvarn", "Nynäshamn", "Salem", "Södertälje", "Tyresö"]
    )
    calendar = [r for r in SOD if r["topic"] == "kalender"]
    assert len([r for r in calendar if r["subject"] == "Ledningsgruppsmöte"]) == 7
    assert len([r for r in calendar if r["subject"] == "Samarbetskommittémöte"]) == 8
    budget = {r["subject"]: r for r in SOD if r["topic"] == "budget"}
    per_inhabitant = budget["Avgift per invånare"]
    assert (per_inhabitant["value"], per_inhabitant["unit"]) == ("4", "kronor per invånare och år")
    assert budget["Summa intäkter"]["value"] == budget["Summa kostnader"]["value"] == "1977400"
    assert budget["Total avgift 2010"]["value"] == "860000" and budget["Total avgift 2010"]["year"] == "2010"
    assert {r["subject"] for r in SOD if r["topic"] == "regel"} >= {"Avtalstid", "Beslut", "Beslutförhet"}
