"""Which server a certificate cmdlet acts on (`-Server`, or the server part of `-Identity`), and the
file system its file parameters use (the shell's, so `--mount` folders and the lab's paths agree)."""
from __future__ import annotations

from typing import Any

from exchange_sim.powershell.commands import CmdletContext
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ArgumentException
from exchange_sim.targets.identity import CertificateIdentity, IdentityError, parse_identity

TARGET_KEY = "exchange.target"
FILESYSTEM_KEY = "windows.filesystem"


def target_of(ctx: CmdletContext, identity_server: str | None = None) -> Any:
    """The session's target, or the one `-Server`/`-Identity` names; raises CertificateFailure."""
    target = ctx.extensions[TARGET_KEY]
    wanted = ctx.bound.get("Server") or identity_server
    return target.on_server(str(wanted)) if wanted else target


def files_of(ctx: CmdletContext, target: Any) -> Any:
    """The shell's lab file system (current location, mounts); a bare target's own otherwise."""
    files = ctx.extensions.get(FILESYSTEM_KEY)
    return files if files is not None else target.lab.filesystem(target.server_name)


def thumbprint_argument(ctx: CmdletContext) -> CertificateIdentity | None:
    """-Identity parsed (§2.7) or -Thumbprint as given; None after writing the argument error."""
    bound = ctx.bound
    try:
        if bound.get("Identity") is not None:
            return parse_identity(str(bound["Identity"]))
    except IdentityError as error:
        ctx.throw_terminating_error(ErrorRecord(ArgumentException(str(error)), "InvalidIdentity", "InvalidArgument"))
        return None
    thumbprint = bound.get("Thumbprint")
    return CertificateIdentity(None, str(thumbprint) if thumbprint is not None else "")


def audit_of(bound: dict[str, Any] | Any, secrets: tuple[str, ...] = ("Password",)) -> dict[str, str]:
    """Bound parameters as the audit log keeps them: text, secrets hidden, byte arrays summarised."""
    shown: dict[str, str] = {}
    for name, value in bound.items():
        if name in secrets:
            shown[name] = "********"
        elif isinstance(value, (bytes, bytearray)) or (isinstance(value, list) and value and isinstance(value[0], int)):
            shown[name] = f"<{len(value)} bytes>"
        else:
            shown[name] = str(value)
    return shown
