"""One transaction per cmdlet, audit records that survive a rollback, secrets encrypted at rest."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from exchange_sim.certs.thumbprint import Thumbprint
from exchange_sim.lab import Lab, LabError, StoreEntry


class CmdletFailed(Exception):
    pass


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path / "lab.db")
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _some_entry(lab: Lab) -> StoreEntry:
    return lab.store("EXCH01", "My").list()[0]


def test_failure_inside_a_transaction_leaves_the_database_as_it_was(contoso_copy: Lab) -> None:
    before = _dump(contoso_copy.path)
    setup = contoso_copy.config("EXCH01").internal_transport_thumbprint
    with pytest.raises(CmdletFailed):
        with contoso_copy.transaction():
            contoso_copy.store("EXCH01", "My").remove(setup)
            config = contoso_copy.config("EXCH01")
            config.internal_transport_thumbprint = None
            config.bind_iis(None)
            config.set_require_ssl(True)
            contoso_copy.clock.shift(__import__("datetime").timedelta(days=30))
            with contoso_copy.transaction():  # a nested call joins the same transaction
                contoso_copy.store("EXCH01", "Root").remove(setup)
            raise CmdletFailed()
    assert _dump(contoso_copy.path) == before


def test_nested_transaction_commits_with_the_outer_one(contoso_copy: Lab) -> None:
    entry = _some_entry(contoso_copy)
    with contoso_copy.transaction():
        with contoso_copy.transaction():
            contoso_copy.store("EXCH01", "CA").add(
                StoreEntry(store="CA", thumbprint=entry.thumbprint, certificate_der=entry.certificate_der)
            )
    reopened = Lab.open(contoso_copy.path)
    try:
        assert entry.thumbprint in reopened.store("EXCH01", "CA")
    finally:
        reopened.close()


def test_audit_record_of_a_failed_cmdlet_survives_its_rollback(contoso_copy: Lab) -> None:
    thumbprint = _some_entry(contoso_copy).thumbprint
    with pytest.raises(CmdletFailed):
        with contoso_copy.cmdlet("EXCH01", "Remove-ExchangeCertificate", {"Thumbprint": thumbprint}):
            contoso_copy.store("EXCH01", "My").remove(thumbprint)
            raise CmdletFailed("The certificate is in use")
    assert thumbprint in contoso_copy.store("EXCH01", "My")
    [record] = contoso_copy.audit.records()
    assert (record.server, record.command, record.outcome) == ("EXCH01", "Remove-ExchangeCertificate", "Failed")
    assert record.error == "The certificate is in use"
    assert record.command_line == f"Remove-ExchangeCertificate -Thumbprint {thumbprint}"


def test_audit_record_written_inside_a_transaction_waits_for_its_end(contoso_copy: Lab) -> None:
    with pytest.raises(CmdletFailed):
        with contoso_copy.transaction():
            contoso_copy.audit.record("EXCH01", "Get-ExchangeCertificate", {}, "Failed", "boom")
            raise CmdletFailed()
    assert [r.outcome for r in contoso_copy.audit.records()] == ["Failed"]


def test_successful_cmdlet_is_audited_as_completed(contoso_copy: Lab) -> None:
    with contoso_copy.cmdlet("EXCH01", "Enable-ExchangeCertificate", {"Services": ["IIS", "SMTP"], "Force": True}):
        pass
    [record] = contoso_copy.audit.records()
    assert record.outcome == "Completed" and record.error is None
    assert record.command_line == "Enable-ExchangeCertificate -Services IIS,SMTP -Force"


def test_private_keys_are_encrypted_at_rest(contoso_copy: Lab) -> None:
    entry = _some_entry(contoso_copy)
    key = contoso_copy.private_key("EXCH01", entry.thumbprint)
    assert key is not None
    pkcs8 = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    traditional = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    contoso_copy.close()
    raw = b"".join(path.read_bytes() for path in contoso_copy.path.glob("lab.db*"))
    assert b"BEGIN PRIVATE KEY" not in raw and b"BEGIN RSA PRIVATE KEY" not in raw
    assert pkcs8 not in raw and traditional not in raw
    assert pkcs8[-64:] not in raw  # not even the tail of the key's DER


def test_private_key_matches_its_certificate(contoso: Lab) -> None:
    from cryptography import x509

    for entry in contoso.store("EXCH01", "My").list():
        cert = x509.load_der_x509_certificate(entry.certificate_der)
        key = contoso.private_key("EXCH01", entry.thumbprint)
        assert key.public_key().public_numbers() == cert.public_key().public_numbers()
    assert contoso.private_key("EXCH01", "00" * 20) is None


def test_user_passwords_are_encrypted_at_rest(contoso_copy: Lab) -> None:
    assert contoso_copy.user("CONTOSO\\Administrator").password == "P@ssw0rd!"
    assert contoso_copy.user("administrator@contoso.com") is not None
    assert contoso_copy.user("nobody") is None
    contoso_copy.close()
    raw = b"".join(path.read_bytes() for path in contoso_copy.path.glob("lab.db*"))
    assert b"P@ssw0rd!" not in raw and "P@ssw0rd!".encode("utf-16-le") not in raw


def test_lab_key_file_is_readable_by_its_owner_only(contoso_template: Path) -> None:
    assert stat.S_IMODE((contoso_template / "lab.key").stat().st_mode) == 0o600


def test_a_lab_key_readable_by_others_is_refused(contoso_template: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "lab"
    shutil.copytree(contoso_template, copy)
    (copy / "lab.key").chmod(0o644)
    with pytest.raises(LabError, match="chmod 600"):
        Lab.open(copy)


def test_a_lab_with_another_labs_key_cannot_open_its_private_keys(
    contoso_template: Path, entrust_template: Path, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "lab"
    shutil.copytree(contoso_template, copy)
    shutil.copy2(entrust_template / "lab.key", copy / "lab.key")
    lab = Lab.open(copy)
    try:
        with pytest.raises(LabError, match="lab.key"):
            lab.private_key("EXCH01", _some_entry(lab).thumbprint)
    finally:
        lab.close()


def test_store_entry_round_trips_request_fields(contoso_copy: Lab) -> None:
    entry = _some_entry(contoso_copy)
    key = contoso_copy.take_key(2048)
    request = StoreEntry(
        store="REQUEST",
        thumbprint=entry.thumbprint,
        certificate_der=entry.certificate_der,
        has_private_key=True,
        friendly_name="",
        request_der=b"\x30\x03\x02\x01\x00",
        request_friendly_name="Contoso 2027",
        request_subject="CN=mail.contoso.com",
        added_at=contoso_copy.clock.now(),
    )
    with contoso_copy.transaction():
        stored = contoso_copy.store("EXCH01", "request").add(request, key)
    assert stored == request
    assert contoso_copy.private_key("EXCH01", Thumbprint(entry.thumbprint)) is not None
    assert contoso_copy.store("EXCH01", "REQUEST").remove(entry.thumbprint) is True
    assert contoso_copy.store("EXCH01", "REQUEST").remove(entry.thumbprint) is False
    assert contoso_copy.store("EXCH01", "REQUEST").private_key(entry.thumbprint) is None


def test_using_a_closed_lab_is_a_lab_error(contoso_template: Path, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(contoso_template, tmp_path / "lab")
    lab = Lab.open(tmp_path / "lab")
    lab.close()
    with pytest.raises(LabError, match="closed"):
        lab.servers()
