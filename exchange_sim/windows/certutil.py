"""certutil.exe -store: a store of the lab server listed in certutil's layout, read from the lab."""

from __future__ import annotations

import uuid

from cryptography import x509

from exchange_sim.certs.facts import CertificateFacts
from exchange_sim.lab import Lab, Server, StoreEntry
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandTable
from exchange_sim.windows.machine_commands import native, native_arguments

_STORE_TITLES = {"my": ("My", "Personal"), "root": ("Root", "Trusted Root Certification Authorities"),
                 "ca": ("CA", "Intermediate Certification Authorities"),
                 "request": ("REQUEST", "Certificate Enrollment Requests")}
_NOT_FOUND = -2147024894  # 0x80070002, as $LASTEXITCODE shows it
_INVALID_ARG = -2147024809  # 0x80070057
CERTUTIL = "windows.certutil"


class CertificateUtility:
    """The lab server's certificate stores as certutil sees them."""

    def __init__(self, lab: Lab, server: Server) -> None:
        self._lab = lab
        self.server = server

    def store_lines(self, store_name: str, wanted: str | None) -> tuple[list[str], int]:
        """certutil -store <name> [thumbprint|serial|index]: its console lines and exit code."""
        known = _STORE_TITLES.get(store_name.lower())
        if known is None:
            return ['CertUtil: -store command FAILED: 0x80070002 (WIN32: 2 ERROR_FILE_NOT_FOUND)',
                    "CertUtil: The system cannot find the file specified."], _NOT_FOUND
        name, title = known
        lines = [f'{name} "{title}"']
        entries = self._lab.store(self.server, name).list()
        shown = 0
        for index, entry in enumerate(entries):
            facts = CertificateFacts.of(x509.load_der_x509_certificate(entry.certificate_der))
            if wanted is not None and not _selects(wanted, index, facts):
                continue
            lines += _certificate_lines(index, entry, facts)
            shown += 1
        if wanted is not None and shown == 0:
            lines.append("CertUtil: -store command FAILED: 0x80090011 (-2146893807 NTE_NOT_FOUND)")
            lines.append("CertUtil: Object was not found.")
            return lines, -2146893807
        lines += ["CertUtil: -store command completed successfully."]
        return lines, 0


def _selects(wanted: str, index: int, facts: CertificateFacts) -> bool:
    text = wanted.replace(" ", "").lower()
    return text in (str(index), facts.thumbprint.hex.lower(), facts.serial_number.lower())


def _moment(value) -> str:
    hour = value.hour % 12 or 12
    return f"{value.month}/{value.day}/{value.year} {hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def _certificate_lines(index: int, entry: StoreEntry, facts: CertificateFacts) -> list[str]:
    lines = [
        f"================ Certificate {index} ================",
        f"Serial Number: {facts.serial_number.lower()}",
        f"Issuer: {facts.issuer}",
        f" NotBefore: {_moment(facts.not_before)}",
        f" NotAfter: {_moment(facts.not_after)}",
        f"Subject: {facts.subject}",
    ]
    if facts.is_self_signed:
        lines += ["Signature matches Public Key", "Root Certificate: Subject matches Issuer"]
    else:
        lines.append("Non-root Certificate")
    if entry.friendly_name:
        lines.append(f"Friendly Name: {entry.friendly_name}")
    lines.append(f"Cert Hash(sha1): {facts.thumbprint.hex.lower()}")
    if entry.has_private_key:
        container = uuid.uuid5(uuid.NAMESPACE_OID, facts.thumbprint.hex)
        lines += [
            f"  Key Container = {{{str(container).upper()}}}",
            f"  Unique container name: {facts.thumbprint.hex.lower()[:32]}_{container}",
            "  Provider = Microsoft RSA SChannel Cryptographic Provider",
            "Encryption test passed",
        ]
    else:
        lines += ["No key provider information", "Cannot find the certificate and private key for decryption."]
    return lines


class Certutil(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        utility = ctx.extensions[CERTUTIL]
        assert isinstance(utility, CertificateUtility)
        arguments = [a for a in native_arguments(ctx) if a.lower() not in ("-v", "/v")]
        verbs = [a for a in arguments if a[:1] in "-/"]
        if not verbs or verbs[0][1:].lower() != "store":
            # Only -store is answered from the lab; other verbs say so rather than pretend.
            ctx.write_object(f"CertUtil: Unknown arg: {verbs[0] if verbs else ' '.join(arguments)}".rstrip())
            ctx.set_variable("LASTEXITCODE", _INVALID_ARG)
            return
        rest = [a for a in arguments if a[:1] not in "-/"]
        lines, code = utility.store_lines(rest[0] if rest else "My", rest[1] if len(rest) > 1 else None)
        for line in lines:
            ctx.write_object(line)
        ctx.set_variable("LASTEXITCODE", code)


CERTUTIL_EXE = native("certutil", Certutil, "Dumps and displays certification authority and store information.")


def register_certutil(commands: CommandTable) -> None:
    commands.register(CERTUTIL_EXE)
