"""The emulator checklist of the reference (§13), one test per row, run through the shell as a user types it."""
from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from exchange_sim.exchange import CERTIFICATE_CMDLETS, for_version
from tests.exchange.conftest import LabShell


def _table(shell: LabShell) -> str:
    shell.host.output.clear()
    shell.run("Get-ExchangeCertificate | Format-Table")
    return shell.host.text


def test_services_are_derived_from_configuration_shown_as_enum_text_in_lists_and_as_the_mask_in_the_table(lab_shell) -> None:
    shell = lab_shell("contoso")
    setup = shell.run("Get-ExchangeCertificate | ? { $_.Subject -eq 'CN=EXCH01' }")[0]
    assert str(shell.run(f"(Get-ExchangeCertificate {setup.thumbprint}).Services")[0]) == "IMAP, POP, IIS, SMTP"
    assert f"{setup.thumbprint}  IP.WS..    CN=EXCH01" in _table(shell)
    made = shell.run("New-ExchangeCertificate -SubjectName cn=owa.contoso.com -DomainName owa.contoso.com -Services None")[0]
    shell.run(f"Enable-ExchangeCertificate {made.thumbprint} -Services IIS -Force")
    table = _table(shell)
    # The new certificate shows W from the Default Web Site binding; setup's keeps W through the
    # Exchange Back End site (which Enable leaves alone), S through its key ACL, I/P through its names.
    assert f"{made.thumbprint}  ...W...    CN=owa.contoso.com" in table
    assert f"{setup.thumbprint}  IP.WS..    CN=EXCH01" in table


def test_get_lists_usable_certificates_and_pending_requests_newest_first_with_a_positional_thumbprint(lab_shell) -> None:
    shell = lab_shell("contoso")
    shell.lab.clock.shift(timedelta(days=1))
    request = shell.run("New-ExchangeCertificate -GenerateRequest -SubjectName cn=mail.contoso.com")[0]
    listed = shell.run("Get-ExchangeCertificate")
    assert str(listed[0].status) == "PendingRequest" and request.startswith("-----BEGIN NEW CERTIFICATE REQUEST-----")
    assert [c.not_before for c in listed] == sorted((c.not_before for c in listed), reverse=True)
    assert shell.run(f"Get-ExchangeCertificate {listed[1].thumbprint}")[0].thumbprint == listed[1].thumbprint


def test_get_fills_an_empty_friendly_name_with_the_issuer_and_identity_is_fqdn_backslash_thumbprint(lab_shell, tmp_path: Path) -> None:
    shell = lab_shell("contoso")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "k.pem"),
                    "-out", str(tmp_path / "c.pem"), "-subj", "/CN=noname.contoso.com", "-days", "30",
                    "-addext", "extendedKeyUsage=serverAuth", "-addext", "keyUsage=digitalSignature,keyEncipherment"],
                   check=True, capture_output=True)
    subprocess.run(["openssl", "pkcs12", "-export", "-inkey", str(tmp_path / "k.pem"), "-in", str(tmp_path / "c.pem"),
                    "-out", str(tmp_path / "c.pfx"), "-passout", "pass:pw"], check=True, capture_output=True)
    shell.session.variables["bytes"] = (tmp_path / "c.pfx").read_bytes()
    made = shell.run("Import-ExchangeCertificate -FileData $bytes -Password (ConvertTo-SecureString pw -AsPlainText -Force)")[0]
    got = shell.run(f"Get-ExchangeCertificate -Thumbprint {made.thumbprint} | Select-Object FriendlyName, Issuer, Identity")[0]
    properties = got.ps_properties() if hasattr(got, "ps_properties") else got.properties
    assert str(properties["FriendlyName"]) == "CN=noname.contoso.com" == str(properties["Issuer"])
    assert str(properties["Identity"]) == f"exch01.contoso.com\\{made.thumbprint}"


def test_new_defaults_cn_host_san_host_fqdn_2048_60_months_microsoft_exchange_non_exportable_none_valid_and_imap_pop_smtp(lab_shell) -> None:
    shell = lab_shell("contoso")
    made = shell.run("New-ExchangeCertificate -Force")[0]
    assert (made.subject, made.certificate_domains) == ("CN=EXCH01", ("EXCH01", "exch01.contoso.com"))
    assert made.public_key_size == 2048 and made.friendly_name == "Microsoft Exchange"
    assert (made.not_after.year - made.not_before.year, made.not_after.month) == (5, made.not_before.month)
    assert not made.private_key_exportable
    assert (str(made.root_ca_type), str(made.status), str(made.services)) == ("None", "Valid", "IMAP, POP, SMTP")


