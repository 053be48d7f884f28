"""The core cmdlets of Windows PowerShell 5.1 that Exchange runbooks use, one module per family.

`register(registry)` adds every command (and its aliases) to `registry.commands`, and the default
views of the objects these cmdlets create to `registry.views` when the registry has a view table.
"""

from __future__ import annotations

import importlib
from functools import partial
from typing import Any, Iterable

from exchange_sim.powershell.commands import CommandDeclaration


def declarations() -> list[CommandDeclaration]:
    from exchange_sim.powershell.builtins import (
        content,
        conversion,
        dates,
        discovery,
        drives,
        filtering,
        formatting,
        items,
        locations,
        measuring,
        members,
        modules,
        ordering,
        output,
        security,
        selecting,
        text_search,
        utility,
        variables,
    )

    families: Iterable[Any] = (filtering, selecting, ordering, measuring, members, formatting, output, variables,
                               dates, security, utility, discovery, conversion, text_search, content, items,
                               locations, modules, drives)
    found: list[CommandDeclaration] = []
    for family in families:
        found += list(family.DECLARATIONS)
    return found


def register(registry: Any) -> None:
    """Every core cmdlet by name (catalog.py); a family's module is imported when one of its commands is
    first looked up, so `1+1` never imports Select-String or ConvertTo-Html."""
    from exchange_sim.powershell.builtins.catalog import ALIASES, FAMILIES

    for family, names in FAMILIES.items():
        registry.commands.defer(names, {alias: command for alias, command in ALIASES.items() if command in names},
                                partial(family_declarations, family))
    views = getattr(registry, "views", None)
    if views is not None:
        from exchange_sim.powershell.builtins.views import register_views

        register_views(views)
        from exchange_sim.powershell.builtins.locations import register_views as register_location_views

        register_location_views(views)
        from exchange_sim.powershell.builtins.drives import register_views as register_drive_views

        register_drive_views(views)


def family_declarations(family: str) -> list[CommandDeclaration]:
    """The declarations of one family module (items also has the functions PowerShell defines, `mkdir`)."""
    module = importlib.import_module(f"exchange_sim.powershell.builtins.{family}")
    found = [*module.DECLARATIONS, *(module.FUNCTIONS if family == "items" else ())]
    for declaration in found:
        declaration.implementation.declaration = declaration
    return found
