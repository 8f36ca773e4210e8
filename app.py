"""Färdplansdialogen: entry script. Page config, navigation, the shared sidebar, one place for state."""

import streamlit as st

from components.common import auth, identity, sidebar, store
from components.common.focus_keeper import FOCUS_KEEPER_JS

st.set_page_config(page_title="Färdplansdialogen", page_icon=":material/route:", layout="wide")
# Streamlit hard-codes <html lang="en"> (#15726); the UI is Swedish. The same script keeps this browser's id in
# its cookie (components/common/identity.py: it finds the person's drafts again after a reload). The focus keeper:
# components/common/focus_keeper.py.
st.html(
    f"<script>document.documentElement.lang='sv'; {identity.browser_cookie_js()} {FOCUS_KEEPER_JS}</script>",
    unsafe_allow_javascript=True,
)
# Captions and other muted text at WCAG AA contrast on white and on the sidebar (axe, tests/e2e). A metric's
# label wraps instead of ending in «…» (goal-area names in five narrow cards on Insatser). A chosen pill or
# segment's text in a darker red (Streamlit's #c53948 on #f9ebed is 4.4:1; this is 6.5:1).
st.html(
    "<style>[data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] p "
    "{color: #474a52 !important; opacity: 1 !important;}"
    "[data-testid='stMetricLabel'] * {white-space: normal !important; overflow: visible !important;"
    " text-overflow: clip !important;}"
    "[data-testid='stButtonGroup'] [data-selected='true'], [data-testid='stButtonGroup'] [data-selected='true'] *"
    " {color: #a3202e !important;}</style>"
)
# Keyboard focus (WCAG 2.4.7, 1.4.11). Streamlit's own ring is a 50 % transparent shadow (about 2.2:1 on white);
# sidebar links and check boxes only get a faint background; a table's grid (a canvas) clips its outline; a
# table's toolbar (columns, CSV, search, full screen) stays invisible while its buttons have keyboard focus.
# So: one solid ring, 7.9:1 on white and on the sidebar, on everything focusable except text fields (their
# border already turns the primary colour), around a table while its grid has focus, and the toolbar shown
# while it has focus. Checked by tests/e2e/test_keyboard_pages.py.
st.html(
    "<style>:is(a, button, summary, [role='tab'], [tabindex]):not(input, textarea, [role='spinbutton'])"
    ":focus-visible, label[data-focus-visible]"
    " {outline: 3px solid #1a4fa0 !important; outline-offset: 2px !important;}"
    "[data-testid='stDataFrameResizable']:focus-within"
    " {outline: 3px solid #1a4fa0 !important; outline-offset: 2px !important;}"
    "[data-testid='stElementToolbar']:focus-within {opacity: 1 !important;}</style>"
)

# Each page: its file, title, icon, URL path, and what it is for (the link's tooltip).
PAGE_TABLE = [
    (
        "pages/start.py",
        "Start",
        ":material/map:",
        "start",
        "De åtta kärnorna på kartan och hur mycket av varje färdplan som är inläst",
    ),
    (
        "pages/karnprofil.py",
        "Kärnprofil",
        ":material/location_city:",
        "karnprofil",
        "En kärna: karaktär, färdriktningar, insatser, lägesbild och tidigare planer",
    ),
    (
        "pages/insatser.py",
        "Insatser",
        ":material/checklist:",
        "insatser",
        "Sök och filtrera insatserna i färdplanerna, RUFS och historiska planer",
    ),
    (
        "pages/aktorer.py",
        "Aktörer",
        ":material/groups:",
        "aktorer",
        "Vilka aktörer som leder eller medverkar i vilka insatser, och var",
    ),
    (
        "pages/dialog.py",
        "Dialoger",
        ":material/forum:",
        "dialoger",
        "Förbered och besluta prioriteringarna för en kärna och period",
    ),
    (
        "pages/mote.py",
        "Mötesläge",
        ":material/co_present:",
        "mote",
        "Prioriteringarna stort på skärmen under det politiska samtalet",
    ),
    (
        "pages/uppfoljning.py",
        "Uppföljning",
        ":material/fact_check:",
        "uppfoljning",
        "Gör beslutade prioriteringar konkreta och anteckna läget mellan samtalen",
    ),
    (
        "pages/beslutade.py",
        "Beslutade prioriteringar",
        ":material/gavel:",
        "beslutade",
        "Offentlig sida: de beslutade prioriteringarna, aldrig utkast",
    ),
    (
        "pages/oversikt.py",
        "Regional översikt",
        ":material/dashboard:",
        "oversikt",
        "Alla åtta kärnor: dialoger, beslut per målområde, aktörer och resurser",
    ),
    (
        "pages/jamfor.py",
        "Jämför kärnor",
        ":material/compare_arrows:",
        "jamfor",
        "Jämför kärnornas insatser och lägesbild sida vid sida",
    ),
    (
        "pages/lagesbild.py",
        "Lägesbild",
        ":material/monitoring:",
        "lagesbild",
        "Indikatorerna som följer kärnans utveckling per målområde",
    ),
    (
        "pages/importera.py",
        "Läs in färdplan",
        ":material/upload_file:",
        "importera",
        "Läs in en färdplan eller indikatorvärden, med förhandsgranskning och återställning",
    ),
    (
        "pages/kallor.py",
        "Källor",
        ":material/menu_book:",
        "kallor",
        "Varje källa bakom texterna och siffrorna, med år och avsnitt",
    ),
    (
        "pages/tillganglighet.py",
        "Tillgänglighet",
        ":material/accessibility:",
        "tillganglighet",
        "Tillgänglighetsredogörelse och hur appen används med tangentbord",
    ),
]
PAGES = [
    st.Page(file, title=title, icon=icon, url_path=url, help=text, default=url == "start")
    for file, title, icon, url, text in PAGE_TABLE
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
