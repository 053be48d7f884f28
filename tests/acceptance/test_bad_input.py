"""Issue 3 acceptance: bad input gives Exchange's error, exit code 1 from `run`, and a lab database
identical to before (the audit log, which records the failed call, and the key pool left aside)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from exchange_sim.lab import Lab
from tests.acceptance.conftest import EXE, lab_dump, run_cli


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-input")
    path = folder / "lab"
    subprocess.run([str(EXE), "lab", "new", str(path), "--fixture", "entrust-2007"], check=True, capture_output=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(folder / "k.pem"),
                    "-out", str(folder / "c.pem"), "-subj", "/CN=pfx.entrust.com", "-days", "30",
                    "-addext", "extendedKeyUsage=serverAuth"], check=True, capture_output=True)
    subprocess.run(["openssl", "pkcs12", "-export", "-inkey", str(folder / "k.pem"), "-in", str(folder / "c.pem"),
                    "-out", str(folder / "c.pfx"), "-passout", "pass:right"], check=True, capture_output=True)
    der = subprocess.run(["openssl", "x509", "-in", str(folder / "c.pem"), "-outform", "DER"],
                         check=True, capture_output=True).stdout
    with Lab.open(path) as opened:
        files = opened.filesystem("MAIL1")
        files.mkdir("C:\\certificates")
        files.write_bytes("C:\\certificates\\truncated.cer", der[: len(der) // 2])
        files.write_bytes("C:\\certificates\\mail.pfx", (folder / "c.pfx").read_bytes())
    return path


def _setup_thumbprint(lab: Path) -> str:
    with Lab.open(lab) as opened:
        return opened.store("MAIL1", "My").list()[0].thumbprint


CASES = {
    "truncated .cer": ("Import-ExchangeCertificate -Path c:\\certificates\\truncated.cer",
                       ["A special Rpc error occurs on server MAIL1: The source data is corrupted", "ReadError"]),
    "wrong PFX password": ("Import-ExchangeCertificate -Path c:\\certificates\\mail.pfx "
                           "-Password (ConvertTo-SecureString 'wrong' -AsPlainText -Force)",
                           ["or the password is wrong", "ReadError", "InvalidOperationException"]),
    "malformed thumbprint": ("Enable-ExchangeCertificate -Thumbprint 'not-a-thumbprint' -Services IIS",
                             ["A special Rpc error occurs on server MAIL1: The certificate with thumbprint "
                              "not-a-thumbprint was not found.", "ObjectNotFound"]),
    "unknown service": ("Enable-ExchangeCertificate -Thumbprint {setup} -Services IIS,HTTP",
                        ["Cannot bind parameter 'Services'", "HTTP", "ParameterBindingException"]),
    "path escaping the lab": ("New-ExchangeCertificate -GenerateRequest -SubjectName cn=x.entrust.com "
                              "-Path c:\\..\\..\\..\\..\\..\\tmp\\escaped.req",
                              ["The request file for server MAIL1 isn't valid", "InvalidArgument"]),
    "unmounted drive": ("Import-ExchangeCertificate -Path D:\\certificates\\mail.cer",
                        ["The certificate file for server MAIL1 couldn't be accessed", "InvalidOperation"]),
    "non-exportable key": ("Export-ExchangeCertificate -Thumbprint {setup} -BinaryEncoded "
                           "-Password (ConvertTo-SecureString 'pw' -AsPlainText -Force) -Path c:\\certificates\\setup.pfx",
                           ["A special Rpc error occurs on server MAIL1: The private key of the certificate with "
                            "thumbprint", "not exportable", "InvalidArgument"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_exchanges_error_exit_code_1_and_leaves_the_lab_as_it_was(lab: Path, case: str) -> None:
    command, expected = CASES[case]
    before = lab_dump(lab)
    done = run_cli(lab, command.format(setup=_setup_thumbprint(lab)))
    assert done.returncode == 1, done.stdout + done.stderr
    for fragment in expected:
        assert fragment in done.stderr, (fragment, done.stderr)
    assert "Traceback" not in done.stderr
    assert lab_dump(lab) == before
    assert not Path("/tmp/escaped.req").exists()
