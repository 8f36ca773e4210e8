"""The roadmap template: its sheets and Swedish columns, reading it (Excel or CSV) and writing it (Excel).

A roadmap (färdplan) for one core is filled in on six sheets — Källa, Kärna, Färdriktningar, Insatser,
Aktörer per insats, Nya aktörer — or as six CSV files named after them (kalla.csv, karna.csv, …).
This module only turns such a file into rows of text with their sheet, row and column, and reports what
it could not read; data/roadmap_import.py checks the rows and turns them into a curated folder.
Nothing here imports streamlit.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from data import intake
from data.curated_files import ACTOR_TYPES, KINDS
from data.intake import cell_text, where
from data.slug import slug

MAX_ROWS = 5000  # rows per sheet
MAX_TITLE = 500  # characters in a title, name, code or heading
MAX_TEXT = 20000  # characters in any other cell
LIMITS = intake.Limits(rows=MAX_ROWS)
MAX_BYTES = LIMITS.bytes  # an upload or a folder of CSVs


@dataclass(frozen=True)
class Column:
    name: str  # the header in the template (Swedish)
    field: str = ""  # the curated column it fills, "table.column" (data/curated_files.py SPECS)
    required: bool = False  # every row must give a value
    optional: bool = False  # the column itself may be left out of the file
    long: bool = False  # free text (wide, wrapped column; MAX_TEXT instead of MAX_TITLE)
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    help: str
    required: bool = True

    @property
    def file_name(self) -> str:
        return slug(self.name) + ".csv"


SHEETS: dict[str, Sheet] = {
    s.name: s
    for s in (
        Sheet(
            "Källa",
            (
                Column(
                    "id",
                    field="sources.id",
                    optional=True,
                    help="Källans id (små bokstäver, siffror, bindestreck). Tom: fardplan-<kärna>-<år>.",
                ),
                Column("titel", field="sources.title", required=True, help="Dokumentets titel."),
                Column("utgivare", field="sources.publisher", help="T.ex. Region Stockholm."),
                Column(
                    "år",
                    field="sources.year",
                    required=True,
                    help="Utgivningsår, fyra siffror. Mappen får namnet <kärna>-<år>.",
                ),
                Column("status", field="sources.status", required=True, help="antagen eller utkast."),
                Column(
                    "fil", field="sources.file", optional=True, help="Var dokumentet finns (sökväg eller webbadress)."
                ),
                Column("not", field="sources.note", optional=True, long=True, help="Anmärkning om källan."),
            ),
            "Dokumentet som färdplanen läses från. Exakt en rad.",
        ),
        Sheet(
            "Kärna",
            (
                Column("kärna", field="cores.id", required=True, help="Kärnans id (t.ex. haninge) eller namn."),
                Column(
                    "karaktärsbeskrivning",
                    field="core_texts.text",
                    long=True,
                    help="Kärnans karaktärsbeskrivning ur färdplanen; stycken skiljs med en tom rad.",
                ),
                Column(
                    "källavsnitt",
                    field="core_texts.source_section",
                    optional=True,
                    help="Rubriken i dokumentet som texten kommer från.",
                ),
            ),
            "Vilken regional stadskärna färdplanen gäller. Exakt en rad.",
        ),
        Sheet(
            "Färdriktningar",
            (
                Column("målområde", field="directions.goal_area_id", required=True, help="1–4."),
                Column(
                    "rubrik",
                    field="directions.heading",
                    optional=True,
                    help="Rubriken som dokumentet ger färdriktningen.",
                ),
                Column("text", field="directions.text", required=True, long=True, help="Färdriktningens text."),
                Column(
                    "källavsnitt",
                    field="directions.source_section",
                    optional=True,
                    help="Avsnittet i dokumentet. Tom: målområdets namn.",
                ),
            ),
            "En rad per målområde.",
        ),
        Sheet(
            "Insatser",
            (
                Column(
                    "kod",
                    field="interventions.code",
                    help="Insatsens nummer i dokumentet, t.ex. 1.3. Tom om dokumentet inte numrerar. "
                    "För en gemensam insats: den gemensamma insatsens kod, t.ex. gemensam-1.1 "
                    "(se fliken Gemensamma insatser).",
                ),
                Column("titel", field="interventions.title", required=True, help="Insatsens rubrik."),
                Column(
                    "beskrivning",
                    field="interventions.description",
                    long=True,
                    help="Insatsens hela text; stycken skiljs med en tom rad.",
                ),
                Column("målområde", field="interventions.goal_area_id", required=True, help="1–4."),
                Column("omfattning", field="interventions.scope", required=True, help="kärnspecifik eller gemensam."),
                Column(
                    "karaktär",
                    field="interventions.kind",
                    optional=True,
                    help=", ".join(sorted(KINDS)) + " eller tom.",
                ),
                Column(
                    "källavsnitt",
                    field="interventions.source_section",
                    optional=True,
                    help="Avsnittet i dokumentet. Tom: målområde och kod.",
                ),
                Column(
                    "not", field="interventions.note", optional=True, long=True, help="Anmärkning (syns vid insatsen)."
                ),
            ),
            "En rad per insats: de kärnspecifika och dokumentets formulering av de gemensamma.",
        ),
        Sheet(
            "Aktörer per insats",
            (
                Column(
                    "insats",
                    field="intervention_actors.intervention_id",
                    required=True,
                    help="Insatsens kod, eller titel om den saknar kod.",
                ),
                Column(
                    "aktör",
                    field="intervention_actors.actor_id",
                    required=True,
                    help="En känd aktörs namn eller id (se fliken Kända aktörer), "
                    "eller en aktör på fliken Nya aktörer.",
                ),
                Column("roll", field="intervention_actors.role", required=True, help="ansvarig eller medverkande."),
                Column(
                    "namn i källan",
                    field="intervention_actors.name_as_written",
                    optional=True,
                    help="Så som dokumentet skriver aktören. Tom: som i kolumnen aktör.",
                ),
                Column(
                    "källavsnitt",
                    field="intervention_actors.source_section",
                    optional=True,
                    help="Avsnittet i dokumentet. Tom: insatsens avsnitt.",
                ),
            ),
            "En rad per insats och aktör: ansvarig aktör och exempel på medverkande aktörer.",
        ),
        Sheet(
            "Nya aktörer",
            (
                Column(
                    "id",
                    field="actors.id",
                    optional=True,
                    help="Tom: bildas av namnet (Almi Stockholm AB → almi-stockholm-ab).",
                ),
                Column("namn", field="actors.name", required=True, help="Organisationens namn."),
                Column(
                    "typ",
                    field="actors.type",
                    required=True,
                    help=", ".join(sorted(ACTOR_TYPES)) + ".",
                ),
                Column("not", field="actors.note", optional=True, long=True, help="Anmärkning om aktören."),
            ),
            "Aktörer som inte redan finns i databasen. Lämna tom om alla är kända.",
            required=False,
        ),
    )
}

# Sheets in a downloaded template that the import does not read.
HELP_SHEETS = ("Instruktioner", "Målområden", "Gemensamma insatser", "Kända aktörer")


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form for matching names: 'Södertälje  Kommun' → 'sodertalje kommun'."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass
class RawSheet:
    """One sheet as text: where it came from, its header and its non-empty rows."""

    name: str  # the template's sheet name
    label: str  # "mall.xlsx, flik «Insatser»" or "insatser.csv"
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as a spreadsheet shows it, column → text)


@dataclass
class RawTemplate:
    origin: str  # file or folder name, for messages
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _too_big(name: str, size: int) -> RawTemplate:
    return RawTemplate(
        name,
        problems=[
            f"{name}: filen är {intake.mb(size)}; högst {MAX_BYTES // 1024 // 1024} MB tas "
            "emot. Dela upp den eller ta bort bilder och annat som inte hör till mallen."
        ],
    )


# -- cells (the one policy: data/intake.py) ---------------------------------------------------------------
def check_cell(raw, column: Column, at: str, problems: list[str], markup: list) -> str:
    """The cell as text; what cannot be stored goes to problems, HTML/Markdown to markup (kept as text)."""
    text = cell_text(raw)
    source = raw if isinstance(raw, str) else text
    for message in intake.cell_problems(source, MAX_TEXT if column.long else MAX_TITLE):
        problems.append(f"{at}: {message}")
    found = intake.markup(text)
    if found:
        markup.append((at, found))
    return text


def _sheet_rows(sheet: Sheet, label: str, header: list, body, raw: RawTemplate) -> RawSheet | None:
    """Match the header to the sheet's columns (case- and diacritic-insensitive) and read the rows."""
    names = [cell_text(h) for h in header]
    wanted = {fold(c.name): c for c in sheet.columns}
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        if not name:
            continue
        column = wanted.get(fold(name))
        if column is None:
            raw.notes.append(f"{where(label, 1)}: kolumnen «{name}» finns inte i mallen och lästes inte.")
        elif column.name in index:
            raw.problems.append(f"{where(label, 1, column.name)}: kolumnen finns två gånger.")
        else:
            index[column.name] = i
    missing = [c.name for c in sheet.columns if c.name not in index and not c.optional]
    if missing:
        raw.problems.append(
            f"{where(label, 1)}: kolumn saknas: {', '.join(missing)} (rubrikraden ska ha "
            f"{', '.join(c.name for c in sheet.columns)})."
        )
        return None
    rows, markup = [], []
    for number, values in body:
        if number - 1 > MAX_ROWS:
            raw.problems.append(f"{label}: fler än {MAX_ROWS} rader; dela upp filen.")
            break
        cells = {
            c.name: values[index[c.name]] if c.name in index and index[c.name] < len(values) else None
            for c in sheet.columns
        }
        if not any(cell_text(v) for v in cells.values()):
            continue
        if any(cell_text(v) for i, v in enumerate(values) if i >= len(names) or not names[i]):
            raw.notes.append(f"{where(label, number)}: värden i en kolumn utan rubrik lästes inte.")
        texts = {
            c.name: check_cell(cells[c.name], c, where(label, number, c.name), raw.problems, markup)
            for c in sheet.columns
        }
        rows.append((number, texts))
    raw.notes += intake.markup_notes(markup)
    return RawSheet(sheet.name, label, [names[i] for i in sorted(index.values())], rows)


