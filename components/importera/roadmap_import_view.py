"""The parts of the page «Läs in färdplan»: the template, the checked upload with its preview, versions.

The work is in data/roadmap_import.py (no Streamlit there); this module only lays it out. User and file
text is shown as text: Markdown characters are escaped (components.common.format.plain) or it sits in a table.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from components.common import auth
from components.common.format import plain
from components.common.store import publish_shared
from data import roadmap_import as ri
from data.roadmap_template import MAX_BYTES
from queries.permissions import PermissionDenied

SHOWN_PROBLEMS = 100
HELP = """
- **Mallen** har en flik per del av färdplanen. Fliken *Instruktioner* i mallen förklarar varje kolumn; flikarna
  *Målområden*, *Gemensamma insatser* och *Kända aktörer* visar vad du kan hänvisa till.
- **Filen** får vara en .xlsx-fil eller flikarna som CSV-filer (UTF-8 eller Windows-1252, komma eller
  semikolon), högst 5 MB.
- **Allt kontrolleras innan något sparas.** Varje fel anges med fil, flik, rad och kolumn. En cell som börjar
  med = + - @, tabb eller radbrytning läses inte in (Excel skulle läsa den som en formel); inte heller osynliga
  styrtecken. HTML och Markdown (t.ex. en länk) sparas som vanlig text och visas alltid som text.
- **Förhandsgranskningen** visar vad som tillkommer, ändras och tas bort. Inget ändras förrän du bekräftar.
- **Före varje inläsning sparas det som gällde**, också före den första. Under *Tidigare versioner* kan du
  återställa en version; du får bekräfta först, och det som gällde sparas i sin tur.
