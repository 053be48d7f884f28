"""What Exchange setup leaves on a fresh server (§11): its self-signed certificate and bindings,
and for 2013+ the organisation's Auth certificate."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from exchange_sim.certs.builders import self_signed_certificate
from exchange_sim.certs.formats import certificate_der
from exchange_sim.certs.names import parse_distinguished_name
from exchange_sim.certs.thumbprint import Thumbprint
from exchange_sim.lab.model import (
    DEFAULT_WEB_SITE,
    EXCHANGE_BACK_END,
    AuthConfig,
    ReceiveConnector,
    Server,
    StoreEntry,
)

if TYPE_CHECKING:
    from exchange_sim.lab.organization import Lab

SETUP_FRIENDLY_NAME = "Microsoft Exchange"
AUTH_SUBJECT = "CN=Microsoft Exchange Server Auth Certificate"
AUTH_FRIENDLY_NAME = "Microsoft Exchange Server Auth Certificate"
# §11.1: the Auth certificate lives 1800 days, not five calendar years.
AUTH_LIFETIME = timedelta(days=1800)
WMSVC_FRIENDLY_NAME = "WMSVC-SHA2"


def add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def setup_lifetime_months(server: Server) -> int:
    # §11.3: 2007 setup made a one-year certificate; 2010 onwards five years (§11.1, §11.2).
    return 12 if server.version == "2007" else 60


def seed_server(lab: Lab, server: Server) -> str:
    """Seeds one server as setup would; returns the setup certificate's thumbprint."""
    now = lab.clock.now().replace(microsecond=0)
    key = lab.take_key(2048)
    # §11.1: SAN is the computer name and computer-name.domain, in the computer name's casing.
    dns_names = [server.name, f"{server.name}.{server.domain}"]
    cert = self_signed_certificate(
        key,
        parse_distinguished_name(f"CN={server.name}"),
        dns_names,
        now,
        add_months(now, setup_lifetime_months(server)),
        hash_name="sha1",
    )
    der = certificate_der(cert)
    thumbprint = Thumbprint.of_der(der).hex
    entry = StoreEntry(
        store="My",
        thumbprint=thumbprint,
        certificate_der=der,
        has_private_key=True,
        exportable=False,
        friendly_name=SETUP_FRIENDLY_NAME,
        added_at=now,
    )
    with lab.transaction():
        lab.store(server, "My").add(entry, key)
        # Setup copies its certificate to Trusted Root, hence RootCAType Registry (§11.1).
        lab.store(server, "Root").add(
            StoreEntry(store="Root", thumbprint=thumbprint, certificate_der=der, added_at=now)
        )
        config = lab.config(server)
        config.set_network_service_acl(thumbprint, True)
        config.bind_iis(thumbprint, DEFAULT_WEB_SITE)
        if server.at_least("2013"):
            config.bind_iis(thumbprint, EXCHANGE_BACK_END)
        config.internal_transport_thumbprint = thumbprint
        config.pop_certificate_name = server.fqdn
        config.imap_certificate_name = server.fqdn
    return thumbprint


def seed_auth_certificate(lab: Lab, servers: list[Server]) -> str | None:
    """Creates the organisation's Auth certificate once and copies it to every 2013+ server."""
    modern = [server for server in servers if server.at_least("2013")]
    if not modern:
        return None
    now = lab.clock.now().replace(microsecond=0)
    key = lab.take_key(2048)
    cert = self_signed_certificate(
        key, parse_distinguished_name(AUTH_SUBJECT), [], now, now + AUTH_LIFETIME, hash_name="sha1"
    )
    der = certificate_der(cert)
    thumbprint = Thumbprint.of_der(der).hex
    with lab.transaction():
        for server in modern:
            lab.store(server, "My").add(
                StoreEntry(
                    store="My",
                    thumbprint=thumbprint,
                    certificate_der=der,
                    has_private_key=True,
                    exportable=True,
                    friendly_name=AUTH_FRIENDLY_NAME,
                    added_at=now,
                ),
                key,
            )
            lab.config(server).set_network_service_acl(thumbprint, True)
        lab.set_auth_config(AuthConfig(current_thumbprint=thumbprint))
    return thumbprint


def seed_wmsvc_certificate(lab: Lab, server: Server) -> str:
    """IIS's Web Management Service certificate (§11.1): not Exchange's, but Get shows it."""
    now = lab.clock.now().replace(microsecond=0)
    key = lab.take_key(2048)
    cert = self_signed_certificate(
        key,
        parse_distinguished_name(f"CN=WMSvc-SHA2-{server.name}"),
        [],
        now,
        add_months(now, 120),
        key_usage="wmsvc",
    )
    der = certificate_der(cert)
    thumbprint = Thumbprint.of_der(der).hex
    with lab.transaction():
        lab.store(server, "My").add(
            StoreEntry(store="My", thumbprint=thumbprint, certificate_der=der, has_private_key=True,
                       exportable=True, friendly_name=WMSVC_FRIENDLY_NAME, added_at=now),
            key,
        )
        lab.store(server, "Root").add(
            StoreEntry(store="Root", thumbprint=thumbprint, certificate_der=der, added_at=now)
        )
    return thumbprint


def default_receive_connectors(server: Server) -> list[ReceiveConnector]:
    """The receive connectors setup creates; none names a TLS certificate."""
    if server.at_least("2013"):
        names = ["Default", "Client Proxy", "Default Frontend", "Outbound Proxy Frontend", "Client Frontend"]
    else:
        names = ["Default", "Client"]
    return [ReceiveConnector(server.name, f"{name} {server.name}", server.fqdn, None) for name in names]
