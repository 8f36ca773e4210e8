"""The dialogue page's panels: create, participants, shortlist editor, balance, decide, log."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from components import dialogue_draft, dialogue_session as ds
from components.format import GOAL_AREA_COLOURS, SCOPE
from components.store import run
from queries.user_store import STATUSES, Dialogue, Participant, UserStoreError, read_only_mode

SIDE_LABEL = {"region": "Region", "kommun": "Kommun"}


def default_period(today: date | None = None) -> str:
    year = (today or date.today()).year
    start = year if year % 2 == 0 else year + 1
    return f"{start}–{start + 1}"


def dialogue_label(rec: dict) -> str:
    when = f" · möte {rec['meeting_date']:%Y-%m-%d}" if pd.notna(rec.get("meeting_date")) else ""
    return f"{rec['period']} · {rec['status']}{when} · {rec['priorities']} prioriteringar"


def choice_labels(dialogues: pd.DataFrame) -> dict[str, str]:
    """Labels for picking one of a core's dialogues: the period; when several share it, numbered in the order
    they were made, with the date.

    Only what does not change, and unique: Streamlit keeps a select box's choice by its label, so a label with
    the number of priorities, the meeting date or the status changed on save and the next click lost the
    dialogue (and two equal labels would be one choice).
    """
    ordered = dialogues.sort_values("created_at", kind="stable")
    number = ordered.groupby("period").cumcount() + 1
    shared = ordered["period"].duplicated(keep=False)
    labels = {r["id"]: f"{r['period']}, dialog {n} (skapad {r['created_at']:%Y-%m-%d})" if many else r["period"]
              for r, n, many in zip(ordered.to_dict("records"), number, shared)}
    return {i: labels[i] for i in dialogues["id"]}  # in the list's order


def create_form(core_id: str, dialogues: pd.DataFrame) -> str | None:
    """A form to start a dialogue; returns the new dialogue's id when one was created."""
    decided = dialogues[dialogues["status"] == "beslutad"]
    with st.form("create_dialogue", border=True):
        st.markdown("**Ny dialog**")
        left, mid, right = st.columns(3)
        period = left.text_input("Period", value=default_period(), max_chars=20)
        meeting = mid.date_input("Mötesdatum", value=None, format="YYYY-MM-DD")
        options = [None, *decided["id"]]
        labels = {r["id"]: dialogue_label(r) for r in decided.to_dict("records")}
        previous = right.selectbox("Utgå från", options, format_func=lambda i: "Tom lista" if i is None
                                   else "Föregående: " + labels[i])
        if st.form_submit_button("Skapa dialog", icon=":material/add:"):
            try:
                created = ds.store().create(core_id, period, meeting, who=ds.who(), from_dialogue_id=previous)
            except UserStoreError as exc:
                st.error(str(exc))
                return None
            return created.id
    return None


def editor_base(key: str, build: Callable[[], Any]) -> Any:
    """What a data_editor under `key` starts from, kept for as long as the editor holds its edits.

    Streamlit keeps an editor's edits by row position and applies them to the data the script passes on each
    run, so that data must not change under them. Passing the draft, which already has the edits, re-applied
    a rank edit to whichever row came first after re-sorting, and gave the participants' editor (num_rows=
    "dynamic": its identity includes the data) a fresh identity on the next run, dropping the edit made there.
    The base is built again when the editor's state is gone: first run, new version, page left and back.
    """
    base_key = f"_base:{key}"
    if key not in st.session_state or base_key not in st.session_state:
        st.session_state[base_key] = build()
    return st.session_state[base_key]


def participants_editor(d: Dialogue, disabled: bool) -> None:
    key = f"participants:{d.id}:{d.version}"
    frame = editor_base(key, lambda: pd.DataFrame(
        [{"Namn": p.name, "Organisation": p.organisation, "Sida": SIDE_LABEL[p.side]} for p in d.participants],
        columns=["Namn", "Organisation", "Sida"]))
    edited = st.data_editor(
        frame, num_rows="fixed" if disabled else "dynamic", disabled=disabled, hide_index=True,
        width="stretch", key=key,
        column_config={"Namn": st.column_config.TextColumn(required=True, max_chars=120),
                       "Organisation": st.column_config.TextColumn(max_chars=160),
                       "Sida": st.column_config.SelectboxColumn(options=list(SIDE_LABEL.values()),
                                                                required=True, default="Kommun")})
    if not disabled:
        side = {v: k for k, v in SIDE_LABEL.items()}
        d.participants = [Participant(str(r["Namn"] or ""), str(r["Organisation"] or ""),
                                      side.get(r["Sida"], "kommun"))
                          for r in edited.to_dict("records") if str(r["Namn"] or "").strip()]


