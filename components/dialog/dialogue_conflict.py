"""The conflict panel: someone else saved the dialogue while I edited. Every difference, field by field,
with mine and theirs side by side; I keep mine or take theirs for each, then save the merge."""

from __future__ import annotations

import streamlit as st

from components.common.format import plain
from components.dialog import change_log_text, dialogue_merge
from components.dialog import dialogue_session as ds
from queries.dialogue_model import Dialogue

LABEL = {
    "period": "Period",
    "meeting_date": "Mötesdatum",
    "meeting_place": "Mötesplats",
    "notes": "Anteckning",
    "participants": "Deltagare",
    "order": "Ordningen",
}
FIELD = {"wording": "formulering", "owner_actor_id": "driver", "next_step": "nästa steg", "status": "status"}


def _label(key: tuple, names) -> str:
    if key[0] == "present":
        return f"{names.insats(key[1])}: med i listan"
    if key[0] == "field":
        return f"{names.insats(key[1])}: {FIELD[key[2]]}"
    return LABEL[key[0]]


def _show(key: tuple, value, names) -> str:
    if key[0] == "present":
        return "med" if value else "inte med"
    if key[0] == "participants":
        return "; ".join(change_log_text._person(p) for p in value) if value else "inga"
    if key[0] == "order":
        return ", ".join(names.short(i) for i in value or [])
    if key[0] == "meeting_date":
        return change_log_text.swedish_date(value)
    if key[0] == "field" and key[2] == "owner_actor_id":
        return names.actor(value)
    return change_log_text.quote(value) if key[0] != "field" or key[2] != "status" else (value or "(tom)")


def conflict_panel(d: Dialogue) -> None:
    theirs = ds.conflict(d)
    if theirs is None:
        return
    diffs = dialogue_merge.differences(ds.base(d), d, theirs)
    names = ds.names([p.intervention_id for p in d.priorities + theirs.priorities])
    with st.container(border=True, key="conflict"):
        st.warning(
            f"Någon annan har sparat dialogen (version {theirs.version}) medan du redigerade. Dina ändringar "
            f"finns kvar och är inte sparade. Välj för varje skillnad om din eller den sparade ska gälla; "
            f"det som bara den andra ändrat är förvalt som deras.",
            icon=":material/sync_problem:",
        )
        choices = {}
        for n, diff in enumerate(diffs):
            st.markdown(f"**{plain(_label(diff.key, names))}**" + (" · båda har ändrat" if diff.both_changed else ""))
            mine, other = _show(diff.key, diff.mine, names), _show(diff.key, diff.theirs, names)
            choice = st.radio(
                f"Vilken ska gälla för {_label(diff.key, names)}?",
                ["mine", "theirs"],
                index=0 if diff.default == "mine" else 1,
                key=f"merge:{d.id}:{theirs.version}:{n}",
                format_func=lambda c, m=mine, o=other: f"Min: {m}" if c == "mine" else f"Sparad: {o}",
                label_visibility="collapsed",
            )
            choices[diff.key] = choice
        if not diffs:
            st.caption("Din version och den sparade är lika.")
        left, right = st.columns(2)
        if left.button("Spara med mina val", key=f"merge_save:{d.id}", type="primary", icon=":material/merge:"):
            merged = dialogue_merge.merge(d, theirs, choices)
            if ds.save(merged):
                st.rerun()
            st.session_state[f"draft:{d.id}"] = merged
            st.session_state[f"base:{d.id}"] = theirs
            st.rerun()
        if right.button("Släpp mina ändringar och visa den sparade", key=f"reload:{d.id}"):
            ds.drop_draft(d)
            st.rerun()
