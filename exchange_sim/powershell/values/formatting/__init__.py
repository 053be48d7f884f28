"""Out-Default / Format-Table / Format-List as the Windows PowerShell 5.1 console host prints them (§9)."""

from exchange_sim.powershell.values.formatting.default import format_default, format_list, format_table
from exchange_sim.powershell.values.formatting.views import (ListView, PropertySpec, TableColumn, TableGrouping,
                                                            TableView, ViewTable)

__all__ = ["format_default", "format_list", "format_table", "ListView", "PropertySpec", "TableColumn", "TableGrouping",
           "TableView", "ViewTable"]
