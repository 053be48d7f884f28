"""Issue 3 acceptance: the 2016+/SE forms on the contoso lab — the request captured and written with
Set-Content, the answer read with [IO.File]::ReadAllBytes into -FileData, Import piped into Enable,
the backup written with Set-Content -Encoding Byte — and the default table before and after."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from exchange_sim.lab import Lab
from tests.acceptance.conftest import EXE, TestAuthority, openssl, run_cli

REQUEST = r"""
New-Item -ItemType Directory -Path C:\req | Out-Null
$req = New-ExchangeCertificate -GenerateRequest -SubjectName "C=US,O=Contoso,CN=mail.contoso.com" `
        -DomainName mail.contoso.com,autodiscover.contoso.com -PrivateKeyExportable $true
Set-Content -Path C:\req\mail.req -Value $req
"""

COMPLETE = r"""
Get-ExchangeCertificate | Format-Table
$cert = Import-ExchangeCertificate -Server EXCH01 -FileData ([System.IO.File]::ReadAllBytes('C:\req\mail.cer'))
$cert | Enable-ExchangeCertificate -Services IIS,SMTP,POP,IMAP -Force
Get-ExchangeCertificate | Format-Table
$pw  = ConvertTo-SecureString 'P@ssw0rd' -AsPlainText -Force
$bin = Export-ExchangeCertificate -Thumbprint $cert.Thumbprint -Server EXCH01 -BinaryEncoded -Password $pw
Set-Content -Path C:\req\mail.pfx -Value $bin.FileData -Encoding Byte
"""


def _rows(table: str) -> dict[str, str]:
    """Subject -> services mask, from the default certificate table."""
    rows: dict[str, str] = {}
    for line in table.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and len(parts[0]) == 40:
            rows[parts[2].strip()] = parts[1]
    return rows


def test_the_2016_flow_completes_enables_and_moves_services_as_section_3_says(
        tmp_path: Path, test_authority: TestAuthority) -> None:
    lab = tmp_path / "lab"
    subprocess.run([str(EXE), "lab", "new", str(lab)], check=True, capture_output=True)
    subprocess.run([str(EXE), "lab", "trust", str(lab), str(test_authority.certificate)], check=True, capture_output=True)
    made = run_cli(lab, REQUEST)
    assert made.returncode == 0, made.stderr
    with Lab.open(lab) as opened:
        request = opened.filesystem("EXCH01").resolve("C:\\req\\mail.req")
        answer = opened.filesystem("EXCH01").resolve("C:\\req\\mail.cer")
        pfx = opened.filesystem("EXCH01").resolve("C:\\req\\mail.pfx")
    shown = openssl("req", "-in", str(request), "-verify", "-noout", "-subject", "-text")
    assert "subject=C = US, O = Contoso, CN = mail.contoso.com" in shown
    assert "DNS:mail.contoso.com, DNS:autodiscover.contoso.com" in shown
    shutil.copy(test_authority.issue(request, tmp_path / "mail.cer", outform="DER"), answer)

    done = run_cli(lab, COMPLETE)
    assert done.returncode == 0, done.stderr
    before, after = done.stdout.split("Thumbprint ")[1], done.stdout.split("Thumbprint ")[2]
    # The pending request is listed with no services until the answer completes it.
    assert _rows(before) == {"CN=mail.contoso.com, O=Contoso, C=US": ".......", "CN=EXCH01": "IP.WS..",
                             "CN=Microsoft Exchange Server Auth Certificate": "....S.."}
    # §3: IMAP/POP follow X509CertificateName to the new certificate, IIS is added by the Default Web
    # Site binding while setup's keeps W through the Exchange Back End site, and SMTP stays on the old
    # certificate through its key ACL.
    assert _rows(after) == {"CN=mail.contoso.com, O=Contoso, C=US": "IP.WS..", "CN=EXCH01": "...WS..",
                            "CN=Microsoft Exchange Server Auth Certificate": "....S.."}

    opened_pfx = openssl("pkcs12", "-in", str(pfx), "-passin", "pass:P@ssw0rd", "-nodes")
    assert openssl("pkey", "-pubout", input=opened_pfx) == openssl("x509", "-noout", "-pubkey", input=opened_pfx)
    fingerprint = openssl("x509", "-noout", "-fingerprint", "-sha1", input=opened_pfx).split("=", 1)[1]
    issued = openssl("x509", "-in", str(tmp_path / "mail.cer"), "-inform", "DER", "-noout", "-fingerprint", "-sha1")
    assert fingerprint == issued.split("=", 1)[1]
