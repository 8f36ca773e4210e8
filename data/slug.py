"""The id rule of data/README.md: slug("Almi Stockholm AB") == "almi-stockholm-ab"."""

import re

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower().translate(_FOLD)).strip("-")
