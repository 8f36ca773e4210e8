"""One intake for every uploaded file: bytes → rows of text, within limits, with one cell policy.

Both imports (data/roadmap_template.py, data/indicator_import.py) read through here:
- decode(): UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; refuses text that looks
  converted twice (mojibake: «Ã¤» for «ä») and bytes that are no text.
- read_csv(): the delimiter (; , or tab) from the header line, strict quoting, row and cell limits.
- read_xlsx(): a small streaming reader of the workbook's XML (lxml iterparse), so that the work is
  bounded by the limits below before anything large is built: a zip bomb, a sheet claiming a million
  rows or columns, or a huge shared-strings table is refused within the parse-time limit.
- cell_text() and cell_problems(): one rule for every cell (formulas, control characters, length);
  markup() names HTML and Markdown, which are kept as plain text and always shown as text.
Every message is Swedish and says where: file, sheet, row, column (where()). Nothing here writes.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    bytes: int = 5 * MB  # the uploaded file (or all files of one upload)
    unpacked: int = 25 * MB  # an .xlsx is a zip: the sum of its parts unpacked
    members: int = 300  # parts in that zip
    rows: int = 20_000  # rows per sheet or CSV file (the header not counted)
    columns: int = 100  # a value further right is refused
    cell_chars: int = 32_767  # Excel's own limit per cell; callers set tighter ones per column
    seconds: float = 1.5  # reading and checking one file


DEFAULT = Limits()


class ImportRefused(Exception):
    """Nothing was changed; .problems is a list of Swedish messages naming file, sheet, row, column."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class Refused(Exception):
    """Raised inside a reader: the file cannot be read at all (one message)."""


def where(label: str, row: int | None = None, column: str | None = None) -> str:
    """'mall.xlsx, flik «Insatser», rad 4, kolumn «titel»' — the one way messages say where (label is
    the file, or sheet_label() of a workbook's sheet; rows as a spreadsheet numbers them)."""
    return label + (f", rad {row}" if row else "") + (f", kolumn «{column}»" if column else "")


def sheet_label(file: str, sheet: str) -> str:
    return f"{file}, flik «{sheet}»"


def mb(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",") + " MB"


class Deadline:
    """The parse-time limit: check() raises Refused once reading the file has used more CPU time than
    allowed. CPU time of this thread, not the clock: other sessions' load does not refuse a good file."""

    def __init__(self, file: str, seconds: float):
        self.file, self.seconds, self.end = file, seconds, time.thread_time() + seconds

    def check(self) -> None:
        if time.thread_time() > self.end:
            raise Refused(
                f"{self.file}: filen tog för lång tid att läsa (mer än "
                f"{str(self.seconds).replace('.', ',')} s) och lästes inte in. Den är troligen "
                "mycket större inuti än den ser ut; spara om den med bara mallens flikar."
            )


# -- cells --------------------------------------------------------------------------------------------
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d[\d\s\u00a0\u202f]*([.,]\d+)?$")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
MARKDOWN = re.compile(r"\[[^\]]*\]\([^)]*\)|!\[|^\s{0,3}#{1,6}\s|\*\*|__|`|^\s*>\s|<https?://", re.M)


