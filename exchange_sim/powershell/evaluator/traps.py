"""`trap [T] { … }`: a statement list's handler for terminating errors raised anywhere below it.

As PowerShell compiles it, a trap guards each statement of its own statement list (even those before
it); an error deeper down (in an `if` body, a loop, a called function without its own trap) ends
the enclosing statement of that list. After the trap body: no keyword displays the error and resumes
with the next statement, `continue` resumes without displaying, `break` rethrows it out of the
scope (a function, script block or `try` body starts a new frame). Trapped errors land in `$Error`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.evaluator.flow import Break, Continue, ScriptTerminating, record_of
from exchange_sim.powershell.values import errors

if TYPE_CHECKING:
    from exchange_sim.powershell.evaluator.scopes import VariableScope
    from exchange_sim.powershell.host import Host
    from exchange_sim.powershell.registry import EngineRegistry


class TrapBreak(ScriptTerminating):
    """An error a trap rethrew with `break`: traps of the frame it left (and deeper ones) ignore it."""

    def __init__(self, exception: BaseException, frame: int) -> None:
        super().__init__(exception)
        self.frame = frame


class TrapHandling:
    """A mixin of `Session`: it relies on `variables`, `registry`, `host`, `_block` and `_hidden_errors`."""

    variables: "VariableScope"
    registry: "EngineRegistry"
    host: "Host"
    _hidden_errors: int
    _trap_frames: list[list[A.TrapStatementAst]]  # one frame per function, script block or try body

    def _block(self, block: A.StatementBlockAst) -> list[Any]:
        raise NotImplementedError

    def _enter_traps(self, statements: Sequence[A.StatementAst]) -> list[A.TrapStatementAst]:
        """Arms the traps of a statement list (errors below must travel up to them); returns them."""
        traps = [s for s in statements if isinstance(s, A.TrapStatementAst)]
        self._trap_frames[-1].extend(traps)
        return traps

    def _leave_traps(self, traps: list[A.TrapStatementAst]) -> None:
        if traps:
            del self._trap_frames[-1][-len(traps):]

    def _new_trap_frame(self) -> None:
        self._trap_frames.append([])

    def _drop_trap_frame(self) -> None:
        self._trap_frames.pop()

    def _traps_armed(self, exception: BaseException) -> bool:
        """True when a trap of any frame would handle `exception` (so it must travel up to it)."""
        return any(self._matching_trap(frame, exception) is not None for frame in self._trap_frames)

    def _matching_trap(self, frame: Sequence[A.TrapStatementAst], exception: BaseException) -> A.TrapStatementAst | None:
        return next((t for t in reversed(frame) if t.trap_type is None or errors.exception_matches(
            exception, t.trap_type.type_name.full_name, self.registry.types)), None)

    def _trap(self, raised: BaseException, traps: Sequence[A.TrapStatementAst]) -> list[Any] | None:
        """The output of the trap among `traps` (one statement list's) that handles `raised`, or None."""
        frame = len(self._trap_frames) - 1
        if not traps or isinstance(raised, TrapBreak) and frame >= raised.frame:
            return None
        exception = raised.exception if isinstance(raised, ScriptTerminating) else raised
        trap = self._matching_trap(traps, exception)
        if trap is None:
            return None
        record = record_of(exception)
        self.variables.setdefault("error", []).insert(0, record)
        own = self.variables.own
        saved = {name: own[name] for name in ("_", "psitem") if name in own}
        own["_"] = own["psitem"] = record
        display = True
        try:
            output = self._block(trap.body)
        except Continue as resume:
            output, display = list(getattr(resume, "partial", [])), False
        except Break as stop:
            raise TrapBreak(exception, frame).carry(list(getattr(stop, "partial", []))) from None
        finally:
            for name in ("_", "psitem"):
                own.pop(name, None)
            own.update(saved)
        if display and not self._hidden_errors:
            self.host.write_error(errors.format_error_record(record, width=self.host.width) + "\n")
        return output
