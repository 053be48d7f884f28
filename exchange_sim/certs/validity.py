"""How long the certificates Exchange makes itself are valid (§5.3, §11)."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

# §11.1: setup's Auth certificate lives 1800 days, not five calendar years.
AUTH_CERTIFICATE_LIFETIME = timedelta(days=1800)
# §11.1: the IIS WMSvc certificate is made for ten years.
WMSVC_MONTHS = 120
# §5.3: New-ExchangeCertificate (and setup) give 60 calendar months, 12 in Exchange 2007.
_SELF_SIGNED_MONTHS_2007 = 12
_SELF_SIGNED_MONTHS = 60


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar-month arithmetic like .NET DateTime.AddMonths: the day is clamped to the month."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def self_signed_months(exchange_version: str) -> int:
    return _SELF_SIGNED_MONTHS_2007 if exchange_version.strip() == "2007" else _SELF_SIGNED_MONTHS


def self_signed_validity(now: datetime, exchange_version: str) -> tuple[datetime, datetime]:
    """(NotBefore, NotAfter) of a self-signed New-ExchangeCertificate result (no back-dating)."""
    return now, add_months(now, self_signed_months(exchange_version))