def add_interventions(d: Dialogue, core_id: str) -> None:
    found = run("interventions_filtered", cores=[core_id], goal_areas=[], scopes=[], plan_types=["fardplan"],
                kinds=[], actor=None, text=None)
    present = {p.intervention_id for p in d.priorities}
    candidates = found[~found["id"].isin(present)]
    labels = {r["id"]: f"{r['code'] or ''} {r['title']} ({SCOPE[r['scope']].lower()}, {r['goal_area']})".strip()
              for r in candidates.to_dict("records")}
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    chosen = left.multiselect("Lägg till insatser från kärnans färdplan", list(labels), format_func=labels.get,
                              key=f"add:{d.id}:{len(d.priorities)}", placeholder="Välj en eller flera insatser")
    if right.button("Lägg till", key=f"add_button:{d.id}", disabled=not chosen, icon=":material/playlist_add:"):
        dialogue_draft.add(d, chosen)
        st.rerun()
    if found.empty:
        st.caption("Kärnan har inga färdplansinsatser inlästa.")


def shortlist_table(d: Dialogue, frame: pd.DataFrame, disabled: bool) -> pd.DataFrame:
    """The shortlist as the editor shows it, in rank order (frame is components.dialogue_session.shortlist_frame)."""
    previous = ds.store().previous_priorities(d) if d.previous_dialogue_id else {}
    table = pd.DataFrame({
        "Rang": frame["rank"], "Insats": (frame["code"].fillna("") + " " + frame["title"]).str.strip(),
        "Målområde": frame["goal_area"].fillna("–"),
        "Formulering / motivering": frame["wording"], "Driver": frame["owner"],
        "Nästa steg": frame["next_step"], "Status": frame["status"],
        "Förra perioden": [previous[c].status if c in previous else "" for c in frame["carried_from"]],
        "Ta bort": False,
    })
    if not previous:
        table = table.drop(columns=["Förra perioden"])
    if disabled:
        table = table.drop(columns=["Ta bort"])
    return table


def shortlist_editor(d: Dialogue, frame: pd.DataFrame, disabled: bool) -> None:
    """The shortlist as an editable table: rank, wording, driver, next step, status, remove."""
    actors = ds.actor_options()
    by_label = {v: k for k, v in actors.items()}
    key = f"shortlist:{d.id}:{d.version}:{len(frame)}:{int(disabled)}"
    ids, table = editor_base(key, lambda: (list(frame["id"]), shortlist_table(d, frame, disabled)))
    edited = st.data_editor(
        table, hide_index=True, width="stretch", disabled=disabled or ["Insats", "Målområde", "Förra perioden"],
        key=key,
        column_config={
            "Rang": st.column_config.NumberColumn(min_value=1, max_value=99, step=1, width="small"),
            "Insats": st.column_config.TextColumn(width="large"),
            "Formulering / motivering": st.column_config.TextColumn(width="large", max_chars=4000),
            "Driver": st.column_config.SelectboxColumn(options=sorted(by_label), width="medium"),
            "Nästa steg": st.column_config.TextColumn(width="medium", max_chars=4000),
            "Status": st.column_config.SelectboxColumn(options=STATUSES, required=True),
            "Ta bort": st.column_config.CheckboxColumn(width="small"),
        })
    if disabled:
        return
    by_id = {p.id: p for p in d.priorities}
    keep = [p for p in d.priorities if p.id not in ids]  # none, unless the draft changed elsewhere
    for pid, rec in zip(ids, edited.to_dict("records")):
        if rec.get("Ta bort") or pid not in by_id:
            continue
        p = by_id[pid]
        p.rank = int(rec["Rang"]) if pd.notna(rec["Rang"]) else p.rank
        p.wording = rec["Formulering / motivering"] or ""
        p.owner_actor_id = by_label.get(rec["Driver"]) if rec["Driver"] else None
        p.next_step = rec["Nästa steg"] or ""
        p.status = rec["Status"] or p.status
        keep.append(p)
    d.priorities = keep


def balance_panel(frame: pd.DataFrame) -> None:
    goal_areas = dict(zip(run("goal_areas")["id"], run("goal_areas")["short_name"]))
    counts = dialogue_draft.balance(frame, goal_areas)
    cols = st.columns(len(counts))
    for col, rec in zip(cols, counts.to_dict("records")):
        colour = GOAL_AREA_COLOURS.get(rec["goal_area_id"], "#6E6E6E")
        with col.container(border=True):
            st.markdown(f'<div style="border-top:6px solid {colour};margin:-0.4rem -0.4rem 0.3rem"></div>',
                        unsafe_allow_html=True)
            st.metric(rec["Målområde"], rec["Antal"])
    carriers = dialogue_draft.load_carriers(frame)
    with st.expander("Vem bär lasten? (prioriteringar per driver)"):
        st.dataframe(carriers, hide_index=True, width="stretch")


