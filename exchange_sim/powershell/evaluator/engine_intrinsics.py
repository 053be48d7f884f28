"""`$ExecutionContext` (System.Management.Automation.EngineIntrinsics): the parts runbooks and modules call,
chiefly `$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($path)`, which ACME deploy
modules use to turn a relative or drive path into the file path they hand to .NET."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from exchange_sim.powershell.providers import PathInfo, SessionProviders
from exchange_sim.powershell.values.conversions import to_string


class PathIntrinsics:
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PathIntrinsics", "System.Object")

    def __init__(self, providers: SessionProviders) -> None:
        self._providers = providers

    def ps_properties(self) -> Mapping[str, Any]:
        location = PathInfo(self._providers.location)
        return {"CurrentLocation": location, "CurrentFileSystemLocation": location}

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {
            "GetUnresolvedProviderPathFromPSPath": self.unresolved_provider_path,
            "GetResolvedProviderPathFromPSPath": self.resolved_provider_paths,
            "IsValid": lambda path: self._providers.is_valid(to_string(path)),
        }

    def unresolved_provider_path(self, path: Any) -> str:
        """Relative to the current location, drive names replaced; the item need not exist."""
        return self._providers.locate(to_string(path)).path

    def resolved_provider_paths(self, path: Any, *_provider: Any) -> list[str]:
        return [found.path for found in self._providers.resolve(to_string(path))]

    def __str__(self) -> str:
        return "System.Management.Automation.PathIntrinsics"


class PSVariableIntrinsics:
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PSVariableIntrinsics",
                                                "System.Object")

    def __init__(self, read: Callable[[str], Any], write: Callable[[str, Any], None]) -> None:
        self._read = read
        self._write = write

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {
            "GetValue": lambda name, default=None: self._value(to_string(name), default),
            "Set": lambda name, value: self._write(to_string(name).lower(), value),
        }

    def _value(self, name: str, default: Any) -> Any:
        value = self._read(name.lower())
        return default if value is None else value

    def __str__(self) -> str:
        return "System.Management.Automation.PSVariableIntrinsics"


class SessionState:
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.SessionState", "System.Object")

    def __init__(self, path: PathIntrinsics, variables: PSVariableIntrinsics) -> None:
        self._path = path
        self._variables = variables

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Path": self._path, "PSVariable": self._variables, "LanguageMode": "FullLanguage"}

    def __str__(self) -> str:
        return "System.Management.Automation.SessionState"


class EngineIntrinsics:
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.EngineIntrinsics", "System.Object")

    def __init__(self, session_state: SessionState, host: Callable[[], Any]) -> None:
        self._session_state = session_state
        self._host = host

    def ps_properties(self) -> Mapping[str, Any]:
        return {"SessionState": self._session_state, "Host": self._host()}

    def __str__(self) -> str:
        return "System.Management.Automation.EngineIntrinsics"


def engine_intrinsics(providers: SessionProviders, read: Callable[[str], Any],
                      write: Callable[[str, Any], None], host: Callable[[], Any]) -> EngineIntrinsics:
    """The `$ExecutionContext` of one session: it reads the session's location and variables live."""
    return EngineIntrinsics(SessionState(PathIntrinsics(providers), PSVariableIntrinsics(read, write)), host)
