"""The briefing of a dialogue as a PDF (A4), with reportlab. No Streamlit here.

Font: reportlab's built-in PDF fonts cannot be trusted with "—" and friends, so text is set in a
TrueType font that ships with a pip package, never a system font (the README's setup installs only
pip packages): DejaVu Sans from matplotlib's data folder (matplotlib is a requirement for the charts),
else Bitstream Vera bundled with reportlab. The chosen font is checked to cover å, ä, ö, – and —;
without one, `pdf_bytes` raises BriefingFontError with a message saying what to install.

Every text is escaped before it reaches reportlab's Paragraph (which reads a small markup language),
so user and source text shows exactly as written.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from components.briefing.briefing_charts import charts
from components.briefing.briefing_data import (
    APP_NAME,
    NO_DIRECTION,
    NO_ROADMAP,
    NOT_GIVEN,
    NOT_GIVEN_STEP,
    NOT_IN_SOURCES,
    PAGE_MARGIN_CM,
    PROPOSAL,
    SHORTLIST_WIDTHS_CM,
    Briefing,
    ShortlistItem,
    previous_status_text,
    side_text,
)
from components.common.format import MISSING

REQUIRED_CHARS = "åäöÅÄÖéü–—«»’”›"
FAMILY = "BriefSans"
ACCENT = colors.HexColor("#1F3A5F")
MUTED = colors.HexColor("#555555")
WARN = colors.HexColor("#A31F1F")
RULE = colors.HexColor("#B0B8C4")
HEADER_FILL = colors.HexColor("#E7ECF2")
PAGE_W, PAGE_H = A4
MARGIN = PAGE_MARGIN_CM * cm
TEXT_W = PAGE_W - 2 * MARGIN

_font_lock = threading.Lock()
_font_ready: str | None = None


class BriefingFontError(RuntimeError):
    """No TrueType font that covers Swedish letters and dashes could be found."""


def _candidates() -> list[tuple[str, dict[str, Path]]]:
    found = []
    try:
        import matplotlib

        ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        found.append(
            (
                "DejaVu Sans (matplotlib)",
                {
                    "": ttf / "DejaVuSans.ttf",
                    "-Bold": ttf / "DejaVuSans-Bold.ttf",
                    "-Oblique": ttf / "DejaVuSans-Oblique.ttf",
                    "-BoldOblique": ttf / "DejaVuSans-BoldOblique.ttf",
                },
            )
        )
    except ImportError:
        pass
    import reportlab

    bundled = Path(reportlab.__file__).parent / "fonts"
    found.append(
        (
            "Bitstream Vera (reportlab)",
            {
                "": bundled / "Vera.ttf",
                "-Bold": bundled / "VeraBd.ttf",
                "-Oblique": bundled / "VeraIt.ttf",
                "-BoldOblique": bundled / "VeraBI.ttf",
            },
        )
    )
    return found


def register_fonts() -> str:
    """Register the briefing's font family once; returns which font was used."""
    global _font_ready
    with _font_lock:
        if _font_ready:
            return _font_ready
        problems = []
        for label, files in _candidates():
            missing_files = [str(p) for p in files.values() if not p.is_file()]
            if missing_files:
                problems.append(f"{label}: filer saknas ({', '.join(missing_files)})")
                continue
            fonts = {suffix: TTFont(FAMILY + suffix, str(path)) for suffix, path in files.items()}
            lacking = [c for c in REQUIRED_CHARS if ord(c) not in fonts[""].face.charToGlyph]
            if lacking:
                problems.append(f"{label}: saknar tecknen {' '.join(lacking)}")
                continue
            for font in fonts.values():
                pdfmetrics.registerFont(font)
            pdfmetrics.registerFontFamily(
                FAMILY,
                normal=FAMILY,
                bold=FAMILY + "-Bold",
                italic=FAMILY + "-Oblique",
                boldItalic=FAMILY + "-BoldOblique",
            )
            _font_ready = label
            return label
        raise BriefingFontError(
            "PDF-underlaget kan inte skapas: ingen TrueType-font med å, ä, ö och tankstreck hittades. "
            "Installera projektets paket med 'pip install -r requirements.txt' (matplotlib har med "
            "DejaVu Sans). " + "; ".join(problems)
        )


