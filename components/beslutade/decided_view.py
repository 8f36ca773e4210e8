"""Beslutade prioriteringar: what region and kommun have decided, per core and period. Decided dialogues only,
never drafts; read-only for everyone."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common.format import plain
from components.dialog import dialogue_session as ds
from components.dialog import dialogue_view as dv
from components.dialog import priority_card
from components.dialog.change_log_text import swedish_date
from queries.followup_store import FollowUpStore


def decided_dialogues(core_ids: list[str]) -> pd.DataFrame:
    dialogues = ds.guarded(ds.store().list_dialogues)
    keep = (dialogues["status"] == "beslutad") & dialogues["archived_at"].isna() & dialogues["core_id"].isin(core_ids)
    return dialogues[keep].sort_values(["core_id", "period"], ascending=[True, False])


def show_dialogue(dialogue_id: str, core_name: str) -> None:
    d = ds.guarded(ds.store().load, dialogue_id)
    frame = ds.shortlist_frame(d)
    plans = ds.guarded(FollowUpStore().plans, [p.id for p in d.priorities])
    by_id = {p.id: p for p in d.priorities}
    with st.container(border=True, key=f"decided_{d.id}"):
        st.subheader(f"{core_name} · {d.period}", anchor=False)
        st.caption(
            f"Beslutad {swedish_date(d.decided_at)}"
            + (f" · möte {swedish_date(d.meeting_date)}" if d.meeting_date else "")
        )
        lines = [
            x for x in dv.confirmation_lines(d, ds.guarded(ds.store().confirmations, d.id)) if ": bekräftat av " in x
        ]
        if lines:
            st.markdown("  \n".join(plain(x) for x in lines))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Nr": r["rank"],
                        "Insats": priority_card.title(r),
                        "Målområde": r["goal_area"] or "utan målområde",
                        "Formulering": r["wording"] or "–",
                        "Driver": r["owner"] or priority_card.NO_OWNER,
                        "Status nu": plans[r["id"]].status(by_id[r["id"]].status),
                    }
                    for r in frame.to_dict("records")
                ]
            ),
            hide_index=True,
            width="stretch",
            column_config={"Formulering": st.column_config.TextColumn(width="large")},
        )
