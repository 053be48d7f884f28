"""§8.2 on a real lab, checked with the openssl command line."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from exchange_sim.lab.organization import Lab
from exchange_sim.targets.export import export_certificate
from exchange_sim.targets.failures import CertificateFailure


@pytest.fixture(scope="module")
def contoso(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return Lab.create(Path(tmp_path_factory.mktemp("contoso-export")) / "lab", "contoso")


def entries(lab: Lab) -> list:
    server = lab.servers()[0]
    with lab.transaction():
        return lab.store(server.name, "My").list()


def test_non_exportable_key_is_refused(contoso: Lab) -> None:
    server = contoso.servers()[0]
    locked = [e for e in entries(contoso) if e.has_private_key and not e.exportable]
    assert locked, "setup's certificate is seeded non-exportable"
    with pytest.raises(CertificateFailure) as raised, contoso.transaction():
        export_certificate(contoso, server, str(locked[0].thumbprint), "P@ssw0rd")
    assert raised.value.key == "ExportCertificateAs12KeyNotExportable"


def test_export_without_password_is_refused(contoso: Lab) -> None:
    server = contoso.servers()[0]
    with pytest.raises(CertificateFailure) as raised, contoso.transaction():
        export_certificate(contoso, server, str(entries(contoso)[0].thumbprint), None)
    assert raised.value.key == "ExportWithPrivateKeyRequiresPassword"


def test_exported_pfx_opens_in_openssl_with_the_password(contoso: Lab, tmp_path: Path) -> None:
    server = contoso.servers()[0]
    exportable = [e for e in entries(contoso) if e.has_private_key and e.exportable]
    assert exportable, "the Auth certificate is exportable"
    thumbprint = str(exportable[0].thumbprint).upper()
    with contoso.transaction():
        exported = export_certificate(contoso, server, thumbprint, "P@ssw0rd")
    pfx = tmp_path / "cert.pfx"
    pfx.write_bytes(exported.data)
    pem = subprocess.run(["openssl", "pkcs12", "-in", str(pfx), "-passin", "pass:P@ssw0rd", "-nokeys"],
                         capture_output=True, text=True, check=True).stdout
    fingerprint = subprocess.run(["openssl", "x509", "-noout", "-fingerprint", "-sha1"], input=pem,
                                 capture_output=True, text=True, check=True).stdout
    assert fingerprint.strip().split("=", 1)[1].replace(":", "") == thumbprint
    wrong = subprocess.run(["openssl", "pkcs12", "-in", str(pfx), "-passin", "pass:wrong", "-nokeys"],
                           capture_output=True, text=True)
    assert wrong.returncode != 0
