"""§2.8: the default table and list of Get-ExchangeCertificate output, rendered by the engine's formatter."""
from __future__ import annotations

from exchange_sim.exchange import register
from exchange_sim.exchange.views import EXCHANGE_CERTIFICATE
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.values.formatting.default import format_default
from exchange_sim.powershell.values.objects import PSObject
from exchange_sim.targets.services import AllowedServices, services_string_form

ROWS = (
    ("3F7C0A9B2D4E6F8011223344556677889900AABB", 24, "CN=mail.contoso.com, O=Contoso, C=US"),
    ("611C687DFC4343A5A03E0005A1EC6E9B6AFF586D", 27, "CN=EX01"),
    ("2D10A746D6BB8D795F1679AEBD89D5D2AE583CB7", 16, "CN=Microsoft Exchange Server Auth Certificate"),
    ("3341CEAF3DF4D3A9527EC98BDD53C54ECC3E0620", 0, "CN=WMSvc-SHA2-EX01"),
)

GOLDEN_TABLE = """\
Thumbprint                                Services   Subject
----------                                --------   -------
3F7C0A9B2D4E6F8011223344556677889900AABB  ...WS..    CN=mail.contoso.com, O=Contoso, C=US
611C687DFC4343A5A03E0005A1EC6E9B6AFF586D  IP.WS..    CN=EX01
2D10A746D6BB8D795F1679AEBD89D5D2AE583CB7  ....S..    CN=Microsoft Exchange Server Auth Certificate
3341CEAF3DF4D3A9527EC98BDD53C54ECC3E0620  .......    CN=WMSvc-SHA2-EX01"""


def certificate_object(thumbprint: str, services: int, subject: str) -> PSObject:
    # Six properties: without Exchange's view the engine would fall back to a list.
    flags = AllowedServices(services)
    return PSObject(
        [("Thumbprint", thumbprint), ("Subject", subject), ("Services", flags), ("ServicesStringForm", services_string_form(flags)),
         ("Status", "Valid"), ("HasPrivateKey", True)],
        type_names=[EXCHANGE_CERTIFICATE, "System.Object"],
    )


def registry_with_exchange() -> EngineRegistry:
    registry = EngineRegistry()
    register(registry)
    return registry


def test_default_table_shows_thumbprint_services_mask_and_subject() -> None:
    rendered = format_default([certificate_object(*row) for row in ROWS], registry_with_exchange().views)
    lines = [line.rstrip() for line in rendered.strip("\n").splitlines()]
    assert "\n".join(lines) == GOLDEN_TABLE


def test_without_exchange_views_the_certificate_falls_back_to_a_list() -> None:
    rendered = format_default([certificate_object(*ROWS[0])], EngineRegistry().views)
    assert "ServicesStringForm : ...WS.." in rendered


def test_exchange_enums_resolve_by_full_name() -> None:
    types = registry_with_exchange().types
    resolved = types.resolve("Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices")
    assert resolved.py_class is AllowedServices
