"""Who runs the session: `[Security.Principal.WindowsIdentity]::GetCurrent()` and
`WindowsPrincipal.IsInRole`, answered for the lab user, an administrator of the server (as the
Exchange admin running a runbook is)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any

from exchange_sim.powershell.values.types import TypeTable
from exchange_sim.windows.machine import LabMachine

_PRINCIPAL = "System.Security.Principal"


class WindowsBuiltInRole(enum.IntEnum):
    ps_type_name = enum.nonmember(f"{_PRINCIPAL}.WindowsBuiltInRole")

    Administrator = 544
    User = 545
    Guest = 546
    PowerUser = 547
    AccountOperator = 548
    SystemOperator = 549
    PrintOperator = 550
    BackupOperator = 551
    Replicator = 552

    def __str__(self) -> str:
        return self.name


# The lab user's groups: an administrator of the server and of the organisation.
_GROUPS = ("BUILTIN\\Administrators", "BUILTIN\\Users", "{domain}\\Domain Admins", "{domain}\\Domain Users",
           "{domain}\\Organization Management", "{domain}\\Exchange Trusted Subsystem")
_MEMBER_ROLES = (WindowsBuiltInRole.Administrator, WindowsBuiltInRole.User)


def identity_types(machine: LabMachine) -> tuple[type, type]:
    domain, user = machine.user_domain(), machine.user_name()
    groups = tuple(group.format(domain=domain) for group in _GROUPS)

    class WindowsIdentity:
        ps_type_names = (f"{_PRINCIPAL}.WindowsIdentity", "System.Security.Claims.ClaimsIdentity", "System.Object")

        def ps_properties(self) -> dict[str, object]:
            return {"Name": f"{domain}\\{user}", "AuthenticationType": "Kerberos", "IsAuthenticated": True,
                    "IsAnonymous": False, "IsGuest": False, "IsSystem": False, "Groups": list(groups),
                    "ImpersonationLevel": "None"}

        def __str__(self) -> str:
            return f"{_PRINCIPAL}.WindowsIdentity"

        @staticmethod
        def ps_static_methods() -> Mapping[str, Callable[..., Any]]:
            return {"GetCurrent": lambda *_args: WindowsIdentity()}

    class WindowsPrincipal:
        ps_type_names = (f"{_PRINCIPAL}.WindowsPrincipal", "System.Security.Claims.ClaimsPrincipal", "System.Object")

        def __init__(self, identity: Any = None) -> None:
            self.identity = identity if identity is not None else WindowsIdentity()

        def ps_properties(self) -> dict[str, object]:
            return {"Identity": self.identity}

        def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
            return {"IsInRole": self.is_in_role}

        def is_in_role(self, role: Any) -> bool:
            if isinstance(role, WindowsBuiltInRole) or isinstance(role, int):
                return int(role) in {int(member) for member in _MEMBER_ROLES}
            text = str(role).lower()
            named = {member.name.lower() for member in _MEMBER_ROLES}
            return text in named or text in {group.lower() for group in groups} or any(
                group.lower().split("\\", 1)[1] == text for group in groups)

        def __str__(self) -> str:
            return f"{_PRINCIPAL}.WindowsPrincipal"

    return WindowsIdentity, WindowsPrincipal


def register_identity_types(types: TypeTable, machine: LabMachine) -> None:
    identity, principal = identity_types(machine)
    types.register(identity, f"{_PRINCIPAL}.WindowsIdentity")
    types.register(principal, f"{_PRINCIPAL}.WindowsPrincipal")
    types.register_enum(WindowsBuiltInRole)
