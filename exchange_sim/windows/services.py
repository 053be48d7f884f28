"""The server's service control manager over the lab: ServiceController objects, and starting,
stopping and restarting services with what that does (a listener takes its certificate anew).

Every change is one lab transaction that also writes its event, so a failed stop leaves no trace
but the audit record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from exchange_sim.lab import Lab, Server, ServiceState
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ErrorCategory, SystemException
from exchange_sim.windows.listener_certificates import presented_certificate
from exchange_sim.windows.service_catalog import ServiceControllerStatus, ServiceSpec, ServiceStartMode, services_for

EVENT_SOURCE = "Service Control Manager"


class ServiceCommandException(SystemException):
    net_type = "Microsoft.PowerShell.Commands.ServiceCommandException"


class ServiceFailure(Exception):
    """A service operation Windows refuses; carries the record the cmdlet writes."""

    def __init__(self, record: ErrorRecord) -> None:
        super().__init__(record.message)
        self.record = record


@dataclass(frozen=True)
class ServiceController:
    """System.ServiceProcess.ServiceController: a snapshot, as .NET's is until Refresh()."""

    ps_type_names = ("System.ServiceProcess.ServiceController", "System.ComponentModel.Component",
                     "System.MarshalByRefObject", "System.Object")

    spec: ServiceSpec
    status: ServiceControllerStatus
    manager: "ServiceManager"

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def label(self) -> str:
        """How Windows PowerShell names a service in its messages: `Display Name (Name)`."""
        return f"{self.spec.display_name} ({self.spec.name})"

    def ps_properties(self) -> dict[str, object]:
        return {
            "Name": self.spec.name,
            "RequiredServices": self.manager.required_services(self.spec.name),
            "CanPauseAndContinue": False,
            "CanShutdown": self.status == ServiceControllerStatus.Running,
            "CanStop": self.status == ServiceControllerStatus.Running,
            "DisplayName": self.spec.display_name,
            "DependentServices": self.manager.dependent_services(self.spec.name),
            "MachineName": ".",
            "ServiceName": self.spec.name,
            "ServicesDependedOn": self.manager.required_services(self.spec.name),
            "ServiceHandle": None,
            "Status": self.status,
            "ServiceType": "Win32OwnProcess",
            "StartType": self.spec.start_mode,
            "Site": None,
            "Container": None,
        }

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        manager = self.manager

        def wait_for_status(*_args: Any) -> None:
            return None  # the lab changes state at once

        return {
            "Start": lambda *_args: manager.start(self.spec.name),
            "Stop": lambda: manager.stop(self.spec.name, force=False),
            "Refresh": lambda: None,
            "WaitForStatus": wait_for_status,
            "ToString": lambda: str(self),
        }

    def __str__(self) -> str:
        return "System.ServiceProcess.ServiceController"


