"""Measure-Object (Count/Sum/Average/Maximum/Minimum over values or a property) and Compare-Object
(`<=`, `=>`, `==` side indicators)."""

from __future__ import annotations

import functools
from typing import Any, ClassVar, Mapping

from exchange_sim.powershell.builtins import records
from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param, switch
from exchange_sim.powershell.builtins.ordering import compare_values
from exchange_sim.powershell.builtins.properties import as_list, read_property
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.objects import PSObject, property_names


class GenericMeasureInfo:
    """Microsoft.PowerShell.Commands.GenericMeasureInfo (statistics not asked for stay $null)."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("Microsoft.PowerShell.Commands.GenericMeasureInfo",
                                                "Microsoft.PowerShell.Commands.MeasureInfo", "System.Object")

    def __init__(self, count: int, average: Any, total: Any, maximum: Any, minimum: Any, prop: str | None) -> None:
        self.values = {"Count": count, "Average": average, "Sum": total, "Maximum": maximum,
                       "Minimum": minimum, "Property": prop}

    def ps_properties(self) -> Mapping[str, Any]:
        return dict(self.values)

    def __str__(self) -> str:
        return "Microsoft.PowerShell.Commands.GenericMeasureInfo"


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


class MeasureObject(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self.names = [str(n) for n in as_list(ctx.bound.get("Property"))]
        self.values: dict[str, list[Any]] = {n: [] for n in self.names} or {"": []}
        self.count = 0
        self.found: set[str] = set()

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" not in ctx.bound:
            return
        item = ctx.bound["InputObject"]
        self.count += 1
        if not self.names:
            if item is not None:
                self.values[""].append(item)
            return
        available = {n.lower(): n for n in property_names(item)} if item is not None else {}
        for name in self.names:
            if name.lower() in available:
                self.found.add(name)
                self.values[name].append(read_property(item, available[name.lower()]))

    def end(self, ctx: CmdletContext) -> None:
        for name in self.names:
            if name not in self.found:
                records.write(ctx, f'The property "{name}" cannot be found in the input for any objects.',
                              "GenericMeasurePropertyNotFound", "InvalidArgument", None,
                              "System.Management.Automation.PSArgumentException")
        for name, values in self.values.items():
            if self.names and name not in self.found:
                continue
            ctx.write_object(self._measure(ctx, name, values))

    def _measure(self, ctx: CmdletContext, name: str, values: list[Any]) -> GenericMeasureInfo:
        wants = frozenset(k for k in ("Sum", "Average", "Maximum", "Minimum") if ctx.bound.get(k))
        count = len(values) if self.names else self.count
        info, not_numeric = measure(values, wants, count, name or None)
        for value in not_numeric:
            records.write(ctx, f'Input object "{to_string(value)}" is not numeric.', "NonNumericInputObject",
                          "InvalidType", value, "System.Management.Automation.PSInvalidOperationException")
        return info


def measure(values: list[Any], wants: frozenset[str], count: int, prop: str | None) -> tuple[GenericMeasureInfo, list[Any]]:
    """Measure-Object's statistics (as doubles, like 5.1) and the values that were not numeric."""
    numbers: list[float] = []
    not_numeric: list[Any] = []
    if "Sum" in wants or "Average" in wants:
        for value in values:
            number = _number(value)
            if number is None:
                not_numeric.append(value)
            else:
                numbers.append(number)
    total = sum(numbers) if "Sum" in wants else None
    average = (sum(numbers) / len(numbers) if numbers else None) if "Average" in wants else None
    ranked = sorted((v for v in values if v is not None), key=functools.cmp_to_key(compare_values))

    def shown(value: Any) -> Any:
        number = _number(value)
        return value if number is None else number

    maximum = shown(ranked[-1]) if "Maximum" in wants and ranked else None
    minimum = shown(ranked[0]) if "Minimum" in wants and ranked else None
    return GenericMeasureInfo(count, average, total, maximum, minimum, prop), not_numeric


