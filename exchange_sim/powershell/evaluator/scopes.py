"""PowerShell's variable scopes: reads search outwards along the call chain, writes stay in the current scope.

A `VariableScope` is a mapping, so the rest of the engine reads and writes `session.variables` as it
would a dict; what makes it a scope is the parent link, the names declared `$private:` (hidden from
child scopes), the type constraints of variables declared here (`[int]$n = 5`), the strict mode set
here (Set-StrictMode applies to its scope and the scopes below it, never to the caller's) and the
functions defined here (they resolve like variables: a function defined inside `& { }`, a function or
a script called with `&` is gone when it ends, unless declared `function global:Name`).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, MutableMapping


class VariableScope(MutableMapping[str, Any]):
    """One scope (global, script, function or script block); keys are lower-case variable names."""

    def __init__(self, parent: "VariableScope | None" = None) -> None:
        self.parent = parent
        self.own: dict[str, Any] = {}
        self.private: set[str] = set()
        self.constraints: dict[str, Callable[[Any], Any]] = {}  # name -> conversion applied on every write
        self.strict: int | None = None  # Set-StrictMode here (0 = -Off); None: as the parent scope says
        self.functions: dict[str, Any] = {}  # lower-case name -> FunctionDefinitionAst defined in this scope

    @property
    def strict_version(self) -> int:
        """The strict mode in force here: set in this scope or the nearest parent that set it (0 = off)."""
        scope: VariableScope | None = self
        while scope is not None:
            if scope.strict is not None:
                return scope.strict
            scope = scope.parent
        return 0

    def child(self) -> "VariableScope":
        return VariableScope(self)

    def holder(self, key: str) -> "VariableScope | None":
        """The scope whose variable `key` this scope sees, or None."""
        scope: VariableScope | None = self
        while scope is not None:
            if key in scope.own and (scope is self or key not in scope.private):
                return scope
            scope = scope.parent
        return None

    def assign(self, key: str, value: Any) -> None:
        """A write in this scope, converted by the variable's type constraint when it was declared here."""
        convert = self.constraints.get(key)
        self.own[key] = convert(value) if convert is not None else value

    def constrain(self, key: str, convert: Callable[[Any], Any], value: Any, check: bool = True) -> None:
        """`[T]$name = value`: from now on every write to `$name` in this scope converts to T (and passes its
        validators). `check=False` stores `value` as it is: a parameter's value the binder already checked,
        or its default, which PowerShell never validates."""
        stored = convert(value) if check else value  # a refused value leaves the variable as it was
        self.constraints[key] = convert
        self.own[key] = stored

    def __getitem__(self, key: str) -> Any:
        scope = self.holder(key)
        if scope is None:
            raise KeyError(key)
        return scope.own[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.assign(key, value)

    def __delitem__(self, key: str) -> None:
        scope = self.holder(key)
        if scope is None:
            raise KeyError(key)
        del scope.own[key]
        scope.constraints.pop(key, None)
        scope.private.discard(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.holder(key) is not None

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        scope: VariableScope | None = self
        while scope is not None:
            for key in scope.own:
                if key not in seen and (scope is self or key not in scope.private):
                    seen.add(key)
                    yield key
            scope = scope.parent
        return

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def root(self) -> "VariableScope":
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope


class VisibleFunctions(MutableMapping[str, Any]):
    """The functions `scope` sees: its own, then its parents'; a definition goes into `scope` itself."""

    def __init__(self, scope: VariableScope) -> None:
        self.scope = scope

    def _holder(self, key: str) -> VariableScope | None:
        scope: VariableScope | None = self.scope
        while scope is not None:
            if key in scope.functions:
                return scope
            scope = scope.parent
        return None

    def __getitem__(self, key: str) -> Any:
        holder = self._holder(key)
        if holder is None:
            raise KeyError(key)
        return holder.functions[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.scope.functions[key] = value

    def __delitem__(self, key: str) -> None:
        holder = self._holder(key)
        if holder is None:
            raise KeyError(key)
        del holder.functions[key]

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        scope: VariableScope | None = self.scope
        while scope is not None:
            for key in scope.functions:
                if key not in seen:
                    seen.add(key)
                    yield key
            scope = scope.parent

    def __len__(self) -> int:
        return sum(1 for _ in self)


def function_name(written: str) -> str:
    """`function global:Get-X` defines `Get-X` (the scope prefix says where, not what it is called)."""
    prefix, colon, rest = written.partition(":")
    return rest if colon and prefix.lower() in _SCOPE_PREFIXES else written


def function_scope(written: str, current: VariableScope, script: VariableScope) -> VariableScope:
    """Where `function [scope:]Name` goes: global, the script scope, or the current scope."""
    prefix, colon, _ = written.partition(":")
    if colon and prefix.lower() == "global":
        return current.root()
    if colon and prefix.lower() == "script":
        return script
    return current


_SCOPE_PREFIXES = ("global", "script", "local", "private")


def named_scope(current: VariableScope, script: VariableScope, name: str) -> VariableScope:
    """`-Scope Global|Script|Local|Private|N` of the variable cmdlets (N counts parents up from `current`)."""
    key = name.strip().lower()
    if key == "global":
        return current.root()
    if key == "script":
        return script
    if key in ("local", "private"):
        return current
    scope = current
    try:
        steps = int(key)
    except ValueError:
        steps = -1
    if steps < 0:
        from exchange_sim.powershell.values import errors

        raise errors.ArgumentException(
            f"The scope number '{name}' exceeds the number of active scopes.\r\nParameter name: Scope")
    for _ in range(steps):
        if scope.parent is None:
            from exchange_sim.powershell.values import errors

            raise errors.ArgumentOutOfRangeException(
                f"The scope number '{name}' exceeds the number of active scopes.\r\nParameter name: scopeID")
        scope = scope.parent
    return scope
