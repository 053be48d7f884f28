"""net.exe start/stop: the lab server's services through the console program runbooks call."""

from __future__ import annotations

from exchange_sim.powershell.host import HostPromptUnavailable
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandTable
from exchange_sim.windows.machine_commands import native, native_arguments
from exchange_sim.windows.service_catalog import ServiceControllerStatus
from exchange_sim.windows.service_commands import manager_of


def _agreed(ctx: CmdletContext, prompt: str) -> bool:
    try:
        return str(ctx.read_line(prompt)).strip().lower() in ("y", "yes")
    except HostPromptUnavailable:
        return False  # nobody to ask: net.exe's default answer, No


def _help_message(ctx: CmdletContext, text: str, number: int) -> None:
    for line in (text, "", f"More help is available by typing NET HELPMSG {number}.", ""):
        ctx.write_object(line)
    ctx.set_variable("LASTEXITCODE", 2)


class Net(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        arguments = native_arguments(ctx)
        verb = arguments[0].lower() if arguments else ""
        manager = manager_of(ctx)
        if verb not in ("start", "stop"):
            for line in ("The syntax of this command is:", "", "NET", "    [ ACCOUNTS | COMPUTER | CONFIG | CONTINUE |"
                         " FILE | GROUP | HELP |", "      HELPMSG | LOCALGROUP | PAUSE | SESSION | SHARE | START |",
                         "      STATISTICS | STOP | TIME | USE | USER | VIEW ]", ""):
                ctx.write_object(line)
            ctx.set_variable("LASTEXITCODE", 1)
            return
        if len(arguments) == 1 and verb == "start":
            ctx.write_object("These Windows services are started:")
            ctx.write_object("")
            for controller in manager.controllers():
                if controller.status == ServiceControllerStatus.Running:
                    ctx.write_object(f"   {controller.spec.display_name}")
            for line in ("", "The command completed successfully.", ""):
                ctx.write_object(line)
            ctx.set_variable("LASTEXITCODE", 0)
            return
        yes = any(argument.lower() in ("/y", "/yes") for argument in arguments)
        wanted = " ".join(a for a in arguments[1:] if a.lower() not in ("/y", "/yes", "/n", "/no")).strip('"')
        spec = manager.spec(wanted) or next(
            (s for s in manager.specs() if s.display_name.lower() == wanted.lower()), None)
        if spec is None:
            _help_message(ctx, "The service name is invalid.", 2185)
            return
        running = manager.status(spec.name) == ServiceControllerStatus.Running
        if verb == "start" and running:
            _help_message(ctx, "The requested service has already been started.", 2182)
            return
        if verb == "stop" and not running:
            _help_message(ctx, f"The {spec.display_name} service is not started.", 3521)
            return
        force = False
        if verb == "stop":
            dependents = [c for c in manager.dependent_services(spec.name) if c.status == ServiceControllerStatus.Running]
            if dependents:
                ctx.write_object(f"The following services are dependent on the {spec.display_name} service.")
                ctx.write_object(f"Stopping the {spec.display_name} service will also stop these services.")
                ctx.write_object("")
                for dependent in dependents:
                    ctx.write_object(f"   {dependent.spec.display_name}")
                ctx.write_object("")
                force = yes or _agreed(ctx, "Do you want to continue this operation? (Y/N) [N]: ")
                if not force:
                    ctx.set_variable("LASTEXITCODE", 2)
                    return
        with manager.audited("net.exe", {"ArgumentList": arguments}):
            if verb == "start":
                manager.start(spec.name)
            else:
                manager.stop(spec.name, force=force)
        action, done = ("starting", "started") if verb == "start" else ("stopping", "stopped")
        for line in (f"The {spec.display_name} service is {action}.",
                     f"The {spec.display_name} service was {done} successfully.", ""):
            ctx.write_object(line)
        ctx.set_variable("LASTEXITCODE", 0)


NET = native("net", Net, "Starts and stops services (net start / net stop).")


def register_net(commands: CommandTable) -> None:
    commands.register(NET)
