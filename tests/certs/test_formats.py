from __future__ import annotations

import base64
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from exchange_sim.certs.builders import certificate_request, issue_certificate
from exchange_sim.certs.formats import (
    Base64DataInvalid,
    CertificateBundle,
    CertificateDataError,
    CertificateDataInvalid,
    RequestDataInvalid,
    WrongPassword,
    certificate_der,
    certificate_pem,
    export_pkcs12,
    leaf_of,
    load_certificate_der,
    load_request,
    pkcs7_chain,
    read_certificate_data,
    request_base64,
    request_der,
    request_text,
)
from exchange_sim.certs.names import parse_distinguished_name
from exchange_sim.certs.thumbprint import Thumbprint

from .conftest import OpenSSL

MAIL = parse_distinguished_name("CN=mail.contoso.com, O=Contoso, C=US")


@pytest.fixture(scope="module")
def issued(
    key: rsa.RSAPrivateKey, ca_key: rsa.RSAPrivateKey, lab_root: x509.Certificate, now: datetime
) -> x509.Certificate:
    csr = certificate_request(key, MAIL, ["mail.contoso.com"])
    return issue_certificate(lab_root, ca_key, csr, None, None, now, now + timedelta(days=365))


@pytest.fixture()
def key_files(
    key: rsa.RSAPrivateKey, issued: x509.Certificate, lab_root: x509.Certificate, tmp_path: Path
) -> tuple[Path, Path, Path]:
    key_pem = tmp_path / "key.pem"
    key_pem.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    cert_pem = tmp_path / "leaf.pem"
    cert_pem.write_text(certificate_pem(issued))
    root_pem = tmp_path / "root.pem"
    root_pem.write_text(certificate_pem(lab_root))
    return key_pem, cert_pem, root_pem


def test_der_certificate_is_read_without_key(issued: x509.Certificate) -> None:
    bundle = read_certificate_data(certificate_der(issued), None)
    assert bundle == CertificateBundle((issued,), None, None, None, "x509")


def test_pem_certificate_is_read(issued: x509.Certificate) -> None:
    bundle = read_certificate_data(certificate_pem(issued).encode(), None)
    assert bundle.certificates == (issued,) and bundle.kind == "x509"


def test_pem_file_with_two_certificates_keeps_their_order(
    issued: x509.Certificate, lab_root: x509.Certificate
) -> None:
    data = (certificate_pem(issued) + certificate_pem(lab_root)).encode()
    assert read_certificate_data(data, None).certificates == (issued, lab_root)


def test_bare_base64_on_one_line_is_read(issued: x509.Certificate) -> None:
    data = base64.b64encode(certificate_der(issued))
    assert read_certificate_data(data, None).certificates == (issued,)


def test_bare_base64_with_crlf_line_breaks_is_read(issued: x509.Certificate) -> None:
    text = base64.encodebytes(certificate_der(issued)).replace(b"\n", b"\r\n")
    assert read_certificate_data(text, None).certificates == (issued,)


def test_base64_of_a_pfx_is_read_with_its_password(
    issued: x509.Certificate, key: rsa.RSAPrivateKey
) -> None:
    text = base64.b64encode(export_pkcs12(issued, key, "P@ssw0rd"))
    bundle = read_certificate_data(text, "P@ssw0rd")
    assert bundle.kind == "pkcs12" and bundle.key_certificate == issued


