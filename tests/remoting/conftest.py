"""Shared fixtures: one listener certificate per test session (made by the openssl CLI, a real peer), and a
running remoting service with free loopback ports that stops by itself at the end of the module."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from exchange_sim.remoting.auth import Account, UserDirectory
from exchange_sim.remoting.dispatcher import ServerIdentity
from exchange_sim.remoting.service import RemotingService, ServerPlan, ServiceOptions, ServiceThread
from exchange_sim.remoting.tls import PresentedCertificate

USER = Account("administrator", "P@ssw0rd!", "CONTOSO")
OTHER_USER = Account("helpdesk", "Secret#1", "CONTOSO")
DIRECTORY = UserDirectory((USER, OTHER_USER), ("contoso.com",))


@pytest.fixture(scope="session")
def listener_certificate(tmp_path_factory: pytest.TempPathFactory) -> PresentedCertificate:
    folder = tmp_path_factory.mktemp("listener-cert")
    key, cert, der = folder / "key.pem", folder / "cert.pem", folder / "cert.der"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-subj", "/CN=exch01.contoso.com", "-days", "30", "-sha256",
         "-addext", "subjectAltName=DNS:exch01.contoso.com,IP:127.0.0.1",
         "-addext", "extendedKeyUsage=serverAuth"],
        check=True, capture_output=True,
    )
    subprocess.run(["openssl", "x509", "-in", str(cert), "-outform", "DER", "-out", str(der)], check=True)
    return PresentedCertificate(der.read_bytes(), cert.read_bytes(), key.read_bytes())


@pytest.fixture(scope="session")
def listener_certificate_file(listener_certificate: PresentedCertificate, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("trust") / "listener.pem"
    path.write_bytes(listener_certificate.certificate_pem)
    return path


def start_service(certificate: PresentedCertificate, allow_unencrypted: bool = False,
                  body_limit: int = 10 * 1024 * 1024, runner=None, pipeline_runner=None, catalog=None) -> ServiceThread:
    plan = ServerPlan(
        ServerIdentity("EXCH01", "exch01.contoso.com"),
        winrm_certificate=lambda: certificate,
        iis_certificate=lambda: certificate,
        runner=runner,
        pipeline_runner=pipeline_runner,
        catalog=catalog,
    )
    options = ServiceOptions(allow_unencrypted=allow_unencrypted, body_limit=body_limit)
    return ServiceThread(RemotingService((plan,), DIRECTORY, options))


@pytest.fixture(scope="module")
def service(listener_certificate: PresentedCertificate) -> Iterator[ServiceThread]:
    with start_service(listener_certificate) as running:
        yield running
