"""Where the stores live, and the read-only switch; each is set by an environment variable (DESIGN.md §3).

Imported by data/ and queries/ alike (no Streamlit, no other project module).
"""

import os
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
SOURCES_DIR = DATA_DIR / "sources"
CURATED_DIR = DATA_DIR / "curated"


def curated_dir() -> Path:
    """The curated folder the app builds from and the imports write to (FARDPLANER_CURATED, e.g. in tests)."""
    return Path(os.environ.get("FARDPLANER_CURATED", CURATED_DIR))


def reference_db() -> Path:
    return Path(os.environ.get("FARDPLANER_DB", DATA_DIR / "fardplaner.duckdb"))


def user_db() -> Path:
    return Path(os.environ.get("FARDPLANER_USER_DB", DATA_DIR / "dialoger.duckdb"))


def read_only_mode() -> bool:
    """FARDPLANER_READONLY=1 (also true/ja/yes, any case, spaces ignored): public screens. No write path
    is reachable and no file is written: no import, restore, save, migration or rebuild."""
    return os.environ.get("FARDPLANER_READONLY", "").strip().lower() in ("1", "true", "ja", "yes")
