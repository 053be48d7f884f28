"""Import-/Export-PfxCertificate and Import-/Export-Certificate on a lab: the files are checked with the
`openssl` command line, the stores through Get-ExchangeCertificate and the lab."""

from __future__ import annotations

import subprocess
from pathlib import Path

from exchange_sim.lab import Lab

_PASSWORD = "$p = ConvertTo-SecureString 'P@ssw0rd!' -AsPlainText -Force\n"


def _c(lab: Lab) -> Path:
    return lab.path / "fs" / "EXCH01" / "C"


def _new_exportable(ps, name: str = "pfx.contoso.com") -> str:
    (thumbprint,) = ps.run(f"(New-ExchangeCertificate -SubjectName 'cn={name}' -DomainName {name} "
                           "-PrivateKeyExportable $true -Services None).Thumbprint")
    return thumbprint


def _openssl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["openssl", *args], capture_output=True, text=True, check=False)


def test_export_pfx_certificate_writes_a_pfx_openssl_opens(lab: Lab, shell) -> None:
    ps = shell()
    thumbprint = _new_exportable(ps)
    ps.run(_PASSWORD + "New-Item C:\\backup -ItemType Directory | Out-Null\n"
           f"Export-PfxCertificate -Cert Cert:\\LocalMachine\\My\\{thumbprint} -FilePath C:\\backup\\m.pfx "
           "-Password $p | Out-Null")
    assert ps.errors == ""
    pfx = _c(lab) / "backup" / "m.pfx"
    certificate = _openssl("pkcs12", "-in", str(pfx), "-passin", "pass:P@ssw0rd!", "-nokeys", "-clcerts")
    assert certificate.returncode == 0, certificate.stderr
    fingerprint = subprocess.run(["openssl", "x509", "-noout", "-fingerprint", "-sha1"], input=certificate.stdout,
                                 capture_output=True, text=True, check=True).stdout
    assert fingerprint.strip().split("=", 1)[1].replace(":", "") == thumbprint
    assert _openssl("pkcs12", "-in", str(pfx), "-passin", "pass:wrong", "-noout").returncode != 0


def test_export_pfx_certificate_takes_a_piped_certificate_and_refuses_without_password(lab: Lab, shell) -> None:
    ps = shell()
    thumbprint = _new_exportable(ps)
    ps.run(_PASSWORD + f"Get-Item Cert:\\LocalMachine\\My\\{thumbprint} | Export-PfxCertificate -FilePath C:\\p.pfx"
           " -Password $p | Out-Null")
    assert (_c(lab) / "p.pfx").exists()
    ps.run(f"Export-PfxCertificate -Cert Cert:\\LocalMachine\\My\\{thumbprint} -FilePath C:\\q.pfx")
    assert "Password" in ps.errors
    assert not (_c(lab) / "q.pfx").exists()


def test_a_non_exportable_key_is_refused(lab: Lab, shell) -> None:
    ps = shell()
    (thumbprint,) = ps.run("(New-ExchangeCertificate -SubjectName 'cn=locked.contoso.com' -Services None).Thumbprint")
    ps.run(_PASSWORD + f"Export-PfxCertificate -Cert Cert:\\LocalMachine\\My\\{thumbprint} -FilePath C:\\l.pfx "
           "-Password $p")
    assert "Cannot export non-exportable private key." in ps.errors
    assert ps.run("$Error[0].FullyQualifiedErrorId") == [
        "System.Security.Cryptography.CryptographicException,Microsoft.CertificateServices.Commands."
        "ExportPfxCertificate"]
    assert not (_c(lab) / "l.pfx").exists()


