"""The dialogue page's panels: the core's dialogues, create, participants, shortlist cards, balance, decide,
archive or delete, next period, change log."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.common.export_files import workbook_bytes
from components.common.format import GOAL_AREA_COLOURS, SCOPE, plain
from components.common.store import run
from components.dialog import (
    change_log_text,
    dialogue_draft,
    insats_timeline,
    priority_card,
    proposal_view,
)
from components.dialog import (
    dialogue_session as ds,
)
from components.uppfoljning import followup_data
from queries.dialogue_model import Dialogue, Participant
from queries.followup_store import FollowUpStore
from queries.user_store import UserStoreError

SIDE_LABEL = {"region": "Region", "kommun": "Kommun"}
LOG_LINES = 100


def default_period(today: date | None = None, taken: set[str] | frozenset = frozenset()) -> str:
    """The coming two-year period that has no dialogue yet."""
    year = (today or date.today()).year
    start = year if year % 2 == 0 else year + 1
    while f"{start}–{start + 1}" in taken:
        start += 2
    return f"{start}–{start + 1}"


def status_text(rec: dict) -> str:
    if pd.notna(rec.get("archived_at")):
        return "arkiverad"
    if rec["status"] == "beslutad" and pd.notna(rec.get("decided_at")):
        return f"beslutad {change_log_text.swedish_date(rec['decided_at'])}"
    return rec["status"]


def choice_format(labels: dict[str, str]):
    """The dialogue picker's label function («Välj dialog» for none). Made here, not in the page: a function
    made in a page script holds every variable of the page for as long as the session keeps the widget."""
    return lambda i: "Välj dialog" if i is None else labels[i]


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
    labels = {
        r["id"]: f"{r['period']}, dialog {n} (skapad {r['created_at']:%Y-%m-%d})" if many else r["period"]
        for r, n, many in zip(ordered.to_dict("records"), number, shared)
    }
    return {i: labels[i] for i in dialogues["id"]}  # in the list's order


def dialogue_list(dialogues: pd.DataFrame) -> None:
    """The core's dialogues with status and dates."""
    if dialogues.empty:
        return
    labels = choice_labels(dialogues)
    table = pd.DataFrame(
        {
            "Dialog": [labels[i] for i in dialogues["id"]],
            "Status": [status_text(r) for r in dialogues.to_dict("records")],
            "Mötesdatum": [change_log_text.swedish_date(v) if pd.notna(v) else "–" for v in dialogues["meeting_date"]],
            "Prioriteringar": dialogues["priorities"].astype(int),
            "Senast ändrad (svensk tid)": [change_log_text.when(t) for t in dialogues["updated_at"]],
        }
    )
    with st.expander(f"Kärnans dialoger ({len(table)})", icon=":material/list:"):
        st.dataframe(table, hide_index=True, width="stretch")


def create_form(core_id: str, dialogues: pd.DataFrame) -> str | None:
    """A form to start a dialogue; returns the new dialogue's id when one was created."""
    active = dialogues[dialogues["archived_at"].isna()]
    decided = active[active["status"] == "beslutad"]
    labels = choice_labels(dialogues)
    with st.expander("Ny dialog", icon=":material/add:", expanded=active.empty):
        with st.form("create_dialogue", border=False):
            left, mid, right = st.columns(3)
            period = left.text_input("Period", value=default_period(taken=set(active["period"])), max_chars=20)
            meeting = mid.date_input("Mötesdatum", value=None, format="YYYY-MM-DD")
            options = [None, *decided["id"]]
            previous = right.selectbox(
                "Utgå från",
                options,
                index=1 if len(options) > 1 else 0,
                format_func=lambda i: "Tom lista" if i is None else f"Beslutad dialog {labels[i]}",
            )
            reason = st.text_input("Skäl till en andra dialog för samma period (bara då det behövs)", max_chars=300)
            if st.form_submit_button("Skapa dialog", icon=":material/add:"):
                try:
                    created = ds.store().create(
                        core_id, period, meeting, who=ds.who(), from_dialogue_id=previous, reason=reason
                    )
                except UserStoreError as exc:
                    st.error(str(exc), icon=":material/error:")
                    return None
                return created.id
    return None


