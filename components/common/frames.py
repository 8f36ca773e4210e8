"""Small DataFrame helpers shared by the data-preparation modules. No Streamlit here."""

from __future__ import annotations

import pandas as pd
from pandas.api.extensions import ExtensionDtype


def records(frame: pd.DataFrame) -> list[dict]:
    """frame.to_dict("records"), through one object array: pandas' to_dict walks Arrow-backed string
    columns (pandas 3's default str dtype) one element at a time and costs ~0.5 ms even for one row, and
    the lägesbild and the comparison make records of many small frames. As to_dict, a missing value in a
    nullable number column (Int32 …) becomes None, not pd.NA (tests/test_page_lagesbild.py compares)."""
    names = list(frame.columns)
    rows = frame.to_numpy(dtype=object).tolist()
    nullable = [
        i
        for i, dtype in enumerate(frame.dtypes)
        if isinstance(dtype, ExtensionDtype) and not isinstance(dtype, pd.StringDtype)
    ]
    if nullable:
        for row in rows:
            for i in nullable:
                if row[i] is pd.NA:
                    row[i] = None
    return [dict(zip(names, row)) for row in rows]