class ServiceManager:
    """The services of one lab server."""

    def __init__(self, lab: Lab, server: Server) -> None:
        self._lab = lab
        self.server = server
        self._specs = services_for(server)

    # -- reading ---------------------------------------------------------------------------
    def specs(self) -> tuple[ServiceSpec, ...]:
        return self._specs

    def spec(self, name: str) -> ServiceSpec | None:
        return next((spec for spec in self._specs if spec.name.lower() == name.lower()), None)

    def status(self, name: str) -> ServiceControllerStatus:
        spec = self.spec(name)
        if spec is None:
            raise KeyError(name)
        state = self._lab.service_states(self.server).get(spec.name)
        if state is None:
            return ServiceControllerStatus.Running if spec.initially_running else ServiceControllerStatus.Stopped
        return ServiceControllerStatus[state.status]

    def controller(self, name: str) -> ServiceController:
        spec = self.spec(name)
        if spec is None:
            raise KeyError(name)
        return ServiceController(spec, self.status(spec.name), self)

    def controllers(self) -> list[ServiceController]:
        return [self.controller(spec.name) for spec in self._specs]

    def dependent_services(self, name: str) -> list[ServiceController]:
        return [self.controller(spec.name) for spec in self._specs
                if any(needed.lower() == name.lower() for needed in spec.depends_on)]

    def required_services(self, name: str) -> list[ServiceController]:
        spec = self.spec(name)
        return [self.controller(needed) for needed in (spec.depends_on if spec else ()) if self.spec(needed)]

    def loaded_thumbprint(self, name: str) -> str | None:
        state = self._lab.service_states(self.server).get(name)
        return state.loaded_thumbprint if state else None

    # -- changing --------------------------------------------------------------------------
    def audited(self, command: str, parameters: Mapping[str, object]) -> AbstractContextManager[None]:
        """One cmdlet's transaction with its audit record."""
        return self._lab.cmdlet(self.server, command, parameters)

    def start(self, name: str) -> list[str]:
        """Starts the service and, first, what it depends on (as the SCM does); returns those started."""
        spec = self._known(name)
        started: list[str] = []
        with self._lab.transaction():
            self._start(spec, started, restarted=False)
        return started

    def stop(self, name: str, force: bool) -> list[str]:
        """Stops the service; running dependents stop too with `force`, else it is refused."""
        spec = self._known(name)
        stopped: list[str] = []
        with self._lab.transaction():
            self._stop(spec, force, stopped)
        return stopped

    def restart(self, name: str, force: bool) -> None:
        """Stop then start; dependents stopped by `force` stay stopped, as Restart-Service leaves them."""
        spec = self._known(name)
        with self._lab.transaction():
            # Restart-Service on a stopped service only starts it.
            running = self.status(spec.name) == ServiceControllerStatus.Running
            if running:
                for dependent in self._running_dependents(spec):
                    if not force:
                        raise ServiceFailure(_dependents_record(self.controller(spec.name)))
                    self._stop(dependent, True, [])
                self._set(spec, ServiceControllerStatus.Stopped, self.loaded_thumbprint(spec.name))
            self._start(spec, [], restarted=running)

    def _known(self, name: str) -> ServiceSpec:
        spec = self.spec(name)
        if spec is None:
            raise KeyError(name)
        return spec

    def _running_dependents(self, spec: ServiceSpec) -> list[ServiceSpec]:
        return [dependent.spec for dependent in self.dependent_services(spec.name)
                if dependent.status == ServiceControllerStatus.Running]

    def _start(self, spec: ServiceSpec, started: list[str], restarted: bool) -> None:
        if not restarted and self.status(spec.name) == ServiceControllerStatus.Running:
            return
        for needed in spec.depends_on:
            needed_spec = self.spec(needed)
            if needed_spec is not None:
                self._start(needed_spec, started, restarted=False)
        previous = self.loaded_thumbprint(spec.name)
        presented = presented_certificate(self._lab, self.server, spec.protocol) if spec.protocol else None
        self._set(spec, ServiceControllerStatus.Running, presented.thumbprint if presented else None)
        started.append(spec.name)
        verb = "was restarted" if restarted else "entered the running state"
        message = f"The {spec.display_name} service {verb}."
        details: dict[str, object] = {"service": spec.name}
        if spec.protocol:
            details.update(protocol=spec.protocol, thumbprint=presented.thumbprint if presented else None,
                           previous_thumbprint=previous)
            if presented is None:
                message += f" {spec.protocol} has no usable certificate."
            else:
                changed = "" if previous in (None, presented.thumbprint) else f", replacing {previous}"
                message += f" {spec.protocol} now presents {presented.thumbprint} ({presented.subject}){changed}."
        kind = "ServiceRestarted" if restarted else "ServiceStarted"
        self._lab.events.record(self.server.name, EVENT_SOURCE, kind, message, details)

    def _stop(self, spec: ServiceSpec, force: bool, stopped: list[str]) -> None:
        if self.status(spec.name) != ServiceControllerStatus.Running:
            return
        dependents = self._running_dependents(spec)
        if dependents and not force:
            raise ServiceFailure(_dependents_record(self.controller(spec.name)))
        for dependent in dependents:
            self._stop(dependent, True, stopped)
        self._set(spec, ServiceControllerStatus.Stopped, self.loaded_thumbprint(spec.name))
        stopped.append(spec.name)
        self._lab.events.record(self.server.name, EVENT_SOURCE, "ServiceStopped",
                                f"The {spec.display_name} service entered the stopped state.",
                                {"service": spec.name})

    def _set(self, spec: ServiceSpec, status: ServiceControllerStatus, thumbprint: str | None) -> None:
        self._lab.service_states(self.server).set(ServiceState(spec.name, status.name, thumbprint))


def _dependents_record(controller: ServiceController) -> ErrorRecord:
    message = (f"Cannot stop service '{controller.label}' because it has dependent services. "
               "It can only be stopped if the Force flag is set.")
    return ErrorRecord(ServiceCommandException(message), "ServiceHasDependentServices",
                       ErrorCategory.InvalidOperation, target_object=controller)


__all__ = ["ServiceController", "ServiceManager", "ServiceFailure", "ServiceCommandException",
           "ServiceControllerStatus", "ServiceStartMode"]