def participants_editor(d: Dialogue, locked: bool) -> None:
    """One row per participant (name, organisation, side), a button to add one and one to remove each."""
    if locked:
        if d.participants:
            st.dataframe(
                pd.DataFrame(
                    [
                        {"Namn": p.name, "Organisation": p.organisation or "–", "Sida": SIDE_LABEL[p.side]}
                        for p in d.participants
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
        else:
            st.caption("Inga deltagare antecknade.")
        return
    generation = st.session_state.setdefault(f"pgen:{d.id}", 0)
    st.markdown("**Deltagare**")
    for i, p in enumerate(d.participants):
        key = f"{d.id}:{d.version}:{generation}:{i}"
        name, org, side, remove = st.columns([4, 4, 2, 1.6], vertical_alignment="bottom")
        p.name = name.text_input("Namn", value=p.name, key=f"pn:{key}", max_chars=120)
        p.organisation = org.text_input("Organisation", value=p.organisation, key=f"po:{key}", max_chars=160)
        p.side = side.selectbox(
            "Sida", list(SIDE_LABEL), index=list(SIDE_LABEL).index(p.side), key=f"ps:{key}", format_func=SIDE_LABEL.get
        )
        remove.button(
            "Ta bort",
            icon=":material/person_remove:",
            key=f"prm:{key}",
            help=f"Ta bort deltagare {i + 1}",
            on_click=_remove_participant,
            args=(d, i),
        )
    if not d.participants:
        st.caption("Inga deltagare ännu.")
    st.button(
        "Lägg till deltagare", icon=":material/person_add:", key=f"padd:{d.id}", on_click=_add_participant, args=(d,)
    )


def _add_participant(d: Dialogue) -> None:
    d.participants.append(Participant("", "", "kommun"))
    st.session_state[f"pgen:{d.id}"] = st.session_state.get(f"pgen:{d.id}", 0) + 1


def _remove_participant(d: Dialogue, index: int) -> None:
    del d.participants[index]
    st.session_state[f"pgen:{d.id}"] = st.session_state.get(f"pgen:{d.id}", 0) + 1


ADD_FROM = {
    "fardplan": "Kärnans färdplan",
    "rufs": "RUFS 2050, Bilaga 2",
    "historisk": "Historiska planer",
    "forslag": "Förslag till ny insats",
}
ADD_FROM_IN = {"fardplan": "kärnans färdplan", "rufs": "RUFS 2050, Bilaga 2", "historisk": "historiska planer"}


def add_interventions(d: Dialogue, core_id: str) -> None:
    """Add insatser to the shortlist: from the core's roadmap, or the RUFS Bilaga 2 insatser and historical
    activities linked to the core (shown on the card and in the exports with their source)."""
    kind = st.segmented_control(
        "Lägg till från",
        list(ADD_FROM),
        format_func=ADD_FROM.get,
        default="fardplan",
        key=f"add_from:{d.id}",
        required=True,
    )
    if kind == "forslag":
        proposal_view.add_from_proposals(d, core_id)
        return
    found = run(
        "interventions_filtered",
        cores=[core_id],
        goal_areas=[],
        scopes=[],
        plan_types=[kind],
        kinds=[],
        actor=None,
        text=None,
    )
    present = {p.intervention_id for p in d.priorities}
    candidates = found[~found["id"].isin(present)]
    labels = {
        r[
            "id"
        ]: f"{r['code'] or ''} {r['title']} ({SCOPE[r['scope']].lower()}, {r['goal_area'] or 'utan målområde'})".strip()
        for r in candidates.to_dict("records")
    }
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    chosen = left.multiselect(
        f"Lägg till insatser ur {ADD_FROM_IN[kind]}",
        list(labels),
        format_func=labels.get,
        key=f"add:{d.id}:{kind}:{len(d.priorities)}",
        placeholder="Välj en eller flera insatser",
    )
    if right.button("Lägg till", key=f"add_button:{d.id}", disabled=not chosen, icon=":material/playlist_add:"):
        dialogue_draft.add(d, chosen)
        st.rerun()
    if found.empty:
        st.caption(f"Kärnan har inga insatser inlästa ur {ADD_FROM_IN[kind]}.")


def shortlist_cards(d: Dialogue, frame: pd.DataFrame, locked: bool) -> None:
    """A card per priority: every field visible at 1280 px, no table to scroll sideways."""
    actors = ds.actor_options()
    with ds.reads():
        previous = ds.guarded(ds.store().previous_priorities, d) if d.previous_dialogue_id else {}
        period = ds.guarded(ds.store().load, d.previous_dialogue_id).period if previous else None
        plans = ds.guarded(FollowUpStore().plans, list(previous)) if previous else {}
        periods = ds.guarded(
            insats_timeline.timelines, ds.store(), FollowUpStore(), d.core_id, [p.intervention_id for p in d.priorities]
        )
    by_id = {p.id: p for p in d.priorities}
    for index, row in enumerate(frame.to_dict("records")):
        p = by_id[row["id"]]
        before = previous.get(p.carried_from_priority_id)
        history = followup_data.carried_history(plans.get(p.carried_from_priority_id), before.status) if before else []
        priority_card.card(
            d, p, row, index, actors, locked, before, period, history, periods.get(p.intervention_id, [])
        )


def balance_panel(frame: pd.DataFrame) -> None:
    goal_areas = dict(zip(run("goal_areas")["id"], run("goal_areas")["short_name"]))
    counts = dialogue_draft.balance(frame, goal_areas)
    cols = st.columns(len(counts))
    for col, rec in zip(cols, counts.to_dict("records")):
        colour = GOAL_AREA_COLOURS.get(rec["goal_area_id"], "#6E6E6E")
        with col.container(border=True):
            st.markdown(
                f'<div style="border-top:6px solid {colour};margin:-0.4rem -0.4rem 0.3rem"></div>',
                unsafe_allow_html=True,
            )
            st.metric(rec["Målområde"], rec["Antal"])
    carriers = dialogue_draft.load_carriers(frame)
    with st.expander("Vem bär lasten? (prioriteringar per driver)"):
        st.dataframe(carriers, hide_index=True, width="stretch")


def confirmation_lines(d: Dialogue, confirmations) -> list[str]:
    """Per side: who confirmed which version and when, or that it is not confirmed (yet, or any more)."""
    lines = []
    for side in ("region", "kommun"):
        mine = [c for c in confirmations if c.side == side]
        active = next((c for c in reversed(mine) if c.active), None)
        label = "Regionen" if side == "region" else "Kommunen"
        if active:
            current = "" if active.version == d.version or d.decided else " – en äldre version"
            lines.append(
                f"{label}: bekräftat av {active.name} {change_log_text.when(active.confirmed_at)} "
                f"(version {active.version}{current})"
            )
        elif mine:
            last = mine[-1]
            lines.append(
                f"{label}: inte bekräftat. {last.name}s bekräftelse av version {last.version} drogs "
                f"tillbaka {change_log_text.when(last.withdrawn_at)} när dialogen ändrades."
            )
        else:
            lines.append(f"{label}: inte bekräftat ännu.")
    return lines


def decide_panel(d: Dialogue, dirty: bool) -> None:
    """The decision: confirmed per side by a beslutsfattare for that side; decided when both have confirmed
    the same version. A change after a confirmation withdraws it."""
    confirmations = ds.guarded(ds.store().confirmations, d.id)
    person = ds.who()
    sides = person.sides(d.core_id)
    open_ = any(c.active for c in confirmations) or (bool(sides) and not person.may("prepare"))
    with st.expander("Besluta prioriteringarna", icon=":material/gavel:", expanded=open_):
        st.markdown(
            "Beslutet bekräftas av båda sidor: en beslutsfattare för regionen och en för kommunen. "
            "Dialogen är beslutad när båda har bekräftat samma version; då låses den. En ändring "
            "efter en bekräftelse drar tillbaka den."
        )
        for line in confirmation_lines(d, confirmations):
            st.markdown(f"- {plain(line)}")
        if not sides:
            st.caption("Du har inte rollen beslutsfattare för den här kärnan och kan inte bekräfta.")
            return
        sure = st.checkbox("Prioriteringarna är överenskomna i samtalet", key=f"sure:{d.id}")
        if dirty:
            st.caption("Spara dina ändringar först.")
        cols = st.columns(len(sides))
        for col, side in zip(cols, sides):
            label = "Bekräfta för regionen" if side == "region" else "Bekräfta för kommunen"
            if len(sides) == 2 and person.local:
                label = "Besluta" if side == "kommun" else label
            if col.button(
                label,
                disabled=not sure or dirty,
                key=f"decide:{d.id}" if label == "Besluta" else f"confirm:{side}:{d.id}",
                type="primary",
            ):
                _confirm(d, ["region", "kommun"] if label == "Besluta" else [side])


def decision_record(d: Dialogue) -> None:
    """A decided dialogue: who confirmed it for each side, and when."""
    lines = [x for x in confirmation_lines(d, ds.guarded(ds.store().confirmations, d.id)) if ": bekräftat av " in x]
    if lines:
        with st.container(border=True, key="decision_record"):
            st.markdown("**Beslutet**  \n" + "  \n".join(plain(x) for x in lines))


def _confirm(d: Dialogue, sides: list[str]) -> None:
    try:
        for side in sides:
            result = ds.store().confirm(d.id, d.version, side, who=ds.who())
        ds.discard_draft(d.id)
        st.session_state["flash"] = (
            "success",
            "Prioriteringarna är beslutade. Nästa steg: starta nästa period när det är dags."
            if result.decided
            else "Din bekräftelse är sparad. Dialogen är beslutad när den andra sidan har bekräftat samma version.",
        )
    except UserStoreError as exc:
        st.session_state["flash"] = ("error", str(exc))
    st.rerun()


def archive_panel(d: Dialogue) -> bool:
    """Archive or delete a draft dialogue, with a reason for the log. True when it is gone from the list."""
    with st.expander("Arkivera eller ta bort utkastet", icon=":material/inventory_2:"):
        st.markdown(
            "Ett utkast som inte ska användas kan arkiveras (det finns kvar och kan tas fram igen) eller "
            "tas bort. Båda skrivs i ändringsloggen. En beslutad dialog kan inte tas bort."
        )
        reason = st.text_input("Skäl (skrivs i loggen)", key=f"archive_reason:{d.id}", max_chars=300)
        left, right = st.columns(2)
        archive = left.button("Arkivera", key=f"archive:{d.id}", icon=":material/archive:", disabled=not reason.strip())
        delete = right.button(
            "Ta bort utkastet", key=f"delete:{d.id}", icon=":material/delete_forever:", disabled=not reason.strip()
        )
        if archive or delete:
            try:
                (ds.store().archive if archive else ds.store().delete)(d.id, who=ds.who(), reason=reason)
            except UserStoreError as exc:
                st.error(str(exc), icon=":material/error:")
                return False
            ds.discard_draft(d.id)
            st.session_state["flash"] = ("success", "Utkastet är arkiverat." if archive else "Utkastet är borttaget.")
            return True
    return False


def archived_panel(d: Dialogue) -> None:
    st.info(
        "Dialogen är arkiverad och kan inte ändras." + (f" Skäl: {d.reason}" if d.reason else ""),
        icon=":material/inventory_2:",
    )
    if ds.may_prepare() and st.button("Ta fram ur arkivet", key=f"restore:{d.id}", icon=":material/unarchive:"):
        try:
            ds.store().restore(d.id, who=ds.who())
        except UserStoreError as exc:
            st.session_state["flash"] = ("error", str(exc))
        ds.discard_draft(d.id)
        st.rerun()


def next_period_panel(d: Dialogue) -> str | None:
    if not ds.may_prepare():
        return None
    with st.container(border=True):
        st.markdown("**Nästa steg: starta nästa period** – en ny dialog utifrån dessa prioriteringar och deras status.")
        left, right = st.columns([2, 1], vertical_alignment="bottom")
        start = int(d.period[:4]) + 2 if d.period[:4].isdigit() else date.today().year
        period = left.text_input("Period", value=f"{start}–{start + 1}", key=f"next_period:{d.id}")
        if right.button("Starta nästa period", key=f"next:{d.id}", icon=":material/skip_next:", type="primary"):
            try:
                return ds.store().create(d.core_id, period, None, who=ds.who(), from_dialogue_id=d.id).id
            except UserStoreError as exc:
                st.error(str(exc), icon=":material/error:")
    return None


def change_log_panel(d: Dialogue) -> None:
    log = ds.guarded(ds.store().change_log, d.id)
    if log.empty:
        st.caption("Inga ändringar ännu.")
        return
    names = ds.names([s for s in log["subject"].dropna()] + [i for v in log["after"].dropna() for i in _ids_in(v)])
    lines = change_log_text.readable(log, names)
    shown = lines.head(LOG_LINES)
    st.markdown("\n".join(f"- **{t}** · {plain(who)}: {plain(what)}" for t, who, what in shown.itertuples(index=False)))
    if len(lines) > LOG_LINES:
        st.caption(f"Visar de {LOG_LINES} senaste av {len(lines)} ändringar; hela loggen finns i Excel-filen.")
    st.download_button(
        "Ändringsloggen (Excel)",
        lambda: workbook_bytes(
            {"Ändringslogg": change_log_text.structured(log, names)},
            [
                ("Titel", f"Ändringslogg för dialogen {d.period}"),
                ("Kärna", d.core_id),
                ("Uttaget", date.today().isoformat()),
                (
                    "Anmärkning",
                    "Tiderna är svensk tid; kolumnen Tid (UTC) har samma tid i UTC. Före och Efter är de "
                    "sparade värdena. Uppgifterna är inmatade av användarna, inte hämtade ur källorna.",
                ),
            ],
        ),
        file_name=f"andringslogg-{d.core_id}-{d.period}.xlsx".replace("–", "-"),
        icon=":material/table:",
        key=f"log_xlsx:{d.id}",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _ids_in(value: str) -> list[str]:
    """Insats ids in a stored order event (a JSON list of ids)."""
    import json

    try:
        parsed = json.loads(value)
    except (TypeError, ValueError):
        return []
    return [i for i in parsed if isinstance(i, str)] if isinstance(parsed, list) else []


def export_panel(d: Dialogue) -> None:
    """Briefing downloads: Word, PDF and Excel of the saved dialogue, built only when clicked."""
    from components.briefing.briefing_data import collect
    from components.briefing.briefing_docx import docx_bytes
    from components.briefing.briefing_pdf import BriefingFontError, pdf_bytes
    from components.briefing.briefing_xlsx import shortlist_xlsx
    from components.common.store import reference_store

    store = ds.store()
    saved = store.load(d.id)

    def briefing():
        prev = store.load(saved.previous_dialogue_id).period if saved.previous_dialogue_id else None
        confirmations = [
            line for line in confirmation_lines(saved, store.confirmations(saved.id)) if ": bekräftat av " in line
        ]
        return collect(
            reference_store()[0].run,
            saved,
            store.previous_priorities(saved),
            previous_period=prev,
            confirmations=confirmations,
        )

    def pdf():
        try:
            return pdf_bytes(briefing())
        except BriefingFontError as exc:
            return str(exc).encode("utf-8")

    stem = f"underlag-{saved.core_id}-{saved.period}".replace("–", "-")
    st.markdown(
        "Underlaget innehåller kärnans profil, färdriktningar, lägesbild med diagram, "
        "prioriteringarna med formulering, driver och nästa steg, deltagarna och källorna. "
        "Det byggs av den senast sparade versionen."
    )
    a, b, c = st.columns(3)
    a.download_button(
        "Underlag (Word)",
        lambda: docx_bytes(briefing()),
        file_name=f"{stem}.docx",
        icon=":material/description:",
        key=f"docx:{d.id}",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    b.download_button(
        "Underlag (PDF)",
        pdf,
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key=f"pdf:{d.id}",
        on_click="ignore",
    )
    c.download_button(
        "Prioriteringar (Excel)",
        lambda: shortlist_xlsx(briefing()),
        file_name=f"{stem}.xlsx",
        icon=":material/table:",
        key=f"xlsx:{d.id}",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    if saved.decided:
        protocol_panel(saved)
    if saved.meeting_date:
        from components.dialog.calendar_ics import meeting_ics

        core = run("cores_overview").set_index("id")["name"].get(saved.core_id, saved.core_id)
        st.download_button(
            "Mötet i kalendern (.ics)",
            lambda: meeting_ics(core, saved.period, saved.meeting_date, saved.id, saved.meeting_place),
            file_name=f"mote-{saved.core_id}-{saved.period}.ics".replace("–", "-"),
            mime="text/calendar",
            icon=":material/event:",
            key=f"ics:{d.id}",
            on_click="ignore",
        )


def protocol_panel(saved: Dialogue) -> None:
    """The beslutsprotokoll of a decided dialogue, Word and PDF, built only when clicked."""
    from components.briefing.protocol_data import collect_protocol
    from components.briefing.protocol_docx import protocol_docx
    from components.briefing.protocol_pdf import protocol_pdf
    from components.common.store import reference_store

    def protocol():
        store = ds.store()
        plans = FollowUpStore().plans([p.id for p in saved.priorities])
        return collect_protocol(
            reference_store()[0].run,
            saved,
            store.confirmations(saved.id),
            plans,
            ds.actor_options(),
            saved.meeting_place,
        )

    stem = f"beslutsprotokoll-{saved.core_id}-{saved.period}".replace("–", "-")
    st.markdown(
        "**Beslutsprotokoll**: kärna, period, deltagare, de beslutade prioriteringarna med formulering, "
        "driver, medverkande, delmål och resurser, och vem som bekräftade beslutet och när."
    )
    a, b, _ = st.columns(3)
    a.download_button(
        "Beslutsprotokoll (Word)",
        lambda: protocol_docx(protocol()),
        file_name=f"{stem}.docx",
        icon=":material/gavel:",
        key=f"protocol_docx:{saved.id}",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    b.download_button(
        "Beslutsprotokoll (PDF)",
        lambda: protocol_pdf(protocol()),
        file_name=f"{stem}.pdf",
        icon=":material/picture_as_pdf:",
        key=f"protocol_pdf:{saved.id}",
        on_click="ignore",
        mime="application/pdf",
    )
