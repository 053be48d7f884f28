"""The status and root-authority enums Exchange reports for a certificate (§2.3, §2.4)."""
from __future__ import annotations

import enum


class CertificateStatus(enum.IntEnum):
    """Outcome of chain evaluation; PendingRequest marks an entry of the REQUEST store."""

    ps_type_name = enum.nonmember("Microsoft.Exchange.Management.SystemConfigurationTasks.CertificateStatus")

    Unknown = 0
    Valid = 1
    Revoked = 2
    DateInvalid = 3
    Untrusted = 4
    Invalid = 5
    RevocationCheckFailure = 6
    PendingRequest = 7

    def __str__(self) -> str:
        return self.name


class CertificateAuthorityType(enum.IntEnum):
    """Which Windows root store holds the chain's root."""

    ps_type_name = enum.nonmember("Microsoft.Exchange.Management.SystemConfigurationTasks.CertificateAuthorityType")

    none = 0
    ThirdParty = 1
    Enterprise = 2
    Registry = 3
    GroupPolicy = 4
    Unknown = 5

    def __str__(self) -> str:
        return self.name


# .NET spells the member 'None', which Python cannot use as a member name.
CertificateAuthorityType.none._name_ = "None"
