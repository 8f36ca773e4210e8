"""Follow-up figures and lines, no Streamlit: the lägesbild beside a decided priority, and what happened to
a priority during its period, in Swedish."""

from __future__ import annotations

import pandas as pd

from components.common.format import MISSING, number
from components.dialog.change_log_text import swedish_date, when
from queries.followup_store import Plan


def _value_text(row) -> str:
    if row is None:
        return MISSING
    year = row["period_text"] if isinstance(row["period_text"], str) and row["period_text"] else int(row["year"])
    return f"{number(row['value'])} ({year})"


def indicator_rows(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    goal_area_id,
    decided_year: int | None,
) -> pd.DataFrame:
    """The goal area's indicators for the core and its kärnkommuner: the outcome at the decision (the latest
    year up to the decision's) and the latest outcome, with source. Missing stays 'uppgift saknas'."""
    names = indicators[indicators["goal_area_id"] == goal_area_id].set_index("id")
    rows = []
    outcome = values[
        (values["value_type"] == "utfall")
        & values["level"].isin(["core", "kommun"])
        & values["indicator_id"].isin(names.index)
        & values["value"].notna()
    ]
    for (indicator, place), group in outcome.groupby(["indicator_id", "place"], sort=False):
        group = group.sort_values("year")
        before = group[group["year"] <= decided_year] if decided_year else group.iloc[0:0]
        at_decision = before.iloc[-1] if len(before) else None
        latest = group.iloc[-1]
        unit = names.loc[indicator, "unit"]
        rows.append(
            {
                "Indikator": f"{names.loc[indicator, 'name']} ({unit})" if unit else names.loc[indicator, "name"],
                "Plats": place,
                "Vid beslutet": _value_text(at_decision),
                "Senaste": _value_text(latest),
                "Källa": latest["source_title"],
            }
        )
    return pd.DataFrame(rows, columns=["Indikator", "Plats", "Vid beslutet", "Senaste", "Källa"])


def history_lines(plan: Plan) -> list[str]:
    """The period's follow-up, oldest first: '12 mars 2027 kl. 10.00, Anna: status pågår → genomförd. «…»'."""
    out = []
    for f in plan.followups:
        parts = []
        if f.status_after:
            parts.append(f"status {f.status_before} → {f.status_after}")
        if f.note:
            parts.append(f"«{f.note}»")
        out.append(f"{when(f.at)}, {f.who}: " + ". ".join(parts))
    return out


def milestone_summary(plan: Plan, today=None) -> str | None:
    """'Delmål: 1 av 2 klara (1 passerat utan att vara klart)'; None without milestones."""
    from datetime import date

    if not plan.milestones:
        return None
    today = today or date.today()
    done = sum(1 for m in plan.milestones if m.done_on)
    missed = sum(1 for m in plan.milestones if not m.done_on and m.due and m.due < today)
    return f"Delmål: {done} av {len(plan.milestones)} klara" + (
        f" ({missed} passerat utan att vara klart)" if missed else ""
    )


def carried_history(plan: Plan | None, decided_status: str) -> list[str]:
    """What a carried-over priority brings from last period: status history and milestones met or missed."""
    if plan is None:
        return []
    lines = []
    changes = [f for f in plan.followups if f.status_after]
    if changes:
        steps = " → ".join([decided_status] + [f"{f.status_after} ({swedish_date(f.at.date())})" for f in changes])
        lines.append(f"Status under perioden: {steps}")
    summary = milestone_summary(plan)
    if summary:
        lines.append(summary)
    return lines