def test_smtp_on_new_or_enable_asks_to_overwrite_the_internal_transport_certificate_unless_force_and_no_still_leaves_the_acl(lab_shell) -> None:
    shell = lab_shell("contoso", answers=("N",))
    before = shell.lab.config("EXCH01").internal_transport_thumbprint
    made = shell.run("New-ExchangeCertificate -SubjectName cn=smtp.contoso.com -DomainName smtp.contoso.com")[0]
    assert "Overwrite the existing default SMTP certificate?" in shell.host.prompts[0]
    assert str(made.services) == "SMTP"  # "No": the ACL is granted all the same
    assert shell.lab.config("EXCH01").internal_transport_thumbprint == before
    shell.run(f"Enable-ExchangeCertificate {made.thumbprint} -Services SMTP -Force")
    assert len(shell.host.prompts) == 1
    assert shell.lab.config("EXCH01").internal_transport_thumbprint == made.thumbprint


def test_new_generate_request_returns_text_or_file_data_not_a_certificate_and_is_pending_with_its_own_thumbprint(lab_shell) -> None:
    shell = lab_shell("contoso")
    text = shell.run("New-ExchangeCertificate -GenerateRequest -SubjectName cn=a.contoso.com")[0]
    binary = shell.run("New-ExchangeCertificate -GenerateRequest -BinaryEncoded -SubjectName cn=b.contoso.com")[0]
    assert isinstance(text, str) and text.endswith("-----END NEW CERTIFICATE REQUEST-----\r\n")
    assert binary.file_data[:1] == b"\x30"
    pending = shell.run("Get-ExchangeCertificate | ? { $_.Status -eq 'PendingRequest' }")
    assert sorted(c.subject for c in pending) == ["CN=a.contoso.com", "CN=b.contoso.com"]
    assert all(c.certificate_request and c.services == 0 for c in pending)


def test_import_completes_a_request_only_on_its_server_duplicates_and_wrong_passwords_fail_and_nothing_is_enabled(lab_shell) -> None:
    mail1 = lab_shell("entrust-2007")
    lab = mail1.lab
    lab.filesystem("MAIL1").mkdir("C:\\certificates")
    lab.filesystem("MAIL2").mkdir("C:\\certificates")
    mail1.run("New-ExchangeCertificate -GenerateRequest -SubjectName cn=mail.entrust.com -Path C:\\certificates\\r.req")
    issued = lab.issue_certificate(lab.filesystem("MAIL1").read_bytes("C:\\certificates\\r.req"))
    for server in ("MAIL1", "MAIL2"):
        lab.filesystem(server).write_bytes("C:\\certificates\\issued.cer", issued.certificate.public_bytes(Encoding.DER))
    mail2 = mail1.on("MAIL2")
    elsewhere = mail2.run("Import-ExchangeCertificate -Path C:\\certificates\\issued.cer")[0]
    assert not elsewhere.has_private_key  # the request's key stayed on MAIL1
    completed = mail1.run("Import-ExchangeCertificate -Path C:\\certificates\\issued.cer")[0]
    assert completed.has_private_key and str(completed.services) == "None"
    assert not [c for c in mail1.run("Get-ExchangeCertificate") if str(c.status) == "PendingRequest"]
    mail1.run("Import-ExchangeCertificate -Path C:\\certificates\\issued.cer")
    assert "already exists" in mail1.errors


def test_export_needs_key_exportable_key_and_password_and_gives_base64_or_file_data_pfx_or_pkcs10_for_requests(lab_shell) -> None:
    shell = lab_shell("contoso")
    setup = shell.run("Get-ExchangeCertificate | ? { $_.Subject -eq 'CN=EXCH01' }")[0]
    shell.run("$pw = ConvertTo-SecureString 'P@ss1' -AsPlainText -Force")
    shell.run(f"Export-ExchangeCertificate {setup.thumbprint} -Password $pw")
    assert "not exportable" in shell.errors
    shell.run(f"Export-ExchangeCertificate {setup.thumbprint}")
    assert "password is required" in shell.errors
    made = shell.run("New-ExchangeCertificate -Services None -PrivateKeyExportable $true -DomainName x.contoso.com")[0]
    text = shell.run(f"Export-ExchangeCertificate {made.thumbprint} -Password $pw")[0]
    binary = shell.run(f"Export-ExchangeCertificate {made.thumbprint} -Password $pw -BinaryEncoded")[0]
    assert isinstance(text, str) and binary.file_data[:1] == b"\x30"
    request = shell.run("New-ExchangeCertificate -GenerateRequest -SubjectName cn=r.contoso.com")[0]
    pending = shell.run("Get-ExchangeCertificate | ? { $_.Status -eq 'PendingRequest' }")[0]
    assert shell.run(f"Export-ExchangeCertificate {pending.thumbprint}")[0] == request


