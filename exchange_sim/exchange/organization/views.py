"""Exchange's default table views of the organisation objects (what its format.ps1xml gives EMS).

AuthConfig, POP/IMAP settings and the hybrid configuration have no table view: EMS lists them."""
from __future__ import annotations

from exchange_sim.exchange.organization.objects import MANAGEMENT, SYSTEM_CONFIGURATION, VIRTUAL_DIRECTORY_TYPES
from exchange_sim.powershell.values.formatting.views import TableColumn, TableView, ViewTable


def _table(type_name: str, *columns: tuple[str, int | None]) -> TableView:
    return TableView(type_name, tuple(TableColumn(name, name, width, "left") for name, width in columns))


VIEWS = (
    _table(f"{MANAGEMENT}.ExchangeServer", ("Name", 15), ("Site", 20), ("ServerRole", 15), ("Edition", 15),
           ("AdminDisplayVersion", None)),
    _table(f"{MANAGEMENT}.MailboxServer", ("Name", 15), ("DatabaseAvailabilityGroup", None)),
    _table(f"{MANAGEMENT}.ClientAccessServer", ("Name", 15), ("Fqdn", 25), ("AutoDiscoverServiceInternalUri", 50),
           ("AutoDiscoverSiteScope", None)),
    _table(f"{MANAGEMENT}.ClientAccessService", ("Name", 15), ("Fqdn", 25), ("AutoDiscoverServiceInternalUri", 50),
           ("AutoDiscoverSiteScope", None)),
    _table(f"{SYSTEM_CONFIGURATION}.AcceptedDomain", ("Name", 30), ("DomainName", 30), ("DomainType", 20),
           ("Default", None)),
    _table(f"{SYSTEM_CONFIGURATION}.ADOwaVirtualDirectory", ("Name", 30), ("Server", 15), ("OwaVersion", None)),
    _table(f"{SYSTEM_CONFIGURATION}.ADMapiVirtualDirectory", ("Server", 15), ("InternalUrl", 40), ("ExternalUrl", None)),
    _table(f"{SYSTEM_CONFIGURATION}.ADRpcHttpVirtualDirectory", ("ServerName", 15), ("ExternalHostname", 30),
           ("InternalHostname", None)),
    *(_table(f"{SYSTEM_CONFIGURATION}.{type_name}", ("Name", 45), ("Server", None))
      for kind, type_name in VIRTUAL_DIRECTORY_TYPES.items() if kind not in ("Owa", "Mapi", "OutlookAnywhere")),
    _table("Microsoft.Exchange.Data.Directory.Management.SmtpSendConnectorConfig", ("Identity", 30),
           ("AddressSpaces", 30), ("Enabled", None)),
    _table("Microsoft.Exchange.Data.Directory.Management.ReceiveConnector", ("Identity", 40), ("Bindings", 30),
           ("Enabled", None)),
    _table(f"{MANAGEMENT}.TransportService", ("Name", 15), ("InternalTransportCertificateThumbprint", None)),
    _table(f"{MANAGEMENT}.TransportServer", ("Name", 15), ("InternalTransportCertificateThumbprint", None)),
)


def register_views(views: ViewTable) -> None:
    for view in VIEWS:
        views.register(view)