def test_pkcs7_chain_from_openssl_is_read_as_pem_and_der(
    key_files: tuple[Path, Path, Path],
    issued: x509.Certificate,
    lab_root: x509.Certificate,
    openssl: OpenSSL,
    tmp_path: Path,
) -> None:
    _, cert_pem, root_pem = key_files
    p7b = tmp_path / "chain.p7b"
    openssl("crl2pkcs7", "-nocrl", "-certfile", cert_pem, "-certfile", root_pem, "-out", p7b)
    pem_bundle = read_certificate_data(p7b.read_bytes(), None)
    assert pem_bundle.kind == "pkcs7"
    assert pem_bundle.certificates == (issued, lab_root)
    p7b_der = tmp_path / "chain.der.p7b"
    openssl(
        "crl2pkcs7",
        "-nocrl",
        "-certfile",
        cert_pem,
        "-certfile",
        root_pem,
        "-outform",
        "DER",
        "-out",
        p7b_der,
    )
    assert read_certificate_data(p7b_der.read_bytes(), None).certificates == pem_bundle.certificates
    assert leaf_of(pem_bundle) == issued


def test_our_pkcs7_chain_is_read_by_openssl(
    issued: x509.Certificate, lab_root: x509.Certificate, openssl: OpenSSL, tmp_path: Path
) -> None:
    path = tmp_path / "ours.p7b"
    path.write_bytes(pkcs7_chain([issued, lab_root]))
    printed = openssl("pkcs7", "-inform", "DER", "-in", path, "-print_certs", "-noout")
    assert "subject=C = US, O = Contoso, CN = mail.contoso.com" in printed
    assert "Contoso Lab Root CA" in printed
    assert set(read_certificate_data(path.read_bytes(), None).certificates) == {issued, lab_root}


@pytest.mark.parametrize("legacy", [False, True], ids=["aes", "legacy-rc2-3des"])
def test_pfx_made_by_openssl_is_read_with_key_and_friendly_name(
    legacy: bool,
    key_files: tuple[Path, Path, Path],
    issued: x509.Certificate,
    lab_root: x509.Certificate,
    key: rsa.RSAPrivateKey,
    openssl: OpenSSL,
    tmp_path: Path,
) -> None:
    key_pem, cert_pem, root_pem = key_files
    pfx = tmp_path / "made.pfx"
    args = [
        "pkcs12",
        "-export",
        "-inkey",
        key_pem,
        "-in",
        cert_pem,
        "-certfile",
        root_pem,
        "-name",
        "Contoso Mail",
        "-passout",
        "pass:Secret!1",
        "-out",
        pfx,
    ]
    openssl(*args, *(["-legacy"] if legacy else []))
    bundle = read_certificate_data(pfx.read_bytes(), "Secret!1")
    assert bundle.kind == "pkcs12"
    assert bundle.friendly_name == "Contoso Mail"
    assert bundle.key_certificate == issued
    assert bundle.private_key is not None
    assert bundle.private_key.public_key() == key.public_key()
    assert set(bundle.certificates) == {issued, lab_root}
    assert leaf_of(bundle) == issued


def test_pfx_without_password_opens_with_no_password(
    key_files: tuple[Path, Path, Path], issued: x509.Certificate, openssl: OpenSSL, tmp_path: Path
) -> None:
    key_pem, cert_pem, _ = key_files
    pfx = tmp_path / "open.pfx"
    openssl(
        "pkcs12", "-export", "-inkey", key_pem, "-in", cert_pem, "-passout", "pass:", "-out", pfx
    )
    assert read_certificate_data(pfx.read_bytes(), None).certificates == (issued,)


def test_wrong_password_is_reported_as_such(
    issued: x509.Certificate, key: rsa.RSAPrivateKey
) -> None:
    pfx = export_pkcs12(issued, key, "right")
    with pytest.raises(WrongPassword):
        read_certificate_data(pfx, "wrong")


def test_missing_password_for_protected_pfx_is_a_wrong_password(
    issued: x509.Certificate, key: rsa.RSAPrivateKey
) -> None:
    with pytest.raises(WrongPassword):
        read_certificate_data(export_pkcs12(issued, key, "right"), None)


def test_truncated_der_is_invalid_data(issued: x509.Certificate) -> None:
    with pytest.raises(CertificateDataInvalid):
        read_certificate_data(certificate_der(issued)[:-20], None)


