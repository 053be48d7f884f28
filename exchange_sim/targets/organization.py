"""The organisation cmdlets around certificates on a simulated lab: servers, accepted domains,
virtual directories, the Auth configuration, connectors, POP/IMAP and transport settings, hybrid.

Each operation is one cmdlet call: its own transaction and an audit record whatever the outcome;
a refused change raises ConfigurationFailure and leaves the lab as it was."""
from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from cryptography import x509

from exchange_sim.certs.facts import CertificateFacts
from exchange_sim.lab.model import (EXCHANGE_BUILDS, AcceptedDomain, AuthConfig, HybridConfiguration,  # noqa: F401
                                    ReceiveConnector, SendConnector, Server)
from exchange_sim.lab.organization import Lab
from exchange_sim.lab.virtual_directories import OutlookAnywhereSettings, VirtualDirectory

__all__ = ["AcceptedDomain", "AuthChange", "AuthConfig", "ConfigurationFailure", "HybridConfiguration",
           "OrganizationTarget", "OutlookAnywhereSettings", "ProtocolSettings", "ReceiveConnector", "SendConnector", "Server",
           "TransportSettings", "VirtualDirectory"]

T = TypeVar("T")

# Set-AuthConfig asks before it schedules a certificate that not every server may have in time.
AUTH_PROPAGATION = timedelta(hours=48)


@dataclass(eq=False)
class ConfigurationFailure(Exception):
    """An Exchange task error: `exception` is the short .NET name Exchange's FQID shows."""

    key: str
    message: str
    category: str
    server: str
    exception: str = "ManagementObjectNotFoundException"

    def __str__(self) -> str:
        return self.message


def not_found(server: str, identity: str, domain_controller: str) -> ConfigurationFailure:
    return ConfigurationFailure(
        "ManagementObjectNotFound",
        f"The operation couldn't be performed because object '{identity}' couldn't be found on "
        f"'{domain_controller}'.", "NotSpecified", server)


def matches(pattern: str, *names: str) -> bool:
    """Exchange identities compare case-insensitively and accept `*` wildcards."""
    wanted = pattern.strip().lower()
    return any(fnmatch.fnmatchcase(name.lower(), wanted) for name in names if name)


@dataclass(frozen=True)
class ProtocolSettings:
    """Get-PopSettings / Get-ImapSettings for one server."""

    server: Server
    protocol: str  # "POP3" | "IMAP4"
    x509_certificate_name: str | None


@dataclass(frozen=True)
class TransportSettings:
    server: Server
    internal_transport_certificate_thumbprint: str | None


@dataclass(frozen=True)
class AuthChange:
    """What one Set-AuthConfig call asks for (one of its parameter sets)."""

    certificate_thumbprint: str | None = None
    new_certificate_thumbprint: str | None = None
    new_certificate_effective_date: datetime | None = None
    publish: bool = False
    clear_previous: bool = False


