"""One runspace: parses text, runs it, prints what is not captured, and reports how it ended.

This first version evaluates expressions, `$variable` assignment and pipelines of registered cmdlets
(named, switch and positional arguments). Any other statement stops with a clear RuntimeException that
names the construct, so a script never silently does less than it says.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.binder import SWITCH, is_switch_parameter
from exchange_sim.powershell.commands import CommandDeclaration
from exchange_sim.powershell.evaluator import ScriptBlock
from exchange_sim.powershell.evaluator.data_section import restriction_error
from exchange_sim.powershell.evaluator.dotnet_host import SessionDotNetHost
from exchange_sim.powershell.evaluator.engine_intrinsics import engine_intrinsics
from exchange_sim.powershell.evaluator.expressions import ExpressionWalk, declared_variable, unsupported
from exchange_sim.powershell.evaluator.flow import (
    Break,
    Caught,
    Continue,
    Exit,
    Flow,
    LoopJump,
    NamedArgument,
    Return,
    ScriptTerminating,
    binding_position,
    locate,
    record_of,
    single,
    thrown,
)
from exchange_sim.powershell.evaluator.loops import LoopStatements
from exchange_sim.powershell.evaluator.redirection import Redirections
from exchange_sim.powershell.evaluator.scopes import VariableScope, VisibleFunctions, function_name, function_scope
from exchange_sim.powershell.evaluator.script_files import ScriptFiles, is_script_path, script_invocation
from exchange_sim.powershell.evaluator.script_modules import ScriptModules
from exchange_sim.powershell.evaluator.strict_mode import method_call_syntax
from exchange_sim.powershell.evaluator.traps import TrapHandling
from exchange_sim.powershell.evaluator.parameters import ScriptParameters
from exchange_sim.powershell.evaluator.pipeline_input import is_downstream
from exchange_sim.powershell.evaluator.command_processors import (
    CmdletProcessor,
    CollectedProcessor,
    FunctionProcessor,
    SessionProcessor,
)
from exchange_sim.powershell.evaluator.pipeline import CommandProcessor, Pipeline, Write
from exchange_sim.powershell.host import Host
from exchange_sim.powershell.parse_errors import format_parse_errors, position_message
from exchange_sim.powershell.parser import parse
from exchange_sim.powershell.providers import SessionProviders
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session_drives import ENVIRONMENT_PREFIX, EnvironmentDrive, FunctionDrive, VariableDrive
from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.conversions import convert_to, to_bool, to_string
from exchange_sim.powershell.values.enumerator import PSEnumerator
from exchange_sim.powershell.values.objects import Hashtable, enumerate_for_pipeline, get_property
from exchange_sim.powershell.values.formatting import format_default
from exchange_sim.powershell.values.formatting.default import OutDefault
from exchange_sim.powershell.values.operators import binary_op, range_items


@dataclass(frozen=True)
class RunOutcome:
    output: list[Any]
    exit_code: int
    had_errors: bool


@dataclass(frozen=True)
class CommandCall:
    """A structured cmdlet call (PSRP): name and (parameter, value) pairs; a None name is positional."""

    name: str
    parameters: Sequence[tuple[str | None, Any]] = ()


@dataclass
class Session(ExpressionWalk, ScriptParameters, TrapHandling, Redirections, ScriptFiles, ScriptModules,
              LoopStatements):
    registry: EngineRegistry
    host: Host
    product_version: str = "2019"
    variables: VariableScope = field(default_factory=VariableScope)
    _had_errors: bool = field(default=False, init=False)
    _try_depth: int = field(default=0, init=False)
    _hidden_errors: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        version_table = Hashtable([("PSVersion", "5.1.17763.1007"), ("PSEdition", "Desktop"),
                                   ("CLRVersion", "4.0.30319.42000"), ("BuildVersion", "10.0.17763.1007"),
                                   ("WSManStackVersion", "3.0"), ("PSRemotingProtocolVersion", "2.3"),
                                   ("SerializationVersion", "1.1.0.1")])
        base = {"true": True, "false": False, "null": None, "erroractionpreference": "Continue", "error": [],
                "?": True, "psversiontable": version_table, "lastexitcode": 0,
                "warningpreference": "Continue", "verbosepreference": "SilentlyContinue",
                "debugpreference": "SilentlyContinue", "confirmpreference": "High", "whatifpreference": False}
        base.update({name.lower(): value for name, value in self.registry.variables.items()})
        for name, value in base.items():
            self.variables.setdefault(name, value)
        self._script_variables = self.variables  # `run` executes in the global scope, as -Command does
        self._trap_frames = [[]]
        self._module_exports = []
        self._function_homes: dict[str, VariableScope] = {}  # function name -> its script module's scope
        self._modules = {}  # imported script modules (evaluator/script_modules.py)
        self.providers = SessionProviders({**self.registry.providers, **self._own_drives()})
        self.variables.setdefault("executioncontext", engine_intrinsics(
            self.providers, lambda name: self.variables.get(name), lambda name, value: self.variables.assign(name, value),
            lambda: self.variables.get("host")))
        self.dotnet_host = SessionDotNetHost(self.registry.extensions,
                                             lambda block, under, args: self.invoke_scriptblock(block, under, args))
        self._error_sinks: list[list[Any]] = []  # `2>&1` / `2> file` of the elements running now
        # Streaming (see _statement_list): where the next statement list writes as it goes, and where the
        # statement running now may write its pipeline's output or its bodies' output directly.
        self._pipe: Write | None = None
        self._stream_pipeline: Write | None = None
        self._stream_body: Write | None = None
        self._running_commands: list[A.CommandBaseAst] = []  # the pipeline elements running now, innermost last

    @property
    def functions(self) -> VisibleFunctions:
        """The functions the running scope sees (name -> definition); defining one puts it in that scope."""
        return VisibleFunctions(self.variables)

    def _own_drives(self) -> dict[str, Any]:
        """Env:, Variable: and Function: over this session's state (every 5.1 session has them)."""
        spellings = [name[len(ENVIRONMENT_PREFIX):] for name in self.registry.variables
                     if name.lower().startswith(ENVIRONMENT_PREFIX)]
        return {"env": EnvironmentDrive(lambda: self.variables.root(), spellings),
                "function": FunctionDrive(lambda: self.functions),
                "variable": VariableDrive(lambda: self.variables)}

    def format_default(self, objects: Sequence[Any]) -> str:
        return format_default(objects, self.registry.views, self.host.width)

    def write_error(self, record: Any, common: dict[str, Any]) -> None:
        """A non-terminating error under -ErrorAction / $ErrorActionPreference, -ErrorVariable and $Error."""
        record = record if isinstance(record, errors.ErrorRecord) else errors.record_for(record)
        action = str(common.get("ErrorAction") or self.variables.get("erroractionpreference") or "Continue").lower()
        self.add_to_error_variable(common, [record])
        if action == "stop":  # the record travels with the exception: catch sees its category and id
            exc = record.exception
            if getattr(exc, "error_record", None) is None:
                exc.error_record = record  # type: ignore[union-attr]
            raise ScriptTerminating(exc)  # escalated by Stop: unwinds to the nearest try/trap, or ends the run
        if action == "ignore":
            return
        self.variables.setdefault("error", []).insert(0, record)
        self._had_errors = True
        if action != "silentlycontinue" and self._error_sinks:
            self._error_sinks[-1].append(record)  # redirected: the record goes to the output or a file
            return
        if action != "silentlycontinue" and not self._hidden_errors:
            self.host.write_error(errors.format_error_record(record, width=self.host.width) + "\n")

    def cmdlet_error(self, declaration: CommandDeclaration, record: Any) -> errors.ErrorRecord:
        """A record a cmdlet writes, as the console shows it: `<name as typed> : ` and the command's
        position. Write-Error's place is its caller's, which at a script's top level has none (§6.6)."""
        record = record if isinstance(record, errors.ErrorRecord) else errors.record_for(record)
        element = self._running_commands[-1] if self._running_commands else None
        if element is None or declaration.name == "Write-Error":
            return record
        if record.invocation_info is None:
            first = element.command_elements[0] if isinstance(element, A.CommandAst) else None
            typed = first.value if isinstance(first, A.StringConstantExpressionAst) else declaration.name
            record = record.with_invocation(errors.InvocationInfo(my_command=declaration.name, invocation_name=typed,
                                                                  command_kind="Cmdlet"))
        return record.placed(element.extent)

    def _stop_preferred(self) -> bool:
        return str(self.variables.get("erroractionpreference") or "").lower() == "stop"

    def _report(self, record_or_exc: Any) -> None:
        self._had_errors = True
        record = record_or_exc if isinstance(record_or_exc, errors.ErrorRecord) else errors.record_for(record_or_exc)
        self.variables.setdefault("error", []).insert(0, record)
        if not self._hidden_errors:
            self.host.write_error(errors.format_error_record(record, width=self.host.width) + "\n")

    def run(self, text: str, file: str | None = None, args: Sequence[Any] = ()) -> RunOutcome:
        parsed = parse(text, file)
        if parsed.errors or parsed.ast is None:
            self.host.write_error(format_parse_errors(parsed.errors, file) + "\n")
            return RunOutcome([], 1, True)
        self._had_errors = False
        output: list[Any] = []
        block = parsed.ast.end_block
        exit_code = 0
        # Out-Default prints each top-level statement's output when it ends, so host text (Write-Host,
        # warnings) written between statements appears between their outputs; a value it prints on its own
        # line (a number, a string) is printed as soon as it arrives, between the errors and host text
        # written around it, while objects wait for the end of the statement to measure their table.
        printer = OutDefault(self.registry.views, self.host.width)
        printed = 0

        def emit(value: Any) -> None:
            nonlocal printed
            output.append(value)
            if all(printer.prints_at_once(item) for item in output[printed:]):
                printed = self._print(printer, output, printed)
        try:
            if file is not None:
                path = PureWindowsPath(file) if "\\" in file else PurePosixPath(file)
                self.variables["pscommandpath"] = str(path)
                self.variables["psscriptroot"] = str(path.parent)
                self.variables["myinvocation"] = script_invocation(str(path), file)
            try:
                self._bind_script_arguments(parsed.ast, list(args))
            except errors.ParameterBindingException as refused:  # `run x.ps1 -Bad 1`: the script never starts
                raise ScriptTerminating(refused) from None
            statements = block.statements if block is not None else ()
            traps = self._enter_traps(statements)  # the whole frame is dropped when the run ends
            for statement in statements:
                errors_before = len(self.variables.get("error") or [])
                try:
                    try:
                        self._stream_pipeline = emit if isinstance(statement, A.PipelineAst) else None
                        self._stream_body = emit if isinstance(statement, _STREAMING_BODIES) else None
                        output.extend(self._statement(statement))
                    except (errors.DotNetException, ScriptTerminating) as raised:
                        locate(raised, statement.extent)  # unless a command or expression in it placed it already
                        trapped = self._trap(raised, traps)
                        if trapped is None:
                            raise
                        output.extend(getattr(raised, "partial", []) + trapped)
                    # $? is False after a statement that added to $Error.
                    self.variables["?"] = len(self.variables.get("error") or []) == errors_before
                except Flow as flow:
                    output.extend(getattr(flow, "partial", []))
                    if isinstance(flow, LoopJump):
                        continue  # a break outside any loop ends only its statement here
                    flow.partial = []
                    raise
                except errors.DotNetException as exc:  # statement-terminating: the script goes on
                    output.extend(vars(exc).pop("partial", []))  # what the pipeline wrote before it failed
                    printed = self._print(printer, output, printed)
                    if self._stop_preferred():  # ... unless $ErrorActionPreference = 'Stop' escalates it
                        raise ScriptTerminating(exc) from exc
                    self._report(exc)
                    self.variables["?"] = False
                except Exception as exc:  # noqa: BLE001 - a gap in the engine must never reach the user as a traceback
                    self._report(errors.runtime_error(
                        f"exchange-sim cannot run this statement yet: {exc}", "EngineFeatureMissing",
                        errors.ErrorCategory.NotImplemented))
                    self.variables["?"] = False
                finally:
                    self._stream_pipeline = self._stream_body = None
                    printed = self._print(printer, output, printed)
        except Exit as stop:
            exit_code = stop.code
        except Return:
            pass  # `return` at script level ends the script normally
        except ScriptTerminating as stop:
            self._print(printer, output, printed, end=True)
            self._report(stop.exception)
            return RunOutcome(output, 1, True)
        finally:
            self._trap_frames = [[]]
        self._print(printer, output, printed, end=True)
        return RunOutcome(output, exit_code, self._had_errors)

    def invoke_expression(self, text: str) -> list[Any]:
        """Invoke-Expression: `text` parsed and run in the caller's scope; a syntax error stops the statement."""
        parsed = parse(text, None)
        if parsed.errors or parsed.ast is None:
            first = parsed.errors[0] if parsed.errors else None
            message = f"{position_message(first.extent, None)}\n{first.message}" if first else "ParseError"
            raise errors.ParseException(message, error_id=first.error_id if first else "ParseError",
                                        category=errors.ErrorCategory.ParserError)
        return self._named_blocks(parsed.ast)

    def invoke(self, calls: Sequence[CommandCall], input: Sequence[Any] | None = None) -> RunOutcome:
        self._had_errors = False
        objects: list[Any] = []
        try:
            processors = [self._cmdlet_processor(call.name, list(call.parameters), bool(position or input))
                          for position, call in enumerate(calls)]
            if processors:
                Pipeline(processors, objects.append).run(list(input) if input else None)
        except (errors.DotNetException, ScriptTerminating) as raised:
            self._report(raised.exception if isinstance(raised, ScriptTerminating) else raised)
            return RunOutcome([], 1, True)
        return RunOutcome(objects, 0, self._had_errors)

    def invoke_scriptblock(self, block: ScriptBlock, dollar_under: Any = None, args: Sequence[Any] = (),
                           this: Any = None, write: Write | None = None) -> list[Any]:
        """Run `block` with `$_`/`$PSItem`, `$args` and `$this` set for its duration; with `write`, its output
        goes there as it is produced."""
        own = self.variables.own
        saved = {name: own.get(name, _UNSET) for name in ("_", "psitem", "args", "this")}
        own.update({"_": dollar_under, "psitem": dollar_under, "args": list(args), "this": this})
        try:
            return self._named_blocks(block.ast, write)
        finally:
            for name, value in saved.items():
                if value is _UNSET:
                    own.pop(name, None)
                else:
                    own[name] = value

    def _print(self, printer: OutDefault, output: list[Any], printed: int, end: bool = False) -> int:
        """Formats `output[printed:]` through the run's Out-Default; returns how much of `output` is printed."""
        text = printer.feed(output[printed:]) + (printer.close() if end else "")
        if text:
            self.host.write_output(text)
        return len(output)

    def _statement(self, node: A.StatementAst) -> list[Any]:
        if isinstance(node, A.AssignmentStatementAst) and node.operator in _COMPOUND \
                and (declared := declared_variable(node.left)) is not None and declared is not node.left:
            value = self._assigned_value(node.right)
            if node.operator != "=":  # `[array]$names += $x`: the sum, then typed (an unset variable is $null)
                holder = self._scope_of(declared)
                current = holder.get(declared.name.lower()) if holder is not None else None
                value = binary_op(_COMPOUND[node.operator], current, value, self.registry.types)
            self._declare_typed(node.left, value)
            return []
        if isinstance(node, A.TrapStatementAst):
            return []  # armed by the statement list that holds it
        if isinstance(node, A.DataStatementAst):
            return self._data_section(node)
        if isinstance(node, A.AssignmentStatementAst) and isinstance(node.left, A.VariableExpressionAst) \
                and node.operator in _COMPOUND:
            value = self._assigned_value(node.right)
            target = node.left
            if target.name.lower() == "null" and not target.prefix:
                return []  # `$null = …` discards the output
            if node.operator != "=":
                value = binary_op(_COMPOUND[node.operator], self._read_variable(target), value, self.registry.types)
            self._write_variable(target, value)
            return []
        if isinstance(node, A.AssignmentStatementAst) and node.operator in _COMPOUND \
                and self._assign_element(node.left, _COMPOUND[node.operator], node.right):
            return []
        if isinstance(node, A.ExitStatementAst):
            values = self._statement(node.pipeline) if node.pipeline is not None else []
            raise Exit(int(convert_to(values[0], "int")) if values else 0)
        if isinstance(node, A.ThrowStatementAst):
            values = self._statement(node.pipeline) if node.pipeline is not None else []
            raised = ScriptTerminating(thrown(values[0] if len(values) == 1 else (values or None)))
            locate(raised, node.extent)  # a rethrown record keeps the place it was first raised at
            raise raised
        if isinstance(node, A.IfStatementAst):
            for clause in node.clauses:
                if to_bool(single(self._statement(clause.condition))):
                    return self._block(clause.body)
            return self._block(node.else_clause) if node.else_clause is not None else []
        if isinstance(node, A.ForEachStatementAst):
            return self._foreach(node)
        looped = self._loop_statement(node)
        if looped is not None:
            return looped
        if isinstance(node, A.WhileStatementAst):
            output: list[Any] = []
            try:
                while to_bool(single(self._statement(node.condition))):
                    if not self._iteration(node.body, node.label, output):
                        break
            except Flow as flow:
                raise flow.carry(output)
            return output
        if isinstance(node, (A.BreakStatementAst, A.ContinueStatementAst)):
            label = self._expression(node.label) if node.label is not None else None
            raise (Break if isinstance(node, A.BreakStatementAst) else Continue)(label)
        if isinstance(node, A.TryStatementAst):
            return self._try(node)
        if isinstance(node, A.FunctionDefinitionAst):
            key = function_name(node.name).lower()
            function_scope(node.name, self.variables, self._script_variables).functions[key] = node
            if self._module_exports:  # defined by a script module: it runs in that module's scope
                self._function_homes[key] = self._script_variables
            return []
        if isinstance(node, A.ReturnStatementAst):
            values = self._statement(node.pipeline) if node.pipeline is not None else []
            raise Return().carry(values)
        if isinstance(node, A.PipelineAst):
            sink, self._stream_pipeline = self._stream_pipeline, None
            only = node.pipeline_elements[0] if len(node.pipeline_elements) == 1 else None
            if isinstance(only, A.CommandExpressionAst) and not only.redirections and _is_step(only.expression):
                self._expression(only.expression)
                return []  # `$i++` as a statement writes nothing; `($i++)` does
            if _is_plain_expression(only):  # `$i`, `$_ % 3`: no command to run, just the values
                values = _unroll(self._expression(only.expression))  # type: ignore[union-attr]
                if sink is None:
                    return values
                for value in values:  # `$i` in a loop of a command's block goes downstream now
                    sink(value)
                return []
            return self._pipeline(node.pipeline_elements, sink)
        if isinstance(node, A.CommandExpressionAst) and node.expression is not None:
            value = self._expression(node.expression)
            return [] if _is_step(node.expression) else _unroll(value)
        raise unsupported(node)

    def _data_section(self, node: A.DataStatementAst) -> list[Any]:
        """`data [Name] { … }`: checked against the restricted language, then run; `Name` receives the output."""
        supported = [str(name) for item in node.supported_commands for name in _unroll(self._expression(item))]
        refused = restriction_error(node, supported)
        if refused is not None:
            raise refused
        output = self._block(node.body)
        if node.variable is None:
            return output
        self.variables[node.variable.lower()] = single(output)
        return []

    def _foreach(self, node: A.ForEachStatementAst) -> list[Any]:
        output: list[Any] = []
        own = self.variables.own
        outer = own.get("foreach", _UNSET)
        own["foreach"] = loop = PSEnumerator(self._statement(node.condition))
        try:
            self._foreach_items(node, loop, output)
        except Flow as flow:
            raise flow.carry(output)
        finally:
            if outer is _UNSET:
                own.pop("foreach", None)
            else:
                own["foreach"] = outer
        return output

    def _foreach_items(self, node: A.ForEachStatementAst, loop: PSEnumerator, output: list[Any]) -> None:
        for item in loop.remaining():
            self.variables[node.variable.name.lower()] = item
            try:
                output.extend(self._block(node.body))
            except LoopJump as stop:
                output.extend(getattr(stop, "partial", []))
                stop.partial = []
                if not stop.matches(node.label):
                    raise stop
                if isinstance(stop, Break):
                    break

    def _try(self, node: A.TryStatementAst) -> list[Any]:
        output: list[Any] = []
        self._try_depth += 1
        self._new_trap_frame()  # traps outside the try come after its catch clauses
        try:
            try:
                output.extend(self._block(node.body))
            finally:
                self._try_depth -= 1
                self._drop_trap_frame()
        except (errors.DotNetException, ScriptTerminating) as raised:
            exc = raised.exception if isinstance(raised, ScriptTerminating) else raised
            output.extend(getattr(raised, "partial", []))
            for clause in node.catch_clauses:
                if not clause.catch_types or any(
                        errors.exception_matches(exc, constraint.type_name.full_name, self.registry.types)
                        for constraint in clause.catch_types):
                    saved = self.variables.get("_")
                    self.variables["_"] = self.variables["psitem"] = record_of(exc)
                    try:
                        output.extend(self._block(clause.body))
                    finally:
                        self.variables["_"] = self.variables["psitem"] = saved
                    break
            else:
                raise
        finally:
            if node.finally_clause is not None:
                output.extend(self._block(node.finally_clause))
        return output

    def _block(self, block: A.StatementBlockAst) -> list[Any]:
        """A body of `if`, a loop, `switch`, `try`...: it streams when the statement holding it does."""
        self._pipe = self._stream_body
        try:
            return self._statement_list(block.statements)
        finally:
            self._pipe = None

    def _statement_list(self, statements: Sequence[A.StatementAst]) -> list[Any]:
        """Runs the statements; returns their output, or, when `_pipe` was set for it (the block of a command
        in a pipeline, a body of such a block's `if`/loop), writes each object there as it is produced, so
        the next command gets it at once (and Select-Object -First can stop an endless loop)."""
        pipe, self._pipe = self._pipe, None
        saved = (self._stream_pipeline, self._stream_body)
        output: list[Any] = []
        emit = output.append if pipe is None else pipe
        traps = self._enter_traps(statements)
        try:
            for statement in statements:
                # Captures below (`$x = ...`, `$(...)`, conditions) collect; only these write through.
                self._stream_pipeline = pipe if isinstance(statement, A.PipelineAst) else None
                self._stream_body = pipe if isinstance(statement, _STREAMING_BODIES) else None
                try:
                    for value in self._statement(statement):
                        emit(value)
                except (errors.DotNetException, ScriptTerminating) as raised:
                    locate(raised, statement.extent)  # unless a command or expression in it placed it already
                    if isinstance(raised, errors.DotNetException):  # what the pipeline wrote before it failed
                        for value in vars(raised).pop("partial", []):
                            emit(value)
                    trapped = self._trap(raised, traps)
                    if trapped is not None:
                        for value in getattr(raised, "partial", []) + trapped:
                            emit(value)
                        continue
                    if not isinstance(raised, errors.DotNetException):
                        raise
                    if self._try_depth or self._traps_armed(raised):  # a surrounding try or trap handles it
                        raise Caught(raised) from raised
                    if self._stop_preferred():  # $ErrorActionPreference = 'Stop' escalates it to script-terminating
                        raise ScriptTerminating(raised) from raised
                    self._report(raised)  # otherwise the block goes on with its next statement
        except Flow as flow:
            raise flow.carry(output)
        finally:
            self._leave_traps(traps)
            self._stream_pipeline, self._stream_body = saved
        return output

    def _pipeline(self, elements: Sequence[A.CommandBaseAst], sink: Write | None = None) -> list[Any]:
        """Runs the elements as one streaming pipeline; returns what the last one wrote, or writes it to `sink`."""
        source: Iterable[Any] | None = None
        first = elements[0]
        if len(elements) > 1 and _is_plain_expression(first):
            source = self._pipeline_source(first.expression)  # type: ignore[attr-defined]
            elements = elements[1:]
        processors = [self._placed_processor(element, bool(position) or source is not None)
                      for position, element in enumerate(elements)]
        output: list[Any] = []
        try:
            Pipeline(processors, output.append if sink is None else sink).run(source)
        except Flow as flow:
            raise flow.carry(output)
        except errors.DotNetException as failed:  # what reached the end before the error was written
            failed.partial = output + list(getattr(failed, "partial", []))  # type: ignore[attr-defined]
            raise
        return output

    def _pipeline_source(self, expression: A.ExpressionAst) -> Iterable[Any]:
        """What a first element that is an expression sends: its values one by one (`1..1e9` lazily)."""
        if isinstance(expression, A.BinaryExpressionAst) and expression.operator == "..":
            return range_items(self._expression(expression.left), self._expression(expression.right))
        value = self._expression(expression)
        # `$null | %{}` sends one $null; an empty `(...)`/`$(...)` is AutomationNull and sends nothing.
        sends_null = value is None and not isinstance(
            expression, (A.ParenExpressionAst, A.SubExpressionAst, A.ArrayExpressionAst))
        return [None] if sends_null else _unroll(value)

    def _element(self, element: A.CommandBaseAst, input_objects: list[Any]) -> list[Any]:
        """One element run on `input_objects` (all of them given at once)."""
        if element.redirections:
            return self._redirected(element, input_objects)
        output: list[Any] = []
        Pipeline([self._placed_processor(element, is_downstream(input_objects))], output.append).run(
            input_objects if is_downstream(input_objects) else None)
        return output

    def _placed_processor(self, element: A.CommandBaseAst, has_upstream: bool) -> CommandProcessor:
        """The element's processor, which places its errors at the element (as do its arguments' errors)."""
        try:
            processor = self._processor(element, has_upstream)
        except (errors.DotNetException, ScriptTerminating) as raised:
            locate(raised, binding_position(element, raised) or element.extent)
            raise
        if isinstance(processor, SessionProcessor):
            processor.element = element
        return processor

    def _processor(self, element: A.CommandBaseAst, has_upstream: bool) -> CommandProcessor:
        """The command processor of one element; its arguments are evaluated now, before any element begins."""
        if element.redirections:
            return CollectedProcessor(self, lambda given: self._redirected(element, given), has_upstream)
        if isinstance(element, A.CommandExpressionAst) and element.expression is not None:
            expression = element.expression
            return CollectedProcessor(self, lambda given: _unroll(self._expression(expression)), has_upstream)
        if not isinstance(element, A.CommandAst):
            raise unsupported(element)
        first, *rest = element.command_elements
        block: A.FunctionDefinitionAst | None = None
        if element.invocation_operator and not isinstance(first, A.StringConstantExpressionAst):
            target = self._expression(first)  # type: ignore[arg-type]
            if isinstance(target, ScriptBlock) and element.invocation_operator == "&":
                # `& { param($a) … } 1 -b 2`, `1..3 | & { process { $_ } }`: a script block binds and runs
                # as a nameless function does, in a child scope.
                block = A.FunctionDefinitionAst(first.extent, "", target.ast)
            elif isinstance(target, ScriptBlock) and all(isinstance(item, A.ExpressionAst) for item in rest):
                arguments = [self._expression(item) for item in rest]  # type: ignore[arg-type]
                return CollectedProcessor(self, lambda given: self.invoke_scriptblock(target, None, arguments),
                                          has_upstream)  # `.`: in the current scope
            elif isinstance(target, str):
                first = A.StringConstantExpressionAst(first.extent, target)
            else:
                raise unsupported(first)
        if block is None and not isinstance(first, A.StringConstantExpressionAst):
            raise unsupported(first)
        if self.strict_version >= 2 and (called_as_method := method_call_syntax(element)) is not None:
            raise called_as_method
        name = first.value if isinstance(first, A.StringConstantExpressionAst) else ""
        function = block or self.find_function(name)
        declaration = self.function_declaration(function) if function is not None \
            else self.registry.commands.resolve(name)
        if function is None and declaration is not None and declaration.native:
            return self._cmdlet_processor(name, [("ArgumentList", self._native_arguments(rest))], has_upstream)
        pairs: list[tuple[str | None, Any]] = []
        items = list(rest)
        while items:
            item = items.pop(0)
            if isinstance(item, A.CommandParameterAst):
                value: Any = SWITCH
                if item.argument is not None:
                    value = self._expression(item.argument)
                elif items and isinstance(items[0], A.ExpressionAst) and not is_switch_parameter(declaration, item.parameter_name):
                    value = self._expression(items.pop(0))  # `-Name value`: the next element is the argument
                pairs.append((item.parameter_name, value))
            elif isinstance(item, A.VariableExpressionAst) and item.splatted:
                pairs.extend(self._splat(item))
            elif isinstance(item, A.ExpressionAst):
                pairs.append((None, self._expression(item)))
            else:
                raise unsupported(item)
        if function is not None:
            assert declaration is not None
            return FunctionProcessor(self, function, declaration, name, pairs, has_upstream)
        if declaration is None and is_script_path(name):
            dot = element.invocation_operator == "."
            return CollectedProcessor(self, lambda given: self._run_script_file(name, pairs, dot), has_upstream)
        return self._cmdlet_processor(name, pairs, has_upstream)

    def _native_arguments(self, elements: Sequence[A.CommandElementAst]) -> list[str]:
        """A native program's argv: `-store` stays text, values become strings, arrays spread out."""
        arguments: list[str] = []
        for item in elements:
            if isinstance(item, A.CommandParameterAst):
                text = "-" + item.parameter_name
                if item.argument is not None:
                    text += ":" + to_string(self._expression(item.argument))
                arguments.append(text)
            elif isinstance(item, A.ExpressionAst):
                value = self._expression(item)
                arguments.extend(to_string(part) for part in (value if isinstance(value, list) else [value]))
            else:
                raise unsupported(item)
        return arguments

    def _named_blocks(self, body: A.ScriptBlockAst, write: Write | None = None) -> list[Any]:
        """Run begin, process and end of a script block once each; `return` ends the whole body. With `write`,
        the output goes there as it is produced (ForEach-Object's blocks) and nothing is returned."""
        output: list[Any] = []
        emit = output.append if write is None else write
        self._new_trap_frame()
        try:
            for named in (body.begin_block, body.process_block, body.end_block):
                if named is None:
                    continue
                self._pipe = write
                try:
                    for value in self._statement_list(named.statements):
                        emit(value)
                except Return as done:
                    for value in done.partial:
                        emit(value)
                    break
                finally:
                    self._pipe = None
        finally:
            self._drop_trap_frame()
        return output

    def _splat(self, node: A.VariableExpressionAst) -> list[tuple[str | None, Any]]:
        """`@table` gives named arguments (`$true` for a switch), `@array` positional ones."""
        value = self._read_variable(node)
        if isinstance(value, Hashtable):
            return [(str(key), item) for key, item in value.items()]
        if value is None:
            return []
        return [(None, item) for item in (value if isinstance(value, list) else [value])]

    def variable_names(self) -> list[str]:
        return sorted(self.variables)

    def _cmdlet_processor(self, name: str, pairs: list[tuple[str | None, Any]], has_upstream: bool) -> CmdletProcessor:
        declaration = self.registry.commands.resolve(name)
        if declaration is None:
            missing = errors.CommandNotFoundException(
                f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable "
                "program. Check the spelling of the name, or if a path was included, verify that the path is "
                "correct and try again.", category=errors.ErrorCategory.ObjectNotFound, target_object=name)
            # The console shows the name as typed before the message: `Get-Nope : The term 'Get-Nope' ...`.
            missing.error_record = errors.record_for(missing).with_invocation(  # type: ignore[attr-defined]
                errors.InvocationInfo(invocation_name=name))
            raise missing
        return CmdletProcessor(self, declaration, name, pairs, has_upstream)

    def _run_cmdlet(self, name: str, pairs: list[tuple[str | None, Any]], input_objects: list[Any]) -> list[Any]:
        """One cmdlet run on `input_objects` (all of them given at once)."""
        output: list[Any] = []
        downstream = is_downstream(input_objects)
        Pipeline([self._cmdlet_processor(name, pairs, downstream)], output.append).run(
            input_objects if downstream else None)
        return output


# Statements whose bodies write to the output of the statement list that holds them.
_STREAMING_BODIES = (A.IfStatementAst, A.WhileStatementAst, A.DoWhileStatementAst, A.DoUntilStatementAst,
                     A.ForStatementAst, A.ForEachStatementAst, A.SwitchStatementAst, A.TryStatementAst)
_COMPOUND = {"=": "=", "+=": "+", "-=": "-", "*=": "*", "/=": "/", "%=": "%"}
_UNSET = object()  # a variable that did not exist before a script block ran


def _unroll(value: Any) -> list[Any]:
    if value is None:
        return []
    items = enumerate_for_pipeline(value)
    return [value] if items is None else list(items)


def _is_plain_expression(element: A.CommandBaseAst) -> bool:
    return isinstance(element, A.CommandExpressionAst) and element.expression is not None and not element.redirections


def _is_step(expression: A.ExpressionAst | None) -> bool:
    return isinstance(expression, A.UnaryExpressionAst) and expression.operator in ("++", "--")
