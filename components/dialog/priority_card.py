"""One priority as a card: its insats, wording, driver, next step and status, and where it came from.
Shared by Dialoger (all cards, compact) and Mötesläge (one at a time, large)."""

from __future__ import annotations

import streamlit as st

from components.common.format import GOAL_AREA_COLOURS, PLAN_TYPE, PROPOSAL_TYPE, SCOPE, plain
from components.dialog import dialogue_draft
from queries.dialogue_model import MAX_TEXT, STATUSES, Dialogue, Priority

NO_OWNER = "Ingen driver utsedd"


def title(row: dict) -> str:
    """'1.1 Stärk …'; a proposal says so, wherever its title shows."""
    if row.get("plan_type") in PROPOSAL_TYPE:
        return f"{row['title']} (förslag till ny insats)"
    return f"{row['code']} {row['title']}" if row.get("code") else row["title"]


def stripe(goal_area_id, height: int = 6) -> None:
    colour = GOAL_AREA_COLOURS.get(goal_area_id, "#6E6E6E")
    st.markdown(
        f'<div style="border-top:{height}px solid {colour};margin:-0.4rem -0.4rem 0.3rem"></div>',
        unsafe_allow_html=True,
    )


def move_buttons(d: Dialogue, p: Priority, index: int, remove: bool) -> None:
    """Up, down (and remove) as small buttons in a row that wraps rather than cuts their labels."""
    with st.container(horizontal=True, horizontal_alignment="right", gap="small"):
        st.button(
            "Upp",
            icon=":material/arrow_upward:",
            key=f"up:{p.id}",
            help="Flytta upp",
            disabled=index == 0,
            on_click=dialogue_draft.move,
            args=(d, p.id, -1),
        )
        st.button(
            "Ned",
            icon=":material/arrow_downward:",
            key=f"down:{p.id}",
            help="Flytta ned",
            disabled=index == len(d.priorities) - 1,
            on_click=dialogue_draft.move,
            args=(d, p.id, 1),
        )
        if remove:
            st.button(
                "Ta bort",
                icon=":material/delete:",
                key=f"rm:{p.id}",
                help="Ta bort från listan",
                on_click=dialogue_draft.remove,
                args=(d, p.id),
            )


def fields(d: Dialogue, p: Priority, actors: dict[str, str], large: bool = False) -> None:
    """The editable fields; each widget writes straight into the draft's priority."""
    v = d.version
    p.wording = st.text_area(
        "Formulering / motivering",
        value=p.wording,
        key=f"w:{p.id}:{v}",
        max_chars=MAX_TEXT,
        height=110 if large else 90,
        placeholder="Vad region och kommun kommer överens om för insatsen",
    )
    a, b, c = st.columns([3, 4, 2])
    owners = [None, *actors]
    p.owner_actor_id = a.selectbox(
        "Driver",
        owners,
        index=owners.index(p.owner_actor_id) if p.owner_actor_id in owners else 0,
        key=f"o:{p.id}:{v}",
        format_func=lambda x: NO_OWNER if x is None else actors[x],
    )
    p.next_step = b.text_input("Nästa steg", value=p.next_step, key=f"n:{p.id}:{v}", max_chars=MAX_TEXT)
    p.status = c.selectbox("Status", STATUSES, index=STATUSES.index(p.status), key=f"s:{p.id}:{v}")


def read_only(p: Priority, actors: dict[str, str]) -> None:
    st.markdown(f"**Formulering:** {plain(p.wording) if p.wording else '–'}")
    owner = actors.get(p.owner_actor_id, NO_OWNER) if p.owner_actor_id else NO_OWNER
    st.markdown(
        f"**Driver:** {plain(owner)} · **Nästa steg:** {plain(p.next_step) if p.next_step else '–'} · "
        f"**Status:** {p.status}"
    )


def previous_line(previous: Priority | None, period: str | None) -> str | None:
    """What was decided about the same insats last period, in one line."""
    if previous is None:
        return None
    wording = f"«{previous.wording}»" if previous.wording else "ingen formulering"
    return f"Förra perioden{f' ({period})' if period else ''}: {wording} · status {previous.status}"


def card(
    d: Dialogue,
    p: Priority,
    row: dict,
    index: int,
    actors: dict[str, str],
    locked: bool,
    previous: Priority | None = None,
    previous_period: str | None = None,
    history: list[str] = (),
    timeline: list = (),
) -> None:
    """A compact card for the Dialoger list."""
    with st.container(border=True, key=f"prio_{p.id}"):
        stripe(row["goal_area_id"])
        head, buttons = st.columns([3, 2], vertical_alignment="center")
        proposal = row.get("plan_type") in PROPOSAL_TYPE
        kind = (
            [PROPOSAL_TYPE["forslag"]]
            if proposal
            else [SCOPE.get(row.get("scope"), ""), PLAN_TYPE.get(row.get("plan_type"), "")]
        )
        head.markdown(
            f"**{p.rank}. {plain(title(row))}**  \n"
            + " · ".join(plain(x) for x in [row["goal_area"] or "Utan målområde", *kind] if x)
        )
        if proposal:
            st.caption(plain(row.get("source") or ""))
        if not locked:
            with buttons:
                move_buttons(d, p, index, remove=True)
            fields(d, p, actors)
        else:
            read_only(p, actors)
        line = previous_line(previous, previous_period)
        if line:
            st.caption("  \n".join(plain(x) for x in [line, *history]))
        timeline_panel(list(timeline), f"timeline_{p.id}")


def timeline_panel(periods: list, key: str) -> None:
    """The insats across periods (components.dialog.insats_timeline), folded; shown when it was on an earlier list."""
    if len(periods) < 2:
        return
    from components.dialog.insats_timeline import lines

    with st.expander(f"Tidslinje: på listan {len(periods)} perioder", key=key):
        st.markdown("  \n".join(plain(x) for x in lines(periods)))
