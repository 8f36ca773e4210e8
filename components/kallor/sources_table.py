"""The sources as a Swedish table."""

import pandas as pd

from components.common.format import is_missing, plain

# what the table shows at 1280 px without a sideways scroll; the rest is under «Om en källa»
SUMMARY = ["Källa", "Utgivare", "År", "Status", "Inlästa rader"]
DETAILS = ["Typ", "Fil", "Anmärkning"]


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Källa": sources["title"],
            "Utgivare": sources["publisher"],
            "År": [f"{int(y)}" if not is_missing(y) else "anges inte" for y in sources["year"]],
            "Status": sources["status"],
            "Typ": sources["kind"],
            "Inlästa rader": sources["rows_loaded"],
            "Inläst": sources["loaded"],
            "Fil": sources["file"],
            "Anmärkning": sources["note"].fillna(""),
        }
    )


def source_details(rec: dict) -> str:
    """One source's every field, as Markdown (the source's texts shown as text)."""
    lines = [f"**{plain(rec['Källa'])}**"]
    for field in ["Utgivare", "År", "Status", *DETAILS, "Inlästa rader", "Inläst"]:
        value = rec[field]
        shown = "uppgift saknas" if is_missing(value) or value == "" else plain(str(value))
        lines.append(f"{field}: {shown}")
    return "  \n".join(lines)


def bases_table(bases: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's goal area and direction with its basis; an editorial one says so."""

    def what(rec) -> str:
        if rec["field"] == "goal_area_id":
            return f"Målområde {int(rec['goal_area_id'])}" if not is_missing(rec["goal_area_id"]) else "Målområde"
        return {True: "Högre är bättre", False: "Lägre är bättre"}.get(rec["higher_is_better"], "Riktning")

    recs = bases.to_dict("records")
    return pd.DataFrame(
        {
            "Indikator": [r["name"] for r in recs],
            "Uppgift": [what(r) for r in recs],
            "Grund": ["Redaktionell" if r["basis_type"] == "redaktionell" else "Källan" for r in recs],
            "Motivering": [r["basis"] for r in recs],
            "Källa och avsnitt": [f"{r['source_title']}, {r['source_section']}" for r in recs],
        }
    )


def readings_table(readings: pd.DataFrame) -> pd.DataFrame:
    """How each source spelling of an actor is read: the organisation, the basis (an editorial one says so)."""
    recs = readings.to_dict("records")
    return pd.DataFrame(
        {
            "Skrivet i källan": [r["name_as_written"] for r in recs],
            "Läses som": [r["actor_name"] for r in recs],
            "Insatser": [r["interventions"] for r in recs],
            "Grund": ["Redaktionell" if r["basis_type"] == "redaktionell" else "Källan" for r in recs],
            "Motivering": [r["basis"] for r in recs],
            "Källa och avsnitt": [f"{r['source_title']}, {r['source_section']}" for r in recs],
        }
    )
