"""A timeline per insats across periods, for one core: when it was on a shortlist, when it was prioritised and
by whom, and what happened during the period. Built from the user store only; no Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from components.dialog.change_log_text import swedish_date
from components.uppfoljning.followup_data import history_lines, milestone_summary
from queries.followup_store import FollowUpStore
from queries.user_store import UserStore

SIDE = {"region": "regionen", "kommun": "kommunen"}


@dataclass
class Period:
    period: str
    state: str  # 'beslutad 12 mars 2026' or 'utkast'
    rank: int
    wording: str
    status_decided: str
    status_now: str
    confirmed_by: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)

    def headline(self) -> str:
        by = f", bekräftat av {' och '.join(self.confirmed_by)}" if self.confirmed_by else ""
        status = (
            self.status_decided
            if self.status_now == self.status_decided
            else f"{self.status_decided} vid beslutet, {self.status_now} nu"
        )
        return f"{self.period}: nr {self.rank} på listan, {self.state}{by} · status {status}"


def timelines(
    store: UserStore, fstore: FollowUpStore, core_id: str, intervention_ids: list[str], today: date | None = None
) -> dict[str, list[Period]]:
    """Per insats: every dialogue of the core (archived ones aside) that has it on its list, oldest period
    first. The core's dialogues are read once for all the insatser asked for."""
    wanted = set(intervention_ids)
    with store.reading():  # one connection for the dialogues, their plans and confirmations
        dialogues = store.list_dialogues(core_id)
        dialogues = dialogues[dialogues["archived_at"].isna()].sort_values(["period", "created_at"])
        found = []
        for dialogue_id in dialogues["id"]:
            d = store.load(dialogue_id)
            found += [(d, p) for p in d.priorities if p.intervention_id in wanted]
        plans = fstore.plans([p.id for _, p in found])
        confirmations = {d.id: store.confirmations(d.id) for d, _ in found if d.decided}
    out: dict[str, list[Period]] = {i: [] for i in intervention_ids}
    for d, p in found:
        plan = plans[p.id]
        confirmed = [f"{c.name} ({SIDE[c.side]})" for c in confirmations.get(d.id, []) if c.withdrawn_at is None]
        events = history_lines(plan) if d.decided else []
        summary = milestone_summary(plan, today) if d.decided else None
        if summary:
            events.append(summary)
            events += [milestone_line(m, today or date.today()) for m in plan.milestones]
        out[p.intervention_id].append(
            Period(
                d.period,
                f"beslutad {swedish_date(d.decided_at)}" if d.decided else "utkast, inte beslutad",
                p.rank,
                p.wording,
                p.status,
                plan.status(p.status) if d.decided else p.status,
                confirmed,
                events,
            )
        )
    return out


def milestone_line(m, today: date) -> str:
    due = f" (klart senast {swedish_date(m.due)})" if m.due else ""
    if m.done_on:
        return f"delmål «{m.what}»{due}: klart {swedish_date(m.done_on)}"
    return f"delmål «{m.what}»{due}: " + (
        "passerat utan att vara klart" if m.due and m.due < today else "inte klart än"
    )


def lines(periods: list[Period]) -> list[str]:
    """The timeline as Swedish lines, a headline per period followed by what happened in it."""
    out = []
    for item in periods:
        out.append(item.headline())
        if item.wording:
            out.append(f"– formulering: «{item.wording}»")
        out += [f"– {e}" for e in item.events]
    return out
