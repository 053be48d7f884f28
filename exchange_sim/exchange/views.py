"""Exchange's own formatting of certificates (§2.8): what Exchange's format.ps1xml gives EMS."""
from __future__ import annotations

from exchange_sim.powershell.values.formatting.views import ListView, TableColumn, TableView, ViewTable

EXCHANGE_CERTIFICATE = "Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate"

# Widths reproduce the observed layout: the thumbprint column padded to 42 characters and the
# services column to 11, each including the one-space column gap.
CERTIFICATE_TABLE = TableView(
    EXCHANGE_CERTIFICATE,
    (
        TableColumn("Thumbprint", "Thumbprint", 41, "left"),
        TableColumn("Services", "ServicesStringForm", 10, "left"),
        TableColumn("Subject", "Subject", None, "left"),
    ),
)

# Format-List shows these in Exchange's (alphabetical) order; Services as the enum text.
CERTIFICATE_LIST = ListView(
    EXCHANGE_CERTIFICATE,
    (
        "AccessRules", "CertificateDomains", "HasPrivateKey", "IsSelfSigned", "Issuer", "NotAfter", "NotBefore",
        "PublicKeySize", "RootCAType", "SerialNumber", "Services", "Status", "Subject", "Thumbprint",
    ),
)


def register_views(views: ViewTable) -> None:
    views.register(CERTIFICATE_TABLE)
    views.register(CERTIFICATE_LIST)
