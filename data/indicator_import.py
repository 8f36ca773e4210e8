"""Import of indicator values by officials: template → parse → validate → plan → apply. No Streamlit.

An official fills in the template (Excel or CSV) with the columns
`indikator_id, geografi, ar, varde, kalla` and uploads it on the Lägesbild page. Every row is checked
before anything is written; any problem rejects the whole file with Swedish messages that name the
file, the row (as the spreadsheet numbers it: the header is row 1) and the column.

Where the values go: the curated CSV `data/curated/import-indikatorer/indicator_values.csv` (the same
format as every curated folder, data/README.md), so imported values are reviewable in diffs and survive
every rebuild. Each row carries the generic source `import-tjansteperson` (a row of common/sources.csv);
the source the official named (`kalla`) is kept per value in `source_section` and in `note` with the
file name, row and date. A re-import of the same indicator + geography + year + kalla updates that
value; it never adds a second row. The folder also gets a `changes.csv` row per import, which the start
page lists. After writing, the reference store is rebuilt atomically (data.build); if the build fails,
the CSV files are put back as they were.

Rules beyond the format:
- One value per indicator × geography × year: a value the sources already give is never replaced by an
  import, and a year imported with one `kalla` can only be updated with the same `kalla` (compared
  without regard to case and spacing).
- Importable are the indicators defined in data/curated (the roadmaps' per-core figures and the RUFS
  delmål) that have a single measure. Not importable: indicators the build derives from the SCB files in
  data/sources/stats (data/checks.py accepts curated values only for curated indicators), the quoted
  municipal figures (areas the municipalities delimit themselves) and delmål with several sub-measures
  ("Delmått: …"), whose sub-measure the template cannot name.
- Numbers: plain or Swedish notation (1 234,5); never words, units or a formula. Percent 0–100; counts of
  people or dwellings not negative. `kalla` is plain text: no formula start (= + - @), no HTML.

The curated folder is data/curated, or the folder in env FARDPLANER_CURATED (as data.roadmap_import;
for tests: the app's start-up build in components/common/store.py always reads data/curated).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from data import curated_write, intake, live_stats, statistics
from data.curated_files import SPECS
from data.curated_lock import lock
from data.paths import SOURCES_DIR, curated_dir, read_only_mode, reference_db

# the file's columns and the curated column each fills (data/curated_files.py SPECS)
FIELDS = {
    "indikator_id": "indicator_values.indicator_id",
    "geografi": "indicator_values.geography",
    "ar": "indicator_values.year",
    "varde": "indicator_values.value",
    "kalla": "indicator_values.source_section",
}
COLUMNS = tuple(FIELDS)
MAX_ROWS = 20_000
MAX_SOURCE_CHARS = 300
FOLDER = "import-indikatorer"
SOURCE_ID = "import-tjansteperson"
QUOTE_SOURCES = {statistics.QUOTES_SOURCE, statistics.FAKTA_SOURCE}
# Indicators the build derives from the files in data/sources/stats; the build's checks accept curated
# values only for indicators defined in data/curated (data/checks.py), so these cannot be imported.
STATISTICS_SOURCES = {statistics.POP_SOURCE, statistics.KOMMUN_SOURCE}
VALUE_COLUMNS = SPECS["indicator_values"].columns
CHANGE_COLUMNS = SPECS["changes"].columns
COUNTY = "01"
LIMITS = intake.Limits(rows=MAX_ROWS)
MAX_BYTES = LIMITS.bytes


ImportRefused = intake.ImportRefused


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def text(self, file: str) -> str:
        if self.row is None and self.column is None and self.message.startswith(file + ","):
            return self.message  # already says where (data/intake.py)
        where = file + (f", rad {self.row}" if self.row else "") + (f", kolumn «{self.column}»" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Parsed:
    """The rows of an uploaded file as text (row = spreadsheet row number), or the problems found."""

    file: str
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Catalog:
    """What a file may refer to, read from the store (query import_catalog) and its existing values."""

    indicators: dict[str, dict]  # id → {name, unit, source_id, has_measures}
    cores: dict[str, str]  # id → name
    kommuner: dict[str, str]  # 4-digit code → name
    existing: dict[tuple, list[dict]]  # (indicator, geography, year) → values already in the store

    @classmethod
    def from_frames(cls, catalog: pd.DataFrame, existing: pd.DataFrame) -> Catalog:
        ind = catalog[catalog["kind"] == "indicator"]
        found: dict[tuple, list[dict]] = {}
        for rec in existing.to_dict("records"):
            found.setdefault((rec["indicator_id"], rec["geography"], int(rec["year"])), []).append(rec)
        return cls(
            indicators={
                r["id"]: {
                    "name": r["name"],
                    "unit": r["unit"],
                    "source_id": r["source_id"],
                    "has_measures": bool(r["has_measures"]),
                }
                for r in ind.to_dict("records")
            },
            cores=dict(catalog.loc[catalog["kind"] == "core", ["id", "name"]].itertuples(index=False)),
            kommuner=dict(catalog.loc[catalog["kind"] == "kommun", ["id", "name"]].itertuples(index=False)),
            existing=found,
        )

    def importable(self) -> dict[str, dict]:
        return {k: v for k, v in self.indicators.items() if not self.refusal(k)}

    def refusal(self, indicator_id: str) -> str | None:
        """Why an indicator cannot be imported with the template, or None."""
        ind = self.indicators.get(indicator_id)
        if ind is None:
            return None
        if ind["source_id"] in STATISTICS_SOURCES:
            return (
                "byggs direkt ur SCB-filerna i data/sources/stats och kan inte få värden via mallen "
                "(lägg in nya år i källfilen i stället)"
            )
        if live_stats.is_fetched(ind["source_id"]):
            return (
                "hämtas från Kolada eller SCB (Hämta statistik på sidan «Läs in färdplan») och kan inte få "
                "värden via mallen"
            )
        if ind["source_id"] in QUOTE_SOURCES:
            return (
                "är ett citat ur kommunernas eller rufs.se:s egna uppgifter för områden som de själva "
                "avgränsar och kan inte få värden via mallen"
            )
        if ind["has_measures"]:
            return "har flera delmått (t.ex. kvinnor och män) och mallen kan inte ange vilket delmått ett värde gäller"
        return None


@dataclass(frozen=True)
class Row:
    """A validated row, ready to write."""

    row: int
    indicator_id: str
    geography_type: str
    geography: str
    year: int
    value: Decimal
    value_text: str
    source: str

    @property
    def key(self) -> tuple:
        return (self.indicator_id, self.geography, self.year, _fold(self.source))


@dataclass
class Plan:
    """What confirming the import will do, against the import folder's current contents."""

    add: list[Row] = field(default_factory=list)
    update: list[tuple[Row, dict]] = field(default_factory=list)  # (new, old record)
    unchanged: list[Row] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return len(self.add) + len(self.update)


