"""The explorer's result: counts per goal area, the table and the card of the selected insats."""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.common.format import GOAL_AREA_COLOURS, PLAN_TYPE, SCOPE, number, plain, plain_inline
from components.common.store import run

NO_GOAL_AREA = "Utan målområde"


def goal_area_counts(found: pd.DataFrame, goal_areas: dict[int, str]) -> pd.DataFrame:
    """Number of insatser per goal area in the current result (RUFS and historical rows have none)."""
    counts = found["goal_area_id"].value_counts(dropna=False)
    rows = [
        {"Målområde": f"{g} {name}", "Antal insatser": int(counts.get(g, 0)), "goal_area_id": g}
        for g, name in sorted(goal_areas.items())
    ]
    rows.append(
        {"Målområde": NO_GOAL_AREA, "Antal insatser": int(found["goal_area_id"].isna().sum()), "goal_area_id": None}
    )
    return pd.DataFrame(rows)


def show_counts(counts: pd.DataFrame) -> None:
    cols = st.columns(len(counts))
    for col, rec in zip(cols, counts.to_dict("records")):
        colour = GOAL_AREA_COLOURS.get(rec["goal_area_id"], "#6E6E6E")
        with col.container(border=True):
            st.markdown(
                f'<div style="border-top:6px solid {colour};margin:-0.4rem -0.4rem 0.3rem"></div>',
                unsafe_allow_html=True,
            )
            st.metric(rec["Målområde"], number(rec["Antal insatser"]))


KIND_NOT_STATED = "anges inte"


def kind_text(kind) -> str:
    """The insats kind where a document states it; the roadmaps' kind icons were lost in the text, so mostly
    «anges inte» (never guessed from the wording)."""
    return kind if isinstance(kind, str) and kind.strip() else KIND_NOT_STATED


def download_table(later: Callable[[], pd.DataFrame]) -> Callable[[], pd.DataFrame]:
    """The downloads' table, made on a click. Made here, not in the page: a function made in a page script
    holds every variable of the page (the whole result) for as long as the session keeps the button."""
    return lambda: display_table(later())


def display_table(found: pd.DataFrame) -> pd.DataFrame:
    """Swedish column names and labels; empty cells say what is missing."""
    return pd.DataFrame(
        {
            "Kod": found["code"].fillna(""),
            "Insats": found["title"],
            "Målområde": found["goal_area"].fillna(""),  # empty in the CSV, not a dash (issue 16)
            "Omfattning": found["scope"].map(SCOPE),
            "Karaktär": [kind_text(k) for k in found["kind"]],
            "Kärnor": [("Alla åtta" if n == 8 else c) for c, n in zip(found["cores"].fillna(""), found["core_count"])],
            "Ansvarig aktör": found["lead"].fillna("anges inte"),
            "Medverkande aktörer": found["participants"].fillna(""),
            "Källa": found["plan_type"].map(PLAN_TYPE),
            "Dokument": found["source_title"],
            "Avsnitt": found["source_section"],
        }
    )


PAGE_SIZE = 500  # rows sent to the browser at once; the downloads hold the whole result
PAGE_KEY = "insatser_sida"


def page_of(found: pd.DataFrame, page: int) -> pd.DataFrame:
    return found.iloc[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]


def page_label(page: int, total: int) -> str:
    first, last = page * PAGE_SIZE + 1, min(total, (page + 1) * PAGE_SIZE)
    return f"rad {number(first)}–{number(last)} av {number(total)}"


def pick_page(found: pd.DataFrame, selection: str) -> pd.DataFrame:
    """The rows the table shows: all of them up to PAGE_SIZE, else one page of them, chosen in a list that starts
    from the first page again whenever the selection changes."""
    total = len(found)
    if total <= PAGE_SIZE:
        return found
    if st.session_state.get("_insatser_urval") != selection:
        st.session_state["_insatser_urval"] = selection
        st.session_state[PAGE_KEY] = 0
    page = st.columns([2, 1])[0].selectbox(
        "Rader i tabellen",
        range(math.ceil(total / PAGE_SIZE)),
        key=PAGE_KEY,
        format_func=lambda p: page_label(p, total),
        help=f"Tabellen visar {PAGE_SIZE} insatser åt gången. Smalna av med filtren, eller ladda ner hela urvalet.",
    )
    return page_of(found, page)


CARD_KEY = "visa_insats"


