"""Regional översikt: the eight cores at once, as Region Stockholm brings them to the regional forum.
Pure functions on DataFrames and dataclasses; no Streamlit and no SQL here (the stores' methods and the
named queries, through `run`, are the only ways to the data).

Everything shown is what people entered in the user store: dialogues, decided priorities, participating
actors and resources. Nothing is estimated: what nobody entered is empty or «uppgift saknas», never zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pandas as pd

from components.common.format import MISSING, swedish_decimal
from components.common.insats_lookup import interventions_by_ids
from components.dialog.change_log_text import local_time, swedish_date

NONE = "–"
CORE = "Kärna"
GOAL = "Målområde"
GONE = "Insatsen finns inte längre i källorna"
GONE_ACTOR = "Aktör som inte längre finns i källorna"
USER_ORG = " (tillagd av användare)"
ACTOR_COLUMNS = ["Aktör", "Driver (prioriteringar)", "Medverkar i (prioriteringar)", "Kärnor"]
RESOURCE_COLUMNS = ["Finansiär", "Budgetår", "Beslutade resurser", "Föreslagna resurser", "Kärnor"]
NO_RESOURCES = (
    "Inga resurser är angivna för de beslutade prioriteringarna. Resurser förs in per prioritering "
    "på sidan Uppföljning."
)
STATE_COLUMN = {"beslutad": "Beslutade resurser", "föreslagen": "Föreslagna resurser"}


@dataclass
class Resources:
    shown: pd.DataFrame  # Swedish kronor strings, "" where nothing of that state was entered
    raw: pd.DataFrame  # the same with the Decimal sums (None where nothing), for Excel
    note: str | None = None  # said instead of a table when nobody entered a resource


@dataclass
class Overview:
    matrix: pd.DataFrame
    by_goal_area: pd.DataFrame
    shown_periods: dict[str, str]  # core name → the decided period shown in the goal-area table
    without_decision: list[str]  # core names without a decided dialogue
    actors: pd.DataFrame
    resources: Resources
    has_dialogues: bool
    taken: date = field(default_factory=date.today)


def kronor(amount) -> str:
    return f"{swedish_decimal(amount, 0, 2)} kr"


def _live(dialogues: pd.DataFrame) -> pd.DataFrame:
    return dialogues[dialogues["archived_at"].isna()] if len(dialogues) else dialogues


def _pick(group: pd.DataFrame) -> pd.Series:
    """Of several dialogues in one period: the decided one (the latest decided), else the newest."""
    decided = group[group["status"] == "beslutad"]
    if len(decided):
        return decided.sort_values("decided_at").iloc[-1]
    return group.sort_values("updated_at").iloc[-1]


def _cell(row: pd.Series) -> str:
    if row["status"] == "beslutad":
        when = row["decided_at"]
        return (
            "beslutad " + swedish_date(local_time(pd.Timestamp(when).to_pydatetime())) if pd.notna(when) else "beslutad"
        )
    return "utkast"


def dialogue_matrix(dialogues: pd.DataFrame, cores: pd.DataFrame) -> pd.DataFrame:
    """One row per core (its name, in the cores' order), one column per period (oldest first); a cell says
    'beslutad 12 mars 2026', 'utkast' or '–'. Archived dialogues are left out."""
    live = _live(dialogues)
    periods = sorted(live["period"].unique()) if len(live) else []
    rows = []
    for core_id, name in zip(cores["id"], cores["name"]):
        mine = live[live["core_id"] == core_id] if len(live) else live
        cells = {period: _cell(_pick(group)) for period, group in mine.groupby("period")} if len(mine) else {}
        rows.append({CORE: name, **{p: cells.get(p, NONE) for p in periods}})
    return pd.DataFrame(rows, columns=[CORE, *periods])


def latest_decided(dialogues: pd.DataFrame) -> dict[str, str]:
    """core id → id of its latest decided dialogue (the latest period, then the latest decision)."""
    live = _live(dialogues)
    decided = live[live["status"] == "beslutad"] if len(live) else live
    if not len(decided):
        return {}
    decided = decided.sort_values(["period", "decided_at"])
    return dict(zip(decided["core_id"], decided["id"]))  # the last per core wins


def _goal_label(row: dict) -> str:
    if row.get("goal_area_id") is None or pd.isna(row.get("goal_area_id")):
        return f"{GOAL}: {MISSING}"
    return f"{int(row['goal_area_id'])}. {row['goal_area']}"


def decided_side_by_side(rows: list[dict], goal_areas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Goal areas as rows, cores as columns (in the rows' order); a cell lists that core's decided priorities
    in the goal area, '1.3 Title (status)' one a line. No priority there: ''. With goal_areas (id, short_name)
    every goal area has a row."""
    cores = list(dict.fromkeys(r["core"] for r in rows))
    labels = {}
    if goal_areas is not None:
        labels = {
            int(g["id"]): _goal_label({"goal_area_id": g["id"], "goal_area": g["short_name"]})
            for g in goal_areas.to_dict("records")
        }
    cells: dict[tuple[str, str], list[str]] = {}
    order: dict[str, float] = {label: gid for gid, label in labels.items()}
    for r in rows:
        label = _goal_label(r)
        order.setdefault(label, float("inf"))
        text = f"{r['code']} {r['title']}" if r.get("code") else (r.get("title") or GONE)
        cells.setdefault((label, r["core"]), []).append(f"{text} ({r['status_now']})")
    out = [
        {GOAL: label, **{c: "\n".join(cells.get((label, c), [])) for c in cores}}
        for label in sorted(order, key=lambda x: (order[x], x))
    ]
    return pd.DataFrame(out, columns=[GOAL, *cores])


def actor_load(rows: list[dict]) -> pd.DataFrame:
    """Per actor: how many decided priorities it drives ('driver') and takes part in ('actors', a list of
    names), and in which cores (in the rows' order). Most involved first."""
    load: dict[str, dict] = {}
    for r in rows:
        involved = ([(r["driver"], "drives")] if r.get("driver") else []) + [
            (a, "takes_part") for a in dict.fromkeys(r.get("actors") or [])
        ]
        for name, how in involved:
            entry = load.setdefault(name, {"drives": 0, "takes_part": 0, "cores": []})
            entry[how] += 1
            if r["core"] not in entry["cores"]:
                entry["cores"].append(r["core"])
    out = [
        {
            ACTOR_COLUMNS[0]: name,
            ACTOR_COLUMNS[1]: e["drives"],
            ACTOR_COLUMNS[2]: e["takes_part"],
            ACTOR_COLUMNS[3]: ", ".join(e["cores"]),
        }
        for name, e in sorted(load.items(), key=lambda kv: (-kv[1]["drives"] - kv[1]["takes_part"], kv[0]))
    ]
    return pd.DataFrame(out, columns=ACTOR_COLUMNS)


def resources_by_funder(rows: list[dict]) -> Resources:
    """Sums per funder and budget year, decided and proposed apart (never added together). rows: dicts with
    funder, budget_year, state, amount_sek (Decimal) and core. No resource: empty tables and a note."""
    if not rows:
        empty = pd.DataFrame(columns=RESOURCE_COLUMNS)
        return Resources(empty, empty.copy(), NO_RESOURCES)
    sums: dict[tuple[str, int], dict] = {}
    for r in rows:
        entry = sums.setdefault(
            (r["funder"], int(r["budget_year"])), {"beslutad": None, "föreslagen": None, "cores": []}
        )
        amount = Decimal(r["amount_sek"])
        entry[r["state"]] = amount if entry[r["state"]] is None else entry[r["state"]] + amount
        if r["core"] not in entry["cores"]:
            entry["cores"].append(r["core"])
    raw, shown = [], []
    for (funder, year), e in sorted(sums.items(), key=lambda kv: (kv[0][0].casefold(), kv[0][1])):
        raw.append(
            {
                "Finansiär": funder,
                "Budgetår": year,
                "Beslutade resurser": e["beslutad"],
                "Föreslagna resurser": e["föreslagen"],
                "Kärnor": ", ".join(e["cores"]),
            }
        )
        shown.append(
            {
                **raw[-1],
                "Budgetår": str(year),
                **{STATE_COLUMN[s]: kronor(e[s]) if e[s] is not None else "" for s in STATE_COLUMN},
            }
        )
    return Resources(pd.DataFrame(shown, columns=RESOURCE_COLUMNS), pd.DataFrame(raw, columns=RESOURCE_COLUMNS))


def collect_overview(store, fstore, run: Callable[..., pd.DataFrame]) -> Overview:
    """Everything the page shows: dialogues from the user store, plans from the follow-up store, names of
    cores, goal areas, insatser and actors from the reference store through the named queries."""
    cores = run("cores_overview")[["id", "name"]]
    names = dict(zip(cores["id"], cores["name"]))
    with store.reading():  # the user store's reads on one connection
        dialogues = store.list_dialogues()
        latest = latest_decided(dialogues)
        decided = [store.load(latest[c]) for c in cores["id"] if c in latest]
        plans = fstore.plans([p.id for d in decided for p in d.priorities])
    ids = sorted({p.intervention_id for d in decided for p in d.priorities})
    ref = interventions_by_ids(ids, run).set_index("id") if ids else pd.DataFrame()
    options = run("filter_options")
    options = options[options["kind"] == "actor"]
    actors = dict(zip(options["value"], options["label"]))
    rows, money = [], []
    for d in decided:
        for p in sorted(d.priorities, key=lambda x: x.rank):
            known = p.intervention_id in ref.index
            r = ref.loc[p.intervention_id] if known else None
            plan = plans[p.id]
            rows.append(
                {
                    "core": names[d.core_id],
                    "code": r["code"] if known else None,
                    "title": (f"{r['title']} (förslag till ny insats)" if r["plan_type"] == "forslag" else r["title"])
                    if known
                    else GONE,
                    "goal_area_id": r["goal_area_id"] if known else None,
                    "goal_area": r["goal_area"] if known else None,
                    "status_now": plan.status(p.status),
                    "driver": actors.get(p.owner_actor_id, GONE_ACTOR) if p.owner_actor_id else None,
                    "actors": [actors.get(a, GONE_ACTOR) for a in plan.actor_ids]
                    + [o + USER_ORG for o in plan.organisations],
                }
            )
            money += [
                {
                    "core": names[d.core_id],
                    "funder": x.funder,
                    "budget_year": x.budget_year,
                    "state": x.state,
                    "amount_sek": x.amount_sek,
                }
                for x in plan.resources
            ]
    by_goal = decided_side_by_side(rows, run("goal_areas")) if rows else pd.DataFrame(columns=[GOAL])
    return Overview(
        matrix=dialogue_matrix(dialogues, cores),
        by_goal_area=by_goal,
        shown_periods={names[d.core_id]: d.period for d in decided},
        without_decision=[n for c, n in names.items() if c not in latest],
        actors=actor_load(rows),
        resources=resources_by_funder(money),
        has_dialogues=bool(len(_live(dialogues))),
    )


def workbook_sheets(o: Overview) -> tuple[dict[str, pd.DataFrame], list[tuple[str, object]]]:
    """The Excel file's sheets (one per part, sums as numbers) and its 'Om' rows."""
    sheets = {
        "Dialoger per period": o.matrix,
        "Prioriteringar per målområde": o.by_goal_area,
        "Vem driver vad, var": o.actors,
        "Resurser per finansiär": o.resources.raw,
    }
    about = [
        ("Titel", "Regional översikt: de regionala stadskärnornas färdplaner"),
        ("Uttaget", o.taken.isoformat()),
        (
            "Innehåll",
            "Uppgifter som användare har fört in i Färdplansdialogen: dialogerna, de beslutade "
            "prioriteringarna, medverkande aktörer och resurser. Insatsernas, kärnornas och "
            "aktörernas namn kommer från färdplanerna (se sidan Källor).",
        ),
        (
            "Urval",
            "Den senast beslutade dialogen per kärna; arkiverade dialoger ingår inte. Status är "
            "prioriteringens status nu, efter uppföljningen.",
        ),
        (
            "Resurser",
            "Belopp i kronor så som de förts in. Beslutade och föreslagna resurser summeras var "
            "för sig och läggs aldrig ihop. Tom cell: inget angivet (inte noll)."
            + (" " + o.resources.note if o.resources.note else ""),
        ),
    ]
    return sheets, about
