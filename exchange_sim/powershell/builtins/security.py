"""Get-Credential, Read-Host, ConvertTo-SecureString and ConvertFrom-SecureString.

Prompts go to the host (the CLI answers them from its `--credential` / `--answer` queues; a host with
no answer fails as 5.1 does in NonInteractive mode)."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.declaring import SECURITY, UTILITY, implementing, param, switch
from exchange_sim.powershell.builtins.secure_blob import BlobError, protect, unprotect
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration, ParameterSetEntry
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.dotnet.security import PSCredential, SecureString
from exchange_sim.powershell.values.errors import PSArgumentException


def _key_bytes(ctx: CmdletContext) -> bytes | None:
    key = ctx.bound.get("Key")
    if key is not None:
        return bytes(int(b) & 0xFF for b in key)
    secure_key = ctx.bound.get("SecureKey")
    if secure_key is not None:
        return secure_text(secure_key).encode("utf-16-le")
    return None


def secure_text(value: Any) -> str:
    return value.reveal() if isinstance(value, SecureString) else to_string(value)


def _secure(text: str) -> Any:
    return SecureString(text)


class GetCredential(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        given = ctx.bound.get("Credential")
        if isinstance(given, PSCredential):
            ctx.write_object(given)
            return
        user_name = ctx.bound.get("UserName") or (None if given is None else to_string(given))
        caption = str(ctx.bound.get("Title") or "Windows PowerShell credential request")
        message = str(ctx.bound.get("Message") or "Enter your credentials.")
        user, password = runtime.prompt_credential(ctx, caption, message, user_name)
        if not isinstance(password, SecureString):
            password = _secure("" if password is None else str(password))
        try:
            ctx.write_object(PSCredential(str(user or ""), password))
        except PSArgumentException as error:
            records.throw(ctx, error.message, "CouldNotPromptForCredential", "InvalidArgument", None,
                          "System.Management.Automation.PSArgumentException")


class ReadHost(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        prompt = ctx.bound.get("Prompt")
        # The console host shows "<prompt>: " for a Read-Host prompt (its FieldDescription label)
        text = "" if prompt is None else _prompt_text(prompt) + ": "
        secure = bool(ctx.bound.get("AsSecureString"))
        answer = ctx.read_line(text, secure=secure)
        if secure and not isinstance(answer, SecureString):
            answer = _secure("" if answer is None else str(answer))
        ctx.write_object(answer if secure else ("" if answer is None else str(answer)))


def _prompt_text(prompt: Any) -> str:
    if isinstance(prompt, (list, tuple)):
        return " ".join(to_string(p) for p in prompt)
    return to_string(prompt)


class ConvertToSecureString(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        text = str(ctx.bound["String"])
        if ctx.parameter_set_name == "PlainText":
            if not ctx.bound.get("Force"):
                records.throw(ctx, "The system cannot protect plain text input. To suppress this warning and "
                              "convert the plain text to a SecureString, reissue the command specifying the Force "
                              "parameter. For more information ,type: get-help ConvertTo-SecureString.",
                              "ImportSecureString_ForceRequired", "InvalidArgument", None,
                              "System.ArgumentException")
            ctx.write_object(_secure(text))
            return
        try:
            ctx.write_object(_secure(unprotect(text, _key_bytes(ctx))))
        except BlobError as error:
            records.write(ctx, str(error), "ImportSecureString_InvalidArgument_CryptographicError"
                          if "Key" in str(error) else "ImportSecureString_InvalidArgument", "InvalidArgument",
                          None, "System.Security.Cryptography.CryptographicException"
                          if "Key" in str(error) else "System.FormatException")


class ConvertFromSecureString(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        ctx.write_object(protect(secure_text(ctx.bound["SecureString"]), _key_bytes(ctx)))


DECLARATIONS = (
    CommandDeclaration(
        name="Get-Credential",
        parameters=(
            param("Credential", "object", position=0, sets=("CredentialSet",)),
            param("Message", "string", sets=("MessageSet",)),
            param("UserName", "string", position=0, sets=("MessageSet",)),
            param("Title", "string", sets=("MessageSet",)),
        ),
        implementation=GetCredential,
        default_parameter_set="CredentialSet",
        synopsis="Gets a credential object based on a user name and password.",
        module=SECURITY,
        implementing_type=implementing("Get-Credential"),
    ),
    CommandDeclaration(
        name="Read-Host",
        parameters=(param("Prompt", "object", position=0, remaining=True), switch("AsSecureString")),
        implementation=ReadHost,
        synopsis="Reads a line of input from the console.",
        module=UTILITY,
        implementing_type=implementing("Read-Host"),
    ),
    CommandDeclaration(
        name="ConvertTo-SecureString",
        parameters=(
            param("String", "string", position=0, mandatory=True, pipeline=True, sets=("Secure", "PlainText", "Open")),
            ParameterDeclaration("AsPlainText", "switch", (ParameterSetEntry("PlainText", position=1),)),
            ParameterDeclaration("Force", "switch", (ParameterSetEntry("PlainText", position=2),)),
            ParameterDeclaration("SecureKey", "securestring", (ParameterSetEntry("Secure", position=1),)),
            ParameterDeclaration("Key", "byte[]", (ParameterSetEntry("Open"),)),
        ),
        implementation=ConvertToSecureString,
        default_parameter_set="Secure",
        synopsis="Converts encrypted standard strings to secure strings. It can also convert plain text to secure strings.",
        module=SECURITY,
        implementing_type=implementing("ConvertTo-SecureString"),
        examples=("$password = ConvertTo-SecureString 'P@ssw0rd' -AsPlainText -Force",),
    ),
    CommandDeclaration(
        name="ConvertFrom-SecureString",
        parameters=(
            param("SecureString", "securestring", position=0, mandatory=True, pipeline=True, sets=("Secure", "Open")),
            ParameterDeclaration("SecureKey", "securestring", (ParameterSetEntry("Secure", position=1),)),
            ParameterDeclaration("Key", "byte[]", (ParameterSetEntry("Open"),)),
        ),
        implementation=ConvertFromSecureString,
        default_parameter_set="Secure",
        synopsis="Converts a secure string to an encrypted standard string.",
        module=SECURITY,
        implementing_type=implementing("ConvertFrom-SecureString"),
    ),
)