def test_import_pfx_certificate_restores_key_and_exchange_sees_it(lab: Lab, shell) -> None:
    ps = shell()
    thumbprint = _new_exportable(ps)
    ps.run(_PASSWORD + f"Export-PfxCertificate -Cert Cert:\\LocalMachine\\My\\{thumbprint} -FilePath C:\\m.pfx "
           f"-Password $p | Out-Null\nRemove-Item Cert:\\LocalMachine\\My\\{thumbprint} -DeleteKey")
    assert ps.run(f"Test-Path Cert:\\LocalMachine\\My\\{thumbprint}") == [False]
    imported = ps.run(_PASSWORD + "(Import-PfxCertificate -FilePath C:\\m.pfx -CertStoreLocation "
                      "Cert:\\LocalMachine\\My -Password $p -Exportable).Thumbprint")
    assert imported == [thumbprint]
    assert ps.run(f"(Get-ExchangeCertificate -Thumbprint {thumbprint}).HasPrivateKey") == [True]
    with lab.transaction():
        entry = lab.store("EXCH01", "My").get(thumbprint)
        assert entry is not None and entry.exportable
        assert lab.private_key("EXCH01", thumbprint) is not None


def test_import_pfx_without_exportable_keeps_the_key_locked(lab: Lab, shell) -> None:
    ps = shell()
    thumbprint = _new_exportable(ps)
    ps.run(_PASSWORD + f"Export-PfxCertificate -Cert Cert:\\LocalMachine\\My\\{thumbprint} -FilePath C:\\m.pfx "
           f"-Password $p | Out-Null\nRemove-Item Cert:\\LocalMachine\\My\\{thumbprint}\n"
           "Import-PfxCertificate -FilePath C:\\m.pfx -CertStoreLocation Cert:\\LocalMachine\\My -Password $p | Out-Null")
    with lab.transaction():
        entry = lab.store("EXCH01", "My").get(thumbprint)
    assert entry is not None and entry.has_private_key and not entry.exportable


def test_import_pfx_with_a_wrong_password_changes_nothing(lab: Lab, shell) -> None:
    ps = shell()
    thumbprint = _new_exportable(ps)
    ps.run(_PASSWORD + f"Export-PfxCertificate -Cert Cert:\\LocalMachine\\My\\{thumbprint} -FilePath C:\\m.pfx "
           f"-Password $p | Out-Null\nRemove-Item Cert:\\LocalMachine\\My\\{thumbprint}")
    before = {entry.thumbprint for entry in lab.store("EXCH01", "My").list()}
    ps.run("$bad = ConvertTo-SecureString 'nope' -AsPlainText -Force\n"
           "Import-PfxCertificate -FilePath C:\\m.pfx -CertStoreLocation Cert:\\LocalMachine\\My -Password $bad")
    assert "The PFX file you are trying to import requires either a different password" in ps.errors
    assert ps.run("$Error[0].FullyQualifiedErrorId") == [
        "System.ComponentModel.Win32Exception,Microsoft.CertificateServices.Commands.ImportPfxCertificate"]
    assert {entry.thumbprint for entry in lab.store("EXCH01", "My").list()} == before


def test_export_and_import_certificate_move_the_public_part(lab: Lab, shell) -> None:
    ps = shell()
    thumbprint = _new_exportable(ps, "pub.contoso.com")
    ps.run(f"Export-Certificate -Cert Cert:\\LocalMachine\\My\\{thumbprint} -FilePath C:\\pub.cer | Out-Null")
    subject = _openssl("x509", "-inform", "DER", "-in", str(_c(lab) / "pub.cer"), "-noout", "-subject")
    assert "pub.contoso.com" in subject.stdout
    assert ps.run("(Import-Certificate -FilePath C:\\pub.cer -CertStoreLocation Cert:\\LocalMachine\\Root)"
                  ".Thumbprint") == [thumbprint]
    with lab.transaction():
        root = lab.store("EXCH01", "Root").get(thumbprint)
    assert root is not None and not root.has_private_key


def test_import_pfx_relative_path_follows_set_location(lab: Lab, shell) -> None:
    ps = shell()
    thumbprint = _new_exportable(ps)
    ps.run(_PASSWORD + "New-Item C:\\drop -ItemType Directory | Out-Null; Set-Location C:\\drop\n"
           f"Export-PfxCertificate -Cert Cert:\\LocalMachine\\My\\{thumbprint} -FilePath .\\rel.pfx -Password $p"
           " | Out-Null")
    assert (_c(lab) / "drop" / "rel.pfx").exists()