def conflict_panel(d: Dialogue) -> None:
    current = st.session_state.get(f"conflict:{d.id}")
    if current is None:
        return
    st.warning("Någon annan har sparat dialogen medan du redigerade. Din version finns kvar nedan och "
               "har inte sparats. Den sparade versionen:", icon=":material/sync_problem:")
    st.dataframe(ds.shortlist_frame(current)[["rank", "title", "wording", "owner", "next_step", "status"]]
                 .rename(columns={"rank": "Rang", "title": "Insats", "wording": "Formulering", "owner": "Driver",
                                  "next_step": "Nästa steg", "status": "Status"}), hide_index=True, width="stretch")
    left, right = st.columns(2)
    if left.button("Behåll min version och spara över", key=f"overwrite:{d.id}"):
        d.version = current.version
        ds.save(d)
        st.rerun()
    if right.button("Släpp mina ändringar och ladda den sparade", key=f"reload:{d.id}"):
        ds.discard_draft(d.id)
        st.rerun()


def decide_panel(d: Dialogue, dirty: bool) -> None:
    with st.expander("Besluta prioriteringarna", icon=":material/gavel:"):
        st.markdown("När prioriteringarna är beslutade låses dialogen. Nästa period startar utifrån den.")
        sure = st.checkbox("Prioriteringarna är överenskomna i samtalet", key=f"sure:{d.id}")
        if dirty:
            st.caption("Spara dina ändringar först.")
        if st.button("Besluta", disabled=not sure or dirty, key=f"decide:{d.id}", type="primary"):
            try:
                ds.store().decide(d.id, d.version, who=ds.who())
                ds.discard_draft(d.id)
                st.session_state["flash"] = ("success", "Prioriteringarna är beslutade.")
            except UserStoreError as exc:
                st.session_state["flash"] = ("error", str(exc))
            st.rerun()


def next_period_panel(d: Dialogue) -> str | None:
    if read_only_mode():
        return None
    with st.container(border=True):
        st.markdown("**Nästa period** – starta en ny dialog utifrån dessa prioriteringar och deras status.")
        left, right = st.columns([2, 1], vertical_alignment="bottom")
        start = int(d.period[:4]) + 2 if d.period[:4].isdigit() else date.today().year
        period = left.text_input("Period", value=f"{start}–{start + 1}", key=f"next_period:{d.id}")
        if right.button("Starta nästa period", key=f"next:{d.id}", icon=":material/skip_next:"):
            try:
                return ds.store().create(d.core_id, period, None, who=ds.who(), from_dialogue_id=d.id).id
            except UserStoreError as exc:
                st.error(str(exc))
    return None


def change_log_panel(d: Dialogue) -> None:
    log = ds.store().change_log(d.id)
    st.dataframe(log.rename(columns={"changed_at": "När", "who": "Vem", "what": "Vad", "before": "Före",
                                     "after": "Efter"}), hide_index=True, width="stretch")


def export_panel(d: Dialogue) -> None:
    """Briefing downloads: Word, PDF and Excel of the saved dialogue, built only when clicked."""
    from components.briefing_data import collect
    from components.briefing_docx import docx_bytes
    from components.briefing_pdf import BriefingFontError, pdf_bytes
    from components.briefing_xlsx import shortlist_xlsx
    from components.store import reference_store

    store = ds.store()
    saved = store.load(d.id)

    def briefing():
        prev = store.load(saved.previous_dialogue_id).period if saved.previous_dialogue_id else None
        return collect(reference_store()[0].run, saved, store.previous_priorities(saved), previous_period=prev)

    def pdf():
        try:
            return pdf_bytes(briefing())
        except BriefingFontError as exc:
            return str(exc).encode("utf-8")

    stem = f"underlag-{saved.core_id}-{saved.period}".replace("–", "-")
    st.markdown("Underlaget innehåller kärnans profil, färdriktningar, lägesbild med diagram, "
                "prioriteringarna med formulering, driver och nästa steg, deltagarna och källorna. "
                "Det byggs av den senast sparade versionen.")
    a, b, c = st.columns(3)
    a.download_button("Underlag (Word)", lambda: docx_bytes(briefing()), file_name=f"{stem}.docx",
                      icon=":material/description:", key=f"docx:{d.id}",
                      mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    b.download_button("Underlag (PDF)", pdf, file_name=f"{stem}.pdf", mime="application/pdf",
                      icon=":material/picture_as_pdf:", key=f"pdf:{d.id}")
    c.download_button("Prioriteringar (Excel)", lambda: shortlist_xlsx(briefing()), file_name=f"{stem}.xlsx",
                      icon=":material/table:", key=f"xlsx:{d.id}",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
