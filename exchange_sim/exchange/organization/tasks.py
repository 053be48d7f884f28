"""What every organisation cmdlet shares: its target, the audit of its parameters, and turning a
target's failure into the ErrorRecord Exchange's task writes."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

from exchange_sim.exchange.errors import TASK_NAMESPACE, error_hex_id
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, ParameterDeclaration, ParameterSetEntry
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import DotNetException, InvalidOperationException
from exchange_sim.targets.organization import ConfigurationFailure, OrganizationTarget

T = TypeVar("T")
ORGANIZATION_KEY = "exchange.organization"
MODULE = "Microsoft.Exchange.Management.PowerShell.E2010"
ALL_VERSIONS = ("2007", "2010", "2013", "2016", "2019", "SE")


class LocalizedException(DotNetException):
    net_type = "Microsoft.Exchange.Data.Common.LocalizedException"


class ManagementObjectNotFoundException(LocalizedException):
    net_type = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"


class ManagementObjectAmbiguousException(LocalizedException):
    net_type = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException"


class TaskArgumentException(LocalizedException):
    net_type = "Microsoft.Exchange.Configuration.Tasks.TaskArgumentException"


_EXCEPTIONS: dict[str, type[DotNetException]] = {
    "ManagementObjectNotFoundException": ManagementObjectNotFoundException,
    "ManagementObjectAmbiguousException": ManagementObjectAmbiguousException,
    "TaskArgumentException": TaskArgumentException,
    "InvalidOperationException": InvalidOperationException,
}


def failure_record(failure: ConfigurationFailure, task_class: str, target_object: Any = None) -> ErrorRecord:
    exception = _EXCEPTIONS.get(failure.exception, InvalidOperationException)(failure.message)
    fqid = (f"[Server={failure.server}] [FailureCategory=Cmdlet-{failure.exception}] "
            f"{error_hex_id(failure.key)},{TASK_NAMESPACE}.{task_class}")
    return ErrorRecord(exception=exception, error_id=failure.key, category=failure.category,
                       target_object=target_object, fully_qualified_error_id_override=fqid)


class OrganizationTask(Cmdlet):
    """An Exchange task on the organisation; `task_class` is the .NET class named in error ids."""

    task_class: ClassVar[str] = ""

    def target(self, ctx: CmdletContext) -> OrganizationTarget:
        return ctx.extensions[ORGANIZATION_KEY]

    @staticmethod
    def audit(ctx: CmdletContext) -> dict[str, Any]:
        return {name: str(value) for name, value in ctx.bound.items()}

    @staticmethod
    def text(ctx: CmdletContext, name: str) -> str | None:
        value = ctx.bound.get(name)
        return None if value is None else str(value)

    def fetch(self, ctx: CmdletContext, read: Callable[[], Iterable[T]], target_object: Any) -> list[T]:
        """A Get task's read. "Couldn't be found" is a non-terminating error (nothing returned), so
        -ErrorAction SilentlyContinue turns `if (Get-SendConnector X -ea 0)` into a plain test."""
        try:
            return list(read())
        except ConfigurationFailure as failure:
            ctx.write_error(failure_record(failure, self.task_class, target_object))
            return []

    def fail(self, ctx: CmdletContext, failure: ConfigurationFailure, target_object: Any) -> None:
        ctx.throw_terminating_error(failure_record(failure, self.task_class, target_object))


def identity_parameter(mandatory: bool = False) -> ParameterDeclaration:
    # By property name too: deserialised objects (implicit remoting) bind through their Identity.
    entry = ParameterSetEntry(mandatory=mandatory, position=0, value_from_pipeline=True,
                              value_from_pipeline_by_property_name=True)
    return ParameterDeclaration("Identity", "string", (entry,))


DOMAIN_CONTROLLER = ParameterDeclaration("DomainController", "string")
SERVER = ParameterDeclaration("Server", "string")
