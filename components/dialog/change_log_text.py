"""The change log in Swedish: one line per event, insatser by code and title, times in Swedish time.
No Streamlit here; the names of insatser and actors are passed in."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pandas as pd

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONTHS = [
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
]
FIELD_LABEL = {"wording": "formuleringen", "owner_actor_id": "driver", "next_step": "nästa steg", "status": "status"}
SIDE = {"region": "region", "kommun": "kommun"}
SIDE_NAME = {"region": "regionen", "kommun": "kommunen"}
QUOTE_MAX = 160


def local_time(utc: datetime) -> datetime:
    """A stored time (UTC without zone) in Swedish time."""
    return utc.replace(tzinfo=UTC).astimezone(STOCKHOLM)


def when(utc) -> str:
    """'3 december 2026 kl. 08.25' in Swedish time."""
    t = local_time(pd.Timestamp(utc).to_pydatetime())
    return f"{t.day} {MONTHS[t.month - 1]} {t.year} kl. {t:%H.%M}"


def swedish_date(value) -> str:
    if value in (None, ""):
        return "inget datum"
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def quote(text) -> str:
    if not text:
        return "(tom)"
    text = " ".join(str(text).split())
    return f"«{text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + '…'}»"


class Names:
    """Display names for insatser ('1.5 Samverka för …') and actors, by id."""

    def __init__(self, interventions: dict[str, str], actors: dict[str, str], codes: dict[str, str] | None = None):
        self.interventions, self.actors, self.codes = interventions, actors, codes or {}

    def short(self, iid: str | None) -> str:
        return self.codes.get(iid) or self.insats(iid)

    def insats(self, iid: str | None) -> str:
        return self.interventions.get(iid) or "en insats som inte längre finns i källorna"

    def actor(self, aid: str | None) -> str:
        if not aid:
            return "ingen"
        return self.actors.get(aid) or "en aktör som inte längre finns i källorna"


def _load(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def _people(people) -> dict[str, dict]:
    return {p["name"]: p for p in people or []}


def _person(p: dict) -> str:
    extra = ", ".join(x for x in (p.get("organisation"), SIDE.get(p.get("side"), "")) if x)
    return f"{p['name']} ({extra})" if extra else p["name"]


def _participants_line(before, after) -> str:
    old, new = _people(before), _people(after)
    parts = []
    if added := [_person(new[n]) for n in new if n not in old]:
        parts.append("lade till " + ", ".join(added))
    if removed := [_person(old[n]) for n in old if n not in new]:
        parts.append("tog bort " + ", ".join(removed))
    if changed := [f"{_person(old[n])} → {_person(new[n])}" for n in new if n in old and old[n] != new[n]]:
        parts.append("ändrade " + ", ".join(changed))
    if not parts:
        parts.append("ändrade ordningen")
    return "Ändrade deltagarna: " + "; ".join(parts)


def _field_value(field: str, value, names: Names) -> str:
    if field == "owner_actor_id":
        return names.actor(value)
    if field == "status":
        return value or "(tom)"
    return quote(value)


def line(row: dict, names: Names) -> str:
    """One Swedish sentence for a change-log row (action, subject, field, before, after, what)."""
    action, subject, field = row.get("action"), row.get("subject"), row.get("field")
    before, after = _load(row.get("before")), _load(row.get("after"))
    if action == "created":
        base = f"Skapade dialogen för {after.get('period')}"
        if after.get("from_period"):
            base += f" utifrån den beslutade dialogen för {after['from_period']}"
        return base + (f" (skäl till en andra dialog: {quote(after['reason'])})" if after.get("reason") else "")
    if action == "period":
        return f"Ändrade perioden: {before or '(tom)'} → {after or '(tom)'}"
    if action == "meeting_date":
        return f"Ändrade mötesdatumet: {swedish_date(before)} → {swedish_date(after)}"
    if action == "meeting_place":
        return f"Ändrade mötesplatsen: {quote(before)} → {quote(after)}"
    if action == "notes":
        return f"Ändrade anteckningen: {quote(before)} → {quote(after)}"
    if action == "participants":
        return _participants_line(before, after)
    if action == "added":
        return f"Lade till {names.insats(subject)}"
    if action == "removed":
        return f"Tog bort {names.insats(subject)}"
    if action == "field":
        label = FIELD_LABEL.get(field, field)
        verb = "Bytte" if field in ("owner_actor_id", "status") else "Ändrade"
        return (
            f"{verb} {label} för {names.insats(subject)}: {_field_value(field, before, names)} → "
            f"{_field_value(field, after, names)}"
        )
    if action == "order":
        return "Ändrade ordningen: " + ", ".join(names.short(i) for i in after)
    if action == "decided":
        by = [f"{after[side]} ({SIDE_NAME[side]})" for side in ("region", "kommun") if after.get(side)]
        return f"Beslutade prioriteringarna ({after.get('prioriteringar')} insatser)" + (
            f", bekräftat av {' och '.join(by)}" if by else ""
        )
    if action == "confirmed":
        return f"Bekräftade beslutet för {SIDE_NAME[after['side']]} (version {after['version']})"
    if action == "withdrawn":
        return (
            f"Bekräftelsen för {SIDE_NAME[after['side']]} ({after['name']}, version {after['version']}) "
            "drogs tillbaka eftersom dialogen ändrades"
        )
    if action == "archived":
        return f"Arkiverade dialogen: {quote(after.get('reason'))}"
    if action == "restored":
        return "Tog fram dialogen ur arkivet"
    if action == "deleted":
        return f"Tog bort utkastet för {before.get('period')}: {quote(after.get('reason'))}"
    return _legacy(row.get("what") or "", names)


_LEGACY_ID = re.compile(r"\b([a-z0-9]+(?:-[a-z0-9]+)*-\d+(?:\.\d+)*)\b")


def _legacy(what: str, names: Names) -> str:
    """A row written before the log had structured events: its text with insats ids named."""
    text = _LEGACY_ID.sub(lambda m: names.insats(m.group(1)) if m.group(1) in names.interventions else m.group(1), what)
    return text[:1].upper() + text[1:]


def value_text(value) -> str | None:
    """Before/after for the Excel export: the value itself, lists and mappings as JSON."""
    value = _load(value)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def readable(log: pd.DataFrame, names: Names) -> pd.DataFrame:
    """The log as people read it: time (Swedish), who, what happened."""
    return pd.DataFrame(
        {
            "Tid (svensk tid)": [when(t) for t in log["changed_at"]],
            "Vem": log["who"].tolist(),
            "Händelse": [line(r, names) for r in log.to_dict("records")],
        }
    )


def structured(log: pd.DataFrame, names: Names) -> pd.DataFrame:
    """The log for export: the readable line plus the structured fields."""
    out = readable(log, names)
    out["Tid (UTC)"] = [pd.Timestamp(t).strftime("%Y-%m-%d %H:%M:%S") for t in log["changed_at"]]
    out["Åtgärd"] = log["action"].tolist()
    out["Insats-id"] = log["subject"].tolist()
    out["Insats"] = [names.insats(s) if isinstance(s, str) else None for s in log["subject"]]
    out["Fält"] = log["field"].tolist()
    out["Före"] = [value_text(v) for v in log["before"]]
    out["Efter"] = [value_text(v) for v in log["after"]]
    return out
