"""What the layers above plug into before a session starts: commands, types, views, drives, variables.

A plug-in is a function `register(registry: EngineRegistry) -> None`; a `Session` is built from the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from exchange_sim.powershell.commands import CommandTable
from exchange_sim.powershell.values.formatting.views import ViewTable
from exchange_sim.powershell.values.types import TypeTable

Plugin = Callable[["EngineRegistry"], None]


@dataclass
class EngineRegistry:
    """Everything a runspace knows before it runs a line (mutable only while plug-ins register)."""

    commands: CommandTable = field(default_factory=CommandTable)
    types: TypeTable = field(default_factory=TypeTable)
    views: ViewTable = field(default_factory=ViewTable)
    # Drive name (without colon, case-insensitive) -> provider object of the layer that owns the drive.
    providers: dict[str, Any] = field(default_factory=dict)
    # Initial global variables, e.g. "env:COMPUTERNAME" or "ConfirmPreference".
    variables: dict[str, Any] = field(default_factory=dict)
    # Services for cmdlets of the layers above, e.g. "exchange.target".
    extensions: dict[str, Any] = field(default_factory=dict)

    def apply(self, *plugins: Plugin) -> "EngineRegistry":
        """Let each plug-in register, in order; later plug-ins may replace earlier entries."""
        for plugin in plugins:
            plugin(self)
        return self

    def add_drive(self, name: str, provider: Any) -> None:
        self.providers[name.rstrip(":").lower()] = provider

    def drive(self, name: str) -> Any | None:
        return self.providers.get(name.rstrip(":").lower())
