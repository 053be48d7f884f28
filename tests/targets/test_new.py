"""§5 on a real lab: requests verified with openssl, and completed only on the server that made them."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from exchange_sim.lab.organization import Lab
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.get import get_certificates
from exchange_sim.targets.import_certificate import import_certificate
from exchange_sim.targets.new import NewCertificateRequest, new_certificate


@pytest.fixture(scope="module")
def contoso(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return Lab.create(Path(tmp_path_factory.mktemp("contoso-new")) / "lab", "contoso")


def test_request_verifies_in_openssl_and_carries_the_subject_and_names(contoso: Lab) -> None:
    server = contoso.servers()[0]
    wanted = NewCertificateRequest("C=US, O=Contoso, CN=mail.contoso.com", ("mail.contoso.com", "autodiscover.contoso.com"), True)
    with contoso.transaction():
        result = new_certificate(contoso, server, wanted)
        pending = get_certificates(contoso, server, thumbprint=result.thumbprint)[0]
    assert str(pending.status) == "PendingRequest" and pending.ps_properties()["ServicesStringForm"] == "......."
    shown = subprocess.run(["openssl", "req", "-verify", "-noout", "-text"], input=result.request_text,
                           capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert "CN" in shown.stdout and "mail.contoso.com" in shown.stdout and "DNS:autodiscover.contoso.com" in shown.stdout


def test_invalid_key_size_is_refused(contoso: Lab) -> None:
    with pytest.raises(CertificateFailure) as raised, contoso.transaction():
        new_certificate(contoso, contoso.servers()[0], NewCertificateRequest(None, (), False, key_size=3000))
    assert raised.value.key == "InvalidKeySize"


def test_request_issued_by_an_openssl_ca_completes_with_the_request_key(contoso: Lab, tmp_path: Path) -> None:
    server = contoso.servers()[0]
    with contoso.transaction():
        result = new_certificate(contoso, server, NewCertificateRequest(None, ("owa.contoso.com",), True))
    (tmp_path / "req.csr").write_text(result.request_text or "")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "ca.key"),
                    "-out", str(tmp_path / "ca.pem"), "-subj", "/CN=Test CA", "-days", "30"], check=True, capture_output=True)
    subprocess.run(["openssl", "x509", "-req", "-in", str(tmp_path / "req.csr"), "-CA", str(tmp_path / "ca.pem"),
                    "-CAkey", str(tmp_path / "ca.key"), "-CAcreateserial", "-out", str(tmp_path / "issued.cer"),
                    "-outform", "DER", "-days", "20"], check=True, capture_output=True)
    with contoso.transaction():
        thumbprint = import_certificate(contoso, server, (tmp_path / "issued.cer").read_bytes(), None, False)
        entry = contoso.store(server.name, "My").get(thumbprint)
        assert contoso.store(server.name, "REQUEST").get(result.thumbprint) is None
    assert entry is not None and entry.has_private_key
