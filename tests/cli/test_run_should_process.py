"""ShouldProcess end to end: a runbook's advanced function passes -WhatIf to Remove-ExchangeCertificate, and
Remove-ExchangeCertificate's ConfirmImpact High prompt is answered by --answer or refused when nobody can
answer; the lab's certificates show the effect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXE = Path(sys.executable).with_name("exchange-sim")

RUNBOOK = """
function Remove-Expired {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)][string]$Thumbprint)
    process { Remove-ExchangeCertificate -Thumbprint $Thumbprint }
}
Get-ExchangeCertificate | Select-Object -First 1 | Remove-Expired -WhatIf
"""


def _run(lab: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), "run", "--lab", str(lab), *args], capture_output=True, text=True, check=False)


def _count(lab: Path) -> int:
    return int(_run(lab, "--command", "@(Get-ExchangeCertificate).Count").stdout.strip())


def test_what_if_given_to_a_function_reaches_remove_exchange_certificate(tmp_path: Path) -> None:
    lab = tmp_path / "lab"
    before = _count(lab)
    script = tmp_path / "rotate.ps1"
    script.write_text(RUNBOOK, encoding="utf-8")
    result = _run(lab, str(script))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("What if: Remove certificate with thumbprint ")
    assert _count(lab) == before


def test_remove_prompts_and_follows_the_answer(tmp_path: Path) -> None:
    lab = tmp_path / "lab"
    before = _count(lab)
    pick = "$t = (Get-ExchangeCertificate | Where-Object Subject -like '*Auth Certificate')[0].Thumbprint; "
    refused = _run(lab, "--command", pick + "Remove-ExchangeCertificate -Thumbprint $t")
    assert "Windows PowerShell is in NonInteractive mode." in refused.stderr
    assert _count(lab) == before
    declined = _run(lab, "--answer", "n", "--command", pick + "Remove-ExchangeCertificate -Thumbprint $t")
    assert declined.returncode == 0 and _count(lab) == before
    accepted = _run(lab, "--answer", "y", "--command", pick + "Remove-ExchangeCertificate -Thumbprint $t")
    assert accepted.returncode == 0, accepted.stderr
    assert _count(lab) == before - 1


ADVANCED_SCRIPT = """[CmdletBinding(SupportsShouldProcess)]
param([string]$Subject = '*Auth Certificate')
Get-ExchangeCertificate | Where-Object Subject -like $Subject | ForEach-Object {
    if ($PSCmdlet.ShouldProcess($_.Thumbprint, 'Retire')) { Remove-ExchangeCertificate -Thumbprint $_.Thumbprint -Confirm:$false }
}
"""


def test_run_file_what_if_reaches_an_advanced_scripts_should_process(tmp_path: Path) -> None:
    lab = tmp_path / "lab"
    before = _count(lab)
    script = tmp_path / "retire.ps1"
    script.write_text(ADVANCED_SCRIPT, encoding="utf-8")
    result = _run(lab, str(script), "-WhatIf")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('What if: Performing the operation "Retire" on target "')
    assert _count(lab) == before
    done = _run(lab, str(script))
    assert done.returncode == 0, done.stderr
    assert _count(lab) == before - 1
