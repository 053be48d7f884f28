"""Issue 3 acceptance: Entrust's "How to install an Entrust UCC in Exchange Server 2007" (TN 7031) on an
entrust-2007 lab, the 2007 `-Path` forms as the article prints them, a CA made with openssl issuing
the certificate, and openssl checking every artifact."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from exchange_sim.lab import Lab
from tests.acceptance.conftest import EXE, TestAuthority, lab_dump, openssl, run_cli

# The article's first example as printed: its "-SubjectName" reached the page as "?SubjectName".
ARTICLE_FIRST_EXAMPLE = ("New-ExchangeCertificate -GenerateRequest ?SubjectName “c=us, o=entrust inc., "
                         "cn=mail1.entrust.com” -IncludeAcceptedDomains -Path c:\\certificates\\mail1.entrust.com.req")
# Its second example (typographic quotes and an en dash, as pasted from the page), asking for the
# Send connector's name too and an exportable key so the certificate can be backed up.
ARTICLE_SECOND_EXAMPLE = ("New-ExchangeCertificate -GenerateRequest -SubjectName “c=us, o=entrust inc., "
                          "cn=mail1.entrust.com” -DomainName mail.entrust.com, mail1.entrust.com "
                          "–IncludeAcceptedDomains -PrivateKeyExportable $true "
                          "-Path c:\\certificates\\mail1.entrust.com.req")
PASSWORD = "Entrust-Backup-1"


@pytest.fixture(scope="module")
def entrust_lab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("entrust-article") / "lab"
    subprocess.run([str(EXE), "lab", "new", str(path), "--fixture", "entrust-2007"], check=True, capture_output=True)
    with Lab.open(path) as lab:
        # The article assumes the admin made c:\certificates on each server.
        for server in ("MAIL1", "MAIL2"):
            lab.filesystem(server).mkdir("C:\\certificates")
    return path


def _host_path(lab_path: Path, server: str, windows_path: str) -> Path:
    with Lab.open(lab_path) as lab:
        return lab.filesystem(server).resolve(windows_path)


def _field(listing: str, name: str) -> list[str]:
    return [line.split(":", 1)[1].strip() for line in listing.splitlines() if line.startswith(f"{name} ")]


def test_the_question_mark_subject_line_fails_as_powershell_does_and_changes_nothing(entrust_lab: Path) -> None:
    before = lab_dump(entrust_lab)
    done = run_cli(entrust_lab, ARTICLE_FIRST_EXAMPLE)
    assert done.returncode == 1
    assert "A positional parameter cannot be found that accepts argument '?SubjectName'." in done.stderr
    assert "PositionalParameterNotFound" in done.stderr
    assert lab_dump(entrust_lab) == before


def test_the_article_flow_request_issue_import_enable_export_and_restore_on_a_second_server(
        entrust_lab: Path, test_authority: TestAuthority, tmp_path: Path) -> None:
    # 1. The request, written where -Path says; openssl verifies it and reads c, o, cn and the names.
    made = run_cli(entrust_lab, ARTICLE_SECOND_EXAMPLE)
    assert made.returncode == 0, made.stderr
    request = _host_path(entrust_lab, "MAIL1", "c:\\certificates\\mail1.entrust.com.req")
    assert made.stdout.strip() == request.read_text().strip()
    shown = openssl("req", "-in", str(request), "-verify", "-noout", "-subject", "-text", "-nameopt", "oneline")
    assert "subject=C = us, O = entrust inc., CN = mail1.entrust.com" in shown
    assert "DNS:mail.entrust.com, DNS:mail1.entrust.com, DNS:entrust.com" in shown

    # 2. The CA (openssl) issues it; the admin trusts the CA and copies the answer to the server.
    issued = test_authority.issue(request, tmp_path / "mail1.cer")
    subprocess.run([str(EXE), "lab", "trust", str(entrust_lab), str(test_authority.certificate)],
                   check=True, capture_output=True)
    shutil.copy(issued, _host_path(entrust_lab, "MAIL1", "c:\\certificates\\mail1.cer"))
    fingerprint = openssl("x509", "-in", str(issued), "-noout", "-fingerprint", "-sha1").split("=", 1)[1]
    thumbprint = fingerprint.strip().replace(":", "").upper()

    # 3. Import completes the request; piped into Enable (the SMTP overwrite and the Require SSL questions answered Yes).
    enabled = run_cli(entrust_lab, "Import-ExchangeCertificate -Path c:\\certificates\\mail1.cer | "
                                   "Enable-ExchangeCertificate -Services “IIS, SMTP, IMAP, POP”", answers=("Y", "Y"))
    assert enabled.returncode == 0, enabled.stderr
    listing = run_cli(entrust_lab, "Get-ExchangeCertificate | fl Thumbprint, Subject, Services, Status, HasPrivateKey")
    assert thumbprint in _field(listing.stdout, "Thumbprint")
    position = _field(listing.stdout, "Thumbprint").index(thumbprint)
    assert _field(listing.stdout, "Subject")[position] == "CN=mail1.entrust.com, O=entrust inc., C=us"
    assert _field(listing.stdout, "Services")[position] == "IMAP, POP, IIS, SMTP"
    assert _field(listing.stdout, "Status")[position] == "Valid"
    assert _field(listing.stdout, "HasPrivateKey")[position] == "True"

    # 4. The backup: a PFX that openssl opens with the password, its key matching the certificate.
    exported = run_cli(entrust_lab, f"Export-ExchangeCertificate -Thumbprint {thumbprint} -BinaryEncoded:$true "
                                    "-Path c:\\certificates\\mail1.pfx -Password:(Get-Credential).password",
                       credentials=(f"administrator:{PASSWORD}",))
    assert exported.returncode == 0, exported.stderr
    pfx = _host_path(entrust_lab, "MAIL1", "c:\\certificates\\mail1.pfx")
    opened = openssl("pkcs12", "-in", str(pfx), "-passin", f"pass:{PASSWORD}", "-nodes")
    key_public = openssl("pkey", "-pubout", input=opened)
    certificate_public = openssl("x509", "-noout", "-pubkey", input=opened)
    assert key_public == certificate_public
    with pytest.raises(subprocess.CalledProcessError):
        openssl("pkcs12", "-in", str(pfx), "-passin", "pass:wrong", "-nodes")

    # 5. Restored on the second server: same thumbprint, with its private key.
    shutil.copy(pfx, _host_path(entrust_lab, "MAIL2", "c:\\certificates\\mail1.pfx"))
    restored = run_cli(entrust_lab, "Import-ExchangeCertificate -Path c:\\certificates\\mail1.pfx "
                                    "-Password:(Get-Credential).password | fl Thumbprint, HasPrivateKey",
                       server="MAIL2", credentials=(f"administrator:{PASSWORD}",))
    assert restored.returncode == 0, restored.stderr
    assert _field(restored.stdout, "Thumbprint") == [thumbprint]
    assert _field(restored.stdout, "HasPrivateKey") == ["True"]
