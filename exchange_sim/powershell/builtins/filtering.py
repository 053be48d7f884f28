"""Where-Object (script-block and simplified comparison syntax) and ForEach-Object (script blocks or a
member name)."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.declaring import CORE, implementing, param
from exchange_sim.powershell.builtins.properties import as_list
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration
from exchange_sim.powershell.values.conversions import to_bool
from exchange_sim.powershell.values.objects import get_method, get_property, property_names
from exchange_sim.powershell.values.operators import binary_op, compare

# (switch name, case-sensitive?, operator, set name, aliases) — Where-Object's comparison sets.
_OPERATORS: tuple[tuple[str, bool, str, str, tuple[str, ...]], ...] = (
    ("EQ", False, "-eq", "EqualSet", ("IEQ",)),
    ("CEQ", True, "-eq", "CaseSensitiveEqualSet", ()),
    ("NE", False, "-ne", "NotEqualSet", ("INE",)),
    ("CNE", True, "-ne", "CaseSensitiveNotEqualSet", ()),
    ("GT", False, "-gt", "GreaterThanSet", ("IGT",)),
    ("CGT", True, "-gt", "CaseSensitiveGreaterThanSet", ()),
    ("LT", False, "-lt", "LessThanSet", ("ILT",)),
    ("CLT", True, "-lt", "CaseSensitiveLessThanSet", ()),
    ("GE", False, "-ge", "GreaterOrEqualSet", ("IGE",)),
    ("CGE", True, "-ge", "CaseSensitiveGreaterOrEqualSet", ()),
    ("LE", False, "-le", "LessOrEqualSet", ("ILE",)),
    ("CLE", True, "-le", "CaseSensitiveLessOrEqualSet", ()),
    ("Like", False, "-like", "LikeSet", ("ILike",)),
    ("CLike", True, "-like", "CaseSensitiveLikeSet", ()),
    ("NotLike", False, "-notlike", "NotLikeSet", ("INotLike",)),
    ("CNotLike", True, "-notlike", "CaseSensitiveNotLikeSet", ()),
    ("Match", False, "-match", "MatchSet", ("IMatch",)),
    ("CMatch", True, "-match", "CaseSensitiveMatchSet", ()),
    ("NotMatch", False, "-notmatch", "NotMatchSet", ("INotMatch",)),
    ("CNotMatch", True, "-notmatch", "CaseSensitiveNotMatchSet", ()),
    ("Contains", False, "-contains", "ContainsSet", ("IContains",)),
    ("CContains", True, "-contains", "CaseSensitiveContainsSet", ()),
    ("NotContains", False, "-notcontains", "NotContainsSet", ("INotContains",)),
    ("CNotContains", True, "-notcontains", "CaseSensitiveNotContainsSet", ()),
    ("In", False, "-in", "InSet", ("IIn",)),
    ("CIn", True, "-in", "CaseSensitiveInSet", ()),
    ("NotIn", False, "-notin", "NotInSet", ("INotIn",)),
    ("CNotIn", True, "-notin", "CaseSensitiveNotInSet", ()),
    ("Is", False, "-is", "IsSet", ()),
    ("IsNot", False, "-isnot", "IsNotSet", ()),
)
_COMPARISON_SETS = tuple(entry[3] for entry in _OPERATORS)


def _where_parameters() -> tuple[ParameterDeclaration, ...]:
    parameters = [
        param("InputObject", "psobject", pipeline=True),
        param("FilterScript", "scriptblock", position=0, mandatory=True, sets=("ScriptBlockSet",)),
        param("Property", "string", position=0, mandatory=True, sets=_COMPARISON_SETS),
        param("Value", "object", position=1, sets=_COMPARISON_SETS),
    ]
    for name, _, _, set_name, aliases in _OPERATORS:
        # `Where-Object Enabled` (no operator) lands in EqualSet, so -EQ is the one optional switch
        parameters.append(param(name, "switch", sets=(set_name,), mandatory=name != "EQ", aliases=aliases))
    return tuple(parameters)


def _property_value(target: Any, name: str) -> Any:
    try:
        return get_property(target, name)
    except Exception:  # a property a type does not have reads as $null outside strict mode
        return None


def where_matches(value: Any, set_name: str, operand: Any, explicit: bool = True) -> bool:
    """The simplified Where-Object test for one property value; in EqualSet without -Value (or -EQ)
    the property's own truth decides (`Where-Object Enabled`)."""
    for _, case_sensitive, operator, operator_set, _ in _OPERATORS:
        if operator_set != set_name:
            continue
        if set_name == "EqualSet" and not explicit:
            return to_bool(value)
        if operator in ("-is", "-isnot"):
            return to_bool(binary_op(operator, value, operand))
        return to_bool(compare(operator, value, operand, case_sensitive=case_sensitive))
    return to_bool(value)


