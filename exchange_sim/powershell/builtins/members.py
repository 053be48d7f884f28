"""Add-Member, New-Object and Get-Member."""

from __future__ import annotations

import inspect
from typing import Any, ClassVar, Mapping

from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param, switch
from exchange_sim.powershell.builtins.properties import as_list
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.dotnet.statics import construct
from exchange_sim.powershell.values.errors import DotNetException, MethodException, RuntimeException
from exchange_sim.powershell.values.objects import (
    PSObject,
    ScriptProperty,
    get_property,
    property_names,
    set_property,
    type_names,
)

_MEMBER_TYPES = ("AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty", "Properties",
                 "PropertySet", "Method", "CodeMethod", "ScriptMethod", "Methods", "ParameterizedProperty",
                 "MemberSet", "Event", "Dynamic", "All")
_PSOBJECT_NAMES = {"psobject", "pscustomobject", "system.management.automation.psobject",
                   "system.management.automation.pscustomobject", "system.object", "object"}


def _mapping_items(value: Any) -> list[tuple[str, Any]]:
    items = getattr(value, "items", None)
    return [(str(k), v) for k, v in items()] if callable(items) else []


class AddMember(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        target = ctx.bound.get("InputObject")
        if ctx.parameter_set_name == "TypeNameSet":
            self._add_type_name(ctx, target)
        elif ctx.parameter_set_name == "NotePropertyMultiMemberSet":
            for name, value in _mapping_items(ctx.bound.get("NotePropertyMembers")):
                if not self._add(ctx, target, name, value):
                    return
        elif ctx.parameter_set_name == "NotePropertySingleMemberSet":
            if not self._add(ctx, target, str(ctx.bound["NotePropertyName"]), ctx.bound.get("NotePropertyValue")):
                return
        else:
            member_type = str(ctx.bound.get("MemberType", "NoteProperty"))
            if member_type.lower() not in ("noteproperty", "scriptproperty", "aliasproperty"):
                records.throw(ctx, f'Cannot add a member with type "{member_type}". Specify a different type for '
                              "the MemberTypes parameter.", "CannotAddMemberType", "InvalidOperation", target,
                              "System.InvalidOperationException")
            value = ctx.bound.get("Value")
            if member_type.lower() == "aliasproperty":
                # an alias reads its target property each time, like PowerShell's AliasProperty
                value = ScriptProperty(getter=lambda this, aliased=str(value): read_alias(this, aliased))
            if not self._add(ctx, target, str(ctx.bound["Name"]), value, member_type):
                return
        self._add_type_name(ctx, target)
        if ctx.bound.get("PassThru"):
            ctx.write_object(target)

    @staticmethod
    def _add_type_name(ctx: CmdletContext, target: Any) -> None:
        name = ctx.bound.get("TypeName")
        if name and isinstance(target, PSObject):
            target.type_names.insert(0, str(name))

    @staticmethod
    def _add(ctx: CmdletContext, target: Any, name: str, value: Any, member_type: str = "NoteProperty") -> bool:
        if not isinstance(target, PSObject):
            records.throw(ctx, f'Cannot add a member with the name "{name}" to an object of type '
                          f'"{(type_names(target) or ["System.Object"])[0]}" in this session.',
                          "CannotAddMember", "NotImplemented", target, "System.NotSupportedException")
        exists = any(n.lower() == name.lower() for n in property_names(target))
        if exists and not ctx.bound.get("Force"):
            records.write(ctx, f'Cannot add a member with the name "{name}" because a member with that name '
                          "already exists. To overwrite the member anyway, add the Force parameter to your command.",
                          "MemberAlreadyExists", "InvalidOperation", target, "System.InvalidOperationException")
            return False
        if member_type.lower() == "scriptproperty":
            getter, setter = value, ctx.bound.get("SecondValue")
            target.properties[name] = ScriptProperty(
                getter=lambda this: _single(runtime.run_method_block(ctx, getter, this)),
                setter=None if setter is None else (lambda this, v: runtime.run_method_block(ctx, setter, this, (v,)) and None),
            )
        else:
            target.properties[name] = value
        return True


def _single(values: list[Any]) -> Any:
    if not values:
        return None
    return values[0] if len(values) == 1 else values


def read_alias(target: Any, name: str) -> Any:
    try:
        return get_property(target, name)
    except Exception:  # an alias to a missing property reads $null
        return None


class NewObject(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        if ctx.parameter_set_name == "Com":
            records.throw(ctx, f"Retrieving the COM class factory for component with CLSID "
                          f"{ctx.bound.get('ComObject')} failed due to the following error: 80040154 Class not registered.",
                          "NoCOMClassIdentified", "ResourceUnavailable", None,
                          "System.Runtime.InteropServices.COMException")
        type_name = str(ctx.bound["TypeName"])
        arguments = as_list(ctx.bound.get("ArgumentList"))
        if type_name.lower() in _PSOBJECT_NAMES:
            created: Any = PSObject()
        else:
            created = self._construct(ctx, type_name, arguments)
        for name, value in _mapping_items(ctx.bound.get("Property")):
            if isinstance(created, PSObject):
                created.add_property(name, value)
            else:
                try:
                    set_property(created, name, value)
                except RuntimeException:  # a property the type lacks: PowerShell's own text
                    records.throw(ctx, f'The member "{name}" was not found for the specified .NET object.',
                                  "InvalidOperationException", "InvalidOperation", created,
                                  "System.InvalidOperationException")
        ctx.write_object(created)

    @staticmethod
    def _construct(ctx: CmdletContext, type_name: str, arguments: list[Any]) -> Any:
        table = runtime.types(ctx)
        resolved = table.resolve_optional(type_name)
        if resolved is None:
            records.throw(ctx, f"Cannot find type [{type_name}]: verify that the assembly containing this type is "
                          "loaded.", "TypeNotFound", "InvalidType", None,
                          "System.Management.Automation.PSArgumentException")
        try:
            return construct(resolved, arguments, table)
        except MethodException as error:
            short = resolved.full_name.rsplit(".", 1)[-1]
            records.throw(ctx, f'Cannot find an overload for "{short}" and the argument count: "{len(arguments)}".',
                          "ConstructorInvokedThrowException", "InvalidOperation", None,
                          "System.Management.Automation.MethodException")
            raise error
        except RuntimeException as error:
            records.throw(ctx, error.message, error.error_id, error.category.name, None, error.net_type)
            raise
        except DotNetException as error:  # the .NET constructor threw: 5.1 wraps it
            records.throw(ctx, f'Exception calling ".ctor" with "{len(arguments)}" argument(s): "{error.message}"',
                          "ConstructorInvokedThrowException", "InvalidOperation", None,
                          "System.Management.Automation.MethodInvocationException")
            raise


class MemberDefinition:
    """Microsoft.PowerShell.Commands.MemberDefinition: one row of Get-Member."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("Microsoft.PowerShell.Commands.MemberDefinition", "System.Object")

    def __init__(self, type_name: str, name: str, member_type: str, definition: str) -> None:
        self.fields = {"TypeName": type_name, "Name": name, "MemberType": member_type, "Definition": definition}

    def ps_properties(self) -> Mapping[str, Any]:
        return dict(self.fields)

    def __str__(self) -> str:
        return self.fields["Definition"]


def _type_short(value: Any) -> str:
    if value is None:
        return "System.Object"
    names = type_names(value)
    return names[0] if names else "System.Object"


class GetMember(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self.seen: set[str] = set()

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" not in ctx.bound or ctx.bound["InputObject"] is None:
            return
        target = ctx.bound["InputObject"]
        type_name = _type_short(target)
        if type_name in self.seen:
            return
        self.seen.add(type_name)
        wanted = [str(n).lower() for n in as_list(ctx.bound.get("Name"))]
        rows: list[MemberDefinition] = []
        methods = getattr(target, "ps_methods", None)
        if callable(methods) and ctx.bound.get("MemberType") in (None, "Method", "Methods", "All"):
            for name, method in methods().items():
                rows.append(MemberDefinition(type_name, name, "Method", f"{name}({_signature(method)})"))
        property_kind = "NoteProperty" if isinstance(target, PSObject) else "Property"
        for name in property_names(target):
            value = read_alias(target, name)
            rows.append(MemberDefinition(type_name, name, property_kind,
                                         f"{_type_short(value).rsplit('.', 1)[-1]} {name}=..." if property_kind == "NoteProperty"
                                         else f"{_type_short(value)} {name} {{get;}}"))
        rows.sort(key=lambda r: (r.fields["MemberType"].lower(), r.fields["Name"].lower()))
        for row in rows:
            if not wanted or row.fields["Name"].lower() in wanted:
                ctx.write_object(row)


def _signature(method: Any) -> str:
    try:
        return ", ".join(inspect.signature(method).parameters)
    except (TypeError, ValueError):
        return ""



DECLARATIONS = (
    CommandDeclaration(
        name="Add-Member",
        parameters=(
            param("InputObject", "psobject", mandatory=True, pipeline=True,
                  sets=("TypeNameSet", "MemberSet", "NotePropertySingleMemberSet", "NotePropertyMultiMemberSet")),
            param("MemberType", "string", position=0, mandatory=True, sets=("MemberSet",), aliases=("Type",),
                  validate_set=_MEMBER_TYPES),
            param("Name", "string", position=1, mandatory=True, sets=("MemberSet",)),
            param("Value", "object", position=2, sets=("MemberSet",)),
            param("SecondValue", "object", position=3, sets=("MemberSet",)),
            param("NotePropertyName", "string", position=0, mandatory=True, sets=("NotePropertySingleMemberSet",)),
            param("NotePropertyValue", "object", position=1, mandatory=True, sets=("NotePropertySingleMemberSet",),
                  allow_null=True),
            param("NotePropertyMembers", "hashtable", position=0, mandatory=True, sets=("NotePropertyMultiMemberSet",)),
            param("TypeName", "string",
                  sets=("TypeNameSet", "MemberSet", "NotePropertySingleMemberSet", "NotePropertyMultiMemberSet")),
            switch("Force", sets=("MemberSet", "NotePropertySingleMemberSet", "NotePropertyMultiMemberSet")),
            switch("PassThru"),
        ),
        implementation=AddMember,
        default_parameter_set="TypeNameSet",
        synopsis="Adds custom properties and methods to an instance of a Windows PowerShell object.",
        module=UTILITY,
        implementing_type=implementing("Add-Member"),
    ),
    CommandDeclaration(
        name="New-Object",
        parameters=(
            param("TypeName", "string", position=0, mandatory=True, sets=("Net",)),
            param("ArgumentList", "object[]", position=1, sets=("Net",), aliases=("Args",)),
            param("ComObject", "string", position=0, mandatory=True, sets=("Com",)),
            switch("Strict", sets=("Com",)),
            param("Property", "hashtable"),
        ),
        implementation=NewObject,
        default_parameter_set="Net",
        synopsis="Creates an instance of a Microsoft .NET Framework or COM object.",
        module=UTILITY,
        implementing_type=implementing("New-Object"),
        examples=("New-Object PSObject -Property @{Server='EX01'; Days=30}",),
    ),
    CommandDeclaration(
        name="Get-Member",
        parameters=(
            param("InputObject", "psobject", pipeline=True),
            param("Name", "string[]", position=0),
            param("MemberType", "string", aliases=("Type",), validate_set=_MEMBER_TYPES),
            param("View", "string"),
            switch("Static"),
            switch("Force"),
        ),
        implementation=GetMember,
        synopsis="Gets the properties and methods of objects.",
        aliases=("gm",),
        module=UTILITY,
        implementing_type=implementing("Get-Member"),
    ),
)
