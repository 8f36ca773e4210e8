"""Lägesbild: the page's sections, one goal area at a time. Data shaping is in components.lagesbild.lagesbild_data
(cached per core and build of the store); this module only lays out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common import url_state
from components.common.chart_alt import series_alt
from components.common.format import GOAL_AREA_COLOURS, MISSING, plain
from components.lagesbild import delmal_note, indicator_charts
from components.lagesbild import lagesbild_data as ld
from components.lagesbild.indicator_text import amount, area_of, note_rest, year_text
from data.indicator_import import read_only_mode

CHART_CONFIG = {"displaylogo": False, "locale": "sv"}
COUNT_UNITS = ("personer", "kronor")
DEFAULT_CORE = "sodertalje"


def filters(names: dict[str, str]) -> str:
    """The core (URL parameter karna, one)."""
    current = st.session_state.get("karna")
    if current is not None and not (isinstance(current, str) and current in names):
        del st.session_state["karna"]  # another page's multi-core choice under the same key
    core_id = url_state.selectbox(
        "Kärna",
        list(names),
        "karna",
        format_func=names.get,
        default=DEFAULT_CORE if DEFAULT_CORE in names else next(iter(names)),
        container=st.columns([1, 2])[0],
    )
    url_state.show_warnings()
    return core_id


def goal_picker(goal_areas: dict[int, str]):
    """One goal area at a time (URL parameter malomrade, 1–4 or ovriga; default the first goal area)."""
    current = st.session_state.get("malomrade")
    if isinstance(current, list):
        del st.session_state["malomrade"]  # Insatser's multi-choice under the same key
    options = [*sorted(goal_areas), ld.OTHERS]
    goal = url_state.segmented(
        "Målområde",
        options,
        "malomrade",
        format_func=lambda g: "Utan målområde" if g == ld.OTHERS else f"{g} {goal_areas[g]}",
        default=options[0],
        help="Ett målområde i taget: de viktigaste indikatorerna först, resten under «Fler indikatorer». "
        "«Utan målområde» är de indikatorer som källan inte knyter till något målområde.",
    )
    url_state.show_warnings()
    return goal


@st.cache_resource(show_spinner=False, max_entries=64)
def cards_for(
    core_id: str, stamp: str, _indicators: pd.DataFrame, _values: pd.DataFrame
) -> tuple[list[ld.Card], pd.DataFrame]:
    """The core's cards, once per core and build of the store (stamp). Shared, read-only."""
    return ld.build_cards(_indicators, _values)


@st.cache_resource(show_spinner=False, max_entries=512)
def figure_for(
    core_id: str,
    stamp: str,
    card_id: str,
    column: str,
    base: int | None,
    _card: ld.Card,
    _frame: pd.DataFrame,
    title: str,
    y_title: str | None,
):
    """A card's figure, built once per core, build, card and index choice (figures are not mutated)."""
    return indicator_charts.series_figure(
        _frame,
        title,
        _card.unit,
        column=column,
        target=_card.gap["target"] if _card.gap else None,
        goal_area_id=_card.goal_area_id,
        y_title=y_title,
    )


def goal_area_header(label: str, goal_area_id) -> None:
    colour = GOAL_AREA_COLOURS.get(goal_area_id, "#6E6E6E")
    st.markdown(f'<div style="border-top:6px solid {colour};margin-top:1.2rem"></div>', unsafe_allow_html=True)
    st.header(label, anchor=False)


def show(
    core: dict, stamp: str, indicators: pd.DataFrame, values: pd.DataFrame, goal_areas: dict[int, str], goal
) -> None:
    """One goal area (or the indicators without one): its headline indicators, the rest folded and drawn only
    when opened (a screen or two on a projector, not 16 000 px)."""
    cards, quotes = cards_for(core["id"], stamp, indicators, values)
    context = (core["id"], stamp)
    group = None if goal == ld.OTHERS else goal
    mine = [c for c in cards if c.goal_area_id == group]
    goal_area_header(ld.goal_area_label(group, goal_areas), group)
    if group is None:
        st.caption(
            "Indikatorer som källan inte knyter till något av färdplanernas målområden: RUFS 2050:s "
            "delmål (länet), kommunstatistik och kommunernas egna uppgifter om kärnan."
        )
    with_quotes = group is None and not quotes.empty
    if not mine and not with_quotes:
        st.info(
            f"Ingen källa anger någon indikator i det här målområdet för {core['name']} eller dess "
            "kärnkommuner." + ("" if read_only_mode() else " Värden kan läsas in under fliken «Läs in värden»."),
            icon=":material/info:",
        )
    headline, rest = ld.headline_split(mine)
    for card in headline:
        _card(card, context)
    if rest or with_quotes:
        label = f"Fler indikatorer ({len(rest)})" + (" och kommunernas egna uppgifter om kärnan" if with_quotes else "")
        more = st.expander(label, key=f"lb_fler_{goal}", on_change="rerun")
        if more.open:  # drawn only when opened
            with more:
                for card in rest:
                    _card(card, context)
                if with_quotes:
                    quote_table(quotes)


def _card(card: ld.Card, context: tuple) -> None:
    with st.container(border=True):
        {"core": core_figure, "kommun": kommun_series, "rufs": rufs_target}[card.kind](card, context)


def _heading(card: ld.Card) -> None:
    note = ld.HEADING_NOTE[card.kind]
    if card.kind == "kommun":
        note += ", länet som jämförelse" if card.has_county else "; länets värde finns inte i källan"
    st.markdown(f"**{plain(card.name)}** · {plain(card.unit)} · {note}")


