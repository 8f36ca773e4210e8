"""The sidebar every page shares: what the tool is and how fresh its data is."""

import streamlit as st

from components.common import auth
from components.common.store import run


def show(url_path: str = "") -> None:
    info = run("build_info")
    with st.sidebar:
        st.markdown(
            "**Färdplansdialogen**  \nUnderlag för de politiska samtalen om färdplanerna för "
            "Stockholmsregionens åtta regionala stadskärnor."
        )
        if len(info):
            built = info["built_at"].iloc[0]
            st.caption(f"Data byggd från källorna {built:%Y-%m-%d %H:%M} (UTC).")
    auth.sidebar_panel(url_path)
