"""The command processors of a pipeline: cmdlets written in Python, script functions, and elements
this engine still runs on their whole input at once.

Each processor runs its begin/process/end in the engine state (scope, trap frames, try depth) of the
place the pipeline was written, whichever command is on the Python stack when an object reaches it:
a downstream `ForEach-Object { $x = $_ }` assigns in the caller's scope even while an upstream
function's body is the one writing.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable, Iterator

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.binder import bind_pipeline_in_sets, bind_pipeline_object, input_object_not_bound
from exchange_sim.powershell.commands import CommandDeclaration
from exchange_sim.powershell.evaluator.confirmation import non_interactive_error
from exchange_sim.powershell.evaluator.context import CmdletRun
from exchange_sim.powershell.evaluator.flow import ScriptTerminating, binding_position, locate
from exchange_sim.powershell.evaluator.parameters import CommandBinding, bound_parameters, invocation_variable
from exchange_sim.powershell.evaluator.pipeline import NO_INPUT, CommandProcessor
from exchange_sim.powershell.evaluator.pipeline_input import PipelineInput
from exchange_sim.powershell.host import HostPromptUnavailable
from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.enumerator import PSEnumerator

if TYPE_CHECKING:
    from exchange_sim.powershell.session import Session

Pairs = list[tuple[str | None, Any]]


@dataclass(frozen=True)
class EngineState:
    """Where a command runs: its variable scope, `$script:` scope, trap frames and enclosing try depth."""

    variables: Any
    script_variables: Any
    trap_frames: list[list[A.TrapStatementAst]]
    try_depth: int


def current_state(session: "Session") -> EngineState:
    return EngineState(session.variables, session._script_variables, list(session._trap_frames), session._try_depth)


def enter(session: "Session", state: EngineState, element: A.CommandBaseAst | None = None) -> tuple[Any, ...]:
    """Puts the session in `state` with `element` as the command running now (errors a cmdlet writes are
    placed there); returns what `leave` puts back (the state of the caller, maybe an upstream command).
    Plain calls rather than a context manager: this runs for every object."""
    saved = (session.variables, session._script_variables, session._trap_frames, session._try_depth, session._pipe,
             len(session._running_commands))
    session.variables, session._script_variables = state.variables, state.script_variables
    session._trap_frames, session._try_depth, session._pipe = state.trap_frames, state.try_depth, None
    if element is not None:
        session._running_commands.append(element)
    return saved


def leave(session: "Session", saved: tuple[Any, ...]) -> None:
    (session.variables, session._script_variables, session._trap_frames, session._try_depth,
     session._pipe, running) = saved
    del session._running_commands[running:]


@contextmanager
def entered(session: "Session", state: EngineState, element: A.CommandBaseAst | None = None) -> Iterator[None]:
    """Runs the body in `state`, then puts back whatever state the caller had."""
    saved = enter(session, state, element)
    try:
        yield
    finally:
        leave(session, saved)


def placed(method: Callable[..., None]) -> Callable[..., None]:
    """Errors of the command's own begin/process/end are placed at its element (a downstream command's
    errors pass through wrapped in Unwind, already placed at theirs)."""
    @functools.wraps(method)
    def run(self: "SessionProcessor", *args: Any) -> None:
        try:
            method(self, *args)
        except (errors.DotNetException, ScriptTerminating) as raised:
            self.located(raised)
            raise
    return run


class SessionProcessor(CommandProcessor):
    """What every processor of a session shares: the state it was created in and its common parameters."""

    common: dict[str, Any]
    element: A.CommandBaseAst | None = None  # where its errors are placed; None for a PSRP call

    def __init__(self, session: "Session", has_upstream: bool) -> None:
        self.session = session
        self.state = current_state(session)
        self.has_upstream = has_upstream
        self.common = {}
        self.out: list[Any] | None = None

    def written(self, value: Any) -> None:
        if self.out is not None:
            self.out.append(value)
        name = self.common.get("PipelineVariable")
        if name:  # the later elements of the pipeline see the object this one wrote last
            self.state.variables[str(name).lower()] = value

    def located(self, raised: BaseException) -> None:
        """A command's errors point at the command; a binding error at the parameter it names."""
        if self.element is not None:
            locate(raised, binding_position(self.element, raised) or self.element.extent)

    def _open_out_variable(self) -> None:
        """-OutVariable [+]name: a list filled as the command writes (later commands already see it grow)."""
        name = str(self.common.get("OutVariable") or "")
        if not name:
            return
        key = name.lstrip("+").lower()
        previous = self.state.variables.get(key) if name.startswith("+") else None
        self.out = list(previous) if isinstance(previous, list) else []
        self.state.variables[key] = self.out


