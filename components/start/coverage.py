"""How much roadmap data the store holds per core, as a readable Swedish table."""

import pandas as pd

from components.common.format import roadmap_status


def coverage_table(cores: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Kärna": cores["name"],
            "Kärnkommuner": cores["municipalities"].str.replace("|", ", ", regex=False),
            "Färdplan": [roadmap_status(s, y) for s, y in zip(cores["roadmap_status"], cores["roadmap_year"])],
            "Färdriktningar": cores["directions"],
            "Gemensamma insatser": cores["shared_interventions"],
            "Kärnspecifika insatser": cores["core_interventions"],
            "RUFS-insatser": cores["rufs_interventions"],
            "Historiska aktiviteter": cores["historical_interventions"],
            "Kärnuppgifter": cores["core_values"],
        }
    )
