"""Meeting mode: one core on a projector. Two views: an overview of every priority, and one priority at a
time, large, with its färdriktning and what was decided about it last period."""

from __future__ import annotations

import streamlit as st

from components.common.format import plain
from components.common.store import run
from components.dialog import dialogue_session as ds
from components.dialog import insats_timeline, priority_card
from components.uppfoljning import followup_data
from queries.dialogue_model import Dialogue
from queries.followup_store import FollowUpStore

# Fixed CSS only (no user or source text): larger type for a projector, no sidebar, room under the header.
MEETING_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
.block-container {padding-top: 4.2rem; max-width: 1240px;}
.stMarkdown p, .stTextArea textarea, .stTextInput input, [data-baseweb="select"] > div {font-size: 1.2rem;}
h1 {font-size: 2.2rem !important; padding-top: 0.2rem !important;}
.st-key-overview p {margin-bottom: 0; font-size: 1.1rem;}
.st-key-overview [data-testid="stVerticalBlockBorderWrapper"] {padding: 0.1rem 0.6rem;}
</style>
"""
VIEWS = {"oversikt": "Översikt", "en": "En i taget"}


def previous_of(d: Dialogue) -> tuple[dict, str | None]:
    if not d.previous_dialogue_id:
        return {}, None
    previous = ds.guarded(ds.store().load, d.previous_dialogue_id)
    return {p.id: p for p in previous.priorities}, previous.period


def overview(d: Dialogue, frame, actors: dict[str, str]) -> None:
    """Every priority on one or two screens: rank, code and title, driver, status; a button opens it."""
    with st.container(key="overview"):
        head = st.columns([0.5, 8, 3, 1.5, 1.2])
        for col, text in zip(head, ["Nr", "Insats", "Driver", "Status"]):
            col.markdown(f"**{text}**")
        for row in frame.to_dict("records"):
            with st.container(border=True, key=f"ov_{row['id']}"):
                rank, name, owner, status, open_ = st.columns([0.5, 8, 3, 1.5, 1.2], vertical_alignment="center")
                rank.markdown(f"**{row['rank']}**")
                name.markdown(f"{plain(priority_card.title(row))} · *{plain(row['goal_area'] or 'utan målområde')}*")
                owner.markdown(
                    plain(actors.get(row["owner_actor_id"], priority_card.NO_OWNER))
                    if row["owner_actor_id"]
                    else priority_card.NO_OWNER
                )
                status.markdown(row["status"])
                open_.button(
                    "Öppna",
                    key=f"open:{row['id']}",
                    help=f"Visa prioritering {row['rank']} stor",
                    on_click=_open,
                    args=(row["id"],),
                )


def _open(priority_id: str) -> None:
    st.session_state["meeting_priority"] = priority_id
    st.session_state["meeting_view"] = "en"


def _step(ids: list[str], index: int) -> None:
    st.session_state["meeting_priority"] = ids[max(0, min(len(ids) - 1, index))]


def one_at_a_time(d: Dialogue, frame, actors: dict[str, str], locked: bool) -> None:
    """One priority large: fields, its färdriktning, and last period's decided wording and status."""
    ids, count = list(frame["id"]), len(frame)
    shown = st.session_state.get("meeting_priority")
    index = ids.index(shown) if shown in ids else 0  # the priority stays shown when it is moved
    row = frame.iloc[index].to_dict()
    p = next(x for x in d.priorities if x.id == row["id"])
    nav = st.columns([1.4, 1.4, 3, 3], vertical_alignment="center")
    nav[0].button(
        "Föregående",
        icon=":material/chevron_left:",
        key="prev_priority",
        disabled=index == 0,
        on_click=_step,
        args=(ids, index - 1),
    )
    nav[1].button(
        "Nästa",
        icon=":material/chevron_right:",
        key="next_priority",
        disabled=index == count - 1,
        on_click=_step,
        args=(ids, index + 1),
    )
    nav[2].markdown(f"Prioritering {index + 1} av {count}")
    if not locked:
        with nav[3]:
            priority_card.move_buttons(d, p, index, remove=False)
    directions = dict(zip(*[run("core_directions", core=d.core_id)[c] for c in ("goal_area_id", "text")]))
    previous, period = previous_of(d)
    with st.container(border=True, key=f"prio_{p.id}"):
        priority_card.stripe(row["goal_area_id"], 8)
        main, side = st.columns([3, 2], gap="large")
        with main:
            st.markdown(f"### {p.rank}. {plain(priority_card.title(row))}")
            if locked:
                priority_card.read_only(p, actors)
            else:
                priority_card.fields(d, p, actors, large=True)
        with side:
            before = previous.get(p.carried_from_priority_id)
            line = priority_card.previous_line(before, period)
            st.markdown(f"**{plain(line)}**" if line else "Ny för perioden: inte prioriterad förra perioden.")
            if before:
                plan = ds.guarded(FollowUpStore().plans, [before.id])[before.id]
                for text in followup_data.carried_history(plan, before.status):
                    st.markdown(plain(text))
            periods = ds.guarded(
                insats_timeline.timelines, ds.store(), FollowUpStore(), d.core_id, [p.intervention_id]
            )[p.intervention_id]
            priority_card.timeline_panel(periods, f"timeline_{p.id}")
            direction = directions.get(row["goal_area_id"])
            st.caption(f"Färdriktning, {row['goal_area'] or 'utan målområde'}")
            st.markdown(plain(direction) if direction else "Färdriktning saknas för målområdet.")


def show(d: Dialogue, view: str, locked: bool) -> None:
    actors = ds.actor_options()
    frame = ds.shortlist_frame(d)
    if view == "en":
        one_at_a_time(d, frame, actors, locked)
    else:
        overview(d, frame, actors)
