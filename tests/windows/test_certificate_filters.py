"""Get-ChildItem's Certificate-provider parameters as 5.1 adds them to Cert: paths: -SSLServerAuthentication,
-CodeSigningCert, -DocumentEncryptionCert, -Eku, -DnsName, -ExpiringInDays, run as `exchange-sim run` does."""
from __future__ import annotations

import datetime
import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from exchange_sim.lab import Lab, StoreEntry

from typing import Any

RunRunbook = Any  # the conftest fixture: runs a script file as `exchange-sim run --lab DIR FILE`


def _add_signing_certificate(lab: Lab, with_key: bool) -> str:
    """A code-signing certificate in the first server's My store (the lab's own key, re-used)."""
    server = lab.servers()[0].name
    with lab.transaction():
        mine = lab.store(server, "My").list()[0]
        key = lab.private_key(server, mine.thumbprint)
    assert key is not None
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Contoso Scripts")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(7).not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=365))
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
                   .sign(key, hashes.SHA256()))
    der = certificate.public_bytes(Encoding.DER)
    thumbprint = hashlib.sha1(der).hexdigest().upper()
    with lab.transaction():
        lab.store(server, "My").add(StoreEntry("My", thumbprint, der, has_private_key=with_key),
                                    key if with_key else None)
    return thumbprint


def test_ssl_server_authentication_lists_only_server_certificates(lab: Lab, run_runbook: RunRunbook) -> None:
    signing = _add_signing_certificate(lab, with_key=True)
    result = run_runbook(r"""
        $all = Get-ChildItem Cert:\LocalMachine\My
        $ssl = Get-ChildItem Cert:\LocalMachine\My -SSLServerAuthentication
        "$($all.Count) $($ssl.Count)"
        $ssl | ForEach-Object { $_.EnhancedKeyUsageList[0].FriendlyName }
    """)
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "3 2"
    assert set(lines[1:]) == {"Server Authentication"}
    assert signing not in result.stdout


def test_code_signing_cert_needs_the_usage_and_the_key(lab: Lab, run_runbook: RunRunbook) -> None:
    signing = _add_signing_certificate(lab, with_key=True)
    result = run_runbook(r"(Get-ChildItem Cert:\LocalMachine\My -CodeSigningCert).Thumbprint")
    assert result.stdout.split() == [signing]


def test_code_signing_cert_without_its_key_is_not_offered(lab: Lab, run_runbook: RunRunbook) -> None:
    _add_signing_certificate(lab, with_key=False)
    result = run_runbook(r"@(Get-ChildItem Cert:\LocalMachine\My -CodeSigningCert).Count")
    assert result.stdout.split() == ["0"]


def test_eku_patterns_must_all_match_a_usage_name_or_oid(lab: Lab, run_runbook: RunRunbook) -> None:
    signing = _add_signing_certificate(lab, with_key=True)
    result = run_runbook(r"""
        @(Get-ChildItem Cert:\LocalMachine\My -Eku 'Server Auth*').Count
        (Get-ChildItem Cert:\LocalMachine\My -Eku '1.3.6.1.5.5.7.3.3').Thumbprint
        @(Get-ChildItem Cert:\LocalMachine\My -Eku 'Server*','Code*').Count
        @(Get-ChildItem Cert:\LocalMachine\My -DocumentEncryptionCert).Count
    """)
    assert result.stdout.split() == ["2", signing, "0", "0"]


def test_certificate_parameters_do_not_exist_for_file_system_paths(run_runbook: RunRunbook) -> None:
    result = run_runbook("Get-ChildItem C:\\ -SSLServerAuthentication\n'after'")
    assert "A parameter cannot be found that matches parameter name 'SSLServerAuthentication'." in result.stderr
    assert "NamedParameterNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand" in result.stderr
    assert result.stdout.split() == ["after"]
