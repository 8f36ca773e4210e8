"""A RUFS delmål's trend and the report's own text on it, shown beside its figures (Lägesbild's delmål cards)."""

from __future__ import annotations

import streamlit as st

from components.common.format import plain
from components.common.store import run
from components.lagesbild import region_data as rd


def show(indicator_id: str) -> None:
    trends = run("delmal_trends")
    texts = run("delmal_assessments")
    trend = trends[trends["indicator_id"] == indicator_id].to_dict("records")
    text = texts[texts["indicator_id"] == indicator_id].to_dict("records")
    if not trend and not text:
        return  # not a delmål of the follow-up
    st.markdown(plain(rd.trend_line(trend[0] if trend else None)))
    if text:
        with st.expander("Rapportens bedömning (citat)"):
            st.markdown(f"> {rd.quote(text[0])}")
            st.caption(f"Källa: {rd.SOURCE}, avsnitt «{text[0]['source_section']}». {text[0]['note']}")
