"""Meeting mode: one core, large type, the shortlist with the färdriktning beside each priority."""
from __future__ import annotations

import streamlit as st

from components import dialogue_draft, dialogue_session as ds
from components.format import GOAL_AREA_COLOURS, plain
from components.store import run
from queries.user_store import STATUSES, Dialogue

# Fixed CSS only (no user or source text): larger type for a projector, no sidebar clutter.
MEETING_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
.block-container {padding-top: 1.5rem; max-width: 1240px;}
.stMarkdown p, .stTextArea textarea, .stTextInput input, [data-baseweb="select"] > div {font-size: 1.2rem;}
h1 {font-size: 2.4rem !important;}
</style>
"""


def priority_row(d: Dialogue, index: int, directions: dict, actors: dict[str, str], locked: bool,
                 row: dict) -> None:
    p = next(x for x in d.priorities if x.id == row["id"])
    colour = GOAL_AREA_COLOURS.get(row["goal_area_id"], "#6E6E6E")
    with st.container(border=True, key=f"prio_{p.id}"):
        st.markdown(f'<div style="border-top:8px solid {colour};margin:-0.5rem -0.5rem 0.4rem"></div>',
                    unsafe_allow_html=True)
        main, side = st.columns([3, 2], gap="large")
        with main:
            head, buttons = st.columns([6, 1], vertical_alignment="center")
            title = f"{row['code']} {row['title']}" if row["code"] else row["title"]
            head.markdown(f"### {p.rank}. {plain(title)}")
            if not locked:
                up, down = buttons.columns(2)
                up.button("Upp", icon=":material/arrow_upward:", key=f"up:{p.id}", help="Flytta upp",
                          disabled=index == 0, on_click=dialogue_draft.move, args=(d, p.id, -1))
                down.button("Ned", icon=":material/arrow_downward:", key=f"down:{p.id}", help="Flytta ned",
                            disabled=index == len(d.priorities) - 1, on_click=dialogue_draft.move,
                            args=(d, p.id, 1))
            if locked:
                st.markdown(f"**Formulering:** {plain(p.wording or '–')}")
                st.markdown(f"**Driver:** {plain(actors.get(p.owner_actor_id, 'ingen utsedd'))} · "
                            f"**Nästa steg:** {plain(p.next_step or '–')} · **Status:** {p.status}")
                return
            v = d.version
            p.wording = st.text_area("Överenskommen formulering", value=p.wording, key=f"w:{p.id}:{v}",
                                     max_chars=4000, height=90)
            a, b, c = st.columns([2, 2, 1])
            owners = [None, *actors]
            owner = a.selectbox("Driver", owners, index=owners.index(p.owner_actor_id)
                                if p.owner_actor_id in owners else 0, key=f"o:{p.id}:{v}",
                                format_func=lambda x: "Ingen utsedd" if x is None else actors[x])
            p.owner_actor_id = owner
            p.next_step = b.text_input("Nästa steg", value=p.next_step, key=f"n:{p.id}:{v}", max_chars=4000)
            p.status = c.selectbox("Status", STATUSES, index=STATUSES.index(p.status), key=f"s:{p.id}:{v}")
        with side:
            direction = directions.get(row["goal_area_id"])
            st.caption(f"Färdriktning, {row['goal_area'] or 'utan målområde'}")
            st.markdown(plain(direction) if direction else "Färdriktning saknas för målområdet.")


def show(d: Dialogue, core_name: str, locked: bool) -> None:
    directions = dict(zip(*[run("core_directions", core=d.core_id)[c] for c in ("goal_area_id", "text")]))
    actors = ds.actor_options()
    frame = ds.shortlist_frame(d)
    for index, row in enumerate(frame.to_dict("records")):
        priority_row(d, index, directions, actors, locked, row)
