"""The beslutsprotokoll as an A4 PDF, with reportlab and the briefing's font, styles and page furniture
(DejaVu Sans from matplotlib, so å, ä, ö and "—" render). Every text is escaped. No Streamlit here."""

from __future__ import annotations

import io
from types import SimpleNamespace

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from components.briefing.briefing_data import APP_NAME
from components.briefing.briefing_pdf import (
    _canvas_class,
    _p,
    _rows,
    _styles,
    _t,
    _table,
    a4_document,
    register_fonts,
)
from components.briefing.protocol_data import CONFIRMATIONS_INTRO, Protocol, ProtocolItem

FACT_WIDTHS_CM = [4.0, 13.4]


def _facts(rows: list[tuple[str, object]], st):
    body = [
        [_p(label, st["cellhead"]), value if isinstance(value, list) else _p(value, st["cell"])]
        for label, value in rows
    ]
    return _table(body, FACT_WIDTHS_CM, header=False, shade_first_col=True)


def _item(item: ProtocolItem, st) -> list:
    if item.in_sources and item.code:
        heading = Paragraph(f"{_t(item.label)}{_t(item.code)} {_t(item.title)}", st["h2"])
    else:
        heading = _p(item.label + item.heading, st["h2"])
    actors = [_p(a, st["cell"]) for a in item.actors]
    facts = _facts(
        [
            ("Målområde", item.goal_area),
            ("Formulering", item.wording),
            ("Driver", item.driver),
            ("Medverkande aktörer", actors),
            ("Start", item.start_mode),
            ("Nästa steg", item.next_step),
            ("Status vid beslutet", item.status),
            ("Ursprung", item.origin),
        ],
        st,
    )
    out = [KeepTogether([heading, facts]), Spacer(1, 5)]
    if item.milestones:
        body = [[m.what, m.due, m.responsible, m.done] for m in item.milestones]
        out.append(_table(_rows(["Delmål", "Klart senast", "Ansvarig", "Genomfört"], body, st), [7.4, 3.2, 3.8, 3.0]))
    else:
        out.append(_p("Delmål: inga angivna.", st["small"]))
    out.append(Spacer(1, 5))
    if item.resources:
        body = [[r.amount, r.funder, r.budget_year, r.state] for r in item.resources]
        out.append(
            _table(
                _rows(["Belopp", "Finansiär", "Budgetår", "Beslutad eller föreslagen"], body, st), [3.6, 7.2, 2.4, 4.2]
            )
        )
    else:
        out.append(_p("Resurser: inga angivna.", st["small"]))
    return out + [Spacer(1, 6)]


def _story(p: Protocol, st) -> list:
    out = [
        _p(f"{APP_NAME} · Regionala stadskärnor i Stockholmsregionen", st["kicker"]),
        _p(p.title, st["title"]),
        _facts(p.meta, st),
        _p("1 Deltagare", st["h1"]),
    ]
    if p.participants:
        out.append(
            _table(
                _rows(["Namn", "Organisation", "Region eller kommun"], [list(x) for x in p.participants], st),
                [6.2, 7.7, 3.5],
            )
        )
    else:
        out.append(_p("Inga deltagare är angivna.", st["body"]))
    out += [
        _p("2 Beslutade prioriteringar", st["h1"]),
        _p("Insatserna i prioritetsordning, med formulering, driver och den plan som har förts in.", st["body"]),
    ]
    for item in p.items:
        out += _item(item, st)
    body = [[c.side, c.name, c.email, c.version, c.at] for c in p.confirmations]
    out += [
        KeepTogether(
            [
                _p("3 Bekräftelser", st["h1"]),
                _p(CONFIRMATIONS_INTRO, st["body"]),
                _table(
                    _rows(["Sida", "Bekräftat av", "E-post", "Version", "Tidpunkt"], body, st),
                    [2.0, 4.4, 4.8, 1.6, 4.6],
                ),
            ]
        ),
        Spacer(1, 10),
        _p(p.source_note, st["small"]),
        _p(p.exported_text, st["small"]),
    ]
    return out


def protocol_pdf(p: Protocol) -> bytes:
    """The protocol as an A4 PDF with the same content as the .docx, page numbers and a BESLUTAD stamp.
    Raises briefing_pdf.BriefingFontError if no suitable font is installed."""
    register_fonts()
    st = _styles()
    buffer = io.BytesIO()
    doc = a4_document(buffer, p.title, f"{p.core_name} {p.period}")
    # the shared furniture writes "<title> · <period>" in the header: give it the short form
    furniture = SimpleNamespace(
        title="Beslutsprotokoll",
        period=f"{p.core_name}, {p.period}",
        exported_text=p.exported_text,
        status_text=p.status_text,
        status=p.status,
    )
    doc.build(_story(p, st), canvasmaker=_canvas_class(furniture))
    return buffer.getvalue()
