"""The briefing of one dialogue as plain data: what the Word, PDF and Excel exports show. No Streamlit.

`collect(run, dialogue, previous)` reads the reference store through `run` (a callable like
`ReferenceStore(path).run`, so this works outside Streamlit and in tests) and returns a `Briefing`
whose texts are final Swedish strings: the exporters only lay them out. Nothing is dropped: a priority
whose insats is no longer in the reference store stays on the list, marked NOT_IN_SOURCES; a missing
number is MISSING ("uppgift saknas"), never zero.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from babel.dates import format_date

from components.common.format import MISSING, ROADMAP_STATUS, SCOPE, is_missing, number
from components.karnprofil.profile_data import description_blocks, figure_value, text_or_none
from queries.proposal_store import ProposalStore
from queries.user_store import Dialogue, Participant, Priority

NOT_IN_SOURCES = "Insatsen finns inte längre i källorna"
PROPOSAL = "Förslag till ny insats, inte ur färdplanen"
NO_ROADMAP = "Färdplanen för kärnan är inte inläst ännu."
NO_DIRECTION = "Ingen färdriktning för målområdet i de inlästa källorna."
NOT_GIVEN = "ej angiven"
NOT_GIVEN_STEP = "ej angivet"
APP_NAME = "Färdplansdialogen"
DIALOGUE_STATUS = {"utkast": "Utkast", "beslutad": "Beslutad"}
SIDE = {"region": "Region", "kommun": "Kommun"}
# Page and shortlist table (cm, A4 portrait, 17.4 cm text width): Nr, Insats, Målområde, Formulering och
# motivering, Driver, Nästa steg, Status; wide enough that goal-area and status words and the usual long
# Swedish compounds ("förvaltningarna", "kompetensförsörjning") never break inside a word.
PAGE_MARGIN_CM = 1.8
SHORTLIST_WIDTHS_CM = [0.65, 3.5, 2.5, 3.75, 2.35, 2.9, 1.75]
VALUE_TYPE = {"utfall": "utfall", "mål": "mål", "plan": "plan", "prognos": "prognos"}

# XML 1.0 forbids most control characters; Word and PDF writers choke on them. Tab and newline stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(value) -> str:
    """User or source text as a plain string fit for a document: no control characters, '' if missing."""
    if value is None or is_missing(value):
        return ""
    return _CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()


def swedish_date(value: date | None) -> str:
    """12 mars 2026; missing → 'ej bestämt'."""
    if value is None or is_missing(value):
        return "ej bestämt"
    return format_date(value, "d MMMM y", locale="sv_SE")


@dataclass
class GoalArea:
    id: int
    name: str
    short_name: str


@dataclass
class Direction:
    goal_area_id: int
    goal_area: str
    heading: str
    text: str
    source: str


@dataclass
class Figure:
    """One figure a source states for the core, as the source gives it (never recomputed)."""

    indicator: str
    value: str  # Swedish text with the source's qualifier, e.g. "cirka 25 000"; MISSING if none
    unit: str
    year: str  # "2026", or MISSING
    period: str  # the source's own period words, e.g. "idag (färdplan publicerad 2026)"
    value_type: str  # utfall / mål / plan / prognos
    source: str
    note: str
    number: float | None = None
    year_number: int | None = None


@dataclass
class PopulationRow:
    name: str  # "Södertälje kommun" or "Stockholms län (jämförelse)"
    value: str  # Swedish integer or MISSING
    year: str
    source: str
    is_county: bool = False


@dataclass
class ShortlistItem:
    rank: int
    intervention_id: str
    in_sources: bool
    code: str
    title: str
    goal_area_id: int | None
    goal_area: str
    scope: str
    roadmap_lead: str
    source: str
    variant: str  # the core's roadmap's own wording, where it differs ('' otherwise)
    wording: str
    owner: str
    owner_actor_id: str | None
    next_step: str
    status: str
    previous_status: str | None = None
    previous_wording: str | None = None
    proposal: bool = False  # entered in the app as a proposal for a new insats (user data, not a source)

    @property
    def heading(self) -> str:
        """'1.1 Stärk …', or the bare id when the insats is gone from the sources."""
        if not self.in_sources:
            return self.intervention_id
        return f"{self.code} {self.title}" if self.code else self.title


@dataclass
class SourceRef:
    id: str
    title: str
    publisher: str
    year: str
    status: str
    used_for: list[str] = field(default_factory=list)


@dataclass
class Briefing:
    dialogue_id: str
    core_id: str
    core_name: str
    period: str
    meeting_date: date | None
    status: str
    version: int
    decided_at: datetime | None
    exported_on: date
    notes: str
    municipalities: str
    municipalities_basis: str
    has_roadmap: bool
    roadmap_status: str
    roadmap_source: str
    description: list[tuple[str, str]]
    description_source: str
    goal_areas: list[GoalArea]
    directions: list[Direction]
    figures: list[Figure]
    population: list[PopulationRow]
    population_series: pd.DataFrame  # name, pos, year, value: kärnkommuner, years the source has
    population_source: str
    participants: list[Participant]
    shortlist: list[ShortlistItem]
    sources: list[SourceRef]
    previous_period: str | None = None
    confirmations: list[str] = field(default_factory=list)  # per side: who confirmed the decision, when
    chart_cache: dict = field(default_factory=dict, repr=False, compare=False)  # briefing_charts.charts

    # -- texts the exporters share -----------------------------------------------------------
    @property
    def title(self) -> str:
        return f"Underlag: politiskt samtal om färdplanen för {self.core_name}"

    @property
    def status_text(self) -> str:
        label = DIALOGUE_STATUS.get(self.status, self.status)
        if self.status == "beslutad" and self.decided_at is not None:
            return f"{label} {self.decided_at:%Y-%m-%d}"
        return f"{label} (inte beslutad)" if self.status == "utkast" else label

    @property
    def exported_text(self) -> str:
        return f"Uttaget {self.exported_on.isoformat()} ur {APP_NAME}"

    @property
    def meta(self) -> list[tuple[str, str]]:
        """The facts under the title: label, value."""
        rows = [
            ("Regional stadskärna", self.core_name),
            ("Kärnkommuner", self.municipalities),
            ("Period", self.period),
            ("Mötesdatum", swedish_date(self.meeting_date)),
            ("Status", f"{self.status_text}, version {self.version}"),
            ("Färdplan", self.roadmap_status),
        ]
        if self.previous_period:
            rows.append(("Föregående period", self.previous_period))
        if self.confirmations:
            rows.append(("Beslutet bekräftat", "; ".join(self.confirmations)))
        rows.append(("Uttaget", f"{self.exported_on.isoformat()} ur {APP_NAME}"))
        return rows

    @property
    def file_stem(self) -> str:
        """underlag-sodertalje-2026-2027: an ASCII file name for downloads."""
        text = unicodedata.normalize("NFKD", f"underlag {self.core_id} {self.period}")
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")

    def goal_area_counts(self) -> list[tuple[GoalArea, int]]:
        """How many priorities per goal area (all four, zeros included)."""
        counts = Counter(p.goal_area_id for p in self.shortlist if p.goal_area_id is not None)
        return [(g, counts.get(g.id, 0)) for g in self.goal_areas]

    def owner_counts(self) -> list[tuple[str, int]]:
        """Who drives how many priorities, most first; priorities without a driver as NOT_GIVEN."""
        counts = Counter(p.owner for p in self.shortlist)
        return sorted(counts.items(), key=lambda kv: (kv[0] == NOT_GIVEN, -kv[1], kv[0]))

    def summary(self) -> str:
        """One paragraph: how many priorities, their balance and who drives them."""
        n = len(self.shortlist)
        if n == 0:
            return "Prioriteringslistan är tom."
        balance = ", ".join(f"{g.short_name} ({c})" for g, c in self.goal_area_counts())
        owners = ", ".join(f"{o} ({c})" for o, c in self.owner_counts())
        gone = sum(not p.in_sources for p in self.shortlist)
        text = (
            f"Prioriteringslistan har {n} {'insats' if n == 1 else 'insatser'}. Per målområde: {balance}. "
            f"Driver: {owners}."
        )
        if gone:
            text += (
                f" {'En' if gone == 1 else gone} av {'dem' if n > 1 else 'den'} finns inte längre i "
                f"källorna men står kvar med sitt id, så att inget beslut tappas bort."
            )
        return text


def _records(df: pd.DataFrame) -> list[dict]:
    return [] if df is None or df.empty else df.to_dict("records")


def _int(value) -> int | None:
    return None if value is None or is_missing(value) else int(value)


def _source_line(title, section=None) -> str:
    title, section = text_or_none(title), text_or_none(section)
    if not title:
        return ""
    return f"{title}, {section}" if section else title


class _SourceLog:
    """The source ids cited in the briefing, with what each was used for, in first-cited order."""

    def __init__(self):
        self.used: dict[str, list[str]] = {}

    def add(self, source_id, what: str) -> None:
        source_id = text_or_none(source_id)
        if source_id:
            uses = self.used.setdefault(source_id, [])
            if what not in uses:
                uses.append(what)


def collect(
    run: Callable[..., pd.DataFrame],
    dialogue: Dialogue,
    previous: dict[str, Priority] | None = None,
    *,
    previous_period: str | None = None,
    today: date | None = None,
    confirmations: list[str] | None = None,
) -> Briefing:
    """Everything the briefing of `dialogue` shows, read through `run(name, **params)`.

    `previous` maps a priority id of the previous period to its Priority (UserStore.previous_priorities);
    carried-over priorities then show last period's status. `previous_period` names that period
    ("2024–2025") in the texts, `today` the export date (default: today).
    """
    previous = previous or {}
    log = _SourceLog()
    core_rows = _records(run("briefing_core", core=dialogue.core_id))
    core = core_rows[0] if core_rows else {"id": dialogue.core_id, "name": dialogue.core_id, "roadmap_status": "ingen"}
    has_roadmap = core.get("roadmap_status") not in (None, "ingen")
    log.add(core.get("roadmap_source_id"), "färdplan")
    log.add(core.get("description_source_id"), "kärnans beskrivning")

    goal_areas = [GoalArea(int(g["id"]), g["name"], g["short_name"]) for g in _records(run("briefing_goal_areas"))]

    directions = []
    for d in _records(run("briefing_directions", core=dialogue.core_id)):
        log.add(d["source_id"], "färdriktningar")
        directions.append(
            Direction(
                int(d["goal_area_id"]),
                clean_text(d["goal_area"]),
                clean_text(d["heading"]) or "Färdriktning",
                clean_text(d["text"]),
                _source_line(d["source_title"], d["source_section"]),
            )
        )

    figures = []
    for f in _records(run("briefing_figures", core=dialogue.core_id)):
        log.add(f["source_id"], "lägesbild")
        figures.append(
            Figure(
                indicator=clean_text(f["indicator"]),
                value=figure_value(f["value"], f["qualifier"]),
                unit=clean_text(f["unit"]),
                year=MISSING if is_missing(f["year"]) else str(int(f["year"])),
                period=clean_text(f["period_text"]),
                value_type=VALUE_TYPE.get(f["value_type"], f["value_type"]),
                source=_source_line(f["source_title"], f["source_section"]),
                note=clean_text(f["note"]),
                number=None if is_missing(f["value"]) else float(f["value"]),
                year_number=_int(f["year"]),
            )
        )

    population = []
    for p in _records(run("profile_population", core=dialogue.core_id)):
        county = p["geography_type"] == "county"
        log.add(p["source_id"], "befolkning")
        population.append(
            PopulationRow(
                name=f"{p['name']} (jämförelse)" if county else f"{p['name']} kommun",
                value=number(p["value"], 0),
                year=MISSING if is_missing(p["year"]) else str(int(p["year"])),
                source=clean_text(p["source_title"]) or MISSING,
                is_county=county,
            )
        )
    series = run("briefing_population_series", core=dialogue.core_id)
    for sid in dict.fromkeys(series["source_id"]) if not series.empty else []:
        log.add(sid, "befolkning")
    population_source = "; ".join(dict.fromkeys(series["source_title"])) if not series.empty else ""

    ids = [p.intervention_id for p in dialogue.priorities]
    details = {r["id"]: r for r in _records(run("briefing_interventions", core=dialogue.core_id, ids=ids))}
    proposals = {r["id"]: r for r in _records(ProposalStore().by_ids(ids))}
    goal_names = {int(g["id"]): clean_text(g["short_name"]) for g in _records(run("goal_areas"))} if proposals else {}
    owner_ids = sorted({p.owner_actor_id for p in dialogue.priorities if p.owner_actor_id})
    actors = {a["id"]: a["name"] for a in _records(run("briefing_actors", ids=owner_ids))}

    shortlist = []
    for rank, p in enumerate(sorted(dialogue.priorities, key=lambda x: x.rank), start=1):
        info = details.get(p.intervention_id)
        if p.owner_actor_id:
            owner = actors.get(p.owner_actor_id) or f"{p.owner_actor_id} (aktören finns inte längre i källorna)"
        else:
            owner = NOT_GIVEN
        before = previous.get(p.carried_from_priority_id) if p.carried_from_priority_id else None
        common = dict(
            rank=rank,
            intervention_id=p.intervention_id,
            wording=clean_text(p.wording),
            owner=owner,
            owner_actor_id=p.owner_actor_id,
            next_step=clean_text(p.next_step),
            status=p.status,
            previous_status=before.status if before else None,
            previous_wording=clean_text(before.wording) if before else None,
        )
        if p.intervention_id in proposals:
            info = proposals[p.intervention_id]
            shortlist.append(
                ShortlistItem(
                    in_sources=True,
                    proposal=True,
                    code="",
                    title=clean_text(info["title"]),
                    goal_area_id=_int(info["goal_area_id"]),
                    goal_area=goal_names.get(_int(info["goal_area_id"]), MISSING),
                    scope="",
                    roadmap_lead="",
                    source=clean_text(info["source_title"]),
                    variant="",
                    **common,
                )
            )
            continue
        if info is None:
            shortlist.append(
                ShortlistItem(
                    in_sources=False,
                    code="",
                    title=NOT_IN_SOURCES,
                    goal_area_id=None,
                    goal_area=MISSING,
                    scope="",
                    roadmap_lead="",
                    source="",
                    variant="",
                    **common,
                )
            )
            continue
        log.add(info["source_id"], "insatser")
        variant = clean_text(info.get("variant_title"))
        if variant:
            log.add(info["variant_source_id"], "insatsernas lydelse i kärnans färdplan")
        shortlist.append(
            ShortlistItem(
                in_sources=True,
                code=clean_text(info["code"]),
                title=clean_text(info["title"]),
                goal_area_id=_int(info["goal_area_id"]),
                goal_area=clean_text(info["goal_area"]) or MISSING,
                scope=SCOPE.get(info["scope"], clean_text(info["scope"])),
                roadmap_lead=clean_text(info["lead"]),
                source=_source_line(info["source_title"], info["source_section"]),
                variant=variant if variant and variant != clean_text(info["title"]) else "",
                **common,
            )
        )

    sources = []
    if log.used:
        for s in _records(run("briefing_sources", ids=list(log.used))):
            sources.append(
                SourceRef(
                    s["id"],
                    clean_text(s["title"]),
                    clean_text(s["publisher"]),
                    "" if is_missing(s["year"]) else str(int(s["year"])),
                    clean_text(s["status"]),
                    log.used.get(s["id"], []),
                )
            )

    roadmap_year = core.get("roadmap_year")
    status_label = ROADMAP_STATUS.get(core.get("roadmap_status"), clean_text(core.get("roadmap_status")))
    if has_roadmap and not is_missing(roadmap_year) and roadmap_year is not None:
        status_label = f"{status_label} {int(roadmap_year)}"
    roadmap_source = _source_line(core.get("roadmap_title")) if has_roadmap else NO_ROADMAP

    description_source = ""
    if text_or_none(core.get("description_source_title")):
        description_source = clean_text(core["description_source_title"])

    return Briefing(
        dialogue_id=dialogue.id,
        core_id=dialogue.core_id,
        core_name=clean_text(core.get("name")),
        period=clean_text(dialogue.period),
        meeting_date=dialogue.meeting_date,
        status=dialogue.status,
        version=dialogue.version,
        decided_at=dialogue.decided_at,
        exported_on=today or date.today(),
        notes=clean_text(dialogue.notes),
        municipalities=", ".join(m for m in clean_text(core.get("municipalities")).split("|") if m) or MISSING,
        municipalities_basis=clean_text(core.get("municipalities_basis")),
        has_roadmap=has_roadmap,
        roadmap_status=status_label,
        roadmap_source=roadmap_source,
        description=[(kind, clean_text(text)) for kind, text in description_blocks(core.get("description"))],
        description_source=description_source,
        goal_areas=goal_areas,
        directions=directions,
        figures=figures,
        population=population,
        population_series=series[["name", "pos", "year", "value"]]
        if not series.empty
        else pd.DataFrame(columns=["name", "pos", "year", "value"]),
        population_source=population_source,
        participants=[
            Participant(clean_text(p.name), clean_text(p.organisation), p.side) for p in dialogue.participants
        ],
        shortlist=shortlist,
        sources=sources,
        previous_period=clean_text(previous_period) or None,
        confirmations=[clean_text(c) for c in confirmations or []],
    )


def previous_status_text(item: ShortlistItem, briefing: Briefing) -> str:
    """'Förra perioden: prioriterad' for a priority carried over from the previous period, else ''.
    (Which period that was stands in the briefing's facts, Briefing.previous_period.)"""
    if item.previous_status is None:
        return ""
    return f"Förra perioden: {item.previous_status}"


def side_text(side: str) -> str:
    return SIDE.get(side, side)
