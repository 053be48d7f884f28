"""`exchange-sim serve` on a real lab: endpoint table, certificates chosen from the lab's stores at each
handshake, the command line's start and clean stop."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest
import winrm
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from exchange_sim.cli.serve import build_service, endpoint_table
from exchange_sim.lab import Lab, StoreEntry
from exchange_sim.remoting.service import ServiceOptions, ServiceThread

SERVER = "EXCH01"
ADMIN = ("CONTOSO\\administrator", "P@ssw0rd!")


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


@pytest.fixture(scope="session")
def issued(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A CA and a server certificate for exch01.contoso.com and 127.0.0.1 it issued, made by openssl."""
    folder = tmp_path_factory.mktemp("issued")
    ca_key, ca_cert = folder / "ca.key", folder / "ca.pem"
    key, csr, cert = folder / "server.key", folder / "server.csr", folder / "server.pem"
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(ca_key), "-out", str(ca_cert),
             "-subj", "/CN=Test Root CA", "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE")
    _openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(csr),
             "-subj", "/CN=exch01.contoso.com")
    extensions = folder / "ext.cnf"
    extensions.write_text("subjectAltName=DNS:exch01.contoso.com,DNS:EXCH01,IP:127.0.0.1\n"
                          "extendedKeyUsage=serverAuth\n")
    _openssl("x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key), "-CAcreateserial",
             "-out", str(cert), "-days", "20", "-sha256", "-extfile", str(extensions))
    return {"ca": ca_cert, "key": key, "cert": cert}


def _der(pem_path: Path) -> bytes:
    return ssl.PEM_cert_to_DER_cert(pem_path.read_text())


def _thumbprint(der: bytes) -> str:
    return hashlib.sha1(der).hexdigest().upper()


@pytest.fixture(scope="session")
def lab_template(tmp_path_factory: pytest.TempPathFactory, issued: dict[str, Path]) -> Path:
    """The contoso lab with the issued certificate imported into My and bound to IIS (what
    Import-ExchangeCertificate + Enable-ExchangeCertificate -Services IIS leave behind)."""
    path = tmp_path_factory.mktemp("labs") / "template"
    with Lab.create(path, fixture="contoso") as lab:
        der = _der(issued["cert"])
        key = load_pem_private_key(issued["key"].read_bytes(), password=None)
        with lab.transaction():
            lab.store(SERVER, "My").add(StoreEntry("My", _thumbprint(der), der, has_private_key=True), key)
            lab.config(SERVER).bind_iis(_thumbprint(der))
    return path


@pytest.fixture
def lab_path(lab_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "lab"
    shutil.copytree(lab_template, copy)
    return copy


def _presented_der(port: int) -> bytes:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port)) as raw, context.wrap_socket(raw) as tls:
        return tls.getpeercert(binary_form=True)


def test_every_server_gets_four_listeners_in_the_table(lab_path: Path) -> None:
    service, lab = build_service(lab_path, ServiceOptions())
    try:
        with ServiceThread(service) as running:
            services = sorted((e.server, e.service, e.scheme, e.path) for e in running.endpoints)
            table = endpoint_table(running.endpoints)
    finally:
        lab.close()
    assert services == [(SERVER, "IIS", "http", "/PowerShell/"), (SERVER, "IIS", "https", "/PowerShell/"),
                        (SERVER, "WinRM", "http", "/wsman"), (SERVER, "WinRM", "https", "/wsman")]
    assert table.splitlines()[0].split() == ["Server", "Service", "Scheme", "Host", "Port", "URL"]


def test_winrm_https_presents_the_ca_issued_certificate_naming_the_fqdn(lab_path: Path, issued) -> None:
    service, lab = build_service(lab_path, ServiceOptions())
    try:
        with ServiceThread(service) as running:
            url = running.endpoint(SERVER, "WinRM", "https").url
            session = winrm.Session(url, auth=("administrator", "P@ssw0rd!"), transport="ssl",
                                    ca_trust_path=str(issued["ca"]))
            result = session.run_cmd("hostname")
    finally:
        lab.close()
    assert (result.status_code, result.std_out) == (0, b"EXCH01\r\n")


def test_iis_presents_whatever_is_bound_at_the_next_handshake(lab_path: Path, issued) -> None:
    service, lab = build_service(lab_path, ServiceOptions())
    try:
        with ServiceThread(service) as running:
            port = running.endpoint(SERVER, "IIS", "https").port
            before = _presented_der(port)
            setup = next(e for e in lab.store(SERVER, "My").list() if e.friendly_name == "Microsoft Exchange")
            with Lab.open(lab_path) as writer:  # another process's view: a cmdlet changing the binding
                writer.config(SERVER).bind_iis(setup.thumbprint)
            after = _presented_der(port)
    finally:
        lab.close()
    assert before == _der(issued["cert"])
    assert _thumbprint(after) == setup.thumbprint


def test_serve_command_publishes_endpoints_and_stops_on_sigterm(lab_path: Path) -> None:
    executable = Path(sys.executable).with_name("exchange-sim")
    process = subprocess.Popen([str(executable), "serve", "--lab", str(lab_path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    endpoints_file = lab_path / "endpoints.json"
    try:
        deadline = time.monotonic() + 60
        while not endpoints_file.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert endpoints_file.exists(), process.stderr.read() if process.poll() is not None else "no endpoints.json"
        endpoints = json.loads(endpoints_file.read_text())
        wsman = next(e for e in endpoints if e["service"] == "WinRM" and e["scheme"] == "http")
        assert set(wsman) == {"server", "service", "scheme", "host", "port", "url"}
        result = winrm.Session(wsman["url"], auth=ADMIN, transport="ntlm").run_cmd("foo")
        assert result.status_code == 9009
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Stopped." in out
    assert wsman["url"] in out
