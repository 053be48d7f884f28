from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID

from exchange_sim.certs.names import (
    InvalidDistinguishedName,
    common_name,
    domain_matches,
    format_distinguished_name,
    is_valid_domain_name,
    parse_distinguished_name,
)


def test_windows_order_text_round_trips() -> None:
    text = "CN=mail.contoso.com, OU=IT, O=Contoso, L=Town, S=State, C=US"
    assert format_distinguished_name(parse_distinguished_name(text)) == text


def test_country_is_encoded_first_as_windows_does() -> None:
    name = parse_distinguished_name("CN=mail.contoso.com, O=Contoso, C=US")
    first = name.rdns[0].get_attributes_for_oid(NameOID.COUNTRY_NAME)
    assert first and first[0].value == "US"


def test_s_means_state_or_province() -> None:
    name = parse_distinguished_name("S=Washington")
    assert name.get_attributes_for_oid(NameOID.STATE_OR_PROVINCE_NAME)[0].value == "Washington"


def test_lower_case_keys_are_accepted() -> None:
    assert format_distinguished_name(parse_distinguished_name("cn=x")) == "CN=x"


def test_entrust_style_text_keeps_the_written_order_on_output() -> None:
    name = parse_distinguished_name("c=US,o=Entrust,cn=mail.entrust.com")
    assert format_distinguished_name(name) == "C=US, O=Entrust, CN=mail.entrust.com"
    assert common_name(name) == "mail.entrust.com"


def test_quoted_value_may_contain_a_comma() -> None:
    name = parse_distinguished_name('CN=mail.contoso.com, O="Contoso, Ltd", C=US')
    assert name.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Contoso, Ltd"
    assert format_distinguished_name(name) == 'CN=mail.contoso.com, O="Contoso, Ltd", C=US'


def test_multi_valued_rdn_is_joined_with_plus() -> None:
    name = parse_distinguished_name("CN=a + OU=b, O=x")
    assert len(name.rdns) == 2
    assert format_distinguished_name(name) == "CN=a + OU=b, O=x"


def test_email_key_prints_as_e() -> None:
    name = parse_distinguished_name("E=admin@contoso.com, CN=x")
    assert format_distinguished_name(name) == "E=admin@contoso.com, CN=x"


def test_dotted_oid_key_is_accepted_and_printed_with_oid_prefix() -> None:
    name = parse_distinguished_name("OID.1.2.3.4=custom, CN=x")
    assert format_distinguished_name(name) == "OID.1.2.3.4=custom, CN=x"


@pytest.mark.parametrize(
    "text",
    ["garbage", "CN=", "=x", "XX=1", "C=USA", 'CN="open', "CN=a,,O=b", 'CN=a"b'],
)
def test_garbage_is_an_invalid_distinguished_name(text: str) -> None:
    with pytest.raises(InvalidDistinguishedName) as raised:
        parse_distinguished_name(text)
    assert text in str(raised.value)


def test_common_name_is_none_without_cn() -> None:
    assert common_name(parse_distinguished_name("O=Contoso")) is None


def test_common_name_reads_the_auth_certificate_subject() -> None:
    name = parse_distinguished_name("cn=Microsoft Exchange Server Auth Certificate")
    assert common_name(name) == "Microsoft Exchange Server Auth Certificate"


def test_blank_text_is_the_empty_name() -> None:
    assert parse_distinguished_name("  ") == x509.Name([])


@pytest.mark.parametrize(
    "name",
    [
        "EX01",
        "EX01.contoso.com",
        "mail.contoso.com",
        "*.contoso.com",
        "autodiscover.contoso.co.uk",
        "a-b.c_d.com",
    ],
)
def test_dns_and_wildcard_names_are_valid_domains(name: str) -> None:
    assert is_valid_domain_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Microsoft Exchange Server Auth Certificate",
        "mail..contoso.com",
        "-mail.contoso.com",
        "mail-.contoso.com",
        "mail.contoso.com.",
        "*",
        "mail.*.com",
        "**.contoso.com",
        "a" * 64 + ".com",
        "user@contoso.com",
    ],
)
def test_malformed_names_are_not_valid_domains(name: str) -> None:
    assert not is_valid_domain_name(name)


def test_wildcard_can_be_refused() -> None:
    assert not is_valid_domain_name("*.contoso.com", allow_wildcard=False)


@pytest.mark.parametrize(
    ("pattern", "host", "expected"),
    [
        ("mail.contoso.com", "MAIL.contoso.com", True),
        ("mail.contoso.com", "owa.contoso.com", False),
        ("*.contoso.com", "mail.contoso.com", True),
        ("*.contoso.com", "contoso.com", False),
        ("*.contoso.com", "a.b.contoso.com", False),
        ("*.Contoso.com", "MAIL.CONTOSO.COM", True),
    ],
)
def test_domain_matching_follows_single_label_wildcards(
    pattern: str, host: str, expected: bool
) -> None:
    assert domain_matches(pattern, host) is expected


def test_semicolons_separate_like_commas() -> None:
    assert format_distinguished_name(parse_distinguished_name("CN=x; O=y")) == "CN=x, O=y"


def test_value_with_quotes_round_trips() -> None:
    text = 'CN=x, O="Contoso ""Labs"""'
    name = parse_distinguished_name(text)
    assert name.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == 'Contoso "Labs"'
    assert format_distinguished_name(name) == text
