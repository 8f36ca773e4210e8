"""Proposals for new insatser on the Dialoger page: put one of the core's proposals on the shortlist, or
propose a new one. A proposal is user data and is labelled as a proposal wherever it shows."""

from __future__ import annotations

import streamlit as st

from components.common.format import plain
from components.common.store import run
from components.dialog import dialogue_draft
from components.dialog import dialogue_session as ds
from queries.dialogue_model import Dialogue
from queries.proposal_store import MAX_TITLE, ProposalStore, source_line
from queries.user_store import UserStoreError

NOTE = (
    "Ett förslag är en ny insats som någon föreslår för kärnan. Det är inte en del av färdplanen eller "
    "någon annan källa, sparas bland användardatan och visas och exporteras alltid som förslag."
)


def add_from_proposals(d: Dialogue, core_id: str) -> None:
    st.caption(NOTE)
    store = ProposalStore()
    present = {p.intervention_id for p in d.priorities}
    proposals = [p for p in ds.guarded(store.for_core, core_id) or [] if p.id not in present]
    goals = run("goal_areas").set_index("id")["short_name"].to_dict()
    if proposals:
        labels = {
            p.id: f"{p.title} ({goals.get(p.goal_area_id, 'utan målområde')}; "
            f"{source_line(p.proposed_by, p.proposed_at).removeprefix('Förslag inmatat i Färdplansdialogen ')})"
            for p in proposals
        }
        left, right = st.columns([5, 1], vertical_alignment="bottom")
        chosen = left.multiselect(
            "Lägg till förslag",
            list(labels),
            format_func=labels.get,
            key=f"add_proposal:{d.id}:{len(d.priorities)}",
            placeholder="Välj ett eller flera förslag",
        )
        if right.button(
            "Lägg till", key=f"add_proposal_button:{d.id}", disabled=not chosen, icon=":material/playlist_add:"
        ):
            dialogue_draft.add(d, chosen)
            st.rerun()
    else:
        st.caption("Kärnan har inga förslag som inte redan finns på listan.")
    new_proposal(d, core_id, goals)
    if proposals:
        withdraw_panel(proposals)


def withdraw_panel(proposals: list) -> None:
    """Withdraw a proposal made by mistake; it stays in the store, marked withdrawn (never deleted)."""
    with st.expander("Dra tillbaka ett förslag"):
        which = st.selectbox(
            "Förslag",
            [p.id for p in proposals],
            key="proposal_withdraw_pick",
            format_func=lambda i: next(p.title for p in proposals if p.id == i),
        )
        if st.button(
            "Dra tillbaka förslaget", key="proposal_withdraw", icon=":material/undo:", disabled=not ds.may_prepare()
        ):
            try:
                ProposalStore().withdraw(which, who=ds.who())
            except UserStoreError as exc:
                st.error(plain(str(exc)), icon=":material/error:")
                return
            st.session_state["flash"] = (
                "success",
                "Förslaget är tillbakadraget. Det finns kvar i användardatan, markerat som tillbakadraget.",
            )
            st.rerun()


def new_proposal(d: Dialogue, core_id: str, goals: dict) -> None:
    with st.container(border=True, key="proposal_new"):
        st.markdown("**Föreslå en ny insats**")
        title = st.text_input(
            "Rubrik", max_chars=MAX_TITLE, key=f"proposal_title:{d.id}", placeholder="Vad insatsen ska åstadkomma"
        )
        goal = st.selectbox(
            "Målområde",
            [None, *sorted(goals)],
            key=f"proposal_goal:{d.id}",
            format_func=lambda g: "Inget målområde" if g is None else f"{g} {goals[g]}",
        )
        text = st.text_area("Beskrivning", max_chars=4000, key=f"proposal_text:{d.id}", height=90)
        if st.button(
            "Spara förslaget och lägg det på listan",
            key=f"proposal_save:{d.id}",
            icon=":material/add_circle:",
            disabled=not ds.may_prepare(),
        ):
            try:
                proposal = ProposalStore().propose(core_id, title, text, goal, who=ds.who())
            except UserStoreError as exc:
                st.error(plain(str(exc)), icon=":material/error:")
                return
            dialogue_draft.add(d, [proposal.id])
            for key in (f"proposal_title:{d.id}", f"proposal_text:{d.id}", f"proposal_goal:{d.id}"):
                st.session_state.pop(key, None)
            st.session_state["flash"] = (
                "success",
                f"Förslaget «{proposal.title}» är sparat och ligger på listan. Spara dialogen för att behålla listan.",
            )
            st.rerun()