class CompareObject(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self.reference = as_list(ctx.bound.get("ReferenceObject"))
        self.difference: list[Any] = []

    def process(self, ctx: CmdletContext) -> None:
        if "DifferenceObject" in ctx.bound:
            self.difference += as_list(ctx.bound["DifferenceObject"])

    def end(self, ctx: CmdletContext) -> None:
        names = [str(n) for n in as_list(ctx.bound.get("Property"))]
        for item, side in compare_sides(self.reference, self.difference, names, bool(ctx.bound.get("CaseSensitive"))):
            if side == "==" and not ctx.bound.get("IncludeEqual"):
                continue
            if side != "==" and ctx.bound.get("ExcludeDifferent"):
                continue
            self._write(ctx, item, names, side)

    @staticmethod
    def _write(ctx: CmdletContext, item: Any, names: list[str], side: str) -> None:
        if ctx.bound.get("PassThru"):
            ctx.write_object(item)
            return
        result = PSObject()
        if names:
            for name in names:
                result.add_property(name, read_property(item, name))
        else:
            result.add_property("InputObject", item)
        result.add_property("SideIndicator", side)
        ctx.write_object(result)


def compare_sides(reference: list[Any], difference: list[Any], names: list[str],
                  case_sensitive: bool = False) -> list[tuple[Any, str]]:
    """Compare-Object's verdicts in its output order: each difference item in turn (`==` when it matches
    a not yet matched reference item, else `=>`), then the unmatched reference items (`<=`)."""
    key = (lambda o: [read_property(o, n) for n in names]) if names else (lambda o: [o])
    matched = [False] * len(reference)
    reference_keys = [key(r) for r in reference]
    verdicts: list[tuple[Any, str]] = []
    for item in difference:
        item_key = key(item)
        hit = next((i for i, k in enumerate(reference_keys) if not matched[i] and _equal(k, item_key, case_sensitive)),
                   None)
        if hit is None:
            verdicts.append((item, "=>"))
        else:
            matched[hit] = True
            verdicts.append((item, "=="))
    verdicts += [(item, "<=") for index, item in enumerate(reference) if not matched[index]]
    return verdicts


def _equal(a: list[Any], b: list[Any], case_sensitive: bool) -> bool:
    return all(compare_values(x, y, case_sensitive) == 0 for x, y in zip(a, b))



DECLARATIONS = (
    CommandDeclaration(
        name="Measure-Object",
        parameters=(
            param("InputObject", "psobject", pipeline=True),
            param("Property", "string[]", position=0),
            switch("Sum", sets=("GenericMeasure",)),
            switch("Average", sets=("GenericMeasure",)),
            switch("Maximum", sets=("GenericMeasure",)),
            switch("Minimum", sets=("GenericMeasure",)),
            switch("Line", sets=("TextMeasure",)),
            switch("Word", sets=("TextMeasure",)),
            switch("Character", sets=("TextMeasure",)),
            switch("IgnoreWhiteSpace", sets=("TextMeasure",)),
        ),
        implementation=MeasureObject,
        default_parameter_set="GenericMeasure",
        synopsis="Calculates the numeric properties of objects, and the characters, words, and lines in string objects.",
        aliases=("measure",),
        module=UTILITY,
        implementing_type=implementing("Measure-Object"),
    ),
    CommandDeclaration(
        name="Compare-Object",
        parameters=(
            param("ReferenceObject", "psobject[]", position=0, mandatory=True, allow_empty_collection=True),
            param("DifferenceObject", "psobject[]", position=1, mandatory=True, pipeline=True, allow_empty_collection=True),
            param("SyncWindow", "int"),
            param("Property", "object[]"),
            switch("ExcludeDifferent"),
            switch("IncludeEqual"),
            switch("PassThru"),
            param("Culture", "string"),
            switch("CaseSensitive"),
        ),
        implementation=CompareObject,
        synopsis="Compares two sets of objects.",
        aliases=("compare", "diff"),
        module=UTILITY,
        implementing_type=implementing("Compare-Object"),
    ),
)