def test_truncated_pfx_is_invalid_data_not_a_password_problem(
    issued: x509.Certificate, key: rsa.RSAPrivateKey
) -> None:
    with pytest.raises(CertificateDataInvalid):
        read_certificate_data(export_pkcs12(issued, key, "right")[:-30], "right")


@pytest.mark.parametrize("data", [b"\x00\x01\x02\xff" * 20, b"\x30\x03\x02\x01\xff"])
def test_binary_garbage_is_invalid_data(data: bytes) -> None:
    with pytest.raises(CertificateDataInvalid):
        read_certificate_data(data, None)


def test_text_that_is_not_base64_is_a_base64_error() -> None:
    with pytest.raises(Base64DataInvalid) as raised:
        read_certificate_data(b"this is not a certificate!", None)
    assert isinstance(raised.value, CertificateDataError)


def test_base64_of_garbage_is_invalid_data() -> None:
    with pytest.raises(CertificateDataInvalid):
        read_certificate_data(base64.b64encode(b"hello world, not DER"), None)


def test_empty_data_is_invalid() -> None:
    with pytest.raises(CertificateDataInvalid):
        read_certificate_data(b"  \r\n", None)


def test_request_is_not_accepted_as_a_certificate(key: rsa.RSAPrivateKey) -> None:
    text = request_text(certificate_request(key, MAIL, []))
    with pytest.raises(CertificateDataInvalid):
        read_certificate_data(text.encode(), None)


def test_exported_pfx_opens_in_openssl_and_key_matches_certificate(
    issued: x509.Certificate, key: rsa.RSAPrivateKey, openssl: OpenSSL, tmp_path: Path
) -> None:
    pfx = tmp_path / "export.pfx"
    pfx.write_bytes(export_pkcs12(issued, key, "Ex!port1", "Microsoft Exchange"))
    pem = openssl("pkcs12", "-in", pfx, "-passin", "pass:Ex!port1", "-nodes")
    assert "friendlyName: Microsoft Exchange" in pem
    both = tmp_path / "both.pem"
    both.write_text(pem)
    cert_modulus = openssl("x509", "-in", both, "-noout", "-modulus")
    key_modulus = openssl("rsa", "-in", both, "-noout", "-modulus")
    assert cert_modulus == key_modulus and cert_modulus.startswith("Modulus=")
    fingerprint = openssl("x509", "-in", both, "-noout", "-fingerprint", "-sha1").strip()
    assert fingerprint.split("=", 1)[1].replace(":", "") == str(Thumbprint.of(issued))


def test_export_refuses_an_empty_password(issued: x509.Certificate, key: rsa.RSAPrivateKey) -> None:
    with pytest.raises(ValueError):
        export_pkcs12(issued, key, "")


def test_request_text_uses_exchange_armour_crlf_and_64_columns(key: rsa.RSAPrivateKey) -> None:
    text = request_text(certificate_request(key, MAIL, ["mail.contoso.com"]))
    lines = text.split("\r\n")
    assert lines[0] == "-----BEGIN NEW CERTIFICATE REQUEST-----"
    assert lines[-2] == "-----END NEW CERTIFICATE REQUEST-----" and lines[-1] == ""
    body = lines[1:-2]
    assert all(len(line) == 64 for line in body[:-1]) and 0 < len(body[-1]) <= 64
    assert "\n" not in text.replace("\r\n", "")


def test_request_text_is_accepted_by_openssl(
    key: rsa.RSAPrivateKey, openssl: OpenSSL, tmp_path: Path
) -> None:
    path = tmp_path / "r.req"
    path.write_text(request_text(certificate_request(key, MAIL, [])), newline="")
    openssl("req", "-in", path, "-noout", "-verify")


