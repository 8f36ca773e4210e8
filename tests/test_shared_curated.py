"""The reference data shared by instances through PostgreSQL: an import's curated folder published as a
version named by its content, another instance's folder brought to it, its own restore points kept."""

import shutil

from data.build import build
from queries import shared_curated
from queries.user_store import UserStore
from tests.conftest import REPO


def folders(tmp_path):
    a, b = tmp_path / "a" / "curated", tmp_path / "b" / "curated"
    for f in (a, b):
        shutil.copytree(REPO / "data" / "curated", f, ignore=shutil.ignore_patterns(".*"))
    return a, b


def test_a_published_version_reaches_the_other_folder_and_its_build(user_target, tmp_path):
    store = UserStore(user_target, read_only=False)
    store.migrate()
    a, b = folders(tmp_path)
    if store.dialect == "duckdb":  # one instance: nothing is shared, nothing written
        assert shared_curated.publish(store, a, "Anna", "x") is None and shared_curated.sync(store, b) is None
        return
    assert shared_curated.sync(store, b) is None  # nothing published yet: the folder stays as it is
    cores = a / "common" / "cores.csv"
    cores.write_text(cores.read_text("utf-8").replace("Haninge stadskärna", "Haninge stadskärna (ändrad)"), "utf-8")
    (b / ".versions" / "egen").mkdir(parents=True)
    version = shared_curated.publish(store, a, "Anna", "Ändrade Haninges namn")
    assert version and shared_curated.publish(store, a, "Anna", "igen") == version  # same files, same id
    assert shared_curated.latest(store)["created_by"] == "Anna"
    assert shared_curated.sync(store, b) == version
    assert shared_curated.held(b) == version and shared_curated.sync(store, b) is None
    assert (b / "common" / "cores.csv").read_bytes() == cores.read_bytes()
    assert (b / ".versions" / "egen").is_dir()  # B's own restore points are kept
    assert shared_curated.archive(a) == shared_curated.archive(b)
    db = tmp_path / "b.duckdb"
    build(db, force=True, curated=b)
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT name FROM cores WHERE id = 'haninge'").fetchone()[0] == "Haninge stadskärna (ändrad)"
