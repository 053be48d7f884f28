"""TlsCertificateName values (Microsoft.Exchange.Data.SmtpX509Identifier): `<I>issuer<S>subject`."""
from __future__ import annotations

from typing import Any

from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ParameterBindingArgumentTransformationException

SMTP_X509_IDENTIFIER = "Microsoft.Exchange.Data.SmtpX509Identifier"


class InvalidCertificateName(ValueError):
    """The text is not `<I>issuer<S>subject`."""


def parse_certificate_name(value: Any) -> str | None:
    """`$null`/empty clears the name; anything else must carry both the issuer and the subject."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if not text.upper().startswith("<I>") or "<S>" not in text.upper():
        raise InvalidCertificateName(
            f'The value "{text}" isn\'t a valid SMTP X509 identifier. Use the format <I>issuer<S>subject, '
            'for example "<I>CN=Contoso CA, DC=contoso, DC=com<S>CN=mail.contoso.com".')
    return text


def transformation_error(parameter: str, value: Any, problem: InvalidCertificateName) -> ErrorRecord:
    message = (f"Cannot process argument transformation on parameter '{parameter}'. Cannot convert value "
               f"\"{value}\" to type \"{SMTP_X509_IDENTIFIER}\". Error: \"{problem}\"")
    return ErrorRecord(exception=ParameterBindingArgumentTransformationException(message),
                       error_id="ParameterArgumentTransformationError", category="InvalidData", target_object=value)
