"""RSA key material: generation, and encryption for keys at rest."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

# §5.2 step 6: New-ExchangeCertificate accepts only these sizes.
SUPPORTED_KEY_SIZES = (1024, 2048, 4096)
_PUBLIC_EXPONENT = 65537


class InvalidKeySize(ValueError):
    def __init__(self, bits: object) -> None:
        super().__init__(f"Key size {bits} is not supported; use 1024, 2048 or 4096")
        self.bits = bits


class PrivateKeyDataInvalid(ValueError):
    """Stored key bytes are damaged, not RSA, or the secret does not open them."""


def generate_rsa_key(bits: int) -> rsa.RSAPrivateKey:
    if isinstance(bits, bool) or bits not in SUPPORTED_KEY_SIZES:
        raise InvalidKeySize(bits)
    return rsa.generate_private_key(public_exponent=_PUBLIC_EXPONENT, key_size=bits)


def private_key_der(key: rsa.RSAPrivateKey) -> bytes:
    """Unencrypted PKCS#8 DER; callers that persist it should prefer encrypt_private_key."""
    return key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def load_private_key_der(der: bytes) -> rsa.RSAPrivateKey:
    return _as_rsa(_load_der(der, None))


def encrypt_private_key(key: rsa.RSAPrivateKey, secret: bytes) -> bytes:
    """PKCS#8 DER encrypted with PBES2/AES-256 under `secret` (openssl can open it too)."""
    if not secret:
        raise ValueError("An empty secret cannot protect a private key")
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret),
    )


def decrypt_private_key(blob: bytes, secret: bytes) -> rsa.RSAPrivateKey:
    return _as_rsa(_load_der(blob, secret))


def _load_der(der: bytes, secret: bytes | None) -> object:
    """Opens a key this program generated and stored itself (lab database, pool export).

    OpenSSL's RSA consistency check (primality of p and q) costs 100–300 ms per 2048-bit key —
    more than New-ExchangeCertificate's whole budget with a warm pool — and proves nothing for keys
    we made, so it is skipped here; keys from users' files are loaded elsewhere, with the check."""
    try:
        return serialization.load_der_private_key(der, password=secret, unsafe_skip_rsa_key_validation=True)
    except (ValueError, TypeError) as error:
        raise PrivateKeyDataInvalid(
            "The stored private key is damaged or the secret does not open it"
        ) from error


def _as_rsa(key: object) -> rsa.RSAPrivateKey:
    if not isinstance(key, rsa.RSAPrivateKey):
        raise PrivateKeyDataInvalid("The stored private key is not an RSA key")
    return key
