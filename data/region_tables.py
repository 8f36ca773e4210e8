"""The RUFS follow-up's region-level records (rankings, European comparison, delmål trends): shaping and checks."""

from __future__ import annotations

import re

import pandas as pd

from data.curated_files import problem

REGION_TABLES = (
    "rankings",
    "european_comparison",
    "european_region_values",
    "delmal_trends",
    "delmal_assessments",
    "regional_priority_assessments",
    "strategies",
    "strategy_figures",
    "agenda2030",
)
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
INTEGER = re.compile(r"^\d+$")
YEAR = re.compile(r"^\d{4}$")


def region_tables(t: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables as the store holds them (readable ja/nej becomes a boolean)."""
    out = {name: t[name].copy() for name in REGION_TABLES}
    out["delmal_trends"]["readable"] = out["delmal_trends"]["readable"].map({"ja": True, "nej": False})
    return out


def _each(df: pd.DataFrame):
    for rec in df.to_dict("records"):
        yield rec, (lambda field, msg, r=rec: problem(r["_file"], r["_row"], field, msg))


def region_checks(t: dict[str, pd.DataFrame]) -> list[str]:
    """Unique ids, known references, numbers and years where they must be, in Swedish with file, row, field."""
    out: list[str] = []
    for name, keys in (
        ("rankings", ["id"]),
        ("european_comparison", ["id"]),
        ("european_region_values", ["comparison_id", "region"]),
        ("delmal_trends", ["indicator_id"]),
        ("delmal_assessments", ["indicator_id"]),
        ("regional_priority_assessments", ["regional_priority", "seq"]),
        ("strategies", ["strategy_id", "seq"]),
        ("agenda2030", ["seq"]),
        ("strategy_figures", ["strategy_id", "figure_text"]),
    ):
        for rec, err in _each(t[name][t[name].duplicated(keys, keep="first")]):
            out.append(err(keys[0], f"{' / '.join(rec[k] for k in keys)} finns redan tidigare."))
    comparisons = set(t["european_comparison"]["id"])
    for rec, err in _each(t["european_region_values"]):
        if rec["comparison_id"] not in comparisons:
            out.append(err("comparison_id", f"okänd jämförelse «{rec['comparison_id']}»."))
    indicators = set(t["indicators"]["id"])
    for rec, err in _each(pd.concat([t["delmal_trends"], t["delmal_assessments"]], ignore_index=True)):
        if rec["indicator_id"] not in indicators:
            out.append(err("indicator_id", f"okänd indikator «{rec['indicator_id']}»."))
    strategies = set(t["strategies"]["strategy_id"])
    for rec, err in _each(t["strategy_figures"]):
        if rec["strategy_id"] not in strategies:
            out.append(err("strategy_id", f"okänd strategi «{rec['strategy_id']}»."))
    priorities = set(t["interventions"]["regional_priority"]) - {""}
    for rec, err in _each(t["regional_priority_assessments"]):
        if rec["regional_priority"] not in priorities:
            out.append(err("regional_priority", f"okänd regional prioritering «{rec['regional_priority']}»."))
    for rec, err in _each(
        pd.concat([t["regional_priority_assessments"], t["strategies"], t["agenda2030"]], ignore_index=True)
    ):
        if not INTEGER.match(rec["seq"]):
            out.append(err("seq", f"«{rec['seq']}» är inget heltal."))
    for rec, err in _each(t["delmal_trends"]):
        if rec["readable"] == "nej" and (rec["trend_as_written"] or rec["trend_text"]):
            out.append(err("readable", "en trend som inte går att läsa kan inte ha tecken eller text."))
    for name in REGION_TABLES:
        df = t[name]
        for rec, err in _each(df):
            for field in ("position", "out_of"):
                if rec.get(field) and not INTEGER.match(rec[field]):
                    out.append(err(field, f"«{rec[field]}» är inget heltal."))
            if rec.get("value") and not NUMBER.match(rec["value"]):
                out.append(err("value", f"«{rec['value']}» är inget tal (skriv t.ex. 1234.5 utan mellanslag)."))
            if rec.get("year") and not YEAR.match(rec["year"]):
                out.append(err("year", f"«{rec['year']}» är inget årtal."))
    return out