class CmdletProcessor(SessionProcessor):
    """A cmdlet written in Python: a new instance, bound once, `process` per object with its pipeline
    parameters rebound."""

    def __init__(self, session: "Session", declaration: CommandDeclaration, invocation_name: str, pairs: Pairs,
                 has_upstream: bool) -> None:
        super().__init__(session, has_upstream)
        self.declaration = declaration
        self.invocation_name = invocation_name
        self.pairs = pairs

    @placed
    def begin(self) -> None:
        with entered(self.session, self.state, self.element):
            self.call = self.session.bind_command(self.declaration, self.pairs,
                                                  PipelineInput() if self.has_upstream else [], self.invocation_name)
            self.common = self.call.common
            self._open_out_variable()
            self.ctx = CmdletRun(self.session, self.declaration, self.call.set_name, self.call.bound, self.write,
                                 self.call.common, self.stop_upstream)
            self.cmdlet = self.declaration.implementation()
        self._step(self.cmdlet.begin)

    @placed
    def process(self, item: Any) -> None:
        if item is not NO_INPUT:
            settled = bind_pipeline_in_sets(self.declaration, self.call.bound, self.call.set_name, item,
                                            self.session.registry.types)
            if settled is None:
                with entered(self.session, self.state):
                    self.session._report(input_object_not_bound(item))
                return
            self.ctx.parameter_set_name, per_object = settled
            self.ctx.bound = {**self.call.bound, **per_object}
        self._step(self.cmdlet.process)

    @placed
    def end(self) -> None:
        self.ctx.bound = self.call.bound
        self._step(self.cmdlet.end)

    def _step(self, step: Callable[[CmdletRun], None]) -> None:
        """The cmdlet's begin, process or end, in the pipeline's state, its failures as PowerShell reports them."""
        saved = enter(self.session, self.state, self.element)
        try:
            step(self.ctx)
        except errors.DotNetException as failed:  # a terminating error of the cmdlet lands in -ErrorVariable too
            self.session.add_to_error_variable(self.common, [getattr(failed, "error_record", None)
                                                             or errors.record_for(failed)])
            raise
        except HostPromptUnavailable:  # Read-Host, Get-Credential, a prompt with nobody to answer
            error = non_interactive_error()
            declaration = self.declaration
            error.error_record = error.error_record.with_command(  # type: ignore[attr-defined]
                declaration.name, declaration.implementing_type or declaration.name).with_invocation(
                errors.InvocationInfo(my_command=declaration.name, invocation_name=self.invocation_name,
                                      command_kind="Cmdlet"))
            raise error from None
        finally:
            leave(self.session, saved)


