"""The shortlist of a dialogue as an Excel file, through components.common.export_files. No Streamlit here.

One row per priority on the sheet "Prioriteringar"; the sheet "Om" says which dialogue, period, meeting
date and status, when it was taken out and which sources lie behind it. Text a spreadsheet would run as
a formula is written as text (export_files.neutralise).
"""

from __future__ import annotations

import pandas as pd

from components.briefing.briefing_data import NOT_IN_SOURCES, PROPOSAL, Briefing, swedish_date
from components.common.export_files import excel_bytes

SHEET = "Prioriteringar"
COLUMNS = [
    "Nr",
    "Kod",
    "Insats",
    "Målområde",
    "Omfattning",
    "Formulering och motivering",
    "Driver",
    "Nästa steg",
    "Status",
    "Status föregående period",
    "Anmärkning",
    "Insats-id",
    "Källa",
]


def shortlist_frame(briefing: Briefing) -> pd.DataFrame:
    """The shortlist as a table: empty cells where nothing is given (never a made-up value)."""
    rows = []
    for p in briefing.shortlist:
        rows.append(
            {
                "Nr": p.rank,
                "Kod": p.code or None,
                "Insats": p.title if p.in_sources else None,
                "Målområde": p.goal_area if p.goal_area_id is not None else None,
                "Omfattning": p.scope or None,
                "Formulering och motivering": p.wording or None,
                "Driver": p.owner if p.owner_actor_id else None,
                "Nästa steg": p.next_step or None,
                "Status": p.status,
                "Status föregående period": p.previous_status,
                "Anmärkning": PROPOSAL if p.proposal else None if p.in_sources else NOT_IN_SOURCES,
                "Insats-id": p.intervention_id,
                "Källa": p.source or None,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def shortlist_xlsx(briefing: Briefing) -> bytes:
    """The shortlist as .xlsx with an 'Om' sheet naming dialogue, period, date and sources."""
    selection = (
        f"Dialog om {briefing.core_name}, period {briefing.period}, mötesdatum "
        f"{swedish_date(briefing.meeting_date)}, status {briefing.status_text.lower()}, "
        f"version {briefing.version}"
    )
    if briefing.previous_period:
        selection += f"; föregående period {briefing.previous_period}"
    if briefing.confirmations:
        selection += "; beslutet bekräftat: " + "; ".join(briefing.confirmations)
    sources = "; ".join(f"{s.title} ({s.year})" if s.year else s.title for s in briefing.sources)
    return excel_bytes(
        shortlist_frame(briefing),
        f"Prioriterade insatser: {briefing.core_name} {briefing.period}",
        selection,
        sources or "Dialogens egna uppgifter i Färdplansdialogen",
        sheet=SHEET,
    )