def cell_text(value) -> str:
    """A cell as text: whole numbers without .0, no exponent, dates ÅÅÅÅ-MM-DD, NFC, \\n newlines,
    trailing spaces of each line and surrounding blank lines dropped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sant" if value else "falskt"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def cell_problems(raw: str, max_chars: int, number_ok: bool = True) -> list[str]:
    """Why a cell's text cannot be stored (empty list: it can). raw is the cell before cell_text(), so
    that a leading tab or CR is seen. A plain number such as -3 is no formula when number_ok."""
    out = []
    text = raw.lstrip(" ") if raw[:1] == " " else raw
    if text.startswith(FORMULA_START) and not (number_ok and NUMBER.match(text.strip())):
        sign = {"\t": "tabb", "\r": "radbrytning"}.get(text[0], text[0])
        out.append(
            f"«{text.strip()[:40]}» är en formel eller börjar med «{sign}» och skulle läsas som en formel i "
            "Excel. Formler "
            "läses inte in: skriv texten utan det inledande tecknet."
        )
    bad = CONTROL.search(raw)
    if bad:
        out.append(f"texten innehåller ett otillåtet styrtecken (tecken {ord(bad.group()):#04x}); ta bort det.")
    if len(raw) > max_chars:
        out.append(f"texten är {len(raw)} tecken lång; högst {max_chars} tecken är tillåtet här.")
    return out


def markup(text: str) -> str | None:
    """The HTML or Markdown found in a text (shown to the user in a note), or None."""
    found = HTML.search(text) or MARKDOWN.search(text)
    return found.group()[:30] if found else None


def markup_notes(places: list[tuple[str, str]], shown: int = 5) -> list[str]:
    """Notes for cells with HTML or Markdown ((where, what) pairs): the first few by place, then a count."""
    notes = [
        f"{at}: texten innehåller HTML eller Markdown («{found}»). Den lagras som vanlig text och visas "
        "alltid som text, aldrig som länk, bild eller formatering."
        for at, found in places[:shown]
    ]
    if len(places) > shown:
        notes.append(f"… och {len(places) - shown} celler till med HTML eller Markdown (lagras som vanlig text).")
    return notes


# -- text files ---------------------------------------------------------------------------------------
MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u0152\u0160\u0178\u017d\u201a-\u203a\u2122]|Â[\u00a0-\u00bf]|â€")
CP1252_TEXT = re.compile("[^\x00-\x7f\u00a0-\u00ff€‚„…†‡‰‹›‘’“”•–—™]")


def decode(file: str, data: bytes) -> tuple[str, str | None]:
    """The text of a CSV file and a note on what was converted; Refused when it is not readable text."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise Refused(f"{file}: filen är sparad som UTF-32, som inte läses. Spara den som CSV UTF-8.")
    note = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise Refused(
                f"{file}: filen säger sig vara UTF-16 men byte {exc.start} går inte att läsa. Spara den som CSV UTF-8."
            ) from None
        note = f"{file}: filen var sparad som UTF-16 (Excels «Unicode-text») och lästes om till UTF-8."
    elif b"\x00" in data:
        raise Refused(
            f"{file}: filen är ingen textfil (den innehåller binära data, nolltecken). Spara den som "
            "CSV UTF-8 eller som Excel-arbetsbok (.xlsx)."
        )
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as utf8:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = None
            if text is None or CP1252_TEXT.search(text):
                row = data.count(b"\n", 0, utf8.start) + 1
                raise Refused(
                    f"{where(file, row)}: filen är varken UTF-8 eller Windows-1252 (byte {utf8.start} går "
                    "inte att läsa). Spara den som CSV UTF-8 eller som .xlsx."
                ) from None
            sample = " ".join(sorted({c for c in text if ord(c) > 127})[:8])
            note = (
                f"{file}: filen var inte UTF-8 utan Windows-1252 (Excels vanliga CSV); konverterades till "
                f"UTF-8 (tecken som {sample}). Kontrollera å, ä och ö i förhandsgranskningen."
            )
    bad = MOJIBAKE.search(text)
    if bad:
        row = text.count("\n", 0, bad.start()) + 1
        raise Refused(
            f"{where(file, row)}: texten ser ut att ha konverterats två gånger («{bad.group()}» "
            "där det borde stå å, ä, ö eller ett citattecken). Öppna originalet och spara det som "
            "CSV UTF-8."
        )
    return text, note


def delimiter(text: str) -> str:
    """; , or tab: whichever the header line (outside quotes) has most of; , when it has none."""
    header = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    return max(counts, key=counts.get) if max(counts.values()) else ","


def read_csv(
    file: str, data: bytes, limits: Limits = DEFAULT, deadline: Deadline | None = None
) -> tuple[list[tuple[int, list[str]]], str | None]:
    """(row number as a spreadsheet shows it, cells) for every line, header first; and the decoding note."""
    deadline = deadline or Deadline(file, limits.seconds)
    text, note = decode(file, data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, values in enumerate(reader, start=1):
            if number > limits.rows + 1:
                raise Refused(f"{file}: filen har fler än {limits.rows} rader; dela upp den.")
            if len(values) > limits.columns and any(v.strip() for v in values[limits.columns :]):
                raise Refused(
                    f"{where(file, number)}: raden har {len(values)} fält; högst {limits.columns} "
                    "kolumner läses. Kontrollera avgränsaren."
                )
            rows.append((number, values))
            if number % 500 == 0:
                deadline.check()
    except csv.Error as exc:
        line = reader.line_num
        why = (
            "en cell är längre än vad som läses"
            if "field larger" in str(exc)
            else "ett citattecken avslutas inte eller står mitt i en cell"
        )
        raise Refused(f"{where(file, line)}: felaktig CSV ({why}); kontrollera citattecknen.") from None
    return rows, note


# -- Excel ----------------------------------------------------------------------------------------------
REL_SHEETS = "/worksheet"
DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}


@functools.lru_cache(maxsize=512)
def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _column_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n


def column_letter(index: int) -> str:
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


