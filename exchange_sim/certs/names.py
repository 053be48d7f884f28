"""Windows-style X.500 distinguished-name text and the DNS names Exchange accepts."""

from __future__ import annotations

import re

from cryptography import x509
from cryptography.x509.oid import NameOID, ObjectIdentifier

# The keys Windows' CertNameToStr/CertStrToName understand (X500 form), in the spelling it prints.
_KEY_TO_OID: dict[str, ObjectIdentifier] = {
    "CN": NameOID.COMMON_NAME,
    "L": NameOID.LOCALITY_NAME,
    "O": NameOID.ORGANIZATION_NAME,
    "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
    "E": NameOID.EMAIL_ADDRESS,
    "C": NameOID.COUNTRY_NAME,
    "S": NameOID.STATE_OR_PROVINCE_NAME,
    "STREET": NameOID.STREET_ADDRESS,
    "T": NameOID.TITLE,
    "G": NameOID.GIVEN_NAME,
    "I": NameOID.INITIALS,
    "SN": NameOID.SURNAME,
    "DC": NameOID.DOMAIN_COMPONENT,
    "SERIALNUMBER": NameOID.SERIAL_NUMBER,
    "PostalCode": NameOID.POSTAL_CODE,
    "Description": ObjectIdentifier("2.5.4.13"),
    "UID": NameOID.USER_ID,
}
_OID_TO_KEY = {oid: key for key, oid in _KEY_TO_OID.items()}
# Accepted on input only: spellings people paste from OpenSSL or RFC 4514 tools.
_INPUT_ALIASES: dict[str, ObjectIdentifier] = {
    "ST": NameOID.STATE_OR_PROVINCE_NAME,
    "EMAIL": NameOID.EMAIL_ADDRESS,
    "EMAILADDRESS": NameOID.EMAIL_ADDRESS,
    "GIVENNAME": NameOID.GIVEN_NAME,
}
_KEYS_BY_UPPER = {key.upper(): oid for key, oid in _KEY_TO_OID.items()} | _INPUT_ALIASES

_OID_TEXT = re.compile(r"(?:OID\.)?([0-2](?:\.\d+)+)", re.IGNORECASE)
# Windows quotes a value when it holds one of these or starts/ends with a blank.
_NEEDS_QUOTES = re.compile(r'[,+=";<>#\r\n]|^\s|\s$')

_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")


class InvalidDistinguishedName(ValueError):
    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"'{text}' is not a valid X.500 distinguished name: {reason}")
        self.text = text
        self.reason = reason


def parse_distinguished_name(text: str) -> x509.Name:
    """Parses `CN=mail.contoso.com, OU=IT, O=Contoso, C=US` (most-specific first, as Windows).

    Like X500DistinguishedName, the text is read in reverse: the last RDN written becomes the
    first RDN encoded, so `format_distinguished_name` gives back the same order.
    """
    if not isinstance(text, str):
        raise InvalidDistinguishedName(repr(text), "a distinguished name must be text")
    rdns = [_parse_rdn(text, part) for part in _split(text, ",;")]
    if rdns == [] and text.strip():
        raise InvalidDistinguishedName(text, "no attribute found")
    try:
        return x509.Name(list(reversed(rdns)))
    except ValueError as error:
        raise InvalidDistinguishedName(text, str(error)) from error


def format_distinguished_name(name: x509.Name) -> str:
    return ", ".join(_format_rdn(rdn) for rdn in reversed(name.rdns))


def common_name(name: x509.Name) -> str | None:
    """The most specific CN (Windows shows the last one encoded), or None without a CN."""
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    if not values:
        return None
    value = values[-1].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def is_valid_domain_name(text: str, allow_wildcard: bool = True) -> bool:
    """DNS name validity as Exchange's SmtpDomainWithSubdomains checks it (`*.x` wildcards)."""
    if not isinstance(text, str) or not text or len(text) > 255:
        return False
    name = text
    if name.startswith("*."):
        if not allow_wildcard:
            return False
        name = name[2:]
    labels = name.split(".")
    return all(_LABEL.fullmatch(label) for label in labels)


def _split(text: str, separators: str) -> list[str]:
    """Splits on separators outside double quotes; `""` inside quotes is a literal quote."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == '"':
            if quoted and text[index + 1 : index + 2] == '"':
                current.append('""')
                index += 2
                continue
            quoted = not quoted
            current.append(char)
        elif char in separators and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    if quoted:
        raise InvalidDistinguishedName(text, "a quoted value is not closed")
    parts.append("".join(current))
    if len(parts) == 1 and not parts[0].strip():
        return []
    return parts


def _parse_rdn(text: str, part: str) -> x509.RelativeDistinguishedName:
    attributes = [_parse_attribute(text, item) for item in _split(part, "+")]
    if not attributes:
        raise InvalidDistinguishedName(text, "an empty name component")
    try:
        return x509.RelativeDistinguishedName(attributes)
    except ValueError as error:
        raise InvalidDistinguishedName(text, str(error)) from error


def _parse_attribute(text: str, item: str) -> x509.NameAttribute[str]:
    key, equals, raw_value = item.partition("=")
    key = key.strip()
    if not equals or not key:
        raise InvalidDistinguishedName(text, f"'{item.strip()}' is not of the form KEY=value")
    oid = _oid_for_key(text, key)
    value = _unquote(text, raw_value.strip())
    if not value:
        raise InvalidDistinguishedName(text, f"{key} has an empty value")
    try:
        return x509.NameAttribute(oid, value)
    except ValueError as error:
        raise InvalidDistinguishedName(text, f"{key}={value}: {error}") from error


def _oid_for_key(text: str, key: str) -> ObjectIdentifier:
    known = _KEYS_BY_UPPER.get(key.upper())
    if known is not None:
        return known
    dotted = _OID_TEXT.fullmatch(key)
    if dotted is None:
        raise InvalidDistinguishedName(text, f"unknown attribute '{key}'")
    try:
        return ObjectIdentifier(dotted.group(1))
    except ValueError as error:
        raise InvalidDistinguishedName(text, f"'{key}' is not a valid OID") from error


def _unquote(text: str, value: str) -> str:
    if not value.startswith('"'):
        if '"' in value:
            raise InvalidDistinguishedName(text, f"stray quote in '{value}'")
        return value
    if len(value) < 2 or not value.endswith('"'):
        raise InvalidDistinguishedName(text, f"'{value}' has text after its closing quote")
    inner = value[1:-1]
    if '"' in inner.replace('""', ""):
        raise InvalidDistinguishedName(text, f"'{value}' has text after its closing quote")
    return inner.replace('""', '"')


def _format_rdn(rdn: x509.RelativeDistinguishedName) -> str:
    return " + ".join(_format_attribute(attribute) for attribute in rdn)


def _format_attribute(attribute: x509.NameAttribute[str | bytes]) -> str:
    key = _OID_TO_KEY.get(attribute.oid, f"OID.{attribute.oid.dotted_string}")
    value = attribute.value
    text = value if isinstance(value, str) else value.hex().upper()
    if text == "" or _NEEDS_QUOTES.search(text):
        text = '"' + text.replace('"', '""') + '"'
    return f"{key}={text}"


def domain_matches(certificate_domain: str, name: str) -> bool:
    """Whether a certificate domain covers a host name: equal, or `*.x` for exactly one label."""
    pattern, host = certificate_domain.lower().rstrip("."), name.lower().rstrip(".")
    if not pattern.startswith("*."):
        return pattern == host
    label, dot, rest = host.partition(".")
    return bool(label) and bool(dot) and rest == pattern[2:]