# --- the template -----------------------------------------------------------------------------------

INSTRUCTIONS = [
    "Så fyller du i mallen",
    "Fyll i bladet «Värden», en rad per värde. Låt rubrikraden stå kvar och lägg inte till kolumner.",
    "indikator_id: en indikator i listan nedan (kolumnen id).",
    "geografi: en kärna (id i listan nedan, t.ex. sodertalje), en kommun med fyrsiffrig kommunkod "
    "(t.ex. 0181; cellen är formaterad som text så att nollan står kvar) eller 01 för Stockholms län.",
    "ar: året värdet gäller, fyra siffror (t.ex. 2024).",
    "varde: bara talet, i indikatorns enhet (se listan). Decimalkomma går bra (12,5). Inga enheter, "
    "procenttecken eller ord som «cirka».",
    "kalla: var värdet kommer ifrån, t.ex. «SCB, Befolkningsstatistik 2024» eller en webbadress.",
    "En ny inläsning av samma indikator, geografi, år och källa uppdaterar värdet; den lägger aldrig "
    "till en dubblett. Hela filen kontrolleras innan något sparas; vid minsta fel sparas ingenting.",
    "Filen får vara högst 5 MB. CSV-filer får vara UTF-8 eller Windows-1252 (Excels «CSV (semikolonavgränsad)»).",
]


