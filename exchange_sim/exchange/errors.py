"""Turning a target's failure into the ErrorRecord Exchange's task would write (§10).

Exchange's FQIDs read `[Server=EX01,RequestId=…,TimeStamp=…] [FailureCategory=Cmdlet-<Exception>]
<8 hex>,Microsoft.Exchange.Management.SystemConfigurationTasks.<CmdletClass>`. We keep the server,
failure category and the trailing `<hex>,<type>` shape; RequestId/TimeStamp are left out so that a
script's output is reproducible. The hex id is stable per resource key."""
from __future__ import annotations

import zlib
from typing import Any

from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ArgumentException, DotNetException, InvalidOperationException
from exchange_sim.targets.failures import CertificateFailure

TASK_NAMESPACE = "Microsoft.Exchange.Management.SystemConfigurationTasks"


def error_hex_id(key: str) -> str:
    """Eight upper-case hex digits that identify an error key, the same on every run."""
    return f"{zlib.crc32(key.encode('utf-8')):08X}"


def failure_exception(failure: CertificateFailure) -> DotNetException:
    # Errors surfaced through the Service Host's RPC always arrive as InvalidOperationException.
    if not failure.rpc and failure.category == "InvalidArgument":
        return ArgumentException(str(failure))
    return InvalidOperationException(str(failure))


def failure_record(failure: CertificateFailure, cmdlet_class: str, target_object: Any = None) -> ErrorRecord:
    exception = failure_exception(failure)
    exception_name = exception.net_type.rsplit(".", 1)[-1]
    fqid = (f"[Server={failure.server}] [FailureCategory=Cmdlet-{exception_name}] "
            f"{error_hex_id(failure.key)},{TASK_NAMESPACE}.{cmdlet_class}")
    return ErrorRecord(
        exception=exception,
        error_id=failure.key,
        category=failure.category,
        target_object=target_object,
        fully_qualified_error_id_override=fqid,
    )