# -- styles and text ------------------------------------------------------------------------------
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body",
        fontName=FAMILY,
        bulletFontName=FAMILY,
        fontSize=9.5,
        leading=13.2,
        alignment=TA_LEFT,
        spaceAfter=5,
        textColor=colors.HexColor("#1A1A1A"),
    )
    return {
        "body": base,
        "kicker": ParagraphStyle("kicker", parent=base, fontSize=8, leading=10, textColor=MUTED, spaceAfter=4),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FAMILY + "-Bold", fontSize=17, leading=21, textColor=ACCENT, spaceAfter=8
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=FAMILY + "-Bold",
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FAMILY + "-Bold",
            fontSize=10,
            leading=13,
            textColor=ACCENT,
            spaceBefore=7,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=7.8, leading=10, textColor=MUTED, spaceAfter=6),
        "caption": ParagraphStyle(
            "caption",
            parent=base,
            fontName=FAMILY + "-Oblique",
            fontSize=7.8,
            leading=10,
            textColor=MUTED,
            spaceAfter=10,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "cellhead": ParagraphStyle(
            "cellhead", parent=base, fontName=FAMILY + "-Bold", fontSize=8, leading=10, spaceAfter=0
        ),
        "list": ParagraphStyle("list", parent=base, fontSize=7.6, leading=9.6, spaceAfter=0),
        "listhead": ParagraphStyle(
            "listhead", parent=base, fontName=FAMILY + "-Bold", fontSize=7.6, leading=9.6, spaceAfter=0
        ),
        "cellsmall": ParagraphStyle(
            "cellsmall", parent=base, fontSize=7, leading=8.8, textColor=MUTED, spaceAfter=0, spaceBefore=1.5
        ),
        "warn": ParagraphStyle(
            "warn",
            parent=base,
            fontName=FAMILY + "-Oblique",
            fontSize=7.5,
            leading=9,
            textColor=WARN,
            spaceAfter=0,
            spaceBefore=1.5,
        ),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=4),
    }


def _t(text) -> str:
    """Literal text for a Paragraph: markup characters escaped, line breaks kept."""
    return escape(str(text)).replace("\n", "<br/>")


def _p(text, style) -> Paragraph:
    return Paragraph(_t(text), style)


