"""The Aktörer page's tables: every actor with its counts, and the insatser of the selected actor."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.aktorer.actor_filters import ActorFilter, as_text, clear_filters, type_label, why_empty
from components.common import url_state
from components.common.downloads import table_downloads
from components.common.format import PLAN_TYPE, SCOPE, number
from components.common.store import run

ROLE_SHORT = {"lead": "Ansvarig", "participant": "Medverkande"}
PLAN_SHORT = {"fardplan": "Färdplan", "rufs": "RUFS", "historisk": "Historisk plan"}
TABLE_KEY = "aktorer_tabell"
SOURCES = (
    "Region Stockholm: färdplaner (Södertälje 2026, Flemingsberg utkast 2025), Uppföljning av "
    "RUFS 2050 (2020, Bilaga 2), historiska verksamhetsplaner (Flemingsberg 2009, Södertörn 2019)"
)


def spellings_text(spellings) -> str:
    """«A», «B»: the other ways the sources write an actor's name (empty when none)."""
    values = [] if isinstance(spellings, (float, type(pd.NA))) or spellings is None else list(spellings)
    return ", ".join(f"«{s}»" for s in sorted(values, key=str.casefold))


def actor_table(found: pd.DataFrame, plan_types: list[str]) -> pd.DataFrame:
    """Swedish columns: totals, then lead/participant per plan type (only the plan types in the filter)."""
    table = pd.DataFrame(
        {
            "Aktör": found["name"],
            "Typ": found["type"].map(type_label),
            "Insatser": found["total"],
            "Ansvarig": found["lead"],
            "Medverkande": found["participant"],
        }
    )
    for plan in plan_types or list(PLAN_SHORT):
        table[f"{PLAN_SHORT[plan]}, ansvarig"] = found[f"lead_{plan}"]
        table[f"{PLAN_SHORT[plan]}, medverkande"] = found[f"participant_{plan}"]
    if "spellings" in found:
        table["Även skrivet som"] = [spellings_text(s) for s in found["spellings"]]
    return table.reset_index(drop=True)


def show_actor_table(found: pd.DataFrame, plan_types: list[str]) -> None:
    """The actor table; selecting a row selects that actor (applied when the row selection changes)."""
    event = st.dataframe(
        actor_table(found, plan_types),
        hide_index=True,
        width="stretch",
        height=380,
        key=TABLE_KEY,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "Aktör": st.column_config.TextColumn(width="medium"),
            "Insatser": st.column_config.NumberColumn(help="Antal olika insatser i urvalet, oavsett roll"),
            "Ansvarig": st.column_config.NumberColumn(help="Insatser där aktören är ansvarig (huvudman)"),
            "Medverkande": st.column_config.NumberColumn(help="Insatser där aktören är medverkande (samverkanspart)"),
            "Även skrivet som": st.column_config.TextColumn(
                width="large", help="Hur källorna skriver aktörens namn i insatserna i urvalet, om annat än namnet"
            ),
        },
    )
    rows = list(event.selection.rows) if event else []
    if rows != st.session_state.get("_aktorer_rad") and rows and rows[0] < len(found):
        st.session_state["aktor"] = found["id"].iloc[rows[0]]
    st.session_state["_aktorer_rad"] = rows


def show_empty(chosen: ActorFilter, labels: dict[str, dict]) -> None:
    st.info(why_empty(chosen, labels), icon=":material/search_off:")
    st.button("Rensa filter", on_click=clear_filters, key="clear_filters")


def pick_actor(found: pd.DataFrame, actors: dict[str, str]) -> str | None:
    """'Välj aktör' (URL parameter aktor): the actors in the filter, plus the chosen one if outside it."""
    options = [None, *found["id"]]
    chosen = st.session_state.get("aktor") or st.query_params.get("aktor")
    if chosen in actors and chosen not in options:
        options.append(chosen)
    if options == [None] and not chosen:
        return None
    actor = url_state.selectbox(
        "Välj aktör",
        options,
        "aktor",
        placeholder="Ingen aktör vald",
        format_func=lambda a: "Ingen aktör vald" if a is None else actors[a],
    )
    url_state.show_warnings()
    return actor


def interventions_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Roll": rows["role"].map(ROLE_SHORT),
            "Kod": rows["code"].fillna(""),
            "Insats": rows["title"],
            "Målområde": [
                f"{int(g)} {n}" if pd.notna(g) else "" for g, n in zip(rows["goal_area_id"], rows["goal_area"])
            ],
            "Omfattning": rows["scope"].map(SCOPE),
            "Kärnor": [
                ("Alla åtta" if n == 8 else (c or "–")) for c, n in zip(rows["cores"].fillna(""), rows["core_count"])
            ],
            "Källa": rows["plan_type"].map(PLAN_TYPE),
            "Dokument": rows["source_title"],
            "Avsnitt": rows["source_section"].fillna(""),
            "Namn i källan": rows["name_as_written"].fillna(""),
        }
    )


def show_actor(actor_id: str, chosen: ActorFilter, labels: dict[str, dict]) -> None:
    """The selected actor's insatser in the current filter, with Excel and CSV downloads."""
    name = labels["actor"][actor_id]
    rows = run("actor_interventions", actor=actor_id, **chosen.insats_params())
    st.subheader(as_text(name), anchor=False)
    if rows.empty:
        st.info(
            f"{as_text(name)} har inga insatser i urvalet ({chosen.describe_md(labels)}). Rensa filtren "
            "för att se alla aktörens insatser.",
            icon=":material/search_off:",
        )
        st.button("Rensa filter", on_click=clear_filters, key="aktor_clear_filters")
        return
    lead = rows.loc[rows["role"] == "lead", "id"].nunique()
    part = rows.loc[rows["role"] == "participant", "id"].nunique()
    st.caption(
        f"Ansvarig för {number(lead)} och medverkande i {number(part)} insatser i urvalet "
        f"({chosen.describe_md(labels)}). «Namn i källan» är hur dokumentet skrev aktörens namn."
    )
    other = [w for w in rows["name_as_written"].dropna().unique() if w != name]
    if other:
        st.markdown(
            as_text(f"Räknas som en organisation, även skrivet som {spellings_text(other)}.")
            + " Hur stavningarna lästs står på Källor."
        )
    table = interventions_table(rows)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="aktor_insatser",
        column_config={"Insats": st.column_config.TextColumn(width="large")},
    )
    table_downloads(
        table,
        f"insatser-{actor_id}",
        f"Insatser för {name}",
        f"aktör: {name}; {chosen.describe(labels)}",
        SOURCES,
        key="aktor_insatser",
    )
