"""Who this browser is, for keeping a person's drafts across reloads, page switches and server restarts.

In local mode (no sign-in), a person is a browser: a random id in a first-party cookie that app.py
writes on every run (one script element in the same place each run, so the page's layout never shifts).
It is not a login and gives no rights; it only finds this browser's own drafts again. The typed name for
the change log is kept in a cookie the same way, so a reload does not lose it.
"""

from __future__ import annotations

import json
import re
import uuid
from urllib.parse import unquote

import streamlit as st

BROWSER_COOKIE = "fardplan_webblasare"
NAME_COOKIE = "fardplan_namn"
_ID = re.compile(r"^[0-9a-f]{32}$")
_YEAR = 60 * 60 * 24 * 365


def _cookies() -> dict:
    try:
        return dict(st.context.cookies)
    except Exception:  # AppTest has no request and so no cookies
        return {}


def set_cookie_js(name: str, value: str) -> str:
    """JavaScript that writes a cookie for a year (value encoded; name and value passed as JSON strings)."""
    return (
        f"document.cookie = {json.dumps(name)} + '=' + encodeURIComponent({json.dumps(value)}) "
        f"+ '; path=/; max-age={_YEAR}; SameSite=Strict';"
    )


def browser_id() -> str:
    """This browser's id: from its cookie, or made now (app.py writes it to the cookie)."""
    if "_browser_id" not in st.session_state:
        known = _cookies().get(BROWSER_COOKIE, "")
        st.session_state["_browser_id"] = known if _ID.match(known) else uuid.uuid4().hex
    return st.session_state["_browser_id"]


def browser_cookie_js() -> str:
    return set_cookie_js(BROWSER_COOKIE, browser_id())


def person_key() -> str:
    """The key a person's drafts are kept under."""
    return "webbläsare:" + browser_id()


def remembered_name() -> str:
    return unquote(_cookies().get(NAME_COOKIE, ""))[:100]


def remember_name(name: str, container) -> None:
    """Write the typed name to its cookie (a script element that is there on every run)."""
    container.html(f"<script>{set_cookie_js(NAME_COOKIE, name[:100])}</script>", unsafe_allow_javascript=True)
