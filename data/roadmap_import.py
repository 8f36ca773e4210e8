"""Load a roadmap (färdplan) for one core from the template: check, preview, write, rebuild, restore.

A roadmap is exactly one curated folder, data/curated/<core>-<year>/ (data/README.md). The import turns
the template (data/roadmap_template.py: an Excel workbook or its CSV files) into such a folder:

    prepare(files)             read and check everything; a Plan with problems, notes and the preview
    apply(plan)                the one write: the new folder goes to a temporary directory, the whole
                               build runs on the curated data with it into a temporary store, and only
                               then the folder is moved in (the previous one kept in curated/.versions/),
                               common/{cores,sources,changes}.csv updated and the store swapped
    restore(version)           the same swap back to a saved version
    export_template(core_id)   the template (xlsx bytes), pre-filled from the core's folder

    python -m data.roadmap_import mall.xlsx --dry-run        # check and show the preview only
    python -m data.roadmap_import mall.xlsx [--yes]          # check, preview, confirm, write, rebuild
    python -m data.roadmap_import --template sodertalje mall.xlsx   # write the template (or a folder)
    python -m data.roadmap_import --versions                 # saved versions
    python -m data.roadmap_import --restore sodertalje-2026-20261124-101500

--curated and --db (or FARDPLANER_CURATED / FARDPLANER_DB) point it at other files, e.g. in tests.
Nothing here imports streamlit.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from data import curated_write
from data.curated_files import ACTOR_TYPES, KINDS, SPECS, read_all
from data.curated_lock import lock
from data.intake import ImportRefused
from data.paths import SOURCES_DIR, curated_dir, read_only_mode, reference_db
from data.roadmap_template import SHEETS, RawTemplate, csv_bytes, fold, read_files, read_path, where, write_xlsx
from data.slug import slug

VERSIONS = curated_write.VERSIONS
WHAT = "den nya färdplanen"
INDICATOR_FOLDER = "import-indikatorer"  # data/indicator_import.py
# data/README.md: the shared insatser carry Södertälje 2026's codes. When no canonical shared insats is
# left in the data (a store without that roadmap), only this core's roadmap may bring them back.
CANONICAL_CORE = "sodertalje"
FOLDER_TABLES = ("interventions", "intervention_variants", "intervention_actors", "actors", "directions", "core_texts")
CODE = re.compile(r"^[0-9A-Za-zÅÄÖåäö]+([.\-][0-9A-Za-zÅÄÖåäö]+)*$")
ROLES = {
    "ansvarig": "lead",
    "ansvarig aktor": "lead",
    "lead": "lead",
    "medverkande": "participant",
    "medverkande aktor": "participant",
    "participant": "participant",
}
ROLE_SV = {"lead": "ansvarig", "participant": "medverkande"}
SCOPES = {
    "karnspecifik": "core",
    "karnspecifika": "core",
    "core": "core",
    "gemensam": "shared",
    "gemensamma": "shared",
    "shared": "shared",
}
SCOPE_SV = {"core": "kärnspecifik", "shared": "gemensam"}
STATUSES = {"antagen", "utkast"}


def _refuse_in_read_only() -> None:
    if read_only_mode():
        raise ImportRefused(["Appen körs i läsläge (FARDPLANER_READONLY): inläsning och återställning är avstängda."])


# -- the curated data as it is now ------------------------------------------------------------------------
@dataclass
class Context:
    curated: Path
    t: dict[str, pd.DataFrame]

    def folder_rows(self, table: str, folders) -> pd.DataFrame:
        df = self.t[table]
        return df[df["_folder"].isin(set(folders))]

    def core_ids(self) -> list[str]:
        return list(self.t["cores"]["id"])

    def core(self, core_id: str) -> dict:
        return self.t["cores"].set_index("id").loc[core_id].to_dict() | {"id": core_id}

    def actors(self) -> pd.DataFrame:
        return self.t["actors"].drop_duplicates("id")


def load(curated: Path | None = None) -> Context:
    curated = Path(curated) if curated else curated_dir()
    t, _ = read_all(curated)
    for df in t.values():
        df["_folder"] = [Path(f).parent.name for f in df["_file"]]
    return Context(curated, t)


def roadmap_folders(ctx: Context, core_id: str) -> list[str]:
    """The folder(s) holding a core's roadmap: its färdriktningar, description or core-specific insatser."""
    t = ctx.t
    hits = set(t["directions"].loc[t["directions"]["core_id"] == core_id, "_folder"])
    hits |= set(t["core_texts"].loc[t["core_texts"]["core_id"] == core_id, "_folder"])
    own = t["interventions"]
    hits |= set(
        own.loc[(own["core_id"] == core_id) & (own["scope"] == "core") & (own["plan_type"] == "fardplan"), "_folder"]
    )
    return sorted(hits - {"common"})


def _core_keys(ctx: Context) -> dict[str, str]:
    keys = {}
    for rec in ctx.t["cores"].to_dict("records"):
        for alias in [rec["id"], rec["name"], *rec["aliases"].split("|")]:
            if alias:
                keys[slug(fold(alias))] = rec["id"]
    return keys


