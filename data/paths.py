"""Where the stores live; each path is overridable by an environment variable (DESIGN.md §3)."""
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
