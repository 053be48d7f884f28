"""The cmdlets' options beyond the checklist: subject order, name options, file parameters, -Server, renewal."""
from __future__ import annotations

import subprocess


def _openssl_subject(request: str) -> str:
    shown = subprocess.run(["openssl", "req", "-noout", "-subject", "-nameopt", "oneline"], input=request,
                           capture_output=True, text=True, check=True)
    return shown.stdout.strip()


def test_subject_name_keeps_the_rdn_order_as_written_and_shows_most_specific_first(lab_shell) -> None:
    shell = lab_shell("contoso")
    request = shell.run('New-ExchangeCertificate -GenerateRequest -SubjectName "c=US, o=Entrust, cn=mail.entrust.com"')[0]
    assert _openssl_subject(request) == "subject=C = US, O = Entrust, CN = mail.entrust.com"
    pending = shell.run("Get-ExchangeCertificate | ? { $_.Status -eq 'PendingRequest' }")[0]
    assert pending.subject == "CN=mail.entrust.com, O=Entrust, C=US"


def test_include_options_add_accepted_domains_autodiscover_and_server_names_without_duplicates(lab_shell) -> None:
    shell = lab_shell("contoso")
    made = shell.run("New-ExchangeCertificate -Services None -DomainName mail.contoso.com,contoso.com "
                     "-IncludeAcceptedDomains -IncludeAutoDiscover -IncludeServerFQDN -IncludeServerNetBIOSName")[0]
    assert made.certificate_domains == ("mail.contoso.com", "contoso.com", "autodiscover.contoso.com",
                                        "exch01.contoso.com", "EXCH01")
    assert made.subject == "CN=mail.contoso.com"


def test_subject_without_an_fqdn_and_no_domain_name_is_refused_with_the_rpc_prefix(lab_shell) -> None:
    shell = lab_shell("contoso")
    shell.run('New-ExchangeCertificate -SubjectName "cn=Not A Host" -Services None')
    assert "A special Rpc error occurs on server EXCH01: At least one valid fully qualified domain name" in shell.errors
    assert shell.run('New-ExchangeCertificate -SubjectName "cn=Lab Auth" -DomainName @() -Services None')[0].subject == "CN=Lab Auth"


def test_2007_path_writes_the_request_into_the_lab_file_system_and_outputs_it(lab_shell) -> None:
    shell = lab_shell("entrust-2007")
    shell.lab.filesystem("MAIL1").mkdir("C:\\certificates")
    output = shell.run("New-ExchangeCertificate -GenerateRequest -SubjectName cn=mail1.entrust.com "
                       "-Path c:\\certificates\\mail1.req")
    written = shell.lab.filesystem("MAIL1").read_bytes("C:\\certificates\\mail1.req").decode("ascii")
    assert output == [written] and written.startswith("-----BEGIN NEW CERTIFICATE REQUEST-----")


def test_request_path_that_exists_or_leaves_the_lab_is_refused_before_anything_is_made(lab_shell) -> None:
    shell = lab_shell("entrust-2007")
    shell.lab.filesystem("MAIL1").write_bytes("C:\\taken.req", b"x")
    for path in ("C:\\taken.req", "C:\\no\\such\\folder\\x.req", "\\\\?\\GLOBALROOT\\x.req"):
        shell.host.errors.clear()
        shell.run(f"New-ExchangeCertificate -GenerateRequest -SubjectName cn=x.entrust.com -Path '{path}'")
        assert "request file for server MAIL1 isn't valid" in shell.errors, path
    assert not [c for c in shell.run("Get-ExchangeCertificate") if str(c.status) == "PendingRequest"]


def test_binary_encoded_without_generate_request_is_a_client_error_without_rpc_prefix(lab_shell) -> None:
    shell = lab_shell("contoso")
    shell.run("New-ExchangeCertificate -BinaryEncoded")
    assert shell.errors.startswith("The BinaryEncoded parameter is valid only with the GenerateRequest parameter")


def test_server_parameter_acts_on_the_named_server_and_an_unknown_one_is_not_found(lab_shell) -> None:
    shell = lab_shell("contoso")
    assert {c.identity.split("\\")[0] for c in shell.run("Get-ExchangeCertificate -Server exch01.contoso.com")} == {"exch01.contoso.com"}
    shell.run("Get-ExchangeCertificate -Server EX99")
    assert "The server 'EX99' couldn't be found." in shell.errors


def test_renewal_from_a_piped_certificate_keeps_names_subject_key_size_and_friendly_name(lab_shell) -> None:
    shell = lab_shell("contoso")
    old = shell.run("New-ExchangeCertificate -Services None -DomainName a.contoso.com,b.contoso.com -KeySize 1024 "
                    "-FriendlyName Old")[0]
    renewed = shell.run(f"Get-ExchangeCertificate {old.thumbprint} | New-ExchangeCertificate -Services None -FriendlyName Ignored")[0]
    assert renewed.thumbprint != old.thumbprint
    assert (renewed.subject, renewed.certificate_domains, renewed.public_key_size, renewed.friendly_name) == \
        (old.subject, old.certificate_domains, 1024, "Old")


def test_enable_of_an_absent_thumbprint_fails_before_any_prompt_and_is_audited(lab_shell) -> None:
    shell = lab_shell("contoso")
    shell.lab.config("EXCH01").set_require_ssl(False)
    shell.run("Enable-ExchangeCertificate -Thumbprint 00AA -Services IIS,SMTP")
    assert shell.host.prompts == [] and "was not found" in shell.errors
    last = shell.lab.audit.records()[-1]
    assert (last.command, last.outcome) == ("Enable-ExchangeCertificate", "Failed")
