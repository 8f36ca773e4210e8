"""Insatser: find any insats by core, goal area, scope, actor, source and text; read its card."""

import streamlit as st

from components.common.downloads import table_downloads
from components.common.store import run, run_later
from components.insatser.explorer_filters import clear_filters, filter_bar, option_labels
from components.insatser.explorer_view import (
    display_table,
    download_table,
    goal_area_counts,
    pick_insats,
    pick_page,
    show_card,
    show_counts,
)

st.title("Insatser")
st.markdown(
    "Alla insatser i färdplanerna, RUFS-uppföljningens insatslista och de historiska planerna. "
    "Filtren sparas i adressen, så en länk visar samma urval."
)

labels = option_labels()
chosen = filter_bar(labels)
found = run("interventions_filtered", **chosen.query_params())
found_later = run_later("interventions_filtered", **chosen.query_params())
selection_text = chosen.describe(labels)

show_counts(goal_area_counts(found, {int(k): v for k, v in labels["goal_area"].items()}))
st.caption(
    f"{len(found)} insatser · urval: {selection_text}. Insatser ur RUFS-uppföljningen och de "
    "historiska planerna har inget målområde."
)

if found.empty:
    st.info("Inga insatser matchar urvalet. Ta bort ett filter eller rensa alla.", icon=":material/search_off:")
    st.button("Rensa filter", on_click=clear_filters, key="clear_filters")
else:
    shown = pick_page(found, selection_text)
    table = display_table(shown)
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="insatser_tabell",
        height=min(470, 35 * (len(table) + 1) + 3),
        column_config={"Insats": st.column_config.TextColumn(width="large")},
    )
    table_downloads(
        download_table(found_later),
        "insatser",
        "Insatser",
        selection_text,
        "Region Stockholm: färdplaner (Södertälje 2026, Flemingsberg utkast 2025), "
        "Uppföljning av RUFS 2050 (2020), historiska verksamhetsplaner",
        key="insatser",
    )
    chosen_id = pick_insats(shown, table, list(event.selection.rows) if event else [])
    if chosen_id:
        show_card(chosen_id)
    else:
        st.caption("Markera en rad i tabellen, eller välj insatsen i listan, för att läsa hela insatsen.")
