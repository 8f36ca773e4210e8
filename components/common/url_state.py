"""Filters that live in the URL, so a link reproduces a view.

The URL holds ids (e.g. ?karna=sodertalje&karna=haninge&malomrade=3), the widgets show Swedish labels.
A value in the URL that is not a known option is dropped and reported, never passed on to a query.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st


def _seed(key: str, options: list, many: bool, default) -> None:
    """Seed a widget's state from the URL the first time the page runs in this session."""
    if key in st.session_state:
        return
    raw = st.query_params.get_all(key)
    by_text = {str(o): o for o in options}
    known = [by_text[v] for v in raw if v in by_text]
    unknown = [v for v in raw if v not in by_text]
    if unknown:
        st.session_state.setdefault("_url_warnings", []).append(
            f"Okänt värde i länken för «{key}»: {', '.join(unknown)[:200]}. Det har ignorerats."
        )
    if many:
        st.session_state[key] = list(dict.fromkeys(known))
    else:
        st.session_state[key] = known[0] if known else default


def _write(key: str, value, default) -> None:
    values = value if isinstance(value, list) else ([] if value in (None, default, "") else [value])
    if values:
        st.query_params[key] = [str(v) for v in values]
    elif key in st.query_params:
        del st.query_params[key]


def multiselect(
    label: str, options: list[Hashable], key: str, format_func: Callable = str, container=st, **kwargs
) -> list:
    _seed(key, options, True, [])
    value = container.multiselect(label, options, format_func=format_func, key=key, **kwargs)
    _write(key, value, [])
    return value


def pills(label: str, options: list[Hashable], key: str, format_func: Callable = str, container=st, **kwargs) -> list:
    _seed(key, options, True, [])
    value = container.pills(label, options, format_func=format_func, key=key, selection_mode="multi", **kwargs) or []
    _write(key, value, [])
    return value


def selectbox(
    label: str, options: list[Hashable], key: str, format_func: Callable = str, container=st, default=None, **kwargs
):
    _seed(key, options, False, default)
    value = container.selectbox(label, options, format_func=format_func, key=key, **kwargs)
    _write(key, value, default)
    return value


def segmented(
    label: str, options: list[Hashable], key: str, format_func: Callable = str, container=st, default=None, **kwargs
):
    """One of a few choices, always one (a segmented control): the URL holds it unless it is the default."""
    _seed(key, options, False, default)
    value = container.segmented_control(label, options, format_func=format_func, key=key, required=True, **kwargs)
    _write(key, value, default)
    return value


def text_input(label: str, key: str, container=st, max_chars: int = 200, **kwargs) -> str:
    if key not in st.session_state:
        st.session_state[key] = (st.query_params.get(key) or "")[:max_chars]
    value = container.text_input(label, key=key, max_chars=max_chars, **kwargs).strip()
    _write(key, value, "")
    return value


def show_warnings() -> None:
    for message in st.session_state.pop("_url_warnings", []):
        st.warning(message, icon=":material/link_off:")
