"""The query runner: named, parameterised, checked at load; every query runs on the built store."""

import pytest

from queries.runner import QUERIES, ReferenceStore, parse


def test_header_and_parameters_must_agree():
    with pytest.raises(ValueError, match="declares"):
        parse("-- name: q(core)\n-- doc\nSELECT * FROM cores WHERE id = $kärna_id", "x.sql")
    with pytest.raises(ValueError, match="defined twice"):
        parse("-- name: q()\nSELECT 1;\n-- name: q()\nSELECT 2;", "x.sql")


def test_every_query_is_documented():
    assert QUERIES
    assert all(q.doc for q in QUERIES.values())


def test_every_parameterless_query_runs(ref_db):
    store = ReferenceStore(ref_db)
    for name, query in QUERIES.items():
        if not query.params:
            store.run(name)


def test_wrong_parameters_are_refused(ref_db):
    with pytest.raises(TypeError):
        ReferenceStore(ref_db).run("cores_overview", core="sodertalje")


def test_store_reopens_after_a_rebuild(ref_db, tmp_path):
    from data.build import build

    db = tmp_path / "s.duckdb"
    build(db, force=True)
    store = ReferenceStore(db)
    first = store.run("build_info")["built_at"].iloc[0]
    build(db, force=True)
    assert store.run("build_info")["built_at"].iloc[0] > first


def test_user_store_sql_lives_in_named_queries_and_each_is_used():
    import re

    from queries.store_file import USER_QUERIES
    from tests.conftest import REPO

    # migrate_user_store.py copies every table, so it writes SELECT and INSERT from the catalogue's names
    code = {p.name: p.read_text("utf-8") for p in (REPO / "queries").glob("*.py")}
    inline = [
        name
        for name, text in code.items()
        if name != "migrate_user_store.py" and re.search(r"[\"'](SELECT|INSERT|UPDATE|DELETE) ", text)
    ]
    assert inline == [], inline
    every = "\n".join(code.values())
    unused = [name for name in USER_QUERIES if f'"{name}"' not in every]
    assert len(USER_QUERIES) > 40 and unused == [], unused
