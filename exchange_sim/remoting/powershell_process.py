"""powershell.exe under a WinRS `cmd` shell: a fresh runspace per process, console text on stdout, the error,
warning and verbose streams as CLIXML on stderr, and powershell.exe's exit code (reference/remoting.md §8).
"""

from __future__ import annotations

from typing import Callable

from exchange_sim.lab.errors import LabError
from exchange_sim.powershell.host import Host, HostPromptUnavailable
from exchange_sim.powershell.session import Session
from exchange_sim.remoting.auth import Account
from exchange_sim.remoting.clixml_stream import stream_document
from exchange_sim.remoting.command_line import PowerShellLaunch
from exchange_sim.remoting.role_groups import trim_to_role
from exchange_sim.remoting.shells import OutputBuffer

# powershell.exe 5.1's exit code when the -File script does not exist (0xFFFD0000 as a signed int).
MISSING_FILE_EXIT = -196608

# Opens a new runspace on this server printing through `host`, run as the signed-in account.
RunspaceOpener = Callable[[Host, Account], Session]


class ProcessHost(Host):
    """The console of a powershell.exe whose streams are redirected: text goes to the command's stdout as it is
    written; error, warning and verbose records are kept for the CLIXML document written at exit. Nobody can
    answer a prompt (WinRS never feeds stdin to it)."""

    interactive = False

    def __init__(self, output: OutputBuffer, codec: str) -> None:
        self._output = output
        self._codec = codec
        self.records: list[tuple[str, str]] = []

    def write_output(self, text: str) -> None:
        console = text.replace("\r\n", "\n").replace("\n", "\r\n")
        self._output.write("stdout", console.encode(self._codec, "replace"))

    def write_error(self, text: str) -> None:
        self.records.append(("Error", text))

    def write_warning(self, text: str) -> None:
        self.records.append(("warning", text))

    def write_verbose(self, text: str) -> None:
        self.records.append(("verbose", text))

    def write_debug(self, text: str) -> None:
        self.records.append(("debug", text))

    def read_line(self, prompt: str, secure: bool = False) -> str:
        raise HostPromptUnavailable()

    def write_console_error(self, text: str) -> None:
        """What powershell.exe itself prints before any runspace runs: plain text, not CLIXML."""
        self._output.write("stderr", text.replace("\n", "\r\n").encode(self._codec, "replace"))

    def finish(self) -> None:
        """Writes the CLIXML document of the redirected streams, when there was anything to write."""
        if self.records:
            self._output.write("stderr", stream_document(self.records).encode("utf-8"))


class PowerShellProcess:
    """The dispatcher's PowerShellRunner for one server: each launch is a new powershell.exe."""

    def __init__(self, open_runspace: RunspaceOpener) -> None:
        self._open_runspace = open_runspace

    def run_process(self, launch: PowerShellLaunch, account: Account, codec: str, output: OutputBuffer) -> int:
        host = ProcessHost(output, codec)
        try:
            return self._run(launch, host, account)
        finally:
            host.finish()

    def _run(self, launch: PowerShellLaunch, host: ProcessHost, account: Account) -> int:
        session = self._open_runspace(host, account)
        trim_to_role(session, account.role)
        if launch.source == "File":
            return self._run_file(session, host, launch)
        if not launch.script.strip():
            return 0
        outcome = session.run(launch.script)
        # powershell -Command / -EncodedCommand: `exit N`, else 1 when the last statement failed ($? false).
        last_succeeded = session.variables.get("?", True) is not False
        return outcome.exit_code or (0 if last_succeeded else 1)

    def _run_file(self, session: Session, host: ProcessHost, launch: PowerShellLaunch) -> int:
        path = launch.file_path or ""
        filesystem = session.registry.extensions.get("windows.filesystem")
        try:
            if filesystem is None:
                raise OSError(path)
            text = filesystem.read_bytes(path).decode("utf-8-sig")
        except (OSError, LabError, ValueError):
            host.write_console_error(f"The argument '{path}' to the -File parameter does not exist. Provide the path "
                                     "to an existing '.ps1' file as an argument to the -File parameter.\n")
            return MISSING_FILE_EXIT
        full_path = str(filesystem.full_path(path))
        return session.run(text, file=full_path, args=launch.file_arguments).exit_code
