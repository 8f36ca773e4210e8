"""Jämför kärnor: the comparison tables, built from the compare_* queries. No Streamlit here.

Every table has one column per chosen core, in the order chosen. Nothing is dropped: a core without a
value gets "uppgift saknas" in its cell, never 0 and never an empty cell.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.common import export_files
from components.common.format import MISSING, is_missing, roadmap_status
from components.common.frames import records
from components.common.themes import THEMES, theme_matches
from components.lagesbild.indicator_text import (
    amount,
    area_of,
    is_quote,
    level_label,
    measure_of,
    note_rest,
    row_label,
    source_label,
    year_text,
)

QUOTE_KIND = "citat: kommunens eget område, inte jämförbart mellan kärnor"


def coverage_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """One row per question, one column per core: roadmap status and what is loaded."""
    rows = {
        "Kärnkommuner": coverage["municipalities"].str.replace("|", ", ", regex=False),
        "Färdplan": [roadmap_status(s, y) for s, y in zip(coverage["roadmap_status"], coverage["roadmap_year"])],
        "Färdriktningar": coverage["directions"],
        "Gemensamma insatser": coverage["shared_interventions"],
        "Kärnspecifika insatser": coverage["core_interventions"],
        "RUFS-insatser som nämner kärnan": coverage["rufs_interventions"],
        "Historiska aktiviteter": coverage["historical_interventions"],
        "Uppgifter om kärnan (indikatorvärden)": coverage["core_values"],
    }
    table = pd.DataFrame({label: list(values) for label, values in rows.items()}, index=list(coverage["name"]))
    return table.T.astype(str).rename_axis("Uppgift").reset_index()


def goal_area_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Goal areas as rows, per core 'gemensamma' and 'kärnspecifika' as numbers (long → wide)."""
    names = list(dict.fromkeys(counts["core_name"]))
    out = pd.DataFrame(
        {
            "Målområde": [
                f"{g} {n}" for g, n in counts[["goal_area_id", "goal_area"]].drop_duplicates().itertuples(index=False)
            ]
        }
    )
    for name in names:
        part = counts[counts["core_name"] == name].sort_values("goal_area_id")
        out[f"{name}: gemensamma"] = part["shared"].astype(int).to_list()
        out[f"{name}: kärnspecifika"] = part["core_specific"].astype(int).to_list()
    return out


def theme_table(interventions: pd.DataFrame, cores: pd.DataFrame) -> pd.DataFrame:
    """One row per theme: per core the titles of its core-specific insatser that touch the theme.

    A core without core-specific insatser in the store says so, rather than looking like "no match".
    """
    found: dict[tuple[str, str], list[str]] = {}
    for rec in records(theme_matches(interventions)):
        found.setdefault((rec["theme_id"], rec["core_id"]), []).append(_titled(rec))
    has_own = set(interventions["core_id"].tolist())
    rows = []
    for theme in THEMES:
        row = {"Tema": theme.label}
        for core_id, name in zip(cores["id"], cores["name"]):
            titles = found.get((theme.id, core_id))
            row[name] = (
                "; ".join(titles) if titles else "–" if core_id in has_own else "kärnspecifika insatser inte inlästa"
            )
        row["Kärnor med temat"] = sum((theme.id, c) in found for c in cores["id"])
        rows.append(row)
    return pd.DataFrame(rows)


THEME_COUNT = "Tema: antal kärnspecifika insatser"


def theme_counts(interventions: pd.DataFrame, cores: pd.DataFrame) -> pd.DataFrame:
    """theme_table in numbers: per theme and core how many core-specific insatser touch it (the titles are in
    theme_table); a core without core-specific insatser in the store says so instead of 0."""
    found: dict[tuple[str, str], set] = {}
    for rec in records(theme_matches(interventions)):
        found.setdefault((rec["theme_id"], rec["core_id"]), set()).add(rec["id"])
    has_own = set(interventions["core_id"].tolist())
    rows = []
    for theme in THEMES:
        row = {THEME_COUNT: theme.label}
        for core_id, name in zip(cores["id"], cores["name"]):
            row[name] = str(len(found.get((theme.id, core_id), ()))) if core_id in has_own else "inte inlästa"
        row["Kärnor med temat"] = sum((theme.id, c) in found for c in cores["id"])
        rows.append(row)
    return pd.DataFrame(rows)


