"""A script's param() block binds like an advanced function's: validation and missing mandatory
parameters stop the script with PowerShell's message and exit code 1, --answer fills a mandatory prompt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXE = Path(sys.executable).with_name("exchange-sim")

SCRIPT = """[CmdletBinding()]
param([Parameter(Mandatory)][ValidateSet('IIS','SMTP')][string]$Service, [int]$Days = 30)
"service=$Service days=$Days bound=$($PSBoundParameters.Count)"
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), "run", *args], capture_output=True, text=True, check=False)


def test_invalid_script_argument_stops_the_script_with_its_validation_message(tmp_path: Path) -> None:
    script = tmp_path / "enable.ps1"
    script.write_text(SCRIPT, encoding="utf-8")
    result = _run(str(script), "-Service", "POP")
    assert result.returncode == 1 and result.stdout == ""
    assert "Cannot validate argument on parameter 'Service'. The argument \"POP\" does not belong" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_mandatory_script_parameter_fails_without_answers_and_is_asked_with_them(tmp_path: Path) -> None:
    script = tmp_path / "enable.ps1"
    script.write_text(SCRIPT, encoding="utf-8")
    refused = _run(str(script))
    assert refused.returncode == 1
    assert "missing mandatory parameters: Service." in refused.stderr and "Traceback" not in refused.stderr
    answered = _run("--answer", "SMTP", str(script))
    assert answered.returncode == 0
    assert "Supply values for the following parameters:" in answered.stdout
    assert answered.stdout.rstrip().endswith("service=SMTP days=30 bound=1")
