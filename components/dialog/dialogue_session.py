"""Streamlit glue for dialogues: the user store, the editor's name, each person's draft.

A draft is the person's working copy of a dialogue. It lives in st.session_state and, as soon as it differs
from the saved dialogue, also in the user store's drafts table (per person and dialogue), written at the
end of every run. So text that reached the server survives a reload, a page switch and a server restart,
and a refused save (locked file, stale version, validation) keeps it. Spara publishes the draft to the
shared record in one transaction and removes it. Why a draft rather than saving every edit to the record:
half-typed wording would otherwise become the agreed record, each keystroke a line in the change log, and
two people's edits would overwrite each other field by field without either noticing.
"""

from __future__ import annotations

import copy
from contextlib import ExitStack, contextmanager

import pandas as pd
import streamlit as st

from components.common import auth, identity
from components.common.insats_lookup import interventions_by_ids
from components.common.store import run
from components.dialog import dialogue_merge
from queries.dialogue_changes import describe_changes
from queries.dialogue_model import Dialogue, to_json
from queries.permissions import PREPARE, Person
from queries.user_store import ReadOnlyStore, StaleVersion, UserStore, UserStoreError, read_only_mode


def store() -> UserStore:
    return UserStore()


@st.cache_resource
def _migrated_once(path: str) -> bool:
    if not read_only_mode():
        UserStore(path).migrate()
    return True


def guarded(action, *args, **kwargs):
    """Run a read or write of the user store; on a Swedish UserStoreError show it and stop the page."""
    try:
        return action(*args, **kwargs)
    except UserStoreError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()


@contextmanager
def reads():
    """The user store's reads in this block share one connection (UserStore.reading); a store that cannot
    be opened is shown as guarded shows it."""
    with ExitStack() as stack:
        guarded(stack.enter_context, store().reading())
        yield


def ensure_schema() -> None:
    """Create or upgrade the user store once per process; if it cannot be opened, say so and stop the page."""
    guarded(_migrated_once, str(store().path))


def who() -> Person:
    """The person this session writes as (components/common/auth.py); the store checks their roles."""
    return auth.current_person()


def may_prepare() -> bool:
    return who().may(PREPARE)


def person_key() -> str:
    """Whose drafts: the signed-in subject, or this browser in local mode."""
    person = who()
    return identity.person_key() if person.local or not person.sub else "inloggad:" + person.sub


def _key(kind: str, dialogue_id: str) -> str:
    return f"{kind}:{dialogue_id}"


def draft(dialogue_id: str) -> Dialogue:
    """The person's working copy: from this session, else their stored draft, else the saved dialogue.

    When someone else saved a newer version: a clean copy follows it; a copy with edits keeps them and
    the conflict panel shows the saved version beside them."""
    key = _key("draft", dialogue_id)
    if key not in st.session_state:
        saved = guarded(store().load, dialogue_id)
        kept = guarded(store().get_draft, person_key(), dialogue_id)
        if kept and (saved.decided or saved.archived):
            st.session_state["flash"] = (
                "error",
                "Du har ett osparat utkast av dialogen från före den blev "
                f"{'beslutad' if saved.decided else 'arkiverad'}. Det har inte förts in; "
                "texten finns kvar i dialogdatabasen för den som förvaltar verktyget.",
            )
            kept = None
        if kept:
            st.session_state[key], st.session_state[_key("base", dialogue_id)] = kept.draft, kept.base
            st.session_state[_key("kept_at", dialogue_id)] = kept.updated_at
            st.session_state[_key("written", dialogue_id)] = to_json(kept.draft)
            if kept.base.version != saved.version:
                st.session_state[_key("conflict", dialogue_id)] = saved
        else:
            st.session_state[key], st.session_state[_key("base", dialogue_id)] = saved, copy.deepcopy(saved)
        return st.session_state[key]
    d = st.session_state[key]
    stored_version = guarded(store().version_of, dialogue_id)
    if (
        stored_version is not None
        and stored_version != d.version
        and _key("conflict", dialogue_id) not in st.session_state
    ):
        if not dirty(d):
            discard_draft(dialogue_id)
            return draft(dialogue_id)
        return rebase(d, guarded(store().load, dialogue_id))
    return d


def rebase(d: Dialogue, theirs: Dialogue) -> Dialogue:
    """Someone saved a newer version: when we changed different things, my draft continues on theirs with
    both sets of changes; when we changed the same field, the conflict panel asks."""
    diffs = dialogue_merge.differences(base(d), d, theirs)
    if theirs.decided or theirs.archived or any(x.both_changed for x in diffs):
        st.session_state[_key("conflict", d.id)] = theirs
        return d
    merged = dialogue_merge.merge(d, theirs, {x.key: x.default for x in diffs})
    st.session_state[_key("draft", d.id)], st.session_state[_key("base", d.id)] = merged, theirs
    return merged


