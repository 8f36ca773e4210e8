"""Hämta statistik: Kolada (API v3) and SCB (PxWeb API 2) for the county's 26 kommuner and the county.

fetch() reads the chosen KPIs and tables over plain HTTP (urllib) and returns a Fetched set of curated
rows; anything unexpected (an HTTP error, a time-out, a changed format, a value out of range, a kommun
the request did not ask for) refuses the whole fetch with a Swedish message and nothing is written.
apply() writes the set as the curated folder `statistik-hamtad/` (indicators, indicator_values, sources,
changes) through the one write path (data/curated_write.py: lock, trial build, restore point, swap).
Nothing is fetched at build time: the build reads what was fetched and stored.

Formats followed (docs/statistik.md has the links):
- Kolada v3: GET {base}/kpi/{ids} → {"values": [{"id", "title", "description", ...}]};
  GET {base}/data/kpi/{ids}/municipality/{codes}/year/{years} → {"values": [{"kpi", "municipality",
  "period", "values": [{"gender": "T"|"K"|"M", "status", "value"}]}], "next_url"}; at most 25 ids per
  path segment (so the 26 kommuner and the region go in two requests); the county is Kolada's "0001".
- SCB PxWeb 2: POST {base}/tables/{id}/data?lang=sv&outputFormat=json-stat2 with {"selection": [
  {"variableCode", "valueCodes"}]} → a JSON-stat 2.0 dataset (id, size, dimension, value, updated).

Base URLs: FARDPLANER_KOLADA_URL and FARDPLANER_SCB_URL (tests point them at a server on loopback).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from data import curated_write
from data.curated_files import SPECS
from data.curated_lock import lock
from data.intake import ImportRefused
from data.paths import SOURCES_DIR, curated_dir, read_only_mode, reference_db

FOLDER = "statistik-hamtad"
KOLADA_URL = "https://api.kolada.se/v3"
SCB_URL = "https://statistikdatabasen.scb.se/api/v2"
TIMEOUT = 20.0
MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 50
PATH_LIMIT = 25  # Kolada: at most 25 ids per path segment
KOLADA_COUNTY = "0001"  # Region Stockholm in Kolada; the store's county is "01"
COUNTY = "01"
YEARS = 12  # the latest years asked for
GENDERS = {"T": ("", "totalt"), "K": ("-kvinnor", "kvinnor"), "M": ("-man", "män")}
SCB_GENDERS = {"1": ("-man", "män"), "2": ("-kvinnor", "kvinnor")}


@dataclass(frozen=True)
class Measure:
    """One KPI or table in the default set: why it is there and what its values may be."""

    source: str  # "kolada" or "scb"
    id: str  # Kolada KPI id or SCB table id
    unit: str
    goal_area: int
    why: str
    minimum: float = 0.0
    maximum: float | None = None
    contents: str = ""  # SCB: the ContentsCode
    verified: str = ""  # where the id was checked (docs/statistik.md)
    name: str = ""  # a short Swedish name for the picker

    @property
    def key(self) -> str:
        return f"{self.source}-{self.id}".lower() if not self.contents else f"scb-{self.id}-{self.contents}".lower()


DEFAULT_SET = [
    Measure(
        "kolada",
        "N01951",
        "personer",
        1,
        "Befolkningsunderlaget: färdplanernas målområde 1 (levande stadskärnor) utgår från ett tillräckligt "
        "stort befolkningsunderlag.",
        verified="Kolada-metadata: «Invånare totalt, antal»",
        name="Invånare totalt",
    ),
    Measure(
        "kolada",
        "N00914",
        "procent",
        3,
        "Förvärvsarbete: målområde 3 (näringsliv och innovation) och kompetensförsörjningen.",
        maximum=100.0,
        verified="Kolada-metadata: «Förvärvsarbetande invånare 20-64 år, andel (%)»",
        name="Förvärvsarbetande 20–64 år, andel",
    ),
    Measure(
        "kolada",
        "N01982",
        "procent",
        3,
        "Utbildningsnivå: målområde 3, kunskapsintensivt näringsliv och kompetensförsörjning.",
        maximum=100.0,
        verified="Kolada-metadata: «Invånare 25-64 år med eftergymnasial utbildning, andel (%)»",
        name="Eftergymnasial utbildning 25–64 år, andel",
    ),
    Measure(
        "kolada",
        "N00924",
        "procent",
        2,
        "Nettoinpendling: målområde 2 (regional målpunkt) och 4 (resandet till kärnan); fler arbetsplatser "
        "än förvärvsarbetande boende ger inpendling.",
        minimum=-100.0,
        maximum=1000.0,
        verified="Kolada-metadata: «Nettoinpendling till kommun, andel (%)»",
        name="Nettoinpendling, andel",
    ),
    Measure(
        "scb",
        "TAB638",
        "personer",
        1,
        "Folkmängd per kön direkt från SCB (tabellen som Kolada N01951 bygger på), målområde 1.",
        contents="BE0101N1",
        verified="PxWebApi 2:s specifikation (PxTools/PxApiSpecs), exemplet för tabell TAB638, BE0101N1 Folkmängd",
        name="Folkmängd per kön (BE0101N1)",
    ),
]


def is_fetched(source_id: str) -> bool:
    """True for the sources this import writes (kolada-<kpi>, scb-<table>-<contents>): their indicators get
    values only from the fetch, never from the indicator template."""
    return source_id.startswith("kolada-") or bool(re.match(r"^scb-tab\d+-", source_id))


@dataclass
class Fetched:
    """What one fetch returned, as curated rows, and when."""

    retrieved: str
    indicators: list[dict] = field(default_factory=list)
    values: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)


# --- HTTP -------------------------------------------------------------------------------------------


def kolada_base() -> str:
    return os.environ.get("FARDPLANER_KOLADA_URL", KOLADA_URL).rstrip("/")


def scb_base() -> str:
    return os.environ.get("FARDPLANER_SCB_URL", SCB_URL).rstrip("/")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is refused (as an HTTP error), never followed to another host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _get_json(url: str, who: str, what: str, body: dict | None = None, timeout: float | None = None):
    timeout = TIMEOUT if timeout is None else timeout
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(
        url,
        data=data,
        method="POST" if data else "GET",
        headers={"Accept": "application/json", "Content-Type": "application/json", "User-Agent": "fardplaner/1"},
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            raw = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise ImportRefused(
            f"{who} svarade med HTTP-fel {exc.code} för {what}. Inget hämtades och inget ändrades; försök igen "
            "senare eller kontrollera att nyckeltalet eller tabellen finns kvar."
        ) from None
    except TimeoutError:
        raise ImportRefused(
            f"{who} svarade inte inom {timeout:.0f} sekunder ({what}). Inget ändrades; försök igen senare."
        ) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise ImportRefused(
                f"{who} svarade inte inom {timeout:.0f} sekunder ({what}). Inget ändrades; försök igen senare."
            ) from None
        raise ImportRefused(
            f"Ingen kontakt med {who} ({exc.reason}). Den här installationen verkar sakna nätverk eller når inte "
            f"{url.split('/')[2]}. Inget ändrades; statistiken i appen är den som hämtades senast."
        ) from None
    except OSError as exc:
        raise ImportRefused(f"Ingen kontakt med {who} ({exc}). Inget ändrades.") from None
    if len(raw) > MAX_BYTES:
        raise ImportRefused(f"{who}s svar för {what} är större än {MAX_BYTES // 1024 // 1024} MB. Inget ändrades.")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ImportRefused(
            f"{who}s svar för {what} är ingen läsbar JSON; formatet kan ha ändrats. Inget ändrades."
        ) from None


def _changed(who: str, what: str, detail: str) -> ImportRefused:
    return ImportRefused(
        f"{who}s svar för {what} har inte det dokumenterade formatet: {detail}. Inget hämtades och inget ändrades."
    )


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_range(m: Measure, value: float, who: str, where: str) -> None:
    if value < m.minimum or (m.maximum is not None and value > m.maximum):
        top = "" if m.maximum is None else f"–{m.maximum:g}"
        raise ImportRefused(
            f"{who}: värdet {value:g} för {where} ligger utanför det rimliga intervallet {m.minimum:g}{top} "
            f"({m.unit}). Hela hämtningen avbröts; inget ändrades."
        )


# --- Kolada -----------------------------------------------------------------------------------------


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + PATH_LIMIT] for i in range(0, len(items), PATH_LIMIT)]


def _pages(url: str, who: str, what: str) -> list[dict]:
    base = kolada_base()
    found: list[dict] = []
    for _ in range(MAX_PAGES):
        page = _get_json(url, who, what)
        if not isinstance(page, dict) or not isinstance(page.get("values"), list):
            raise _changed(who, what, "fältet «values» (en lista) saknas")
        found += page["values"]
        nxt = page.get("next_url") or page.get("next_page")
        if not nxt or not page["values"]:
            return found
        if not isinstance(nxt, str) or not nxt.startswith(base + "/"):
            raise _changed(who, what, "länken till nästa sida pekar utanför Kolada")
        url = nxt
    raise _changed(who, what, f"fler än {MAX_PAGES} sidor")


def _kolada(measures: list[Measure], kommuner: dict[str, str], years: list[int], fetched: Fetched) -> None:
    who = "Kolada"
    ids = [m.id for m in measures]
    base = kolada_base()
    meta = {}
    for rec in _pages(f"{base}/kpi/{','.join(ids)}", who, "nyckeltalens beskrivning"):
        if not isinstance(rec, dict) or not all(isinstance(rec.get(k), str) for k in ("id", "title")):
            raise _changed(who, "nyckeltalens beskrivning", "en post saknar «id» eller «title» som text")
        meta[rec["id"]] = rec
    missing = [i for i in ids if i not in meta]
    if missing:
        raise ImportRefused(
            f"Kolada känner inte till nyckeltalet {', '.join(missing)} (det kan ha tagits bort eller bytt id). "
            "Inget ändrades."
        )
    codes = sorted(kommuner) + [KOLADA_COUNTY]
    year_part = ",".join(str(y) for y in years)
    records = []
    for chunk in _chunks(codes):
        url = f"{base}/data/kpi/{','.join(ids)}/municipality/{','.join(chunk)}/year/{year_part}"
        records += _pages(url, who, f"värdena för {', '.join(ids)}")
    by_id = {m.id: m for m in measures}
    seen: set[tuple] = set()
    for rec in records:
        what = f"värdena för {', '.join(ids)}"
        if not isinstance(rec, dict):
            raise _changed(who, what, "en post är inget objekt")
        for name in ("kpi", "municipality", "period", "values"):
            if name not in rec:
                raise _changed(who, what, f"fältet «{name}» saknas i en post")
        kpi, muni, period = rec["kpi"], rec["municipality"], rec["period"]
        if kpi not in by_id:
            raise _changed(who, what, f"nyckeltalet «{kpi}» efterfrågades inte")
        if not isinstance(muni, str) or (muni not in kommuner and muni != KOLADA_COUNTY):
            raise ImportRefused(
                f"Kolada svarade med värden för kommunkoden «{muni}», som inte är någon av länets kommuner eller "
                "regionen och inte efterfrågades. Hela hämtningen avbröts; inget ändrades."
            )
        if isinstance(period, str) and period.isdigit():
            period = int(period)
        if not isinstance(period, int) or isinstance(period, bool) or not 1900 <= period <= 2100:
            raise _changed(who, what, f"«period» {period!r} är inget årtal")
        if not isinstance(rec["values"], list):
            raise _changed(who, what, "«values» i en post är ingen lista")
        m = by_id[kpi]
        place = "Stockholms län (Region Stockholm)" if muni == KOLADA_COUNTY else kommuner[muni]
        for point in rec["values"]:
            if not isinstance(point, dict) or "value" not in point or "gender" not in point:
                raise _changed(who, what, "ett värde saknar «gender» eller «value»")
            gender, value = point["gender"], point["value"]
            if gender not in GENDERS:
                raise _changed(who, what, f"okänt kön «{gender}»")
            if point.get("isdeleted") is True or value is None:
                continue  # missing stays missing
            if not _number(value):
                raise _changed(who, what, f"värdet {value!r} för {kpi}, {place}, {period} är inget tal")
            _check_range(m, float(value), who, f"{meta[kpi]['title']}, {place}, {period}")
            key = (kpi, muni, period, gender)
            if key in seen:
                raise _changed(who, what, f"{kpi}, {place}, {period} finns två gånger")
            seen.add(key)
            suffix, label = GENDERS[gender]
            fetched.values.append(
                _value(
                    m.key + suffix,
                    COUNTY if muni == KOLADA_COUNTY else muni,
                    period,
                    value,
                    m.key,
                    f"Kolada API v3, data/kpi/{kpi}, kön {label}",
                    f"Hämtad {fetched.retrieved} från Kolada. Status i källan: {point.get('status') or 'ingen'}."
                    + (" Regionens värde (Region Stockholm, 0001)." if muni == KOLADA_COUNTY else ""),
                )
            )
    for m in measures:
        rec = meta[m.id]
        genders = {k[3] for k in seen if k[0] == m.id}
        title = " ".join(rec["title"].split())
        description = " ".join(str(rec.get("description") or "").split())
        fetched.sources.append(
            {
                "id": m.key,
                "title": f"Kolada, nyckeltal {m.id}: {title}",
                "publisher": "Rådet för främjande av kommunala analyser (Kolada)",
                "year": fetched.retrieved[:4],
                "status": "hämtad",
                "kind": "statistik",
                "file": "",
                "note": f"Hämtad {fetched.retrieved} via Kolada API v3 ({base}). Källa: Kolada. "
                f"Ursprunglig producent enligt Kolada: {rec.get('auspice') or 'anges inte'}.",
            }
        )
        for gender in ("T", "K", "M"):
            if gender == "T" or gender in genders:
                suffix, label = GENDERS[gender]
                fetched.indicators.append(
                    _indicator(
                        m.key + suffix,
                        title + ("" if gender == "T" else f", {label}"),
                        m,
                        description or title,
                        f"Kolada API v3, kpi/{m.id}",
                    )
                )


# --- SCB --------------------------------------------------------------------------------------------


def _jsonstat(data, who: str, what: str) -> tuple[list[str], list[int], dict, list]:
    if not isinstance(data, dict) or data.get("class") != "dataset" or data.get("version") != "2.0":
        raise _changed(who, what, "inget JSON-stat 2.0-dataset («version» 2.0, «class» dataset)")
    ids, size, dims, value = data.get("id"), data.get("size"), data.get("dimension"), data.get("value")
    if not isinstance(ids, list) or not isinstance(size, list) or len(ids) != len(size):
        raise _changed(who, what, "«id» och «size» saknas eller är olika långa")
    if not isinstance(dims, dict) or not isinstance(value, list):
        raise _changed(who, what, "«dimension» eller «value» saknas")
    if math.prod(size) != len(value):
        raise _changed(who, what, f"{len(value)} värden men «size» anger {math.prod(size)}")
    for d in ids:
        index = dims.get(d, {}).get("category", {}).get("index") if isinstance(dims.get(d), dict) else None
        if not isinstance(index, dict):
            raise _changed(who, what, f"dimensionen «{d}» saknar kategoriindex")
    return ids, size, dims, value


def _scb(m: Measure, kommuner: dict[str, str], years: list[int], fetched: Fetched) -> None:
    who, what = "SCB", f"tabell {m.id}"
    base = scb_base()
    url = f"{base}/tables/{m.id}/data?lang=sv&outputFormat=json-stat2"
    regions = sorted(kommuner) + [COUNTY]
    times = [f"top({len(years)})"]  # the latest years the table has (a value expression of PxWeb 2)
    found: dict[tuple, float] = {}
    label = updated = ""
    for split in (False, True):
        selection = [
            {"variableCode": "Region", "valueCodes": regions},
            {"variableCode": "ContentsCode", "valueCodes": [m.contents]},
            {"variableCode": "Tid", "valueCodes": times},
        ]
        if split:
            selection.append({"variableCode": "Kon", "valueCodes": ["1", "2"]})
        data = _get_json(url, who, what, body={"selection": selection})
        ids, size, dims, value = _jsonstat(data, who, what)
        if "Region" not in ids or "Tid" not in ids:
            raise _changed(who, what, "dimensionerna «Region» och «Tid» saknas")
        if split and "Kon" not in ids:
            raise _changed(who, what, "dimensionen «Kon» saknas fast den efterfrågades")
        label, updated = str(data.get("label") or m.id), str(data.get("updated") or "")
        positions = [sorted(dims[d]["category"]["index"].items(), key=lambda kv: kv[1]) for d in ids]
        for flat, number in enumerate(value):
            coords, rest = {}, flat
            for d, n, cats in reversed(list(zip(ids, size, positions))):
                coords[d] = cats[rest % n][0]
                rest //= n
            region, year = coords["Region"], coords["Tid"]
            if region not in kommuner and region != COUNTY:
                raise ImportRefused(
                    f"SCB svarade med värden för regionkoden «{region}», som inte är någon av länets kommuner eller "
                    "länet och inte efterfrågades. Hela hämtningen avbröts; inget ändrades."
                )
            if not str(year).isdigit() or not 1900 <= int(year) <= 2100:
                raise _changed(who, what, f"«Tid» {year!r} är inget årtal")
            if number is None:
                continue
            if not _number(number):
                raise _changed(who, what, f"värdet {number!r} är inget tal")
            place = "Stockholms län" if region == COUNTY else kommuner[region]
            _check_range(m, float(number), who, f"{label}, {place}, {year}")
            gender = coords.get("Kon") if split else "T"
            if split and gender not in SCB_GENDERS:
                raise _changed(who, what, f"okänd kod för kön «{gender}»")
            found[(region, int(year), gender)] = number
    title = str(dims.get("ContentsCode", {}).get("category", {}).get("label", {}).get(m.contents) or m.contents)
    fetched.sources.append(
        {
            "id": m.key,
            "title": f"SCB, tabell {m.id}: {label}",
            "publisher": "Statistiska centralbyrån (SCB)",
            "year": fetched.retrieved[:4],
            "status": "hämtad",
            "kind": "statistik",
            "file": "",
            "note": f"Hämtad {fetched.retrieved} via PxWeb API 2 ({base}), tabellinnehåll {m.contents}. "
            f"Tabellen uppdaterad enligt SCB: {updated or 'anges inte'}.",
        }
    )
    genders = {g for (_, _, g) in found}
    for g, (suffix, glabel) in [("T", ("", "totalt")), *SCB_GENDERS.items()]:
        if g in genders:
            fetched.indicators.append(
                _indicator(
                    m.key + suffix,
                    f"{title} (SCB)" + ("" if g == "T" else f", {glabel}"),
                    m,
                    f"{label}. Tabellinnehåll: {title}.",
                    f"SCB PxWeb API 2, tables/{m.id}",
                )
            )
    for (region, year, g), number in sorted(found.items()):
        suffix, glabel = ("", "totalt") if g == "T" else SCB_GENDERS[g]
        fetched.values.append(
            _value(
                m.key + suffix,
                region,
                year,
                number,
                m.key,
                f"SCB PxWeb API 2, tables/{m.id}, {m.contents}, kön {glabel}",
                f"Hämtad {fetched.retrieved} från SCB.",
            )
        )


# --- rows -------------------------------------------------------------------------------------------


def _plain(value) -> str:
    return format(value, "f").rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _indicator(ind_id: str, name: str, m: Measure, definition: str, section: str) -> dict:
    return {
        "id": ind_id,
        "name": name,
        "unit": m.unit,
        "goal_area_id": str(m.goal_area),
        "rufs_goal": "",
        "higher_is_better": "",
        "target_value": "",
        "target_text": "",
        "target_year": "",
        "definition": definition,
        "source_id": m.key,
        "source_section": section,
    }


def _value(ind_id: str, geo: str, year: int, value, source_id: str, section: str, note: str) -> dict:
    return {
        "indicator_id": ind_id,
        "geography_type": "county" if geo == COUNTY else "kommun",
        "geography": geo,
        "year": str(year),
        "period_text": "",
        "value": _plain(float(value)),
        "qualifier": "",
        "value_type": "utfall",
        "value_text": repr(value),
        "source_id": source_id,
        "source_section": section,
        "note": note,
    }


def fetch(measures: list[Measure], kommuner: dict[str, str], today: date | None = None) -> Fetched:
    """Fetch the measures for the 26 kommuner (code → name) and the county. Raises ImportRefused."""
    if len(kommuner) != 26:
        raise ImportRefused(f"Länets kommuner behövs för rangordningen: {len(kommuner)} i stället för 26.")
    today = today or date.today()
    fetched = Fetched(retrieved=today.isoformat(), asked=[m.key for m in measures])
    years = list(range(today.year - YEARS, today.year + 1))
    kolada = [m for m in measures if m.source == "kolada"]
    if kolada:
        _kolada(kolada, kommuner, years, fetched)
    for m in measures:
        if m.source == "scb":
            _scb(m, kommuner, years, fetched)
    if not fetched.values:
        raise ImportRefused("Källorna svarade utan ett enda värde för de valda nyckeltalen. Inget ändrades.")
    return fetched


# --- preview, apply ---------------------------------------------------------------------------------


def _csv(columns: tuple[str, ...], records: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for rec in records:
        writer.writerow([rec.get(c, "") for c in columns])
    return out.getvalue().encode("utf-8")


def _read(path: Path, columns: tuple[str, ...]) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [dict(zip(columns, r)) for r in list(csv.reader(fh))[1:] if any(r)]


def current(curated: Path | None = None) -> list[dict]:
    return _read(Path(curated or curated_dir()) / FOLDER / "indicator_values.csv", SPECS["indicator_values"].columns)


def preview_rows(fetched: Fetched, kommuner: dict[str, str], curated: Path | None = None) -> list[dict]:
    """One row per fetched value, named (nyckeltal and kommun names, not ids), against what is stored."""
    old = {(r["indicator_id"], r["geography"], r["year"]): r["value"] for r in current(curated)}
    stored = _read(Path(curated or curated_dir()) / FOLDER / "indicators.csv", SPECS["indicators"].columns)
    names = {i["id"]: i["name"] for i in stored} | {i["id"]: i["name"] for i in fetched.indicators}
    rows = []
    for v in fetched.values:
        before = old.get((v["indicator_id"], v["geography"], v["year"]))
        action = "Ny" if before is None else ("Oförändrad" if before == v["value"] else "Ändras")
        rows.append(
            {
                "Åtgärd": action,
                "Nyckeltal": names.get(v["indicator_id"], v["indicator_id"]),
                "Geografi": "Stockholms län" if v["geography"] == COUNTY else kommuner.get(v["geography"], ""),
                "År": int(v["year"]),
                "Värde": float(v["value"]),
                "Tidigare värde": float(before) if before not in (None, "") else None,
            }
        )
    kept = {(v["indicator_id"], v["geography"], v["year"]) for v in fetched.values}
    asked = set(fetched.asked)
    for key, value in old.items():
        if key not in kept and any(key[0].startswith(a) for a in asked):
            rows.append(
                {
                    "Åtgärd": "Finns inte längre i källan (tas bort)",
                    "Nyckeltal": names.get(key[0], key[0]),
                    "Geografi": "Stockholms län" if key[1] == COUNTY else kommuner.get(key[1], ""),
                    "År": int(key[2]),
                    "Värde": None,
                    "Tidigare värde": float(value) if value else None,
                }
            )
    return rows


def apply(
    fetched: Fetched, curated: Path | None = None, target: Path | None = None, who=None, today: date | None = None
) -> list[str]:
    """Write the fetched set as curated/statistik-hamtad/ through the one write path. Returns the restore
    points made. Measures not fetched this time keep their stored rows."""
    if read_only_mode():
        raise ImportRefused("Appen är i läsläge (FARDPLANER_READONLY): ingen statistik kan sparas.")
    by = {}
    if who is not None:
        who.require("import")
        by = {"by": who.name, "by_sub": who.sub, "by_email": who.email}
    curated = Path(curated or curated_dir())
    folder = curated / FOLDER
    asked = set(fetched.asked)
    with lock(curated):

        def keep(rows: list[dict], key: str) -> list[dict]:
            return [r for r in rows if r[key] not in asked and not any(r[key].startswith(a + "-") for a in asked)]

        spec = {name: SPECS[name].columns for name in ("indicators", "indicator_values", "sources", "changes")}
        old = {name: _read(folder / f"{name}.csv", cols) for name, cols in spec.items()}
        indicators = keep(old["indicators"], "id") + fetched.indicators
        values = [r for r in old["indicator_values"] if r["source_id"] not in asked] + fetched.values
        sources = keep(old["sources"], "id") + fetched.sources
        changes = old["changes"] + [
            {
                "date": (today or date.today()).isoformat(),
                "source_id": fetched.sources[0]["id"] if fetched.sources else "",
                "what": f"Statistik hämtad från Kolada och SCB den {fetched.retrieved}: "
                f"{len(fetched.values)} värden för {len(asked)} nyckeltal och tabeller.",
            }
        ]
        files = {
            "indicators.csv": _csv(spec["indicators"], indicators),
            "indicator_values.csv": _csv(spec["indicator_values"], values),
            "sources.csv": _csv(spec["sources"], sources),
            "changes.csv": _csv(spec["changes"], changes),
        }
        return curated_write.commit(
            curated,
            SOURCES_DIR,
            Path(target) if target else reference_db(),
            [FOLDER] if folder.exists() else [],
            FOLDER,
            files,
            {},
            {"kind": "statistik", "reason": f"ersatt vid hämtning av statistik {fetched.retrieved}", **by},
            what="den hämtade statistiken",
        )