class FunctionProcessor(SessionProcessor):
    """A function (or filter) written in PowerShell: bound by the cmdlet binder, its begin, process and
    end blocks run in a scope of its own; a function without a process block sees its input in `$input`."""

    def __init__(self, session: "Session", function: A.FunctionDefinitionAst, declaration: CommandDeclaration,
                 invocation_name: str, pairs: Pairs, has_upstream: bool) -> None:
        super().__init__(session, has_upstream)
        self.function = function
        self.declaration = declaration
        self.invocation_name = invocation_name
        self.pairs = pairs
        body = function.body
        # A filter's body, like an unnamed block with pipeline input in one, runs per object.
        self.process_block = body.process_block or (body.end_block if function.is_filter else None)
        self.end_block = None if function.is_filter else body.end_block
        self.input: list[Any] = []

    @placed
    def begin(self) -> None:
        session, function, declaration = self.session, self.function, self.declaration
        with entered(session, self.state, self.element):
            call: CommandBinding = session.bind_command(declaration, self.pairs,
                                                        PipelineInput() if self.has_upstream else [],
                                                        self.invocation_name)
        self.call, self.common = call, call.common
        self._open_out_variable()
        home = session._function_homes.get(declaration.name.lower())
        # Assignments inside stay inside; reads search the callers' scopes, or a module function's module scope.
        self.inner = replace(self.state, variables=(home or self.state.variables).child(),
                             script_variables=home or self.state.script_variables,
                             trap_frames=self.state.trap_frames + [[]])
        self.errors_before = len(self.state.variables.get("error") or [])
        nodes = function.parameters if function.parameters is not None else (
            function.body.param_block.parameters if function.body.param_block is not None else ())
        with entered(session, self.inner, self.element):
            session._apply_common(call.common)
            invocation = errors.InvocationInfo(my_command=declaration.name, invocation_name=self.invocation_name,
                                               command_kind="Function")
            variables = session.variables
            variables["myinvocation"] = invocation_variable(invocation, call.bound, call.unbound)
            variables["args"] = call.unbound
            if declaration.cmdlet_binding:
                variables["pscmdlet"] = session._script_cmdlet(declaration, call.set_name, invocation, call.common)
            session._parameter_variables(nodes, declaration, call.bound)
            variables["psboundparameters"] = bound_parameters(call.bound, call.common)
            variables["input"] = PSEnumerator([])
            self._run(function.body.begin_block)

    @placed
    def process(self, item: Any) -> None:
        if self.process_block is None:
            if item is not NO_INPUT:
                self.input.append(item)  # the end block enumerates all of it in $input
            return
        session, call = self.session, self.call
        saved = enter(session, self.inner, self.element)
        try:
            variables = session.variables
            if item is not NO_INPUT:
                per_object = bind_pipeline_object(call.set_name, call.receivers, item, session.registry.types,
                                                  self.declaration.command_type) if call.receivers else {}
                if per_object is None:
                    session.write_error(errors.record_for(input_object_not_bound(item)), {})
                    return
                for name, value in per_object.items():
                    variables.own[name.lower()] = value  # bound and validated: no second check
                variables["psboundparameters"] = bound_parameters({**call.bound, **per_object}, call.common)
                variables["input"] = PSEnumerator([item])
            variables["_"] = variables["psitem"] = None if item is NO_INPUT else item
            self._run(self.process_block)
        finally:
            leave(session, saved)

    @placed
    def end(self) -> None:
        with entered(self.session, self.inner, self.element):
            # process consumed the input: end sees an empty $input, else all of it
            self.session.variables["input"] = PSEnumerator([] if self.process_block is not None else self.input)
            self._run(self.end_block)

    def close(self) -> None:
        if not hasattr(self, "inner"):
            return  # binding failed: the function never ran
        with entered(self.session, self.state):
            self.session._collect_common_variables(self.common, self.inner.variables, self.errors_before)

    def _run(self, block: A.NamedBlockAst | None) -> None:
        """The block's statements write downstream as they produce (what `return` carries comes last)."""
        session = self.session
        session._pipe = self.write
        try:
            for value in session._named_block(block):
                self.write(value)
        finally:
            session._pipe = None


class CollectedProcessor(SessionProcessor):
    """An element this engine runs on its whole input at once when the input is exhausted: redirected
    elements, native programs, scripts by path, script blocks invoked with `&` or `.`."""

    def __init__(self, session: "Session", run: Callable[[list[Any]], list[Any]], has_upstream: bool) -> None:
        super().__init__(session, has_upstream)
        self.run = run
        self.items: list[Any] = []

    def process(self, item: Any) -> None:
        if item is not NO_INPUT:
            self.items.append(item)

    @placed
    def end(self) -> None:
        with entered(self.session, self.state, self.element):
            output = self.run(PipelineInput(self.items) if self.has_upstream else self.items)
        for value in output:
            self.write(value)
