"""ShouldProcess, ShouldContinue and mandatory-parameter prompts as the 5.1 console host shows them (§7.7).

One `Confirmation` lives for one command in a pipeline: it remembers "Yes to All"/"No to All" across that
command's calls, as PowerShell's command runtime does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from exchange_sim.powershell.host import NON_INTERACTIVE_TEXT, Host, HostPromptUnavailable
from exchange_sim.powershell.values.conversions import to_bool
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ErrorCategory, PSInvalidOperationException

_IMPACT = {"none": 0, "low": 1, "medium": 2, "high": 3}
_CONFIRM_CHOICES = "[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): "
_CONTINUE_CHOICES = "[Y] Yes  [N] No  [S] Suspend  [?] Help (default is \"Y\"): "
_CONTINUE_ALL_CHOICES = ("[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help "
                         "(default is \"Y\"): ")
_CONFIRM_HELP = ("Y - Continue with only the next step of the operation.\n"
                 "A - Continue with all the steps of the operation.\n"
                 "N - Skip this operation and proceed with the next operation.\n"
                 "L - Skip this operation and all subsequent operations.\n"
                 "S - Pause the current pipeline and return to the command prompt. Type \"exit\" to resume the "
                 "pipeline.\n")


def non_interactive_error() -> PSInvalidOperationException:
    """What a prompt does when nobody can answer (powershell -NonInteractive, a script without --answer)."""
    error = PSInvalidOperationException(NON_INTERACTIVE_TEXT)
    error.error_record = ErrorRecord(error, "System.Management.Automation.PSInvalidOperationException",  # type: ignore[attr-defined]
                                     ErrorCategory.InvalidOperation)
    return error


def operation_text(target: str, action: str) -> str:
    return f'Performing the operation "{action}" on target "{target}".'


@dataclass
class Confirmation:
    """The confirm/what-if decisions of one running command.

    `preference` reads a preference variable of the caller's scope ($WhatIfPreference, $ConfirmPreference,
    $VerbosePreference); `common` holds the command's own -WhatIf/-Confirm/-Verbose.
    """

    host: Host
    command_name: str
    confirm_impact: str
    common: Mapping[str, Any]
    preference: Callable[[str], Any]
    _yes_to_all: bool = field(default=False, init=False)
    _no_to_all: bool = field(default=False, init=False)

    def _what_if(self) -> bool:
        if "WhatIf" in self.common:
            return to_bool(self.common["WhatIf"])
        return to_bool(self.preference("whatifpreference"))

    def _must_confirm(self) -> bool:
        if "Confirm" in self.common:
            return to_bool(self.common["Confirm"])
        wanted = _IMPACT.get(str(self.preference("confirmpreference") or "High").lower(), 3)
        impact = _IMPACT.get(self.confirm_impact.lower(), 2)
        return wanted != 0 and impact != 0 and impact >= wanted

    def _verbose(self) -> bool:
        if "Verbose" in self.common:
            return to_bool(self.common["Verbose"])
        return str(self.preference("verbosepreference") or "").lower() == "continue"

    def should_process(self, target: str, action: str | None = None, description: str | None = None,
                       warning: str | None = None, caption: str | None = None) -> bool:
        """The 1-, 2- and 3-argument overloads: (target), (target, action), (description, warning, caption)."""
        text = description if description is not None else operation_text(target, action or self.command_name)
        if self._what_if():
            self.host.write_host(f"What if: {text}")
            return False
        if self._must_confirm():
            if self._no_to_all:
                return False
            if not self._yes_to_all:
                query = warning if warning is not None else f"Are you sure you want to perform this action?\n{text}"
                answer = self._choose(caption or "Confirm", query, _CONFIRM_CHOICES, "yanls")
                self._yes_to_all |= answer == "a"
                self._no_to_all |= answer == "l"
                if answer in ("n", "l", "s"):
                    return False
        if self._verbose():
            self.host.write_verbose(text)
        return True

    def should_continue(self, query: str, caption: str, with_all: bool = False) -> bool:
        if self._yes_to_all:
            return True
        if self._no_to_all:
            return False
        answer = self._choose(caption, query, _CONTINUE_ALL_CHOICES if with_all else _CONTINUE_CHOICES,
                              "yanls" if with_all else "yns")
        self._yes_to_all |= answer == "a"
        self._no_to_all |= answer == "l"
        return answer in ("y", "a")

    def _choose(self, caption: str, query: str, choices: str, keys: str) -> str:
        """One answer key; an empty line is the default (Y), `?` shows the help and asks again."""
        # The whole question is the prompt text: a remote client's host shows it before reading the answer.
        question = f"{caption}\n{query}\n{choices}"
        while True:
            try:
                answer = self.host.read_line(question).strip().lower()
            except HostPromptUnavailable:
                raise non_interactive_error() from None
            if answer == "":
                return "y"
            if answer == "?":
                self.host.write_host(_CONFIRM_HELP)
                continue
            if answer[:1] in keys:
                return answer[:1]


def prompt_mandatory(host: Host, command_name: str, parameters: list[Any], position: int = 1) -> dict[str, Any]:
    """Ask the host for each missing mandatory parameter (`Name: `, `Name[0]: ` … for arrays).

    Raises HostPromptUnavailable when the host cannot ask; the caller then reports MissingMandatoryParameter.
    """
    if not host.interactive:
        raise HostPromptUnavailable()
    host.write_host(f"\ncmdlet {command_name} at command pipeline position {position}")
    host.write_host("Supply values for the following parameters:")
    if any(entry.help_message for parameter in parameters for entry in parameter.entries):
        host.write_host("(Type !? for Help.)")
    answers: dict[str, Any] = {}
    for parameter in parameters:
        if parameter.type_name.endswith("[]"):
            values: list[str] = []
            while True:
                text = host.read_line(f"{parameter.name}[{len(values)}]: ")
                if text == "":
                    break
                values.append(text)
            answers[parameter.name] = values
        else:
            answers[parameter.name] = host.read_line(f"{parameter.name}: ")
    return answers
