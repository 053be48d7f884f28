"""§9.2 on a real lab: Remove's refusals leave the certificate in place."""
from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.lab.organization import Lab
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.remove import remove_certificate


@pytest.fixture(scope="module")
def contoso(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return Lab.create(Path(tmp_path_factory.mktemp("contoso-remove")) / "lab", "contoso")


def test_internal_transport_certificate_cannot_be_removed(contoso: Lab) -> None:
    server = contoso.servers()[0]
    with contoso.transaction():
        thumbprint = str(contoso.config(server.name).internal_transport_thumbprint).upper()
    with pytest.raises(CertificateFailure) as raised, contoso.transaction():
        remove_certificate(contoso, server, thumbprint)
    assert raised.value.key == "CannotRemoveInternalTransportCertificate"
    assert raised.value.category == "InvalidArgument"
    with contoso.transaction():
        assert contoso.store(server.name, "My").get(thumbprint) is not None


def test_removing_an_absent_thumbprint_is_object_not_found(contoso: Lab) -> None:
    server = contoso.servers()[0]
    with pytest.raises(CertificateFailure) as raised, contoso.transaction():
        remove_certificate(contoso, server, "CD" * 20)
    assert raised.value.category == "ObjectNotFound"
    assert str(raised.value).endswith("was not found.")


def test_unused_certificate_is_removed_from_my(contoso: Lab) -> None:
    server = contoso.servers()[0]
    with contoso.transaction():
        transport = str(contoso.config(server.name).internal_transport_thumbprint).upper()
        others = [e for e in contoso.store(server.name, "My").list() if str(e.thumbprint).upper() != transport]
    assert others, "the contoso fixture seeds certificates besides the transport one"
    victim = str(others[0].thumbprint).upper()
    with contoso.transaction():
        remove_certificate(contoso, server, victim)
    with contoso.transaction():
        assert contoso.store(server.name, "My").get(victim) is None
