"""What a cold `exchange-sim run` imports: the pieces it never uses stay unimported (scripts/bench_startup.py
measures the time; this pins the laziness that time depends on, without timing anything)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exchange_sim.lab import Lab

# Runs the console-script entry point in this interpreter and, at exit, writes the imported module names.
PROBE = """
import atexit, sys
listing, command = sys.argv[1:]
atexit.register(lambda: open(listing, "w").write("\\n".join(sorted(sys.modules))))
sys.argv = ["exchange-sim", "run", "--command", command]
from exchange_sim.cli import main
main()
"""


@pytest.fixture(scope="module")
def lab_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cold") / "lab"
    Lab.create(path).close()  # created beforehand: a first run seeds the lab, which is not start-up
    return path


def _imported_by_run(lab_dir: Path, tmp_path: Path, command: str) -> set[str]:
    listing = tmp_path / "modules.txt"
    env = dict(os.environ, EXCHANGE_SIM_LAB=str(lab_dir))
    done = subprocess.run([sys.executable, "-c", PROBE, str(listing), command], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return set(listing.read_text().split())


def test_one_plus_one_imports_no_sqlite_utils_remoting_toml_or_unused_cmdlet_families(lab_dir: Path,
                                                                                       tmp_path: Path) -> None:
    imported = _imported_by_run(lab_dir, tmp_path, "1+1")
    assert "exchange_sim.cli.run" in imported  # the probe really ran the command
    never = {"sqlite_utils", "click", "dateutil", "pluggy", "tomllib", "exchange_sim.remoting",
             "exchange_sim.cli.serve", "exchange_sim.cli.lab", "exchange_sim.powershell.builtins.text_search",
             "exchange_sim.powershell.builtins.conversion", "exchange_sim.powershell.builtins.discovery",
             "exchange_sim.powershell.builtins.measuring", "exchange_sim.lab.authority",
             "exchange_sim.lab.key_supply", "exchange_sim.lab.seeding"}
    assert never & imported == set()


def test_get_exchange_certificate_reads_the_lab_without_sqlite_utils_or_the_lab_ca(lab_dir: Path, tmp_path: Path) -> None:
    imported = _imported_by_run(lab_dir, tmp_path, "Get-ExchangeCertificate | Out-Null")
    assert "exchange_sim.exchange.get_certificate" in imported
    assert {"sqlite_utils", "tomllib", "exchange_sim.remoting", "exchange_sim.lab.authority",
            "exchange_sim.lab.seeding"} & imported == set()


def test_a_cmdlet_family_is_imported_when_its_command_is_first_used(lab_dir: Path, tmp_path: Path) -> None:
    imported = _imported_by_run(lab_dir, tmp_path, "@{a = 1} | ConvertTo-Json | Out-Null")
    assert "exchange_sim.powershell.builtins.conversion" in imported
    assert "exchange_sim.powershell.builtins.text_search" not in imported
