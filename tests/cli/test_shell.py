"""`exchange-sim shell` fed from a pipe: statements run in one session, incomplete input continues."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXE = Path(sys.executable).with_name("exchange-sim")


def test_shell_keeps_variables_and_joins_incomplete_lines() -> None:
    script = "$x = 20\nif ($x -gt 10) {\n'big'\n}\n$x + 1\n"
    result = subprocess.run([str(EXE), "shell"], input=script, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["big", "21"]
