"""Exchange's service flags and the compact seven-letter mask shown in the default table (§2.1, §2.2)."""
from __future__ import annotations

import enum


class AllowedServices(enum.IntFlag):
    """The services a certificate can be assigned to; values match Exchange's enum."""

    ps_type_name = enum.nonmember("Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices")

    none = 0
    IMAP = 1
    POP = 2
    UM = 4
    IIS = 8
    SMTP = 16
    Federation = 32
    UMCallRouter = 64

    def __str__(self) -> str:
        # PowerShell prints flags by ascending value, and "None" for the empty set.
        names = [flag.name for flag in _ORDERED_FLAGS if flag in self]
        return ", ".join(str(name) for name in names) if names else "None"


# .NET spells the empty member 'None', which Python cannot use as a member name.
AllowedServices.none._name_ = "None"

_ORDERED_FLAGS: tuple[AllowedServices, ...] = (
    AllowedServices.IMAP,
    AllowedServices.POP,
    AllowedServices.UM,
    AllowedServices.IIS,
    AllowedServices.SMTP,
    AllowedServices.Federation,
    AllowedServices.UMCallRouter,
)

# The mask's letter for each flag, in display position order (I P U W S F C).
_MASK_LETTERS: tuple[tuple[AllowedServices, str], ...] = tuple(zip(_ORDERED_FLAGS, "IPUWSFC"))


def services_string_form(services: AllowedServices) -> str:
    """The `ServicesStringForm` text: a letter per assigned service, '.' otherwise."""
    return "".join(letter if flag in services else "." for flag, letter in _MASK_LETTERS)
