"""The lab CA: signs requests so a class can finish the CSR flow without a real CA.

It is created on first use and, like an enterprise CA published through Active Directory, its
root is then trusted by every server of the lab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.builders import RequestSignatureInvalid, issue_certificate, new_certificate_authority
from exchange_sim.certs.formats import (
    CertificateDataError,
    certificate_der,
    load_request,
    read_certificate_data,
)
from exchange_sim.certs.names import parse_distinguished_name
from exchange_sim.lab.clock import LabClock
from exchange_sim.lab.errors import LabError
from exchange_sim.lab.key_supply import KeySupply
from exchange_sim.lab.lab_key import LabSecret
from exchange_sim.lab.transactions import TransactionScope

CA_LIFETIME = timedelta(days=3650)
ISSUED_LIFETIME = timedelta(days=730)


@dataclass(frozen=True)
class IssuedCertificate:
    certificate: x509.Certificate
    ca_certificate: x509.Certificate


def load_certificate(der: bytes) -> x509.Certificate:
    return read_certificate_data(der, None).certificates[0]


class LabAuthority:
    def __init__(
        self,
        secret: LabSecret,
        scope: TransactionScope,
        clock: LabClock,
        keys: KeySupply,
        organization: Callable[[], str],
        on_created: Callable[[x509.Certificate], None],
    ) -> None:
        self._secret = secret
        self._scope = scope
        self._clock = clock
        self._keys = keys
        self._organization = organization
        self._on_created = on_created

    def exists(self) -> bool:
        return self._scope.db.execute("SELECT 1 FROM lab_ca WHERE id = 1").fetchone() is not None

    def certificate(self) -> x509.Certificate:
        """The CA certificate, creating the CA (and trusting it lab-wide) on first use."""
        cert, _key = self._ensure()
        return cert

    def issue(self, request: bytes | str) -> IssuedCertificate:
        try:
            csr = load_request(request)
        except CertificateDataError as error:
            raise LabError(f"The file is not a certificate request: {error}") from error
        with self._scope.transaction():
            ca_cert, ca_key = self._ensure()
            now = self._clock.now()
            try:
                cert = issue_certificate(
                    ca_cert, ca_key, csr, None, None, now, min(now + ISSUED_LIFETIME, ca_cert.not_valid_after_utc)
                )
            except (RequestSignatureInvalid, ValueError) as error:
                raise LabError(f"The lab CA refuses the request: {error}") from error
        return IssuedCertificate(cert, ca_cert)

    def _ensure(self) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
        with self._scope.transaction():
            row = self._scope.db.execute(
                "SELECT certificate_der, encrypted_key FROM lab_ca WHERE id = 1"
            ).fetchone()
            if row is not None:
                return load_certificate(bytes(row[0])), self._secret.open_key(bytes(row[1]))
            key = self._keys.take(2048)
            now = self._clock.now()
            organization = _escape(self._organization() or "Exchange Sim")
            subject = parse_distinguished_name(f"CN={organization} Lab Root CA, O={organization}")
            cert = new_certificate_authority(key, subject, now, now + CA_LIFETIME)
            self._scope.db["lab_ca"].insert(
                {
                    "id": 1,
                    "certificate_der": certificate_der(cert),
                    "encrypted_key": self._secret.seal_key(key),
                }
            )
            self._on_created(cert)
            return cert, key


def _escape(value: str) -> str:
    return "".join("\\" + char if char in ',+"\\<>;=' else char for char in value)
