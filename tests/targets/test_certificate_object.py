"""§2.5/§2.6: the certificate object as the engine sees it through the adapter protocol."""
from __future__ import annotations

import datetime

from exchange_sim.powershell.values.objects import get_property, property_names, type_names
from exchange_sim.targets.certificate import BinaryFileDataObject, ExchangeCertificate
from exchange_sim.targets.services import AllowedServices
from exchange_sim.targets.trust import CertificateAuthorityType, CertificateStatus

THUMB = "611C687DFC4343A5A03E0005A1EC6E9B6AFF586D"


def setup_certificate() -> ExchangeCertificate:
    return ExchangeCertificate(
        thumbprint=THUMB, subject="CN=EX01", issuer="CN=EX01",
        not_before=datetime.datetime(2024, 1, 1), not_after=datetime.datetime(2029, 1, 1),
        serial_number="1A2B", friendly_name="Microsoft Exchange", has_private_key=True, public_key_size=2048,
        certificate_domains=("EX01", "EX01.contoso.com"), services=AllowedServices(27),
        status=CertificateStatus.Valid, root_ca_type=CertificateAuthorityType.Registry, is_self_signed=True,
        private_key_exportable=False, server_fqdn="EX01.contoso.com", key_identifier="AB12",
    )


def test_identity_is_server_fqdn_backslash_thumbprint() -> None:
    assert get_property(setup_certificate(), "identity") == f"EX01.contoso.com\\{THUMB}"


def test_services_string_form_is_the_mask_of_the_services() -> None:
    assert get_property(setup_certificate(), "ServicesStringForm") == "IP.WS.."
    assert str(get_property(setup_certificate(), "Services")) == "IMAP, POP, IIS, SMTP"


def test_certificate_is_an_x509certificate2_to_powershell() -> None:
    names = type_names(setup_certificate())
    assert names[0] == "Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate"
    assert "System.Security.Cryptography.X509Certificates.X509Certificate2" in names


def test_list_properties_come_first_in_exchange_order() -> None:
    assert list(property_names(setup_certificate()))[:3] == ["AccessRules", "CertificateDomains", "HasPrivateKey"]


def test_binary_file_data_object_carries_the_bytes_in_file_data() -> None:
    assert get_property(BinaryFileDataObject(b"\x30\x82"), "FileData") == b"\x30\x82"
