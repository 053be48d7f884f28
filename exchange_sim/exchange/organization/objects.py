"""The objects the organisation cmdlets return, with Exchange's type names and property order.

Real Exchange returns directory objects whose ToString() is their Identity; scripts read a handful
of properties (Name, Fqdn, ServerRole, InternalUrl, TlsCertificateName, ...), so each object here
carries the properties runbooks and the default views use, in Exchange's order."""
from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from exchange_sim.powershell.values.dotnet.network import Uri
from exchange_sim.targets.organization import (AcceptedDomain, AuthConfig, HybridConfiguration,
                                               OutlookAnywhereSettings, ProtocolSettings, ReceiveConnector,
                                               SendConnector, Server, TransportSettings, VirtualDirectory)

DIRECTORY = "Microsoft.Exchange.Data.Directory"
MANAGEMENT = f"{DIRECTORY}.Management"
SYSTEM_CONFIGURATION = f"{DIRECTORY}.SystemConfiguration"
# Exchange's base types under every directory object it returns.
_BASE = ("Microsoft.Exchange.Data.Directory.ADObject", "Microsoft.Exchange.Data.Directory.ADRawEntry",
         "Microsoft.Exchange.Data.ConfigurableObject", "System.Object")
ADMIN_GROUP = "Exchange Administrative Group (FYDIBOHF23SPDLT)"
SITE = "Default-First-Site-Name"


@dataclass(frozen=True, eq=False)
class DirectoryObject:
    """A configuration object as Exchange returns it (adapter protocol: type names, properties, ToString)."""

    type_name: str
    properties: tuple[tuple[str, Any], ...]
    identity: str

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        return (self.type_name, *_BASE)

    def ps_properties(self) -> Mapping[str, Any]:
        return dict(self.properties)

    def ps_methods(self) -> Mapping[str, Any]:
        return {"ToString": lambda *_: self.identity}

    def __str__(self) -> str:
        return self.identity