def template_csv() -> bytes:
    """The CSV template: the header row only, semicolon separated, UTF-8 with BOM (opens in Swedish Excel)."""
    return (";".join(COLUMNS) + "\r\n").encode("utf-8-sig")


def template_xlsx(catalog: Catalog) -> bytes:
    """The Excel template: a sheet 'Värden' to fill in and a sheet 'Instruktioner' listing the valid
    indicator ids (with name and unit) and geographies."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Värden"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDE", (34, 22, 8, 14, 60)):
        ws.column_dimensions[col].width = width
    for row in range(2, 1002):
        ws.cell(row, 2).number_format = "@"  # geografi as text: 0181 keeps its zero
    ws.freeze_panes = "A2"
    info = wb.create_sheet("Instruktioner")
    info.column_dimensions["A"].width = 44
    info.column_dimensions["B"].width = 70
    info.column_dimensions["C"].width = 36
    for i, line in enumerate(INSTRUCTIONS):
        info.append([line])
        if i == 0:
            info.cell(info.max_row, 1).font = Font(bold=True, size=13)
    info.append([])
    info.append(["Giltiga indikatorer"])
    info.cell(info.max_row, 1).font = Font(bold=True, size=13)
    info.append(["id", "namn", "enhet"])
    for cell in info[info.max_row]:
        cell.font = Font(bold=True)
    for ind_id, ind in sorted(catalog.importable().items()):
        info.append([ind_id, ind["name"], ind["unit"]])
    info.append([])
    info.append(["Giltiga geografier"])
    info.cell(info.max_row, 1).font = Font(bold=True, size=13)
    info.append(["geografi", "namn", "slag"])
    for cell in info[info.max_row]:
        cell.font = Font(bold=True)
    for core_id, name in sorted(catalog.cores.items()):
        info.append([core_id, name, "kärna"])
    for code, name in sorted(catalog.kommuner.items()):
        info.append([code, name, "kommun"])
        info.cell(info.max_row, 1).number_format = "@"
    info.append([COUNTY, "Stockholms län", "län"])
    info.cell(info.max_row, 1).number_format = "@"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- parse ------------------------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    """The uploaded file's name as it may appear in messages and in the data: its last part, letters,
    digits and . , - _ ( ) and spaces only (anything else becomes _), at most 120 characters."""
    base = Path(str(name or "fil").replace("\\", "/")).name
    base = re.sub(r"[^\w .,()\-]", "_", intake.CONTROL.sub("", base)).strip() or "fil"
    return base[:120]


def _header_key(text: str) -> str:
    return unicodedata.normalize("NFC", str(text)).strip().strip("\ufeff").lower()


def parse(name: str, data: bytes) -> Parsed:
    """Read an uploaded CSV or Excel file into text rows (data/intake.py: size, format, limits, time)."""
    parsed = Parsed(file=_clean_name(name))
    if len(data) > LIMITS.bytes:
        parsed.problems.append(
            Problem(
                None,
                None,
                f"filen är {intake.mb(len(data))}; högst "
                f"{LIMITS.bytes // intake.MB} MB tas emot. Dela upp den i "
                "flera filer.",
            )
        )
        return parsed
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        parsed.problems.append(
            Problem(None, None, "filen är tom. Fyll i mallen (rubrikrad och minst en rad) och försök igen.")
        )
        return parsed
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        parsed.problems.append(
            Problem(None, None, "filen är i Excels gamla format (.xls). Spara den som .xlsx eller CSV.")
        )
        return parsed
    deadline = intake.Deadline(parsed.file, LIMITS.seconds)
    try:
        if data.startswith(b"PK\x03\x04"):
            book = intake.read_xlsx(parsed.file, data, lambda t: True, LIMITS, deadline)
            title = "Värden" if "Värden" in book.sheets else book.titles[0] if book.titles else None
            if title is None:
                raise intake.Refused(f"{parsed.file}: arbetsboken har inga flikar.")
            if title != "Värden" and len(book.titles) > 1:
                parsed.notes.append(f"Arbetsboken saknar bladet «Värden»; bladet «{title}» lästes.")
            numbered = [
                (n, [intake.cell_text(v) if not isinstance(v, str) else v for v in values])
                for n, values in book.sheets[title]
            ]
        else:
            numbered, note = intake.read_csv(parsed.file, data, LIMITS, deadline)
            if note:
                parsed.notes.append(note.split(": ", 1)[1][:1].upper() + note.split(": ", 1)[1][1:])
    except intake.Refused as exc:
        message = str(exc)
        if message.startswith(parsed.file + ": "):
            message = message[len(parsed.file) + 2 :]
        parsed.problems.append(Problem(None, None, message))
        return parsed
    numbered = [(n, values) for n, values in numbered if any(str(v).strip() for v in values)]
    if not numbered:
        parsed.problems.append(Problem(None, None, "filen är tom. Fyll i mallen (rubrikrad och minst en rad)."))
        return parsed
    first, body = (numbered[0][1], numbered[1:]) if numbered[0][0] == 1 else ([], numbered)
    header = [_header_key(h) for h in first]
    while header and header[-1] == "":
        header.pop()
    missing = [c for c in COLUMNS if c not in header]
    extra = [h or "(tom rubrik)" for h in header if h not in COLUMNS]
    twice = sorted({h for h in header if h in COLUMNS and header.count(h) > 1})
    if missing or extra or twice:
        parsed.problems.append(
            Problem(
                1,
                None,
                "fel kolumner"
                + (f"; saknas: {', '.join(missing)}" if missing else "")
                + (f"; okända: {', '.join(extra)}" if extra else "")
                + (f"; finns två gånger: {', '.join(twice)}" if twice else "")
                + f". Rubrikraden ska vara: {', '.join(COLUMNS)}.",
            )
        )
        return parsed
    for number, values in body:
        if len(values) > len(header) and any(str(v).strip() for v in values[len(header) :]):
            parsed.problems.append(
                Problem(
                    number,
                    None,
                    f"raden har {len(values)} fält men rubrikraden "
                    f"{len(header)}; kontrollera avgränsare och citattecken.",
                )
            )
            continue
        padded = list(values) + [""] * (len(header) - len(values))
        parsed.rows.append({"_row": number, **{h: str(v) for h, v in zip(header, padded)}})
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(Problem(None, None, "filen har bara en rubrikrad och inga värden."))
    return parsed


# --- validate ---------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _number(text: str) -> Decimal | None:
    """'1 234,5' / '1234.5' / '-3' → Decimal; anything else (words, units, '1.234,5') → None."""
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    if re.fullmatch(r"-?\d+(,\d+)?", compact):
        compact = compact.replace(",", ".")
    elif not re.fullmatch(r"-?\d+(\.\d+)?", compact):
        return None
    try:
        return Decimal(compact)
    except InvalidOperation:
        return None


def _geography(text: str, catalog: Catalog) -> tuple[str, str] | str:
    """(type, id) for a known geography, else the message saying why not."""
    if text in catalog.cores:
        return "core", text
    if text == COUNTY:
        return "county", COUNTY
    if re.fullmatch(r"\d{4}", text):
        if text in catalog.kommuner:
            return "kommun", text
        return f"okänd kommunkod «{text}»: ingen kommun i Stockholms län har den koden."
    if re.fullmatch(r"\d{1,3}", text):
        padded = text.zfill(4) if len(text) > 1 else "0" + text
        guess = catalog.kommuner.get(text.zfill(4)) or ("Stockholms län" if padded == COUNTY else None)
        hint = f" Menade du {padded} ({guess})?" if guess else ""
        return (
            f"«{text}» är ingen känd geografi.{hint} Kommunkoder har fyra siffror och länet anges som 01; "
            "Excel tar bort inledande nollor om kolumnen inte är formaterad som text."
        )
    slug = _fold(text).replace(" ", "-")
    core_hint = next((f" Menade du {c}?" for c, n in catalog.cores.items() if _fold(n) == _fold(text) or c == slug), "")
    return (
        f"okänd geografi «{text[:60]}».{core_hint} Ange en kärna (t.ex. sodertalje), en fyrsiffrig "
        "kommunkod (t.ex. 0181) eller 01 för länet; se listan i mallens blad Instruktioner."
    )


def validate(parsed: Parsed, catalog: Catalog) -> tuple[list[Row], list[Problem]]:
    """Check every row; returns the valid rows and every problem (rows with a problem are not returned)."""
    problems = list(parsed.problems)
    valid: list[Row] = []
    markup: list[tuple[str, str]] = []
    seen: dict[tuple, tuple[int, str]] = {}
    for rec in parsed.rows:
        n = rec["_row"]
        before = len(problems)
        raw = {c: rec.get(c, "").strip() for c in COLUMNS}
        formulas = set()  # columns whose cell cannot be stored at all (data/intake.py: the cell policy)
        for column in COLUMNS:
            for message in intake.cell_problems(rec.get(column, ""), MAX_SOURCE_CHARS if column == "kalla" else 200):
                problems.append(Problem(n, column, message))
                formulas.add(column)
        ind_id = raw["indikator_id"]
        indicator = catalog.indicators.get(ind_id)
        if "indikator_id" in formulas:
            indicator = None
        elif not ind_id:
            problems.append(Problem(n, "indikator_id", "värde saknas."))
        elif indicator is None:
            problems.append(
                Problem(n, "indikator_id", f"okänd indikator «{ind_id[:60]}»; se listan i mallens blad Instruktioner.")
            )
        elif catalog.refusal(ind_id):
            problems.append(Problem(n, "indikator_id", f"indikatorn «{ind_id}» {catalog.refusal(ind_id)}."))
        geo = None
        if "geografi" in formulas:
            pass
        elif not raw["geografi"]:
            problems.append(Problem(n, "geografi", "värde saknas."))
        else:
            found = _geography(raw["geografi"], catalog)
            if isinstance(found, str):
                problems.append(Problem(n, "geografi", found))
            else:
                geo = found
        year = None
        if "ar" in formulas:
            pass
        elif not raw["ar"]:
            problems.append(Problem(n, "ar", "värde saknas."))
        elif not re.fullmatch(r"\d{4}", raw["ar"]) or not 1900 <= int(raw["ar"]) <= 2100:
            problems.append(Problem(n, "ar", f"«{raw['ar'][:40]}» är inget årtal (fyra siffror, t.ex. 2024)."))
        else:
            year = int(raw["ar"])
        value = None
        if "varde" in formulas:
            pass
        elif not raw["varde"]:
            problems.append(
                Problem(
                    n,
                    "varde",
                    "värde saknas (lämna bort raden om värdet inte finns; skriv aldrig 0 för ett saknat värde).",
                )
            )
        else:
            value = _number(raw["varde"])
            if value is None:
                unit = f" (enheten är {indicator['unit']})" if indicator else ""
                problems.append(
                    Problem(
                        n,
                        "varde",
                        f"«{raw['varde'][:40]}» är inget tal. Skriv bara talet{unit}, "
                        "t.ex. 1234 eller 12,5, utan ord, enhet eller procenttecken.",
                    )
                )
            elif indicator and indicator["unit"].startswith("procent") and not 0 <= value <= 100:
                problems.append(
                    Problem(
                        n,
                        "varde",
                        f"{raw['varde']} ligger utanför 0–100, men enheten är "
                        f"{indicator['unit']}. Skriv andelen i procent (45,3, inte 0,453).",
                    )
                )
                value = None
            elif indicator and indicator["unit"] in ("personer", "bostäder", "bostäder per år") and value < 0:
                problems.append(Problem(n, "varde", f"{raw['varde']} är negativt, men enheten är {indicator['unit']}."))
                value = None
        source = " ".join(raw["kalla"].split())
        if "kalla" in formulas:
            pass
        elif not source:
            problems.append(
                Problem(
                    n, "kalla", "källa saknas. Ange var värdet kommer ifrån (t.ex. «SCB, Befolkningsstatistik 2024»)."
                )
            )
        elif intake.markup(source):
            markup.append((f"{parsed.file}, rad {n}, kolumn «kalla»", intake.markup(source)))
        if len(problems) > before:
            continue
        row = Row(n, ind_id, geo[0], geo[1], year, value, raw["varde"], source)
        earlier = seen.get(row.key[:3])
        if earlier:
            same = _fold(earlier[1]) == _fold(source)
            problems.append(
                Problem(
                    n,
                    None,
                    f"samma indikator, geografi och år som rad {earlier[0]}"
                    + (
                        " och samma källa: raden finns två gånger."
                        if same
                        else " men en annan källa; ett år får bara ha ett värde."
                    ),
                )
            )
            continue
        seen[row.key[:3]] = (n, source)
        clash = [
            e
            for e in catalog.existing.get((ind_id, geo[1], year), [])
            if e["source_id"] != SOURCE_ID or _fold(str(e["source_section"] or "")) != _fold(source)
        ]
        if clash:
            other = clash[0]
            if other["source_id"] == SOURCE_ID:
                why = (
                    f"inläst tidigare med källan «{other['source_section']}»: {_plain_number(other['value'])}. "
                    "Ett år får bara ha ett värde; ange samma källa som då för att uppdatera det."
                )
            else:
                why = (
                    f"ur {other['source_title']}: {_plain_number(other['value'])}. Värden ur källorna kan "
                    "inte ersättas via import; ett år får bara ha ett värde."
                )
            problems.append(
                Problem(
                    n,
                    "ar",
                    f"det finns redan ett värde för «{indicator['name']}», "
                    f"{_geo_name(catalog, geo[0], geo[1])}, {year} {why}",
                )
            )
            continue
        valid.append(row)
    parsed.notes += [n for n in intake.markup_notes(markup) if n not in parsed.notes]
    return valid, problems


def _geo_name(catalog: Catalog, kind: str, geography: str) -> str:
    if kind == "core":
        return catalog.cores.get(geography, geography)
    if kind == "county":
        return "Stockholms län"
    return f"{catalog.kommuner.get(geography, '')} ({geography})".strip()


def _plain_number(value) -> str:
    """A Swedish number for messages: 102911 → '102 911', 12.5 → '12,5'."""
    from babel.numbers import format_decimal

    if value is None or (isinstance(value, float) and value != value):
        return "uppgift saknas"
    return format_decimal(Decimal(repr(float(value))).normalize(), format="#,##0.###", locale="sv_SE")


# --- plan and apply ---------------------------------------------------------------------------------


def _values_path(curated: Path) -> Path:
    return curated / FOLDER / "indicator_values.csv"


def _changes_path(curated: Path) -> Path:
    return curated / FOLDER / "changes.csv"


def _read(path: Path, columns: tuple[str, ...]) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [dict(zip(columns, r)) for r in list(csv.reader(fh))[1:] if any(r)]


def _key_of(rec: dict) -> tuple:
    return (rec["indicator_id"], rec["geography"], int(rec["year"]), _fold(rec["source_section"]))


def plan(rows: list[Row], curated: Path | None = None) -> Plan:
    """Compare the valid rows with the values imported earlier: add, update or leave unchanged."""
    current = {_key_of(r): r for r in _read(_values_path(curated or curated_dir()), VALUE_COLUMNS)}
    result = Plan()
    for row in rows:
        old = current.get(row.key)
        if old is None:
            result.add.append(row)
        elif Decimal(old["value"]) != row.value:
            result.update.append((row, old))
        else:
            result.unchanged.append(row)
    return result


def preview(p: Plan, catalog: Catalog) -> pd.DataFrame:
    """The plan as a Swedish table for the page."""

    def geo_name(row: Row) -> str:
        if row.geography_type == "core":
            return catalog.cores.get(row.geography, row.geography)
        if row.geography_type == "county":
            return "Stockholms län"
        return f"{row.geography} {catalog.kommuner.get(row.geography, '')}".strip()

    records = (
        [("Läggs till", r, "") for r in p.add]
        + [("Uppdateras", r, _plain_number(float(old["value"]))) for r, old in p.update]
        + [("Oförändrad", r, "") for r in p.unchanged]
    )
    return pd.DataFrame(
        [
            {
                "Rad": r.row,
                "Åtgärd": action,
                "Indikator": catalog.indicators[r.indicator_id]["name"],
                "Geografi": geo_name(r),
                "År": r.year,
                "Värde": r.value_text,
                "Enhet": catalog.indicators[r.indicator_id]["unit"],
                "Tidigare värde": before,
                "Källa": r.source,
            }
            for action, r, before in records
        ],
        columns=["Rad", "Åtgärd", "Indikator", "Geografi", "År", "Värde", "Enhet", "Tidigare värde", "Källa"],
    )


def _record(row: Row, file: str, today: str) -> dict:
    value = format(row.value.normalize(), "f")
    return {
        "indicator_id": row.indicator_id,
        "geography_type": row.geography_type,
        "geography": row.geography,
        "year": str(row.year),
        "period_text": "",
        "value": value,
        "qualifier": "",
        "value_type": "utfall",
        "value_text": row.value_text,
        "source_id": SOURCE_ID,
        "source_section": row.source,
        "note": f"Källa enligt tjänsteperson: {row.source}. Inläst via appen {today} från filen «{file}», "
        f"rad {row.row}.",
    }


def _csv_bytes(columns: tuple[str, ...], records: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for rec in records:
        writer.writerow([rec.get(c, "") for c in columns])
    return out.getvalue().encode("utf-8")


def apply(
    rows: list[Row],
    file: str,
    rebuild=None,
    curated: Path | None = None,
    today: date | None = None,
    target: Path | None = None,
    who=None,
) -> Plan:
    """Merge the rows into the import folder's CSV and note the import in its changes.csv, through the one
    write path (data/curated_write.py: lock, trial build, restore point, swap, rollback). `rebuild`, when
    given and not rebuild_store, is an extra check on the staged curated folder (raising refuses).
    Returns the plan that was carried out (against the files as they were)."""
    if read_only_mode():
        raise ImportRefused("Appen är i läsläge (FARDPLANER_READONLY): inget kan läsas in.")
    by = {}
    if who is not None:
        who.require("import")
        by = {"by": who.name, "by_sub": who.sub, "by_email": who.email}
    curated = Path(curated or curated_dir())
    values_path, changes_path = _values_path(curated), _changes_path(curated)
    today_text = (today or date.today()).isoformat()
    file = _clean_name(file)
    with lock(curated):
        done = plan(rows, curated)
        if not done.changes:
            return done
        records = _read(values_path, VALUE_COLUMNS)
        other_source = {_key_of(r)[:3]: r["source_section"] for r in records}
        for row in done.add:
            if row.key[:3] in other_source:  # another import since the preview gave that year a value
                raise ImportRefused(
                    f"{file}, rad {row.row}: {row.indicator_id}, {row.geography}, {row.year} har "
                    f"just fått ett värde med källan «{other_source[row.key[:3]]}». Inget sparades; "
                    "läs in filen igen."
                )
        position = {_key_of(r): i for i, r in enumerate(records)}
        for row in done.add + [r for r, _ in done.update]:
            new = _record(row, file, today_text)
            if row.key in position:
                records[position[row.key]] = new
            else:
                position[row.key] = len(records)
                records.append(new)
        changes = _read(changes_path, CHANGE_COLUMNS)
        changes.append(
            {
                "date": today_text,
                "source_id": SOURCE_ID,
                "what": f"Indikatorvärden inlästa via appen från filen «{file}»: {len(done.add)} nya, "
                f"{len(done.update)} uppdaterade.",
            }
        )
        folder = curated / FOLDER
        files = {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))} if folder.exists() else {}
        files["indicator_values.csv"] = _csv_bytes(VALUE_COLUMNS, records)
        files["changes.csv"] = _csv_bytes(CHANGE_COLUMNS, changes)
        check = rebuild if rebuild is not None and rebuild is not rebuild_store else None
        curated_write.commit(
            curated,
            SOURCES_DIR,
            Path(target) if target else reference_db(),
            [FOLDER] if folder.exists() else [],
            FOLDER,
            files,
            {},
            {
                "kind": "indicators",
                "reason": f"ersatt vid inläsning av «{file}» ({len(done.add)} nya, {len(done.update)} uppdaterade)",
                **by,
            },
            check=check,
            what="de inlästa värdena",
        )
    return done


def rebuild_store(curated: Path) -> None:
    """Kept for callers of the old signature apply(rows, file, rebuild_store): apply() rebuilds itself."""
    from data.build import build

    build(reference_db(), force=True, curated=curated, sources=SOURCES_DIR)
