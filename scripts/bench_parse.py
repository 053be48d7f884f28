"""Parser speed against the cheapest possible reading of the same text.

Floor: read a 1,000-line runbook from disk and split it into words with one compiled regular
expression (`re.findall(r"\\S+", text)`). Target: read the same file and `parse()` it. The runbook
is the parser test corpus's runbooks repeated until it has 1,000 lines. The ratio is the figure
to watch (aim: at most 50x). Times are CPU time of this process (`time.process_time`), so other
processes on a shared machine disturb the figure less than with wall-clock time.
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

RUNS = int(os.environ.get("BENCH_RUNS", "21"))
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


def _times(action: Callable[[], object]) -> list[float]:
    action()  # warm-up: imports, regex caches
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return times


def _interleaved_medians(floor: Callable[[], object], target: Callable[[], object]) -> tuple[float, float]:
    """Median seconds of each action, run alternately so that a busy machine slows both alike."""
    floor()
    target()  # warm-up: imports, regex caches
    floor_times: list[float] = []
    target_times: list[float] = []
    for _ in range(RUNS):
        for action, times in ((floor, floor_times), (target, target_times)):
            start = time.process_time()
            action()
            times.append(time.process_time() - start)
    return statistics.median(floor_times), statistics.median(target_times)


def main() -> None:
    text = build_runbook()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "runbook.ps1"
        path.write_text(text, encoding="utf-8")
        result = parse(path.read_text(encoding="utf-8"), str(path))
        if result.errors:
            raise SystemExit(f"the benchmark runbook does not parse: {result.errors[0]}")
        read_split = lambda: WORDS.findall(path.read_text(encoding="utf-8"))  # noqa: E731
        read_parse = lambda: parse(path.read_text(encoding="utf-8"), str(path))  # noqa: E731
        floor_times, target_times = _times(read_split), _times(read_parse)
        mixed_floor, mixed_target = _interleaved_medians(read_split, read_parse)
    floor, target = statistics.median(floor_times), statistics.median(target_times)
    line_count = text.count("\n")
    print(f"floor   read + re.findall(r'\\S+') of {line_count} lines  median {floor * 1000:8.3f} ms")
    print(f"target  read + parse() of {line_count} lines             median {target * 1000:8.3f} ms")
    print(f"ratio   parse / split (back to back)                    {target / floor:8.1f}x (aim <= 50x)")
    # Alternating the two evens out load from other processes, but the split then also runs with
    # colder caches; both figures are printed so neither flatters the parser unseen.
    print(f"ratio   parse / split (alternating runs)                {mixed_target / mixed_floor:8.1f}x")
    print(f"ratio   parse / split (fastest run of each)             {min(target_times) / min(floor_times):8.1f}x")


if __name__ == "__main__":
    main()