def test_request_loads_from_every_encoding(
    key: rsa.RSAPrivateKey, openssl: OpenSSL, tmp_path: Path
) -> None:
    csr = certificate_request(key, MAIL, ["mail.contoso.com"])
    path = tmp_path / "r.der"
    path.write_bytes(request_der(csr))
    openssl_pem = openssl("req", "-inform", "DER", "-in", path)
    assert "BEGIN CERTIFICATE REQUEST" in openssl_pem
    for form in (
        request_text(csr),
        request_text(csr).encode(),
        openssl_pem,
        request_der(csr),
        request_base64(csr),
    ):
        assert load_request(form) == csr


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not base64 !",
        b"\x30\x82\x01",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    ],
)
def test_bad_request_data_is_a_request_error(data: bytes | str) -> None:
    with pytest.raises(RequestDataInvalid):
        load_request(data)


def test_leaf_of_skips_the_ca_certificate(
    issued: x509.Certificate, lab_root: x509.Certificate
) -> None:
    bundle = CertificateBundle((lab_root, issued), None, None, None, "pkcs7")
    assert leaf_of(bundle) == issued


def test_single_certificate_is_its_own_leaf_even_if_a_ca(lab_root: x509.Certificate) -> None:
    assert leaf_of(CertificateBundle((lab_root,), None, None, None, "x509")) == lab_root


def test_multi_certificate_file_without_a_usable_leaf_is_invalid(
    lab_root: x509.Certificate,
    exchange_cert: x509.Certificate,
    key: rsa.RSAPrivateKey,
    now: datetime,
) -> None:
    from exchange_sim.certs.builders import self_signed_certificate

    no_usage = self_signed_certificate(
        key, MAIL, [], now, now + timedelta(days=1), key_usage="none"
    )
    with pytest.raises(CertificateDataInvalid):
        leaf_of(CertificateBundle((lab_root, no_usage), None, None, None, "pkcs7"))


def test_base64_saved_by_out_file_as_utf16_is_read(issued: x509.Certificate) -> None:
    text = base64.encodebytes(certificate_der(issued)).decode().replace("\n", "\r\n")
    data = b"\xff\xfe" + text.encode("utf-16-le")
    assert read_certificate_data(data, None).certificates == (issued,)


def test_pem_saved_with_utf8_byte_order_mark_is_read(issued: x509.Certificate) -> None:
    data = b"\xef\xbb\xbf" + certificate_pem(issued).encode()
    assert read_certificate_data(data, None).certificates == (issued,)


def test_request_saved_by_out_file_as_utf16_loads(key: rsa.RSAPrivateKey) -> None:
    csr = certificate_request(key, MAIL, [])
    assert load_request(b"\xff\xfe" + request_text(csr).encode("utf-16-le")) == csr


def test_pfx_key_belongs_to_its_certificate_only(
    issued: x509.Certificate, lab_root: x509.Certificate, key: rsa.RSAPrivateKey
) -> None:
    bundle = read_certificate_data(export_pkcs12(issued, key, "pw"), "pw")
    assert bundle.key_for(issued) is bundle.private_key is not None
    assert bundle.key_for(lab_root) is None
    assert read_certificate_data(certificate_der(issued), None).key_for(issued) is None


def test_stored_der_loads_and_damage_is_reported(issued: x509.Certificate) -> None:
    assert load_certificate_der(certificate_der(issued)) == issued
    with pytest.raises(CertificateDataInvalid):
        load_certificate_der(certificate_der(issued)[:100])


def test_pkcs7_under_a_certificate_label_is_read_as_a_chain(
    issued: x509.Certificate, lab_root: x509.Certificate
) -> None:
    body = base64.encodebytes(pkcs7_chain([issued, lab_root])).decode()
    data = f"-----BEGIN CERTIFICATE-----\n{body}-----END CERTIFICATE-----\n".encode()
    bundle = read_certificate_data(data, None)
    assert bundle.kind == "pkcs7" and set(bundle.certificates) == {issued, lab_root}


def test_export_refuses_a_key_of_another_certificate(
    issued: x509.Certificate, other_key: rsa.RSAPrivateKey
) -> None:
    with pytest.raises(ValueError):
        export_pkcs12(issued, other_key, "pw")
