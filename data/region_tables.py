"""The RUFS follow-up's region-level records (rankings, European comparison, delmål trends): shaping and checks."""

from __future__ import annotations

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


def region_tables(t: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables as the store holds them (readable ja/nej becomes a boolean)."""
    out = {name: t[name].copy() for name in REGION_TABLES}
    out["delmal_trends"]["readable"] = out["delmal_trends"]["readable"].map({"ja": True, "nej": False})
    return out


def _each(df: pd.DataFrame):
    for rec in df.to_dict("records"):
        yield rec, (lambda field, msg, r=rec: problem(r["_file"], r["_row"], field, msg))


def region_checks(t: dict[str, pd.DataFrame]) -> list[str]:
    """What SPECS cannot declare (keys, references and formats are checked from there, data/checks.py): a
    regional priority the Bilaga 2 insatser name, and a trend that is not readable has no sign or text."""
    out: list[str] = []
    priorities = set(t["interventions"]["regional_priority"]) - {""}
    for rec, err in _each(t["regional_priority_assessments"]):
        if rec["regional_priority"] not in priorities:
            out.append(err("regional_priority", f"okänd regional prioritering «{rec['regional_priority']}»."))
    for rec, err in _each(t["delmal_trends"]):
        if rec["readable"] == "nej" and (rec["trend_as_written"] or rec["trend_text"]):
            out.append(err("readable", "en trend som inte går att läsa kan inte ha tecken eller text."))
    return out
