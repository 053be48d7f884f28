"""`exchange-sim lab …` through typer's runner (and one real subprocess of the console script)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exchange_sim.cli.app import build_app
from exchange_sim.lab import Lab


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def lab_dir(contoso_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "lab"
    shutil.copytree(contoso_template, path)
    return path


def _run(runner: CliRunner, *args: str):
    return runner.invoke(build_app(), ["lab", *args])


def test_lab_new_from_a_built_in_fixture_shows_its_servers(runner: CliRunner, tmp_path: Path) -> None:
    result = _run(runner, "new", str(tmp_path / "e"), "--fixture", "entrust-2007")
    assert result.exit_code == 0, result.output
    assert "Entrust Lab" in result.output
    assert "MAIL1" in result.output and "MAIL2" in result.output and "2007" in result.output
    lab = Lab.open(tmp_path / "e")
    try:
        assert lab._keys.spare_count() == 3  # spares kept so the next process starts warm
    finally:
        lab.close()


def test_lab_new_over_a_non_empty_folder_is_an_error_without_traceback(runner: CliRunner, lab_dir: Path) -> None:
    result = _run(runner, "new", str(lab_dir))
    assert result.exit_code == 1
    assert "not empty" in result.output and "Traceback" not in result.output


def test_lab_show_counts_certificates_per_store(runner: CliRunner, lab_dir: Path) -> None:
    result = _run(runner, "show", str(lab_dir))
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("EXCH01"))
    assert row.split()[:7] == ["EXCH01", "2019", "exch01.contoso.com", "2", "0", "1", "0"]


def test_lab_clock_set_shift_and_real(runner: CliRunner, lab_dir: Path) -> None:
    assert "2027-01-01T00:00:00+00:00 (pinned)" in _run(runner, "clock", str(lab_dir), "--set", "2027-01-01").output
    assert "2026-12-30T00:00:00+00:00 (pinned)" in _run(runner, "clock", str(lab_dir), "--shift", "-2d").output
    assert "(real)" in _run(runner, "clock", str(lab_dir), "--real").output
    bad = _run(runner, "clock", str(lab_dir), "--set", "someday")
    assert bad.exit_code == 1 and "not a date" in bad.output


def test_lab_trust_and_ca_issue_complete_the_request_flow(runner: CliRunner, lab_dir: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "k.pem"),
         "-out", str(tmp_path / "r.req"), "-subj", "/CN=mail.contoso.com"],
        check=True, capture_output=True,
    )
    result = _run(runner, "ca", str(lab_dir), "issue", str(tmp_path / "r.req"), "--out", str(tmp_path / "c.cer"))
    assert result.exit_code == 0, result.output
    text = subprocess.run(["openssl", "x509", "-in", str(tmp_path / "c.cer"), "-noout", "-subject", "-issuer"],
                          check=True, capture_output=True, text=True).stdout
    assert "CN = mail.contoso.com" in text and "Contoso Lab Root CA" in text

    p7b = _run(runner, "ca", str(lab_dir), "issue", str(tmp_path / "r.req"), "--out", str(tmp_path / "c.p7b"), "--p7b")
    assert p7b.exit_code == 0, p7b.output
    listed = subprocess.run(["openssl", "pkcs7", "-inform", "DER", "-in", str(tmp_path / "c.p7b"), "-print_certs", "-noout"],
                            check=True, capture_output=True, text=True).stdout
    assert listed.count("subject=") == 2

    # The lab CA's root, exported and trusted again on purpose, lands in Root (self-signed).
    lab = Lab.open(lab_dir)
    from cryptography.hazmat.primitives.serialization import Encoding

    (tmp_path / "root.cer").write_bytes(lab.certificate_authority().public_bytes(Encoding.DER))
    lab.close()
    trusted = _run(runner, "trust", str(lab_dir), str(tmp_path / "root.cer"))
    assert trusted.exit_code == 0 and trusted.output.startswith("trusted ")


def test_lab_ca_issue_of_a_bad_request_is_a_clear_error(runner: CliRunner, lab_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.req").write_text("not a request")
    result = _run(runner, "ca", str(lab_dir), "issue", str(tmp_path / "bad.req"), "--out", str(tmp_path / "c.cer"))
    assert result.exit_code == 1 and "not a certificate request" in result.output
    missing = _run(runner, "trust", str(lab_dir), str(tmp_path / "missing.cer"))
    assert missing.exit_code == 1 and "Traceback" not in missing.output


def test_lab_log_prints_redacted_command_lines(runner: CliRunner, lab_dir: Path) -> None:
    lab = Lab.open(lab_dir)
    lab.audit.record("EXCH01", "Export-ExchangeCertificate", {"Thumbprint": "AB" * 20, "Password": "pw1234"},
                     "Failed", "The private key is not exportable")
    lab.close()
    result = _run(runner, "log", str(lab_dir))
    assert result.exit_code == 0
    assert f"EXCH01     Failed     Export-ExchangeCertificate -Thumbprint {'AB' * 20} -Password ***" in result.output
    assert "error: The private key is not exportable" in result.output
    assert "pw1234" not in result.output


def test_console_script_runs_lab_show(lab_dir: Path) -> None:
    script = Path(sys.executable).parent / "exchange-sim"
    result = subprocess.run([str(script), "lab", "show", str(lab_dir)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Organization: Contoso" in result.stdout


def test_lab_user_adds_a_remoting_user_with_an_encrypted_password(runner: CliRunner, lab_dir: Path) -> None:
    result = _run(runner, "user", "add", str(lab_dir), "alice", "--password", "Tr1cky!pw")
    assert result.exit_code == 0 and "CONTOSO\\alice" in result.output
    lab = Lab.open(lab_dir)
    try:
        assert lab.user("contoso\\ALICE").password == "Tr1cky!pw"
    finally:
        lab.close()


def test_lab_user_add_with_a_role_group_is_listed_with_it(runner: CliRunner, lab_dir: Path) -> None:
    added = _run(runner, "user", "add", str(lab_dir), "viewer", "--password", "V1ew!",
                 "--role", "view-only organization management")
    listed = _run(runner, "user", "list", str(lab_dir))
    assert added.exit_code == 0, added.output
    assert "CONTOSO\\viewer" in listed.output and "View-Only Organization Management" in listed.output
    assert "CONTOSO\\administrator" in listed.output and "Organization Management" in listed.output


def test_lab_user_add_refuses_an_unknown_role_group_and_saves_nothing(runner: CliRunner, lab_dir: Path) -> None:
    result = _run(runner, "user", "add", str(lab_dir), "boss", "--password", "x", "--role", "Boss")
    assert result.exit_code == 2
    lab = Lab.open(lab_dir)
    try:
        assert lab.user("boss") is None
    finally:
        lab.close()


def test_lab_show_without_a_folder_uses_the_default_lab(runner: CliRunner, lab_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXCHANGE_SIM_LAB", str(lab_dir))
    result = _run(runner, "show")
    assert result.exit_code == 0, result.output
    assert f"Lab:          {lab_dir}" in result.output
