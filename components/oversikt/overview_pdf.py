"""Regional översikt as a PDF: the four parts as tables on A4 landscape pages, reusing the briefing's font and
helpers. Imported only when a PDF is made (reportlab is slow to import)."""

from __future__ import annotations

import io

import pandas as pd
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from components.briefing.briefing_data import APP_NAME
from components.briefing.briefing_pdf import FAMILY, MUTED, _p, _rows, _styles, _t, _table, register_fonts
from components.dialog.change_log_text import swedish_date
from components.oversikt.overview_data import Overview
from components.oversikt.overview_view import (
    ACTOR_CAPTION,
    EMPTY,
    MATRIX_CAPTION,
    NO_ACTORS,
    NO_DECISION,
    PARTS,
    RESOURCE_CAPTION,
    TITLE,
    goal_caption,
)

PAGE_W, PAGE_H = landscape(A4)
MARGIN = 1.5 * cm
TEXT_W_CM = (PAGE_W - 2 * MARGIN) / cm


def _widths(columns: list[str], first: float, weights: dict[str, float] | None = None) -> list[float]:
    """Column widths in cm over the page's text width: the first fixed, the rest by weight."""
    rest = [(weights or {}).get(c, 1.0) for c in columns[1:]]
    share = (TEXT_W_CM - first) / sum(rest) if rest else 0
    return [first if rest else TEXT_W_CM] + [w * share for w in rest]


def _pdf_table(df: pd.DataFrame, first: float, styles, weights: dict[str, float] | None = None):
    """A table whose text wraps in its cells; with many columns (eight cores) in a smaller type, so that
    words like «Stockholmsregionens» still fit a column."""
    body = [["" if pd.isna(v) else str(v) for v in row] for row in df.itertuples(index=False)]
    cell, head = ("tiny", "tinyhead") if len(df.columns) > 5 else ("list", "listhead")
    return _table(
        _rows([str(c) for c in df.columns], body, styles, cell, head),
        _widths(list(df.columns), first, weights),
        padding=2.5 if cell == "tiny" else 3,
    )


def _section(
    title: str,
    df: pd.DataFrame,
    caption: str,
    empty: str | None,
    styles,
    first: float,
    weights: dict[str, float] | None = None,
) -> list:
    out = [_p(title, styles["h1"])]
    if empty:
        return out + [_p(empty, styles["body"])]
    return out + [_pdf_table(df, first, styles, weights), Spacer(1, 3), _p(caption, styles["caption"])]


def pdf_bytes(o: Overview) -> bytes:
    """The four parts as tables on A4 landscape pages, in DejaVu Sans (briefing_pdf's font), with the date."""
    register_fonts()
    styles = _styles()
    styles["tiny"] = ParagraphStyle("tiny", parent=styles["list"], fontSize=6.6, leading=8.2)
    styles["tinyhead"] = ParagraphStyle("tinyhead", parent=styles["listhead"], fontSize=6.6, leading=8.2)
    taken = f"Uttaget {swedish_date(o.taken)} ur {APP_NAME}"
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=TITLE,
        author=APP_NAME,
        creator=APP_NAME,
        lang="sv-SE",
        initialFontName=FAMILY,
    )

    def furniture(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FAMILY, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 0.9 * cm, f"{TITLE} · {taken}")
        canvas.drawRightString(PAGE_W - MARGIN, 0.9 * cm, f"Sida {document.page}")
        canvas.restoreState()

    resources = o.resources
    story = [
        _p(f"{APP_NAME} · Region Stockholm", styles["kicker"]),
        _p(TITLE, styles["title"]),
        Paragraph(
            _t(
                f"{taken}. Uppgifterna är de som användare har fört in: dialoger, beslutade "
                "prioriteringar, medverkande aktörer och resurser. Inget är uppskattat; det som "
                "saknas står tomt, aldrig som noll."
            ),
            styles["body"],
        ),
        *_section(PARTS[0], o.matrix, MATRIX_CAPTION, None if o.has_dialogues else EMPTY, styles, 5.5),
        *_section(
            PARTS[1],
            o.by_goal_area,
            goal_caption(o) if o.shown_periods else "",
            None if o.shown_periods else NO_DECISION,
            styles,
            2.7 if len(o.by_goal_area.columns) > 5 else 3.8,
        ),
        *_section(
            PARTS[2], o.actors, ACTOR_CAPTION, None if len(o.actors) else NO_ACTORS, styles, 6.5, {"Kärnor": 3.0}
        ),
        *_section(
            PARTS[3], resources.shown, RESOURCE_CAPTION, resources.note, styles, 6.5, {"Budgetår": 0.6, "Kärnor": 2.0}
        ),
    ]
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()
