from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.keys import (
    InvalidKeySize,
    PrivateKeyDataInvalid,
    decrypt_private_key,
    encrypt_private_key,
    generate_rsa_key,
    load_private_key_der,
    private_key_der,
)

from .conftest import OpenSSL


def _same(a: rsa.RSAPrivateKey, b: rsa.RSAPrivateKey) -> bool:
    return a.private_numbers() == b.private_numbers()


def test_generated_key_has_the_requested_size(key: rsa.RSAPrivateKey) -> None:
    assert key.key_size == 1024
    assert key.public_key().public_numbers().e == 65537


@pytest.mark.parametrize("bits", [512, 3072, 8192, 0, True])
def test_sizes_exchange_does_not_offer_are_refused(bits: int) -> None:
    with pytest.raises(InvalidKeySize) as raised:
        generate_rsa_key(bits)
    assert "1024, 2048 or 4096" in str(raised.value)


def test_encrypted_key_round_trips(key: rsa.RSAPrivateKey) -> None:
    blob = encrypt_private_key(key, b"lab secret")
    assert private_key_der(key) != blob
    assert _same(decrypt_private_key(blob, b"lab secret"), key)


def test_openssl_opens_the_encrypted_key_with_the_secret(
    key: rsa.RSAPrivateKey, openssl: OpenSSL, tmp_path: Path
) -> None:
    path = tmp_path / "key.p8"
    path.write_bytes(encrypt_private_key(key, b"lab secret"))
    modulus = openssl(
        "rsa", "-inform", "DER", "-in", path, "-passin", "pass:lab secret", "-noout", "-modulus"
    )
    assert modulus.strip() == f"Modulus={key.public_key().public_numbers().n:X}"


def test_wrong_secret_is_a_key_data_error(key: rsa.RSAPrivateKey) -> None:
    with pytest.raises(PrivateKeyDataInvalid):
        decrypt_private_key(encrypt_private_key(key, b"right"), b"wrong")


def test_damaged_key_bytes_are_a_key_data_error() -> None:
    with pytest.raises(PrivateKeyDataInvalid):
        load_private_key_der(b"\x30\x03\x02\x01\x00")


def test_empty_secret_is_refused(key: rsa.RSAPrivateKey) -> None:
    with pytest.raises(ValueError):
        encrypt_private_key(key, b"")
