"""Errors the lab raises; their messages are written for the person running the lab."""

from __future__ import annotations


class LabError(Exception):
    """A lab that cannot be created, opened or changed as asked."""


class LabPathError(LabError):
    """A Windows path that does not resolve inside the lab (message in PowerShell's words)."""

    def __init__(self, message: str, windows_path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.windows_path = windows_path