def _gap_note(card: ld.Card) -> str:
    if not card.gap_years:
        return ""
    return f" Saknas i källan: {', '.join(str(y) for y in card.gap_years)}; de åren lämnas tomma och linjen bryts där."


def _lines(lines: list[str]) -> None:
    st.markdown("\n".join(f"- {plain(line)}" for line in lines) or MISSING)


def _chart(
    card: ld.Card,
    context: tuple,
    frame: pd.DataFrame,
    column: str = "value",
    base: int | None = None,
    title: str | None = None,
    y_title: str | None = None,
) -> None:
    fig = figure_for(*context, card.id, column, base, card, frame, title or card.name, y_title)
    st.plotly_chart(
        fig,
        width="stretch",
        key=f"lb_chart_{card.id}",
        config=CHART_CONFIG,
        alt=series_alt(card.name, card.unit, frame, column, base),
    )


MARKDOWN_ROWS = 40


def markdown_table(table: pd.DataFrame) -> str:
    """A small table as Markdown (an HTML table on the page: light, wraps, read by screen readers).
    Every cell is escaped, so source text is shown as text."""
    head = "| " + " | ".join(plain(str(c)) for c in table.columns) + " |"
    rule = "|" + "---|" * len(table.columns)
    body = ["| " + " | ".join(plain(str(v)) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def _table(card: ld.Card, table: pd.DataFrame | None = None) -> None:
    """The table alternative: Markdown when small, a scrolling grid for long series (folkmängd)."""
    table = card.table if table is None else table
    with st.expander("Visa som tabell"):
        if len(table) <= MARKDOWN_ROWS:
            st.markdown(markdown_table(table))
        else:
            st.dataframe(table, hide_index=True, width="stretch", key=f"lb_table_{card.id}")


def core_figure(card: ld.Card, context: tuple) -> None:
    _heading(card)
    _lines(card.lines)
    if card.chart:
        _chart(card, context, card.series)
        st.caption(plain(f"Källa: {card.sources}.{_gap_note(card)}"))
    if card.chart or len(card.table) > len(card.lines):
        _table(card)


def kommun_series(card: ld.Card, context: tuple) -> None:
    _heading(card)
    years = card.years
    left, right, _ = st.columns([2, 2, 3])
    indexed = left.toggle(
        "Visa som index",
        key=f"lb_index_{card.id}",
        disabled=not years,
        value=bool(years) and card.unit.startswith(COUNT_UNITS),
        help="Varje serie räknas om så att basåret = 100, dvs. utvecklingen sedan basåret. "
        "Bara år som alla serier har kan vara basår.",
    )
    table = card.table
    if indexed and years:
        base = right.selectbox(
            "Basår (= 100)", years[::-1], key=f"lb_bas_{card.id}", index=years[::-1].index(ld.default_base_year(years))
        )
        shown = ld.index_series(card.series, base)
        _chart(
            card,
            context,
            shown,
            column="index",
            base=base,
            title=indicator_charts.index_title(card.name, base),
            y_title=f"index, {base} = 100",
        )
        index = dict(zip(zip(shown["series"], shown["year"]), shown["index"]))
        table = table.assign(
            **{
                f"Index ({base} = 100)": [
                    ld.figure_index(index.get((s, y))) for s, y in zip(card.table["Serie"], card.table_years)
                ]
            }
        )
    else:
        _chart(card, context, card.series[card.series["level"] == "kommun"] if card.has_county else card.series)
        if card.has_county:
            st.caption("Länet är i en annan storleksordning än kommunerna och visas därför i indexläget.")
    st.caption(plain(f"Källa: {card.sources}.{_gap_note(card)}"))
    _lines(card.lines)
    _table(card, table)


def rufs_target(card: ld.Card, context: tuple) -> None:
    _heading(card)
    if card.target:
        st.markdown(f"**Delmål:** {plain(card.target)}")
        if card.gap:
            st.markdown(f"**Avstånd till delmålet:** {plain(card.gap['text'])}")
        else:
            st.caption(card.gap_reason)
    st.markdown("**Utfall** (senaste år per delmått och område)")
    _lines(card.lines)
    delmal_note.show(card.id)
    if card.chart:
        _chart(card, context, card.series)
        st.caption(
            plain(f"Källa: {card.sources}. Punkter utan linje: källan anger bara enstaka år, som inte binds ihop.")
        )
    if card.chart or len(card.table) > len(card.lines):
        _table(card)


def quote_table(quotes: pd.DataFrame) -> None:
    st.subheader("Kommunernas egna uppgifter om kärnan (citat)", anchor=False)
    table = pd.DataFrame(
        {
            "Uppgift": quotes["indicator"],
            "Värde": [
                amount(v, q, t, u)
                for v, q, t, u in zip(quotes["value"], quotes["qualifier"], quotes["value_text"], quotes["unit"])
            ],
            "Enhet": quotes["unit"],
            "År": [year_text(y, p) for y, p in zip(quotes["year"], quotes["period_text"])],
            "Typ": quotes["value_type"],
            "Område som avses": [area_of(n) or "anges inte" for n in quotes["note"]],
            "Källans ordalydelse": quotes["value_text"],
            "Källa och anmärkning": [note_rest(n) or "" for n in quotes["note"]],
        }
    )
    st.table(table, hide_index=True)
    st.caption(
        "Kommunernas och pressens egna siffror för områden som de själva avgränsar (se Område som "
        "avses), av olika typ (utfall, mål, plan, prognos). De visas bara som citat, aldrig som serie "
        "eller jämförda med andra kärnor. Källor: Kommunala uppgifter om de regionala stadskärnorna "
        "(citat); Publicerade uppgifter om de regionala stadskärnorna (rufs.se och DN 2022)."
    )
