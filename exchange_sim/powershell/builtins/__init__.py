"""The core cmdlets of Windows PowerShell 5.1 that Exchange runbooks use, one module per family.

`register(registry)` adds every declaration (and its aliases) to `registry.commands`, and the default
views of the objects these cmdlets create to `registry.views` when the registry has a view table.
"""

from __future__ import annotations

from typing import Any, Iterable

from exchange_sim.powershell.commands import CommandDeclaration


def declarations() -> list[CommandDeclaration]:
    from exchange_sim.powershell.builtins import (
        content,
        conversion,
        dates,
        discovery,
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
                               locations, modules)
    found: list[CommandDeclaration] = []
    for family in families:
        found += list(family.DECLARATIONS)
    return found


def register(registry: Any) -> None:
    from exchange_sim.powershell.builtins.items import FUNCTIONS

    for declaration in [*declarations(), *FUNCTIONS]:
        declaration.implementation.declaration = declaration
        registry.commands.register(declaration)
    views = getattr(registry, "views", None)
    if views is not None:
        from exchange_sim.powershell.builtins.views import register_views

        register_views(views)
        from exchange_sim.powershell.builtins.locations import register_views as register_location_views

        register_location_views(views)
