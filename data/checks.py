"""Cross-file checks of the curated tables: unique keys, known references and formats as SPECS declares
them (data/curated_files.py), and the rules that span fields: consistent actors, scope and core, geography."""

from __future__ import annotations

import pandas as pd

from data.curated_files import FORMATS, SPECS, problem
from data.region_tables import region_checks


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
    """Every problem across the tables, in Swedish with file, row and field: first what the tables'
    declarations in SPECS give (keys, references, formats), then the rules that span fields."""
    out: list[str] = []
    for name, spec in SPECS.items():
        if spec.key:
            _unique(t[name], list(spec.key), spec.label, out)
    for name, spec in SPECS.items():
        for column, target in spec.refs.items():
            table, _, key = target.partition(".")
            _known(t[name], column, set(t[table][key or "id"]), SPECS[table].noun, out)
        for column, fmt in spec.formats.items():
            pattern, message = FORMATS[fmt]
            for rec, err in _each(t[name][t[name][column].astype(bool)]):
                if not pattern.match(rec[column]):
                    out.append(err(column, f"«{rec[column]}» {message}"))
    cores = set(t["cores"]["id"])
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
    used = set(t["intervention_actors"]["actor_id"])
    for rec, err in _each(actors.drop_duplicates("id")):
        if rec["id"] not in used:
            out.append(err("id", f"aktören «{rec['id']}» används inte av någon insats."))

    out += _reading_checks(t["actor_readings"], t["intervention_actors"])

    for rec, err in _each(t["interventions"]):
        if rec["scope"] == "core" and not rec["core_id"]:
            out.append(err("core_id", "en kärnspecifik insats (scope core) måste ange kärna."))
        if rec["scope"] == "shared" and rec["core_id"]:
            out.append(err("core_id", "en gemensam insats gäller alla kärnor och ska inte ange kärna."))

    for rec, err in _each(t["indicator_values"]):
        if not rec["value"] and not rec["value_text"]:
            out.append(err("value", "varken värde eller källans ordalydelse (value_text) anges."))
        kind, geo = rec["geography_type"], rec["geography"]
        if kind == "core" and geo not in cores:
            out.append(err("geography", f"okänd kärna «{geo}»."))
        if kind == "kommun" and geo not in kommun_codes:
            out.append(err("geography", f"okänd kommunkod «{geo}» (fyra siffror, t.ex. 0181)."))
        if kind == "county" and geo != "01":
            out.append(err("geography", "länet anges som 01."))
    out += region_checks(t)
    return out


def _reading_checks(readings: pd.DataFrame, roles: pd.DataFrame) -> list[str]:
    """Each reading names rows of intervention_actors (that spelling, read as that actor, in that section),
    and every row of an actor in a document that has readings of it is covered by one."""
    out: list[str] = []
    cols = ["name_as_written", "actor_id", "source_id", "source_section"]
    written = set(map(tuple, roles[cols].to_numpy()))
    for rec, err in _each(readings):
        if tuple(rec[c] for c in cols) not in written:
            out.append(
                err(
                    "name_as_written",
                    f"ingen insats skriver «{rec['name_as_written']}» för aktören «{rec['actor_id']}» i avsnittet "
                    f"«{rec['source_section']}».",
                )
            )
    read = set(map(tuple, readings[cols].to_numpy()))
    # a document's readings of an actor cover all its spellings of that actor there (another document, e.g. a
    # roadmap imported later, is not held to them)
    covered = set(zip(readings["actor_id"], readings["source_id"]))
    in_scope = [(a, s) in covered for a, s in zip(roles["actor_id"], roles["source_id"])]
    for rec, err in _each(roles[in_scope]):
        if tuple(rec[c] for c in cols) not in read:
            out.append(
                err(
                    "name_as_written",
                    f"stavningen «{rec['name_as_written']}» för aktören «{rec['actor_id']}» saknar en läsning i "
                    "actor_readings.csv.",
                )
            )
    return out
