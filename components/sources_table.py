"""The sources as a Swedish table."""
import pandas as pd


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Källa": sources["title"], "Utgivare": sources["publisher"], "År": sources["year"],
        "Status": sources["status"], "Typ": sources["kind"], "Inlästa rader": sources["rows_loaded"],
        "Inläst": sources["loaded"], "Fil": sources["file"], "Anmärkning": sources["note"].fillna(""),
    })
