"""Redirections of one pipeline element: `> $null`, `> file`, `>> file`, `2> file`, `2>&1`, `*> file`.

File redirection is PowerShell's own `Out-File` (UTF-16 with BOM in 5.1, `>>` appends), so it reaches
whatever file system the session's providers give Out-File. `2>&1` turns the element's
non-terminating errors into ErrorRecords in its output (after the objects it wrote: a redirected
element runs on its whole input at once, then hands its output on); they still land in `$Error`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.binder import SWITCH
from exchange_sim.powershell.evaluator.expressions import unsupported
from exchange_sim.powershell.values.conversions import to_string

_OUTPUT = (A.RedirectionStream.OUTPUT, A.RedirectionStream.ALL)
_ERRORS = (A.RedirectionStream.ERROR, A.RedirectionStream.ALL)


class Redirections:
    """A mixin of `Session`: it relies on `_element`, `_expression`, `_run_cmdlet` and `_hidden_errors`."""

    _hidden_errors: int
    _error_sinks: list[list[Any]]

    def _element(self, element: A.CommandBaseAst, input_objects: list[Any]) -> list[Any]:
        raise NotImplementedError

    def _expression(self, node: A.ExpressionAst) -> Any:
        raise NotImplementedError

    def _run_cmdlet(self, name: str, pairs: list[tuple[str | None, Any]], input_objects: list[Any]) -> list[Any]:
        raise NotImplementedError

    def _redirected(self, element: A.CommandBaseAst, input_objects: list[Any]) -> list[Any]:
        drop_output = hide_errors = merge_errors = False
        files: list[tuple[A.RedirectionStream, str, bool]] = []
        for redirection in element.redirections:
            stream = redirection.from_stream
            if isinstance(redirection, A.MergingRedirectionAst):
                if stream not in _ERRORS or redirection.to_stream != A.RedirectionStream.OUTPUT:
                    raise unsupported(redirection)  # warning/verbose records in the output: not modelled
                merge_errors = True
                continue
            if not isinstance(redirection, A.FileRedirectionAst):
                raise unsupported(redirection)
            location = redirection.location
            if isinstance(location, A.VariableExpressionAst) and location.name.lower() == "null" and not location.prefix:
                drop_output |= stream in _OUTPUT
                hide_errors |= stream in _ERRORS
                continue
            files.append((stream, to_string(self._expression(location)), redirection.append))
        errors_to_file = any(stream in _ERRORS for stream, _, _ in files)
        capture = merge_errors or errors_to_file
        plain = dataclasses.replace(element, redirections=())
        self._hidden_errors += hide_errors
        if capture:
            self._error_sinks.append([])
        try:
            output = self._element(plain, input_objects)
        finally:
            self._hidden_errors -= hide_errors
            captured = self._error_sinks.pop() if capture else []
        if merge_errors:
            output, captured = output + captured, []
        for stream, path, append in files:
            written = (output if stream in _OUTPUT else []) + (captured if stream in _ERRORS else [])
            arguments: list[tuple[str | None, Any]] = [("FilePath", path)] + ([("Append", SWITCH)] if append else [])
            self._run_cmdlet("Out-File", arguments, written)
            if stream in _OUTPUT:
                drop_output = True
        return [] if drop_output else output
