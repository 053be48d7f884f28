"""The README's main command: the tour runbook runs cleanly on a fresh default lab and tidies up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_tour_runs_without_errors_and_leaves_setup_state(tmp_path: Path) -> None:
    env = dict(os.environ, EXCHANGE_SIM_LAB=str(tmp_path / "lab"))
    exe = Path(sys.executable).parent / "exchange-sim"
    done = subprocess.run([str(exe), "run", str(ROOT / "examples" / "tour.ps1")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    # The tour enabled its own certificate for IIS (...W...) and at the end IIS is back on setup's.
    assert "...W..." in done.stdout
    last_table = done.stdout.rsplit("Thumbprint ", 1)[1]
    assert "IP.WS..    CN=EXCH01" in last_table
    assert "mail.contoso.com" not in last_table
