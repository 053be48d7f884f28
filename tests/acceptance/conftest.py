"""What the acceptance tests share: `exchange-sim` as a user runs it, an openssl test CA, and a
comparable dump of a lab's database."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

EXE = Path(sys.executable).with_name("exchange-sim")

# Tables every run writes whatever it does: the audit log (a failed call is recorded as Failed) and
# the key pool's spare keys (kept for the next process on close).
_BOOKKEEPING = ("audit_log", "spare_keys")


def run_cli(lab: Path, command: str, *, server: str | None = None, answers: tuple[str, ...] = (),
            credentials: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """`exchange-sim run --lab LAB --command TEXT`, as typed at a terminal."""
    args = [str(EXE), "run", "--lab", str(lab), "--command", command]
    if server:
        args += ["--server", server]
    for answer in answers:
        args += ["--answer", answer]
    for credential in credentials:
        args += ["--credential", credential]
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=120)


def lab_dump(lab: Path) -> list[str]:
    """The lab database as SQL text, without the bookkeeping tables."""
    connection = sqlite3.connect(lab / "lab.db")
    try:
        return [line for line in connection.iterdump()
                if not any(f'"{table}"' in line or f" {table} " in line or f" {table}(" in line
                           for table in _BOOKKEEPING)]
    finally:
        connection.close()


@dataclass(frozen=True)
class TestAuthority:
    """A CA made with the openssl command line, independent of the code under test."""

    folder: Path

    @property
    def certificate(self) -> Path:
        return self.folder / "ca.pem"

    def issue(self, request: Path, issued: Path, outform: str = "PEM") -> Path:
        subprocess.run(["openssl", "x509", "-req", "-in", str(request), "-CA", str(self.certificate),
                        "-CAkey", str(self.folder / "ca.key"), "-CAcreateserial", "-days", "365",
                        "-copy_extensions", "copy", "-out", str(issued), "-outform", outform],
                       check=True, capture_output=True)
        return issued


@pytest.fixture(scope="session")
def test_authority(tmp_path_factory: pytest.TempPathFactory) -> TestAuthority:
    folder = tmp_path_factory.mktemp("openssl-ca")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(folder / "ca.key"),
                    "-out", str(folder / "ca.pem"), "-subj", "/C=US/O=Acceptance Test CA/CN=Acceptance Test Root",
                    "-days", "3650", "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign"], check=True, capture_output=True)
    return TestAuthority(folder)


def openssl(*args: str, input: str | None = None) -> str:
    done = subprocess.run(["openssl", *args], capture_output=True, text=True, check=True, input=input)
    return done.stdout
