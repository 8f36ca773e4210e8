"""Streamlit glue for dialogues: the user store, the editor's name, the draft kept in the session.

A draft lives in st.session_state until it is saved, so nothing typed is lost when a save fails
(locked file, stale version, validation): the page shows the message and the draft stays.
"""
from __future__ import annotations

import copy

import pandas as pd
import streamlit as st

from components.store import run
from queries.user_store import (Dialogue, ReadOnlyStore, StaleVersion, UserStore, UserStoreError,
                                read_only_mode)

WHO_KEY = "editor_name"


def store() -> UserStore:
    return UserStore()


@st.cache_resource
def _migrated_once(path: str) -> bool:
    if not read_only_mode():
        UserStore(path).migrate()
    return True


def ensure_schema() -> None:
    """Create or upgrade the user store once per process; if it cannot be opened, say so and stop the page."""
    try:
        _migrated_once(str(store().path))
    except UserStoreError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()


def who() -> str:
    return st.session_state.get(WHO_KEY, "").strip() or "okänd användare"


def editor_name_input(container=st.sidebar) -> None:
    if read_only_mode():
        container.caption("Läsläge: inget kan ändras i den här visningen.")
        return
    container.text_input("Ditt namn (visas i ändringsloggen)", key=WHO_KEY, max_chars=100)


def draft_key(dialogue_id: str) -> str:
    return f"draft:{dialogue_id}"


def draft(dialogue_id: str) -> Dialogue:
    """The session's working copy of a dialogue, loaded from the store the first time."""
    key = draft_key(dialogue_id)
    if key not in st.session_state:
        st.session_state[key] = store().load(dialogue_id)
    return st.session_state[key]


def discard_draft(dialogue_id: str) -> None:
    st.session_state.pop(draft_key(dialogue_id), None)
    st.session_state.pop(f"conflict:{dialogue_id}", None)


def save(d: Dialogue) -> bool:
    """Save the draft; on any refusal keep it and remember the message. True when saved."""
    try:
        saved = store().save(copy.deepcopy(d), who=who())
    except StaleVersion as exc:
        st.session_state[f"conflict:{d.id}"] = exc.current
        st.session_state["flash"] = ("error", str(exc))
        return False
    except (UserStoreError, ReadOnlyStore) as exc:
        st.session_state["flash"] = ("error", str(exc))
        return False
    st.session_state[draft_key(d.id)] = saved
    st.session_state.pop(f"conflict:{d.id}", None)
    st.session_state["flash"] = ("success", f"Sparat (version {saved.version}).")
    return True


def show_flash() -> None:
    """The message of the last save, once. In a container that is always there, so that the elements after it
    keep their place in the page when the message goes: otherwise Streamlit builds them anew on the next run
    (the tabs went back to the first, a focused table lost the keyboard focus)."""
    kind, message = st.session_state.pop("flash", (None, None))
    slot = st.container()
    if kind == "error":
        slot.error(message, icon=":material/error:")
    elif kind == "success":
        slot.success(message, icon=":material/check_circle:")


def actor_options() -> dict[str, str]:
    """Actor id → a unique display label, in Swedish order."""
    actors = run("filter_options")
    actors = actors[actors["kind"] == "actor"]
    labels, seen = {}, set()
    for aid, name in zip(actors["value"], actors["label"]):
        label = name if name not in seen else f"{name} ({aid})"
        seen.add(name)
        labels[aid] = label
    return labels


def shortlist_frame(d: Dialogue) -> pd.DataFrame:
    """The draft's priorities joined with the reference store; vanished insatser are marked, not dropped."""
    ids = [p.intervention_id for p in d.priorities]
    ref = run("interventions_by_ids", ids=ids).set_index("id") if ids else pd.DataFrame()
    actors = actor_options()
    rows = []
    for p in sorted(d.priorities, key=lambda p: p.rank):
        known = p.intervention_id in ref.index
        r = ref.loc[p.intervention_id] if known else None
        rows.append({
            "id": p.id, "intervention_id": p.intervention_id, "rank": p.rank,
            "code": r["code"] if known else None,
            "title": r["title"] if known else f"{p.intervention_id} – insatsen finns inte längre i källorna",
            "goal_area_id": r["goal_area_id"] if known else None,
            "goal_area": r["goal_area"] if known else None,
            "scope": r["scope"] if known else None,
            "wording": p.wording, "owner_actor_id": p.owner_actor_id,
            "owner": actors.get(p.owner_actor_id) if p.owner_actor_id else None,
            "next_step": p.next_step, "status": p.status, "carried_from": p.carried_from_priority_id,
            "known": known,
        })
    return pd.DataFrame(rows, columns=["id", "intervention_id", "rank", "code", "title", "goal_area_id",
                                       "goal_area", "scope", "wording", "owner_actor_id", "owner",
                                       "next_step", "status", "carried_from", "known"])
