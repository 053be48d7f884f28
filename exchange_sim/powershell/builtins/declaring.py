"""Short constructors for the core cmdlets' parameter declarations (PowerShell's [Parameter()] shape)."""

from __future__ import annotations

from typing import Iterable

from exchange_sim.powershell.commands import ALL_PARAMETER_SETS, ParameterDeclaration, ParameterSetEntry


def param(
    name: str,
    type_name: str = "object",
    *,
    position: int | None = None,
    mandatory: bool = False,
    pipeline: bool = False,
    by_name: bool = False,
    remaining: bool = False,
    sets: Iterable[str] = (ALL_PARAMETER_SETS,),
    aliases: tuple[str, ...] = (),
    validate_set: tuple[str, ...] | None = None,
    help: str = "",
    allow_null: bool = False,
    allow_empty_string: bool = False,
    allow_empty_collection: bool = False,
) -> ParameterDeclaration:
    """A parameter that plays the same role in each of `sets`."""
    entries = tuple(
        ParameterSetEntry(
            set_name=set_name,
            mandatory=mandatory,
            position=position,
            value_from_pipeline=pipeline,
            value_from_pipeline_by_property_name=by_name,
            value_from_remaining_arguments=remaining,
        )
        for set_name in sets
    )
    return ParameterDeclaration(
        name=name,
        type_name=type_name,
        entries=entries,
        aliases=aliases,
        validate_set=validate_set,
        help=help,
        allow_null=allow_null,
        allow_empty_string=allow_empty_string,
        allow_empty_collection=allow_empty_collection,
    )


def switch(name: str, *, sets: Iterable[str] = (ALL_PARAMETER_SETS,), aliases: tuple[str, ...] = (),
           mandatory: bool = False, help: str = "") -> ParameterDeclaration:
    return param(name, "switch", sets=sets, aliases=aliases, mandatory=mandatory, help=help)


def in_sets(name: str, type_name: str, roles: Iterable[ParameterSetEntry], *, aliases: tuple[str, ...] = (),
            validate_set: tuple[str, ...] | None = None, help: str = "") -> ParameterDeclaration:
    """A parameter whose role differs per set (e.g. mandatory in one, optional in another)."""
    return ParameterDeclaration(name=name, type_name=type_name, entries=tuple(roles), aliases=aliases,
                                validate_set=validate_set, help=help)


UTILITY = "Microsoft.PowerShell.Utility"
CORE = "Microsoft.PowerShell.Core"
MANAGEMENT = "Microsoft.PowerShell.Management"
SECURITY = "Microsoft.PowerShell.Security"


def implementing(noun_verb: str) -> str:
    """`Where-Object` -> `Microsoft.PowerShell.Commands.WhereObjectCommand` (the FQID suffix)."""
    return "Microsoft.PowerShell.Commands." + noun_verb.replace("-", "") + "Command"
