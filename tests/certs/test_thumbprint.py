from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509

from exchange_sim.certs.formats import certificate_pem
from exchange_sim.certs.thumbprint import InvalidThumbprint, Thumbprint

from .conftest import OpenSSL

SAMPLE = "611C687DFC4343A5A03E0005A1EC6E9B6AFF586D"


def test_thumbprint_matches_openssl_sha1_fingerprint(
    exchange_cert: x509.Certificate, openssl: OpenSSL, tmp_path: Path
) -> None:
    pem = tmp_path / "cert.pem"
    pem.write_text(certificate_pem(exchange_cert))
    output = openssl("x509", "-in", pem, "-noout", "-fingerprint", "-sha1")
    fingerprint = output.strip().split("=", 1)[1].replace(":", "")
    assert str(Thumbprint.of(exchange_cert)) == fingerprint


def test_lower_case_thumbprint_is_normalised_to_upper_case() -> None:
    assert Thumbprint.parse(SAMPLE.lower()).hex == SAMPLE


def test_mmc_spaced_thumbprint_loses_its_spaces() -> None:
    spaced = " ".join(SAMPLE[index : index + 2] for index in range(0, 40, 2)).lower()
    assert Thumbprint.parse(spaced) == Thumbprint(SAMPLE)


def test_spaces_elsewhere_than_index_two_are_not_stripped() -> None:
    with pytest.raises(InvalidThumbprint):
        Thumbprint.parse(SAMPLE[:4] + " " + SAMPLE[4:])


def test_invisible_character_from_mmc_makes_the_thumbprint_invalid() -> None:
    with pytest.raises(InvalidThumbprint):
        Thumbprint.parse("\u200e" + SAMPLE)


@pytest.mark.parametrize("text", ["", "ABC", SAMPLE + "0", SAMPLE[:-1] + "G"])
def test_text_that_is_not_forty_hex_digits_is_rejected(text: str) -> None:
    with pytest.raises(InvalidThumbprint) as raised:
        Thumbprint.parse(text)
    assert isinstance(raised.value, ValueError)


def test_thumbprint_value_refuses_lower_case_hex() -> None:
    with pytest.raises(InvalidThumbprint):
        Thumbprint(SAMPLE.lower())


def test_string_form_is_the_hex() -> None:
    assert str(Thumbprint(SAMPLE)) == SAMPLE
    assert f"{Thumbprint(SAMPLE)}" == SAMPLE


def test_non_text_thumbprint_is_a_domain_error() -> None:
    with pytest.raises(InvalidThumbprint):
        Thumbprint.parse(None)  # type: ignore[arg-type]
