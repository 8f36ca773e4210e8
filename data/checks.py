"""Cross-file checks of the curated tables: unique keys, known references and formats as SPECS declares
them (data/curated_files.py), and the rules that span fields: consistent actors, scope and core, geography."""

from __future__ import annotations

import pandas as pd

from data.curated_files import FORMATS, SPECS, problem
from data.region_tables import region_checks


def _each(df: pd.DataFrame, rows=None):
    """The records (of the rows where the boolean mask rows is true), each with its problem() maker."""
    if rows is not None:
        if not any(rows):  # most checks find nothing: no frame is copied then
            return
        df = df[rows]
    for rec in df.to_dict("records"):
        yield rec, (lambda field, msg, r=rec: problem(r["_file"], r["_row"], field, msg))


def _unique(df: pd.DataFrame, keys: list[str], label: str, out: list[str]) -> None:
    for rec, err in _each(df, df.duplicated(keys, keep="first")):
        out.append(err(keys[0], f"{label} {' / '.join(rec[k] for k in keys)} finns redan tidigare."))


def _known(df: pd.DataFrame, field: str, allowed: set[str], label: str, out: list[str]) -> None:
    for rec, err in _each(df, df[field].astype(bool) & ~df[field].isin(allowed)):  # only the rows in error
        out.append(err(field, f"okänd {label} «{rec[field]}»."))


def _formatted(df: pd.DataFrame, column: str, fmt: str, out: list[str]) -> None:
    pattern, message = FORMATS[fmt]
    wrong = [bool(v) and not pattern.match(v) for v in df[column]]
    for rec, err in _each(df, wrong):
        out.append(err(column, f"«{rec[column]}» {message}"))


def _consistent_actors(actors: pd.DataFrame, out: list[str]) -> None:
    """An actor id has one name and type in every file: later rows that differ from its first are named."""
    first = actors.drop_duplicates("id").set_index("id")
    other = (actors["name"] != actors["id"].map(first["name"])) | (actors["type"] != actors["id"].map(first["type"]))
    for rec, err in _each(actors[other].sort_values("id", kind="stable")) if other.any() else ():
        f = first.loc[rec["id"]]
        out.append(
            err(
                "name",
                f"aktören «{rec['id']}» har ett annat namn eller en annan typ "
                f"i {f['_file']} ({f['name']}, {f['type']}).",
            )
        )


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
            _formatted(t[name], column, fmt, out)
    cores = set(t["cores"]["id"])
    for rec, err in _each(t["cores"]):
        for code in rec["municipality_codes"].split("|"):
            if code not in kommun_codes:
                out.append(err("municipality_codes", f"okänd kommunkod «{code}»."))

    actors = t["actors"]
    _consistent_actors(actors, out)
    used = set(t["intervention_actors"]["actor_id"])
    unused = actors.drop_duplicates("id")
    for rec, err in _each(unused, ~unused["id"].isin(used)):
        out.append(err("id", f"aktören «{rec['id']}» används inte av någon insats."))

    out += _reading_checks(t["actor_readings"], t["intervention_actors"])

    inv = t["interventions"]
    scoped = ((inv["scope"] == "core") & ~inv["core_id"].astype(bool)) | (
        (inv["scope"] == "shared") & inv["core_id"].astype(bool)
    )
    for rec, err in _each(inv, scoped):
        if rec["scope"] == "core" and not rec["core_id"]:
            out.append(err("core_id", "en kärnspecifik insats (scope core) måste ange kärna."))
        if rec["scope"] == "shared" and rec["core_id"]:
            out.append(err("core_id", "en gemensam insats gäller alla kärnor och ska inte ange kärna."))

    values = t["indicator_values"]
    kind, geo = values["geography_type"], values["geography"]
    suspect = (
        (~values["value"].astype(bool) & ~values["value_text"].astype(bool))
        | ((kind == "core") & ~geo.isin(cores))
        | ((kind == "kommun") & ~geo.isin(kommun_codes))
        | ((kind == "county") & (geo != "01"))
    )
    for rec, err in _each(values, suspect):  # the rules below, on the rows that break at least one
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
    missing = [row not in written for row in map(tuple, readings[cols].to_numpy())]
    for rec, err in _each(readings, missing):
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
    unread = [scope and row not in read for scope, row in zip(in_scope, map(tuple, roles[cols].to_numpy()))]
    for rec, err in _each(roles, unread):
        out.append(
            err(
                "name_as_written",
                f"stavningen «{rec['name_as_written']}» för aktören «{rec['actor_id']}» saknar en läsning i "
                "actor_readings.csv.",
            )
        )
    return out