- Bara en inläsning eller återställning i taget: en som startar samtidigt väntar tills den första är klar.
"""
# Streamlit's drop zone says «… MB per file • XLSX, CSV» in English, with no option to change it (1.67): that
# hint is hidden, and the label above says the same in Swedish, with the real limit (server.maxUploadSize in
# .streamlit/config.toml). The button's «Upload» stays: replacing only its visible text would leave screen
# readers an English name that differs from the visible one (WCAG 2.5.3), and axe finds no name at all.
UPLOADER_CSS = "<style>[data-testid='stFileUploaderDropzoneInstructions'] {display: none !important;}</style>"


def uploader(label: str, types: list[str], key: str, multiple: bool = False):
    """st.file_uploader with Swedish texts and the real limit (MAX_BYTES)."""
    st.html(UPLOADER_CSS)
    return st.file_uploader(
        label, type=types, accept_multiple_files=multiple, key=key, max_upload_size=MAX_BYTES // 1024 // 1024
    )


def _bullets(lines: list[str], limit: int = SHOWN_PROBLEMS) -> str:
    text = "\n".join(f"- {plain(line)}" for line in lines[:limit])
    if len(lines) > limit:
        text += f"\n- … och {len(lines) - limit} till."
    return text


def core_options(curated) -> pd.DataFrame:
    """id, name, roadmap_status of the cores, straight from common/cores.csv (cheap on every rerun)."""
    cores = pd.read_csv(Path(curated) / "common" / "cores.csv", dtype=str, keep_default_na=False)
    return cores[["id", "name", "roadmap_status"]]


def template_section(curated) -> None:
    st.subheader("1. Mallen")
    st.markdown(
        "Mallen är en Excel-arbetsbok med en flik per del av färdplanen: *Källa*, *Kärna*, "
        "*Färdriktningar*, *Insatser*, *Aktörer per insats* och *Nya aktörer*. Fliken *Instruktioner* "
        "förklarar varje kolumn. Välj en kärna med färdplan för att få en ifylld mall som exempel, "
        "eller den kärna du ska läsa in."
    )
    cores = core_options(curated)
    names = dict(zip(cores["id"], cores["name"]))
    status = dict(zip(cores["id"], cores["roadmap_status"]))
    labels = {"antagen": "färdplan antagen", "utkast": "färdplan i utkast", "ingen": "ingen färdplan ännu"}
    options = ["", *cores["id"]]
    choice = st.selectbox(
        "Mallen ifylld för",
        options,
        index=options.index("sodertalje") if "sodertalje" in options else 0,
        format_func=lambda c: "Tom mall" if not c else f"{names[c]} ({labels.get(status[c], status[c])})",
        key="import_template_core",
    )
    file_name = f"fardplan-mall-{choice or 'tom'}.xlsx"
    st.download_button(
        "Ladda ned mallen (Excel)",
        data=lambda: ri.export_template(choice or None, curated),
        file_name=file_name,
        icon=":material/download:",
        key="import_template_download",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _payload_key(payload: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, data in payload:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def show_plan(plan: ri.Plan) -> None:
    """Problems, or what the import will do; notes in both cases."""
    if not plan.ok:
        st.error(
            f"Filen kan inte läsas in: {len(plan.problems)} fel. Inget har ändrats. Rätta filen och läs in den igen.",
            icon=":material/error:",
        )
        st.markdown(_bullets(plan.problems))
    if plan.notes:
        with st.expander(f"Att känna till ({len(plan.notes)})", expanded=plan.ok):
            st.markdown(_bullets(plan.notes))
    if not plan.ok:
        return
    replaces = (
        f" Den ersätter det som nu finns i {', '.join('curated/' + f for f in plan.replaces)}; det "
        "sparas som en tidigare version."
        if plan.replaces and not plan.changes.empty
        else ""
    )
    st.success(
        f"Filen är kontrollerad utan fel: färdplan för **{plan.core_name}** ur källan "
        f"«{plain(plan.source['title'])}» ({plan.source['year']}, {plan.source['status']}), till "
        f"mappen curated/{plan.folder}.{replaces}",
        icon=":material/check_circle:",
    )
    counts = plan.counts()
    st.caption("Den inlästa färdplanen innehåller:")
    for column, (label, value) in zip(st.columns(len(counts)), counts.items()):
        column.metric(label.capitalize(), value)


def preview_table(changes: pd.DataFrame) -> None:
    summary = changes.groupby("Ändring").size().reindex(["tillkommer", "ändras", "tas bort"], fill_value=0)
    st.markdown(
        f"**Förhandsgranskning:** {summary['tillkommer']} tillkommer, {summary['ändras']} ändras, "
        f"{summary['tas bort']} tas bort. Inget ändras förrän du bekräftar."
    )
    st.dataframe(
        changes,
        hide_index=True,
        width="stretch",
        key="import_preview",
        column_config={"Post": st.column_config.TextColumn(width="large")},
    )


def upload_section(curated, target=None) -> None:
    st.subheader("2. Läs in")
    done = st.session_state.pop("import_done", None)
    if done:
        st.success(done, icon=":material/task_alt:")
    round_ = st.session_state.setdefault("import_round", 0)
    files = uploader(
        f"Den ifyllda mallen: en .xlsx-fil, eller flikarna som CSV-filer (högst {MAX_BYTES // 1024 // 1024} MB)",
        ["xlsx", "csv"],
        f"import_files_{round_}",
        multiple=True,
    )
    if not files:
        st.caption(
            "Filen kontrolleras när den laddats upp. Du ser först vad som skulle tillkomma, ändras "
            "och tas bort; inget skrivs förrän du bekräftar."
        )
        return
    payload = [(f.name, f.getvalue()) for f in files]
    key = _payload_key(payload)
    cached = st.session_state.get("import_plan")
    if cached is None or cached[0] != key or cached[1].state != ri.curated_state(Path(curated)):
        with st.spinner("Kontrollerar filen och provbygger databasen …"):
            plan = ri.prepare(payload, curated)
        st.session_state["import_plan"] = (key, plan)
    plan = st.session_state["import_plan"][1]
    show_plan(plan)
    if not plan.ok:
        return
    if plan.changes.empty:
        st.info("Filen ger inga ändringar: färdplanen finns redan så här. Inget att läsa in.", icon=":material/info:")
        return
    preview_table(plan.changes)
    st.caption(f"Raden i *Ändringar i datan* blir: {plain(plan.change_line)}")
    if st.button("Läs in färdplanen", type="primary", icon=":material/upload_file:", key="import_confirm"):
        try:
            with st.spinner("Skriver färdplanen och bygger om databasen …"):
                result = ri.apply(plan, target, who=auth.current_person())
        except PermissionDenied as exc:
            st.error(str(exc), icon=":material/lock:")
            return
        except ri.ImportRefused as exc:
            st.error("Inläsningen stoppades. Inget har ändrats.", icon=":material/error:")
            st.markdown(_bullets(exc.problems))
            return
        publish_shared(result.message, auth.current_person())
        st.session_state["import_done"] = result.message
        st.session_state["import_round"] = round_ + 1
        st.session_state.pop("import_plan", None)
        st.rerun()


def version_labels(versions: pd.DataFrame, curated) -> dict[str, str]:
    """Each saved version by date, content and person: what a person recognises, not the folder id."""
    cores = core_options(curated)
    names = dict(zip(cores["id"], cores["name"]))
    titles = {}
    sources_csv = Path(curated) / "common" / "sources.csv"
    if sources_csv.exists():
        sources = pd.read_csv(sources_csv, dtype=str, keep_default_na=False)
        titles = dict(zip(sources["id"], sources["title"]))
    labels = {}
    for r in versions.to_dict("records"):
        when = ri.label_time(r["saved_at"])
        if r["kind"] == "statistik":
            what = (
                "Hämtad statistik (Kolada, SCB): ingen (läget före den första hämtningen)"
                if r["empty"]
                else f"Hämtad statistik (Kolada, SCB): {r['values']} värden"
            )
        elif r["kind"] == "indicators":
            what = (
                "Inlästa indikatorvärden: inga (läget före den första inläsningen)"
                if r["empty"]
                else f"Inlästa indikatorvärden: {r['values']} värden"
            )
        else:
            core = names.get(r["core_id"], "okänd kärna")
            what = (
                f"{core}: ingen färdplan (läget före den första inläsningen)"
                if r["empty"]
                else f"{core}: färdplanen «{titles.get(r['source_id'], r['source_id'] or 'okänd källa')}», "
                f"{r['interventions']} insatser"
            )
        labels[r["version"]] = f"{when} · {what} · ersatt av {r['by'] or 'lokal användare eller kommandoraden'}"
    return labels


def versions_section(curated, target=None) -> None:
    st.subheader("3. Tidigare versioner")
    done = st.session_state.pop("restore_done", None)
    if done:
        st.success(done, icon=":material/task_alt:")
    versions = ri.list_versions(curated)
    if versions.empty:
        st.caption(
            "Inga sparade versioner ännu. Före varje inläsning sparas det som gällde, också före den första, "
            "och kan återställas här."
        )
        return
    labels = version_labels(versions, curated)
    table = pd.DataFrame(
        {
            "Sparad": versions["saved_at"].map(ri.label_time),
            "Innehåll": [labels[v].split(" · ")[1] for v in versions["version"]],
            "Varför": versions["reason"],
            "Ersatt av": versions["by"].replace("", "–"),
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="import_versions",
        column_config={"Varför": st.column_config.TextColumn(width="large")},
    )
    chosen = st.selectbox(
        "Version att återställa", list(versions["version"]), format_func=labels.get, key="restore_version"
    )
    pending = st.session_state.get("restore_pending")
    if pending != chosen:
        if st.button("Återställ …", icon=":material/history:", key="restore_confirm"):
            st.session_state["restore_pending"] = chosen
            st.rerun()
        st.caption("Att återställa sparar det som gäller nu som en version i sin tur, så inget går förlorat.")
        return
    st.warning(
        f"Vill du återställa **{plain(labels[chosen])}**? Det som gäller nu ersätts (och sparas som en "
        "version) och databasen byggs om.",
        icon=":material/warning:",
    )
    yes, no, _ = st.columns([1, 1, 3])
    if no.button("Avbryt", key="restore_cancel"):
        st.session_state.pop("restore_pending", None)
        st.rerun()
    if yes.button("Ja, återställ", type="primary", icon=":material/history:", key="restore_yes"):
        st.session_state.pop("restore_pending", None)
        try:
            with st.spinner("Återställer och bygger om databasen …"):
                result = ri.restore(chosen, curated, target=target, who=auth.current_person())
        except PermissionDenied as exc:
            st.error(str(exc), icon=":material/lock:")
            return
        except ri.ImportRefused as exc:
            st.error("Återställningen stoppades. Inget har ändrats.", icon=":material/error:")
            st.markdown(_bullets(exc.problems))
            return
        publish_shared(result.message, auth.current_person())
        st.session_state["restore_done"] = result.message
        st.session_state.pop("import_plan", None)
        st.rerun()


def show_sections() -> None:
    """The page below its intro: the template, and upload and versions for those who may import."""
    from data.paths import curated_dir, read_only_mode
    from queries.permissions import IMPORT

    curated = curated_dir()
    template_section(curated)
    if read_only_mode():
        st.info(
            "Inläsning är avstängd: appen körs i läsläge. Mallen kan laddas ned, men ingen färdplan kan läsas "
            "in eller återställas här.",
            icon=":material/lock:",
        )
    elif not auth.current_person().may(IMPORT):
        st.info(
            "Att läsa in eller återställa en färdplan kräver rollen administratör. Mallen kan laddas ned.",
            icon=":material/lock:",
        )
    else:
        upload_section(curated)
        versions_section(curated)