class WhereObject(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        target = ctx.bound.get("InputObject")
        if ctx.parameter_set_name == "ScriptBlockSet":
            result = runtime.run_scriptblock(ctx, ctx.bound["FilterScript"], dollar_under=target)
            keep = to_bool(result[0] if len(result) == 1 else result)
        else:
            keep = self._compare(ctx, target)
        if keep:
            ctx.write_object(target)

    @staticmethod
    def _compare(ctx: CmdletContext, target: Any) -> bool:
        value = _property_value(target, str(ctx.bound["Property"]))
        explicit = "Value" in ctx.bound or bool(ctx.bound.get("EQ"))
        return where_matches(value, ctx.parameter_set_name, ctx.bound.get("Value"), explicit)


class ForEachObject(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self.begin_block, self.process_blocks, self.end_block = assign_blocks(
            ctx.bound.get("Begin"),
            as_list(ctx.bound.get("Process")) + as_list(ctx.bound.get("RemainingScripts")),
            ctx.bound.get("End"),
        )
        if self.begin_block is not None:
            runtime.stream_scriptblock(ctx, self.begin_block)

    def process(self, ctx: CmdletContext) -> None:
        target = ctx.bound.get("InputObject")
        if ctx.parameter_set_name == "PropertyAndMethodSet":
            self._member(ctx, target)
            return
        for block in self.process_blocks:
            runtime.stream_scriptblock(ctx, block, dollar_under=target)

    def end(self, ctx: CmdletContext) -> None:
        if ctx.parameter_set_name != "PropertyAndMethodSet" and self.end_block is not None:
            runtime.stream_scriptblock(ctx, self.end_block)

    @staticmethod
    def _member(ctx: CmdletContext, target: Any) -> None:
        name = str(ctx.bound["MemberName"])
        if target is None:
            return
        arguments = list(as_list(ctx.bound.get("ArgumentList")))
        if not arguments and any(n.lower() == name.lower() for n in property_names(target)):
            ctx.write_object(get_property(target, name), enumerate_collection=True)
            return
        method = get_method(target, name)
        if method is not None:
            ctx.write_object(method(*arguments), enumerate_collection=True)
            return
        records.write(
            ctx,
            f'Input name "{name}" cannot be resolved to a method.',
            "MethodNotFound",
            "InvalidArgument",
            target,
            "System.Management.Automation.PSArgumentException",
        )


def assign_blocks(begin: Any, blocks: list[Any], end: Any) -> tuple[Any, list[Any], Any]:
    """(begin, process blocks, end) of ForEach-Object. Without -Begin/-End, two unnamed blocks are
    begin + process and three or more are begin, process…, end (5.1's rule)."""
    blocks = list(blocks)
    if begin is None and end is None and len(blocks) >= 2:
        begin = blocks.pop(0)
        if len(blocks) >= 2:
            end = blocks.pop()
    return begin, blocks, end



DECLARATIONS = (
    CommandDeclaration(
        name="Where-Object",
        parameters=_where_parameters(),
        implementation=WhereObject,
        default_parameter_set="EqualSet",
        synopsis="Selects objects from a collection based on their property values.",
        aliases=("where", "?"),
        module=CORE,
        implementing_type=implementing("Where-Object"),
        examples=("Get-ExchangeCertificate | Where-Object {$_.Services -match 'IIS'}", "Get-ExchangeCertificate | ? Status -eq Valid"),
    ),
    CommandDeclaration(
        name="ForEach-Object",
        parameters=(
            param("InputObject", "psobject", pipeline=True),
            param("Begin", "scriptblock", sets=("ScriptBlockSet",)),
            param("Process", "scriptblock[]", position=0, mandatory=True, sets=("ScriptBlockSet",)),
            param("End", "scriptblock", sets=("ScriptBlockSet",)),
            param("RemainingScripts", "scriptblock[]", remaining=True, sets=("ScriptBlockSet",)),
            param("MemberName", "string", position=0, mandatory=True, sets=("PropertyAndMethodSet",)),
            param("ArgumentList", "object[]", remaining=True, sets=("PropertyAndMethodSet",), aliases=("Args",)),
        ),
        implementation=ForEachObject,
        default_parameter_set="ScriptBlockSet",
        synopsis="Performs an operation against each item in a collection of input objects.",
        aliases=("foreach", "%"),
        module=CORE,
        implementing_type=implementing("ForEach-Object"),
        examples=("Get-ExchangeCertificate | ForEach-Object { $_.Thumbprint }", "Get-ExchangeCertificate | % Thumbprint"),
    ),
)
