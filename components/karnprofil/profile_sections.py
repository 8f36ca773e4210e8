"""Kärnprofil: header, character description, lägesbild figures and kärnkommun population."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common.format import roadmap_status
from components.karnprofil.profile_data import (
    description_blocks,
    figures_table,
    load_instructions,
    municipalities_text,
    plain,
    population_metrics,
    roadmap_source_text,
    text_or_none,
)


def header(core: dict) -> None:
    st.title(plain(core["name"]), anchor=False)
    status = roadmap_status(core["roadmap_status"], core["roadmap_year"])
    st.markdown(
        f"**Kärnkommuner:** {plain(municipalities_text(core))} · **{plain(status)}**  \n"
        f"**Källa:** {plain(roadmap_source_text(core))}"
    )
    if text_or_none(core.get("municipalities_basis")):
        st.caption(plain(f"Kärnkommuner enligt: {core['municipalities_basis']}"))


def not_loaded(core: dict) -> None:
    """Where the roadmap is not loaded, say so at the top (the description would be empty)."""
    if not description_blocks(core["description"]):
        st.info(
            "Kärnans färdplan är inte inläst ännu. Därför saknas karaktärsbeskrivning, färdriktningar "
            "och kärnspecifika insatser; de gemensamma insatserna gäller ändå alla åtta kärnor.\n\n"
            + load_instructions(core["id"]),
            icon=":material/info:",
        )


def description(core: dict) -> None:
    st.subheader("Om kärnan", anchor=False)
    blocks = description_blocks(core["description"])
    if not blocks:
        st.markdown("*Ingen karaktärsbeskrivning: kärnans färdplan är inte inläst.*")
        return
    for kind, text in blocks:
        st.markdown(f"**{plain(text)}**" if kind == "heading" else plain(text))
    st.caption(plain(f"Källa: {core['description_source_title']}"))


def figures(figures_df: pd.DataFrame) -> None:
    st.subheader("Lägesbild: kärnans siffror", anchor=False)
    if figures_df.empty:
        st.info(
            "Inga källor anger siffror för själva kärnan. Kärnkommunernas folkmängd står under «Om kärnan» ovan.",
            icon=":material/info:",
        )
    else:
        st.dataframe(
            figures_table(figures_df),
            hide_index=True,
            width="stretch",
            key="profil_siffror",
            column_config={
                "Källans formulering": st.column_config.TextColumn(width="large"),
                "Område och anmärkning": st.column_config.TextColumn(width="large"),
            },
        )
        st.caption(
            "Siffrorna är källornas egna, med källans ordval (cirka, knappt …), år och avgränsning. "
            "Källorna avgränsar kärnan olika (se kolumnen Område och anmärkning), så siffrorna är "
            "inte en jämförbar serie och ska inte läggas ihop eller jämföras över tid."
        )


def population(population_df: pd.DataFrame) -> None:
    st.markdown("**Folkmängd i kärnkommunerna** (hela kommunen), senaste år i källan, med länet som jämförelse")
    metrics = population_metrics(population_df)
    for start in range(0, len(metrics), 2):
        for col, metric in zip(st.columns(2), metrics[start : start + 2]):
            col.metric(metric["label"], metric["value"])
    sources = sorted({m["source"] for m in metrics if m["source"]})
    st.caption(
        plain(
            "Folkmängd 31 december i hela kommunen, inte bara i kärnan. Källa: "
            + ("; ".join(sources) or "uppgift saknas")
            + "."
        )
    )
