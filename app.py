"""Färdplansdialogen: entry script. Page config, navigation, the shared sidebar, one place for state."""
import streamlit as st

from components import auth, identity, sidebar
from components import store

st.set_page_config(page_title="Färdplansdialogen", page_icon=":material/route:", layout="wide")
# Streamlit hard-codes <html lang="en"> (#15726); the UI is Swedish. The same script keeps this browser's id in
# its cookie (components/identity.py: it finds the person's drafts again after a reload).
st.html(f"<script>document.documentElement.lang='sv'; {identity.browser_cookie_js()}</script>",
        unsafe_allow_javascript=True)
# Captions and other muted text at WCAG AA contrast on white and on the sidebar (axe, tests/e2e).
st.html("<style>[data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] p "
        "{color: #474a52 !important; opacity: 1 !important;}</style>")
# Keyboard focus (WCAG 2.4.7, 1.4.11). Streamlit's own ring is a 50 % transparent shadow (about 2.2:1 on white);
# sidebar links and check boxes only get a faint background; a table's grid (a canvas) clips its outline; a
# table's toolbar (columns, CSV, search, full screen) stays invisible while its buttons have keyboard focus.
# So: one solid ring, 7.9:1 on white and on the sidebar, on everything focusable except text fields (their
# border already turns the primary colour), around a table while its grid has focus, and the toolbar shown
# while it has focus. Checked by tests/e2e/test_keyboard_pages.py.
st.html("<style>:is(a, button, summary, [role='tab'], [tabindex]):not(input, textarea, [role='spinbutton'])"
        ":focus-visible, label[data-focus-visible]"
        " {outline: 3px solid #1a4fa0 !important; outline-offset: 2px !important;}"
        "[data-testid='stDataFrameResizable']:focus-within"
        " {outline: 3px solid #1a4fa0 !important; outline-offset: 2px !important;}"
        "[data-testid='stElementToolbar']:focus-within {opacity: 1 !important;}</style>")

PAGES = [
    st.Page("pages/start.py", title="Start", icon=":material/map:", url_path="start", default=True),
    st.Page("pages/karnprofil.py", title="Kärnprofil", icon=":material/location_city:", url_path="karnprofil"),
    st.Page("pages/insatser.py", title="Insatser", icon=":material/checklist:", url_path="insatser"),
    st.Page("pages/aktorer.py", title="Aktörer", icon=":material/groups:", url_path="aktorer"),
    st.Page("pages/dialog.py", title="Dialoger", icon=":material/forum:", url_path="dialoger"),
    st.Page("pages/mote.py", title="Mötesläge", icon=":material/co_present:", url_path="mote"),
    st.Page("pages/uppfoljning.py", title="Uppföljning", icon=":material/fact_check:", url_path="uppfoljning"),
    st.Page("pages/beslutade.py", title="Beslutade prioriteringar", icon=":material/gavel:", url_path="beslutade"),
    st.Page("pages/oversikt.py", title="Regional översikt", icon=":material/dashboard:", url_path="oversikt"),
    st.Page("pages/jamfor.py", title="Jämför kärnor", icon=":material/compare_arrows:", url_path="jamfor"),
    st.Page("pages/lagesbild.py", title="Lägesbild", icon=":material/monitoring:", url_path="lagesbild"),
    st.Page("pages/importera.py", title="Läs in färdplan", icon=":material/upload_file:", url_path="importera"),
    st.Page("pages/kallor.py", title="Källor", icon=":material/menu_book:", url_path="kallor"),
    st.Page("pages/tillganglighet.py", title="Tillgänglighet", icon=":material/accessibility:",
            url_path="tillganglighet"),
]

page = st.navigation(PAGES, expanded=True)  # every page in view (14: more than the default 10)
problem, unavailable = store.status()
if unavailable:
    st.error(unavailable, icon=":material/error:")
    st.stop()
auth.return_after_sign_in(PAGES)
sidebar.show(page.url_path)
if problem:
    st.warning(problem, icon=":material/warning:")
page.run()