def base(d: Dialogue) -> Dialogue:
    """The saved version the draft started from."""
    return st.session_state.get(_key("base", d.id), d)


def dirty(d: Dialogue) -> bool:
    return bool(describe_changes(base(d), d))


def conflict(d: Dialogue) -> Dialogue | None:
    return st.session_state.get(_key("conflict", d.id))


def kept_at(d: Dialogue):
    return st.session_state.get(_key("kept_at", d.id))


def keep_draft(d: Dialogue) -> None:
    """At the end of a run: write the draft to the store if it changed since last written, or remove it."""
    if read_only_mode() or d.decided or not may_prepare():
        return
    text = to_json(d) if dirty(d) else None
    written = _key("written", d.id)
    if text == st.session_state.get(written):
        return
    try:
        if text is None:
            store().drop_draft(person_key(), d.id)
            st.session_state.pop(_key("kept_at", d.id), None)
        else:
            st.session_state[_key("kept_at", d.id)] = store().put_draft(person_key(), d, base(d), who())
        st.session_state[written] = text
    except UserStoreError as exc:
        st.warning(
            f"Utkastet kunde inte sparas just nu, men finns kvar på sidan så länge den är öppen. ({exc})",
            icon=":material/warning:",
        )


def discard_draft(dialogue_id: str) -> None:
    for kind in ("draft", "base", "conflict", "kept_at", "written"):
        st.session_state.pop(_key(kind, dialogue_id), None)


def drop_draft(d: Dialogue) -> None:
    """Throw away the person's draft (here and in the store) and go back to the saved version."""
    try:
        store().drop_draft(person_key(), d.id)
    except UserStoreError as exc:
        st.session_state["flash"] = ("error", str(exc))
        return
    discard_draft(d.id)
    st.session_state["flash"] = ("success", "Utkastet är borttaget; du ser den sparade versionen.")


def save(d: Dialogue) -> bool:
    """Publish the draft; on any refusal keep it and remember the message. True when saved."""
    d.participants = [p for p in d.participants if p.name.strip() or p.organisation.strip()]
    try:
        saved = store().save(copy.deepcopy(d), who=who(), person=person_key())
    except StaleVersion as exc:
        merged = rebase(d, exc.current)
        if merged is not d:  # different changes: saved together with theirs
            return save(merged)
        st.session_state["flash"] = ("error", str(exc))
        return False
    except (UserStoreError, ReadOnlyStore) as exc:
        st.session_state["flash"] = ("error", str(exc))
        return False
    discard_draft(d.id)
    st.session_state[_key("draft", d.id)], st.session_state[_key("base", d.id)] = saved, copy.deepcopy(saved)
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
    ref = interventions_by_ids(ids).set_index("id") if ids else pd.DataFrame()
    actors = actor_options()
    rows = []
    for p in sorted(d.priorities, key=lambda p: p.rank):
        known = p.intervention_id in ref.index
        r = ref.loc[p.intervention_id] if known else None
        rows.append(
            {
                "id": p.id,
                "intervention_id": p.intervention_id,
                "rank": p.rank,
                "code": r["code"] if known else None,
                "title": r["title"] if known else "Insatsen finns inte längre i källorna",
                "goal_area_id": r["goal_area_id"] if known else None,
                "goal_area": r["goal_area"] if known else None,
                "scope": r["scope"] if known else None,
                "plan_type": r["plan_type"] if known else None,
                "wording": p.wording,
                "owner_actor_id": p.owner_actor_id,
                "owner": actors.get(p.owner_actor_id) if p.owner_actor_id else None,
                "next_step": p.next_step,
                "status": p.status,
                "carried_from": p.carried_from_priority_id,
                "known": known,
                "source": r["source_title"] if known else None,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "intervention_id",
            "rank",
            "code",
            "title",
            "goal_area_id",
            "goal_area",
            "scope",
            "plan_type",
            "wording",
            "owner_actor_id",
            "owner",
            "next_step",
            "status",
            "carried_from",
            "known",
            "source",
        ],
    )


def names(extra_ids: list[str] | None = None):
    """Display names of insatser and actors for the change log and the conflict panel."""
    from components.dialog.change_log_text import Names

    ids = sorted(set(extra_ids or []))
    ref = interventions_by_ids(ids) if ids else pd.DataFrame(columns=["id", "code", "title"])
    full = {r["id"]: f"{r['code']} {r['title']}" if r["code"] else r["title"] for r in ref.to_dict("records")}
    codes = {r["id"]: r["code"] for r in ref.to_dict("records") if r["code"]}
    return Names(full, actor_options(), codes)