# -- Excel and CSV (read by data/intake.py) -----------------------------------------------------------------
def read_xlsx(name: str, data: bytes) -> RawTemplate:
    raw = RawTemplate(name)
    wanted = {fold(s.name): s for s in SHEETS.values()}
    try:
        book = intake.read_xlsx(name, data, lambda title: fold(title) in wanted, LIMITS)
    except intake.Refused as exc:
        raw.problems.append(str(exc))
        return raw
    titles = {fold(t): t for t in book.titles}
    for sheet in SHEETS.values():
        title = titles.get(fold(sheet.name))
        if title is None:
            if sheet.required:
                raw.problems.append(
                    f"{name}: fliken «{sheet.name}» saknas (flikarna i filen: {', '.join(book.titles)})."
                )
            continue
        label = f"{name}, flik «{sheet.name}»"
        rows = book.sheets[title]
        if not rows or rows[0][0] != 1 or not any(cell_text(v) for v in rows[0][1]):
            raw.problems.append(f"{where(label, 1)}: rubrikraden saknas (fliken är tom).")
            continue
        found = _sheet_rows(sheet, label, list(rows[0][1]), rows[1:], raw)
        if found:
            raw.sheets[sheet.name] = found
    known = {fold(s) for s in [*SHEETS, *HELP_SHEETS]}
    for title in book.titles:
        if fold(title) not in known:
            raw.notes.append(f"{name}: fliken «{title}» hör inte till mallen och lästes inte.")
    return raw


