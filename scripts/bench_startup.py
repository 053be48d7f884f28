"""Cold start: `exchange-sim run --command ...` against `python -c "import cryptography.x509, sqlite3"`.

The floor is the import of what any certificate tool needs; the target is ≤ 3× (issues 2 and 3).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / ".venv" / "bin" / "exchange-sim"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def median_seconds(argv: list[str], env: dict[str, str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, EXCHANGE_SIM_LAB=str(Path(tmp) / "lab"))
        # An installed tool runs from cached bytecode; a sandbox that sets PYTHONDONTWRITEBYTECODE would
        # otherwise make every run recompile the whole package and measure the compiler.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([str(EXE), "run", "--command", "1+1"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        # Create the lab once so the Get-ExchangeCertificate run measures start-up, not seeding.
        subprocess.run([str(EXE), "run", "--command", "Get-ExchangeCertificate"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        floor = median_seconds([sys.executable, "-c", "import cryptography.x509, sqlite3"], env)
        one_plus_one = median_seconds([str(EXE), "run", "--command", "1+1"], env)
        get_cert = median_seconds([str(EXE), "run", "--command", "Get-ExchangeCertificate"], env)
    print(f"floor  python -c 'import cryptography.x509, sqlite3'   median {floor * 1000:7.1f} ms")
    print(f"run --command '1+1'                               median {one_plus_one * 1000:7.1f} ms  ratio {one_plus_one / floor:5.2f}x (target <= 3x)")
    print(f"run --command Get-ExchangeCertificate             median {get_cert * 1000:7.1f} ms  ratio {get_cert / floor:5.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
