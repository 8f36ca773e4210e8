"""The curated tables are declared once (data/curated_files.py SPECS) and the template and the checks use
that declaration: every template column fills a declared column, every reference is declared."""

from data.curated_files import ACTOR_TYPES, FORMATS, KINDS, SPECS
from data.indicator_import import FIELDS, _record
from data.roadmap_template import SHEETS

NAMING = {"source_id": "sources", "core_id": "cores", "intervention_id": "interventions", "actor_id": "actors"}


def test_every_template_column_fills_a_declared_column():
    for sheet in SHEETS.values():
        for column in sheet.columns:
            table, _, name = column.field.partition(".")
            assert table in SPECS and name in SPECS[table].columns, (sheet.name, column.name, column.field)


def test_the_template_asks_for_every_required_text_a_person_gives():
    """What the contract requires and a person writes (titles, texts, names) is a required template column."""
    given = {c.field for s in SHEETS.values() for c in s.columns if c.required}
    for field in ("interventions.title", "directions.text", "actors.name", "actors.type", "sources.title"):
        assert field in given, field


def test_every_reference_column_is_declared_and_checkable():
    for name, spec in SPECS.items():
        for column, target in NAMING.items():
            if column in spec.columns:
                assert spec.refs.get(column) == target, (name, column)
        for column, target in spec.refs.items():
            table, _, key = target.partition(".")
            assert column in spec.columns and (key or "id") in SPECS[table].columns and SPECS[table].noun, (
                name,
                column,
            )
        assert not spec.key or spec.label, name
        assert set(spec.key) <= set(spec.columns) and set(spec.formats.values()) <= set(FORMATS), name


def test_template_help_lists_the_declared_choices():
    help_of = {(s.name, c.name): c.help for s in SHEETS.values() for c in s.columns}
    assert all(kind in help_of[("Insatser", "karaktär")] for kind in KINDS)
    assert all(t in help_of[("Nya aktörer", "typ")] for t in ACTOR_TYPES)
    assert KINDS is SPECS["interventions"].enums["kind"] and ACTOR_TYPES is SPECS["actors"].enums["type"]


def test_the_indicator_import_fills_declared_columns_and_writes_whole_records():
    for column, field in FIELDS.items():
        table, _, name = field.partition(".")
        assert table == "indicator_values" and name in SPECS[table].columns, column
    from decimal import Decimal

    from data.indicator_import import Row

    fields = Row.__dataclass_fields__
    row = Row(**{f: None for f in fields} | {"value": Decimal("12.5"), "year": 2024})
    assert tuple(_record(row, "f.csv", "2026-12-03")) == SPECS["indicator_values"].columns
