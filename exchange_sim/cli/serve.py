"""`exchange-sim serve`: the lab's remoting service (WinRM `/wsman` and IIS `/PowerShell/` per server).

This module wires the lab, the certificates and the engine into `exchange_sim.remoting`; the listeners
choose their certificates here, from the lab's stores, at every TLS handshake.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import typer
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import load_der_x509_certificate

from exchange_sim.certs.facts import CertificateFacts
from exchange_sim.certs.keys import private_key_der
from exchange_sim.lab import Lab, LabError, Server, open_or_create
from exchange_sim.remoting.auth import Account, UserDirectory
from exchange_sim.cli import session as session_wiring
from exchange_sim.remoting.dispatcher import ServerIdentity
from exchange_sim.remoting.engine_bridge import EngineBridge
from exchange_sim.remoting.service import Endpoint, RemotingService, ServerPlan, ServiceOptions
from exchange_sim.remoting.tls import PresentedCertificate

SERVER_AUTH_OID = "1.3.6.1.5.5.7.3.1"
DEFAULT_SITE_ID = 1  # IIS "Default Web Site": the front end clients reach at /PowerShell/


@dataclass(frozen=True)
class _Candidate:
    thumbprint: str
    facts: CertificateFacts


def _presented(lab: Lab, server: str, thumbprint: str) -> PresentedCertificate | None:
    entry = lab.store(server, "My").get(thumbprint)
    if entry is None or not entry.has_private_key:
        return None
    key = lab.private_key(server, thumbprint)
    if key is None:
        return None
    certificate = load_der_x509_certificate(entry.certificate_der)
    key_pem = _pem("PRIVATE KEY", private_key_der(key))
    return PresentedCertificate(entry.certificate_der, certificate.public_bytes(Encoding.PEM), key_pem)


def _pem(label: str, der: bytes) -> bytes:
    body = base64.encodebytes(der).replace(b"\n", b"")
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return b"\n".join([f"-----BEGIN {label}-----".encode(), *lines, f"-----END {label}-----".encode()]) + b"\n"


def winrm_certificate(lab: Lab, server: Server) -> PresentedCertificate | None:
    """The certificate WinRM's HTTPS listener would use: in My with a private key, valid now, for server
    authentication (or any purpose), and naming the server's FQDN; a CA-issued one over a self-signed one,
    then the one that lasts longest."""
    now = lab.clock.now()
    candidates: list[_Candidate] = []
    for entry in lab.store(server.name, "My").list():
        if not entry.has_private_key or entry.archived:
            continue
        facts = CertificateFacts.of(load_der_x509_certificate(entry.certificate_der))
        if not facts.not_before <= now <= facts.not_after:
            continue
        if facts.extended_key_usage is not None and SERVER_AUTH_OID not in facts.extended_key_usage:
            continue
        names = {name.lower() for name in (*facts.dns_names, facts.subject_cn or "")}
        if server.fqdn.lower() not in names:
            continue
        candidates.append(_Candidate(entry.thumbprint, facts))
    candidates.sort(key=lambda c: (not c.facts.is_self_signed, c.facts.not_after), reverse=True)
    for candidate in candidates:
        presented = _presented(lab, server.name, candidate.thumbprint)
        if presented is not None:
            return presented
    return None


def iis_certificate(lab: Lab, server: Server) -> PresentedCertificate | None:
    """The certificate bound to the Default Web Site's https binding, read now (so Enable-ExchangeCertificate
    -Services IIS changes what the next handshake presents)."""
    for binding in lab.config(server.name).iis_bindings():
        if binding.site_id == DEFAULT_SITE_ID and binding.thumbprint:
            return _presented(lab, server.name, binding.thumbprint)
    return None


def user_directory(lab: Lab) -> UserDirectory:
    accounts = tuple(Account(user.name, user.password, user.domain, user.role) for user in lab.users())
    return UserDirectory(accounts, tuple(domain.name for domain in lab.accepted_domains))


def build_service(lab_path: Path, options: ServiceOptions,
                  engine: EngineBridge | None = None) -> tuple[RemotingService, Lab]:
    """The service for every server of the lab at `lab_path`, running scripts and cmdlets through `engine`
    (without one, the transport answers but nothing runs). Certificates are read through a Lab of their own,
    so handshakes never share a transaction with a running cmdlet."""
    lab = Lab.open(lab_path)
    plans = []
    for server in lab.servers():
        parts = engine.for_server(server) if engine is not None else None
        plans.append(
            ServerPlan(
                ServerIdentity(server.netbios or server.name, server.fqdn),
                winrm_certificate=lambda s=server: winrm_certificate(lab, s),
                iis_certificate=lambda s=server: iis_certificate(lab, s),
                runner=parts.runner if parts else None,
                pipeline_runner=parts.pipeline_runner if parts else None,
                catalog=parts.catalog if parts else None,
            )
        )
    return RemotingService(tuple(plans), user_directory(lab), options), lab


def endpoint_table(endpoints: list[Endpoint]) -> str:
    rows = [("Server", "Service", "Scheme", "Host", "Port", "URL")]
    rows += [(e.server, e.service, e.scheme, e.host, str(e.port), e.url) for e in endpoints]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, " ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_endpoints(path: Path, endpoints: list[Endpoint]) -> None:
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps([e.as_json() for e in endpoints], indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)


async def _serve(service: RemotingService, lab_path: Path, echo: Callable[[str], None]) -> None:
    endpoints = service.bind()
    if not service.directory.accounts:
        echo("WARNING: the lab has no users, so every connection will be refused; add one with "
             "'exchange-sim lab user'.")
    for reason in service.skipped:
        echo(f"WARNING: listener not started: {reason}")
    echo(endpoint_table(endpoints))
    write_endpoints(lab_path / "endpoints.json", endpoints)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await service.accept()
        echo("Serving; press Ctrl+C to stop.")
        await stop.wait()
    finally:
        await service.stop()
        echo("Stopped.")


def engine_for(lab_path: Path) -> EngineBridge:
    """The PowerShell engine of `exchange-sim run`, on every server of the lab."""
    return EngineBridge(lab_path, session_wiring.open_session)


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        lab: Optional[Path] = typer.Option(None, "--lab", help="Lab folder (default: $EXCHANGE_SIM_LAB or ./store)."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port_base: int = typer.Option(
            0, "--port-base",
            help="First port: server i listens on N+4i (WinRM http), +1 (WinRM https), +2 (IIS http), "
                 "+3 (IIS https). 0 picks free ports.",
        ),
        allow_unencrypted: bool = typer.Option(
            False, "--allow-unencrypted", help="Allow Basic and unsealed messages over plain HTTP (WinRM AllowUnencrypted)."
        ),
        body_limit: int = typer.Option(10 * 1024 * 1024, "--body-limit", help="Largest request body in bytes."),
    ) -> None:
        """Serve WinRM (/wsman) and Exchange's /PowerShell/ endpoint for every server of the lab."""
        try:
            opened = open_or_create(lab)
            lab_path = opened.path
            opened.close()
            options = ServiceOptions(host=host, port_base=port_base, allow_unencrypted=allow_unencrypted,
                                     body_limit=body_limit)
            engine = engine_for(lab_path)
        except LabError as error:
            typer.echo(f"exchange-sim serve: {error}", err=True)
            raise typer.Exit(2) from None
        try:
            service, cert_lab = build_service(lab_path, options, engine)
        except LabError as error:
            engine.close()
            typer.echo(f"exchange-sim serve: {error}", err=True)
            raise typer.Exit(2) from None
        try:
            asyncio.run(_serve(service, lab_path, typer.echo))
        except OSError as error:
            typer.echo(f"exchange-sim serve: cannot listen: {error.strerror or error}", err=True)
            raise typer.Exit(1) from None
        finally:
            cert_lab.close()
            engine.close()
