"""`exchange-sim run FILE`: the script's folder is visible in the lab, so $PSScriptRoot and siblings work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXE = Path(sys.executable).parent / "exchange-sim"
MAIN = '. "$PSScriptRoot\\common.ps1"\nGet-Common\n$PSCommandPath\n"done" | Out-File "$PSScriptRoot\\run.log"\n'


def _scripts(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "common.ps1").write_text('function Get-Common { "common from $PSScriptRoot" }\n', encoding="utf-8")
    (folder / "main.ps1").write_text(MAIN, encoding="utf-8")
    return folder / "main.ps1"


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, EXCHANGE_SIM_LAB=str(tmp_path / "lab"))
    return subprocess.run([str(EXE), "run", *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)


def test_script_folder_appears_as_c_runbooks_and_dot_sourcing_a_sibling_works(tmp_path: Path) -> None:
    script = _scripts(tmp_path / "ops")
    done = _run(tmp_path, str(script))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["common from C:\\Runbooks", "C:\\Runbooks\\main.ps1"]
    # Writing beside the script writes beside it on the host, as on a server.
    assert (tmp_path / "ops" / "run.log").read_bytes().decode("utf-16").strip() == "done"


def test_a_mount_that_holds_the_script_names_its_windows_path(tmp_path: Path) -> None:
    script = _scripts(tmp_path / "share" / "ops")
    done = _run(tmp_path, "--mount", f"D:\\Share={tmp_path / 'share'}", str(script))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["common from D:\\Share\\ops", "D:\\Share\\ops\\main.ps1"]
