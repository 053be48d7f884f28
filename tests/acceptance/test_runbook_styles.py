"""Issue 4's runbook styles (runbook-features.md §7), each written for exchange-sim in examples/runbooks/,
run unchanged with the real `exchange-sim run` on a fresh lab and judged by the lab's end state."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNBOOKS = ROOT / "examples" / "runbooks"
EXE = Path(sys.executable).parent / "exchange-sim"

FOUR_SERVERS = """
[organization]
name = "Contoso"
accepted_domains = ["contoso.com"]
{servers}
[[send_connectors]]
name = "Internet"
address_spaces = ["*"]
"""


def _lab(tmp_path: Path, servers: tuple[str, ...] = ("EXCH01",)) -> Path:
    blocks = "".join(
        f'\n[[servers]]\nname = "{name}"\nfqdn = "{name.lower()}.contoso.com"\nversion = "2019"\n' for name in servers
    )
    tmp_path.mkdir(parents=True, exist_ok=True)
    fixture = tmp_path / "lab.toml"
    fixture.write_text(FOUR_SERVERS.format(servers=blocks), encoding="utf-8")
    lab = tmp_path / "lab"
    subprocess.run([str(EXE), "lab", "new", str(lab), "--fixture", str(fixture)], check=True, capture_output=True)
    return lab


def _run(lab: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, EXCHANGE_SIM_LAB=str(lab))
    return subprocess.run([str(EXE), "run", "--lab", str(lab), *args], cwd=cwd or lab.parent, env=env,
                          capture_output=True, text=True, timeout=300)


def _value(lab: Path, expression: str, server: str | None = None) -> str:
    extra = ("--server", server) if server else ()
    done = _run(lab, *extra, "--command", expression)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _new_certificate(lab: Path, name: str, server: str | None = None) -> str:
    return _value(lab, f"(New-ExchangeCertificate -SubjectName 'cn={name}' -DomainName {name} "
                       f"-PrivateKeyExportable $true -Services None).Thumbprint", server)


def test_acme_install_hook_imports_the_pfx_enables_it_and_removes_the_older_certificate(tmp_path: Path) -> None:
    lab = _lab(tmp_path)
    old = _new_certificate(lab, "mail.contoso.com")
    # The renewed certificate arrives as a PFX on disk (made on a scratch lab, as an ACME client would).
    scratch = _lab(tmp_path / "acme")
    renewed = _new_certificate(scratch, "mail.contoso.com")
    pfx = _value(scratch, f"$p = ConvertTo-SecureString 'Acme#1' -AsPlainText -Force; "
                          f"[Convert]::ToBase64String((Export-ExchangeCertificate -Thumbprint {renewed} "
                          f"-BinaryEncoded -Password $p).FileData)")
    _value(lab, "New-Item -ItemType Directory -Path C:\\ProgramData\\acme | Out-Null; "
                f"[IO.File]::WriteAllBytes('C:\\ProgramData\\acme\\renewed.pfx', [Convert]::FromBase64String('{pfx}'))")

    done = _run(lab, str(RUNBOOKS / "acme-install-hook.ps1"), renewed, "IIS,SMTP", "1",
                "C:\\ProgramData\\acme\\renewed.pfx", "Acme#1")

    assert done.returncode == 0, done.stderr
    assert _value(lab, f"(Get-ExchangeCertificate -Thumbprint {renewed}).Services") == "IIS, SMTP"
    assert _value(lab, f"Test-Path Cert:\\LocalMachine\\My\\{old}") == "False"


def test_expiry_report_mails_one_html_report_covering_every_server(tmp_path: Path) -> None:
    lab = _lab(tmp_path, ("EXCH01", "EXCH02"))
    _new_certificate(lab, "short.contoso.com", server="EXCH02")
    subprocess.run([str(EXE), "lab", "clock", str(lab), "--shift", "+1800d"], check=True, capture_output=True)

    done = _run(lab, str(RUNBOOKS / "expiry-report.ps1"))

    assert done.returncode == 0, done.stderr
    assert "on 2 servers" in done.stdout
    outbox = subprocess.run([str(EXE), "lab", "outbox", str(lab)], capture_output=True, text=True, check=True)
    assert "messaging-team@contoso.com" in outbox.stdout
    assert "Exchange certificates" in outbox.stdout


def test_auth_rotation_makes_the_new_certificate_current_and_leaves_smtp_alone(tmp_path: Path) -> None:
    lab = _lab(tmp_path)
    transport_before = _value(lab, "(Get-TransportService).InternalTransportCertificateThumbprint")

    done = _run(lab, "--answer", "N", str(RUNBOOKS / "auth-rotation.ps1"))

    assert done.returncode == 0, done.stderr
    current = _value(lab, "(Get-AuthConfig).CurrentCertificateThumbprint")
    assert f": {current}" in done.stdout
    assert _value(lab, f"(Get-ExchangeCertificate -Thumbprint {current}).Subject") == \
        "CN=Microsoft Exchange Server Auth Certificate"
    assert _value(lab, "(Get-AuthConfig).PreviousCertificateThumbprint") == ""
    # Answering No to the overwrite prompt leaves the transport's default certificate where it was.
    assert _value(lab, "(Get-TransportService).InternalTransportCertificateThumbprint") == transport_before


def test_pfx_deploy_puts_the_same_certificate_with_its_key_on_three_more_servers(tmp_path: Path) -> None:
    lab = _lab(tmp_path, ("EXCH01", "EXCH02", "EXCH03", "EXCH04"))
    thumbprint = _new_certificate(lab, "mail.contoso.com", server="EXCH01")

    # A string[] parameter takes a list only from PowerShell itself (powershell -File passes text), so the
    # runbook is called from a command, through a mount of the examples folder.
    done = _run(lab, "--mount", f"C:\\Runbooks={RUNBOOKS}", "--command",
                f"& C:\\Runbooks\\pfx-deploy.ps1 -Thumbprint {thumbprint} -From EXCH01 -To EXCH02,EXCH03,EXCH04")

    assert done.returncode == 0, done.stderr
    for server in ("EXCH02", "EXCH03", "EXCH04"):
        shown = _value(lab, f"$c = Get-ExchangeCertificate -Thumbprint {thumbprint}; \"$($c.HasPrivateKey) $($c.Services)\"",
                       server=server)
        assert shown == "True IIS, SMTP"


def test_dsc_resource_module_sets_services_once_and_is_then_in_desired_state(tmp_path: Path) -> None:
    lab = _lab(tmp_path)
    thumbprint = _new_certificate(lab, "mail.contoso.com")

    # The module sits beside the script: mounted, $PSScriptRoot is C:\Runbooks and Import-Module finds it.
    apply = ("--mount", f"C:\\Runbooks={RUNBOOKS}", "--command", f"& C:\\Runbooks\\dsc-apply.ps1 -Thumbprint {thumbprint}")
    first = _run(lab, *apply)
    second = _run(lab, *apply)

    assert first.returncode == 0, first.stderr
    assert "before: False, after: True" in first.stdout
    assert "before: True, after: True" in second.stdout
    assert _value(lab, f"(Get-ExchangeCertificate -Thumbprint {thumbprint}).Services") == "IIS, SMTP"
