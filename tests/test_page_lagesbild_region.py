"""Lägesbild's Regionen section under AppTest: the European comparison and the rankings, each as a chart with a
table of the same figures beside it (read back against the store), missing positions as "uppgift saknas",
and each RUFS delmål card with its trend as the text shows it and the report's quoted text."""

from streamlit.testing.v1 import AppTest

from tests.conftest import open_page, rows


def text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return "\n".join(parts).replace("\\", "").replace("**", "").replace("\u00a0", " ")


def table_rows(markdown: str) -> list[list[str]]:
    lines = [line for line in markdown.split("\n") if line.startswith("|")]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[2:]]


def test_regionen_charts_and_tables_show_the_stores_figures(ref_db, ref_con):
    at = open_page("lagesbild.py", karna="sodertalje", vy="Regionen")
    assert "Regionen" in [h.value for h in at.header]
    charts = {c.proto.id: c for c in at.get("plotly_chart")}
    assert len(charts) >= 2
    tables = [m.value for m in at.markdown if m.value.startswith("| Ranking eller index | Som det står i källan")]
    assert len(tables) == 1
    shown = {r[0]: r[1] for r in table_rows(tables[0].replace("\\", ""))}
    stored = dict(rows(ref_con, "SELECT index_name, position_text FROM rankings"))
    assert shown == stored and len(shown) == 11
    europe = [m.value for m in at.markdown if m.value.startswith("| Indikator | Stockholm | År | Placering av 11")]
    assert len(europe) == 1
    shown = {r[0]: (r[1], r[3]) for r in table_rows(europe[0].replace("\\", ""))}
    stored = {
        i: (v, "uppgift saknas" if p is None else str(p))
        for i, v, p in rows(ref_con, "SELECT indicator_as_written, value_text, position FROM european_comparison")
    }
    assert shown == stored and len(shown) == 11
    assert shown["Arbetslöshet 15–24 år"] == ("19,9 %", "uppgift saknas")  # missing stays missing
    page = text(at)
    assert (
        "avsnitt «Stockholmsregionen ska vara Europas mest attraktiva storstadsregion › Stockholmsregionen i "
        "internationella rankningar»" in page
    )
    assert "Stockholmsregionen jämfört med europeiska regioner»" in page


def test_delmal_cards_show_trend_and_quote(ref_con):
    # the delmål cards are on the core's tab, one goal area at a time, the rest under «Fler indikatorer»
    pages, expanders = [], []
    for goal in ("1", "2", "3", "4", "ovriga"):
        at = open_page("lagesbild.py", karna="sodertalje", malomrade=goal)
        at.session_state[f"lb_fler_{goal}"] = True
        at.run()
        pages.append(text(at))
        expanders += [e.label for e in at.expander]
    page = "\n".join(pages)
    assert page.count("Trend: tabellraden visar tecknet ➔") == 4
    assert "Trend: «På grund av metodutveckling finns endast ett värde och därmed ingen utveckling»" in page
    assert page.count("Trend: går inte att läsa i källans text") == 11
    [(quote,)] = rows(ref_con, "SELECT text FROM delmal_assessments WHERE indicator_id = 'rufs-hushallsavfall'")
    assert f"> {quote}" in page
    assert expanders.count("Rapportens bedömning (citat)") == 16


def test_the_nine_regional_priorities_are_quoted(ref_con):
    at = open_page("lagesbild.py", karna="sodertalje", vy="Regionen")
    stored = rows(ref_con, "SELECT regional_priority, text FROM regional_priority_assessments")
    labels = [e.label.replace("\\", "") for e in at.expander]  # the label is Markdown-escaped
    page = text(at)
    assert len(stored) == 9
    for name, quote in stored:
        assert name in labels, name
        assert f"> {quote}" in page, name


def test_bilaga3_strategies_and_their_figures(ref_con):
    at = open_page("lagesbild.py", karna="sodertalje", vy="Regionen")
    table = next(m.value for m in at.markdown if m.value.startswith("| Strategi eller program |"))
    shown = table_rows(table.replace("\\", ""))
    stored = rows(ref_con, "SELECT figure_text, value, year FROM strategy_figures")
    assert len(shown) == len(stored) == 18
    by_text = {r[1]: r for r in shown}
    for figure_text, value, year in stored:
        row = by_text[figure_text]
        assert row[3].startswith(str(int(value))) if value is not None else row[3] == "uppgift saknas"
        assert row[4] == (str(year) if year is not None else "uppgift saknas")
    labels = [e.label.replace("\\", "") for e in at.expander]
    for (name,) in rows(ref_con, "SELECT DISTINCT name FROM strategies"):
        assert name in labels


def test_agenda2030_rows_with_the_goal_missing(ref_con):
    at = open_page("lagesbild.py", karna="sodertalje", vy="Regionen")
    page = text(at)
    stored = rows(ref_con, "SELECT seq, text FROM agenda2030 ORDER BY seq")
    assert len(stored) == 17
    for seq, quote in stored:
        assert f"Rad {seq} (globalt mål: uppgift saknas)" in page and f"> {quote}" in page
