"""Underlag för budgetarbetet: for one organisation, every decided priority it drives or takes part in, across
the cores, with milestones and resources as entered. No Streamlit here; Excel and Word at the end."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.common.export_files import workbook_bytes
from components.common.format import swedish_decimal
from components.dialog.change_log_text import swedish_date
from queries.followup_store import Plan


@dataclass
class Item:
    core: str
    period: str
    insats: str
    goal_area: str
    role: str  # "driver" or "medverkande"
    wording: str
    status: str
    plan: Plan


def kronor(amount) -> str:
    return f"{swedish_decimal(amount, 0, 2)} kr"


def items_for(actor_id: str, decided: list[tuple[str, object, pd.DataFrame]], plans: dict[str, Plan]) -> list[Item]:
    """decided: (core name, Dialogue, its shortlist frame) for each core's current decided dialogue."""
    out = []
    for core, d, frame in decided:
        by_id = {p.id: p for p in d.priorities}
        for row in frame.to_dict("records"):
            p, plan = by_id[row["id"]], plans.get(row["id"]) or Plan(row["id"])
            role = "driver" if p.owner_actor_id == actor_id else "medverkande" if actor_id in plan.actor_ids else None
            if role:
                title = f"{row['code']} {row['title']}" if row["code"] else row["title"]
                if row.get("plan_type") == "forslag":
                    title += " (förslag till ny insats)"
                out.append(
                    Item(
                        core,
                        d.period,
                        title,
                        row["goal_area"] or "utan målområde",
                        role,
                        p.wording,
                        plan.status(p.status),
                        plan,
                    )
                )
    return out


def tables(items: list[Item]) -> dict[str, pd.DataFrame]:
    prios = pd.DataFrame(
        [
            {
                "Kärna": i.core,
                "Period": i.period,
                "Insats": i.insats,
                "Målområde": i.goal_area,
                "Roll": i.role,
                "Formulering": i.wording or None,
                "Status nu": i.status,
            }
            for i in items
        ],
        columns=["Kärna", "Period", "Insats", "Målområde", "Roll", "Formulering", "Status nu"],
    )
    steps = pd.DataFrame(
        [
            {
                "Kärna": i.core,
                "Insats": i.insats,
                "Delmål": m.what,
                "Klart senast": swedish_date(m.due) if m.due else None,
                "Ansvarig": m.responsible or None,
                "Klart": swedish_date(m.done_on) if m.done_on else "nej",
            }
            for i in items
            for m in i.plan.milestones
        ],
        columns=["Kärna", "Insats", "Delmål", "Klart senast", "Ansvarig", "Klart"],
    )
    money = pd.DataFrame(
        [
            {
                "Kärna": i.core,
                "Insats": i.insats,
                "Belopp (kr)": float(r.amount_sek),
                "Finansiär": r.funder,
                "Budgetår": r.budget_year,
                "Läge": r.state,
            }
            for i in items
            for r in i.plan.resources
        ],
        columns=["Kärna", "Insats", "Belopp (kr)", "Finansiär", "Budgetår", "Läge"],
    )
    return {"Prioriteringar": prios, "Delmål": steps, "Resurser": money}


NOTE = (
    "Uppgifterna är inmatade av användarna i Färdplansdialogen (delmål och resurser som de angetts, inga "
    "uppskattningar); insatsernas texter kommer från färdplanerna. Tomma celler: uppgift saknas."
)


def budget_xlsx(organisation: str, items: list[Item], today: date | None = None) -> bytes:
    return workbook_bytes(
        tables(items),
        [
            ("Titel", f"Underlag för budgetarbetet: {organisation}"),
            ("Urval", "Beslutade prioriteringar där organisationen är driver eller medverkande, alla kärnor"),
            ("Uttaget", (today or date.today()).isoformat()),
            ("Anmärkning", NOTE),
        ],
    )


def budget_docx(organisation: str, items: list[Item], today: date | None = None) -> bytes:
    from docx import Document  # python-docx (~25 ms with lxml) only when a Word file is made

    doc = Document()
    doc.add_heading(f"Underlag för budgetarbetet: {organisation}", level=1)
    doc.add_paragraph(f"Uttaget {swedish_date(today or date.today())} ur Färdplansdialogen. {NOTE}")
    if not items:
        doc.add_paragraph("Organisationen driver eller medverkar inte i någon beslutad prioritering.")
    for i in items:
        doc.add_heading(f"{i.core}, {i.period}: {i.insats}", level=2)
        doc.add_paragraph(f"Målområde: {i.goal_area}. Roll: {i.role}. Status nu: {i.status}.")
        doc.add_paragraph(f"Formulering: {i.wording or 'ej angiven'}")
        for m in i.plan.milestones:
            due = swedish_date(m.due) if m.due else "inget datum"
            doc.add_paragraph(
                f"Delmål: {m.what} (senast {due}; {'klart' if m.done_on else 'inte klart'})", style="List Bullet"
            )
        for r in i.plan.resources:
            doc.add_paragraph(
                f"Resurs: {kronor(r.amount_sek)} från {r.funder}, budgetår {r.budget_year} ({r.state})",
                style="List Bullet",
            )
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
