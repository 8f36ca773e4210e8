"""Chart images for the briefing (PNG bytes), drawn with matplotlib's Agg canvas. No Streamlit here.

matplotlib renders offline from pip alone (no browser, unlike Plotly's kaleido). Figures are built with
the object API (no pyplot, no global state), so this is safe on Streamlit's threads. Each chart carries
its title, unit and source line inside the image, and a caption that says the same in words (the
table alternative). Numbers on axes are in Swedish format; a year the source lacks stays a gap.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

from components.briefing.briefing_data import APP_NAME, Briefing
from components.common.format import GOAL_AREA_COLOURS, number

WIDTH_IN, DPI = 6.6, 200
INK, MUTED, GRID = "#1a1a1a", "#555555", "#d9d9d9"
# Lines for the kärnkommuner: not the goal-area colours (those mean målområden); distinct by colour,
# marker and line style so they read in greyscale and with colour-vision deficiencies.
LINE_STYLES = [("#1a1a1a", "o", "-"), ("#D55E00", "s", "--"), ("#56B4E9", "^", ":"), ("#7f7f7f", "D", "-.")]
FIRST_YEAR = 2000
CHART_UNIT = "personer"
MAX_BARS = 10


@dataclass
class Chart:
    key: str
    title: str
    png: bytes
    caption: str  # the chart in words: values, gaps, source


def _figure(height_in: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MUTED)
    ax.tick_params(colors=INK, labelsize=8)
    ax.set_axisbelow(True)


def _png(fig, title: str, source: str) -> bytes:
    fig.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold", color=INK)
    fig.text(0.01, 0.015, "\n".join(textwrap.wrap(source, 120)), ha="left", va="bottom", fontsize=6.5, color=MUTED)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _swedish_axis(axis, decimals: int | None = 0) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, decimals)))


def shortlist_balance(briefing: Briefing) -> Chart:
    """Bars: how many priorities per goal area, all four shown (zeros too), in the goal-area colours."""
    from matplotlib.ticker import MaxNLocator

    counts = briefing.goal_area_counts()
    fig = _figure(2.7)
    ax = fig.add_axes((0.09, 0.27, 0.89, 0.56))
    _style(ax)
    labels = ["\n".join(textwrap.wrap(g.short_name, 16)) for g, _ in counts]
    values = [c for _, c in counts]
    bars = ax.bar(range(len(values)), values, color=[GOAL_AREA_COLOURS.get(g.id, MUTED) for g, _ in counts], width=0.6)
    for bar, value in zip(bars, values):
        ax.annotate(
            number(value, 0),
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            color=INK,
        )
    ax.set_xticks(range(len(values)), labels)
    ax.set_ylim(0, max(values + [1]) * 1.2)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _swedish_axis(ax.yaxis)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_ylabel("Antal prioriterade insatser", fontsize=8, color=INK)
    gone = sum(1 for p in briefing.shortlist if p.goal_area_id is None)
    source = (
        f"Källa: prioriteringslistan för {briefing.core_name} {briefing.period} i {APP_NAME}, "
        f"uttagen {briefing.exported_on.isoformat()}; målområden enligt färdplanen."
    )
    if gone:
        source += f" {gone} insats{'er' if gone > 1 else ''} utan målområde (finns inte längre i källorna) räknas inte."
    title = "Prioriterade insatser per målområde"
    caption = "Antal prioriterade insatser per målområde: " + ", ".join(f"{g.short_name} {c}" for g, c in counts) + "."
    return Chart("balance", title, _png(fig, title, source), caption)


def _chartable_figures(briefing: Briefing) -> list:
    """The core's stated head counts (unit 'personer': boende, arbetande, studenter …) with a number,
    grouped by indicator and year; other units are not put on the same axis (they stay in the table)."""
    rows = [f for f in briefing.figures if f.number is not None and f.unit == CHART_UNIT]
    rows.sort(key=lambda f: (f.indicator, f.year_number or 9999, f.value_type != "utfall"))
    if len(rows) > MAX_BARS:
        rows = [f for f in rows if f.value_type == "utfall"][:MAX_BARS]
    return rows


def core_figures(briefing: Briefing) -> Chart | None:
    """Horizontal bars: the counts the sources state for the core (e.g. boende, arbetande), with year."""
    rows = _chartable_figures(briefing)
    if len(rows) < 2:
        return None
    bars_in = 0.36 * len(rows)
    height = bars_in + 1.15  # room for title above, axis label and source line below
    fig = _figure(height)
    ax = fig.add_axes((0.36, 0.72 / height, 0.54, bars_in / height))
    _style(ax)
    labels = []
    for f in rows:
        year = f.year if f.year_number else f.period
        kind = "" if f.value_type == "utfall" else f" ({f.value_type})"
        labels.append("\n".join(textwrap.wrap(f"{f.indicator}{kind}, {year}", 40)))
    y = list(range(len(rows)))[::-1]
    colours = ["#33475b" if f.value_type == "utfall" else "#ffffff" for f in rows]
    ax.barh(y, [f.number for f in rows], color=colours, edgecolor="#33475b", height=0.6)
    for yy, f in zip(y, rows):
        ax.annotate(
            f"{f.value} {f.unit}",
            (f.number, yy),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
            color=INK,
        )
    ax.set_yticks(y, labels, fontsize=7.5)
    ax.set_xlim(0, max(f.number for f in rows) * 1.3)
    _swedish_axis(ax.xaxis)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_xlabel("Antal enligt källan (avrundat som i källan)", fontsize=8, color=INK)
    sources = "; ".join(dict.fromkeys(f.source.split(",")[0] for f in rows))
    source = f"Källa: {sources}. Fyllda staplar: utfall; ofyllda: mål eller plan."
    title = f"{briefing.core_name} i siffror"
    caption = (
        "; ".join(
            f"{f.indicator} {f.year if f.year_number else f.period}: {f.value} {f.unit}"
            + ("" if f.value_type == "utfall" else f" ({f.value_type})")
            for f in rows
        )
        + "."
    )
    return Chart("figures", title, _png(fig, title, source), caption)


def population_lines(briefing: Briefing) -> dict[str, list[tuple[int, float | None]]]:
    """What the population chart draws: per kärnkommun, (year, value) for every year from 2000 (or the
    first year the source has) to the latest; a year the source lacks has None and becomes a gap."""
    data = briefing.population_series
    if data is None or data.empty:
        return {}
    data = data[data["year"] >= FIRST_YEAR]
    if data.empty:
        return {}
    years = range(int(data["year"].min()), int(data["year"].max()) + 1)
    lines = {}
    for name in dict.fromkeys(data.sort_values("pos")["name"]):
        values = {int(y): float(v) for y, v in data[data["name"] == name][["year", "value"]].itertuples(index=False)}
        lines[name] = [(y, values.get(y)) for y in years]
    return lines


def population_trend(briefing: Briefing) -> Chart | None:
    """Lines: folkmängd of each kärnkommun by year from 2000; a year the source lacks is a gap."""
    from matplotlib.ticker import FuncFormatter

    lines = population_lines(briefing)
    if not lines:
        return None
    names = list(lines)
    years = [y for y, _ in lines[names[0]]]
    first, last = years[0], years[-1]
    fig = _figure(3.1)
    ax = fig.add_axes((0.14, 0.2, 0.70, 0.66))
    _style(ax)
    gaps: set[int] = set()
    ends: list[tuple[float, int, str, str]] = []
    latest: list[str] = []
    top = 0.0
    for i, name in enumerate(names):
        points = lines[name]
        known = [(y, v) for y, v in points if v is not None]
        if not known:
            continue
        gaps |= {y for y, v in points if v is None}
        colour, marker, style = LINE_STYLES[i % len(LINE_STYLES)]
        # NaN for a missing year: matplotlib breaks the line there instead of bridging the gap.
        ax.plot(
            years,
            [float("nan") if v is None else v for _, v in points],
            color=colour,
            linestyle=style,
            linewidth=1.6,
            marker=marker,
            markersize=2.8,
            label=f"{name} kommun",
        )
        last_year, last_value = known[-1]
        ends.append((last_value, last_year, name, colour))
        latest.append(f"{name} {number(last_value, 0)} invånare ({last_year})")
        top = max(top, max(v for _, v in known))
    ax.set_ylim(0, top * 1.12)
    # Direct labels at each line's last point instead of a legend, pushed apart when lines end close.
    min_gap, placed = top * 0.13, []
    for value, year, name, colour in sorted(ends):
        y = max(value, placed[-1] + min_gap) if placed else value
        placed.append(y)
        ax.annotate(
            f"{name}\n{number(value, 0)} ({year})",
            (year, value),
            xytext=(last + 0.9, y),
            textcoords="data",
            va="center",
            fontsize=7,
            color=colour,
            annotation_clip=False,
        )
    ax.set_xlim(first - 0.5, last + 0.5)
    _swedish_axis(ax.yaxis)
    step = max(1, -(-(last - first) // 6))  # at most about seven year ticks, ending on the last
    ax.set_xticks(sorted(range(last, first - 1, -step)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(int(v))))  # years: no thousands space
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_ylabel("Invånare", fontsize=8, color=INK)
    gap_text = ""
    if gaps:
        listed = sorted(gaps)
        words = ", ".join(str(y) for y in listed[:-1]) + (" och " if len(listed) > 1 else "") + str(listed[-1])
        gap_text = f" {words} saknas i källan och visas som luckor i linjen."
    which = "kärnkommunen" if len(names) == 1 else "kärnkommunerna"
    title = f"Folkmängd i {which} {first}–{last}"
    source = f"Källa: {briefing.population_source or 'SCB'}. Folkmängd 31 december.{gap_text}"
    caption = f"{title}: senaste värden {', '.join(latest)}.{gap_text}"
    return Chart("population", title, _png(fig, title, source), caption)


def charts(briefing: Briefing) -> list[Chart]:
    """Every chart of the briefing, in the order the documents show them; drawn once per Briefing, so
    the Word and the PDF export of one briefing share the images."""
    if "charts" not in briefing.chart_cache:
        made = (shortlist_balance(briefing), core_figures(briefing), population_trend(briefing))
        briefing.chart_cache["charts"] = [c for c in made if c is not None]
    return list(briefing.chart_cache["charts"])
