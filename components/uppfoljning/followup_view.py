"""Uppföljning: each decided priority of a core's current period, made concrete and followed up."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.common.format import plain, swedish_decimal
from components.dialog import dialogue_session as ds
from components.dialog import insats_timeline, priority_card
from components.dialog.change_log_text import swedish_date
from components.uppfoljning import followup_data
from queries.dialogue_model import STATUSES, Dialogue, Priority
from queries.followup_store import RESOURCE_STATES, START_MODES, FollowUpStore, Milestone, Plan, Resource, parse_amount
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


def timelines_for(d: Dialogue) -> dict[str, list]:
    """Each priority's insats across the core's periods (components.dialog.insats_timeline)."""
    return (
        ds.guarded(
            insats_timeline.timelines, ds.store(), fstore(), d.core_id, [p.intervention_id for p in d.priorities]
        )
        or {}
    )


def priority_panel(
    d: Dialogue,
    p: Priority,
    row: dict,
    plan: Plan,
    actors: dict[str, str],
    editable: bool,
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    periods: list = (),
) -> None:
    status = plan.status(p.status)
    with st.expander(f"{p.rank}. {priority_card.title(row)} · status: {status}", expanded=False):
        st.markdown(
            f"**Beslutad formulering:** {plain(p.wording) if p.wording else '–'}  \n"
            f"**Driver:** {plain(actors.get(p.owner_actor_id, priority_card.NO_OWNER))}"
        )
        people, steps, money, follow = st.tabs(["Aktörer och start", "Delmål", "Resurser", "Uppföljning"])
        with people:
            actors_panel(p, plan, actors, editable)
        with steps:
            milestones_panel(p, plan, editable)
        with money:
            resources_panel(p, plan, editable)
        with follow:
            followup_panel(p, plan, status, editable)
            priority_card.timeline_panel(list(periods), f"timeline_{p.id}")
            table = followup_data.indicator_rows(
                values, indicators, row["goal_area_id"], d.decided_at.year if d.decided_at else None
            )
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
        chosen = st.multiselect(
            "Medverkande aktörer",
            list(actors),
            default=plan.actor_ids,
            format_func=actors.get,
            placeholder="Välj aktörer",
        )
        extra = st.text_input(
            "Andra organisationer (skilj med semikolon)", value="; ".join(plan.organisations), max_chars=600
        )
        modes = [None, *START_MODES]
        mode = st.selectbox(
            "Så startar insatsen",
            modes,
            index=modes.index(plan.start_mode),
            format_func=lambda m: "ej angivet" if m is None else m,
        )
        if st.form_submit_button("Spara aktörer och start"):
            try:
                fstore().set_actors(p.id, chosen, extra.split(";"), who=ds.who())
                fstore().set_start_mode(p.id, mode, who=ds.who())
                st.session_state["flash"] = ("success", "Aktörer och start är sparade.")
            except UserStoreError as exc:
                st.session_state["flash"] = ("error", str(exc))
            st.rerun()


# Half-typed text in the follow-up forms is kept per person in the user store (text_drafts) as soon as it
# reaches the server, so a reload or a page switch loses no word; the form clears once it is saved.
PREFIX = "uppf:"


def _drafts() -> dict[str, str]:
    if "uppf_drafts" not in st.session_state:
        st.session_state["uppf_drafts"] = ds.guarded(fstore().text_drafts, ds.person_key(), PREFIX) or {}
    return st.session_state["uppf_drafts"]


def _keep(key: str) -> None:
    value = st.session_state.get(key) or ""
    _drafts()[key] = value
    try:
        fstore().put_text_draft(ds.person_key(), key, value, who=ds.who())
    except UserStoreError as exc:
        st.session_state["flash"] = ("error", f"Texten kunde inte sparas som utkast: {exc}")


def kept(widget, label: str, key: str, **kwargs):
    """A text widget whose value is kept as the person's draft until the form is saved."""
    if key not in st.session_state:
        st.session_state[key] = _drafts().get(key, "")
    return widget(label, key=key, on_change=_keep, args=(key,), **kwargs)


def _submit(action, keys: list[str], done: str, make=None, blank: tuple = ()) -> None:
    """A form's button (callback): write as the signed-in person, then clear the form and its drafts."""
    try:
        args = make() if make else ()
        action(*args, who=ds.who())
    except UserStoreError as exc:
        st.session_state["flash"] = ("error", str(exc))
        return
    st.session_state["flash"] = ("success", done)
    for key in keys:
        st.session_state[key] = ""
        _drafts().pop(key, None)
    for key in blank:
        st.session_state[key] = None
    ds.guarded(fstore().drop_text_drafts, ds.person_key(), keys)


