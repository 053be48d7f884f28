"""Native programs of the lab server that scripts call (`hostname`), declared as commands."""

from __future__ import annotations

from exchange_sim.powershell.builtins.declaring import param
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, CommandTable
from exchange_sim.windows.machine import LabMachine


class Hostname(Cmdlet):
    """hostname.exe: prints the computer name (one line of text, as a native program does)."""

    def process(self, ctx: CmdletContext) -> None:
        machine = ctx.extensions["windows.machine"]
        assert isinstance(machine, LabMachine)  # register() always puts it there
        ctx.write_object(machine.host_name())


HOSTNAME = CommandDeclaration(
    name="hostname.exe",
    parameters=(param("ArgumentList", "string[]"),),
    implementation=Hostname,
    native=True,
    synopsis="Prints the name of the current host.",
    aliases=("hostname",),
    module="",
    output_types=("System.String",),
)
Hostname.declaration = HOSTNAME


def register_commands(commands: CommandTable) -> None:
    commands.register(HOSTNAME)
