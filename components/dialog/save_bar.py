"""The save bar: always in view at the top of Dialoger and Mötesläge. Says what is saved and what is a
draft, and holds Spara and Släpp utkastet."""

from __future__ import annotations

import streamlit as st

from components.dialog import change_log_text
from components.dialog import dialogue_session as ds
from queries.dialogue_model import Dialogue

# Fixed CSS (no user text): the bar sticks under Streamlit's header while the page scrolls. Streamlit wraps a
# keyed container in a wrapper of its own height, so the wrapper is what sticks. The scroll padding keeps a
# field that gets keyboard focus from scrolling in under the bar (WCAG 2.4.11).
STICKY_CSS = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-dialogue_bar) {position: sticky; top: 3.75rem; z-index: 990;}
[data-testid="stMain"] {scroll-padding-top: 8.5rem;}
.st-key-dialogue_bar {background: #ffffff; border-bottom: 1px solid #d0d3da; padding: 0.35rem 0 0.5rem;}
</style>"""


def status_line(d: Dialogue, dirty: bool) -> str:
    if not dirty:
        return f"Allt är sparat (version {d.version})."
    kept = ds.kept_at(d)
    when = f" kl. {change_log_text.local_time(kept):%H.%M}" if kept is not None else ""
    return f"Osparade ändringar · ditt utkast sparat{when} · andra ser dem när du sparar"


def show(bar, d: Dialogue, key: str = "save") -> None:
    """Fill the bar (a container made at the top of the page) once the page's widgets have run."""
    dirty = ds.dirty(d)
    with bar:
        st.html(STICKY_CSS)
        row = st.container(horizontal=True, vertical_alignment="center", gap="medium")
        if row.button("Spara", type="primary", icon=":material/save:", key=key, disabled=not dirty):
            ds.save(d)
            st.rerun()
        row.button(
            "Släpp utkastet",
            key=f"drop_{key}",
            icon=":material/undo:",
            disabled=not dirty,
            help="Ta bort dina osparade ändringar och visa den sparade versionen",
            on_click=ds.drop_draft,
            args=(d,),
        )
        row.markdown(status_line(d, dirty))