def milestones_panel(p: Priority, plan: Plan, editable: bool) -> None:
    if plan.milestones:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Delmål": m.what,
                        "Klart senast": swedish_date(m.due) if m.due else "ej angivet",
                        "Ansvarig": m.responsible or "ej angiven",
                        "Klart": swedish_date(m.done_on) if m.done_on else "nej",
                        "Inlagt av": m.added_by,
                    }
                    for m in plan.milestones
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("Inga delmål ännu.")
    if not editable:
        return
    open_ = [m for m in plan.milestones if not m.done_on]
    if open_:
        left, right = st.columns([4, 1], vertical_alignment="bottom")
        which = left.selectbox(
            "Delmål som är klart",
            [m.id for m in open_],
            key=f"ms_done:{p.id}",
            format_func=lambda i: next(m.what for m in open_ if m.id == i),
        )
        if right.button("Markera klart", key=f"ms_mark:{p.id}"):
            _do(fstore().mark_milestone, which, date.today(), done="Delmålet är markerat som klart.")
    what_key, who_key = f"{PREFIX}ms_what:{p.id}", f"{PREFIX}ms_who:{p.id}"
    with st.container(border=True, key=f"newms_{p.id}"):
        st.markdown("**Nytt delmål**")
        kept(st.text_input, "Vad ska vara gjort", what_key, max_chars=400)
        left, right = st.columns(2)
        left.date_input("Klart senast", value=None, format="YYYY-MM-DD", key=f"ms_due:{p.id}")
        with right:
            kept(st.text_input, "Ansvarig", who_key, max_chars=200)

        def make():
            return (
                p.id,
                Milestone(
                    st.session_state[what_key], st.session_state.get(f"ms_due:{p.id}"), st.session_state[who_key]
                ),
            )

        st.button(
            "Lägg till delmål",
            key=f"ms_add:{p.id}",
            on_click=_submit,
            args=(fstore().add_milestone, [what_key, who_key], "Delmålet är sparat.", make, (f"ms_due:{p.id}",)),
        )


def resources_panel(p: Priority, plan: Plan, editable: bool) -> None:
    if plan.resources:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Belopp": kronor(r.amount_sek),
                        "Finansiär": r.funder,
                        "Budgetår": r.budget_year,
                        "Läge": r.state,
                        "Inlagt av": r.added_by,
                    }
                    for r in plan.resources
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("Inga resurser angivna. Appen uppskattar inga belopp: bara det som läggs in här visas.")
    if not editable:
        return
    amount_key, funder_key = f"{PREFIX}res_amount:{p.id}", f"{PREFIX}res_funder:{p.id}"
    with st.container(border=True, key=f"newres_{p.id}"):
        st.markdown("**Ny resurs**")
        a, b, c, e = st.columns([2, 3, 1.4, 1.6])
        with a:
            kept(st.text_input, "Belopp (kr)", amount_key, max_chars=30, placeholder="t.ex. 1 200 000")
        with b:
            kept(st.text_input, "Finansiär", funder_key, max_chars=200)
        c.number_input(
            "Budgetår", min_value=2000, max_value=2100, value=date.today().year + 1, step=1, key=f"res_year:{p.id}"
        )
        e.selectbox("Läge", RESOURCE_STATES, key=f"res_state:{p.id}")

        def make():
            return (
                p.id,
                Resource(
                    parse_amount(st.session_state[amount_key]),
                    st.session_state[funder_key],
                    int(st.session_state[f"res_year:{p.id}"]),
                    st.session_state[f"res_state:{p.id}"],
                ),
            )

        st.button(
            "Lägg till resurs",
            key=f"res_add:{p.id}",
            on_click=_submit,
            args=(fstore().add_resource, [amount_key, funder_key], "Resursen är sparad.", make),
        )


def followup_panel(p: Priority, plan: Plan, status: str, editable: bool) -> None:
    lines = followup_data.history_lines(plan)
    st.markdown(
        "**Under perioden**  \n"
        + ("  \n".join(plain(x) for x in lines) if lines else "Ingen uppföljning antecknad ännu.")
    )
    if not editable:
        return
    note_key = f"{PREFIX}fu_note:{p.id}"
    with st.container(border=True, key=f"newfu_{p.id}"):
        left, right = st.columns([1, 3])
        left.selectbox("Ny status", STATUSES, index=STATUSES.index(status), key=f"fu_status:{p.id}:{status}")
        with right:
            kept(st.text_area, "Anteckning om läget", note_key, max_chars=4000, height=80)

        def make():
            return (p.id, status, st.session_state[f"fu_status:{p.id}:{status}"], st.session_state[note_key])

        st.button(
            "Anteckna",
            key=f"fu_add:{p.id}",
            on_click=_submit,
            args=(fstore().follow_up, [note_key], "Uppföljningen är antecknad.", make),
        )