def _titled(rec: dict) -> str:
    code = rec.get("code")
    return f"{code} {rec['title']}" if isinstance(code, str) and code else rec["title"]


def actor_summary(roles: pd.DataFrame, coverage: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """Per core (coverage: id, name, core_interventions): how many actors take part in its roadmap
    insatser, as lead and as participant, and the actors most often named in its core-specific ones."""
    by_core: dict[str, list[dict]] = {}
    for r in records(roles):
        by_core.setdefault(r["core_id"], []).append(r)
    rows = {}
    for core_id, name, n_own in zip(coverage["id"], coverage["name"], coverage["core_interventions"]):
        part = by_core.get(core_id, [])
        own = [r for r in part if r["scope"] == "core"]
        rows[name] = {
            "Aktörer i kärnans färdplansinsatser": len({r["actor_id"] for r in part}),
            "varav ansvariga för någon insats": len({r["actor_id"] for r in part if r["role"] == "lead"}),
            "varav medverkande i någon insats": len({r["actor_id"] for r in part if r["role"] == "participant"}),
            "Aktörer i kärnspecifika insatser": len({r["actor_id"] for r in own}),
            "Vanligaste aktörer i kärnspecifika insatser": (
                top_actors(own, top) if own else MISSING if n_own else "kärnspecifika insatser inte inlästa"
            ),
        }
    table = pd.DataFrame(rows)
    return table.astype(str).rename_axis("Aktörer").reset_index()


def top_actors(roles: list[dict], top: int = 5) -> str:
    """'Huddinge kommun (4: 2 ansvarig, 2 medverkande); …' by distinct insatser (then first named)."""
    by_actor: dict[str, dict] = {}
    for r in roles:
        entry = by_actor.setdefault(
            r["actor_id"], {"name": r["actor"], "all": set(), "lead": set(), "participant": set()}
        )
        entry["all"].add(r["intervention_id"])
        entry[r["role"]].add(r["intervention_id"])
    ranked = sorted(by_actor.values(), key=lambda e: -len(e["all"]))[:top]
    return "; ".join(
        f"{e['name']} ({len(e['all'])}: {len(e['lead'])} ansvarig, {len(e['participant'])} medverkande)" for e in ranked
    )


def actor_matrix(roles: pd.DataFrame, cores: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """The actors of the chosen cores' core-specific insatser × cores: 'n ansvarig, m medverkande'."""
    own = roles[roles["scope"] == "core"]
    if own.empty:
        return pd.DataFrame(columns=["Aktör", *cores["name"]])
    totals = own.groupby(["actor_id", "actor"], sort=False)["intervention_id"].nunique().reset_index(name="n")
    totals = totals.sort_values("n", ascending=False, kind="stable").head(top)
    counts = own.groupby(["actor_id", "core_id", "role"])["intervention_id"].nunique().to_dict()
    rows = []
    for rec in totals.itertuples():
        row = {"Aktör": rec.actor}
        for core_id, name in zip(cores["id"], cores["name"]):
            lead = counts.get((rec.actor_id, core_id, "lead"), 0)
            participant = counts.get((rec.actor_id, core_id, "participant"), 0)
            row[name] = f"{lead} ansvarig, {participant} medverkande" if lead or participant else "–"
        rows.append(row)
    return pd.DataFrame(rows)


def _with_keys(values: pd.DataFrame) -> pd.DataFrame:
    """Add the sub-measure and a row key (indicator | value type | sub-measure) to every value."""
    out = values.copy()
    out["measure"] = out["note"].map(measure_of)
    out["key"] = out["indicator_id"] + "|" + out["value_type"] + "|" + out["measure"].fillna("")
    return out


def _latest(part: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Per group, the rows of its latest year; a group without any year keeps its undated rows."""
    newest = part.groupby(by, dropna=False)["year"].transform("max")
    return part[(part["year"] == newest) | newest.isna()]


def cell_text(rec: dict) -> str:
    """'cirka 25 000 (2026) · kärna'; quotes also name the area their source means."""
    place = rec.get("kommun_name") if rec["level"] == "kommun" else None
    return (
        f"{amount(rec['value'], rec.get('qualifier'), rec.get('value_text'), rec.get('unit'))} "
        f"({year_text(rec.get('year'), rec.get('period_text'))}) · "
        f"{level_label(rec['level'], place, rec.get('source_id'), rec.get('note'))}"
    )


def chosen_values(values: pd.DataFrame, cores: pd.DataFrame) -> pd.DataFrame:
    """Per core and indicator row: the core's own values where a source gives them, else its
    kärnkommuner's; the latest year of each place. Returns the chosen rows, long, in core order."""
    values = _with_keys(values[values["core_id"].isin(list(cores["id"]))])
    own = values["level"] == "core"
    has_own = set(zip(values.loc[own, "core_id"], values.loc[own, "key"]))
    no_own = pd.Series(
        [(c, k) not in has_own for c, k in zip(values["core_id"].tolist(), values["key"].tolist())],
        index=values.index,
        dtype=bool,
    )
    fallback = (values["level"] == "kommun") & no_own
    picked = _latest(values[own | fallback], ["core_id", "key", "geography"])
    order = {c: i for i, c in enumerate(cores["id"])}
    return (
        picked.assign(_core=picked["core_id"].map(order))
        .sort_values(["_core", "pos"], kind="stable")
        .drop(columns="_core")
        .reset_index(drop=True)
    )


def indicator_table(values: pd.DataFrame, cores: pd.DataFrame, chosen: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every indicator row that has a value for at least one chosen core; one column per core.
    chosen: chosen_values(values, cores), when the caller already has it."""
    chosen = (chosen_values(values, cores) if chosen is None else chosen).to_dict("records")
    keyed = _with_keys(values)
    sql_order = {k: i for i, k in enumerate(dict.fromkeys(keyed["key"]))}
    county: dict[str, list[dict]] = {}
    for rec in _latest(keyed[keyed["level"] == "county"], ["key"]).to_dict("records"):
        county.setdefault(rec["key"], []).append(rec)
    by_key: dict[str, list[dict]] = {}
    for rec in chosen:
        by_key.setdefault(rec["key"], []).append(rec)
    names = dict(zip(cores["id"], cores["name"]))
    rows = []
    for key in sorted(by_key, key=sql_order.get):
        part = by_key[key]
        first = part[0]
        quote = is_quote(first["indicator_source_id"])
        row = {
            "Indikator": row_label(first["indicator"], first["measure"], first["value_type"])
            + (" – kommunens egen uppgift" if quote else ""),
            "Enhet": first["unit"],
            "Målområde": "anges inte" if is_missing(first["goal_area_id"]) else str(int(first["goal_area_id"])),
        }
        for core_id, name in names.items():
            row[name] = "; ".join(cell_text(r) for r in part if r["core_id"] == core_id) or MISSING
        ref = county.get(key, [])
        row["Stockholms län (referens)"] = (
            "; ".join(
                f"{amount(r['value'], r['qualifier'], r['value_text'], r['unit'])} "
                f"({year_text(r['year'], r['period_text'])})"
                for r in ref
            )
            or MISSING
        )
        both = part + ref
        row["Slag"] = (
            QUOTE_KIND if quote else ", ".join(dict.fromkeys(r["source_kind"] for r in both if r["source_kind"]))
        )
        row["Källa"] = "; ".join(
            dict.fromkeys(source_label(r["source_title"], r["source_id"], r["source_section"]) for r in both)
        )
        rows.append(row)
    columns = ["Indikator", "Enhet", "Målområde", *names.values(), "Stockholms län (referens)", "Slag", "Källa"]
    table = pd.DataFrame(rows, columns=columns)
    return (
        table.assign(_q=table["Slag"] == QUOTE_KIND)
        .sort_values(["_q"], kind="stable")
        .drop(columns="_q")
        .reset_index(drop=True)
    )


def quote_table(values: pd.DataFrame, cores: pd.DataFrame, chosen: pd.DataFrame | None = None) -> pd.DataFrame:
    """The municipalities' own quoted figures, one row per value (they are not comparable between
    cores, so not laid out side by side); a core without any says so."""
    chosen = chosen_values(values, cores) if chosen is None else chosen
    chosen = chosen[chosen["indicator_source_id"].map(is_quote)]
    rows = []
    for core_id, name in zip(cores["id"], cores["name"]):
        mine = chosen[chosen["core_id"] == core_id].to_dict("records")
        for r in mine:
            rows.append(
                {
                    "Kärna": name,
                    "Uppgift": r["indicator"],
                    "Värde": f"{amount(r['value'], r['qualifier'], r['value_text'], r['unit'])} {r['unit']}"
                    if not is_missing(r["value"])
                    else amount(r["value"], None, r["value_text"]),
                    "År": year_text(r["year"], r["period_text"]),
                    "Typ": r["value_type"],
                    "Område som avses": area_of(r["note"]) or "anges inte",
                    "Källa": (note_rest(r["note"]) if r["source_id"] == "kommunala-uppgifter" else None)
                    or source_label(r["source_title"], r["source_id"], r["source_section"]),
                }
            )
        if not mine:
            rows.append(
                {
                    "Kärna": name,
                    "Uppgift": MISSING,
                    "Värde": MISSING,
                    "År": "",
                    "Typ": "",
                    "Område som avses": "",
                    "Källa": "inga egna uppgifter från kommunen i källorna",
                }
            )
    return pd.DataFrame(rows, columns=["Kärna", "Uppgift", "Värde", "År", "Typ", "Område som avses", "Källa"])


def indicator_long(values: pd.DataFrame, cores: pd.DataFrame, chosen: pd.DataFrame | None = None) -> pd.DataFrame:
    """The chosen values as a long table with numbers, for Excel and for checking."""
    chosen = chosen_values(values, cores) if chosen is None else chosen
    names = dict(zip(cores["id"], cores["name"]))
    return pd.DataFrame(
        {
            "Kärna": chosen["core_id"].map(names),
            "Indikator": [
                row_label(n, m, t) for n, m, t in zip(chosen["indicator"], chosen["measure"], chosen["value_type"])
            ],
            "Indikator-id": chosen["indicator_id"],
            "Slag": [
                QUOTE_KIND if is_quote(i) else k for i, k in zip(chosen["indicator_source_id"], chosen["source_kind"])
            ],
            "Nivå": [
                level_label(r["level"], r.get("kommun_name"), r["source_id"], r["note"])
                for r in chosen.to_dict("records")
            ],
            "Geografi": chosen["geography"],
            "År": chosen["year"],
            "Period enligt källan": chosen["period_text"],
            "Värde": chosen["value"],
            "Kvalifikator": chosen["qualifier"],
            "Enhet": chosen["unit"],
            "Typ": chosen["value_type"],
            "Källans ordalydelse": chosen["value_text"],
            "Källa": [
                source_label(t, s, sec)
                for t, s, sec in zip(chosen["source_title"], chosen["source_id"], chosen["source_section"])
            ],
            "Anmärkning": chosen["note"],
        }
    )


def workbook_bytes(sheets: dict[str, pd.DataFrame], title: str, selection: str, sources: str) -> bytes:
    """An .xlsx with one sheet per table and a sheet 'Om' (title, selection, date, sources)."""
    return export_files.workbook_bytes(
        sheets,
        [
            ("Titel", title),
            ("Urval", selection),
            ("Uttaget", date.today().isoformat()),
            ("Källor", sources),
            ("Blad", ", ".join(sheets)),
            (
                "Anmärkning",
                f"«{MISSING}» betyder att ingen källa anger värdet; det är inte noll. Kommunernas egna "
                "uppgifter avser de områden kommunerna själva avgränsar och är inte jämförbara mellan kärnor.",
            ),
        ],
        freeze="B2",
    )


def chosen_coverage(overview: pd.DataFrame, cores: list[str]) -> pd.DataFrame:
    """The cores_overview rows of the chosen cores, in the order they were chosen."""
    return overview.set_index("id").loc[[c for c in cores if c in set(overview["id"])]].reset_index()


def kommun_codes(coverage: pd.DataFrame) -> list[str]:
    """The chosen cores' kärnkommuner (codes), each once, in the cores' order."""
    codes = [c for value in coverage.get("municipality_codes", []) for c in str(value).split("|") if c]
    return list(dict.fromkeys(codes))
