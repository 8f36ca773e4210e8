"""Bad rows in the RUFS follow-up's region tables are refused in Swedish with file, row and field; nothing written."""

import pytest

from data.curated_files import DataError
from tests.test_build import build_from, curated, edit  # noqa: F401  (curated is a fixture)

BAD = [
    ("rankings.csv", ",1,272,", ",1,272 st,", ["rankings.csv, rad 2", "fält «out_of»", "«272 st» är inget heltal"]),
    ("european_comparison.csv", ",9,%,", ",9 procent,%,", ["european_comparison.csv, rad 2", "fält «value»"]),
    ("european_region_values.csv", "bostad-acceptabelt-pris,Paris", "okand,Paris", ["okänd jämförelse «okand»"]),
    ("delmal_trends.csv", "rufs-bostader-per-ar,,nej,", "rufs-bostader-per-ar,➔,nej,", ["fält «readable»"]),
    ("delmal_trends.csv", "rufs-bostader-per-ar,,nej,", "rufs-bostader-per-ar,,kanske,", ["«kanske» är inte ett av"]),
    ("rankings.csv", "global-green-economy-index,", "sustainable-cities-index,", ["finns redan tidigare"]),
]


@pytest.mark.parametrize("file,old,new,words", BAD, ids=[b[0] + ":" + b[2] for b in BAD])
def test_bad_region_row_is_refused(curated, tmp_path, file, old, new, words):  # noqa: F811
    edit(curated / "rufs-2020" / file, old, new)
    with pytest.raises(DataError) as err:
        build_from(curated, tmp_path / "s.duckdb")
    for word in words:
        assert word in str(err.value)
    assert not (tmp_path / "s.duckdb").exists()
