"""The briefing of a dialogue as a Word document (.docx), with python-docx. No Streamlit here.

Every text goes in as a run's literal text: nothing is parsed as markup or as a field, so user and
source text shows exactly as written (control characters are dropped by briefing_data.clean_text).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

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

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
MUTED = RGBColor(0x55, 0x55, 0x55)
WARN = RGBColor(0xA3, 0x1F, 0x1F)
HEADER_FILL = "E7ECF2"
TEXT_WIDTH_CM = 21.0 - 2 * PAGE_MARGIN_CM
FONT = "Calibri"
CELL_MARGIN_TWIPS = 80  # 1.4 mm left and right inside table cells
LIST_PT = 8  # the shortlist table's type size


# -- low-level helpers ------------------------------------------------------------------------------
def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    props.append(shd)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _no_split(row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) computed when the document is shown."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _language(style, tag: str = "sv-SE") -> None:
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    rpr.append(lang)


def _cell_text(
    cell,
    text: str,
    bold: bool = False,
    size: float = 8.5,
    colour: RGBColor | None = None,
    italic: bool = False,
    new_paragraph: bool = False,
):
    paragraph = cell.add_paragraph() if new_paragraph else cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(1)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    return paragraph


def _widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths that Word and LibreOffice both honour: fixed layout (autofit off), grid
    columns and every cell; narrow cell margins (w:tblCellMar goes right after w:tblLayout)."""
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.find(qn("w:tblLayout")).addnext(margins)
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def _table(doc, headers: list[str], widths_cm: list[float], rows: list[list], size: float = 8.5):
    """A grid table with a shaded header row that repeats on every page; cells are plain text or a
    callable that fills the cell itself."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for i, header in enumerate(headers):
        cell = table.rows[0].cells[i]
        _cell_text(cell, header, bold=True, size=size)
        _shade(cell, HEADER_FILL)
    _repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            if callable(value):
                value(cell)
            else:
                _cell_text(cell, str(value), size=size)
        _no_split(table.rows[-1])
    _widths(table, widths_cm)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def _para(
    doc,
    text: str,
    size: float | None = None,
    colour: RGBColor | None = None,
    italic: bool = False,
    bold: bool = False,
    space_after: float = 6,
):
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.italic, run.bold = italic, bold
    if size:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def _source(doc, text: str) -> None:
    if text:
        _para(doc, f"Källa: {text}", size=8, colour=MUTED, space_after=8)


def _picture(doc, chart, number: int) -> None:
    doc.add_picture(io.BytesIO(chart.png), width=Cm(TEXT_WIDTH_CM - 1))
    picture = doc.inline_shapes[-1]
    picture._inline.docPr.set("descr", chart.caption)  # alt text for screen readers
    picture._inline.docPr.set("title", chart.title)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    _para(doc, f"Figur {number}. {chart.caption}", size=8, colour=MUTED, italic=True, space_after=10)


# -- the document ---------------------------------------------------------------------------------
def _setup(doc, briefing: Briefing) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(PAGE_MARGIN_CM)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    _language(normal)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 11.5)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        style.font.bold = True
    props = doc.core_properties
    props.title = briefing.title
    props.subject = f"{briefing.core_name} {briefing.period}"
    props.author = APP_NAME
    props.language = "sv-SE"
    props.keywords = "färdplan; regional stadskärna; politiskt samtal"
    footer_style = doc.styles["Footer"]
    footer_style.font.size = Pt(8)
    footer_style.font.color.rgb = MUTED
    footer = section.footer.paragraphs[0]
    footer.style = footer_style
    footer.add_run(f"{briefing.exported_text} · {briefing.core_name} {briefing.period} · sida ")
    _field(footer, "PAGE")
    footer.add_run(" av ")
    _field(footer, "NUMPAGES")


def _title(doc, briefing: Briefing) -> None:
    doc.add_heading(briefing.title, level=0)
    rows = [[label, value] for label, value in briefing.meta]
    table = _table(doc, ["Uppgift", "Värde"], [4.0, 13.4], rows, size=9.5)
    table.rows[0]._tr.getparent().remove(table.rows[0]._tr)  # a fact list needs no header row
    for row in table.rows:
        row.cells[0].paragraphs[0].runs[0].bold = True
    _para(doc, briefing.summary(), space_after=6)
    if briefing.notes:
        _para(doc, "Anteckning: " + briefing.notes, italic=True)


def _participants(doc, briefing: Briefing) -> None:
    doc.add_heading("1 Deltagare", level=1)
    if not briefing.participants:
        _para(doc, "Inga deltagare är angivna ännu.", italic=True)
        return
    _table(
        doc,
        ["Namn", "Organisation", "Region eller kommun"],
        [6.2, 7.7, 3.5],
        [[p.name, p.organisation or NOT_GIVEN, side_text(p.side)] for p in briefing.participants],
        size=9.5,
    )


def _insats_cell(item: ShortlistItem):
    def fill(cell):
        if item.in_sources and item.code:
            paragraph = _cell_text(cell, item.code + " ", bold=True, size=LIST_PT)
            paragraph.add_run(item.title).font.size = Pt(LIST_PT)
        else:
            _cell_text(cell, item.heading, bold=True, size=LIST_PT)
        if not item.in_sources:
            _cell_text(cell, NOT_IN_SOURCES, italic=True, size=LIST_PT, colour=WARN, new_paragraph=True)
            return
        if item.proposal:
            _cell_text(cell, f"{PROPOSAL}. {item.source}", italic=True, size=7.5, colour=WARN, new_paragraph=True)
            return
        details = [item.scope + " insats" if item.scope else ""]
        if item.roadmap_lead:
            details.append(f"ansvarig enligt färdplanen: {item.roadmap_lead}")
        _cell_text(cell, "; ".join(d for d in details if d), size=7.5, colour=MUTED, new_paragraph=True)
        if item.variant:
            _cell_text(cell, f"I kärnans färdplan: {item.variant}", size=7.5, colour=MUTED, new_paragraph=True)

    return fill


def _status_cell(item: ShortlistItem, briefing: Briefing):
    def fill(cell):
        _cell_text(cell, item.status, size=LIST_PT)
        before = previous_status_text(item, briefing)
        if before:
            _cell_text(cell, before, size=7.5, colour=MUTED, new_paragraph=True)

    return fill


def _shortlist(doc, briefing: Briefing, chart_list: list, counter: list[int]) -> None:
    doc.add_heading("2 Prioriterade insatser", level=1)
    if not briefing.shortlist:
        _para(doc, "Prioriteringslistan är tom: inga insatser är tillagda ännu.", italic=True)
        return
    _para(
        doc,
        "Insatserna i den ordning de prioriteras, med den formulering, den aktör som driver och det "
        "nästa steg som samtalet har enats om eller föreslås enas om.",
        space_after=4,
    )
    rows = [
        [
            str(p.rank),
            _insats_cell(p),
            p.goal_area,
            p.wording or NOT_GIVEN,
            p.owner,
            p.next_step or NOT_GIVEN_STEP,
            _status_cell(p, briefing),
        ]
        for p in briefing.shortlist
    ]
    _table(
        doc,
        ["Nr", "Insats", "Målområde", "Formulering och motivering", "Driver", "Nästa steg", "Status"],
        SHORTLIST_WIDTHS_CM,
        rows,
        size=LIST_PT,
    )
    for chart in chart_list:
        if chart.key == "balance":
            counter[0] += 1
            _picture(doc, chart, counter[0])


def _profile(doc, briefing: Briefing) -> None:
    doc.add_heading(f"3 Kärnan: {briefing.core_name}", level=1)
    _para(
        doc,
        f"Kärnkommuner: {briefing.municipalities}. Färdplan: {briefing.roadmap_status}"
        + (f" ({briefing.roadmap_source})." if briefing.has_roadmap else "."),
        space_after=6,
    )
    if not briefing.has_roadmap:
        _para(doc, NO_ROADMAP, bold=True, space_after=4)
        _para(
            doc,
            "Underlaget visar därför kärnans gemensamma insatser och de uppgifter som finns om "
            "kärnan i övriga källor. Kärnans egna färdriktningar och insatser läses in när "
            "färdplanen finns.",
            space_after=8,
        )
    if briefing.description:
        for kind, text in briefing.description:
            if kind == "heading":
                doc.add_heading(text, level=2)
            else:
                _para(doc, text)
        _source(doc, briefing.description_source)
    elif briefing.has_roadmap:
        _para(doc, "Kärnans karaktärsbeskrivning är inte inläst.", italic=True)


def _directions(doc, briefing: Briefing) -> None:
    doc.add_heading("4 Färdriktningar per målområde", level=1)
    by_goal = {d.goal_area_id: d for d in briefing.directions}
    if not by_goal:
        _para(doc, NO_ROADMAP + " Färdriktningarna står i färdplanen och visas här när den är inläst.", italic=True)
        return
    for goal in briefing.goal_areas:
        doc.add_heading(f"{goal.id}. {goal.name}", level=2)
        direction = by_goal.get(goal.id)
        if direction is None:
            _para(doc, NO_DIRECTION, italic=True)
            continue
        _para(doc, direction.text, space_after=2)
        _source(doc, direction.source)


def _situation(doc, briefing: Briefing, chart_list: list, counter: list[int]) -> None:
    doc.add_heading("5 Lägesbild", level=1)
    doc.add_heading("Uppgifter om kärnan", level=2)
    if briefing.figures:
        _table(
            doc,
            ["Uppgift", "Värde", "Enhet", "År", "Typ", "Källa"],
            [3.4, 2.4, 1.8, 2.6, 1.3, 5.9],
            [
                [f.indicator, f.value, f.unit or MISSING, _year_cell(f), f.value_type, f.source or MISSING]
                for f in briefing.figures
            ],
        )
    else:
        _para(doc, "Källorna anger inga siffror för kärnan själv (uppgift saknas).", italic=True)
    doc.add_heading("Befolkning i kärnkommunerna", level=2)
    _table(
        doc,
        ["Område", "Folkmängd", "År", "Källa"],
        [4.5, 2.5, 1.4, 9.0],
        [[p.name, p.value, p.year, p.source] for p in briefing.population],
    )
    for chart in chart_list:
        if chart.key != "balance":
            counter[0] += 1
            _picture(doc, chart, counter[0])


def _year_cell(figure):
    def fill(cell):
        _cell_text(cell, figure.year)
        if figure.period not in ("", figure.year):
            _cell_text(cell, figure.period, size=7.5, colour=MUTED, new_paragraph=True)

    return fill


def _sources(doc, briefing: Briefing) -> None:
    doc.add_heading("6 Källor", level=1)
    if not briefing.sources:
        _para(doc, "Inga källdokument citeras.", italic=True)
    for s in briefing.sources:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(s.title).bold = True
        rest = ", ".join(x for x in [s.publisher, s.year] if x)
        paragraph.add_run(
            f". {rest}. Status: {s.status or MISSING}."
            + (f" Används för: {', '.join(s.used_for)}." if s.used_for else "")
        )
        paragraph.paragraph_format.space_after = Pt(3)
    _para(
        doc,
        f"Prioriteringarna, deltagarna och texterna i prioriteringslistan kommer från dialogen i "
        f"{APP_NAME} (version {briefing.version}). Saknade uppgifter anges som «{MISSING}», aldrig "
        f"som noll.",
        size=9,
        colour=MUTED,
        space_after=8,
    )
    _para(doc, briefing.exported_text, size=9, colour=MUTED)


def docx_bytes(briefing: Briefing) -> bytes:
    """The briefing as a .docx: title and facts, participants, the shortlist with its chart, the core's
    profile, färdriktningar, lägesbild with figures and charts, and every source cited."""
    doc = Document()
    _setup(doc, briefing)
    chart_list = charts(briefing)
    counter = [0]
    _title(doc, briefing)
    _participants(doc, briefing)
    _shortlist(doc, briefing, chart_list, counter)
    _profile(doc, briefing)
    _directions(doc, briefing)
    _situation(doc, briefing, chart_list, counter)
    _sources(doc, briefing)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