@dataclass(frozen=True)
class ServerVersion:
    """Microsoft.Exchange.Data.ServerVersion: `Version 15.2 (Build 1544.4)`."""

    major: int
    minor: int
    build: int
    revision: int

    ps_type_names = ("Microsoft.Exchange.Data.ServerVersion", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Major": self.major, "Minor": self.minor, "Build": self.build, "Revision": self.revision}

    def ps_methods(self) -> Mapping[str, Any]:
        return {"ToString": lambda *_: str(self)}

    def __str__(self) -> str:
        return f"Version {self.major}.{self.minor} (Build {self.build}.{self.revision})"


@dataclass(frozen=True, eq=False)
class Hostname:
    """Microsoft.Exchange.Data.Hostname: Outlook Anywhere's host names (`.HostnameString` in runbooks)."""

    text: str

    ps_type_names = ("Microsoft.Exchange.Data.Hostname", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        is_address = _is_ip_address(self.text)
        return {"HostnameString": self.text, "IsIPAddress": is_address,
                "IPAddress": self.text if is_address else None, "Domain": None if is_address else self.text}

    def ps_methods(self) -> Mapping[str, Any]:
        return {"ToString": lambda *_: self.text}

    def __str__(self) -> str:
        return self.text


def _is_ip_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _hostname(text: str | None) -> Hostname | None:
    return Hostname(text) if text else None


def _dn(server: Server, *relative: str) -> str:
    organization_dn = ",".join(f"DC={part}" for part in server.domain.split("."))
    return ",".join((*relative, f"CN=Servers,CN={ADMIN_GROUP},CN=Administrative Groups",
                     "CN=Microsoft Exchange,CN=Services,CN=Configuration", organization_dn))


def server_role_text(server: Server) -> str:
    # ServerRole flags print in Exchange's enum order; EdgeTransport is the flag "Edge".
    order = ("Mailbox", "ClientAccess", "UnifiedMessaging", "HubTransport", "EdgeTransport")
    names = ["Edge" if role == "EdgeTransport" else role for role in order if server.has_role(role)]
    return ", ".join(names) or "None"


def _is_client_access(server: Server) -> bool:
    # 2016 folded the Client Access role into Mailbox; the flag stays true there.
    return server.has_role("ClientAccess") or (server.has_role("Mailbox") and server.at_least("2016"))


def _is_hub(server: Server) -> bool:
    return server.has_role("HubTransport") or (server.has_role("Mailbox") and server.at_least("2013"))


def site(server: Server) -> str:
    return f"{server.domain}/Configuration/Sites/{SITE}"


def exchange_server(server: Server) -> DirectoryObject:
    version = ServerVersion(*server.exchange_build)
    return DirectoryObject(f"{MANAGEMENT}.ExchangeServer", (
        ("Name", server.name),
        ("DataPath", f"{_install_path(server)}Mailbox"),
        ("Domain", server.domain),
        ("Edition", "Enterprise"),
        ("ExchangeLegacyDN", f"/o={server.domain.split('.')[0].capitalize()}/ou={ADMIN_GROUP}/cn=Configuration/cn=Servers/cn={server.name}"),
        ("Fqdn", server.fqdn),
        ("Site", site(server)),
        ("IsHubTransportServer", _is_hub(server)),
        ("IsClientAccessServer", _is_client_access(server)),
        ("IsEdgeServer", server.has_role("EdgeTransport")),
        ("IsMailboxServer", server.has_role("Mailbox")),
        ("IsUnifiedMessagingServer", server.has_role("UnifiedMessaging")),
        ("IsFrontendTransportServer", server.has_role("Mailbox") and server.at_least("2013")),
        ("NetworkAddress", [f"ncacn_ip_tcp:{server.fqdn}", f"netbios:{server.netbios}", f"ncalrpc:{server.netbios}"]),
        ("ServerRole", server_role_text(server)),
        ("AdminDisplayVersion", version),
        ("IsExchange2007OrLater", True),
        ("IsE14OrLater", server.at_least("2010")),
        ("IsE15OrLater", server.at_least("2013")),
        ("ExchangeVersion", "0.1 (8.0.535.0)" if server.version == "2007" else "0.1 (14.0.100.0)"),
        ("DistinguishedName", _dn(server, f"CN={server.name}")),
        ("Identity", server.name),
        ("OrganizationalUnit", ""),
        ("OriginatingServer", f"DC01.{server.domain}"),
        ("IsValid", True),
        ("ObjectState", "Unchanged"),
    ), server.name)


def _install_path(server: Server) -> str:
    if server.version == "2007":
        return "C:\\Program Files\\Microsoft\\Exchange Server\\"
    return "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\" if server.version == "2010" else (
        "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\")


def mailbox_server(server: Server) -> DirectoryObject:
    return DirectoryObject(f"{MANAGEMENT}.MailboxServer", (
        ("Name", server.name),
        ("DatabaseAvailabilityGroup", None),
        ("Fqdn", server.fqdn),
        ("AdminDisplayVersion", ServerVersion(*server.exchange_build)),
        ("ServerRole", server_role_text(server)),
        ("ExchangeVersion", "0.1 (14.0.100.0)"),
        ("DistinguishedName", _dn(server, f"CN={server.name}")),
        ("Identity", server.name),
        ("IsValid", True),
    ), server.name)


def client_access_server(server: Server, autodiscover_uri: str | None, service: bool) -> DirectoryObject:
    type_name = f"{MANAGEMENT}.ClientAccessService" if service else f"{MANAGEMENT}.ClientAccessServer"
    return DirectoryObject(type_name, (
        ("Name", server.name),
        ("Fqdn", server.fqdn),
        ("AutoDiscoverServiceInternalUri", _uri(autodiscover_uri)),
        ("AutoDiscoverServiceCN", server.netbios),
        ("AutoDiscoverServiceClassName", "ms-Exchange-AutoDiscover-Service"),
        ("AutoDiscoverSiteScope", [SITE]),
        ("IsOutOfService", False),
        ("Identity", server.name),
        ("DistinguishedName", _dn(server, f"CN={server.name}")),
        ("IsValid", True),
    ), server.name)


def accepted_domain(domain: AcceptedDomain, default: bool) -> DirectoryObject:
    return DirectoryObject(f"{SYSTEM_CONFIGURATION}.AcceptedDomain", (
        ("DomainName", domain.name),
        ("DomainType", "Authoritative" if domain.authoritative else "InternalRelay"),
        ("Default", default),
        ("AddressBookEnabled", domain.authoritative),
        ("Name", domain.name),
        ("Identity", domain.name),
        ("IsValid", True),
    ), domain.name)


# Get-<noun> -> (directory object type, extra properties that type carries).
VIRTUAL_DIRECTORY_TYPES = {
    "Owa": "ADOwaVirtualDirectory", "Ecp": "ADEcpVirtualDirectory", "WebServices": "ADWebServicesVirtualDirectory",
    "ActiveSync": "ADMobileVirtualDirectory", "Oab": "ADOabVirtualDirectory", "Mapi": "ADMapiVirtualDirectory",
    "Autodiscover": "ADAutodiscoverVirtualDirectory", "OutlookAnywhere": "ADRpcHttpVirtualDirectory",
}


def _uri(text: str | None) -> Uri | None:
    return Uri(text) if text else None


def virtual_directory(server: Server, directory: VirtualDirectory) -> DirectoryObject:
    identity = f"{server.name}\\{directory.name}"
    application = directory.name.split(" (", 1)[0]
    common: tuple[tuple[str, Any], ...] = (
        ("Server", server.name),
        ("MetabasePath", f"IIS://{server.fqdn}/W3SVC/1/ROOT/{application}"),
        ("Path", f"{_install_path(server)}FrontEnd\\HttpProxy\\{application.lower()}"),
        ("AdminDisplayVersion", ServerVersion(*server.exchange_build)),
        ("Name", directory.name),
        ("Identity", identity),
        ("IsValid", True),
    )
    type_name = f"{SYSTEM_CONFIGURATION}.{VIRTUAL_DIRECTORY_TYPES[directory.kind]}"
    if directory.kind == "OutlookAnywhere":
        settings = directory.outlook_anywhere or OutlookAnywhereSettings()
        return DirectoryObject(type_name, (
            ("ServerName", server.name),
            ("SSLOffloading", settings.ssl_offloading),
            ("ExternalHostname", _hostname(directory.external_url)),
            ("InternalHostname", _hostname(directory.internal_url)),
            ("ExternalClientAuthenticationMethod", settings.external_client_authentication_method),
            ("InternalClientAuthenticationMethod", settings.internal_client_authentication_method),
            ("ExternalClientsRequireSsl", settings.external_clients_require_ssl),
            ("InternalClientsRequireSsl", settings.internal_clients_require_ssl),
            ("IISAuthenticationMethods", list(settings.iis_authentication_methods)),
            *common,
        ), identity)
    version = {"2007": "Exchange2007", "2010": "Exchange2010"}.get(server.version, "Exchange2013")
    extra: tuple[tuple[str, Any], ...] = (("OwaVersion", version),) if directory.kind == "Owa" else ()
    return DirectoryObject(type_name, (
        *extra,
        ("InternalUrl", _uri(directory.internal_url)),
        ("ExternalUrl", _uri(directory.external_url)),
        *common,
    ), identity)


def auth_config(config: AuthConfig) -> DirectoryObject:
    return DirectoryObject(f"{SYSTEM_CONFIGURATION}.AuthConfig", (
        ("CurrentCertificateThumbprint", config.current_thumbprint or ""),
        ("PreviousCertificateThumbprint", config.previous_thumbprint or ""),
        ("NextCertificateThumbprint", config.next_thumbprint or ""),
        ("NextCertificateEffectiveDate", config.next_effective_date),
        ("ServiceName", "00000002-0000-0ff1-ce00-000000000000"),
        ("Realm", ""),
        ("Name", "Auth Configuration"),
        ("Identity", "Auth Configuration"),
        ("IsValid", True),
    ), "Auth Configuration")


def send_connector(connector: SendConnector, source_servers: list[str]) -> DirectoryObject:
    return DirectoryObject(f"{DIRECTORY}.Management.SmtpSendConnectorConfig", (
        ("AddressSpaces", [f"SMTP:{space};1" for space in connector.address_spaces]),
        ("Enabled", True),
        ("Fqdn", connector.fqdn),
        ("Identity", connector.name),
        ("Name", connector.name),
        ("RequireTLS", connector.require_tls),
        ("SourceTransportServers", source_servers),
        ("TlsAuthLevel", None),
        ("TlsCertificateName", connector.tls_certificate_name),
        ("TlsDomain", None),
        ("IsValid", True),
    ), connector.name)


def receive_connector(connector: ReceiveConnector) -> DirectoryObject:
    identity = f"{connector.server}\\{connector.name}"
    frontend = "Frontend" in connector.name
    return DirectoryObject(f"{DIRECTORY}.Management.ReceiveConnector", (
        ("AdvertiseClientSettings", connector.advertise_client_settings),
        ("AuthMechanism", "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer"),
        ("Bindings", ["[::]:25", "0.0.0.0:25"] if frontend else ["[::]:2525", "0.0.0.0:2525"]),
        ("Enabled", True),
        ("Fqdn", connector.fqdn),
        ("RequireTLS", connector.require_tls),
        ("Server", connector.server),
        ("TlsCertificateName", connector.tls_certificate_name),
        ("TransportRole", "FrontendTransport" if frontend else "HubTransport"),
        ("Name", connector.name),
        ("Identity", identity),
        ("IsValid", True),
    ), identity)


def protocol_settings(settings: ProtocolSettings) -> DirectoryObject:
    short = "Pop3" if settings.protocol == "POP3" else "Imap4"
    name = "1"  # the protocol settings object's name in the directory
    ports = (110, 995) if settings.protocol == "POP3" else (143, 993)
    fqdn = settings.server.fqdn
    return DirectoryObject(f"{DIRECTORY}.SystemConfiguration.{short}AdConfiguration", (
        ("ProtocolName", settings.protocol),
        ("Name", name),
        ("Server", settings.server.name),
        ("X509CertificateName", settings.x509_certificate_name),
        ("LoginType", "SecureLogin"),
        ("ExternalConnectionSettings", []),
        ("InternalConnectionSettings", [f"{fqdn}:{ports[1]}:SSL", f"{fqdn}:{ports[0]}:TLS"]),
        ("SSLBindings", [f"[::]:{ports[1]}", f"0.0.0.0:{ports[1]}"]),
        ("UnencryptedOrTLSBindings", [f"[::]:{ports[0]}", f"0.0.0.0:{ports[0]}"]),
        ("Identity", f"{settings.server.name}\\{name}"),
        ("IsValid", True),
    ), f"{settings.server.name}\\{name}")


def transport_settings(settings: TransportSettings, service: bool) -> DirectoryObject:
    server = settings.server
    noun = "TransportService" if service else "TransportServer"
    return DirectoryObject(f"{MANAGEMENT}.{noun}", (
        ("Name", server.name),
        ("InternalTransportCertificateThumbprint", settings.internal_transport_certificate_thumbprint),
        ("Fqdn", server.fqdn),
        ("AdminDisplayVersion", ServerVersion(*server.exchange_build)),
        ("Identity", server.name),
        ("IsValid", True),
    ), server.name)


def hybrid_configuration(config: HybridConfiguration, when_changed: datetime | None = None) -> DirectoryObject:
    return DirectoryObject(f"{SYSTEM_CONFIGURATION}.HybridConfiguration", (
        ("Domains", list(config.domains)),
        ("Features", ["FreeBusy", "MoveMailbox", "Mailtips", "MessageTracking", "OwaRedirection",
                      "OnlineArchive", "SecureMail", "Photos"]),
        ("OnPremisesSmartHost", config.on_premises_smart_host),
        ("TlsCertificateName", config.tls_certificate_name),
        ("Name", "Hybrid Configuration"),
        ("Identity", "Hybrid Configuration"),
        ("WhenChanged", when_changed),
        ("IsValid", True),
    ), "Hybrid Configuration")
