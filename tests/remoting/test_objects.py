"""Engine values serialised for PSRP clients: type names, adapted properties, enums with their ToString."""

from __future__ import annotations

import datetime
import enum
from xml.etree import ElementTree

from psrpcore.types import serialize

from exchange_sim.remoting.objects import RemoteObjects, from_remote


class AllowedServices(enum.IntFlag):
    NONE = 0
    IMAP = 1
    POP = 2
    IIS = 8
    SMTP = 16


class CertificateStatus(enum.IntEnum):
    Unknown = 0
    Valid = 1


# Set after the class body: inside it, enum would take the name for a member.
AllowedServices.ps_type_name = "Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices"
CertificateStatus.ps_type_name = "Microsoft.Exchange.Management.SystemConfigurationTasks.CertificateStatus"


class Certificate:
    """Shaped by the engine's adapter protocol (engine contract), as the Exchange layer's views are."""

    ps_type_names = ("Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate",
                     "System.Security.Cryptography.X509Certificates.X509Certificate2")

    def __init__(self, services: AllowedServices) -> None:
        self.services = services

    def ps_properties(self) -> dict[str, object]:
        return {"Thumbprint": "0A1B", "Services": self.services, "Status": CertificateStatus.Valid,
                "NotAfter": datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc),
                "CertificateDomains": ["mail.contoso.com"], "HasPrivateKey": True}

    def __str__(self) -> str:
        return "[Subject]\n  CN=mail.contoso.com"


def _xml(value: object) -> ElementTree.Element:
    return serialize(RemoteObjects().to_remote(value), None)


def test_certificate_keeps_exchange_type_names_and_tostring() -> None:
    element = _xml(Certificate(AllowedServices.IIS | AllowedServices.SMTP))
    assert [t.text for t in element.find("TN")] == [
        "Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate",
        "System.Security.Cryptography.X509Certificates.X509Certificate2", "System.Object"]
    assert element.findtext("ToString") == "[Subject]\n  CN=mail.contoso.com"
    props = element.find("Props")
    assert props.find("S[@N='Thumbprint']").text == "0A1B"
    assert props.find("DT[@N='NotAfter']").text.startswith("2030-01-01T00:00:00")
    assert props.find("B[@N='HasPrivateKey']").text == "true"


def test_services_and_status_travel_as_dotnet_enums() -> None:
    props = _xml(Certificate(AllowedServices.IIS | AllowedServices.SMTP)).find("Props")
    services = props.find("Obj[@N='Services']")
    assert services.findtext("I32") == "24"
    assert services.findtext("ToString") == "IIS, SMTP"
    assert services.find("TN/T").text == AllowedServices.ps_type_name
    status = props.find("Obj[@N='Status']")
    assert (status.findtext("I32"), status.findtext("ToString")) == ("1", "Valid")


def test_no_services_is_written_as_none() -> None:
    services = _xml(Certificate(AllowedServices(0))).find("Props/Obj[@N='Services']")
    assert (services.findtext("I32"), services.findtext("ToString")) == ("0", "None")


def test_parameter_values_come_back_as_plain_python() -> None:
    assert from_remote([b"\x01", "x", 3, True]) == [b"\x01", "x", 3, True]


def test_custom_objects_keep_their_note_properties_in_order() -> None:
    from exchange_sim.powershell.values.objects import PSObject

    custom = PSObject([("Name", "EXCH01"), ("Count", 2)])
    element = _xml(custom)
    assert [t.text for t in element.find("TN")] == ["System.Management.Automation.PSCustomObject", "System.Object"]
    assert [(e.tag, e.get("N"), e.text) for e in element.find("MS")] == [("S", "Name", "EXCH01"), ("I32", "Count", "2")]


def test_uri_and_version_travel_as_primitive_elements() -> None:
    from exchange_sim.powershell.values.dotnet.network import Uri
    from exchange_sim.powershell.values.dotnet.version import Version

    uri = _xml(Uri.ps_parse("https://exch01.contoso.com/Autodiscover/Autodiscover.xml"))
    version = _xml(Version.ps_parse("15.2.1118.7"))
    assert (uri.tag, uri.text) == ("URI", "https://exch01.contoso.com/Autodiscover/Autodiscover.xml")
    assert (version.tag, version.text) == ("Version", "15.2.1118.7")
