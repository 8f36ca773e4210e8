"""Regional översikt: the page's four parts and its downloads (Excel, and a PDF in A4 landscape). The tables
come from components.oversikt.overview_data (no Streamlit there); the PDF reuses the briefing's font and helpers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common.export_files import workbook_bytes
from components.common.format import plain
from components.oversikt.overview_data import Overview, workbook_sheets

TITLE = "Regional översikt: de regionala stadskärnornas färdplaner"
PARTS = [
    "Dialoger per period",
    "Beslutade prioriteringar per målområde",
    "Vem driver vad, var",
    "Resurser per finansiär och budgetår",
]
EMPTY = (
    "Inga dialoger är registrerade ännu. Översikten fylls när kärnornas dialoger startas på sidan "
    "Dialoger och prioriteringarna beslutas där."
)
NO_DECISION = (
    "Ingen kärna har en beslutad dialog ännu. Beslutade prioriteringar visas här sida vid sida "
    "när den första dialogen är beslutad."
)
NO_ACTORS = "Ingen aktör är angiven som driver eller medverkande för de beslutade prioriteringarna."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


MATRIX_CAPTION = (
    "En rad per kärna, en kolumn per period. «beslutad» med datum för beslutet, «utkast» för en "
    "dialog som inte är beslutad, «–» när kärnan inte har någon dialog för perioden. Arkiverade "
    "dialoger ingår inte."
)


def goal_caption(o: Overview) -> str:
    by_period: dict[str, list[str]] = {}
    for core, period in o.shown_periods.items():
        by_period.setdefault(period, []).append(core)
    shown = (
        f"perioden {next(iter(by_period))}"
        if len(by_period) == 1
        else "; ".join(f"{period}: {', '.join(cores)}" for period, cores in sorted(by_period.items()))
    )
    text = (
        f"Den senast beslutade dialogen per kärna ({shown}). Varje insats med kod, titel och status nu "
        "(efter uppföljningen). Tom cell: inga beslutade prioriteringar inom målområdet."
    )
    if o.without_decision:
        text += f" Ingen beslutad dialog ännu: {', '.join(o.without_decision)}."
    return text


ACTOR_CAPTION = (
    "Antal beslutade prioriteringar som aktören driver respektive medverkar i (medverkande förs in "
    "på sidan Uppföljning), och i vilka kärnor."
)
RESOURCE_CAPTION = (
    "Summor per finansiär och budgetår av de resurser som förts in för de beslutade "
    "prioriteringarna. Beslutade och föreslagna belopp hålls isär och läggs aldrig ihop; en tom "
    "cell betyder att inget sådant belopp är angivet."
)


def as_shown(df: pd.DataFrame) -> pd.DataFrame:
    """st.table reads every cell as Markdown: text shows as typed (escaped), one priority a line."""

    def cell(v):
        return "  \n".join(plain(line) for line in v.split("\n")) if isinstance(v, str) else v

    return df.rename(columns=lambda c: plain(str(c))).map(cell)


def side_by_side_parts(table: pd.DataFrame, most: int = 4) -> list[pd.DataFrame]:
    """The goal-area table in parts of at most `most` cores (goal areas repeated in each), so that eight
    cores side by side are read without a table wider than the page (4 + 4, 3 + 2, …)."""
    goal, cores = table.columns[0], list(table.columns[1:])
    parts = -(-len(cores) // most) or 1
    size = -(-len(cores) // parts) or 1
    return [table[[goal, *cores[i : i + size]]] for i in range(0, max(len(cores), 1), size)]


def show(o: Overview) -> None:
    """The four parts and the downloads; an empty store gets a Swedish empty state."""
    if not o.has_dialogues:
        st.info(EMPTY, icon=":material/forum:")
        st.page_link("pages/dialog.py", label="Till Dialoger", icon=":material/forum:")
        return
    st.subheader(PARTS[0], anchor=False)
    st.table(as_shown(o.matrix), hide_index=True)
    st.caption(MATRIX_CAPTION)

    st.subheader(PARTS[1], anchor=False)
    if o.shown_periods:
        for part in side_by_side_parts(o.by_goal_area):
            st.table(as_shown(part), hide_index=True)
        st.caption(goal_caption(o))
    else:
        st.info(NO_DECISION, icon=":material/event_upcoming:")

    st.subheader(PARTS[2], anchor=False)
    if len(o.actors):
        st.table(as_shown(o.actors), hide_index=True)
        st.caption(ACTOR_CAPTION)
    else:
        st.markdown(NO_ACTORS)

    st.subheader(PARTS[3], anchor=False)
    if o.resources.note:
        st.markdown(o.resources.note)
    else:
        st.table(as_shown(o.resources.shown), hide_index=True)
        st.caption(RESOURCE_CAPTION)
    downloads(o)


def downloads(o: Overview) -> None:
    left, right, _ = st.columns([1, 1, 2])
    name = f"regional-oversikt-{o.taken.isoformat()}"
    # callables: the files are built when someone clicks, not on every run of the page
    left.download_button(
        "Ladda ner Excel",
        lambda: excel_bytes(o),
        file_name=f"{name}.xlsx",
        mime=XLSX,
        icon=":material/download:",
        on_click="ignore",
        key="oversikt_excel",
    )
    right.download_button(
        "Ladda ner PDF",
        lambda: pdf_bytes(o),
        file_name=f"{name}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key="oversikt_pdf",
    )


def pdf_bytes(o: Overview) -> bytes:
    # reportlab (~50 ms to import, with PIL) only when a PDF is made, not at the page's first visit
    from components.oversikt.overview_pdf import pdf_bytes as build

    return build(o)


def excel_bytes(o: Overview) -> bytes:
    sheets, about = workbook_sheets(o)
    return workbook_bytes(sheets, about)