def pick_insats(found: pd.DataFrame, table: pd.DataFrame, rows: list[int]) -> str | None:
    """The insats whose card is shown: a row selected in the table, or the one chosen in «Visa insats».

    The list is the keyboard and screen-reader way to the card (the table is a canvas; its own row selection
    takes Shift+Space on a cell, which nothing on the page tells). Selecting a row sets the list, as on Aktörer.
    """
    if rows != st.session_state.get("_insatser_rad"):  # the row selection changed in the table
        st.session_state["_insatser_rad"] = rows
        st.session_state[CARD_KEY] = found["id"].iloc[rows[0]] if rows and rows[0] < len(found) else None
    options = [None, *found["id"]]
    if st.session_state.get(CARD_KEY) not in options:  # not in the filtered result any more
        st.session_state[CARD_KEY] = None
    labels = {
        i: f"{code} {title}".strip() + (f" · {cores}" if cores else "")
        for i, code, title, cores in zip(found["id"], table["Kod"], table["Insats"], table["Kärnor"])
    }
    return st.columns([2, 1])[0].selectbox(
        "Visa insats",
        options,
        key=CARD_KEY,
        placeholder="Ingen insats vald",
        format_func=lambda i: "Ingen insats vald" if i is None else labels[i],
        help="Samma som att markera insatsens rad i tabellen. Skriv för att söka i listan.",
    )


def show_card(intervention_id: str) -> None:
    detail = run("intervention_detail", id=intervention_id)
    if detail.empty:
        st.warning("Insatsen finns inte längre i källorna.")
        return
    d = detail.iloc[0]
    colour = GOAL_AREA_COLOURS.get(d["goal_area_id"], "#6E6E6E")
    with st.container(border=True, key="insats_card"):
        st.markdown(f'<div style="border-top:6px solid {colour};margin-bottom:0.5rem"></div>', unsafe_allow_html=True)
        heading = f"{d['code']} {d['title']}" if isinstance(d["code"], str) else d["title"]
        st.subheader(plain_inline(heading), anchor=False)
        meta = [SCOPE.get(d["scope"], d["scope"]) + " insats", PLAN_TYPE[d["plan_type"]]]
        if isinstance(d["goal_area_name"], str):
            meta.insert(0, f"Målområde {int(d['goal_area_id'])}: {d['goal_area_name']}")
        meta.append("Karaktär: " + kind_text(d["kind"]))
        st.caption(" · ".join(meta))
        for label, field in [
            ("Syfte", "purpose"),
            ("Finansiering", "financing"),
            ("Regional prioritering", "regional_priority"),
            ("Tid", "timing"),
            ("Budget", "budget"),
        ]:
            if isinstance(d[field], str):
                st.markdown(f"**{label}:** " + plain(d[field].replace("\n", " ")))
        if isinstance(d["description"], str):
            for paragraph in d["description"].split("\n\n"):
                st.markdown(plain(paragraph))
        people = run("intervention_people", id=intervention_id)
        # Actor names come from imported files: shown as typed, never as Markdown (a link, an image).
        lead = [plain(n) for n in people[people["role"] == "lead"]["name"]]
        part = [plain(n) for n in people[people["role"] == "participant"]["name"]]
        left, right = st.columns(2)
        left.markdown("**Ansvarig aktör**  \n" + (", ".join(lead) if lead else "Anges inte i källan."))
        right.markdown("**Medverkande aktörer**  \n" + (", ".join(part) if part else "Anges inte i källan."))
        links = run("intervention_links", id=intervention_id)
        cores = "alla åtta regionala stadskärnor" if len(links) == 8 else ", ".join(map(plain, links["core_name"]))
        st.markdown("**Gäller** " + (cores or "ingen enskild kärna (regional insats)"))
        directions = run("intervention_directions", id=intervention_id)
        if len(directions):
            with st.expander(f"Färdriktning som insatsen bidrar till ({len(directions)})"):
                for rec in directions.to_dict("records"):
                    st.markdown(f"**{plain(rec['core_name'])}:** {plain(rec['text'])}")
        wordings = run("intervention_wordings", id=intervention_id)
        for rec in wordings.to_dict("records"):
            with st.expander(f"Formulering i {plain_inline(rec['source_title'])} ({rec['source_status']})"):
                st.markdown(f"**{plain(rec['title'])}**")
                st.markdown(plain(rec["description"] or ""))
                if rec["note"]:
                    st.caption(plain(rec["note"]))
        note = f" Anmärkning: {plain(d['note'])}" if isinstance(d["note"], str) else ""
        st.caption(
            f"Källa: {plain(d['source_title'])} ({d['source_year']}, {d['source_status']}), "
            f"{plain(d['source_section'])}.{note}"
        )
