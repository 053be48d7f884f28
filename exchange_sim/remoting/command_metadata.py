"""GET_COMMAND_METADATA answers (MS-PSRP 2.2.3.21-23), read from the same command declarations the binder,
help and completion use (DESIGN.md: one declaration per command)."""

from __future__ import annotations

import fnmatch
from typing import Iterable

from psrpcore.types import CommandMetadataCount, PSFlagBase, PSNoteProperty, PSObject, PSType

from exchange_sim.powershell.commands import CommandDeclaration, ParameterDeclaration



@PSType(["System.Management.Automation.CommandTypes"])
class CommandTypes(PSFlagBase):
    Alias = 1
    Function = 2
    Filter = 4
    Cmdlet = 8
    ExternalScript = 16
    Application = 32
    Script = 64

# PowerShell type literals as the declarations write them -> the .NET names metadata carries.
_DOTNET_TYPES = {
    "string": "System.String", "string[]": "System.String[]", "switch": "System.Management.Automation.SwitchParameter",
    "bool": "System.Boolean", "int": "System.Int32", "long": "System.Int64", "byte[]": "System.Byte[]",
    "securestring": "System.Security.SecureString", "object": "System.Object", "object[]": "System.Object[]",
    "scriptblock": "System.Management.Automation.ScriptBlock", "hashtable": "System.Collections.Hashtable",
    "datetime": "System.DateTime", "pscredential": "System.Management.Automation.PSCredential",
    "timespan": "System.TimeSpan",
}


def matching(declarations: Iterable[CommandDeclaration], patterns: Iterable[str]) -> list[CommandDeclaration]:
    """Declarations whose name matches any wildcard pattern, case-insensitively, sorted by name."""
    lowered = [pattern.lower() for pattern in patterns] or ["*"]
    found = {d.name.lower(): d for d in declarations if any(fnmatch.fnmatchcase(d.name.lower(), p) for p in lowered)}
    return [found[name] for name in sorted(found)]


def count_object(count: int) -> CommandMetadataCount:
    return CommandMetadataCount(Count=count)


def metadata_object(declaration: CommandDeclaration) -> PSObject:
    metadata = PSObject()
    metadata.PSObject.type_names = ["System.Management.Automation.PSCustomObject", "System.Object"]
    notes = metadata.PSObject.extended_properties
    notes.append(PSNoteProperty("Name", declaration.name))
    notes.append(PSNoteProperty("Namespace", declaration.module))
    notes.append(PSNoteProperty("HelpUri", ""))
    notes.append(PSNoteProperty("CommandType", CommandTypes.Cmdlet))
    notes.append(PSNoteProperty("OutputType", list(declaration.output_types)))
    notes.append(PSNoteProperty("Parameters", {p.name: _parameter(p) for p in declaration.parameters}))
    return metadata


def _parameter(parameter: ParameterDeclaration) -> PSObject:
    item = PSObject()
    item.PSObject.type_names = ["System.Management.Automation.ParameterMetadata", "System.Object"]
    props = item.PSObject.adapted_properties
    props.append(PSNoteProperty("Name", parameter.name))
    props.append(PSNoteProperty("ParameterType", _DOTNET_TYPES.get(parameter.type_name.lower(), parameter.type_name)))
    props.append(PSNoteProperty("Aliases", list(parameter.aliases)))
    props.append(PSNoteProperty("IsDynamic", False))
    props.append(PSNoteProperty("SwitchParameter", parameter.is_switch))
    return item
