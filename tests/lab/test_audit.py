"""Audit records carry the bound parameters with every secret replaced by ***."""

from __future__ import annotations

from dataclasses import dataclass

from exchange_sim.lab import REDACTED, Lab, command_line, redact


@dataclass
class SecureString:  # stands in for the engine's type, which the lab recognises by name
    text: str


@dataclass
class PSCredential:
    user: str
    password: str


def test_password_parameters_and_secure_values_are_redacted() -> None:
    redacted = redact(
        {
            "Password": "P@ssw0rd!",
            "PrivateKeyPassword": SecureString("x"),
            "Credential": PSCredential("admin", "x"),
            "Cred": PSCredential("admin", "x"),
            "Key": SecureString("hidden"),
            "Thumbprint": "5113AE0233A72FCCB75D1D5C4A0E9F1AF7A5E4A0",
        }
    )
    assert redacted == {
        "Password": REDACTED,
        "PrivateKeyPassword": REDACTED,
        "Credential": REDACTED,
        "Cred": REDACTED,
        "Key": REDACTED,
        "Thumbprint": "5113AE0233A72FCCB75D1D5C4A0E9F1AF7A5E4A0",
    }


def test_command_line_shows_switches_lists_bytes_and_quotes() -> None:
    line = command_line(
        "Import-ExchangeCertificate",
        {"FileData": b"\x30" * 1200, "Password": "secret", "FriendlyName": "Contoso 2027",
         "PrivateKeyExportable": True, "Services": ["IIS", "SMTP"], "Force": False},
    )
    assert line == (
        "Import-ExchangeCertificate -FileData <1200 bytes> -Password *** -FriendlyName 'Contoso 2027' "
        "-PrivateKeyExportable -Services IIS,SMTP -Force:$false"
    )
    assert "secret" not in line


def test_stored_record_has_no_secret_anywhere(contoso_copy: Lab) -> None:
    contoso_copy.audit.record(
        "EXCH01", "Export-ExchangeCertificate",
        {"Thumbprint": "AB" * 20, "Password": SecureString("Sup3rS3cret")}, "Completed",
    )
    [record] = contoso_copy.audit.records()
    assert record.parameters == {"Thumbprint": "AB" * 20, "Password": REDACTED}
    contoso_copy.close()
    raw = b"".join(path.read_bytes() for path in contoso_copy.path.glob("lab.db*"))
    assert b"Sup3rS3cret" not in raw


def test_records_limit_returns_the_latest(contoso_copy: Lab) -> None:
    for number in range(3):
        contoso_copy.audit.record("EXCH01", f"Get-Thing{number}", {}, "Completed")
    assert [r.command for r in contoso_copy.audit.records(2)] == ["Get-Thing1", "Get-Thing2"]
