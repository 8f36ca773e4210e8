"""Lägesbild's Regionen section: Stockholmsregionen against the other European metropolitan regions and in the
international rankings (RUFS 2050 follow-up 2020), each chart with the same figures as a table beside it."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components.common.format import MISSING, plain
from components.common.store import run
from components.lagesbild import region_data as rd
from components.lagesbild.lagesbild_view import CHART_CONFIG, markdown_table

INTRO = (
    "Hela Stockholmsregionen (länet) jämfört med andra storstadsregioner, så som RUFS 2050:s uppföljning "
    "2020 redovisar det. Siffrorna står som i källan; där källan inte anger en uppgift står *uppgift saknas*."
)


def show() -> None:
    st.header("Regionen", anchor="regionen")
    st.markdown(INTRO)
    if not comparisons():
        return
    _priorities(run("regional_priority_assessments"))
    _agenda(run("region_agenda2030"))
    _strategies(run("region_strategies"), run("region_strategy_figures"))


def comparisons() -> bool:
    """The European comparison and the international rankings, each chart with the same figures as a table
    right under it (Lägesbild's and Jämför's Regionen). False, with a note, when the store has neither."""
    rankings, comparison = run("region_rankings"), run("region_european_comparison")
    if rankings.empty and comparison.empty:
        st.info("Referensdatabasen innehåller inga uppgifter om regionen.", icon=":material/info:")
        return False
    if not comparison.empty:
        _europe(comparison, run("region_european_values"))
    if not rankings.empty:
        _rankings(rankings)
    return True


def _chart_and_table(spec: dict, alt: str, key: str, table) -> None:
    """The chart, and right under it (not folded away) the same figures as a table."""
    st.plotly_chart(go.Figure(spec), width="stretch", key=key, config=CHART_CONFIG, alt=alt)
    st.markdown(markdown_table(table))


def _europe(comparison, others) -> None:
    st.subheader("Jämfört med tio europeiska storstadsregioner")
    section = comparison["source_section"].iloc[0]
    st.markdown(
        "«Den europeiska jämförelsen med koppling till visionen åskådliggörs med elva indikatorer hur "
        "Stockholmsregionen presterar i relation till tio andra storstadsregioner i Europa: Amsterdam, "
        "Barcelona, Berlin, Dublin, Helsingfors, Köpenhamn, Milano, München, Oslo och Paris.»"
    )
    table = rd.europe_table(comparison, others)
    _chart_and_table(
        rd.europe_chart(comparison),
        rd.europe_alt(comparison),
        "region_europe",
        table[["Indikator", "Stockholm", "År", "Placering av 11"]],
    )
    st.caption(
        "Saknad stapel: källans PLATS-kolumn har två olika tal och texten anger ingen entydig plats, så "
        "placeringen visas inte. Växthusgaser och förnybar energi avser Sverige, inte regionen."
    )
    with st.expander("Alla uppgifter i jämförelsen, med källans ord"):
        st.markdown(markdown_table(table))
    st.caption(f"Källa: {rd.SOURCE}, avsnitt «{section}».")


def _rankings(rankings) -> None:
    st.subheader("I internationella rankingar")
    section = rankings["source_section"].iloc[0]
    st.markdown(
        "«Stockholmsregionen placeras påtagligt högt i rankingarna, i den högsta 10-percentilen i tio av elva "
        "rankingar och index, och strax utanför i ett index.»"
    )
    table = rd.ranking_table(rankings)
    _chart_and_table(
        rd.ranking_chart(rankings),
        rd.ranking_alt(rankings),
        "region_rankings",
        table[["Ranking eller index", "Som det står i källan", "År"]],
    )
    with st.expander("Alla uppgifter om rankingarna, med källans fotnoter och anmärkningar"):
        st.markdown(markdown_table(table))
    st.caption(
        f"Källa: {rd.SOURCE}, avsnitt «{section}». År = året i källans fotnot om rankingen. Forbes 2000 och "
        "Academic Ranking of World Universities är inga placeringar för regionen (se anmärkningarna)."
    )


def _priorities(quotes) -> None:
    if quotes.empty:
        return
    st.subheader("De nio regionala prioriteringarna: uppföljningens bedömning")
    st.markdown("Uppföljningens egen text om hur arbetet med varje regional prioritering går (citat).")
    for name, group in quotes.groupby("regional_priority", sort=False):
        with st.expander(plain(name)):
            for text in group["text"]:
                st.markdown(f"> {plain(text)}")
            st.caption(f"Källa: {rd.SOURCE}, avsnitt «{group['source_section'].iloc[0]}».")


def _strategies(texts, figures) -> None:
    if texts.empty:
        return
    st.subheader("Tillhörande strategier och program (Bilaga 3)")
    st.markdown("Vad uppföljningen säger om strategierna och de uppgifter den anger om dem, ordagrant.")
    names = dict(zip(texts["strategy_id"], texts["name"]))
    st.markdown(markdown_table(rd.strategy_table(figures, names)))
    for strategy_id, group in texts.groupby("strategy_id", sort=False):
        with st.expander(plain(names[strategy_id])):
            for text in group["text"]:
                st.markdown(f"> {plain(text)}")
            st.caption(f"Källa: {rd.SOURCE}, avsnitt «{group['source_section'].iloc[0]}».")


def _agenda(rows) -> None:
    if rows.empty:
        return
    st.subheader("Agenda 2030: delmålens utveckling och de globala målen")
    st.markdown(
        "Uppföljningens tabell «Globalt mål / Utveckling utifrån RUFS 2050:s delmål», rad för rad. Vilket "
        f"globalt mål en rad gäller visas med en ikon i rapporten, som inte finns i texten: {MISSING}."
    )
    with st.expander(f"Tabellens {len(rows)} rader (citat)"):
        for rec in rows.to_dict("records"):
            st.markdown(f"**Rad {rec['seq']}** (globalt mål: {MISSING})\n\n> {plain(rec['text'])}")
        st.caption(f"Källa: {rd.SOURCE}, avsnitt «{rows['source_section'].iloc[0]}».")
