"""RBAC as a remote session sees it: the user's role group decides which Exchange cmdlets the session has.

Real Exchange builds each remote session from the caller's roles, so a cmdlet outside them is simply "not
recognized". The lab knows three built-in role groups (lab.ROLE_GROUPS); only the view-only one withholds
certificate cmdlets.
"""

from __future__ import annotations

from exchange_sim.lab import VIEW_ONLY_ROLE
from exchange_sim.powershell.commands import CommandDeclaration
from exchange_sim.powershell.session import Session


def held_by_role(role: str, declaration: CommandDeclaration) -> bool:
    """Whether a user of `role` has the command (a view-only user keeps only Exchange's Get- cmdlets)."""
    if role != VIEW_ONLY_ROLE or not declaration.module.startswith("Microsoft.Exchange"):
        return True
    return declaration.name.lower().startswith("get-")


def trim_to_role(session: Session, role: str) -> None:
    """Take out of `session` the commands `role` does not hold."""
    commands = session.registry.commands
    for name in [d.name for d in commands if not held_by_role(role, d)]:
        commands.unregister(name)
