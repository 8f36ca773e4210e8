"""The beslutsprotokoll as a Word document (.docx), with python-docx and the briefing's helpers.
Every text goes in as literal run text. No Streamlit here."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Pt

from components.briefing.briefing_data import APP_NAME
from components.briefing.briefing_docx import MUTED, WARN, _cell_text, _para, _setup, _table
from components.briefing.protocol_data import CONFIRMATIONS_INTRO, Protocol, ProtocolItem

FACT_WIDTHS_CM = [4.0, 13.4]


def _facts(doc, rows: list[tuple[str, str]], size: float = 9.5) -> None:
    """A two-column fact list without a header row, labels in bold."""
    table = _table(doc, ["Uppgift", "Värde"], FACT_WIDTHS_CM, [list(r) for r in rows], size=size)
    table.rows[0]._tr.getparent().remove(table.rows[0]._tr)
    for row in table.rows:
        row.cells[0].paragraphs[0].runs[0].bold = True


def _list_cell(lines: list[str]):
    def fill(cell):
        for i, text in enumerate(lines):
            _cell_text(cell, text, size=9, new_paragraph=i > 0)

    return fill


def _item(doc, item: ProtocolItem) -> None:
    heading = doc.add_heading(level=2)
    heading.add_run(item.label)
    if item.in_sources and item.code:
        heading.add_run(item.code + " ")
        heading.add_run(item.title)
    else:
        heading.add_run(item.heading).font.color.rgb = WARN
    heading.paragraph_format.keep_with_next = True
    _facts(
        doc,
        [
            ("Målområde", item.goal_area),
            ("Formulering", item.wording),
            ("Driver", item.driver),
            ("Medverkande aktörer", _list_cell(item.actors)),
            ("Start", item.start_mode),
            ("Nästa steg", item.next_step),
            ("Status vid beslutet", item.status),
            ("Ursprung", item.origin),
        ],
        size=9,
    )
    if item.milestones:
        _table(
            doc,
            ["Delmål", "Klart senast", "Ansvarig", "Genomfört"],
            [7.4, 3.2, 3.8, 3.0],
            [[m.what, m.due, m.responsible, m.done] for m in item.milestones],
            size=9,
        )
    else:
        _para(doc, "Delmål: inga angivna.", size=9, colour=MUTED, space_after=4)
    if item.resources:
        _table(
            doc,
            ["Belopp", "Finansiär", "Budgetår", "Beslutad eller föreslagen"],
            [3.6, 7.2, 2.4, 4.2],
            [[r.amount, r.funder, r.budget_year, r.state] for r in item.resources],
            size=9,
        )
    else:
        _para(doc, "Resurser: inga angivna.", size=9, colour=MUTED, space_after=4)


def protocol_docx(p: Protocol) -> bytes:
    """The protocol: facts, participants, the decided priorities with their plans, the confirmations."""
    doc = Document()
    _setup(doc, p)
    doc.core_properties.keywords = "beslutsprotokoll; färdplan; regional stadskärna"
    _para(doc, f"{APP_NAME} · Regionala stadskärnor i Stockholmsregionen", size=8, colour=MUTED, space_after=2)
    doc.add_heading(p.title, level=0)
    _facts(doc, p.meta)

    doc.add_heading("1 Deltagare", level=1)
    if p.participants:
        _table(
            doc,
            ["Namn", "Organisation", "Region eller kommun"],
            [6.2, 7.7, 3.5],
            [list(x) for x in p.participants],
            size=9.5,
        )
    else:
        _para(doc, "Inga deltagare är angivna.", italic=True)

    doc.add_heading("2 Beslutade prioriteringar", level=1)
    _para(doc, "Insatserna i prioritetsordning, med formulering, driver och den plan som har förts in.", space_after=4)
    for item in p.items:
        _item(doc, item)

    doc.add_heading("3 Bekräftelser", level=1)
    _para(doc, CONFIRMATIONS_INTRO, space_after=4)
    _table(
        doc,
        ["Sida", "Bekräftat av", "E-post", "Version", "Tidpunkt"],
        [2.0, 4.4, 4.8, 1.6, 4.6],
        [[c.side, c.name, c.email, c.version, c.at] for c in p.confirmations],
        size=9,
    )

    notes = _para(doc, p.source_note, size=9, colour=MUTED, space_after=4)
    notes.paragraph_format.space_before = Pt(8)
    _para(doc, p.exported_text, size=9, colour=MUTED)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
