"""The pipeline as PowerShell's PipelineProcessor runs it.

Every element is a `CommandProcessor`: all `begin`s run first (left to right); then each object the
first element produces goes through `process` of the next element at once, and each object that one
writes goes on downstream before it produces the next (one object at a time through the whole
pipeline); once the input is exhausted the `end`s run left to right, each one's output still flowing
through the later elements. A command may end its upstream early (Select-Object -First): the
commands before it are unwound without running their `end`, the rest end normally.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

# The first element's `process` runs once with no pipeline object (`Get-Date`, `f` with a process block).
NO_INPUT: Any = object()

Write = Callable[[Any], None]


class StopUpstream(BaseException):
    """PowerShell's StopUpstreamCommandsException: unwinds the commands before `position`, which neither
    write nor end any more. A BaseException so that no script handler (try/catch, trap, the statement
    loop that reports an error and goes on) of an upstream command intercepts it."""

    def __init__(self, pipeline: "Pipeline", position: int) -> None:
        super().__init__(position)
        self.pipeline = pipeline
        self.position = position


class Unwind(BaseException):
    """An error of a downstream command on its way up through the upstream commands' code (which called
    it by writing an object) to the pipeline that runs them all: it ends the whole pipeline statement,
    it is not an error of the upstream command's own statements."""

    def __init__(self, pipeline: "Pipeline", error: BaseException) -> None:
        super().__init__(error)
        self.pipeline = pipeline
        self.error = error


class CommandProcessor:
    """One pipeline element. `write` (set by the pipeline) sends an object to the next element."""

    write: Write
    stop_upstream: Callable[[], None]
    began = False
    ended = False
    pending: list[Any]  # what the element before wrote in its begin block, before this one began

    def begin(self) -> None:
        return None

    def process(self, item: Any) -> None:
        """One upstream object, or NO_INPUT for the first element's single run."""
        return None

    def end(self) -> None:
        return None

    def close(self) -> None:
        """After the pipeline, once `begin` was called, ended or not (a function's errors reach its -ErrorVariable)."""
        return None

    def written(self, value: Any) -> None:
        """Sees each object this element writes before it goes downstream (-OutVariable, -PipelineVariable)."""
        return None


class Pipeline:
    """Processors connected in order; the last one writes into `sink`."""

    def __init__(self, processors: Sequence[CommandProcessor], sink: Write) -> None:
        self.processors = list(processors)
        for position, processor in enumerate(self.processors):
            processor.pending = []
            processor.write = self._writer(position, sink)
            processor.stop_upstream = self._stopper(position)

    def _writer(self, position: int, sink: Write) -> Write:
        processor = self.processors[position]
        if position + 1 == len(self.processors):
            def write_last(value: Any) -> None:
                processor.written(value)
                sink(value)
            return write_last
        downstream = self.processors[position + 1]

        def write(value: Any) -> None:
            processor.written(value)
            if not downstream.began:  # written by a begin block: it waits until the next element has begun
                downstream.pending.append(value)
                return
            try:
                downstream.process(value)
            except Exception as error:  # noqa: BLE001 - every failure downstream ends the pipeline, not upstream's statement
                raise Unwind(self, error) from None
        return write

    def _stopper(self, position: int) -> Callable[[], None]:
        def stop() -> None:
            raise StopUpstream(self, position)
        return stop

    def run(self, source: Iterable[Any] | None) -> None:
        """`source`: the objects for the first element (an expression's values, PSRP input), or None."""
        try:
            try:
                for processor in self.processors:
                    processor.began = True
                    processor.begin()
                    while processor.pending:
                        processor.process(processor.pending.pop(0))
                first = self.processors[0]
                for item in [NO_INPUT] if source is None else source:
                    first.process(item)
                start = 0
            except StopUpstream as stop:
                if stop.pipeline is not self:
                    raise
                start = stop.position
            self._end_from(start)
        except Unwind as unwind:
            if unwind.pipeline is not self:
                raise
            raise unwind.error from None
        finally:
            for processor in self.processors:
                if processor.began:
                    processor.close()

    def _end_from(self, start: int) -> None:
        """`end` of each element from `start` on; a later Select -First may stop the ones before it again."""
        while True:
            try:
                for processor in self.processors[start:]:
                    if not processor.ended:
                        processor.ended = True
                        processor.end()
                return
            except StopUpstream as stop:
                if stop.pipeline is not self:
                    raise
                start = stop.position