def test_enable_returns_nothing_rejects_federation_and_binds_iis_with_require_ssl_unless_do_not_require_ssl(lab_shell) -> None:
    shell = lab_shell("contoso")
    made = shell.run("New-ExchangeCertificate -Services None -DomainName web.contoso.com")[0]
    shell.lab.config("EXCH01").set_require_ssl(False)
    assert shell.run(f"Enable-ExchangeCertificate {made.thumbprint} -Services IIS -DoNotRequireSsl") == []
    assert not shell.lab.config("EXCH01").require_ssl()
    shell.run(f"Enable-ExchangeCertificate {made.thumbprint} -Services IIS -Force")
    assert shell.lab.config("EXCH01").require_ssl()
    shell.run(f"Enable-ExchangeCertificate {made.thumbprint} -Services Federation,IIS")
    assert "federation trust cmdlets" in shell.errors


def test_remove_prompts_by_default(lab_shell) -> None:
    shell = lab_shell("contoso")
    auth = shell.run("Get-ExchangeCertificate | ? { $_.Subject -like '*Auth Certificate' }")[0]
    shell.run(f"Remove-ExchangeCertificate {auth.thumbprint}")
    assert shell.host.prompts and shell.run(f"Get-ExchangeCertificate {auth.thumbprint}")


def test_remove_refuses_the_internal_transport_certificate_but_not_iis_bound_or_auth_certificates(lab_shell) -> None:
    shell = lab_shell("contoso")
    setup, auth = (shell.run(f"Get-ExchangeCertificate | ? {{ $_.Subject -eq '{s}' }}")[0]
                   for s in ("CN=EXCH01", "CN=Microsoft Exchange Server Auth Certificate"))
    shell.run(f"Remove-ExchangeCertificate {setup.thumbprint} -Confirm:$false")
    assert "would stop Microsoft Exchange Transport" in shell.errors
    made = shell.run("New-ExchangeCertificate -Services None -DomainName iis.contoso.com")[0]
    shell.run(f"Enable-ExchangeCertificate {made.thumbprint} -Services IIS -Force")
    shell.run(f"Remove-ExchangeCertificate {made.thumbprint} -Confirm:$false; Remove-ExchangeCertificate {auth.thumbprint} -Confirm:$false")
    remaining = {c.thumbprint for c in shell.run("Get-ExchangeCertificate")}
    assert made.thumbprint not in remaining and auth.thumbprint not in remaining


def test_server_side_failures_carry_the_special_rpc_prefix_and_an_invalid_operation_exception(lab_shell) -> None:
    shell = lab_shell("contoso")
    caught = shell.run("try { Get-ExchangeCertificate -Thumbprint 00FF } catch { $_ }")[0]
    assert str(caught.exception).startswith("A special Rpc error occurs on server EXCH01: ")
    assert caught.exception.net_type == "System.InvalidOperationException"
    assert caught.fully_qualified_error_id.endswith(",Microsoft.Exchange.Management.SystemConfigurationTasks.GetExchangeCertificate")


def test_version_gates_identity_2013_server_and_file_data_2010_file_name_2013_to_2019_path_2007_only(lab_shell) -> None:
    def parameters(cmdlet: str, version: str) -> set[str]:
        declaration = next(d for d in CERTIFICATE_CMDLETS if d.name == cmdlet)
        return {p.name for p in for_version(declaration, version).parameters}

    assert "Identity" not in parameters("Get-ExchangeCertificate", "2010") and "Identity" in parameters("Get-ExchangeCertificate", "2013")
    assert "Server" not in parameters("Remove-ExchangeCertificate", "2007") and "Server" in parameters("Remove-ExchangeCertificate", "2010")
    assert "FileData" not in parameters("Import-ExchangeCertificate", "2007") and "FileData" in parameters("Import-ExchangeCertificate", "2010")
    for version, present in (("2010", False), ("2013", True), ("2019", True), ("SE", False)):
        assert ("FileName" in parameters("Import-ExchangeCertificate", version)) is present
        assert ("RequestFile" in parameters("New-ExchangeCertificate", version)) is present
    assert all("Path" not in parameters(c.name, "2010") for c in CERTIFICATE_CMDLETS)
    assert {"Path"} <= parameters("Export-ExchangeCertificate", "2007")
    shell = lab_shell("entrust-2007")
    shell.run("Import-ExchangeCertificate -FileData ([byte[]](1,2,3))")
    assert "A parameter cannot be found that matches parameter name 'FileData'." in shell.errors
