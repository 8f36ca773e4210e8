"""Uppföljning: each decided priority of a core's current period, made concrete and followed up."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import dialogue_session as ds, followup_data, priority_card
from components.change_log_text import swedish_date
from components.format import plain, swedish_decimal
from queries.dialogue_model import STATUSES, Dialogue, Priority
from queries.followup_store import (RESOURCE_STATES, START_MODES, FollowUpStore, Milestone, Plan, Resource,
                                    parse_amount)
from queries.user_store import UserStoreError


def fstore() -> FollowUpStore:
    return FollowUpStore()


def _do(action, *args, done: str, **kwargs) -> None:
    """Run a follow-up write as the signed-in person; the message shows after the rerun."""
    try:
        action(*args, who=ds.who(), **kwargs)
        st.session_state["flash"] = ("success", done)
    except UserStoreError as exc:
        st.session_state["flash"] = ("error", str(exc))
    st.rerun()


def kronor(amount) -> str:
    return f"{swedish_decimal(amount, 0, 2)} kr"


def priority_panel(d: Dialogue, p: Priority, row: dict, plan: Plan, actors: dict[str, str], editable: bool,
                   values: pd.DataFrame, indicators: pd.DataFrame) -> None:
    status = plan.status(p.status)
    with st.expander(f"{p.rank}. {priority_card.title(row)} · status: {status}", expanded=False):
        st.markdown(f"**Beslutad formulering:** {plain(p.wording) if p.wording else '–'}  \n"
                    f"**Driver:** {plain(actors.get(p.owner_actor_id, priority_card.NO_OWNER))}")
        people, steps, money, follow = st.tabs(["Aktörer och start", "Delmål", "Resurser", "Uppföljning"])
        with people:
            actors_panel(p, plan, actors, editable)
        with steps:
            milestones_panel(p, plan, editable)
        with money:
            resources_panel(p, plan, editable)
        with follow:
            followup_panel(p, plan, status, editable)
            table = followup_data.indicator_rows(values, indicators, row["goal_area_id"],
                                                 d.decided_at.year if d.decided_at else None)
            st.markdown("**Lägesbilden för målområdet** (utfall för kärnan och kärnkommunerna)")
            if table.empty:
                st.caption("Inga utfall i lägesbilden för målområdet.")
            else:
                st.dataframe(table, hide_index=True, width="stretch")


def actors_panel(p: Priority, plan: Plan, actors: dict[str, str], editable: bool) -> None:
    names = [actors.get(a, a) for a in plan.actor_ids] + [f"{o} (tillagd av användare)" for o in plan.organisations]
    st.markdown("**Medverkande aktörer:** " + (plain(", ".join(names)) if names else "inga angivna"))
    st.markdown(f"**Så startar insatsen:** {plan.start_mode or 'ej angivet'}")
    if not editable:
        return
    with st.form(f"actors:{p.id}", border=False):
        chosen = st.multiselect("Medverkande aktörer", list(actors), default=plan.actor_ids, format_func=actors.get,
                                placeholder="Välj aktörer")
        extra = st.text_input("Andra organisationer (skilj med semikolon)", value="; ".join(plan.organisations),
                              max_chars=600)
        modes = [None, *START_MODES]
        mode = st.selectbox("Så startar insatsen", modes, index=modes.index(plan.start_mode),
                            format_func=lambda m: "ej angivet" if m is None else m)
        if st.form_submit_button("Spara aktörer och start"):
            try:
                fstore().set_actors(p.id, chosen, extra.split(";"), who=ds.who())
                fstore().set_start_mode(p.id, mode, who=ds.who())
                st.session_state["flash"] = ("success", "Aktörer och start är sparade.")
            except UserStoreError as exc:
                st.session_state["flash"] = ("error", str(exc))
            st.rerun()


def milestones_panel(p: Priority, plan: Plan, editable: bool) -> None:
    if plan.milestones:
        st.dataframe(pd.DataFrame([{"Delmål": m.what, "Klart senast": swedish_date(m.due) if m.due else "ej angivet",
                                    "Ansvarig": m.responsible or "ej angiven",
                                    "Klart": swedish_date(m.done_on) if m.done_on else "nej",
                                    "Inlagt av": m.added_by} for m in plan.milestones]),
                     hide_index=True, width="stretch")
    else:
        st.caption("Inga delmål ännu.")
    if not editable:
        return
    open_ = [m for m in plan.milestones if not m.done_on]
    if open_:
        left, right = st.columns([4, 1], vertical_alignment="bottom")
        which = left.selectbox("Delmål som är klart", [m.id for m in open_], key=f"ms_done:{p.id}",
                               format_func=lambda i: next(m.what for m in open_ if m.id == i))
        if right.button("Markera klart", key=f"ms_mark:{p.id}"):
            _do(fstore().mark_milestone, which, date.today(), done="Delmålet är markerat som klart.")
    with st.form(f"milestone:{p.id}", clear_on_submit=True, border=True):
        st.markdown("**Nytt delmål**")
        what = st.text_input("Vad ska vara gjort", max_chars=400)
        left, right = st.columns(2)
        due = left.date_input("Klart senast", value=None, format="YYYY-MM-DD")
        who = right.text_input("Ansvarig", max_chars=200)
        if st.form_submit_button("Lägg till delmål"):
            _do(fstore().add_milestone, p.id, Milestone(what, due, who), done="Delmålet är sparat.")


def resources_panel(p: Priority, plan: Plan, editable: bool) -> None:
    if plan.resources:
        st.dataframe(pd.DataFrame([{"Belopp": kronor(r.amount_sek), "Finansiär": r.funder, "Budgetår": r.budget_year,
                                    "Läge": r.state, "Inlagt av": r.added_by} for r in plan.resources]),
                     hide_index=True, width="stretch")
    else:
        st.caption("Inga resurser angivna. Appen uppskattar inga belopp: bara det som läggs in här visas.")
    if not editable:
        return
    with st.form(f"resource:{p.id}", clear_on_submit=True, border=True):
        st.markdown("**Ny resurs**")
        a, b, c, e = st.columns([2, 3, 1.4, 1.6])
        amount = a.text_input("Belopp (kr)", max_chars=30, placeholder="t.ex. 1 200 000")
        funder = b.text_input("Finansiär", max_chars=200)
        year = c.number_input("Budgetår", min_value=2000, max_value=2100, value=date.today().year + 1, step=1)
        state = e.selectbox("Läge", RESOURCE_STATES)
        if st.form_submit_button("Lägg till resurs"):
            try:
                resource = Resource(parse_amount(amount), funder, int(year), state)
            except UserStoreError as exc:
                st.session_state["flash"] = ("error", str(exc))
                st.rerun()
            _do(fstore().add_resource, p.id, resource, done="Resursen är sparad.")


def followup_panel(p: Priority, plan: Plan, status: str, editable: bool) -> None:
    lines = followup_data.history_lines(plan)
    st.markdown("**Under perioden**  \n" + ("  \n".join(plain(x) for x in lines) if lines
                                             else "Ingen uppföljning antecknad ännu."))
    if not editable:
        return
    with st.form(f"followup:{p.id}", clear_on_submit=True, border=True):
        left, right = st.columns([1, 3])
        new = left.selectbox("Ny status", STATUSES, index=STATUSES.index(status))
        note = right.text_area("Anteckning om läget", max_chars=4000, height=80)
        if st.form_submit_button("Anteckna"):
            _do(fstore().follow_up, p.id, status, new, note, done="Uppföljningen är antecknad.")
