"""The DotNetHost a session gives the values layer: the lab clock, script-block calls, and the machine
hooks (`[IO.File]`, `[Environment]`) of whichever layer registered the `dotnet.machine` extension."""

from __future__ import annotations

import datetime
from typing import Any, Callable, Mapping


class SessionDotNetHost:
    def __init__(self, extensions: Mapping[str, Any], invoke: Callable[..., list[Any]]) -> None:
        self._extensions = extensions
        self._invoke = invoke

    def now(self) -> datetime.datetime:
        clock = self._extensions.get("clock")
        return clock() if callable(clock) else datetime.datetime.now()

    def invoke(self, script_block: Any, dollar_under: Any, args: list[Any]) -> list[Any]:
        return self._invoke(script_block, dollar_under, args)

    def __getattr__(self, name: str) -> Any:
        # Optional hooks (read_file_bytes, machine_name …): absent when no machine is registered,
        # so the values layer falls back to its defaults exactly as with no host at all.
        machine = self.__dict__.get("_extensions", {}).get("dotnet.machine")
        if machine is None or name.startswith("_"):
            raise AttributeError(name)
        return getattr(machine, name)
