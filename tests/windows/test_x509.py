from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.exceptions import CryptographicException
from exchange_sim.powershell.values.objects import get_property, type_names
from exchange_sim.windows.x509 import X509Certificate2, load_certificate


@pytest.fixture(scope="module")
def exchange_certificate(pristine_lab_dir: Path) -> X509Certificate2:
    with Lab.open(pristine_lab_dir) as lab:
        entry = next(e for e in lab.store("EXCH01", "My").list() if e.friendly_name == "Microsoft Exchange")
    return X509Certificate2.from_store_entry(entry)


def _openssl(certificate: X509Certificate2, *options: str) -> str:
    completed = subprocess.run(
        ["openssl", "x509", "-inform", "DER", "-noout", *options],
        input=certificate.raw_data,
        capture_output=True,
        check=True,
    )
    return completed.stdout.decode()


def test_thumbprint_is_the_sha1_openssl_computes(exchange_certificate: X509Certificate2) -> None:
    fingerprint = _openssl(exchange_certificate, "-fingerprint", "-sha1").split("=", 1)[1].strip()
    assert exchange_certificate.thumbprint == fingerprint.replace(":", "")
    assert get_property(exchange_certificate, "thumbprint") == exchange_certificate.thumbprint


def test_serial_number_matches_openssl(exchange_certificate: X509Certificate2) -> None:
    serial = _openssl(exchange_certificate, "-serial").split("=", 1)[1].strip()
    assert exchange_certificate.serial_number.lstrip("0") == serial.lstrip("0")


def test_subject_is_written_most_specific_first(exchange_certificate: X509Certificate2) -> None:
    rfc2253 = _openssl(exchange_certificate, "-subject", "-nameopt", "RFC2253").split("=", 1)[1].strip()
    assert exchange_certificate.subject.startswith("CN=")
    assert exchange_certificate.subject.replace(", ", ",") == rfc2253.replace("ST=", "S=")


def test_validity_dates_match_openssl(exchange_certificate: X509Certificate2) -> None:
    not_after = _openssl(exchange_certificate, "-enddate").split("=", 1)[1].strip()
    assert exchange_certificate.not_after().strftime("%b %e %H:%M:%S %Y GMT").replace("  ", " ") == " ".join(
        not_after.split()
    )


def test_store_item_knows_its_drive_path(exchange_certificate: X509Certificate2) -> None:
    thumbprint = exchange_certificate.thumbprint
    assert get_property(exchange_certificate, "PSPath") == (
        f"Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My\\{thumbprint}"
    )
    assert get_property(exchange_certificate, "PSParentPath") == (
        "Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My"
    )
    assert get_property(exchange_certificate, "HasPrivateKey") is True
    assert get_property(exchange_certificate, "FriendlyName") == "Microsoft Exchange"


def test_certificate_is_an_x509certificate2_to_powershell(exchange_certificate: X509Certificate2) -> None:
    assert type_names(exchange_certificate)[0] == "System.Security.Cryptography.X509Certificates.X509Certificate2"


def test_signature_algorithm_has_the_windows_friendly_name(exchange_certificate: X509Certificate2) -> None:
    text = _openssl(exchange_certificate, "-text")
    openssl_name = text.split("Signature Algorithm:", 1)[1].split()[0]
    windows_name = {"sha1WithRSAEncryption": "sha1RSA", "sha256WithRSAEncryption": "sha256RSA"}[openssl_name]
    assert get_property(get_property(exchange_certificate, "SignatureAlgorithm"), "FriendlyName") == windows_name


def test_dns_names_come_from_the_subject_alternative_names(exchange_certificate: X509Certificate2) -> None:
    text = _openssl(exchange_certificate, "-ext", "subjectAltName")
    for name in exchange_certificate.dns_names():
        assert f"DNS:{name}" in text
    assert get_property(exchange_certificate, "DnsNameList") == exchange_certificate.dns_names()


def test_export_cert_gives_der_openssl_reads(exchange_certificate: X509Certificate2, tmp_path: Path) -> None:
    exported = exchange_certificate.ps_methods()["Export"]("Cert")
    der = tmp_path / "x.cer"
    der.write_bytes(exported)
    pem = subprocess.run(
        ["openssl", "x509", "-inform", "DER", "-in", str(der)], capture_output=True, check=True
    ).stdout
    assert load_certificate(pem).fingerprint is not None
    assert X509Certificate2(load_certificate(pem)).thumbprint == exchange_certificate.thumbprint


def test_export_with_key_is_refused(exchange_certificate: X509Certificate2) -> None:
    with pytest.raises(CryptographicException):
        exchange_certificate.export("Pfx", "pw")


def test_name_info_gives_the_common_name(exchange_certificate: X509Certificate2) -> None:
    common = exchange_certificate.subject.split(",")[0].removeprefix("CN=")
    assert exchange_certificate.get_name_info("SimpleName") == common


def test_garbage_is_not_a_certificate() -> None:
    with pytest.raises(CryptographicException, match="Cannot find the requested object."):
        load_certificate(b"not a certificate")
