"""Small native programs of the lab server that scripts call (`hostname`, `whoami`), declared as
native commands: their arguments arrive as text and they print lines, as a console program does."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins.declaring import param
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, CommandTable
from exchange_sim.windows.machine import USER_NAME, LabMachine


def machine_of(ctx: CmdletContext) -> LabMachine:
    machine = ctx.extensions["windows.machine"]
    assert isinstance(machine, LabMachine)  # register() always puts it there
    return machine


def native_arguments(ctx: CmdletContext) -> list[str]:
    return [str(argument) for argument in ctx.bound.get("ArgumentList") or ()]


def native(name: str, implementation: type[Cmdlet], synopsis: str) -> CommandDeclaration:
    """A native program's declaration: `name.exe`, callable without the extension too."""
    declaration = CommandDeclaration(
        name=f"{name}.exe",
        parameters=(param("ArgumentList", "string[]"),),
        implementation=implementation,
        native=True,
        synopsis=synopsis,
        aliases=(name,),
        module="",
        output_types=("System.String",),
    )
    implementation.declaration = declaration
    return declaration


class Hostname(Cmdlet):
    """hostname.exe: prints the computer name (one line of text, as a native program does)."""

    def process(self, ctx: CmdletContext) -> None:
        ctx.write_object(machine_of(ctx).host_name())
        ctx.set_variable("LASTEXITCODE", 0)


class Whoami(Cmdlet):
    """whoami.exe: the lab user (an administrator of the server's domain)."""

    def process(self, ctx: CmdletContext) -> None:
        machine = machine_of(ctx)
        options = [argument.lower() for argument in native_arguments(ctx)]
        domain = machine.server.domain
        answers: dict[tuple[str, ...], Any] = {
            (): f"{machine.user_domain().lower()}\\{USER_NAME.lower()}",
            ("/upn",): f"{USER_NAME}@{domain}",
            ("/fqdn",): f"CN={USER_NAME},CN=Users," + ",".join(f"DC={part}" for part in domain.split(".")),
        }
        answer = answers.get(tuple(options))
        if answer is None:
            ctx.write_object(f"ERROR: Invalid argument/option - '{native_arguments(ctx)[0]}'.")
            ctx.write_object('Type "WHOAMI /?" for usage.')
            ctx.set_variable("LASTEXITCODE", 1)
            return
        ctx.write_object(answer)
        ctx.set_variable("LASTEXITCODE", 0)


HOSTNAME = native("hostname", Hostname, "Prints the name of the current host.")
WHOAMI = native("whoami", Whoami, "Displays the user name of the current user.")


def register_commands(commands: CommandTable) -> None:
    commands.register_all((HOSTNAME, WHOAMI))
