"""The sources as a Swedish table."""

import pandas as pd

from components.common.format import is_missing


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Källa": sources["title"],
            "Utgivare": sources["publisher"],
            "År": [f"{int(y)}" if not is_missing(y) else "anges inte" for y in sources["year"]],
            "Status": sources["status"],
            "Typ": sources["kind"],
            "Inlästa rader": sources["rows_loaded"],
            "Inläst": sources["loaded"],
            "Fil": sources["file"],
            "Anmärkning": sources["note"].fillna(""),
        }
    )
