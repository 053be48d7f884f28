from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.exceptions import CryptographicException
from exchange_sim.windows.x509 import X509Certificate2, open_certificate


@pytest.fixture(scope="module")
def exchange_pfx(pristine_lab_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str]:
    """A PFX openssl builds from a lab certificate and its key, and that certificate's thumbprint."""
    folder = tmp_path_factory.mktemp("pfx")
    with Lab.open(pristine_lab_dir) as lab:
        entry = next(e for e in lab.store("EXCH01", "My").list() if e.friendly_name == "Microsoft Exchange")
        key = lab.private_key("EXCH01", entry.thumbprint)
    assert key is not None
    (folder / "key.pem").write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    (folder / "cert.der").write_bytes(entry.certificate_der)
    subprocess.run(
        ["openssl", "x509", "-inform", "DER", "-in", "cert.der", "-out", "cert.pem"], cwd=folder, check=True
    )
    subprocess.run(
        ["openssl", "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-name", "From openssl",
         "-passout", "pass:P@ssw0rd", "-out", "x.pfx"],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    return (folder / "x.pfx").read_bytes(), entry.thumbprint


def test_pfx_opens_with_its_key_and_friendly_name(exchange_pfx: tuple[bytes, str]) -> None:
    data, thumbprint = exchange_pfx
    certificate = open_certificate(data, "P@ssw0rd")
    assert certificate.thumbprint == thumbprint
    assert certificate.has_private_key
    assert certificate.private_key is not None
    assert certificate.friendly_name == "From openssl"


def test_pfx_with_a_wrong_password_is_refused(exchange_pfx: tuple[bytes, str]) -> None:
    with pytest.raises(CryptographicException, match="The specified network password is not correct."):
        open_certificate(exchange_pfx[0], "wrong")


def test_der_certificate_opens_without_a_key(exchange_pfx: tuple[bytes, str], pristine_lab_dir: Path) -> None:
    with Lab.open(pristine_lab_dir) as lab:
        entry = lab.store("EXCH01", "My").get(exchange_pfx[1])
    assert entry is not None
    certificate = open_certificate(entry.certificate_der)
    assert isinstance(certificate, X509Certificate2)
    assert certificate.thumbprint == exchange_pfx[1]
    assert not certificate.has_private_key
