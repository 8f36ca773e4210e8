"""rufs-2020/actor_readings.csv: how RUFS Bilaga 2's spellings of the kommuner are read. «Regionens kommuner»
and «Kommuner» (and «Berörda kommuner» …) are one organisation where the insats keeps to the county; where
the source goes beyond it the spelling is read as «Kommuner, även utanför länet». Each row's spelling stands in
its named section of the follow-up, every quote in its basis does too, and every insats row of the two
actors has its reading. The insatser keep the spelling as written."""

import re
from pathlib import Path

import pandas as pd

from data.checks import _reading_checks
from tests.data.curated_csv import read_curated

ROOT = Path(__file__).parents[2]
FOLDER = ROOT / "data" / "curated" / "rufs-2020"
SEED = ROOT / "data" / "sources" / "seeds" / "rufs2050-uppfoljning-2020.txt"
READINGS = read_curated(FOLDER, "actor_readings.csv")
ROLES = read_curated(FOLDER, "intervention_actors.csv")
ACTORS = {"regionens-kommuner", "kommuner"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def sections() -> dict[str, str]:
    """Bilaga 2's text per regional priority («Bilaga 2 › 1. …»), whitespace removed (the seed breaks lines
    anywhere)."""
    text = SEED.read_text(encoding="utf-8")
    text = squash(
        text[text.index("Bilaga 2 Insatser kopplade till") : text.index("Bilaga 3 Uppföljning av tillhörande")]
    )
    headings = sorted({r["source_section"] for r in ROLES if r["source_section"].startswith("Bilaga 2 › ")})
    starts = sorted((text.index(squash(h.removeprefix("Bilaga 2 › "))), h) for h in headings)
    return {h: text[s : (starts[i + 1][0] if i + 1 < len(starts) else len(text))] for i, (s, h) in enumerate(starts)}


def test_each_spelling_stands_in_its_section_and_each_quote_too():
    parts = sections()
    assert len(READINGS) >= 20
    for r in READINGS:
        assert r["source_id"] == "rufs2050-uppfoljning-2020" and r["actor_id"] in ACTORS, r
        here = parts[r["source_section"]]
        assert squash(r["name_as_written"]) in here, r
        quotes = re.findall(r"”([^”]+)”", r["basis"])
        if r["basis_type"] == "källa":
            assert quotes, r  # the source's own words, quoted
        else:
            assert r["basis"].startswith("Redaktionell: "), r
        for quote in quotes:
            assert squash(quote) in here, (r["name_as_written"], quote)


def test_kommuner_and_regionens_kommuner_are_read_as_one_organisation():
    read_as = {}
    for r in READINGS:
        read_as.setdefault(r["name_as_written"], set()).add(r["actor_id"])
    assert read_as["Regionens kommuner"] == read_as["regionens kommuner"] == {"regionens-kommuner"}
    assert "regionens-kommuner" in read_as["Kommuner"]
    # the source goes beyond the county: not read as the region's kommuner
    for beyond in ("Länsstyrelser och kommuner i landet", "regionernas kommuner", "kommunerna med pendeltåg"):
        assert read_as[beyond] == {"kommuner"}, beyond
    # «Kommuner» read both ways: each reading names its own section's insatser
    assert {
        (r["actor_id"], r["source_section"].split(" › ")[1][:2]) for r in READINGS if r["name_as_written"] == "Kommuner"
    } == {
        ("regionens-kommuner", "2."),
        ("regionens-kommuner", "3."),
        ("regionens-kommuner", "4."),
        ("kommuner", "2."),
        ("kommuner", "4."),
    }


def test_every_insats_row_of_the_two_actors_has_its_reading_and_no_reading_is_idle():
    cols = ("name_as_written", "actor_id", "source_id", "source_section")
    read = {tuple(r[c] for c in cols) for r in READINGS}
    written = {tuple(r[c] for c in cols) for r in ROLES if r["actor_id"] in ACTORS}
    assert read == written


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows).assign(_file="f.csv", _row=range(2, 2 + len(rows)))


def test_the_build_refuses_an_idle_reading_and_an_unread_spelling():
    role = {"name_as_written": "Kommuner", "actor_id": "k", "source_id": "s", "source_section": "A"}
    reading = {**role, "basis_type": "redaktionell", "basis": "Redaktionell: x"}
    assert _reading_checks(frame([reading]), frame([role])) == []
    idle = _reading_checks(frame([{**reading, "source_section": "B"}]), frame([role]))
    assert len(idle) == 2  # the reading names no row, and the row has no reading
    assert "ingen insats skriver «Kommuner»" in idle[0] and "saknar en läsning" in idle[1]
    other_actor = frame([role, {**role, "actor_id": "other", "name_as_written": "X"}])
    assert _reading_checks(frame([reading]), other_actor) == []  # actors without readings need none
    other_source = frame([role, {**role, "source_id": "a-roadmap", "name_as_written": "Y"}])
    assert _reading_checks(frame([reading]), other_source) == []  # nor another document's rows of the actor