class _Book:
    """The parts of an .xlsx that the reader needs, each parsed in a streaming way with the deadline."""

    def __init__(self, file: str, data: bytes, limits: Limits, deadline: Deadline):
        self.file, self.limits, self.deadline = file, limits, deadline
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise Refused(
                f"{file}: filen är ingen Excel-arbetsbok (.xlsx) och går inte att öppna. Spara den på "
                "nytt som .xlsx eller som CSV."
            ) from None
        if len(infos) > limits.members:
            raise Refused(f"{file}: arbetsboken har {len(infos)} delar; högst {limits.members} läses.")
        unpacked = sum(i.file_size for i in infos)
        if unpacked > limits.unpacked:
            raise Refused(
                f"{file}: arbetsboken packas upp till {mb(unpacked)}; högst {mb(limits.unpacked)} tas "
                "emot. Spara den med bara mallens flikar, utan bilder."
            )
        if any(i.flag_bits & 0x1 for i in infos):
            raise Refused(f"{file}: arbetsboken är krypterad eller lösenordsskyddad; spara den utan lösenord.")
        self.names = {i.filename for i in infos}

    def _events(self, name: str, tags: tuple[str, ...], free_depth: int = 1):
        """Yield each finished element named in tags; elements at most free_depth below the root (and
        stray elements in a row) are freed once they end, so
        memory stays small whatever the part holds. The deadline is checked every 2000 elements."""
        from lxml import etree

        wanted = set(tags)
        try:
            with self.zip.open(name) as part:
                head = part.read(2048)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise Refused(f"{self.file}: arbetsboken innehåller en DTD ({name}) och läses inte av säkerhetsskäl.")
            with self.zip.open(name) as part:
                depth = count = 0
                for event, element in etree.iterparse(
                    part,
                    events=("start", "end"),
                    resolve_entities=False,
                    no_network=True,
                    load_dtd=False,
                    huge_tree=False,
                ):
                    if event == "start":
                        depth += 1
                        continue
                    depth -= 1
                    count += 1
                    if count % 2000 == 0:
                        self.deadline.check()
                    if _local(element.tag) in wanted:
                        yield element
                    parent = element.getparent()
                    if depth <= free_depth or (
                        parent is not None and _local(parent.tag) == "row" and _local(element.tag) != "c"
                    ):
                        element.clear()
                        while element.getprevious() is not None:
                            del parent[0]
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError) as exc:
            raise Refused(
                f"{self.file}: arbetsboken är skadad ({name}: {type(exc).__name__}); spara den på nytt som .xlsx."
            ) from None

    def _rels(self, name: str) -> dict[str, tuple[str, str]]:
        folder, base = name.rsplit("/", 1) if "/" in name else ("", name)
        path = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        out = {}
        if path in self.names:
            for el in self._events(path, ("Relationship",)):
                target = el.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else (f"{folder}/{target}" if folder else target)
                out[el.get("Id", "")] = (el.get("Type", ""), _normal(target))
                el.clear()
        return out

    def workbook(self) -> str:
        for kind, target in self._rels("").values():
            if kind.endswith("/officeDocument") and target in self.names:
                return target
        if "xl/workbook.xml" in self.names:
            return "xl/workbook.xml"
        raise Refused(
            f"{self.file}: filen är ett zip-arkiv men ingen Excel-arbetsbok (xl/workbook.xml saknas). "
            "Spara den på nytt som .xlsx."
        )

    def shared_strings(self, name: str | None) -> list[str]:
        out: list[str] = []
        if not name or name not in self.names:
            return out
        total = 0
        for el in self._events(name, ("si",)):
            text = "".join(t.text or "" for t in el.iter("{*}t") if _local(t.getparent().tag) != "rPh")
            total += len(text)
            if total > self.limits.unpacked:
                raise Refused(f"{self.file}: arbetsbokens texter är större än {mb(self.limits.unpacked)}.")
            out.append(_unescape(text))
            el.clear()
        return out

    def date_styles(self, name: str | None) -> set[int]:
        if not name or name not in self.names:
            return set()
        custom, xfs = {}, []
        for el in self._events(name, ("numFmt", "xf"), free_depth=2):
            tag = _local(el.tag)
            if tag == "numFmt":
                code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", el.get("formatCode", ""))
                custom[int(el.get("numFmtId", "0") or 0)] = (
                    bool(re.search(r"[dmyhs]", code, re.I)) and "general" not in code.lower()
                )
            elif tag == "xf" and _local(el.getparent().tag) == "cellXfs":
                xfs.append(int(el.get("numFmtId", "0") or 0))
        return {i for i, fmt in enumerate(xfs) if fmt in DATE_FORMATS or custom.get(fmt)}


OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Excel writes characters XML cannot hold as _xHHHH_ (e.g. _x0007_): the real character, so that the
    cell policy sees it."""
    return OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _normal(path: str) -> str:
    parts: list[str] = []
    for p in path.split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p and p != ".":
            parts.append(p)
    return "/".join(parts)


def _excel_date(serial: float):
    moment = datetime(1899, 12, 30) + timedelta(days=serial)
    return moment.date() if moment.time() == datetime.min.time() else moment


def _value(cell, shared: list[str], dates: set[int], file: str, at: str):
    kind = cell.get("t", "n")
    formula = v = None
    inline = []
    for child in cell:
        tag = _local(child.tag)
        if tag == "f":
            formula = child.text or ""
        elif tag == "v":
            v = child.text
        elif tag == "is":
            inline = [t.text or "" for t in child.iter("{*}t") if _local(t.getparent().tag) != "rPh"]
    if formula is not None:
        return "=" + formula  # refused by the cell policy, never evaluated
    if kind == "inlineStr":
        return _unescape("".join(inline))
    if v is None:
        return None
    if kind == "s":
        try:
            return shared[int(v)]
        except (ValueError, IndexError):
            raise Refused(f"{at}: cellen pekar på en text som saknas i arbetsboken (skadad fil).") from None
    if kind in ("str", "e", "d"):
        return v
    if kind == "b":
        return v.strip() == "1"
    try:
        number = float(v) if any(c in v for c in ".eE") else int(v)
    except ValueError:
        return v
    if int(cell.get("s", "0") or 0) in dates and isinstance(number, (int, float)) and 0 <= number < 2958466:
        return _excel_date(float(number))
    return number


@dataclass
class Workbook:
    """Sheet titles in order, and each read sheet's rows (row number, cells by position)."""

    titles: list[str]
    sheets: dict[str, list[tuple[int, list]]] = field(default_factory=dict)


def read_xlsx(
    file: str, data: bytes, wanted=None, limits: Limits = DEFAULT, deadline: Deadline | None = None
) -> Workbook:
    """Read the sheets whose title wanted(title) accepts (all when None). Cell values are Python values
    (str, int, float, bool, date); a formula comes back as its text starting with =."""
    deadline = deadline or Deadline(file, limits.seconds)
    book = _Book(file, data, limits, deadline)
    workbook = book.workbook()
    rels = book._rels(workbook)
    sheets = []
    for el in book._events(workbook, ("sheet",), free_depth=2):
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
        sheets.append((el.get("name", ""), rels.get(rid, ("", ""))[1]))
        el.clear()
    by_kind = {kind.rsplit("/", 1)[-1]: target for kind, target in rels.values()}
    shared = book.shared_strings(by_kind.get("sharedStrings"))
    dates = book.date_styles(by_kind.get("styles"))
    out = Workbook([title for title, _ in sheets])
    for title, target in sheets:
        if wanted is not None and not wanted(title):
            continue
        if target not in book.names:
            raise Refused(f"{sheet_label(file, title)}: fliken saknas i arbetsboken (skadad fil); spara den på nytt.")
        out.sheets[title] = _sheet(book, title, target, shared, dates)
    return out


def _sheet(book: _Book, title: str, target: str, shared: list[str], dates: set[int]) -> list[tuple[int, list]]:
    limits, rows = book.limits, []
    current: dict[int, object] = {}
    last_row, next_col = 0, 1
    for el in book._events(target, ("c", "row"), free_depth=2):
        if _local(el.tag) == "c":
            ref = el.get("r", "")
            col = _column_index(ref) or next_col
            next_col = col + 1
            row_no = int(re.sub(r"^[A-Z]+", "", ref) or 0) if ref else last_row + 1
            value = _value(
                el, shared, dates, book.file, where(sheet_label(book.file, title), row_no, column_letter(col))
            )
            if value is not None and value != "":
                if col > limits.columns:
                    raise Refused(
                        f"{where(sheet_label(book.file, title), row_no, column_letter(col))}: värden längre åt höger "
                        f"än kolumn {column_letter(limits.columns)} läses inte; ta bort dem."
                    )
                current[col] = value
            el.clear()
            continue
        number = int(el.get("r", "0") or 0) or last_row + 1
        last_row, next_col = number, 1
        if current:
            if number > limits.rows + 1:
                raise Refused(
                    f"{sheet_label(book.file, title)}: fliken har fler än {limits.rows} rader; dela upp filen."
                )
            rows.append((number, [current.get(i) for i in range(1, max(current) + 1)]))
            current = {}
    return rows
