"""scripts/benchmark.py's browser side in its quick mode (one page with a floor, one repetition, 1× data): it
runs end to end and prints every table with figures, so the script cannot rot. It asserts no timing: the
figures are for people."""

import re
import subprocess
import sys

from tests.conftest import REPO

NUMBER = r"\d+"


def test_benchmark_browser_quick_mode_prints_the_tables(tmp_path):
    command = [
        sys.executable,
        "scripts/benchmark.py",
        "--browser",
        "only",
        "--scales",
        "x1",
        "--only",
        "lagesbild.py",
        "--browser-runs",
        "1",
        "--loads",
        "2",
        "--sessions",
        "2",
        "--start-rounds",
        "1",
        "--cold-changes",
        "2",
        "--workdir",
        str(tmp_path / "bench"),
    ]
    out = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=900)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    text = out.stdout
    assert re.search(r"last \(uptime\) [\d.]+ [\d.]+ [\d.]+", text)  # the machine's load is printed
    # start: app ms, bare ms, ratio
    assert re.search(rf"serverstart → första sida\s+{NUMBER}\s+{NUMBER}\s+[\d.]+", text)
    # a full load: cold ms, ratio, warm ms, ratio, kB sent, elements
    assert re.search(rf"\nLägesbild\s+{NUMBER}\s+[\d.]+\s+{NUMBER}\s+[\d.]+\s+{NUMBER}\s+{NUMBER}\n", text)
    # the filter change in the browser, next to the floor's
    assert re.search(rf"\nLägesbild\s+{NUMBER}\s+[\d.]+\s+{NUMBER}\s+[\d.]+\s+kärna", text)
    assert re.search(rf"\(golv: selectbox\)\s+{NUMBER}\s+{NUMBER}", text)
    assert re.search(
        rf"1×: efter start {NUMBER} · efter varje sida {NUMBER} · efter filterändringarna {NUMBER} · "
        rf"2 sessioner öppna {NUMBER}",
        text,
    )
    # a change that redraws a chart, on the bare page, next to Lägesbild's
    assert re.search(rf"ritar om ett diagram.*\nLägesbild\s+{NUMBER}\s+{NUMBER}\s+[\d.]+\n", text, re.S)
    # Lägesbild's floor: the same kind of chart alone on the bare page, and the page as a multiple of it
    assert re.search(rf"\nLägesbild\s+{NUMBER}\s+[\d.]+\s+[\d.]+\s+ett diagram\n", text)
    assert "nan" not in text
