"""Shared keys and certificates: RSA generation is slow, so every key here is made once."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.builders import new_certificate_authority, self_signed_certificate
from exchange_sim.certs.keys import generate_rsa_key
from exchange_sim.certs.names import parse_distinguished_name

OpenSSL = Callable[..., str]

LAB_NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def now() -> datetime:
    return LAB_NOW


@pytest.fixture(scope="session")
def key() -> rsa.RSAPrivateKey:
    return generate_rsa_key(1024)


@pytest.fixture(scope="session")
def other_key() -> rsa.RSAPrivateKey:
    return generate_rsa_key(1024)


@pytest.fixture(scope="session")
def ca_key() -> rsa.RSAPrivateKey:
    return generate_rsa_key(1024)


@pytest.fixture(scope="session")
def key_2048() -> rsa.RSAPrivateKey:
    return generate_rsa_key(2048)


@pytest.fixture(scope="session")
def exchange_cert(key: rsa.RSAPrivateKey) -> x509.Certificate:
    """Like setup's certificate on EX01 (§11.1), signed sha256."""
    return self_signed_certificate(
        key,
        parse_distinguished_name("CN=EX01"),
        ["EX01", "EX01.contoso.com"],
        LAB_NOW,
        LAB_NOW + timedelta(days=1826),
    )


@pytest.fixture(scope="session")
def lab_root(ca_key: rsa.RSAPrivateKey) -> x509.Certificate:
    return new_certificate_authority(
        ca_key,
        parse_distinguished_name("CN=Contoso Lab Root CA, O=Contoso, C=US"),
        LAB_NOW - timedelta(days=365),
        LAB_NOW + timedelta(days=3650),
    )


@pytest.fixture(scope="session")
def openssl() -> OpenSSL:
    """Runs the openssl CLI (the independent checker) and returns stdout; fails on non-zero exit."""

    def run(*args: str | Path, input: bytes | None = None) -> str:
        completed = subprocess.run(
            ["openssl", *map(str, args)], input=input, capture_output=True, check=False
        )
        if completed.returncode != 0:
            raise AssertionError(
                f"openssl {' '.join(map(str, args))} failed: "
                f"{completed.stderr.decode(errors='replace')}"
            )
        return completed.stdout.decode("utf-8", "replace")

    return run