def read_csvs(files: list[tuple[str, bytes]], origin: str) -> RawTemplate:
    raw = RawTemplate(origin)
    by_sheet = {slug(s.name): s for s in SHEETS.values()}
    seen: dict[str, str] = {}
    deadline = intake.Deadline(origin, LIMITS.seconds)
    for name, data in files:
        stem = slug(Path(name).stem)
        sheet = by_sheet.get(stem)
        if sheet is None:
            if stem not in {slug(h) for h in HELP_SHEETS}:
                raw.problems.append(
                    f"{name}: okänd fil; filerna ska heta {', '.join(s.file_name for s in SHEETS.values())}."
                )
            continue
        if sheet.name in seen:
            raw.problems.append(f"{name}: fliken «{sheet.name}» finns redan som {seen[sheet.name]}.")
            continue
        seen[sheet.name] = name
        if not data.strip():
            raw.problems.append(f"{name}: filen är tom (rubrikraden saknas).")
            continue
        try:
            records, note = intake.read_csv(name, data, LIMITS, deadline)
        except intake.Refused as exc:
            raw.problems.append(str(exc))
            continue
        if note:
            raw.notes.append(note)
        if not records or not any(v.strip() for v in records[0][1]):
            raw.problems.append(f"{where(name, 1)}: rubrikraden saknas.")
            continue
        found = _sheet_rows(sheet, name, records[0][1], records[1:], raw)
        if found:
            raw.sheets[sheet.name] = found
    for sheet in SHEETS.values():
        if sheet.required and sheet.name not in seen:
            raw.problems.append(f"{origin}: filen {sheet.file_name} (fliken «{sheet.name}») saknas.")
    return raw


