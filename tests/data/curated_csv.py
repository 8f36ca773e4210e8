"""What every curated CSV file must look like (data/README.md), shared by the tests of each source folder:
the exact header per file name, UTF-8 without BOM, LF line endings; and the id slug rule."""

import csv
import re
from pathlib import Path

CONTRACT = {
    "interventions.csv": "id,code,title,description,goal_area_id,scope,core_id,kind,plan_type,purpose,"
    "financing,regional_priority,timing,budget,source_id,source_section,note",
    "intervention_variants.csv": "intervention_id,title,description,source_id,source_section,note",
    "intervention_actors.csv": "intervention_id,actor_id,role,name_as_written,source_id,source_section",
    "actor_readings.csv": "name_as_written,actor_id,basis_type,basis,source_id,source_section",
    "intervention_cores.csv": "intervention_id,core_id,basis,source_id,source_section",
    "actors.csv": "id,name,type,note",
    "directions.csv": "core_id,goal_area_id,heading,text,source_id,source_section",
    "core_texts.csv": "core_id,field,text,source_id,source_section",
    "roadmap_texts.csv": "core_id,field,heading,text,source_id,source_section",
    "plan_facts.csv": "id,source_id,source_section,topic,subject,text,value,unit,year,period_text,qualifier,note",
    "indicator_values.csv": "indicator_id,geography_type,geography,year,period_text,value,qualifier,"
    "value_type,value_text,source_id,source_section,note",
}

# the eight regional city cores (data/curated/common/cores.csv) and the actor types data/README.md allows
CORE_IDS = {
    "sodertalje",
    "kungens-kurva-skarholmen",
    "flemingsberg",
    "haninge",
    "arlanda-marsta",
    "kista-sollentuna-haggvik",
    "barkarby-jakobsberg",
    "taby-centrum-arninge",
}
ACTOR_TYPES = {
    "region",
    "kommun",
    "statlig myndighet",
    "bolag",
    "akademi",
    "klusterorganisation",
    "näringsliv",
    "övrigt",
}


def read_curated(folder: Path, name: str) -> list[dict[str, str]]:
    """The rows of folder/name, after checking its encoding, line endings and header."""
    raw = (folder / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}: BOM"
    assert b"\r" not in raw, f"{name}: CR line endings"
    text = raw.decode("utf-8")
    assert text.split("\n", 1)[0] == CONTRACT[name], f"{name}: header"
    with (folder / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def slug(text: str) -> str:
    """An id from a name: lower case, å/ä/ö/é/ü folded, every other run of characters a hyphen."""
    text = text.lower().translate(str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