def curated_state(curated: Path) -> str:
    """Hash of the live curated CSV files a roadmap's preview depends on (not .versions, not the indicator
    import's folder, which commit() rebuilds with anyway): an import refuses when they changed since."""
    digest = hashlib.sha256()
    for path in sorted(curated.glob("*/*.csv")):
        if not path.parent.name.startswith(".") and path.parent.name != INDICATOR_FOLDER:
            digest.update(str(path.relative_to(curated)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _csv(columns, records) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for rec in records:
        writer.writerow([rec.get(c, "") for c in columns])
    return out.getvalue().encode("utf-8")


def _clean(df: pd.DataFrame) -> pd.DataFrame:
    return df.drop(columns=[c for c in ("_file", "_row", "_folder") if c in df.columns])


# -- the template, pre-filled -----------------------------------------------------------------------------
def template_rows(ctx: Context, core_id: str) -> dict[str, list[dict[str, str]]]:
    """The template's rows for a core, from its roadmap folder (just the core when it has none)."""
    folders = roadmap_folders(ctx, core_id)
    core = ctx.core(core_id)
    rows: dict[str, list[dict[str, str]]] = {"Kärna": [{"kärna": core_id}]}
    if not folders:
        return rows
    t = ctx.t
    source_id = core["roadmap_source_id"]
    sources = t["sources"].set_index("id")
    if source_id in sources.index:
        s = sources.loc[source_id]
        rows["Källa"] = [
            {
                "id": source_id,
                "titel": s["title"],
                "utgivare": s["publisher"],
                "år": s["year"],
                "status": s["status"],
                "fil": s["file"],
                "not": s["note"],
            }
        ]
    texts = ctx.folder_rows("core_texts", folders)
    texts = texts[(texts["core_id"] == core_id) & (texts["field"] == "description")]
    if len(texts):
        rows["Kärna"] = [
            {
                "kärna": core_id,
                "karaktärsbeskrivning": texts.iloc[0]["text"],
                "källavsnitt": texts.iloc[0]["source_section"],
            }
        ]
    rows["Färdriktningar"] = [
        {"målområde": d["goal_area_id"], "rubrik": d["heading"], "text": d["text"], "källavsnitt": d["source_section"]}
        for d in ctx.folder_rows("directions", folders).to_dict("records")
        if d["core_id"] == core_id
    ]
    canonical = t["interventions"][t["interventions"]["scope"] == "shared"].set_index("id")
    insatser, ref = [], {}
    for rec in ctx.folder_rows("interventions", folders).to_dict("records"):
        if rec["scope"] == "shared":
            code = rec["id"]
        elif rec["scope"] == "core" and rec["core_id"] == core_id:
            code = rec["code"]
        else:
            continue
        ref[rec["id"]] = code or rec["title"]
        insatser.append(
            {
                "kod": code,
                "titel": rec["title"],
                "beskrivning": rec["description"],
                "målområde": rec["goal_area_id"],
                "omfattning": SCOPE_SV[rec["scope"]],
                "karaktär": rec["kind"],
                "källavsnitt": rec["source_section"],
                "not": rec["note"],
            }
        )
    for rec in ctx.folder_rows("intervention_variants", folders).to_dict("records"):
        base = canonical.loc[rec["intervention_id"]] if rec["intervention_id"] in canonical.index else None
        ref[rec["intervention_id"]] = rec["intervention_id"]
        insatser.append(
            {
                "kod": rec["intervention_id"],
                "titel": rec["title"],
                "beskrivning": rec["description"],
                "målområde": base["goal_area_id"] if base is not None else "",
                "omfattning": "gemensam",
                "karaktär": "",
                "källavsnitt": rec["source_section"],
                "not": rec["note"],
            }
        )
    rows["Insatser"] = insatser
    names = ctx.actors().set_index("id")["name"]
    rows["Aktörer per insats"] = [
        {
            "insats": ref.get(r["intervention_id"], r["intervention_id"]),
            "aktör": names.get(r["actor_id"], r["actor_id"]),
            "roll": ROLE_SV[r["role"]],
            "namn i källan": r["name_as_written"],
            "källavsnitt": r["source_section"],
        }
        for r in ctx.folder_rows("intervention_actors", folders).to_dict("records")
    ]
    elsewhere = set(t["actors"].loc[~t["actors"]["_folder"].isin(folders), "id"])
    rows["Nya aktörer"] = [
        {"id": a["id"], "namn": a["name"], "typ": a["type"], "not": a["note"]}
        for a in ctx.folder_rows("actors", folders).drop_duplicates("id").to_dict("records")
        if a["id"] not in elsewhere
    ]
    return rows


def _instructions(ctx: Context, core_id: str | None) -> list[str]:
    lines = [
        "Mall för att läsa in en färdplan i Färdplansdialogen",
        "Fyll i flikarna nedan och läs in filen på sidan «Läs in färdplan» (eller med "
        "python -m data.roadmap_import fil.xlsx). Allt kontrolleras först: ett fel anges med flik, rad "
        "och kolumn, och inget ändras förrän du har sett förhandsgranskningen och bekräftat. Den "
        "tidigare versionen av kärnans färdplan sparas och kan återställas.",
        "En färdplan ersätter kärnans nuvarande färdplan helt: det som inte står i filen tas bort "
        "(förhandsgranskningen visar vad).",
    ]
    if core_id:
        name = ctx.core(core_id)["name"]
        lines.append(
            f"Mallen är ifylld med det som finns för {name} i dag"
            + (
                " och kan användas som exempel."
                if roadmap_folders(ctx, core_id)
                else " (ingen färdplan är inläst för kärnan ännu)."
            )
        )
    for sheet in SHEETS.values():
        lines.append(f"Fliken «{sheet.name}»{'' if sheet.required else ' (frivillig)'}: {sheet.help}")
        for column in sheet.columns:
            need = "måste fyllas i" if column.required else "frivillig"
            lines.append(f"    {column.name} ({need}): {column.help}")
    lines += [
        "Gemensamma insatser gäller alla åtta kärnor och skapas inte vid import. Skriv den gemensamma "
        "insatsens kod (t.ex. gemensam-1.1, se fliken «Gemensamma insatser») i kolumnen kod och omfattning "
        "gemensam; titel och beskrivning sparas som den här färdplanens formulering av insatsen. Bara "
        "Södertäljes färdplan, som de gemensamma insatserna kommer från, bär deras kanoniska lydelse.",
        "Kärnspecifika insatser får id <kärna>-<kod>, t.ex. haninge-1.3; utan kod <kärna>-<de sex första "
        "orden i titeln>. Koder är unika inom kärnan.",
        "Aktörer: skriv en känd aktörs namn eller id (fliken «Kända aktörer», stora och små bokstäver och "
        "å/ä/ö spelar ingen roll). En aktör som inte finns där läggs på fliken «Nya aktörer».",
        "Text skrivs som i dokumentet. En cell som börjar med = (en formel) läses inte in. HTML visas som "
        "vanlig text. Högst 5 MB per fil.",
        "Som CSV: en fil per flik, kalla.csv, karna.csv, fardriktningar.csv, insatser.csv, "
        "aktorer-per-insats.csv och nya-aktorer.csv, med samma kolumnrubriker; UTF-8 eller Windows-1252, "
        "komma eller semikolon.",
        "Flikarna «Instruktioner», «Målområden», «Gemensamma insatser» och «Kända aktörer» läses inte in.",
    ]
    return lines


def _reference(ctx: Context) -> dict[str, list[dict[str, str]]]:
    t = ctx.t
    shared = t["interventions"][t["interventions"]["scope"] == "shared"]
    return {
        "Målområden": [
            {"målområde": g["id"], "namn": g["name"], "kort namn": g["short_name"]}
            for g in t["goal_areas"].to_dict("records")
        ],
        "Gemensamma insatser": [
            {"kod": s["id"], "titel": s["title"], "målområde": s["goal_area_id"]} for s in shared.to_dict("records")
        ],
        "Kända aktörer": [
            {"id": a["id"], "namn": a["name"], "typ": a["type"]}
            for a in ctx.actors().sort_values("name").to_dict("records")
        ],
    }


def export_template(core_id: str | None = None, curated: Path | None = None) -> bytes:
    """The template as an Excel workbook: pre-filled for core_id (empty without one)."""
    ctx = load(curated)
    if core_id is not None and core_id not in ctx.core_ids():
        raise ValueError(f"okänd kärna «{core_id}»")
    rows = template_rows(ctx, core_id) if core_id else {}
    return write_xlsx(rows, _reference(ctx), _instructions(ctx, core_id))


def export_template_csv(core_id: str | None, folder: Path, curated: Path | None = None) -> list[Path]:
    """The same template as a folder of CSV files (UTF-8 with BOM, for Excel)."""
    ctx = load(curated)
    rows = template_rows(ctx, core_id) if core_id else {}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet in SHEETS.values():
        path = folder / sheet.file_name
        path.write_bytes(csv_bytes(sheet, rows.get(sheet.name, [])))
        written.append(path)
    return written


# -- the preview ----------------------------------------------------------------------------------------
PREVIEW_KEYS = {
    "sources": ["id"],
    "cores": ["id"],
    "core_texts": ["core_id", "field"],
    "directions": ["core_id", "goal_area_id"],
    "interventions": ["id"],
    "intervention_variants": ["intervention_id", "source_id"],
    "intervention_actors": ["intervention_id", "actor_id", "role"],
    "actors": ["id"],
}
PREVIEW_LABELS = {
    "sources": "Källa",
    "cores": "Kärna",
    "core_texts": "Karaktärsbeskrivning",
    "directions": "Färdriktning",
    "interventions": "Insats",
    "intervention_variants": "Gemensam insats, färdplanens formulering",
    "intervention_actors": "Aktör vid insats",
    "actors": "Aktör",
}
FIELD_SV = {
    "title": "titel",
    "description": "beskrivning",
    "goal_area_id": "målområde",
    "kind": "karaktär",
    "source_section": "källavsnitt",
    "note": "not",
    "name_as_written": "namn i källan",
    "heading": "rubrik",
    "text": "text",
    "roadmap_status": "färdplanens status",
    "roadmap_source_id": "färdplanens källa",
    "code": "kod",
    "scope": "omfattning",
    "source_id": "källa",
    "name": "namn",
    "type": "typ",
    "year": "år",
    "status": "status",
    "publisher": "utgivare",
    "file": "fil",
    "core_id": "kärna",
    "plan_type": "plantyp",
}
CHANGE_ORDER = {"tillkommer": 0, "ändras": 1, "tas bort": 2}


def _insats(iid: str, names: dict) -> str:
    return names.get("interventions", {}).get(iid, iid)


def _post(table: str, rec: dict, names: dict) -> str:
    """The record as a person reads it: codes, titles and names, not ids."""
    cores, actors = names.get("cores", {}), names.get("actors", {})
    if table == "interventions":
        code = rec.get("code") or ""
        return f"{code} – {rec['title']}" if code else rec["title"]
    if table == "sources":
        return rec["title"]
    if table == "intervention_variants":
        return f"{_insats(rec['intervention_id'], names)} (gemensam) – {rec['title']}"
    if table == "intervention_actors":
        return (
            f"{_insats(rec['intervention_id'], names)}: {actors.get(rec['actor_id'], rec['actor_id'])} "
            f"({ROLE_SV.get(rec['role'], rec['role'])})"
        )
    if table == "directions":
        return f"{cores.get(rec['core_id'], rec['core_id'])}, målområde {rec['goal_area_id']}"
    if table == "core_texts":
        return f"{cores.get(rec['core_id'], rec['core_id'])}: karaktärsbeskrivning"
    return rec.get("name", "") or rec["id"]


def preview(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame], names: dict | None = None) -> pd.DataFrame:
    """What an import adds, changes and removes: one row per record (Ändring, Vad, Post, Fält).

    old and new map table names (PREVIEW_KEYS) to the records before and after; records are compared
    field by field on the contract's columns, keyed as in PREVIEW_KEYS. Pure: no files are read.
    names maps ids to what the preview shows instead ({"cores"|"actors"|"interventions": {id: text}}).
    """
    names = names or {}
    out = []
    for table, keys in PREVIEW_KEYS.items():
        before, after = old.get(table), new.get(table)
        index = {}
        for side, df in (("old", before), ("new", after)):
            if df is None or df.empty:
                continue
            for rec in _clean(df).fillna("").astype(str).to_dict("records"):
                index.setdefault(tuple(rec[k] for k in keys), {})[side] = rec
        for pair in index.values():
            o, n = pair.get("old"), pair.get("new")
            if o is None:
                out.append(("tillkommer", PREVIEW_LABELS[table], _post(table, n, names), ""))
            elif n is None:
                out.append(("tas bort", PREVIEW_LABELS[table], _post(table, o, names), ""))
            else:
                fields = [f for f in n if f in o and n[f] != o[f]]
                if fields:
                    out.append(
                        (
                            "ändras",
                            PREVIEW_LABELS[table],
                            _post(table, n, names),
                            ", ".join(FIELD_SV.get(f, f) for f in fields),
                        )
                    )
    df = pd.DataFrame(out, columns=["Ändring", "Vad", "Post", "Fält"])
    return df.sort_values("Ändring", key=lambda s: s.map(CHANGE_ORDER), kind="stable").reset_index(drop=True)


# -- prepare: the template → a checked plan ----------------------------------------------------------
@dataclass
class Plan:
    origin: str
    curated: Path
    sources: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    core_id: str | None = None
    core_name: str = ""
    source: dict | None = None
    folder: str | None = None
    replaces: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # the new folder, contract columns
    carried: dict[str, bytes] = field(default_factory=dict)  # unchanged files of the old folder
    common: dict[str, bytes] = field(default_factory=dict)  # new common/*.csv
    changes: pd.DataFrame = field(default_factory=lambda: preview({}, {}))
    change_line: str = ""
    state: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def files(self) -> dict[str, bytes]:
        out = dict(self.carried)
        for name, df in self.tables.items():
            if len(df) or name not in ("core_texts", "intervention_variants"):
                out[f"{name}.csv"] = _csv(SPECS[name].columns, df.to_dict("records"))
        return out

    def counts(self) -> dict[str, int]:
        t = self.tables
        if not t:
            return {}
        ints = t["interventions"]
        return {
            "kärnspecifika insatser": int((ints["scope"] == "core").sum()),
            "gemensamma insatser": int((ints["scope"] == "shared").sum() + len(t["intervention_variants"])),
            "färdriktningar": len(t["directions"]),
            "aktörsroller": len(t["intervention_actors"]),
            "nya aktörer": int(((self.changes["Vad"] == "Aktör") & (self.changes["Ändring"] == "tillkommer")).sum()),
        }


def prepare(
    files: list[tuple[str, bytes]] | Path | str,
    curated: Path | None = None,
    sources: Path | None = None,
    origin: str | None = None,
) -> Plan:
    """Read the template (uploaded bytes, or a path), check it against the data, build it on trial."""
    raw = read_path(Path(files)) if isinstance(files, (str, Path)) else read_files(files, origin)
    curated = Path(curated) if curated else curated_dir()
    plan = Plan(
        raw.origin,
        curated,
        Path(sources) if sources else SOURCES_DIR,
        problems=list(raw.problems),
        notes=list(raw.notes),
    )
    plan.state = curated_state(curated)
    if raw.problems:
        return plan
    ctx = load(curated)
    _check(raw, ctx, plan)
    if plan.problems:
        return plan
    _trial_build(plan)
    return plan


class _Rows:
    """The rows of one sheet with helpers that record a problem at sheet, row and column."""

    def __init__(self, raw: RawTemplate, name: str, plan: Plan):
        sheet = raw.sheets.get(name)
        self.label = sheet.label if sheet else f"{raw.origin}, flik «{name}»"
        self.rows = sheet.rows if sheet else []
        self.plan = plan
        for number, rec in self.rows:
            for column in SHEETS[name].columns:
                if column.required and not rec[column.name]:
                    self.err(number, column.name, "värde saknas.")

    def err(self, row: int | None, column: str | None, message: str) -> None:
        self.plan.problems.append(f"{where(self.label, row, column)}: {message}")

    def note(self, row: int | None, column: str | None, message: str) -> None:
        self.plan.notes.append(f"{where(self.label, row, column)}: {message}")


_GOALS_HINT = "1 Levande stadskärnor, 2 Samhällsservice, 3 Näringsliv och innovation, 4 Hållbart resande"


def _goal_area(value: str, rows: _Rows, number: int, known: set[str]) -> str:
    text = value.strip()
    if text and text not in known:
        rows.err(number, "målområde", f"målområde «{text}» finns inte; ange 1–4 ({_GOALS_HINT}).")
    return text


def _check(raw: RawTemplate, ctx: Context, plan: Plan) -> None:
    t = ctx.t
    goal_names = dict(zip(t["goal_areas"]["id"], t["goal_areas"]["short_name"]))
    known_goals = set(goal_names)

    # Kärna
    kärna = _Rows(raw, "Kärna", plan)
    core_id = None
    if len(kärna.rows) != 1:
        kärna.err(None, None, f"fliken ska ha exakt en rad (kärnan); den har {len(kärna.rows)}.")
    else:
        number, rec = kärna.rows[0]
        if rec["kärna"]:
            core_id = _core_keys(ctx).get(slug(fold(rec["kärna"])))
            if core_id is None:
                kärna.err(number, "kärna", f"okänd kärna «{rec['kärna']}»; ange en av: {', '.join(ctx.core_ids())}.")
    # Källa
    källa = _Rows(raw, "Källa", plan)
    source = None
    if len(källa.rows) != 1:
        källa.err(None, None, f"fliken ska ha exakt en rad (källan); den har {len(källa.rows)}.")
    else:
        number, rec = källa.rows[0]
        if rec["år"] and not re.fullmatch(r"(19|20)\d\d", rec["år"]):
            källa.err(number, "år", f"«{rec['år']}» är inget årtal (fyra siffror, t.ex. 2027).")
        status = fold(rec["status"])
        if rec["status"] and status not in STATUSES:
            källa.err(number, "status", f"«{rec['status']}» ska vara antagen eller utkast.")
        if rec["id"] and slug(rec["id"]) != rec["id"]:
            källa.err(
                number,
                "id",
                f"«{rec['id']}» får bara innehålla a–z, 0–9 och bindestreck (t.ex. fardplan-haninge-2027).",
            )
        if core_id and rec["år"]:
            sid = rec["id"] or f"fardplan-{core_id}-{rec['år']}"
            source = {
                "id": sid,
                "title": rec["titel"],
                "publisher": rec["utgivare"],
                "year": rec["år"],
                "status": status,
                "kind": "färdplan",
                "file": rec["fil"],
                "note": rec["not"],
            }
            existing = t["sources"][t["sources"]["id"] == sid]
            if len(existing) and existing.iloc[0]["kind"] != "färdplan":
                källa.err(
                    number,
                    "id",
                    f"källan «{sid}» finns redan och är ingen färdplan "
                    f"({existing.iloc[0]['kind']}); välj ett annat id.",
                )
            other = t["cores"][(t["cores"]["roadmap_source_id"] == sid) & (t["cores"]["id"] != core_id)]
            if len(other):
                källa.err(number, "id", f"källan «{sid}» är redan färdplanen för {other.iloc[0]['name']}.")
    if core_id is None or source is None:
        for name in ("Färdriktningar", "Insatser", "Aktörer per insats", "Nya aktörer"):
            _Rows(raw, name, plan)  # still report the missing values there
        return
    sid = source["id"]
    plan.core_id, plan.core_name, plan.source = core_id, ctx.core(core_id)["name"], source
    plan.folder = f"{core_id}-{source['year']}"
    plan.replaces = roadmap_folders(ctx, core_id)
    if (ctx.curated / plan.folder).exists() and plan.folder not in plan.replaces:
        källa.err(
            källa.rows[0][0],
            "år",
            f"mappen curated/{plan.folder} finns redan men innehåller inte "
            f"{plan.core_name}s färdplan; välj ett annat år eller källa.",
        )

    # Färdriktningar
    fr = _Rows(raw, "Färdriktningar", plan)
    directions, seen_goal = [], {}
    for number, rec in fr.rows:
        gid = _goal_area(rec["målområde"], fr, number, known_goals)
        if gid in seen_goal:
            fr.err(number, "målområde", f"målområde {gid} har redan en färdriktning (rad {seen_goal[gid]}).")
        seen_goal.setdefault(gid, number)
        directions.append(
            {
                "core_id": core_id,
                "goal_area_id": gid,
                "heading": rec["rubrik"],
                "text": rec["text"],
                "source_id": sid,
                "source_section": rec["källavsnitt"] or f"{goal_names.get(gid, gid)} › Färdriktning",
            }
        )
    missing_goals = sorted(known_goals - set(seen_goal))
    if missing_goals:
        fr.note(None, None, f"ingen färdriktning för målområde {', '.join(missing_goals)}.")

    # Insatser
    ins = _Rows(raw, "Insatser", plan)
    shared_all = t["interventions"][t["interventions"]["scope"] == "shared"]
    shared_here = shared_all[shared_all["_folder"].isin(plan.replaces)].set_index("id")
    shared_others = shared_all[~shared_all["_folder"].isin(plan.replaces)].set_index("id")
    may_define = bool(len(shared_here)) or (shared_all.empty and core_id == CANONICAL_CORE)
    interventions, variants, by_ref, seen_code, seen_id = [], [], {}, {}, {}
    for number, rec in ins.rows:
        scope = SCOPES.get(fold(rec["omfattning"]))
        if rec["omfattning"] and scope is None:
            ins.err(number, "omfattning", f"«{rec['omfattning']}» ska vara kärnspecifik eller gemensam.")
        gid = _goal_area(rec["målområde"], ins, number, known_goals)
        kind = next((k for k in KINDS if fold(k) == fold(rec["karaktär"])), "") if rec["karaktär"] else ""
        if rec["karaktär"] and not kind:
            ins.err(
                number,
                "karaktär",
                f"«{rec['karaktär']}» är ingen karaktär; välj en av: {', '.join(sorted(KINDS))} (eller lämna tom).",
            )
        code = rec["kod"]
        if scope == "shared":
            code = re.sub(r"^gemensam[\s\-]*", "", code, flags=re.I).strip()
            if not code:
                ins.err(
                    number,
                    "kod",
                    "en gemensam insats måste ange vilken: skriv den gemensamma insatsens "
                    "kod, t.ex. gemensam-1.1 (fliken Gemensamma insatser).",
                )
        if code and not CODE.match(code):
            ins.err(
                number,
                "kod",
                f"koden «{code}» får bara innehålla siffror, bokstäver, punkt och bindestreck"
                + (" (skriv punkt, inte komma: 1.3)." if "," in code else " (t.ex. 1.3)."),
            )
        if code:
            if code.lower() in seen_code:
                ins.err(
                    number,
                    "kod",
                    f"koden {code} finns redan på rad {seen_code[code.lower()]}; koderna ska vara unika inom kärnan.",
                )
            seen_code.setdefault(code.lower(), number)
        if scope is None or (scope == "shared" and not code):
            continue
        section = rec["källavsnitt"] or " › ".join(
            [goal_names.get(gid, gid), "Gemensamma insatser" if scope == "shared" else "Kärnspecifika insatser"]
            + ([code] if code else [])
        )
        if scope == "core":
            words = slug(" ".join(rec["titel"].split()[:6]))
            iid = f"{core_id}-{code.lower()}" if code else f"{core_id}-{words}"
            if not code and not words:
                ins.err(
                    number, "titel", "titeln ger inget id (den har inga bokstäver eller siffror); ge insatsen en kod."
                )
            if iid in seen_id and not code:  # a repeated code is reported above
                ins.err(
                    number,
                    "titel",
                    f"insatsen får samma id «{iid}» som raden {seen_id[iid]} (samma sex "
                    "första ord i titeln); ge insatserna koder eller ändra titeln.",
                )
            seen_id.setdefault(iid, number)
            interventions.append(_intervention(iid, code, rec, gid, "core", core_id, kind, sid, section))
        else:
            iid = f"gemensam-{code.lower()}"
            if iid in seen_id:
                ins.err(number, "kod", f"den gemensamma insatsen {iid} står redan på rad {seen_id[iid]}.")
            seen_id.setdefault(iid, number)
            if iid in shared_others.index:
                base = shared_others.loc[iid]
                if gid and gid != base["goal_area_id"]:
                    ins.err(
                        number,
                        "målområde",
                        f"{iid} hör till målområde {base['goal_area_id']}, inte {gid}; kontrollera koden.",
                    )
                if kind:
                    ins.note(
                        number, "karaktär", f"karaktären för {iid} kommer från den gemensamma insatsen och lästes inte."
                    )
                variants.append(
                    {
                        "intervention_id": iid,
                        "title": rec["titel"],
                        "description": rec["beskrivning"],
                        "source_id": sid,
                        "source_section": section,
                        "note": rec["not"],
                    }
                )
            elif (iid in shared_here.index or shared_here.empty) and may_define:
                interventions.append(_intervention(iid, code, rec, gid, "shared", "", kind, sid, section))
            elif shared_all.empty:
                ins.err(
                    number,
                    "kod",
                    f"det finns inga gemensamma insatser i databasen att koppla {iid} till; "
                    f"läs först in färdplanen för {ctx.core(CANONICAL_CORE)['name']}, som "
                    "de gemensamma insatserna kommer från.",
                )
            else:
                ins.err(
                    number,
                    "kod",
                    f"okänd gemensam insats «{iid}». Gemensamma insatser skapas inte vid "
                    "import; välj en av: " + ", ".join(sorted(shared_all["id"])) + ".",
                )
        if code:
            by_ref.setdefault(code.lower(), iid)
        if scope == "shared":
            by_ref.setdefault(iid, iid)
        by_ref.setdefault(fold(rec["titel"]), iid)
    if may_define and len(shared_here):
        dropped = sorted(set(shared_here.index) - set(seen_id))
        for iid in dropped:
            ins.err(
                None,
                None,
                f"den gemensamma insatsen {iid} saknas. {plan.core_name}s färdplan är "
                "källan för de gemensamma insatserna och de kan inte tas bort vid import.",
            )

    # Nya aktörer and Aktörer per insats
    actors_all = ctx.actors()
    known_id = actors_all.set_index("id")
    known_fold: dict[str, set[str]] = {}
    for a in actors_all.to_dict("records"):
        known_fold.setdefault(fold(a["name"]), set()).add(a["id"])
    nya = _Rows(raw, "Nya aktörer", plan)
    new_actors: dict[str, dict] = {}
    new_fold: dict[str, str] = {}
    for number, rec in nya.rows:
        typ = next((k for k in ACTOR_TYPES if fold(k) == fold(rec["typ"])), None)
        if rec["typ"] and typ is None:
            nya.err(number, "typ", f"okänd typ «{rec['typ']}»; välj en av: {', '.join(sorted(ACTOR_TYPES))}.")
        aid = rec["id"] or slug(rec["namn"])
        if rec["id"] and slug(rec["id"]) != rec["id"]:
            nya.err(number, "id", f"«{rec['id']}» får bara innehålla a–z, 0–9 och bindestreck.")
        if not rec["namn"] or typ is None:
            continue
        if aid in new_actors:
            nya.err(number, "id", f"aktören «{aid}» står redan på rad {new_actors[aid]['_row']}.")
            continue
        if aid in known_id.index:
            old = known_id.loc[aid]
            if fold(old["name"]) != fold(rec["namn"]) or old["type"] != typ:
                nya.err(
                    number,
                    "id",
                    f"id «{aid}» finns redan för «{old['name']}» ({old['type']}); använd "
                    "den aktören eller ge den nya ett annat id.",
                )
                continue
        else:
            same = known_fold.get(fold(rec["namn"]), set())
            if same:
                nya.err(
                    number,
                    "namn",
                    f"«{rec['namn']}» finns redan som aktör med id «{sorted(same)[0]}»; "
                    "skriv den under Aktörer per insats i stället för att lägga till den.",
                )
                continue
        new_actors[aid] = {"id": aid, "name": rec["namn"], "type": typ, "note": rec["not"], "_row": number}
        new_fold[fold(rec["namn"])] = aid

    def actor(value: str) -> set[str]:
        v = value.strip()
        hits = {
            x
            for x in (
                v if v in new_actors else None,
                new_fold.get(fold(v)),
                v if v in known_id.index else None,
                slug(fold(v)) if slug(fold(v)) in known_id.index else None,
            )
            if x
        }
        return hits | known_fold.get(fold(v), set())

    api = _Rows(raw, "Aktörer per insats", plan)
    variant_ids = {v["intervention_id"] for v in variants}
    roles, seen_role, skipped = [], {}, 0
    sections = {r["id"]: r["source_section"] for r in interventions}
    for number, rec in api.rows:
        ref = rec["insats"].strip()
        iid = by_ref.get(ref.lower()) or by_ref.get("gemensam-" + ref.lower()) or by_ref.get(fold(ref))
        if ref and iid is None:
            api.err(
                number,
                "insats",
                f"insatsen «{ref}» finns inte på fliken Insatser (ange kod, eller titel om insatsen saknar kod).",
            )
        role = ROLES.get(fold(rec["roll"]))
        if rec["roll"] and role is None:
            api.err(number, "roll", f"«{rec['roll']}» ska vara ansvarig eller medverkande.")
        hits = actor(rec["aktör"]) if rec["aktör"] else set()
        if rec["aktör"] and not hits:
            api.err(
                number,
                "aktör",
                f"okänd aktör «{rec['aktör']}»: skriv namnet eller id:t som på fliken Kända "
                "aktörer, eller lägg till aktören på fliken Nya aktörer (namn och typ).",
            )
        elif len(hits) > 1:
            api.err(
                number,
                "aktör",
                f"«{rec['aktör']}» kan vara flera aktörer ({', '.join(sorted(hits))}); skriv aktörens id.",
            )
        if iid is None or role is None or len(hits) != 1:
            continue
        aid = hits.pop()
        key = (iid, aid, role)
        if key in seen_role:
            api.err(number, "aktör", f"samma aktör och roll för insatsen står redan på rad {seen_role[key]}.")
            continue
        seen_role[key] = number
        if iid in variant_ids:
            skipped += 1
            continue
        roles.append(
            {
                "intervention_id": iid,
                "actor_id": aid,
                "role": role,
                "name_as_written": rec["namn i källan"] or rec["aktör"],
                "source_id": sid,
                "source_section": rec["källavsnitt"]
                or sections.get(iid, "")
                + " › "
                + ("Ansvarig aktör" if role == "lead" else "Exempel på medverkande aktörer"),
            }
        )
    if skipped:
        api.note(
            None,
            None,
            f"{skipped} rader gäller gemensamma insatser som en annan färdplan är källa för; "
            "deras aktörer kommer från den gemensamma insatsen och lästes inte.",
        )

    used = list(dict.fromkeys(r["actor_id"] for r in roles))
    old_notes = ctx.folder_rows("actors", plan.replaces).drop_duplicates("id").set_index("id")["note"]
    actors = []
    for aid in used:
        if aid in new_actors:
            a = new_actors[aid]
            actors.append({k: a[k] for k in ("id", "name", "type", "note")})
        else:
            a = known_id.loc[aid]
            actors.append({"id": aid, "name": a["name"], "type": a["type"], "note": old_notes.get(aid, "")})
    for aid, a in new_actors.items():
        if aid not in used:
            nya.note(a["_row"], "namn", f"aktören «{a['name']}» används inte av någon insats och lades inte till.")
    if plan.problems:
        return

    texts = []
    number, rec = kärna.rows[0]
    if rec["karaktärsbeskrivning"]:
        texts.append(
            {
                "core_id": core_id,
                "field": "description",
                "text": rec["karaktärsbeskrivning"],
                "source_id": sid,
                "source_section": rec["källavsnitt"] or "Karaktärsbeskrivning",
            }
        )
    frame = lambda name, recs: pd.DataFrame(recs, columns=list(SPECS[name].columns)).fillna("")  # noqa: E731
    plan.tables = {
        "interventions": frame("interventions", interventions),
        "intervention_variants": frame("intervention_variants", variants),
        "intervention_actors": frame("intervention_actors", roles),
        "actors": frame("actors", actors),
        "directions": frame("directions", directions),
        "core_texts": frame("core_texts", texts),
    }
    _carry(ctx, plan)
    _common(ctx, plan)
    _preview(ctx, plan)


def _intervention(iid, code, rec, gid, scope, core_id, kind, sid, section) -> dict:
    return {
        "id": iid,
        "code": code,
        "title": rec["titel"],
        "description": rec["beskrivning"],
        "goal_area_id": gid,
        "scope": scope,
        "core_id": core_id,
        "kind": kind,
        "plan_type": "fardplan",
        "purpose": "",
        "financing": "",
        "regional_priority": "",
        "timing": "",
        "budget": "",
        "source_id": sid,
        "source_section": section,
        "note": rec["not"],
    }


def _carry(ctx: Context, plan: Plan) -> None:
    """Files the template does not cover (e.g. indicator_values.csv) follow when the source is the same."""
    for folder in plan.replaces:
        for path in sorted((ctx.curated / folder).glob("*.csv")):
            if path.stem in FOLDER_TABLES:
                continue
            rows = max(0, len(path.read_text("utf-8").splitlines()) - 1)
            if ctx.core(plan.core_id)["roadmap_source_id"] == plan.source["id"]:
                plan.carried[path.name] = path.read_bytes()
                plan.notes.append(
                    f"curated/{folder}/{path.name} ({rows} rader) ingår inte i mallen och följer med oförändrad."
                )
            else:
                plan.notes.append(
                    f"curated/{folder}/{path.name} ({rows} rader) hör till den tidigare källan och "
                    "följer inte med; den finns kvar i den sparade versionen."
                )


def _rewrite(path: Path, change) -> bytes:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([rows[0], *change(rows[0], rows[1:])])
    return out.getvalue().encode("utf-8")


def _append(path: Path, columns: tuple[str, ...], rec: dict) -> bytes:
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        data += b"\n"
    return data + _csv(columns, [rec]).split(b"\n", 1)[1]


def _common(ctx: Context, plan: Plan) -> None:
    """cores.csv: the core's roadmap source and status; sources.csv: the source; changes.csv: one line."""
    common = ctx.curated / "common"
    src = plan.source
    columns = SPECS["sources"].columns
    existing = ctx.t["sources"][ctx.t["sources"]["id"] == src["id"]]
    if existing.empty:
        plan.common["sources.csv"] = _append(common / "sources.csv", columns, src)
    elif any(existing.iloc[0][c] != src[c] for c in columns):
        plan.common["sources.csv"] = _rewrite(
            common / "sources.csv",
            lambda head, rows: [[src[c] for c in head] if r[0] == src["id"] else r for r in rows],
        )
    core = ctx.core(plan.core_id)
    if (core["roadmap_source_id"], core["roadmap_status"]) != (src["id"], src["status"]):

        def set_core(head, rows):
            i, j, k = head.index("id"), head.index("roadmap_source_id"), head.index("roadmap_status")
            for r in rows:
                if r[i] == plan.core_id:
                    r[j], r[k] = src["id"], src["status"]
            return rows

        plan.common["cores.csv"] = _rewrite(common / "cores.csv", set_core)
    t = plan.tables
    shared = int((t["interventions"]["scope"] == "shared").sum())
    parts = [f"{int((t['interventions']['scope'] == 'core').sum())} kärnspecifika insatser"]
    if shared:
        parts.append(f"{shared} gemensamma insatser (kanonisk lydelse)")
    if len(t["intervention_variants"]):
        parts.append(f"färdplanens formulering av {len(t['intervention_variants'])} gemensamma insatser")
    parts.append(f"{len(t['directions'])} färdriktningar")
    if len(t["core_texts"]):
        parts.append("karaktärsbeskrivning")
    plan.change_line = (
        f"Färdplan för {plan.core_name} ({src['title']}, {src['year']}, {src['status']}) inläst "
        f"via import av {plan.origin}: {', '.join(parts)}."
    )
    plan.common["changes.csv"] = _append(
        common / "changes.csv",
        SPECS["changes"].columns,
        {"date": date.today().isoformat(), "what": plan.change_line, "source_id": src["id"]},
    )


def _preview(ctx: Context, plan: Plan) -> None:
    t = ctx.t
    old = {name: ctx.folder_rows(name, plan.replaces) for name in FOLDER_TABLES if name != "actors"}
    new = {name: df for name, df in plan.tables.items() if name != "actors"}
    # Actors: only those the store gains or loses, not every organisation the folder lists.
    elsewhere = set(t["actors"].loc[~t["actors"]["_folder"].isin(plan.replaces), "id"])
    own_before = ctx.folder_rows("actors", plan.replaces).drop_duplicates("id")
    old["actors"] = own_before[~own_before["id"].isin(elsewhere)]
    after = plan.tables["actors"]
    new["actors"] = after[~after["id"].isin(elsewhere)]
    old["sources"] = t["sources"][t["sources"]["id"] == plan.source["id"]]
    new["sources"] = pd.DataFrame([plan.source])
    core = t["cores"][t["cores"]["id"] == plan.core_id]
    old["cores"] = core
    updated = _clean(core).copy()
    updated["roadmap_source_id"], updated["roadmap_status"] = plan.source["id"], plan.source["status"]
    new["cores"] = updated
    interventions = pd.concat([t["interventions"], plan.tables["interventions"]])
    code_title = {
        r["id"]: (f"{r['code']} – {r['title']}" if r["code"] else r["title"]) for r in interventions.to_dict("records")
    }
    actor_names = dict(zip(t["actors"]["id"], t["actors"]["name"])) | dict(
        zip(plan.tables["actors"]["id"], plan.tables["actors"]["name"])
    )
    plan.changes = preview(
        old,
        new,
        {"cores": dict(zip(t["cores"]["id"], t["cores"]["name"])), "actors": actor_names, "interventions": code_title},
    )


def _trial_build(plan: Plan) -> None:
    """The whole build on the curated data with the new folder, into a throwaway store."""
    plan.problems += curated_write.trial_build(
        plan.curated, plan.sources, set(plan.replaces), plan.folder, plan.files(), plan.common, WHAT
    )


# -- the one write ---------------------------------------------------------------------------------------
@dataclass
class Done:
    folder: str
    saved: list[str]
    message: str


def _locked(curated: Path):
    return lock(curated)


def _swap(
    curated: Path,
    sources: Path,
    target: Path,
    drop: list[str],
    folder: str | None,
    files: dict[str, bytes],
    common: dict[str, bytes],
    meta: dict,
) -> list[str]:
    return curated_write.commit(
        curated, sources, target, drop, folder, files, common, {"kind": "roadmap", **meta}, what=WHAT
    )


def _by(who, action: str) -> dict:
    """Check that the person may do this (the app passes the signed-in person; the command line, run by
    whoever holds the files, passes none) and name them in the version's record."""
    if who is None:
        return {}
    who.require(action)
    return {"by": who.name, "by_sub": who.sub, "by_email": who.email}


def apply(plan: Plan, target: Path | None = None, who=None) -> Done:
    """Write the checked plan: the one step of section 'the one write' above; refuses a plan with problems.
    `who` (queries.permissions.Person) must have the administratör role; it is kept with the saved version."""
    _refuse_in_read_only()
    by = _by(who, "import")
    if not plan.ok:
        raise ImportRefused(plan.problems)
    target = Path(target) if target else reference_db()
    with _locked(plan.curated):
        if curated_state(plan.curated) != plan.state:
            raise ImportRefused(
                [
                    "Datan har ändrats sedan förhandsgranskningen (någon annan har läst in något). "
                    "Läs in filen igen och granska på nytt."
                ]
            )
        core = load(plan.curated).core(plan.core_id)
        saved = _swap(
            plan.curated,
            plan.sources,
            target,
            plan.replaces,
            plan.folder,
            plan.files(),
            plan.common,
            {
                "core_id": plan.core_id,
                "reason": f"ersatt vid import av {plan.origin} ({plan.source['title']})",
                "before": {"roadmap_source_id": core["roadmap_source_id"], "roadmap_status": core["roadmap_status"]},
                **by,
            },
        )
    kept = (
        " Den tidigare versionen sparades och kan återställas under «Tidigare versioner»."
        if plan.replaces
        else " Läget före inläsningen (ingen färdplan) sparades som återställningspunkt."
    )
    return Done(
        plan.folder,
        saved,
        f"Färdplanen för {plan.core_name} är inläst i curated/{plan.folder} och databasen är ombyggd.{kept}",
    )


# -- versions --------------------------------------------------------------------------------------------
VERSION_NAME = re.compile(r"^(?P<folder>.+)-(?P<stamp>\d{8}-\d{6})(-\d+)?$")


def _version_info(path: Path) -> dict:
    meta = {}
    if (path / "version.json").exists():
        try:
            meta = json.loads((path / "version.json").read_text("utf-8"))
        except ValueError:
            meta = {}
    match = VERSION_NAME.match(path.name)
    folder = meta.get("folder") or (match["folder"] if match else path.name)
    core_id = meta.get("core_id", "")
    source_id = ""
    for table in ("directions", "interventions", "core_texts"):
        file = path / f"{table}.csv"
        if file.exists():
            with file.open(encoding="utf-8", newline="") as fh:
                first = next(iter(csv.DictReader(fh)), None)
            if first:
                source_id = source_id or first.get("source_id", "")
                core_id = core_id or first.get("core_id", "")
    count = 0
    if (path / "interventions.csv").exists():
        with (path / "interventions.csv").open(encoding="utf-8", newline="") as fh:
            count = sum(1 for _ in csv.DictReader(fh))
    values = 0
    if (path / "indicator_values.csv").exists():
        with (path / "indicator_values.csv").open(encoding="utf-8", newline="") as fh:
            values = sum(1 for _ in csv.DictReader(fh))
    kind = meta.get("kind") or ("indicators" if folder == INDICATOR_FOLDER else "roadmap")
    return {
        "version": path.name,
        "folder": folder,
        "core_id": core_id,
        "source_id": source_id,
        "saved_at": meta.get("saved_at", ""),
        "reason": meta.get("reason", ""),
        "interventions": count,
        "by": meta.get("by", ""),
        "kind": kind,
        "empty": bool(meta.get("empty")),
        "values": values,
        "before": meta.get("before") or {},
    }


def list_versions(curated: Path | None = None) -> pd.DataFrame:
    """Saved versions in curated/.versions, newest first."""
    curated = Path(curated) if curated else curated_dir()
    folder = curated / VERSIONS
    rows = [_version_info(p) for p in folder.iterdir() if p.is_dir()] if folder.exists() else []
    df = pd.DataFrame(
        rows,
        columns=[
            "version",
            "folder",
            "core_id",
            "source_id",
            "saved_at",
            "reason",
            "interventions",
            "by",
            "kind",
            "empty",
            "values",
            "before",
        ],
    )
    return df.sort_values(["saved_at", "version"], ascending=False).reset_index(drop=True)


def restore(
    version: str, curated: Path | None = None, sources: Path | None = None, target: Path | None = None, who=None
) -> Done:
    """Put a saved version back as the core's roadmap (the current one is saved in turn) and rebuild."""
    _refuse_in_read_only()
    by = _by(who, "restore")
    curated = Path(curated) if curated else curated_dir()
    sources = Path(sources) if sources else SOURCES_DIR
    target = Path(target) if target else reference_db()
    path = curated / VERSIONS / version
    if not version or "/" in version or version.startswith(".") or not path.is_dir():
        raise ImportRefused([f"Versionen «{version}» finns inte i curated/{VERSIONS}."])
    info = _version_info(path)
    if info["kind"] in ("indicators", "statistik"):
        return _restore_folder(version, info, curated, sources, target, by)
    with _locked(curated):
        ctx = load(curated)
        core_id, source_id = info["core_id"], info["source_id"]
        if core_id not in ctx.core_ids():
            raise ImportRefused([f"Versionen «{version}» gäller ingen känd kärna."])
        drop = roadmap_folders(ctx, core_id)
        folder = info["folder"]
        if (curated / folder).exists() and folder not in drop:
            raise ImportRefused([f"Mappen curated/{folder} finns redan och hör inte till kärnans färdplan."])
        sources_df = ctx.t["sources"].set_index("id")
        status = sources_df.loc[source_id, "status"] if source_id in sources_df.index else ""
        status = status if status in STATUSES else ctx.core(core_id)["roadmap_status"]
        if info["empty"]:  # the restore point of a first import: no roadmap, as before it
            source_id = info["before"].get("roadmap_source_id", "")
            status = info["before"].get("roadmap_status") or "ingen"
        name = ctx.core(core_id)["name"]
        when = label_time(info["saved_at"])

        def set_core(head, rows):
            i, j, k = head.index("id"), head.index("roadmap_source_id"), head.index("roadmap_status")
            for r in rows:
                if r[i] == core_id:
                    r[j], r[k] = source_id, status
            return rows

        common = {
            "cores.csv": _rewrite(curated / "common" / "cores.csv", set_core),
            "changes.csv": _append(
                curated / "common" / "changes.csv",
                SPECS["changes"].columns,
                {
                    "date": date.today().isoformat(),
                    "source_id": source_id,
                    "what": f"Färdplan för {name} återställd till den sparade versionen från {when}"
                    + (" (ingen färdplan inläst)." if info["empty"] else f" ({source_id})."),
                },
            ),
        }
        files = {p.name: p.read_bytes() for p in sorted(path.glob("*.csv"))}
        saved = _swap(
            curated,
            sources,
            target,
            drop,
            None if info["empty"] else folder,
            files,
            common,
            {
                "core_id": core_id,
                "reason": f"ersatt när versionen från {when} återställdes",
                "before": {
                    "roadmap_source_id": ctx.core(core_id)["roadmap_source_id"],
                    "roadmap_status": ctx.core(core_id)["roadmap_status"],
                },
                **by,
            },
        )
    kept = " Den nuvarande sparades i sin tur och kan återställas." if saved else ""
    return Done(
        folder,
        saved,
        f"Färdplanen för {name} är återställd till versionen från {when}"
        + (" (ingen färdplan)" if info["empty"] else f" (curated/{folder})")
        + f" och databasen är ombyggd.{kept}",
    )


def _restore_folder(version: str, info: dict, curated: Path, sources: Path, target: Path, by: dict) -> Done:
    """Put a saved state of the indicator import's folder back (empty: no imported values)."""
    path = curated / VERSIONS / version
    folder = info["folder"]
    when = label_time(info["saved_at"])
    with _locked(curated):
        drop = [folder] if (curated / folder).exists() else []
        label = "Hämtad statistik" if info["kind"] == "statistik" else "Inlästa indikatorvärden"
        what = f"{label} återställda till läget från {when}: " + (
            "inga värden." if info["empty"] else f"{info['values']} värden."
        )
        common = {
            "changes.csv": _append(
                curated / "common" / "changes.csv",
                SPECS["changes"].columns,
                {"date": date.today().isoformat(), "source_id": "", "what": what},
            )
        }
        files = {p.name: p.read_bytes() for p in sorted(path.glob("*.csv"))}
        saved = curated_write.commit(
            curated,
            sources,
            target,
            drop,
            None if info["empty"] else folder,
            files,
            common,
            {"kind": info["kind"], "reason": f"ersatt när läget från {when} återställdes", **by},
        )
    return Done(folder, saved, what + " Databasen är ombyggd; det som gällde nyss sparades i sin tur.")


MONTHS = (
    "",
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def label_time(saved_at: str) -> str:
    """'2026-11-24T10:15:00' → '24 november 2026 kl. 10.15' ('okänd tidpunkt' when missing)."""
    try:
        moment = datetime.fromisoformat(saved_at)
    except (TypeError, ValueError):
        return "okänd tidpunkt"
    return f"{moment.day} {MONTHS[moment.month]} {moment.year} kl. {moment:%H.%M}"


# -- command line ----------------------------------------------------------------------------------------
def _print_plan(plan: Plan, out) -> None:
    for note in plan.notes:
        print(f"  obs: {note}", file=out)
    if not plan.ok:
        print(f"Inläsningen stoppades: {len(plan.problems)} fel. Inget ändrades.", file=out)
        for p in plan.problems:
            print(f"  - {p}", file=out)
        return
    print(
        f"Färdplan för {plan.core_name} ({plan.source['id']}) → curated/{plan.folder}"
        + (f", ersätter {', '.join(plan.replaces)}" if plan.replaces else ""),
        file=out,
    )
    print("  " + ", ".join(f"{v} {k}" for k, v in plan.counts().items()), file=out)
    if plan.changes.empty:
        print("  Inga ändringar jämfört med det som finns.", file=out)
    for rec in plan.changes.to_dict("records"):
        print(
            f"  {rec['Ändring']:<10} {rec['Vad']}: {rec['Post'][:90]}" + (f" ({rec['Fält']})" if rec["Fält"] else ""),
            file=out,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data.roadmap_import", description="Läs in en färdplan från mallen (Excel eller CSV-mapp)."
    )
    parser.add_argument("path", nargs="?", type=Path, help="mallen: fil.xlsx eller en mapp med CSV-filerna")
    parser.add_argument("--dry-run", action="store_true", help="kontrollera och visa förhandsgranskningen, skriv inget")
    parser.add_argument("--yes", "-y", action="store_true", help="läs in utan att fråga")
    parser.add_argument(
        "--template",
        metavar="KÄRNA",
        help="skriv mallen ifylld för kärnan (tom: 'tom') till path (.xlsx, annars en CSV-mapp)",
    )
    parser.add_argument("--versions", action="store_true", help="lista sparade versioner")
    parser.add_argument("--restore", metavar="VERSION", help="återställ en sparad version")
    parser.add_argument("--curated", type=Path, help="curated-mappen (standard: FARDPLANER_CURATED eller data/curated)")
    parser.add_argument("--db", type=Path, help="databasen (standard: FARDPLANER_DB eller data/fardplaner.duckdb)")
    args = parser.parse_args(argv)
    curated = args.curated or curated_dir()
    try:
        if args.versions:
            versions = list_versions(curated)
            if versions.empty:
                print("Inga sparade versioner.")
            for rec in versions.to_dict("records"):
                print(
                    f"{rec['version']}  {rec['core_id']}  {rec['source_id']}  {rec['saved_at']}  "
                    f"{rec['interventions']} insatser  {rec['reason']}"
                )
            return 0
        if args.restore:
            print(restore(args.restore, curated, target=args.db).message)
            return 0
        if args.path is None:
            parser.error("ange mallen (fil.xlsx eller mapp), --template, --versions eller --restore")
        if args.template:
            core = None if args.template == "tom" else args.template
            if args.path.suffix.lower() == ".xlsx":
                args.path.write_bytes(export_template(core, curated))
            else:
                export_template_csv(core, args.path, curated)
            print(f"Mallen skrevs till {args.path}.")
            return 0
        plan = prepare(args.path, curated)
        _print_plan(plan, sys.stdout if plan.ok else sys.stderr)
        if not plan.ok:
            return 1
        if plan.changes.empty:
            print("Filen ger inga ändringar; inget skrevs.")
            return 0
        if args.dry_run:
            print("Provkörning: inget ändrades.")
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                print("Bekräfta med --yes (ingen terminal att fråga i). Inget ändrades.", file=sys.stderr)
                return 1
            if input("Läs in färdplanen? [j/N] ").strip().lower() not in ("j", "ja", "y", "yes"):
                print("Avbrutet. Inget ändrades.")
                return 1
        print(apply(plan, args.db).message)
        return 0
    except ImportRefused as exc:
        print(f"Inget ändrades: {len(exc.problems)} fel.", file=sys.stderr)
        for p in exc.problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
