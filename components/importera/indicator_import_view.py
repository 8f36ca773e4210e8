"""Lägesbild: the import of indicator values (template, upload, check, preview, save). Never shown in
read-only mode. The logic is in data.indicator_import (no Streamlit); this module only lays out."""

from __future__ import annotations

import streamlit as st

from components.common import auth
from components.common.format import plain
from components.common.store import publish_shared, run
from components.importera.roadmap_import_view import uploader
from data import indicator_import as ii
from queries.permissions import IMPORT, PermissionDenied

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_resource(show_spinner=False, max_entries=4)
def _catalog(stamp: str) -> ii.Catalog:
    return ii.Catalog.from_frames(run("import_catalog"), run("import_existing_values"))


def catalog() -> ii.Catalog:
    """What a file may refer to, once per build of the store."""
    return _catalog("|".join(str(v) for v in run("build_info").iloc[0]))


def show() -> None:
    if not auth.current_person().may(IMPORT):
        return
    st.header("Läs in indikatorvärden", anchor=False)
    st.markdown(
        "Har du siffror för en kärna, en kommun eller länet som inte finns här? Ladda ner mallen, fyll i "
        "en rad per värde (indikator, geografi, år, värde och källa) och läs in filen. Hela filen "
        "kontrolleras först; inget sparas förrän du har sett förhandsvisningen och bekräftat. Samma "
        "indikator, geografi, år och källa en gång till uppdaterar värdet."
    )
    cat = catalog()
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(
        "Mall (Excel)",
        lambda: ii.template_xlsx(cat),
        file_name="mall-indikatorvarden.xlsx",
        mime=XLSX,
        icon=":material/download:",
        key="import_mall_xlsx",
        on_click="ignore",
    )
    right.download_button(
        "Mall (CSV)",
        ii.template_csv(),
        file_name="mall-indikatorvarden.csv",
        mime="text/csv",
        icon=":material/download:",
        key="import_mall_csv",
        on_click="ignore",
    )
    done = st.session_state.pop("import_klar", None)
    if done:
        st.success(done, icon=":material/check_circle:")
    round_ = st.session_state.setdefault("import_omgang", 0)
    uploaded = uploader(
        "Fil att läsa in (CSV eller Excel .xlsx, högst 5 MB)", ["csv", "txt", "xlsx", "xls"], f"import_fil_{round_}"
    )
    if uploaded is None:
        return
    parsed = ii.parse(uploaded.name, uploaded.getvalue())
    rows, problems = ii.validate(parsed, cat)
    if problems:
        st.error(
            f"{plain(parsed.file)}: {len(problems)} problem. Inget har sparats; rätta filen och läs in den igen.",
            icon=":material/error:",
        )
        st.markdown("\n".join(f"- {plain(p.text(parsed.file))}" for p in problems[:200]))
        if len(problems) > 200:
            st.caption(f"… och {len(problems) - 200} problem till.")
        return
    for note in parsed.notes:
        st.info(plain(note), icon=":material/info:")
    plan = ii.plan(rows)
    st.markdown(
        f"**Förhandsvisning av {plain(parsed.file)}:** {len(plan.add)} läggs till, {len(plan.update)} "
        f"uppdateras, {len(plan.unchanged)} är oförändrade."
    )
    st.dataframe(ii.preview(plan, cat), hide_index=True, width="stretch", key="import_forhandsvisning")
    if not plan.changes:
        st.info("Alla värden i filen finns redan med samma värde. Inget behöver sparas.", icon=":material/info:")
        return
    if st.button(f"Spara {plan.changes} värden", type="primary", key="import_spara", icon=":material/save:"):
        try:
            auth.current_person().require(IMPORT)
            done = ii.apply(rows, parsed.file, who=auth.current_person())
        except PermissionDenied as exc:
            st.error(str(exc), icon=":material/lock:")
            return
        except ii.ImportRefused as exc:
            st.error(str(exc), icon=":material/error:")
            return
        publish_shared(
            f"{parsed.file}: {len(done.add)} indikatorvärden tillagda, {len(done.update)} uppdaterade",
            auth.current_person(),
        )
        st.session_state["import_klar"] = (
            f"{plain(parsed.file)}: {len(done.add)} värden lades till och {len(done.update)} uppdaterades. De finns "
            f"i data/curated/{ii.FOLDER}/indicator_values.csv och visas nu i lägesbilden och jämförelsen. Det som "
            "gällde före inläsningen sparades och kan återställas på sidan «Läs in färdplan»."
        )
        st.session_state["import_omgang"] = round_ + 1
        st.rerun()
