"""Get-Date: the session clock's "now" (or -Date), with -Year…-Millisecond replaced, as a DateTime or
as text through -Format (.NET format strings) or -UFormat (Unix specifiers)."""

from __future__ import annotations

import calendar
import datetime
from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param
from exchange_sim.powershell.builtins.uformat import format_uformat
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.text import format_date

_PARTS = (("Year", 1, 9999), ("Month", 1, 12), ("Day", 1, 31), ("Hour", 0, 23), ("Minute", 0, 59),
          ("Second", 0, 59), ("Millisecond", 0, 999))


class GetDate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        value: datetime.datetime = ctx.bound.get("Date") or runtime.now(ctx)
        for name, low, high in _PARTS:
            if name in ctx.bound:
                number = int(ctx.bound[name])
                if not low <= number <= high:
                    records.throw(ctx, f"Cannot validate argument on parameter '{name}'. The {number} argument is "
                                  f"{'less' if number < low else 'greater'} than the "
                                  f"{'minimum' if number < low else 'maximum'} allowed range of "
                                  f"{low if number < low else high}. Supply an argument that is "
                                  f"{'greater' if number < low else 'less'} than or equal to "
                                  f"{low if number < low else high} and then try the command again.",
                                  "ParameterArgumentValidationError", "InvalidData", number,
                                  "System.Management.Automation.ParameterBindingValidationException")
                value = with_part(value, name, number)
        if "Format" in ctx.bound and ctx.bound["Format"] is not None:
            ctx.write_object(format_date(value, str(ctx.bound["Format"])))
        elif "UFormat" in ctx.bound:
            ctx.write_object(format_uformat(value, str(ctx.bound["UFormat"])))
        else:
            # -DisplayHint only changes how the host shows the value; the object is the same DateTime
            ctx.write_object(value)


def with_part(value: datetime.datetime, name: str, number: int) -> datetime.datetime:
    """`value` with one part replaced the way Get-Date does it (.NET AddMonths/AddDays: clamped, rolled)."""
    if name == "Millisecond":
        return value.replace(microsecond=number * 1000 + value.microsecond % 1000)
    if name == "Day":
        # Day beyond the month's length rolls into the next month, as .NET's AddDays-based setter does
        last = calendar.monthrange(value.year, value.month)[1]
        if number > last:
            return value.replace(day=last) + datetime.timedelta(days=number - last)
    if name == "Month":
        last = calendar.monthrange(value.year, number)[1]
        return value.replace(month=number, day=min(value.day, last))
    return value.replace(**{name.lower(): number})


DECLARATIONS = (
    CommandDeclaration(
        name="Get-Date",
        parameters=(
            param("Date", "datetime", position=0, pipeline=True, by_name=True, aliases=("LastWriteTime",)),
            param("Year", "int"),
            param("Month", "int"),
            param("Day", "int"),
            param("Hour", "int"),
            param("Minute", "int"),
            param("Second", "int"),
            param("Millisecond", "int"),
            param("DisplayHint", "string", validate_set=("Date", "Time", "DateTime")),
            param("Format", "string", sets=("net",)),
            param("UFormat", "string", sets=("UFormat",)),
        ),
        implementation=GetDate,
        default_parameter_set="net",
        synopsis="Gets the current date and time.",
        module=UTILITY,
        implementing_type=implementing("Get-Date"),
        examples=("(Get-Date).AddDays(30)", "Get-Date -Format 'yyyy-MM-dd'", "Get-Date -UFormat '%Y%m%d'"),
    ),
)
