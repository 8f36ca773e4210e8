"""Cross-file checks of the curated tables: unique ids, known references, consistent actors."""

from __future__ import annotations

import re

import pandas as pd

from data.curated_files import problem

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
YEAR = re.compile(r"^\d{4}$")


def _each(df: pd.DataFrame):
    for rec in df.to_dict("records"):
        yield rec, (lambda field, msg, r=rec: problem(r["_file"], r["_row"], field, msg))


def _unique(df: pd.DataFrame, keys: list[str], label: str, out: list[str]) -> None:
    dup = df[df.duplicated(keys, keep="first")]
    for rec, err in _each(dup):
        out.append(err(keys[0], f"{label} {' / '.join(rec[k] for k in keys)} finns redan tidigare."))


def _known(df: pd.DataFrame, field: str, allowed: set[str], label: str, out: list[str]) -> None:
    for rec, err in _each(df[df[field].astype(bool)]):
        if rec[field] not in allowed:
            out.append(err(field, f"okänd {label} «{rec[field]}»."))


def check(t: dict[str, pd.DataFrame], kommun_codes: set[str]) -> list[str]:
    out: list[str] = []
    _unique(t["sources"], ["id"], "källan", out)
    _unique(t["cores"], ["id"], "kärnan", out)
    _unique(t["goal_areas"], ["id"], "målområdet", out)
    _unique(t["interventions"], ["id"], "insatsen", out)
    _unique(t["indicators"], ["id"], "indikatorn", out)
    _unique(t["directions"], ["core_id", "goal_area_id"], "färdriktningen för", out)
    _unique(t["intervention_actors"], ["intervention_id", "actor_id", "role"], "aktörsrollen", out)
    _unique(t["intervention_cores"], ["intervention_id", "core_id"], "kopplingen", out)
    _unique(t["core_texts"], ["core_id", "field"], "texten för", out)

    sources = set(t["sources"]["id"])
    cores = set(t["cores"]["id"])
    interventions = set(t["interventions"]["id"])
    indicators = set(t["indicators"]["id"])
    for df in t.values():
        if "source_id" in df.columns:
            _known(df, "source_id", sources, "källa", out)
        if "core_id" in df.columns:
            _known(df, "core_id", cores, "kärna", out)
        if "intervention_id" in df.columns:
            _known(df, "intervention_id", interventions, "insats", out)
    for col in ("roadmap_source_id", "municipalities_source_id"):
        _known(t["cores"], col, sources, "källa", out)
    for rec, err in _each(t["cores"]):
        for code in rec["municipality_codes"].split("|"):
            if code not in kommun_codes:
                out.append(err("municipality_codes", f"okänd kommunkod «{code}»."))

    actors = t["actors"]
    for actor_id, group in actors.groupby("id"):
        if group[["name", "type"]].drop_duplicates().shape[0] > 1:
            first = group.iloc[0]
            for rec, err in _each(group.iloc[1:]):
                if (rec["name"], rec["type"]) != (first["name"], first["type"]):
                    out.append(
                        err(
                            "name",
                            f"aktören «{actor_id}» har ett annat namn eller en annan typ "
                            f"i {first['_file']} ({first['name']}, {first['type']}).",
                        )
                    )
    _known(t["intervention_actors"], "actor_id", set(actors["id"]), "aktör", out)
    used = set(t["intervention_actors"]["actor_id"])
    for rec, err in _each(actors.drop_duplicates("id")):
        if rec["id"] not in used:
            out.append(err("id", f"aktören «{rec['id']}» används inte av någon insats."))

    for rec, err in _each(t["interventions"]):
        if rec["scope"] == "core" and not rec["core_id"]:
            out.append(err("core_id", "en kärnspecifik insats (scope core) måste ange kärna."))
        if rec["scope"] == "shared" and rec["core_id"]:
            out.append(err("core_id", "en gemensam insats gäller alla kärnor och ska inte ange kärna."))

    _known(t["indicator_values"], "indicator_id", indicators, "indikator", out)
    for rec, err in _each(t["indicator_values"]):
        if rec["value"] and not NUMBER.match(rec["value"]):
            out.append(err("value", f"«{rec['value']}» är inget tal (skriv t.ex. 1234.5 utan mellanslag)."))
        if not rec["value"] and not rec["value_text"]:
            out.append(err("value", "varken värde eller källans ordalydelse (value_text) anges."))
        if rec["year"] and not YEAR.match(rec["year"]):
            out.append(err("year", f"«{rec['year']}» är inget årtal."))
        kind, geo = rec["geography_type"], rec["geography"]
        if kind == "core" and geo not in cores:
            out.append(err("geography", f"okänd kärna «{geo}»."))
        if kind == "kommun" and geo not in kommun_codes:
            out.append(err("geography", f"okänd kommunkod «{geo}» (fyra siffror, t.ex. 0181)."))
        if kind == "county" and geo != "01":
            out.append(err("geography", "länet anges som 01."))
    for rec, err in _each(t["indicators"]):
        if rec["target_value"] and not NUMBER.match(rec["target_value"]):
            out.append(err("target_value", f"«{rec['target_value']}» är inget tal."))
        if rec["target_year"] and not YEAR.match(rec["target_year"]):
            out.append(err("target_year", f"«{rec['target_year']}» är inget årtal."))
    _plan_facts(t["plan_facts"], out)
    _known(t["indicator_bases"], "indicator_id", indicators, "indikator", out)
    _unique(t["indicator_bases"], ["indicator_id", "field"], "grunden för", out)
    for rec, err in _each(t["changes"]):
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", rec["date"]):
            out.append(err("date", f"«{rec['date']}» är inget datum (ÅÅÅÅ-MM-DD)."))
    return out


def _plan_facts(facts: pd.DataFrame, out: list[str]) -> None:
    """The historical plans' facts: unique ids, numbers as plain numbers, years as years."""
    _unique(facts, ["id"], "uppgiften", out)
    for rec, err in _each(facts):
        if rec["value"] and not NUMBER.match(rec["value"]):
            out.append(err("value", f"«{rec['value']}» är inget tal (skriv t.ex. 1234.5 utan mellanslag)."))
        if rec["year"] and not YEAR.match(rec["year"]):
            out.append(err("year", f"«{rec['year']}» är inget årtal."))
