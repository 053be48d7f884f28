"""Parser speed against the cheapest possible reading of the same text.

Floor: read a 1,000-line runbook from disk and split it into words with one compiled regular
expression (`re.findall(r"\\S+", text)`). Target: read the same file and `parse()` it. The runbook
is the parser test corpus's runbooks repeated until it has 1,000 lines. The ratio is the figure
to watch (aim: at most 50x).
"""

from __future__ import annotations

import os
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from exchange_sim.powershell.parser import parse

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
LINES = 1000
RUNBOOKS = Path(__file__).resolve().parent.parent / "tests" / "powershell" / "parser" / "corpus" / "runbooks"
WORDS = re.compile(r"\S+")


def build_runbook() -> str:
    """The runbook corpus repeated to at least LINES lines; each copy becomes the body of its own
    function, because a script's `[CmdletBinding()] param()` may only open a script block."""
    pieces = [p.read_text(encoding="utf-8") for p in sorted(RUNBOOKS.glob("*.ps1"))]
    if not pieces:
        raise SystemExit(f"no runbooks found in {RUNBOOKS}")
    lines: list[str] = []
    copy = 0
    while len(lines) < LINES:
        for piece in pieces:
            copy += 1
            lines.append(f"function Invoke-Runbook{copy} {{")
            lines.extend(piece.rstrip("\n").split("\n"))
            lines.append("}")
    return "\n".join(lines) + "\n"


def _median_seconds(action: Callable[[], object]) -> float:
    action()  # warm-up: imports, regex caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    text = build_runbook()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "runbook.ps1"
        path.write_text(text, encoding="utf-8")
        result = parse(path.read_text(encoding="utf-8"), str(path))
        if result.errors:
            raise SystemExit(f"the benchmark runbook does not parse: {result.errors[0]}")
        floor = _median_seconds(lambda: WORDS.findall(path.read_text(encoding="utf-8")))
        target = _median_seconds(lambda: parse(path.read_text(encoding="utf-8"), str(path)))
    line_count = text.count("\n")
    print(f"floor   read + re.findall(r'\\S+') of {line_count} lines  median {floor * 1000:8.3f} ms")
    print(f"target  read + parse() of {line_count} lines             median {target * 1000:8.3f} ms")
    print(f"ratio   parse / split                                   {target / floor:8.1f}x (aim <= 50x)")


if __name__ == "__main__":
    main()
