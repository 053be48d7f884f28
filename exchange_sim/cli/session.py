"""Builds the runspace the CLI commands (and the remoting service) use: the core cmdlets, and on a lab
server the Windows around Exchange and the Exchange cmdlets, as the Exchange Management Shell starts."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from exchange_sim.powershell.host import Host
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session

if TYPE_CHECKING:
    from exchange_sim.lab import Lab


class LabServerNotFound(LookupError):
    """`--server` names no server of the lab."""


def open_session(host: Host, lab: "Path | Lab | None" = None, server: str | None = None,
                 mounts: Sequence[tuple[str, Path]] = (), plain: bool = False, user: str | None = None,
                 seed_folders: bool = True) -> Session:
    """A session on `server` of `lab` (default lab, first server); `plain` leaves the Exchange cmdlets out.

    `lab` may be an open Lab that the caller keeps and closes (the remoting service shares one per process).
    `user` (`DOMAIN\\name`) runs the session as that lab user; `seed_folders` as in `windows.register`."""
    # Imported here so `exchange-sim --help` and `parse` never pay for sqlite and cryptography.
    from exchange_sim import windows
    from exchange_sim.lab import Lab, open_or_create
    from exchange_sim.powershell import builtins
    from exchange_sim.exchange import entry_modes, implicit_remoting, organization
    from exchange_sim.targets.organization import OrganizationTarget
    from exchange_sim.targets.simulated import SimulatedTarget

    the_lab = lab if isinstance(lab, Lab) else open_or_create(lab)
    chosen = the_lab.server(server) if server else the_lab.servers()[0]
    if chosen is None:
        names = ", ".join(s.name for s in the_lab.servers())
        raise LabServerNotFound(f"The lab has no server '{server}'. Its servers: {names}.")
    registry = EngineRegistry().apply(builtins.register)
    windows.register(registry, the_lab, chosen.name, {win: str(host_dir) for win, host_dir in mounts}, user=user,
                     seed_folders=seed_folders)
    # The lab clock is UTC; Get-Date and [datetime]::Now show it as the lab's local (UTC) time.
    registry.extensions["clock"] = lambda: the_lab.clock.now().replace(tzinfo=None)

    def targets_for(name: str | None) -> dict[str, object] | None:
        """What an Exchange session on lab server `name` (None: this one) needs: its version and targets."""
        found = chosen if name is None else the_lab.server(name)
        if found is None:
            return None
        return {"exchange.target": SimulatedTarget(the_lab, found.name),
                organization.ORGANIZATION_KEY: OrganizationTarget(the_lab, found.name),
                entry_modes.VERSION_KEY: found.version, entry_modes.BUILD_KEY: found.exchange_build,
                "exchange.server_name": found.name,
                "exchange.server_fqdn": found.fqdn}

    # Both modes know the loaders and the local server; EMS has the cmdlets from the start.
    registry.extensions.update(targets_for(None) or {})
    registry.extensions[entry_modes.TARGETS_KEY] = targets_for

    def sign_in(user: str, password: str) -> str | None:
        """A -Credential's user as the lab knows them (`exchange-sim lab user add`): their role, or None."""
        found = the_lab.user(user)
        if found is None:
            return None
        # Digests, so the comparison takes as long wherever the passwords differ.
        same = hmac.compare_digest(hashlib.sha256(password.encode()).digest(),
                                   hashlib.sha256(found.password.encode()).digest())
        return found.role if same else None

    registry.extensions[implicit_remoting.SIGN_IN_KEY] = sign_in
    registry.extensions[implicit_remoting.ROLE_HOLDS_KEY] = _held_by_role
    entry_modes.register(registry, chosen.version)
    if not plain:
        entry_modes.load_exchange_cmdlets(registry, chosen.version)
    return Session(registry, host, product_version=chosen.version)


def _held_by_role(role: str, declaration: object) -> bool:
    """The remoting service's role-group rule, imported only when a session signs in with -Credential."""
    from exchange_sim.remoting.role_groups import held_by_role

    return held_by_role(role, declaration)
