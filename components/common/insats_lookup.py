"""Insatser by id for a shortlist: the reference store's, and proposals from the user store, in one frame.
A proposal keeps plan_type 'forslag' and a source line naming who entered it, so it shows as what it is."""

from __future__ import annotations

import pandas as pd

from components.common.store import run
from queries.proposal_store import ProposalStore, is_proposal


def interventions_by_ids(ids: list[str], runner=run) -> pd.DataFrame:
    """Like the named query interventions_by_ids, with the proposals among `ids` added."""
    ids = list(dict.fromkeys(ids))
    ref = runner("interventions_by_ids", ids=[i for i in ids if not is_proposal(i)]) if ids else None
    proposals = ProposalStore().by_ids(ids)
    if proposals.empty:
        return ref if ref is not None else runner("interventions_by_ids", ids=[])
    goals = runner("goal_areas").set_index("id")
    proposals["goal_area"] = proposals["goal_area_id"].map(goals["short_name"])
    proposals["goal_area_name"] = proposals["goal_area_id"].map(goals["name"])
    frame = proposals.reindex(columns=list(ref.columns) + ["description", "proposed_by", "proposed_at"])
    return (
        pd.concat([ref.assign(description=None, proposed_by=None, proposed_at=None), frame], ignore_index=True)
        if not ref.empty
        else frame
    )
