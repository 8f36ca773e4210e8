"""Läs in färdplan: «Hämta statistik» from Kolada and SCB — choose, fetch, preview by name, save. The logic
is in data.live_stats (no Streamlit); restore is the page's version list (kind «statistik»)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common import auth
from components.common.format import is_missing, number, plain
from components.common.store import publish_shared
from components.importera import indicator_import_view
from data import live_stats as ls
from data.intake import ImportRefused
from data.paths import read_only_mode
from queries.permissions import IMPORT, PermissionDenied

INTRO = (
    "Hämta utvalda nyckeltal ur Kolada och tabeller ur SCB:s statistikdatabas för länets 26 kommuner och länet "
    "(alla kommuner behövs för att visa var kärnkommunerna ligger i länet). Inget sparas förrän du har sett "
    "förhandsvisningen och bekräftat; varje värde behåller nyckeltalets id och definition, år, kön och "
    "hämtdatum. Det som gällde före en hämtning sparas och kan återställas under «3. Tidigare versioner». "
    "Kräver att servern når api.kolada.se och statistikdatabasen.scb.se."
)


def _label(m: ls.Measure) -> str:
    return f"{'Kolada' if m.source == 'kolada' else 'SCB'} {m.id}: {m.name} (målområde {m.goal_area})"


def _shown(preview: pd.DataFrame) -> pd.DataFrame:
    """The preview with Swedish numbers; no earlier value is a dash, never «None»."""
    return preview.assign(
        Värde=[number(v) for v in preview["Värde"]],
        **{"Tidigare värde": ["–" if is_missing(v) else number(v) for v in preview["Tidigare värde"]]},
    )


def show() -> None:
    st.subheader("4. Hämta statistik från Kolada och SCB", anchor=False)
    st.markdown(INTRO)
    if read_only_mode():
        st.info("Hämtning är avstängd: appen körs i läsläge.", icon=":material/lock:")
        return
    if not auth.current_person().may(IMPORT):
        st.info("Att hämta statistik kräver rollen administratör.", icon=":material/lock:")
        return
    done = st.session_state.pop("stats_done", None)
    if done:
        st.success(done, icon=":material/check_circle:")
    measures = {m.key: m for m in ls.DEFAULT_SET}
    chosen = st.multiselect(
        "Nyckeltal och tabeller att hämta",
        list(measures),
        default=list(measures),
        format_func=lambda k: _label(measures[k]),
        key="stats_val",
    )
    with st.expander("Varför just de här nyckeltalen och tabellerna"):
        st.markdown("\n".join(f"- **{plain(_label(m))}**: {plain(m.why)}" for m in measures.values()))
    kolada, scb = (u.replace("`", "") for u in (ls.kolada_base(), ls.scb_base()))
    st.caption(f"Hämtas från `{kolada}` och `{scb}`. Urvalet beskrivs i docs/statistik.md.")
    kommuner = indicator_import_view.catalog().kommuner
    if st.button("Hämta statistik", icon=":material/cloud_download:", key="stats_hamta", disabled=not chosen):
        st.session_state.pop("stats_fetched", None)
        try:
            st.session_state["stats_fetched"] = ls.fetch([measures[k] for k in chosen], kommuner)
        except ImportRefused as exc:
            st.error("\n\n".join(plain(p) for p in exc.problems), icon=":material/cloud_off:")
            return
    fetched: ls.Fetched | None = st.session_state.get("stats_fetched")
    if fetched is None:
        return
    preview = pd.DataFrame(ls.preview_rows(fetched, kommuner))
    counts = preview["Åtgärd"].value_counts()
    changes = int(len(preview) - counts.get("Oförändrad", 0))
    st.markdown(
        f"**Förhandsvisning av hämtningen {fetched.retrieved}:** {len(fetched.values)} värden för "
        f"{len(fetched.indicators)} serier; {counts.get('Ny', 0)} nya, {counts.get('Ändras', 0)} ändrade, "
        f"{counts.get('Oförändrad', 0)} oförändrade."
    )
    st.dataframe(_shown(preview), hide_index=True, width="stretch", key="stats_forhandsvisning")
    if not changes:
        st.info("Allt som hämtades finns redan med samma värden. Inget behöver sparas.", icon=":material/info:")
        return
    if st.button(f"Spara {changes} ändringar", type="primary", icon=":material/save:", key="stats_spara"):
        try:
            auth.current_person().require(IMPORT)
            ls.apply(fetched, who=auth.current_person())
        except PermissionDenied as exc:
            st.error(str(exc), icon=":material/lock:")
            return
        except ImportRefused as exc:
            st.error("\n\n".join(plain(p) for p in exc.problems), icon=":material/error:")
            return
        publish_shared(f"Statistik hämtad från Kolada och SCB {fetched.retrieved}", auth.current_person())
        st.session_state.pop("stats_fetched", None)
        st.session_state["stats_done"] = (
            f"{len(fetched.values)} värden sparade i data/curated/{ls.FOLDER}/ och visas nu i lägesbilden och "
            "jämförelsen. Det som gällde före hämtningen kan återställas under «3. Tidigare versioner»."
        )
        st.rerun()
