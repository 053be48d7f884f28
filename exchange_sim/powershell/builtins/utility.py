"""Start-Sleep, Get-Random, Set-StrictMode and Invoke-Expression."""

from __future__ import annotations

import random
from typing import Any

from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.declaring import CORE, UTILITY, implementing, param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.conversions import to_string


class StartSleep(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        if "Milliseconds" in ctx.bound:
            seconds = float(ctx.bound["Milliseconds"]) / 1000.0
        else:
            seconds = float(ctx.bound.get("Seconds") or 0)
        runtime.sleep(ctx, seconds)


class GetRandom(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        seed = ctx.bound.get("SetSeed")
        self.generator = random.Random(seed) if seed is not None else random.Random()
        self.items: list[Any] = []

    def process(self, ctx: CmdletContext) -> None:
        if ctx.parameter_set_name == "RandomListItemParameterSet" and "InputObject" in ctx.bound:
            value = ctx.bound["InputObject"]
            self.items += list(value) if isinstance(value, (list, tuple)) else [value]

    def end(self, ctx: CmdletContext) -> None:
        if ctx.parameter_set_name == "RandomListItemParameterSet":
            count = int(ctx.bound.get("Count") or 1)
            for item in self.generator.sample(self.items, min(count, len(self.items))):
                ctx.write_object(item)
            return
        minimum = ctx.bound.get("Minimum", 0)
        maximum = ctx.bound.get("Maximum")
        as_float = isinstance(minimum, float) or isinstance(maximum, float)
        if maximum is None:
            maximum = 2147483647
        if maximum <= minimum:
            records.throw(ctx, f"The Minimum value ({minimum}) cannot be greater than or equal to the Maximum value "
                          f"({maximum}).", "MinGreaterThanOrEqualMax", "InvalidArgument", None,
                          "System.ArgumentException")
        for _ in range(int(ctx.bound.get("Count") or 1)):
            if as_float:
                ctx.write_object(self.generator.uniform(float(minimum), float(maximum)))
            else:
                ctx.write_object(self.generator.randrange(int(minimum), int(maximum)))


class SetStrictMode(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        if ctx.bound.get("Off"):
            runtime.set_strict_mode(ctx, None)
            return
        text = to_string(ctx.bound.get("Version"))
        if text.lower() == "latest":
            runtime.set_strict_mode(ctx, 3)
            return
        try:
            major = int(text.split(".")[0])
        except ValueError:
            major = -1
        if major not in (1, 2, 3):
            records.throw(ctx, f"Cannot validate argument on parameter 'Version'. The \"{text}\" argument is not a "
                          "valid version. Specify one of the versions 1.0, 2.0, 3.0 or Latest.",
                          "ParameterArgumentValidationError", "InvalidData", text,
                          "System.Management.Automation.ParameterBindingValidationException")
        runtime.set_strict_mode(ctx, major)


class InvokeExpression(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        for value in runtime.invoke_expression(ctx, to_string(ctx.bound["Command"])):
            ctx.write_object(value)


DECLARATIONS = (
    CommandDeclaration(
        name="Start-Sleep",
        parameters=(
            param("Seconds", "double", position=0, mandatory=True, pipeline=True, by_name=True, sets=("Seconds",)),
            param("Milliseconds", "int", mandatory=True, pipeline=True, by_name=True, sets=("Milliseconds",)),
        ),
        implementation=StartSleep,
        default_parameter_set="Seconds",
        synopsis="Suspends the activity in a script or session for the specified period of time.",
        aliases=("sleep",),
        module=UTILITY,
        implementing_type=implementing("Start-Sleep"),
    ),
    CommandDeclaration(
        name="Get-Random",
        parameters=(
            param("SetSeed", "int"),
            param("Maximum", "object", position=0, sets=("RandomNumberParameterSet",)),
            param("Minimum", "object", sets=("RandomNumberParameterSet",)),
            param("InputObject", "object[]", position=0, mandatory=True, pipeline=True,
                  sets=("RandomListItemParameterSet",)),
            param("Count", "int"),
        ),
        implementation=GetRandom,
        default_parameter_set="RandomNumberParameterSet",
        synopsis="Gets a random number, or selects objects randomly from a collection.",
        module=UTILITY,
        implementing_type=implementing("Get-Random"),
    ),
    CommandDeclaration(
        name="Set-StrictMode",
        parameters=(
            # [Version] in PowerShell, behind an argument transformation that also accepts "Latest";
            # the binder has no transformations, so the cmdlet takes the raw value and reads it itself.
            param("Version", "object", mandatory=True, sets=("Version",), aliases=("v",)),
            switch("Off", mandatory=True, sets=("Off",)),
        ),
        implementation=SetStrictMode,
        synopsis="Establishes and enforces coding rules in expressions, scripts, and script blocks.",
        module=CORE,
        implementing_type=implementing("Set-StrictMode"),
    ),
    CommandDeclaration(
        name="Invoke-Expression",
        parameters=(param("Command", "string", position=0, mandatory=True, pipeline=True),),
        implementation=InvokeExpression,
        synopsis="Runs commands or expressions on the local computer.",
        aliases=("iex",),
        module=UTILITY,
        implementing_type=implementing("Invoke-Expression"),
    ),
)