def _table(
    rows: list[list], widths_cm: list[float], header: bool = True, shade_first_col: bool = False, padding: float = 4
) -> Table:
    table = Table(rows, colWidths=[w * cm for w in widths_cm], repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    if shade_first_col:
        style.append(("BACKGROUND", (0, 0), (0, -1), HEADER_FILL))
    table.setStyle(TableStyle(style))
    return table


def _rows(headers: list[str], body: list[list], st, cell: str = "cell", head: str = "cellhead") -> list[list]:
    return [[_p(h, st[head]) for h in headers]] + [
        [v if isinstance(v, (Paragraph, list)) else _p(v, st[cell]) for v in row] for row in body
    ]


def _chart(chart, number: int, st) -> KeepTogether:
    reader = ImageReader(io.BytesIO(chart.png))
    w, h = reader.getSize()
    width = TEXT_W - 0.4 * cm
    image = Image(io.BytesIO(chart.png), width=width, height=width * h / w)
    return KeepTogether([image, _p(f"Figur {number}. {chart.caption}", st["caption"])])


# -- sections -------------------------------------------------------------------------------------
def _front(b: Briefing, st) -> list:
    out = [_p(f"{APP_NAME} · Regionala stadskärnor i Stockholmsregionen", st["kicker"]), _p(b.title, st["title"])]
    facts = [[_p(label, st["cellhead"]), _p(value, st["cell"])] for label, value in b.meta]
    out += [_table(facts, [4.0, 13.4], header=False, shade_first_col=True), Spacer(1, 8)]
    out.append(_p(b.summary(), st["body"]))
    if b.notes:
        out.append(_p("Anteckning: " + b.notes, st["body"]))
    return out


def _participants(b: Briefing, st, n: int) -> list:
    out = [_p(f"{n} Deltagare", st["h1"])]
    if not b.participants:
        return out + [_p("Inga deltagare är angivna ännu.", st["body"])]
    body = [[p.name, p.organisation or NOT_GIVEN, side_text(p.side)] for p in b.participants]
    return out + [_table(_rows(["Namn", "Organisation", "Region eller kommun"], body, st), [6.2, 7.7, 3.5])]


def _insats(item: ShortlistItem, st) -> list:
    if item.in_sources and item.code:
        cell = [Paragraph(f"<b>{_t(item.code)}</b> {_t(item.title)}", st["list"])]
    else:
        cell = [_p(item.heading, st["listhead"])]
    if not item.in_sources:
        return cell + [_p(NOT_IN_SOURCES, st["warn"])]
    if item.proposal:
        return cell + [_p(f"{PROPOSAL}. {item.source}", st["warn"])]
    details = "; ".join(
        d
        for d in [
            item.scope + " insats" if item.scope else "",
            f"ansvarig enligt färdplanen: {item.roadmap_lead}" if item.roadmap_lead else "",
        ]
        if d
    )
    if details:
        cell.append(_p(details, st["cellsmall"]))
    if item.variant:
        cell.append(_p(f"I kärnans färdplan: {item.variant}", st["cellsmall"]))
    return cell


def _status(item: ShortlistItem, b: Briefing, st) -> list:
    cell = [_p(item.status, st["list"])]
    before = previous_status_text(item, b)
    return cell + [_p(before, st["cellsmall"])] if before else cell


def _shortlist(b: Briefing, st, n: int, chart_list: list, figure: list[int]) -> list:
    out = [_p(f"{n} Prioriterade insatser", st["h1"])]
    if not b.shortlist:
        return out + [_p("Prioriteringslistan är tom: inga insatser är tillagda ännu.", st["body"])]
    out.append(
        _p(
            "Insatserna i den ordning de prioriteras, med den formulering, den aktör som driver och det "
            "nästa steg som samtalet har enats om eller föreslås enas om.",
            st["body"],
        )
    )
    body = [
        [
            str(p.rank),
            _insats(p, st),
            p.goal_area,
            p.wording or NOT_GIVEN,
            p.owner,
            p.next_step or NOT_GIVEN_STEP,
            _status(p, b, st),
        ]
        for p in b.shortlist
    ]
    out.append(
        _table(
            _rows(
                ["Nr", "Insats", "Målområde", "Formulering och motivering", "Driver", "Nästa steg", "Status"],
                body,
                st,
                "list",
                "listhead",
            ),
            SHORTLIST_WIDTHS_CM,
            padding=3,
        )
    )
    out.append(Spacer(1, 8))
    for chart in chart_list:
        if chart.key == "balance":
            figure[0] += 1
            out.append(_chart(chart, figure[0], st))
    return out


def _profile(b: Briefing, st, n: int) -> list:
    roadmap = f"Färdplan: {b.roadmap_status}" + (f" ({b.roadmap_source})." if b.has_roadmap else ".")
    out = [_p(f"{n} Kärnan: {b.core_name}", st["h1"]), _p(f"Kärnkommuner: {b.municipalities}. {roadmap}", st["body"])]
    if not b.has_roadmap:
        out += [
            Paragraph(f"<b>{_t(NO_ROADMAP)}</b>", st["body"]),
            _p(
                "Underlaget visar därför kärnans gemensamma insatser och de uppgifter som finns om kärnan i "
                "övriga källor. Kärnans egna färdriktningar och insatser läses in när färdplanen finns.",
                st["body"],
            ),
        ]
    for kind, text in b.description:
        out.append(_p(text, st["h2"] if kind == "heading" else st["body"]))
    if b.description:
        out.append(_p(f"Källa: {b.description_source}", st["small"]))
    elif b.has_roadmap:
        out.append(_p("Kärnans karaktärsbeskrivning är inte inläst.", st["body"]))
    return out


def _directions(b: Briefing, st, n: int) -> list:
    out = [_p(f"{n} Färdriktningar per målområde", st["h1"])]
    by_goal = {d.goal_area_id: d for d in b.directions}
    if not by_goal:
        return out + [
            _p(NO_ROADMAP + " Färdriktningarna står i färdplanen och visas här när den är inläst.", st["body"])
        ]
    for goal in b.goal_areas:
        direction = by_goal.get(goal.id)
        block = [_p(f"{goal.id}. {goal.name}", st["h2"])]
        if direction is None:
            block.append(_p(NO_DIRECTION, st["body"]))
        else:
            block += [_p(direction.text, st["body"]), _p(f"Källa: {direction.source}", st["small"])]
        out.append(KeepTogether(block))
    return out


def _year_cell(figure, st) -> list:
    """The year, and under it the source's own period words when they say more ('idag (utkast 2025)')."""
    cell = [_p(figure.year, st["cell"])]
    return cell + [_p(figure.period, st["cellsmall"])] if figure.period not in ("", figure.year) else cell


def _situation(b: Briefing, st, n: int, chart_list: list, figure: list[int]) -> list:
    out = [_p(f"{n} Lägesbild", st["h1"]), _p("Uppgifter om kärnan", st["h2"])]
    if b.figures:
        body = [
            [f.indicator, f.value, f.unit or MISSING, _year_cell(f, st), f.value_type, f.source or MISSING]
            for f in b.figures
        ]
        out.append(
            _table(_rows(["Uppgift", "Värde", "Enhet", "År", "Typ", "Källa"], body, st), [3.4, 2.4, 1.8, 2.6, 1.3, 5.9])
        )
    else:
        out.append(_p("Källorna anger inga siffror för kärnan själv (uppgift saknas).", st["body"]))
    out.append(_p("Befolkning i kärnkommunerna", st["h2"]))
    body = [[p.name, p.value, p.year, p.source] for p in b.population]
    out.append(_table(_rows(["Område", "Folkmängd", "År", "Källa"], body, st), [4.5, 2.5, 1.4, 9.0]))
    out.append(Spacer(1, 8))
    for chart in chart_list:
        if chart.key != "balance":
            figure[0] += 1
            out.append(_chart(chart, figure[0], st))
    return out


def _sources(b: Briefing, st, n: int) -> list:
    out = [_p(f"{n} Källor", st["h1"])]
    if not b.sources:
        out.append(_p("Inga källdokument citeras.", st["body"]))
    for s in b.sources:
        rest = ", ".join(x for x in [s.publisher, s.year] if x)
        used = f" Används för: {', '.join(s.used_for)}." if s.used_for else ""
        out.append(
            Paragraph(
                f"<b>{_t(s.title)}</b>. {_t(rest)}. Status: {_t(s.status or MISSING)}.{_t(used)}",
                st["bullet"],
                bulletText="•",
            )
        )
    out.append(
        _p(
            f"Prioriteringarna, deltagarna och texterna i prioriteringslistan kommer från dialogen i "
            f"{APP_NAME} (version {b.version}). Saknade uppgifter anges som «{MISSING}», aldrig som noll.",
            st["small"],
        )
    )
    out.append(_p(b.exported_text, st["small"]))
    return out


# -- page furniture -------------------------------------------------------------------------------
def _canvas_class(b: Briefing):
    """A canvas that knows the page count, for 'sida 2 av 5', and draws header and footer."""
    header = f"{b.title} · {b.period}"
    footer = f"{b.exported_text} · {b.status_text}"

    class BriefCanvas(pdfcanvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.setFont(FAMILY, 7.5)
            self.setFillColor(MUTED)
            if self._pageNumber > 1:
                self.drawString(MARGIN, PAGE_H - 1.3 * cm, header[:130])
                self.line(MARGIN, PAGE_H - 1.45 * cm, PAGE_W - MARGIN, PAGE_H - 1.45 * cm)
            self.line(MARGIN, 1.45 * cm, PAGE_W - MARGIN, 1.45 * cm)
            self.drawString(MARGIN, 1.05 * cm, footer[:110])
            self.drawRightString(PAGE_W - MARGIN, 1.05 * cm, f"Sida {self._pageNumber} av {total}")
            if self._pageNumber == 1:
                label = "BESLUTAD" if b.status == "beslutad" else "UTKAST"
                self.setFont(FAMILY + "-Bold", 8)
                width = pdfmetrics.stringWidth(label, FAMILY + "-Bold", 8) + 12
                self.setStrokeColor(ACCENT if b.status == "beslutad" else WARN)
                self.setFillColor(ACCENT if b.status == "beslutad" else WARN)
                self.roundRect(PAGE_W - MARGIN - width, PAGE_H - 1.55 * cm, width, 0.55 * cm, 3, stroke=1, fill=0)
                self.drawCentredString(PAGE_W - MARGIN - width / 2, PAGE_H - 1.37 * cm, label)
            self.restoreState()

    return BriefCanvas


def a4_document(buffer, title: str, subject: str) -> BaseDocTemplate:
    """An A4 document with the app's margins, metadata and one body frame (briefing and protocol)."""
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=APP_NAME,
        subject=subject,
        creator=APP_NAME,
        lang="sv-SE",
        initialFontName=FAMILY,
        initialFontSize=9.5,
    )
    frame = Frame(MARGIN, MARGIN, TEXT_W, PAGE_H - 2 * MARGIN, id="body", **dict.fromkeys(PADDINGS, 0))
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc


PADDINGS = ("leftPadding", "rightPadding", "topPadding", "bottomPadding")


def pdf_bytes(briefing: Briefing) -> bytes:
    """The briefing as an A4 PDF with the same content as the .docx, page numbers and a footer saying
    when it was taken out. Raises BriefingFontError if no suitable font is installed."""
    register_fonts()
    st = _styles()
    buffer = io.BytesIO()
    doc = a4_document(buffer, briefing.title, f"{briefing.core_name} {briefing.period}")
    chart_list = charts(briefing)
    figure = [0]
    story = _front(briefing, st)
    story += _participants(briefing, st, 1)
    story += _shortlist(briefing, st, 2, chart_list, figure)
    story += _profile(briefing, st, 3)
    story += _directions(briefing, st, 4)
    story += _situation(briefing, st, 5, chart_list, figure)
    story += _sources(briefing, st, 6)
    doc.build(story, canvasmaker=_canvas_class(briefing))
    return buffer.getvalue()
