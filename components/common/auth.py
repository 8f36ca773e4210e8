"""Sign-in with OpenID Connect (Streamlit's st.login / st.user / st.logout) and the person behind a session.

Configured in .streamlit/secrets.toml (see docs/secrets.example.toml): [auth] with redirect_uri,
cookie_secret and one section per provider; `required` (default true once [auth] exists) makes sign-in
mandatory for writes. [roles] maps a claim's values (claim = "groups" or "roles") to the app's roles.
Without [auth] the app runs in local mode: one person on their own computer, with every role.
"""

from __future__ import annotations

import streamlit as st

from components.common.format import plain_inline
from queries.permissions import Person, roles_from_claims

NAME_KEY = "editor_name"


def _secrets() -> dict:
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # no secrets file: local mode
        return {}


def auth_section() -> dict:
    return dict(_secrets().get("auth", {}))


def configured() -> bool:
    return bool(auth_section())


def required() -> bool:
    return configured() and bool(auth_section().get("required", True))


def providers() -> dict[str, str]:
    """Provider name → the label on its sign-in button."""
    labels = dict(_secrets().get("login", {}).get("labels", {}))
    return {
        name: labels.get(name, f"Logga in ({name})")
        for name, value in auth_section().items()
        if hasattr(value, "keys") and "client_id" in value
    }


def _claims() -> dict:
    try:
        return st.user.to_dict() if st.user.is_logged_in else {}
    except Exception:
        return {}


def current_person() -> Person:
    """The person this session acts as: signed in (roles from the token's claim), local, or a reader."""
    if not configured():
        return Person.local_user(st.session_state.get(NAME_KEY, ""))
    claims = _claims()
    if claims:
        config = dict(_secrets().get("roles", {}))
        mapping = {str(k): list(v) for k, v in dict(config.get("map", {})).items()}
        roles = roles_from_claims(claims, str(config.get("claim", "groups")), mapping)
        name = str(claims.get("name") or claims.get("email") or claims.get("sub"))
        return Person(name, f"{claims.get('iss', '')}|{claims.get('sub', '')}", str(claims.get("email") or ""), roles)
    if not required():
        return Person.local_user(st.session_state.get(NAME_KEY, ""))
    return Person.anonymous()


@st.cache_resource
def _return_to() -> dict[str, tuple[str, dict]]:
    """Browser id → (page, query parameters) it signed in from; the provider sends everyone back to "/".
    In the server's memory: enough for one server (a second instance would need a shared table)."""
    return {}


def return_after_sign_in(pages: list) -> None:
    """Right after signing in: back to the page and filters the person came from."""
    from components.common import identity

    if not _claims():
        return
    target = _return_to().pop(identity.browser_id(), None)
    page = next((p for p in pages if target and p.url_path == target[0]), None)
    if page is not None:
        st.switch_page(page, query_params=target[1])


def _sign_in(provider: str, url_path: str) -> None:
    from components.common import identity

    returns = _return_to()
    if len(returns) > 1000:
        returns.clear()
    returns[identity.browser_id()] = (url_path, {k: st.query_params.get_all(k) for k in st.query_params})
    st.login(provider)


def sidebar_panel(url_path: str = "") -> None:
    """Who you are and how to sign in or out; in local mode, the name for the change log."""
    from components.common import identity
    from queries.permissions import read_only_mode

    with st.sidebar:
        if read_only_mode():
            st.caption("Läsläge: inget kan ändras i den här visningen.")
            return
        person = current_person()
        if person.local:
            st.caption("Lokalt läge – ingen inloggning")
            if NAME_KEY not in st.session_state:
                st.session_state[NAME_KEY] = identity.remembered_name()
            name = st.text_input("Ditt namn (visas i ändringsloggen)", key=NAME_KEY, max_chars=100)
            identity.remember_name(name, st)
        elif _claims():
            st.markdown(
                f"Inloggad som **{plain_inline(person.name)}**"
                + (f"  \n{plain_inline(person.email)}" if person.email else "")
            )
            st.caption(f"Roller: {person.role_text}")
            if st.button("Logga ut", icon=":material/logout:", key="logout"):
                st.logout()
        else:
            st.caption("Du är inte inloggad: du kan läsa allt, men inte ändra något.")
            for name, label in providers().items():
                if st.button(label, icon=":material/login:", key=f"login:{name}"):
                    _sign_in(name, url_path)
