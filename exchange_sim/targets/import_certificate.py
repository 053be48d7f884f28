"""Import-ExchangeCertificate on a simulated server (§6.2): complete a pending request, else install a leaf."""
from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from exchange_sim.certs.formats import (Base64DataInvalid, CertificateDataError, read_certificate_data,
                                        leaf_of)
from exchange_sim.certs.requests import completes_request
from exchange_sim.certs.thumbprint import Thumbprint
from exchange_sim.lab.model import Server, StoreEntry
from exchange_sim.lab.organization import Lab
from exchange_sim.targets import failures


def import_certificate(lab: Lab, server: Server, data: bytes | None, password: str | None,
                       exportable: bool, friendly_name: str | None = None) -> str:
    """Returns the thumbprint now in My; call inside the cmdlet's transaction; raises CertificateFailure."""
    if not data:
        raise failures.import_data_is_null(server.name)
    try:
        bundle = read_certificate_data(bytes(data), password)
        leaf = leaf_of(bundle)
    except Base64DataInvalid:
        raise failures.import_base64_invalid(server.name) from None
    except (CertificateDataError, ValueError):
        raise failures.import_data_invalid(server.name) from None
    thumbprint = str(Thumbprint.of(leaf)).upper()
    my = lab.store(server.name, "My")
    if my.get(thumbprint) is not None:
        raise failures.import_already_exists(server.name, thumbprint)
    der = leaf.public_bytes(Encoding.DER)
    completed = _complete_request(lab, server, leaf, thumbprint, der, friendly_name)
    if completed:
        return thumbprint
    key = bundle.key_for(leaf)
    my.add(StoreEntry(store="My", thumbprint=thumbprint, certificate_der=der, has_private_key=key is not None,
                      exportable=exportable and key is not None,
                      friendly_name=friendly_name or bundle.friendly_name or ""), key)
    return thumbprint


def _complete_request(lab: Lab, server: Server, leaf: x509.Certificate, thumbprint: str, der: bytes,
                      friendly_name: str | None) -> bool:
    """Path A: the issued certificate takes the pending request's key; the placeholder goes away."""
    requests = lab.store(server.name, "REQUEST")
    for entry in requests.list():
        if not entry.request_der or not completes_request(leaf, x509.load_der_x509_csr(entry.request_der)):
            continue
        key = lab.private_key(server.name, entry.thumbprint)
        lab.store(server.name, "My").add(StoreEntry(
            store="My", thumbprint=thumbprint, certificate_der=der, has_private_key=key is not None,
            exportable=entry.exportable, friendly_name=friendly_name or entry.request_friendly_name or ""), key)
        requests.remove(entry.thumbprint)
        return True
    return False
