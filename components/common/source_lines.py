"""Source lines under tables and charts, made from the store so that they name what is in it."""

from __future__ import annotations

import pandas as pd


def document(rec: dict) -> str:
    """'Färdplan för … (Region Stockholm, 2026)': the title, then publisher, year and a draft's status where
    the title does not already say them."""
    title = str(rec["title"])
    parts = [str(p) for p in (rec.get("publisher"), rec.get("year")) if p is not None and str(p).strip()]
    if rec.get("status") == "utkast":
        parts.append("utkast")
    parts = [p for p in parts if p.lower() not in title.lower()]  # what the title already says
    return f"{title} ({', '.join(parts)})" if parts else title


def insats_source_line(sources: pd.DataFrame, prefix: str = "Källor") -> str:
    """Every document the counted insatser come from (queries/sources.sql insats_sources)."""
    if sources.empty:
        return f"{prefix}: inga insatser är inlästa."
    years = sources["year"].astype("object").where(sources["year"].notna(), None)
    return f"{prefix}: " + "; ".join(document(r) for r in sources.assign(year=years).to_dict("records")) + "."
