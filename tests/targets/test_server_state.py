"""§3 on a real lab: the seeded setup certificate of a contoso server shows IMAP, POP, IIS, SMTP."""
from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.lab.organization import Lab
from exchange_sim.targets.derivation import CertificateServiceFacts, derive_services
from exchange_sim.targets.server_state import service_state
from exchange_sim.targets.services import services_string_form


@pytest.fixture(scope="module")
def contoso(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return Lab.create(Path(tmp_path_factory.mktemp("contoso")) / "lab", "contoso")


def test_internal_transport_certificate_of_a_fresh_mailbox_server_has_smtp_and_iis(contoso: Lab) -> None:
    server = contoso.servers()[0]
    with contoso.transaction():
        state = service_state(contoso, server)
        config = contoso.config(server.name)
        thumbprint = str(config.internal_transport_thumbprint)
        facts = CertificateServiceFacts(
            thumbprint=thumbprint,
            domains=(server.name, server.fqdn),
            network_service_read=config.network_service_acl(thumbprint),
            pending_request=False,
        )
        mask = services_string_form(derive_services(state, facts))
    assert mask[3:5] == "WS"
    assert mask[:2] == "IP"


def test_fresh_server_lists_its_seeded_certificates_with_derived_services(contoso: Lab) -> None:
    from exchange_sim.targets.query import certificates

    server = contoso.servers()[0]
    with contoso.transaction():
        found = certificates(contoso, server)
        transport = str(contoso.config(server.name).internal_transport_thumbprint).upper()
    by_thumbprint = {c.thumbprint: c for c in found}
    assert transport in by_thumbprint
    setup = by_thumbprint[transport]
    assert setup.identity == f"{server.fqdn}\\{transport}"
    assert "WS" in setup.ps_properties()["ServicesStringForm"]
    assert str(setup.status) == "Valid"
