"""Trusting CA certificates lab-wide, and the lab CA that signs requests (checked with openssl)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cryptography import x509

from exchange_sim.certs.thumbprint import Thumbprint
from exchange_sim.lab import Lab, LabError


def _openssl(*args: str, cwd: Path) -> str:
    result = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def openssl_chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A root and an intermediate made by openssl, the way an outside CA hands them out."""
    folder = tmp_path_factory.mktemp("openssl-ca")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem",
             "-subj", "/CN=Outside Root", "-days", "30", cwd=folder)
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "sub.key", "-out", "sub.csr",
             "-subj", "/CN=Outside Intermediate", cwd=folder)
    (folder / "ext.cnf").write_text("basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n")
    _openssl("x509", "-req", "-in", "sub.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial",
             "-out", "sub.pem", "-days", "30", "-extfile", "ext.cnf", cwd=folder)
    return folder


def test_self_signed_root_goes_to_every_servers_root_store(entrust_template: Path, tmp_path: Path,
                                                            openssl_chain: Path) -> None:
    import shutil

    shutil.copytree(entrust_template, tmp_path / "lab")
    lab = Lab.open(tmp_path / "lab")
    try:
        [thumbprint] = lab.trust((openssl_chain / "root.pem").read_bytes())
        for server in lab.servers():
            assert thumbprint in lab.store(server, "Root")
            assert thumbprint not in lab.store(server, "CA")
        [intermediate] = lab.trust((openssl_chain / "sub.pem").read_bytes())
        for server in lab.servers():
            assert intermediate in lab.store(server, "CA")
            assert intermediate not in lab.store(server, "Root")
    finally:
        lab.close()


def test_trusting_a_non_certificate_is_a_lab_error(contoso_copy: Lab) -> None:
    with pytest.raises(LabError, match="not a certificate"):
        contoso_copy.trust(b"hello, I am not a certificate")


def test_lab_ca_signs_an_openssl_request_and_openssl_verifies_the_chain(
    contoso_copy: Lab, tmp_path: Path
) -> None:
    _openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-out", "r.req",
             "-subj", "/CN=mail.contoso.com", "-addext", "subjectAltName=DNS:mail.contoso.com,DNS:autodiscover.contoso.com",
             cwd=tmp_path)
    issued = contoso_copy.issue_certificate((tmp_path / "r.req").read_bytes())
    from cryptography.hazmat.primitives.serialization import Encoding

    (tmp_path / "leaf.pem").write_bytes(issued.certificate.public_bytes(Encoding.PEM))
    (tmp_path / "ca.pem").write_bytes(issued.ca_certificate.public_bytes(Encoding.PEM))
    assert "leaf.pem: OK" in _openssl("verify", "-CAfile", "ca.pem", "leaf.pem", cwd=tmp_path)
    names = issued.certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["mail.contoso.com", "autodiscover.contoso.com"]
    assert issued.certificate.not_valid_before_utc.date() == contoso_copy.clock.now().date()
    # The CA, made on first use, is trusted by every server, like an enterprise CA.
    assert Thumbprint.of(issued.ca_certificate).hex in contoso_copy.store("EXCH01", "Root")
    again = contoso_copy.issue_certificate((tmp_path / "r.req").read_bytes())
    assert again.ca_certificate == issued.ca_certificate


def test_lab_ca_refuses_something_that_is_not_a_request(contoso_copy: Lab) -> None:
    with pytest.raises(LabError, match="not a certificate request"):
        contoso_copy.issue_certificate(b"-----BEGIN NEW CERTIFICATE REQUEST-----\nxx\n-----END NEW CERTIFICATE REQUEST-----\n")
