"""The drives every 5.1 session has over its own state: `Env:` (the process environment), `Variable:`
and `Function:`. They are flat (one level of items below an empty root), as their providers are, so
`Get-ChildItem Env:`, `Test-Path Env:ExchangeInstallPath` and `Get-Item Variable:x` work like any path."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from exchange_sim.powershell.builtins.variables import PSVariable
from exchange_sim.powershell.evaluator.scopes import VariableScope
from exchange_sim.powershell.values.dotnet.collections_members import DictionaryEntry
from exchange_sim.powershell.values.exceptions import ItemNotFoundException, NotSupportedException

ENVIRONMENT_PREFIX = "env:"


class _FlatDrive:
    """What the three providers share: an empty root and item names without separators."""

    drive_name = ""
    provider_name = ""
    qualified_name = ""
    root = ""
    home: str | None = None

    def normalize(self, path: str) -> str:
        return path.replace("/", "\\").strip("\\")

    def split_root(self, path: str) -> tuple[str, str]:
        return "", path.replace("/", "\\").lstrip("\\")

    def join(self, parent: str, child: str) -> str:
        return child.strip("\\") if not parent else f"{parent}\\{child.strip(chr(92))}"

    def parent(self, path: str) -> str | None:
        return "" if path.strip("\\") else None

    def exists(self, path: str) -> bool:
        name = self.normalize(path)
        return name == "" or self._find(name) is not None

    def is_container(self, path: str) -> bool:
        return self.normalize(path) == ""

    def item(self, path: str) -> Any:
        name = self.normalize(path)
        found = self._find(name) if name else None
        if found is None:
            raise ItemNotFoundException(f"Cannot find path '{name}' because it does not exist.", target_object=name)
        return found

    def children(self, path: str) -> list[tuple[str, Any, bool]]:
        if self.normalize(path):
            return []
        return [(name, item, False) for name, item in self._items()]

    def _items(self) -> list[tuple[str, Any]]:
        raise NotImplementedError

    def _find(self, name: str) -> Any | None:
        return next((item for key, item in self._items() if key.lower() == name.lower()), None)


class EnvironmentDrive(_FlatDrive):
    """`Env:`: the process environment, kept as `env:name` variables of the global scope."""

    drive_name = "Env"
    provider_name = "Environment"
    qualified_name = "Microsoft.PowerShell.Core\\Environment"

    def __init__(self, global_scope: Callable[[], VariableScope], spellings: Mapping[str, str]) -> None:
        self._global = global_scope
        # The engine keeps names in lower case; Windows shows them as they were set (COMPUTERNAME, windir).
        self._spellings = {name.lower(): name for name in spellings}

    def _items(self) -> list[tuple[str, Any]]:
        found = []
        for key, value in self._global().own.items():
            if key.startswith(ENVIRONMENT_PREFIX) and value is not None:
                name = self._spellings.get(key[len(ENVIRONMENT_PREFIX):], key[len(ENVIRONMENT_PREFIX):])
                found.append((name, DictionaryEntry(name, value)))
        return sorted(found, key=lambda pair: pair[0].lower())

    def remove_item(self, path: str, recurse: bool, options: dict[str, Any]) -> None:
        self._global().own.pop(ENVIRONMENT_PREFIX + self.normalize(path).lower(), None)


class VariableDrive(_FlatDrive):
    """`Variable:`: the variables the current scope sees."""

    drive_name = "Variable"
    provider_name = "Variable"
    qualified_name = "Microsoft.PowerShell.Core\\Variable"

    def __init__(self, current_scope: Callable[[], VariableScope]) -> None:
        self._scope = current_scope

    def _items(self) -> list[tuple[str, Any]]:
        scope = self._scope()
        return sorted(((name, PSVariable(name, scope[name])) for name in scope if ":" not in name),
                      key=lambda pair: pair[0])

    def remove_item(self, path: str, recurse: bool, options: dict[str, Any]) -> None:
        name = self.normalize(path).lower()
        scope = self._scope()
        if name in scope:
            del scope[name]


class FunctionDrive(_FlatDrive):
    """`Function:`: the functions the session defined (script files' and the ones dot-sourced)."""

    drive_name = "Function"
    provider_name = "Function"
    qualified_name = "Microsoft.PowerShell.Core\\Function"

    def __init__(self, functions: Callable[[], Mapping[str, Any]]) -> None:
        self._functions = functions

    def _items(self) -> list[tuple[str, Any]]:
        named = ((getattr(function, "name", key), function) for key, function in self._functions().items())
        # Imported here: Get-Command's module loads only when a script lists functions.
        from exchange_sim.powershell.builtins.discovery import CommandInfo

        return sorted(((name, CommandInfo(name, "Function", "")) for name, _function in named),
                      key=lambda pair: pair[0].lower())

    def remove_item(self, path: str, recurse: bool, options: dict[str, Any]) -> None:
        raise NotSupportedException("Provider operation stopped because the provider does not support this "
                                    "operation.")
