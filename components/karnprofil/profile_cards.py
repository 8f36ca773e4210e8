"""Kärnprofil: the four goal-area sections with their insats cards, and the other plans' insatser."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from components.common.format import GOAL_AREA_COLOURS
from components.karnprofil.profile_data import (
    card_heading,
    goal_area_split,
    lead_text,
    participants_text,
    plain,
    plan_rows,
    rest_table,
    source_text,
    split_for_cards,
    text_or_none,
)

HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def goal_area_style() -> None:
    """One CSS rule per goal area from the fixed colour constants: a coloured left border and a chip."""
    rules = []
    for goal, colour in GOAL_AREA_COLOURS.items():
        if not HEX.match(colour):  # only fixed, validated constants ever reach the HTML
            continue
        rules.append(
            f".st-key-malomrade-{int(goal)} {{border-left: 8px solid {colour} !important;}}"
            f".st-key-malomrade-{int(goal)} h3::before {{content: ''; display: inline-block; "
            f"width: 0.8em; height: 0.8em; border-radius: 3px; margin-right: 0.45em; "
            f"background: {colour};}}"
        )
    st.html("<style>" + "".join(rules) + "</style>")


def insats_card(rec: dict) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(card_heading(rec['code'], rec['title']))}**")
        st.caption(plain(lead_text(rec["lead"])) + "  \n" + plain(participants_text(rec["participants"])))
        with st.expander("Beskrivning och källa"):
            st.markdown(_paragraphs(rec["description"]) or "*Ingen beskrivning i källan.*")
            if text_or_none(rec.get("variant_title")):
                st.markdown(
                    f"**Formulering i {plain(rec['variant_source_title'])}:** "
                    f"{plain(rec['variant_title'])}\n\n{_paragraphs(rec.get('variant_description'))}"
                )
            st.caption(plain(source_text(rec)))


def _paragraphs(text) -> str:
    """Source text with its paragraphs kept, as escaped Markdown."""
    parts = (text_or_none(text) or "").split("\n\n")
    return "\n\n".join(plain(" ".join(p.split())) for p in parts if p.strip())


def _column(title: str, rows: pd.DataFrame, empty: str, key: str) -> None:
    with st.container(key=key):
        st.markdown(f"**{title}** ({len(rows)})")
        if rows.empty:
            st.info(empty, icon=":material/info:")
        cards, rest = split_for_cards(rows)
        for rec in cards.to_dict("records"):
            insats_card(rec)
        _rest(rest, f"{key}-fler")


def _rest(rest: pd.DataFrame, key: str) -> None:
    """The insatser beyond the first cards, as one table (all of them are in the download)."""
    if rest.empty:
        return
    st.caption(f"Ytterligare {len(rest)} insatser, utan beskrivning här (alla finns i nedladdningen längst ned):")
    st.dataframe(rest_table(rest), hide_index=True, width="stretch", key=key)


def goal_area_section(goal: dict, direction: dict | None, interventions: pd.DataFrame, has_roadmap: bool) -> None:
    """One goal area: its name and colour, the core's färdriktning and its insatser by title (the answer), and
    the shared and core-specific cards side by side on request (drawn only when opened)."""
    gid = int(goal["id"])
    with st.container(border=True, key=f"malomrade-{gid}"):
        st.subheader(plain(f"{gid} {goal['name']}"), anchor=False)
        if direction:
            heading = text_or_none(direction["heading"]) or "Färdriktning"
            st.markdown(f"**{plain(heading)}**  \n{plain(direction['text'])}")
            st.caption(plain(source_text(direction)))
        else:
            st.markdown("*Färdriktning saknas – kärnans färdplan är inte inläst.*")
        shared, core = goal_area_split(interventions, gid)
        st.markdown(insats_summary(shared, core, has_roadmap))
        if not has_roadmap:
            st.info("Kärnspecifika insatser är inte inlästa för den här kärnan.", icon=":material/info:")
        more = st.expander(
            f"Insatserna sida vid sida, med ansvar och beskrivning ({len(shared) + len(core)})",
            key=f"profil-insatser-{gid}",
            on_change="rerun",
        )
        if not more.open:  # drawn only when opened
            return
        with more:
            left, right = st.columns(2, gap="medium")
            with left:
                _column(
                    "Gemensamma insatser", shared, "Inga gemensamma insatser i det här målområdet.", f"gemensamma-{gid}"
                )
            with right:
                _column(
                    "Kärnspecifika insatser",
                    core,
                    "Kärnspecifika insatser är inte inlästa för den här kärnan."
                    if not has_roadmap
                    else "Färdplanen har inga kärnspecifika insatser i det här målområdet.",
                    f"karnspecifika-{gid}",
                )


def insats_summary(shared: pd.DataFrame, core: pd.DataFrame, has_roadmap: bool) -> str:
    """The goal area's insatser as a short Markdown list: how many of each kind and their titles (the first
    CARD_LIMIT of each; the rest are counted)."""
    lines = [f"**Insatser:** {len(shared)} gemensamma" + (f" · {len(core)} kärnspecifika" if has_roadmap else "")]
    for label, many, rows in (("gemensam", "gemensamma", shared), ("kärnspecifik", "kärnspecifika", core)):
        shown, rest = split_for_cards(rows)
        lines += [f"- {plain(card_heading(c, t))} *({label})*" for c, t in zip(shown["code"], shown["title"])]
        if len(rest):
            lines.append(f"- *… och {len(rest)} {many} insatser till (alla i nedladdningen längst ned)*")
    return "\n".join(lines)


def other_plans(interventions: pd.DataFrame) -> None:
    """The RUFS follow-up's and the historical plans' insatser that concern the core, one expander each."""
    for plan_type, label, lead_label, part_label in [
        ("rufs", "RUFS-uppföljningen 2020: insatser som rör kärnan", "Huvudman", "Samverkansparter"),
        ("historisk", "Historiska planer: aktiviteter för kärnan", "Ansvarig", "Medverkande"),
    ]:
        rows = plan_rows(interventions, plan_type)
        with st.expander(f"{label} ({len(rows)})"):
            if rows.empty:
                st.markdown("Inga insatser i källorna rör den här kärnan.")
            items, rest = split_for_cards(rows)
            for rec in items.to_dict("records"):
                _other_item(rec, lead_label, part_label)
            _rest(rest, f"andra-planer-{plan_type}-fler")


def _other_item(rec: dict, lead_label: str, part_label: str) -> None:
    st.markdown(f"**{plain(rec['title'])}**")
    fields = [
        (lead_label, text_or_none(rec["lead"]) or "anges inte i källan"),
        (part_label, text_or_none(rec["participants"])),
    ]
    fields += [
        (label, text_or_none(rec.get(field)))
        for label, field in [
            ("Syfte", "purpose"),
            ("Finansiering", "financing"),
            ("Tid", "timing"),
            ("Budget", "budget"),
        ]
    ]
    lines = [f"**{label}:** {plain(' '.join(value.split()))}" for label, value in fields if value]
    description = text_or_none(rec["description"])
    if description and description != rec["title"]:
        lines.append(plain(" ".join(description.split())))
    st.markdown("  \n".join(lines))
    basis = text_or_none(rec.get("basis"))
    why = f" Kopplad till kärnan genom: «{basis}»." if basis and rec["plan_type"] == "rufs" else ""
    twice = text_or_none(rec.get("listed_in"))
    st.caption(plain(source_text(rec) + "." + why + (f" {twice}." if twice else "")))
