"""§3: which services a certificate shows follows from the server's configuration alone."""
from __future__ import annotations

from dataclasses import replace

from exchange_sim.targets.derivation import CertificateServiceFacts, ServerServiceState, derive_services
from exchange_sim.targets.services import AllowedServices, services_string_form

SETUP_CERT = "611C687DFC4343A5A03E0005A1EC6E9B6AFF586D"
NEW_CERT = "3F7C0A9B2D4E6F8011223344556677889900AABB"

MAILBOX = ServerServiceState(
    smtp_capable=True,
    client_access=True,
    iis_thumbprints=frozenset({SETUP_CERT}),
    pop_certificate_name="EX01",
    imap_certificate_name="EX01",
    um_thumbprint=None,
    um_callrouter_thumbprint=None,
    federation_thumbprints=frozenset(),
)


def certificate(thumbprint: str, domains: tuple[str, ...], acl: bool = True, pending: bool = False) -> CertificateServiceFacts:
    return CertificateServiceFacts(thumbprint=thumbprint, domains=domains, network_service_read=acl, pending_request=pending)


def test_setup_certificate_shows_imap_pop_iis_smtp() -> None:
    services = derive_services(MAILBOX, certificate(SETUP_CERT, ("EX01", "EX01.contoso.com")))
    assert services_string_form(services) == "IP.WS.."


def test_new_certificate_carrying_the_pop_imap_name_shows_imap_pop_smtp() -> None:
    services = derive_services(MAILBOX, certificate(NEW_CERT, ("ex01.CONTOSO.com", "EX01")))
    assert str(services) == "IMAP, POP, SMTP"


def test_pending_request_has_no_services() -> None:
    services = derive_services(MAILBOX, certificate(SETUP_CERT, ("EX01",), pending=True))
    assert services_string_form(services) == "......."


def test_smtp_needs_the_network_service_acl() -> None:
    services = derive_services(MAILBOX, certificate(NEW_CERT, ("mail.contoso.com",), acl=False))
    assert services == AllowedServices(0)


def test_moving_the_iis_binding_moves_the_iis_flag_but_smtp_stays() -> None:
    moved = replace(MAILBOX, iis_thumbprints=frozenset({NEW_CERT.lower()}))
    old = derive_services(moved, certificate(SETUP_CERT, ("mail.contoso.com",)))
    new = derive_services(moved, certificate(NEW_CERT, ("mail.contoso.com",)))
    assert services_string_form(old) == "....S.."
    assert services_string_form(new) == "...WS.."


def test_um_call_router_and_federation_follow_their_thumbprints() -> None:
    state = replace(MAILBOX, um_thumbprint=NEW_CERT, um_callrouter_thumbprint=NEW_CERT, federation_thumbprints=frozenset({NEW_CERT}))
    services = derive_services(state, certificate(NEW_CERT, (), acl=False))
    assert services_string_form(services) == "..U..FC"


def test_pop_and_imap_need_the_client_access_role() -> None:
    hub_only = replace(MAILBOX, client_access=False)
    services = derive_services(hub_only, certificate(NEW_CERT, ("EX01",)))
    assert services_string_form(services) == "....S.."