# -- entry points ----------------------------------------------------------------------------------------
def read_files(files: list[tuple[str, bytes]], origin: str | None = None) -> RawTemplate:
    """One .xlsx, or the CSV files of the template. Size, emptiness and format are checked first."""
    origin = origin or ", ".join(n for n, _ in files) or "(ingen fil)"
    total = sum(len(d) for _, d in files)
    if not files:
        return RawTemplate(origin, problems=["Ingen fil vald."])
    if total > MAX_BYTES:
        return _too_big(origin, total)
    workbooks = [(n, d) for n, d in files if d.startswith(b"PK\x03\x04") or n.lower().endswith((".xlsx", ".xlsm"))]
    if len(files) == 1 and not files[0][1]:
        return RawTemplate(origin, problems=[f"{files[0][0]}: filen är tom."])
    if workbooks:
        if len(files) > 1:
            return RawTemplate(
                origin,
                problems=[f"{origin}: läs in en Excel-fil eller CSV-filerna, inte båda eller flera arbetsböcker."],
            )
        name, data = workbooks[0]
        if not data:
            return RawTemplate(origin, problems=[f"{name}: filen är tom."])
        return read_xlsx(name, data)
    for name, data in files:
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            return RawTemplate(
                origin,
                problems=[
                    f"{name}: filen är en gammal Excel-fil (.xls) eller "
                    "lösenordsskyddad; spara den som .xlsx utan lösenord."
                ],
            )
        if not name.lower().endswith(".csv"):
            return RawTemplate(
                origin, problems=[f"{name}: filtypen läses inte; läs in mallen som .xlsx eller som CSV-filer."]
            )
    return read_csvs(files, origin)


def read_path(path: Path) -> RawTemplate:
    """A template file (.xlsx) or a folder of CSV files, with the size checked before reading."""
    path = Path(path)
    if path.is_dir():
        members = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        total = sum(p.stat().st_size for p in members)
        if total > MAX_BYTES:
            return _too_big(path.name, total)
        if not members:
            return RawTemplate(path.name, problems=[f"{path.name}: mappen är tom."])
        return read_files([(p.name, p.read_bytes()) for p in members], path.name)
    if not path.exists():
        return RawTemplate(path.name, problems=[f"{path}: filen finns inte."])
    size = path.stat().st_size
    if size > MAX_BYTES:
        return _too_big(path.name, size)
    return read_files([(path.name, path.read_bytes())], path.name)


# -- writing ---------------------------------------------------------------------------------------------
def write_xlsx(
    rows: dict[str, list[dict[str, str]]], reference: dict[str, list[dict[str, str]]], instructions: list[str]
) -> bytes:
    """The template workbook: Instruktioner, the six sheets (with rows), then reference sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    info = book.active
    info.title = "Instruktioner"
    info.column_dimensions["A"].width = 110
    for i, line in enumerate(instructions, start=1):
        cell = info.cell(row=i, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if i == 1:
            cell.font = Font(bold=True, size=14)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    lists = {
        "status": '"antagen,utkast"',
        "målområde": '"1,2,3,4"',
        "omfattning": '"kärnspecifik,gemensam"',
        "roll": '"ansvarig,medverkande"',
        "karaktär": '"Samverkan/dialog,Kunskap,Planering och genomförande,Kommunikation/marknadsföring"',
        "typ": '"region,kommun,statlig myndighet,bolag,akademi,klusterorganisation,näringsliv,övrigt"',
    }

    def put(ws, header: list[str], records: list[dict[str, str]], long: set[str], text_columns=()):
        ws.append(header)
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
        for rec in records:
            ws.append([rec.get(h, "") for h in header])
        for i, h in enumerate(header, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = 70 if h in long else max(14, min(40, len(h) + 6))
            for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        cell.data_type = "s"  # never let a stored text become a formula
                    cell.alignment = Alignment(wrap_text=h in long, vertical="top")
            if h in text_columns:  # codes like 1.10 stay text when typed into the column
                ws.column_dimensions[letter].number_format = "@"
                for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    row[0].number_format = "@"
        ws.freeze_panes = "A2"

    for sheet in SHEETS.values():
        ws = book.create_sheet(sheet.name)
        header = [c.name for c in sheet.columns]
        put(
            ws,
            header,
            rows.get(sheet.name, []),
            {c.name for c in sheet.columns if c.long},
            text_columns=("kod", "insats", "år", "id") if sheet.name != "Källa" else ("år",),
        )
        for i, h in enumerate(header, start=1):
            if h in lists and not (sheet.name == "Kärna"):
                dv = DataValidation(type="list", formula1=lists[h], allow_blank=True, showErrorMessage=False)
                letter = get_column_letter(i)
                dv.add(f"{letter}2:{letter}1000")
                ws.add_data_validation(dv)
    for title, records in reference.items():
        ws = book.create_sheet(title)
        header = list(records[0]) if records else ["(tom)"]
        put(ws, header, records, {h for h in header if h in ("titel", "beskrivning", "text")})
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(sheet: Sheet, records: list[dict[str, str]]) -> bytes:
    """One sheet as a CSV file of the template (UTF-8 with BOM so that Excel shows å, ä, ö)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in sheet.columns])
    for rec in records:
        writer.writerow([rec.get(c.name, "") for c in sheet.columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
