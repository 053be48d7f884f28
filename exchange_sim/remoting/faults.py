"""WS-Management faults the clients understand (reference/remoting.md §13).

A fault is raised as `WsmanFault` anywhere below the HTTP edge and turned into a SOAP fault body
(HTTP 500) by `soap.fault_envelope`; nothing else about a failure ever reaches the wire.
"""

from __future__ import annotations

from dataclasses import dataclass

# Codes are the Windows HRESULTs as decimals, as real WinRM writes them in WSManFault/@Code.
OPERATION_TIMEOUT = 2150858793  # 0x80338029: Receive had nothing to return in time (clients retry)
INVALID_SELECTORS = 2150858843  # 0x8033805B: unknown ShellId (pypsrp's is_alive reads it as closed)
UNKNOWN_RESOURCE = 2150858811  # 0x8033803B: resource URI / configuration not in the catalog
ACTION_NOT_SUPPORTED = 2150858771  # 0x80338013: verb we do not implement
INVALID_MESSAGE = 2150858817  # 0x80338041: the SOAP message could not be understood
QUOTA_LIMIT = 2150859173  # 0x803381A5: too many shells / envelope too large
ACCESS_DENIED = 5  # ERROR_ACCESS_DENIED: another user's shell


@dataclass(frozen=True)
class FaultDetail:
    """The parts of a fault body; `value` is the SOAP code (`s:Sender` or `s:Receiver`)."""

    code: int
    reason: str
    value: str = "s:Sender"
    subcode: str = "w:InvalidMessage"


class WsmanFault(Exception):
    """A request the service answers with a WS-Man fault instead of a normal reply."""

    def __init__(self, detail: FaultDetail) -> None:
        super().__init__(detail.reason)
        self.detail = detail


def operation_timeout() -> WsmanFault:
    return WsmanFault(
        FaultDetail(
            OPERATION_TIMEOUT,
            "The WS-Management service cannot complete the operation within the time specified in "
            "OperationTimeout.",
            value="s:Receiver",
            subcode="w:TimedOut",
        )
    )


def unknown_shell(shell_id: str | None) -> WsmanFault:
    shown = shell_id or "(none)"
    return WsmanFault(
        FaultDetail(
            INVALID_SELECTORS,
            f"The request for the Windows Remote Shell with ShellId {shown} failed because the shell "
            "was not found on the server. Possible causes are: the specified ShellId is incorrect or "
            "the shell no longer exists on the server.",
            subcode="w:InvalidSelectors",
        )
    )


def unknown_command(command_id: str | None) -> WsmanFault:
    return WsmanFault(
        FaultDetail(
            INVALID_SELECTORS,
            f"The Windows Remote Shell received a request for a command with CommandId {command_id} "
            "that does not exist in the shell.",
            subcode="w:InvalidSelectors",
        )
    )


def unknown_resource(resource_uri: str | None) -> WsmanFault:
    return WsmanFault(
        FaultDetail(
            UNKNOWN_RESOURCE,
            "The WS-Management service cannot process the request. The resource URI "
            f"({resource_uri or ''}) was not found in the WS-Management catalog. The catalog contains "
            "the metadata that describes resources, or logical endpoints.",
            subcode="w:DestinationUnreachable",
        )
    )


def unsupported_action(action: str | None) -> WsmanFault:
    return WsmanFault(
        FaultDetail(
            ACTION_NOT_SUPPORTED,
            f"The WS-Management service does not support the specified action ({action or ''}).",
            subcode="a:ActionNotSupported",
        )
    )


def invalid_message(why: str) -> WsmanFault:
    return WsmanFault(
        FaultDetail(
            INVALID_MESSAGE,
            f"The WS-Management service cannot process the request because the XML is invalid: {why}",
        )
    )


def access_denied() -> WsmanFault:
    return WsmanFault(FaultDetail(ACCESS_DENIED, "Access is denied.", subcode="w:AccessDenied"))


def quota_exceeded(what: str) -> WsmanFault:
    return WsmanFault(
        FaultDetail(
            QUOTA_LIMIT,
            f"The WS-Management service cannot process the request. {what}",
            value="s:Receiver",
            subcode="w:QuotaLimit",
        )
    )
