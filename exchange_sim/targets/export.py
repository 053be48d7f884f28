"""Export-ExchangeCertificate on a simulated server (§8.2): a PFX of a certificate, or a request's PKCS#10.

Exporting never changes the stores."""
from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography import x509

from exchange_sim.certs.formats import export_pkcs12, request_text
from exchange_sim.lab.model import Server
from exchange_sim.lab.organization import Lab
from exchange_sim.targets import failures


@dataclass(frozen=True)
class ExportedData:
    """What was exported: the bytes for `-BinaryEncoded`, and the text form otherwise."""

    data: bytes
    text: str


def export_certificate(lab: Lab, server: Server, thumbprint: str, password: str | None) -> ExportedData:
    """Call inside the cmdlet's transaction; raises CertificateFailure."""
    wanted = thumbprint.upper()
    entry = lab.store(server.name, "My").get(wanted)
    if entry is None:
        request = lab.store(server.name, "REQUEST").get(wanted)
        if request is None:
            raise failures.certificate_not_found(server.name, thumbprint, cmdlet_is_get=False)
        if not request.request_der:
            raise failures.request_without_pkcs10(server.name, thumbprint)
        # The password is ignored for requests.
        csr = x509.load_der_x509_csr(request.request_der)
        return ExportedData(request.request_der, request_text(csr))
    if not entry.has_private_key:
        raise failures.export_without_key(server.name, thumbprint)
    if not password:
        raise failures.export_requires_password(server.name)
    key = lab.private_key(server.name, wanted)
    if not entry.exportable or key is None:
        raise failures.export_key_not_exportable(server.name, thumbprint)
    cert = x509.load_der_x509_certificate(entry.certificate_der)
    pfx = export_pkcs12(cert, key, password, entry.friendly_name or None)
    return ExportedData(pfx, base64.b64encode(pfx).decode("ascii"))
