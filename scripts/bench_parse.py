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

RUNS = int(os.environ.get("BENCH_RUNS", "41"))
FLOOR_REPEAT = 10
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


def _sample(action: Callable[[], object], repeat: int) -> float:
    """CPU seconds of one run of `action`, averaged over `repeat` runs in a row."""
    start = time.process_time()
    for _ in range(repeat):
        action()
    return (time.process_time() - start) / repeat


def _back_to_back(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm-up: imports, regex caches
    return [_sample(action, repeat) for _ in range(RUNS)]


def _interleaved(floor: Callable[[], object], target: Callable[[], object],
                 floor_repeat: int) -> tuple[list[float], list[float]]:
    """Samples of each action taken in turn, so that a busy machine slows both alike."""
    floor()
    target()
    floor_times: list[float] = []
    target_times: list[float] = []
    for _ in range(RUNS):
        floor_times.append(_sample(floor, floor_repeat))
        target_times.append(_sample(target, 1))
    return floor_times, target_times


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
        # One floor sample is FLOOR_REPEAT splits in a row: a single split (~2 ms) is short enough
        # for one scheduler hiccup to move it by tens of percent, a parse is not.
        floor_times, target_times = _back_to_back(read_split, FLOOR_REPEAT), _back_to_back(read_parse, 1)
        mixed_floor, mixed_target = _interleaved(read_split, read_parse, FLOOR_REPEAT)
    floor, target = statistics.median(floor_times), statistics.median(target_times)
    pair_ratios = [t / f for f, t in zip(mixed_floor, mixed_target)]
    line_count = text.count("\n")
    print(f"floor   read + re.findall(r'\\S+') of {line_count} lines  median {floor * 1000:8.3f} ms"
          f"   ({RUNS} samples of {FLOOR_REPEAT} runs)")
    print(f"target  read + parse() of {line_count} lines             median {target * 1000:8.3f} ms"
          f"   ({RUNS} samples)")
    print(f"ratio   parse / split (back to back, medians)           {target / floor:8.1f}x (aim <= 50x)")
    # Alternating the two evens out load from other processes, but the split then also runs with
    # colder caches; the median of the pairs' ratios also cancels slow drifts of the machine's load.
    print(f"ratio   parse / split (alternating runs, medians)       "
          f"{statistics.median(mixed_target) / statistics.median(mixed_floor):8.1f}x")
    print(f"ratio   parse / split (alternating, median pair ratio)  {statistics.median(pair_ratios):8.1f}x")
    print(f"ratio   parse / split (fastest sample of each)          {min(target_times) / min(floor_times):8.1f}x")


if __name__ == "__main__":
    main()
