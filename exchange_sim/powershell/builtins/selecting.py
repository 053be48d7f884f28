"""Select-Object: property lists (names, wildcards, calculated), -ExpandProperty, -First/-Last/-Skip/
-SkipLast/-Index and -Unique."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins import records
from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param, switch
from exchange_sim.powershell.builtins.properties import (
    as_list,
    SELECT_KEYS,
    PropertySpecError,
    evaluate,
    expand_names,
    parse_specs,
    read_property,
)
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.objects import PSObject, property_names, type_names

_SETS = ("DefaultParameter", "SkipLastParameter", "IndexParameter")
PSCUSTOMOBJECT = "System.Management.Automation.PSCustomObject"


class SelectObject(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        try:
            self.specs = parse_specs(as_list(ctx.bound.get("Property")), SELECT_KEYS)
        except PropertySpecError as error:
            records.throw(ctx, str(error), error.error_id, "InvalidArgument",
                          net_type="System.NotSupportedException")
        self.excluded = {str(n).lower() for n in as_list(ctx.bound.get("ExcludeProperty"))}
        self.first: int | None = ctx.bound.get("First")
        self.last: int | None = ctx.bound.get("Last")
        self.skip: int = int(ctx.bound.get("Skip") or 0)
        self.skip_last: int = int(ctx.bound.get("SkipLast") or 0)
        self.index: list[int] | None = [int(i) for i in as_list(ctx.bound.get("Index"))] if "Index" in ctx.bound else None
        self.unique = bool(ctx.bound.get("Unique"))
        # Only -Last, -SkipLast, -Unique and -Index need the whole input; the rest streams.
        self.buffered = self.last is not None or self.skip_last or self.unique or self.index is not None
        self.held: list[Any] = []
        self.seen = 0
        self.emitted = 0

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" not in ctx.bound:
            return
        target = ctx.bound["InputObject"]
        if self.buffered:
            self.held.append(target)
            return
        self.seen += 1
        if self.seen <= self.skip:
            return
        if self.first is not None and self.emitted >= self.first:
            ctx.stop_upstream()  # -First 0
            return
        self.emitted += 1
        self._emit(ctx, target)
        if self.first is not None and self.emitted >= self.first:
            ctx.stop_upstream()  # PowerShell's StopUpstreamCommandsException: `1..1e9 | select -First 2` returns at once

    def end(self, ctx: CmdletContext) -> None:
        if not self.buffered:
            return
        chosen = self.held
        if self.index is not None:
            chosen = [chosen[i] for i in self.index if -len(chosen) <= i < len(chosen)]
        shaped = [self._shape(ctx, t) for t in chosen]
        if self.unique:
            # -Unique filters as objects arrive, so -First/-Last count distinct objects
            shaped = _unique(shaped)
        for value in window(shaped, self.first, self.last, self.skip, self.skip_last):
            self._write(ctx, value)

    def _emit(self, ctx: CmdletContext, target: Any) -> None:
        self._write(ctx, self._shape(ctx, target))

    def _write(self, ctx: CmdletContext, shaped: tuple[str, Any]) -> None:
        kind, value = shaped
        if kind == "expand":
            ctx.write_object(value, enumerate_collection=True)
        elif kind != "none":
            ctx.write_object(value)

    def _shape(self, ctx: CmdletContext, target: Any) -> tuple[str, Any]:
        expand = ctx.bound.get("ExpandProperty")
        if expand is not None:
            names = {n.lower(): n for n in property_names(target)} if target is not None else {}
            if str(expand).lower() not in names:
                records.write(ctx, f'Property "{expand}" cannot be found.', "ExpandPropertyNotFound",
                              "InvalidArgument", target, "System.Management.Automation.PSArgumentException")
                return ("none", None)
            return ("expand", read_property(target, names[str(expand).lower()]))
        if not self.specs:
            return ("object", target)
        selected = PSObject()
        for spec in expand_names(self.specs, target):
            if spec.name.lower() in self.excluded:
                continue
            selected.add_property(spec.name, evaluate(ctx, spec, target) if spec.expression is not None
                                  else read_property(target, spec.name))
        _retype(selected, target)
        return ("object", selected)


def window(items: list[Any], first: int | None, last: int | None, skip: int = 0, skip_last: int = 0) -> list[Any]:
    """-Skip, then -SkipLast, then -First and/or -Last (both: the head followed by the tail)."""
    chosen = items[max(skip, 0):]
    if skip_last > 0:
        chosen = chosen[: max(len(chosen) - skip_last, 0)]
    if first is None and last is None:
        return chosen
    head = chosen[: max(first, 0)] if first is not None else []
    tail = chosen[max(len(chosen) - last, 0):] if last is not None and last > 0 else []
    if first is not None and last is not None and len(head) + len(tail) > len(chosen):
        return chosen
    return head + tail


def _retype(selected: Any, source: Any) -> None:
    # 5.1 names the new object "Selected.<source type>" so views for the source no longer apply.
    first = (type_names(source) or ["System.Object"])[0] if source is not None else "System.Object"
    names = selected.type_names
    names[:] = [f"Selected.{first}", PSCUSTOMOBJECT, "System.Object"]


def _identity(shaped: tuple[str, Any]) -> tuple[Any, ...]:
    _, value = shaped
    if isinstance(value, PSObject):
        return tuple((n.lower(), to_string(read_property(value, n))) for n in property_names(value))
    return (to_string(value),)


def _unique(shaped: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    # 5.1's -Unique compares case-sensitively (unlike Sort-Object -Unique)
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for item in shaped:
        key = _identity(item)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept



DECLARATIONS = (
    CommandDeclaration(
        name="Select-Object",
        parameters=(
            param("InputObject", "psobject", pipeline=True, sets=_SETS),
            param("Property", "object[]", position=0, sets=("DefaultParameter", "SkipLastParameter")),
            param("ExcludeProperty", "string[]", sets=("DefaultParameter", "SkipLastParameter")),
            param("ExpandProperty", "string", sets=("DefaultParameter", "SkipLastParameter")),
            switch("Unique", sets=_SETS),
            param("Last", "int", sets=("DefaultParameter",)),
            param("First", "int", sets=("DefaultParameter",)),
            param("Skip", "int", sets=("DefaultParameter",)),
            param("SkipLast", "int", sets=("SkipLastParameter",)),
            switch("Wait", sets=("DefaultParameter", "IndexParameter")),
            param("Index", "int[]", sets=("IndexParameter",)),
        ),
        implementation=SelectObject,
        default_parameter_set="DefaultParameter",
        synopsis="Selects objects or object properties.",
        aliases=("select",),
        module=UTILITY,
        implementing_type=implementing("Select-Object"),
        examples=("Get-ExchangeCertificate | Select-Object Thumbprint, Services, @{n='Days'; e={($_.NotAfter - (Get-Date)).Days}}",),
    ),
)