class OrganizationTarget:
    def __init__(self, lab: Lab, server_name: str) -> None:
        self.lab = lab
        self.server_name = server_name

    @property
    def server(self) -> Server:
        found = self.lab.server(self.server_name)
        if found is None:
            raise ValueError(f"The lab has no server '{self.server_name}'.")
        return found

    @property
    def domain_controller(self) -> str:
        """The DC Exchange names in not-found errors: one per lab, in the servers' domain."""
        return f"DC01.{self.server.domain}"

    def _select(self, items: Sequence[T], identity: str | None, names: Callable[[T], tuple[str, ...]]) -> list[T]:
        """The items an identity names (all of them for None); none is Exchange's "couldn't be found"."""
        if identity is None:
            return list(items)
        found = [item for item in items if matches(identity, *names(item))]
        if not found:
            raise not_found(self.server_name, identity, self.domain_controller)
        return found

    def _servers(self, identity: str | None) -> list[Server]:
        return self._select(self.lab.servers(), identity, lambda s: (s.name, s.fqdn, s.netbios))

    # -- reads ------------------------------------------------------------------------------
    def exchange_servers(self, identity: str | None, command: str, audit: Mapping[str, object]) -> list[Server]:
        with self.lab.cmdlet(self.server_name, command, audit):
            return self._servers(identity)

    def accepted_domains(self, identity: str | None, audit: Mapping[str, object]) -> list[AcceptedDomain]:
        with self.lab.cmdlet(self.server_name, "Get-AcceptedDomain", audit):
            return self._select(self.lab.accepted_domains, identity, lambda d: (d.name,))

    def autodiscover_uri(self, server: Server) -> str:
        with self.lab.transaction():
            return self.lab.virtual_directories(server).autodiscover_service_internal_uri

    def virtual_directories(self, kind: str, identity: str | None, server: str | None, command: str,
                            audit: Mapping[str, object]) -> list[tuple[Server, VirtualDirectory]]:
        """Every server's directory of this kind (the organisation's, as Exchange lists them)."""
        with self.lab.cmdlet(self.server_name, command, audit):
            return self._directories(kind, identity, server)

    def _directories(self, kind: str, identity: str | None, server: str | None) -> list[tuple[Server, VirtualDirectory]]:
        found = [(s, d) for s in self._servers(server) for d in self.lab.virtual_directories(s).list()
                 if d.kind.lower() == kind.lower()]
        # "EXCH01\owa (Default Web Site)", or the name alone.
        return self._select(found, identity, lambda pair: (f"{pair[0].name}\\{pair[1].name}", pair[1].name,
                                                           f"{pair[0].fqdn}\\{pair[1].name}"))

    def set_virtual_directory(self, kind: str, identity: str, changes: Mapping[str, str | None], command: str,
                              audit: Mapping[str, object]) -> None:
        """Changes `internal_url`/`external_url` of the directories an identity names."""
        with self.lab.cmdlet(self.server_name, command, audit):
            for server, directory in self._directories(kind, identity, None):
                current = {"internal_url": directory.internal_url, "external_url": directory.external_url}
                current.update(changes)
                self.lab.virtual_directories(server).set(kind, current["internal_url"], current["external_url"])

    def set_outlook_anywhere(self, identity: str, urls: Mapping[str, str | None], settings: Mapping[str, Any],
                             command: str, audit: Mapping[str, object]) -> None:
        """Host names and authentication/TLS settings of the Outlook Anywhere directories an identity names."""
        with self.lab.cmdlet(self.server_name, command, audit):
            for server, directory in self._directories("OutlookAnywhere", identity, None):
                changed = (directory.outlook_anywhere or OutlookAnywhereSettings()).changed(**settings)
                if not changed.ssl_offloading and not (changed.external_clients_require_ssl
                                                       or changed.internal_clients_require_ssl):
                    # Set-OutlookAnywhere's reference: SSLOffloading must stay $true unless some clients need TLS.
                    raise ConfigurationFailure(
                        "ErrorSSLOffloadingWithoutRequireSsl",
                        "The SSLOffloading parameter can be set to $false only when InternalClientsRequireSsl or "
                        "ExternalClientsRequireSsl is $true.", "InvalidArgument", server.name, "TaskArgumentException")
                current = {"internal_url": directory.internal_url, "external_url": directory.external_url, **urls}
                directories = self.lab.virtual_directories(server)
                directories.set("OutlookAnywhere", current["internal_url"], current["external_url"])
                directories.set_outlook_anywhere(changed)

    def set_autodiscover_uri(self, identity: str, uri: str | None, command: str, audit: Mapping[str, object]) -> None:
        with self.lab.cmdlet(self.server_name, command, audit):
            for server in self._servers(identity):
                self.lab.virtual_directories(server).set_autodiscover_service_internal_uri(uri)

    # -- the Auth configuration ----------------------------------------------------------------
    def auth_config(self, audit: Mapping[str, object]) -> AuthConfig:
        with self.lab.cmdlet(self.server_name, "Get-AuthConfig", audit):
            return self.lab.auth_config()

    def auth_needs_confirmation(self, change: AuthChange) -> bool:
        """Whether the effective date leaves less than the 48 hours the servers need to pick it up."""
        if change.new_certificate_effective_date is None:
            return False
        now = self.lab.clock.now().replace(tzinfo=None)
        return change.new_certificate_effective_date.replace(tzinfo=None) < now + AUTH_PROPAGATION

    def set_auth_config(self, change: AuthChange, audit: Mapping[str, object]) -> None:
        with self.lab.cmdlet(self.server_name, "Set-AuthConfig", audit):
            config = self.lab.auth_config()
            if change.certificate_thumbprint is not None:
                self._require_auth_certificate(change.certificate_thumbprint)
                config = replace(config, previous_thumbprint=config.current_thumbprint,
                                 current_thumbprint=change.certificate_thumbprint.upper())
            if change.new_certificate_thumbprint is not None:
                self._require_auth_certificate(change.new_certificate_thumbprint)
                config = replace(config, next_thumbprint=change.new_certificate_thumbprint.upper())
            if change.new_certificate_effective_date is not None:
                config = replace(config, next_effective_date=change.new_certificate_effective_date)
            if change.publish:
                if not config.next_thumbprint:
                    raise ConfigurationFailure(
                        "NoNextCertificate", "The next certificate isn't configured, so it can't be published. "
                        "Use -NewCertificateThumbprint to configure it first.", "InvalidOperation",
                        self.server_name, "InvalidOperationException")
                config = AuthConfig(current_thumbprint=config.next_thumbprint, next_thumbprint=None,
                                    previous_thumbprint=config.current_thumbprint, next_effective_date=None)
            if change.clear_previous:
                config = replace(config, previous_thumbprint=None)
            self.lab.set_auth_config(config)

    def _require_auth_certificate(self, thumbprint: str) -> None:
        # The Auth certificate signs tokens: it must be in this server's My store with its key.
        entry = self.lab.store(self.server_name, "My").get(thumbprint.upper())
        if entry is None or not entry.has_private_key:
            reason = "wasn't found" if entry is None else "doesn't have a private key"
            raise ConfigurationFailure(
                "AuthCertificateNotFound",
                f"The certificate with thumbprint {thumbprint} {reason} on server {self.server.fqdn}.",
                "InvalidArgument", self.server_name, "TaskArgumentException")

    # -- connectors -----------------------------------------------------------------------------
    def send_connectors(self, identity: str | None, audit: Mapping[str, object],
                        command: str = "Get-SendConnector") -> list[SendConnector]:
        with self.lab.cmdlet(self.server_name, command, audit):
            return self._send_connectors(identity)

    def _send_connectors(self, identity: str | None) -> list[SendConnector]:
        return self._select(self.lab.send_connectors(), identity, lambda c: (c.name,))

    def set_send_connector(self, identity: str, changes: Mapping[str, object], audit: Mapping[str, object]) -> None:
        with self.lab.cmdlet(self.server_name, "Set-SendConnector", audit):
            for connector in self._send_connectors(identity):
                self.lab.set_send_connector(replace(connector, **changes))  # type: ignore[arg-type]

    def receive_connectors(self, identity: str | None, server: str | None, audit: Mapping[str, object],
                           command: str = "Get-ReceiveConnector") -> list[ReceiveConnector]:
        with self.lab.cmdlet(self.server_name, command, audit):
            return self._receive_connectors(identity, server)

    def _receive_connectors(self, identity: str | None, server: str | None) -> list[ReceiveConnector]:
        servers = {s.name for s in self._servers(server)}
        connectors = [c for c in self.lab.receive_connectors() if c.server in servers]
        return self._select(connectors, identity, lambda c: (c.name, f"{c.server}\\{c.name}"))

    def set_receive_connector(self, identity: str, changes: Mapping[str, object],
                              audit: Mapping[str, object]) -> None:
        with self.lab.cmdlet(self.server_name, "Set-ReceiveConnector", audit):
            found = self._receive_connectors(identity, None)
            if len(found) > 1 and "\\" not in identity:
                raise ConfigurationFailure(
                    "ManagementObjectAmbiguous",
                    f"The operation couldn't be performed because '{identity}' matches multiple entries.",
                    "NotSpecified", self.server_name, "ManagementObjectAmbiguousException")
            for connector in found:
                self.lab.set_receive_connector(replace(connector, **changes))  # type: ignore[arg-type]

    # -- POP, IMAP and transport (§3: Services follows these) ---------------------------------
    def protocol_settings(self, protocol: str, server: str | None, audit: Mapping[str, object]) -> list[ProtocolSettings]:
        noun = "PopSettings" if protocol == "POP3" else "ImapSettings"
        with self.lab.cmdlet(self.server_name, f"Get-{noun}", audit):
            return [self._protocol(s, protocol) for s in self._servers(server or self.server_name)]

    def _protocol(self, server: Server, protocol: str) -> ProtocolSettings:
        config = self.lab.config(server.name)
        name = config.pop_certificate_name if protocol == "POP3" else config.imap_certificate_name
        return ProtocolSettings(server, protocol, name)

    def set_protocol_certificate_name(self, protocol: str, server: str | None, name: str | None,
                                      audit: Mapping[str, object]) -> None:
        noun = "PopSettings" if protocol == "POP3" else "ImapSettings"
        with self.lab.cmdlet(self.server_name, f"Set-{noun}", audit):
            for found in self._servers(server or self.server_name):
                config = self.lab.config(found.name)
                if protocol == "POP3":
                    config.pop_certificate_name = name
                else:
                    config.imap_certificate_name = name

    def transport_settings(self, identity: str | None, command: str, audit: Mapping[str, object]) -> list[TransportSettings]:
        with self.lab.cmdlet(self.server_name, command, audit):
            return [TransportSettings(s, self.lab.config(s.name).internal_transport_thumbprint)
                    for s in self._servers(identity) if _has_transport(s)]

    def set_internal_transport_certificate(self, identity: str, thumbprint: str | None, command: str,
                                           audit: Mapping[str, object]) -> None:
        with self.lab.cmdlet(self.server_name, command, audit):
            for found in self._servers(identity):
                if thumbprint is not None and self.lab.store(found.name, "My").get(thumbprint.upper()) is None:
                    raise ConfigurationFailure(
                        "InternalTransportCertificateNotFound",
                        f"The certificate with thumbprint {thumbprint} wasn't found on server {found.fqdn}.",
                        "InvalidArgument", self.server_name, "TaskArgumentException")
                self.lab.config(found.name).internal_transport_thumbprint = thumbprint

    # -- hybrid -------------------------------------------------------------------------------
    def hybrid_configuration(self, command: str, audit: Mapping[str, object]) -> HybridConfiguration | None:
        with self.lab.cmdlet(self.server_name, command, audit):
            return self.lab.hybrid_configuration()

    def set_hybrid_configuration(self, changes: Mapping[str, object], audit: Mapping[str, object]) -> None:
        with self.lab.cmdlet(self.server_name, "Set-HybridConfiguration", audit):
            current = self.lab.hybrid_configuration()
            if current is None:
                raise not_found(self.server_name, "Hybrid Configuration", self.domain_controller)
            self.lab.set_hybrid_configuration(replace(current, **changes))  # type: ignore[arg-type]

    def certificate_name(self, thumbprint: str) -> str | None:
        """`<I>issuer<S>subject` of a certificate in this server's My store (what connectors store)."""
        with self.lab.transaction():
            entry = self.lab.store(self.server_name, "My").get(thumbprint.upper())
        if entry is None:
            return None
        facts = CertificateFacts.of(x509.load_der_x509_certificate(entry.certificate_der))
        return f"<I>{facts.issuer}<S>{facts.subject}"


def _has_transport(server: Server) -> bool:
    return server.has_role("HubTransport") or server.has_role("EdgeTransport") or (
        server.has_role("Mailbox") and server.at_least("2013"))
