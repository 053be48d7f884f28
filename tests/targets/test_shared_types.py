"""Exchange's shared certificate types: service flags, the services mask, identities, trust enums."""
from __future__ import annotations

import pytest

from exchange_sim.powershell.values.enum_conversion import convert_enum
from exchange_sim.targets.identity import CertificateIdentity, IdentityError, normalize_thumbprint, parse_identity
from exchange_sim.targets.services import AllowedServices, services_string_form
from exchange_sim.targets.trust import CertificateAuthorityType, CertificateStatus


@pytest.mark.parametrize(
    ("value", "mask"),
    [(27, "IP.WS.."), (16, "....S.."), (24, "...WS.."), (8, "...W..."), (0, "......."), (11, "IP.W..."), (32, ".....F."), (64, "......C"), (4, "..U....")],
)
def test_services_mask_has_a_letter_per_assigned_service(value: int, mask: str) -> None:
    assert services_string_form(AllowedServices(value)) == mask


def test_services_text_lists_names_by_ascending_value() -> None:
    assert str(AllowedServices.SMTP | AllowedServices.IMAP | AllowedServices.IIS | AllowedServices.POP) == "IMAP, POP, IIS, SMTP"


def test_no_services_reads_none() -> None:
    assert str(AllowedServices(0)) == "None"


@pytest.mark.parametrize("argument", ["IIS,SMTP", "iis, smtp", ["IIS", "SMTP"], 24])
def test_services_argument_forms_convert_to_the_flags(argument: object) -> None:
    assert convert_enum(argument, AllowedServices) == AllowedServices.IIS | AllowedServices.SMTP


def test_unknown_service_name_is_a_conversion_error_naming_the_enum() -> None:
    with pytest.raises(Exception) as raised:
        convert_enum("IIS, Web", AllowedServices)
    message = str(raised.value)
    assert 'to type "Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices"' in message
    assert "Unable to match the identifier name Web" in message
    assert "None, IMAP, POP, UM, IIS, SMTP, Federation, UMCallRouter" in message


def test_identity_with_backslash_names_server_and_thumbprint() -> None:
    assert parse_identity("EX01.contoso.com\\611C687DFC43") == CertificateIdentity("EX01.contoso.com", "611C687DFC43")


def test_identity_without_backslash_is_a_thumbprint() -> None:
    assert parse_identity("611C687DFC43") == CertificateIdentity(None, "611C687DFC43")


def test_empty_identity_is_rejected() -> None:
    with pytest.raises(IdentityError):
        parse_identity("")


def test_mmc_spaced_thumbprint_loses_its_spaces() -> None:
    assert normalize_thumbprint("61 1c 68 7d") == "611c687d"


def test_thumbprint_is_otherwise_left_as_typed() -> None:
    assert normalize_thumbprint(" 611C 687D") == " 611C 687D"


def test_pending_request_status_and_unknown_root_have_exchange_values() -> None:
    assert int(CertificateStatus.PendingRequest) == 7 and str(CertificateStatus.PendingRequest) == "PendingRequest"
    assert int(CertificateAuthorityType.Unknown) == 5 and str(CertificateAuthorityType(0)) == "None"
