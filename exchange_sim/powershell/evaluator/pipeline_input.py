"""What a pipeline element receives from the element before it."""

from __future__ import annotations

from typing import Any


class PipelineInput(list[Any]):
    """Objects an upstream command wrote. Unlike a first element's empty input, an empty PipelineInput means
    the command's process block never runs and parameters the pipeline could fill are not missing:
    `@() | Remove-ExchangeCertificate` does nothing, as in PowerShell."""


def expects_no_process(input_objects: list[Any]) -> bool:
    """True when upstream ran and wrote nothing (process runs zero times)."""
    return isinstance(input_objects, PipelineInput) and not input_objects


def is_downstream(input_objects: list[Any]) -> bool:
    """True when the command has an upstream command or was given pipeline objects."""
    return isinstance(input_objects, PipelineInput) or bool(input_objects)
