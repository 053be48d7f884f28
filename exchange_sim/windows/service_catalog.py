"""The Windows services an Exchange server runs, per version and role, as setup leaves them.

Only the services runbooks touch or list are here: Exchange's own, IIS's and WinRM. Each names the
protocol whose certificate it loads when it starts, so a restart can report which certificate the
listener now presents.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from exchange_sim.lab import Server


class ServiceControllerStatus(enum.IntEnum):
    ps_type_name = enum.nonmember("System.ServiceProcess.ServiceControllerStatus")

    Stopped = 1
    StartPending = 2
    StopPending = 3
    Running = 4
    ContinuePending = 5
    PausePending = 6
    Paused = 7

    def __str__(self) -> str:
        return self.name


class ServiceStartMode(enum.IntEnum):
    ps_type_name = enum.nonmember("System.ServiceProcess.ServiceStartMode")

    Boot = 0
    System = 1
    Automatic = 2
    Manual = 3
    Disabled = 4

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    display_name: str
    start_mode: ServiceStartMode = ServiceStartMode.Automatic
    depends_on: tuple[str, ...] = ()
    # The protocol whose certificate the service loads at start: IMAP, POP, SMTP or IIS.
    protocol: str | None = None

    @property
    def initially_running(self) -> bool:
        return self.start_mode == ServiceStartMode.Automatic


_AUTO, _MANUAL = ServiceStartMode.Automatic, ServiceStartMode.Manual
_TOPOLOGY = ("MSExchangeADTopology",)

_WINDOWS = (
    ServiceSpec("IISADMIN", "IIS Admin Service"),
    ServiceSpec("WAS", "Windows Process Activation Service"),
    ServiceSpec("W3SVC", "World Wide Web Publishing Service", depends_on=("WAS",), protocol="IIS"),
    ServiceSpec("WinRM", "Windows Remote Management (WS-Management)"),
)

# Exchange 2013 and later: one Mailbox role (plus the 2013 CAS), IMAP/POP front ends and back ends.
_MODERN = (
    ServiceSpec("MSExchangeADTopology", "Microsoft Exchange Active Directory Topology"),
    ServiceSpec("MSExchangeAntispamUpdate", "Microsoft Exchange Anti-spam Update", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeDagMgmt", "Microsoft Exchange DAG Management", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeDelivery", "Microsoft Exchange Mailbox Transport Delivery", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeDiagnostics", "Microsoft Exchange Diagnostics"),
    ServiceSpec("MSExchangeEdgeSync", "Microsoft Exchange EdgeSync", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeFastSearch", "Microsoft Exchange Search", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeFrontEndTransport", "Microsoft Exchange Frontend Transport", depends_on=_TOPOLOGY,
                protocol="SMTP"),
    ServiceSpec("MSExchangeHM", "Microsoft Exchange Health Manager"),
    ServiceSpec("MSExchangeIMAP4", "Microsoft Exchange IMAP4", _MANUAL, _TOPOLOGY, "IMAP"),
    ServiceSpec("MSExchangeIMAP4BE", "Microsoft Exchange IMAP4 Backend", _MANUAL, _TOPOLOGY, "IMAP"),
    ServiceSpec("MSExchangeIS", "Microsoft Exchange Information Store", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeMailboxAssistants", "Microsoft Exchange Mailbox Assistants", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeMailboxReplication", "Microsoft Exchange Mailbox Replication", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangePOP3", "Microsoft Exchange POP3", _MANUAL, _TOPOLOGY, "POP"),
    ServiceSpec("MSExchangePOP3BE", "Microsoft Exchange POP3 Backend", _MANUAL, _TOPOLOGY, "POP"),
    ServiceSpec("MSExchangeRepl", "Microsoft Exchange Replication", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeRPC", "Microsoft Exchange RPC Client Access", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeServiceHost", "Microsoft Exchange Service Host", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeSubmission", "Microsoft Exchange Mailbox Transport Submission", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeThrottling", "Microsoft Exchange Throttling", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeTransport", "Microsoft Exchange Transport", depends_on=_TOPOLOGY, protocol="SMTP"),
    ServiceSpec("MSExchangeTransportLogSearch", "Microsoft Exchange Transport Log Search", depends_on=_TOPOLOGY),
)
_UM_2013_2016 = (
    ServiceSpec("MSExchangeUM", "Microsoft Exchange Unified Messaging", depends_on=_TOPOLOGY),
    ServiceSpec("MSExchangeUMCR", "Microsoft Exchange Unified Messaging Call Router", depends_on=_TOPOLOGY),
)
_NOTIFICATIONS_BROKER = (
    ServiceSpec("MSExchangeNotificationsBroker", "Microsoft Exchange Notifications Broker", depends_on=_TOPOLOGY),
)

# Exchange 2007 and 2010: services follow the separately installed roles.
_LEGACY_BY_ROLE = {
    "": (
        ServiceSpec("MSExchangeADTopology", "Microsoft Exchange Active Directory Topology Service"),
        ServiceSpec("MSExchangeServiceHost", "Microsoft Exchange Service Host", depends_on=_TOPOLOGY),
    ),
    "ClientAccess": (
        ServiceSpec("MSExchangeFDS", "Microsoft Exchange File Distribution", depends_on=_TOPOLOGY),
        ServiceSpec("MSExchangeImap4", "Microsoft Exchange IMAP4", _MANUAL, _TOPOLOGY, "IMAP"),
        ServiceSpec("MSExchangePop3", "Microsoft Exchange POP3", _MANUAL, _TOPOLOGY, "POP"),
    ),
    "HubTransport": (
        ServiceSpec("MSExchangeAntispamUpdate", "Microsoft Exchange Anti-spam Update", depends_on=_TOPOLOGY),
        ServiceSpec("MSExchangeEdgeSync", "Microsoft Exchange EdgeSync", depends_on=_TOPOLOGY),
        ServiceSpec("MSExchangeTransport", "Microsoft Exchange Transport", depends_on=_TOPOLOGY, protocol="SMTP"),
        ServiceSpec("MSExchangeTransportLogSearch", "Microsoft Exchange Transport Log Search",
                    depends_on=_TOPOLOGY),
    ),
    "Mailbox": (
        ServiceSpec("MSExchangeIS", "Microsoft Exchange Information Store", depends_on=_TOPOLOGY),
        ServiceSpec("MSExchangeMailboxAssistants", "Microsoft Exchange Mailbox Assistants", depends_on=_TOPOLOGY),
        ServiceSpec("MSExchangeMailSubmission", "Microsoft Exchange Mail Submission", depends_on=_TOPOLOGY),
        ServiceSpec("MSExchangeRepl", "Microsoft Exchange Replication Service", depends_on=_TOPOLOGY),
        ServiceSpec("MSExchangeSA", "Microsoft Exchange System Attendant", depends_on=_TOPOLOGY),
        ServiceSpec("MSExchangeSearch", "Microsoft Exchange Search Indexer", depends_on=_TOPOLOGY),
    ),
    "UnifiedMessaging": (
        ServiceSpec("MSExchangeUM", "Microsoft Exchange Unified Messaging", depends_on=_TOPOLOGY),
    ),
}
_LEGACY_2010_ONLY = {
    "ClientAccess": (
        ServiceSpec("MSExchangeAB", "Microsoft Exchange Address Book", depends_on=_TOPOLOGY),
        ServiceSpec("MSExchangeRPC", "Microsoft Exchange RPC Client Access", depends_on=_TOPOLOGY),
    ),
    "": (ServiceSpec("MSExchangeThrottling", "Microsoft Exchange Throttling", depends_on=_TOPOLOGY),),
}

_EDGE = (
    ServiceSpec("ADAM_MSExchange", "Microsoft Exchange ADAM"),
    ServiceSpec("MSExchangeAntispamUpdate", "Microsoft Exchange Anti-spam Update"),
    ServiceSpec("MSExchangeEdgeCredentialSvc", "Microsoft Exchange Credential Service"),
    ServiceSpec("MSExchangeTransport", "Microsoft Exchange Transport", depends_on=("ADAM_MSExchange",),
                protocol="SMTP"),
    ServiceSpec("MSExchangeTransportLogSearch", "Microsoft Exchange Transport Log Search"),
)


def services_for(server: Server) -> tuple[ServiceSpec, ...]:
    """The services of `server`, sorted by name as Get-Service lists them."""
    if server.has_role("EdgeTransport"):
        exchange: tuple[ServiceSpec, ...] = _EDGE
    elif server.at_least("2013"):
        exchange = _MODERN
        if server.version in ("2013", "2016"):
            exchange += _UM_2013_2016
        if server.at_least("2016"):
            exchange += _NOTIFICATIONS_BROKER
    else:
        roles = ("", *server.roles)
        chosen: dict[str, ServiceSpec] = {}
        for role in roles:
            for table in (_LEGACY_BY_ROLE, _LEGACY_2010_ONLY if server.version == "2010" else {}):
                for spec in table.get(next((key for key in table if key.lower() == role.lower()), "?"), ()):
                    chosen[spec.name] = spec
        exchange = tuple(chosen.values())
    return tuple(sorted((*_WINDOWS, *exchange), key=lambda spec: spec.name.lower()))
