"""The Target the Exchange cmdlets act on: a server of a simulated lab.

Each operation is one cmdlet call on the lab: its own transaction (a failure leaves the lab as it
was) and an audit record whatever the outcome."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from exchange_sim.lab.model import Server
from exchange_sim.lab.organization import Lab
from exchange_sim.targets.certificate import ExchangeCertificate
from exchange_sim.targets.export import ExportedData, export_certificate
from exchange_sim.targets.enable import EnableChoices, check_enable, enable_certificate, internal_transport_differs
from exchange_sim.targets.get import get_certificates
from exchange_sim.targets.import_certificate import import_certificate
from exchange_sim.targets.new import NewCertificateRequest, NewCertificateResult, new_certificate
from exchange_sim.targets.query import certificate
from exchange_sim.targets import failures
from exchange_sim.targets.identity import normalize_thumbprint
from exchange_sim.targets.remove import remove_certificate
from exchange_sim.targets.services import AllowedServices


@dataclass(frozen=True)
class SimulatedTarget:
    lab: Lab
    server_name: str

    @property
    def server(self) -> Server:
        server = self.lab.server(self.server_name)
        if server is None:
            raise ValueError(f"The lab has no server '{self.server_name}'.")
        return server

    @property
    def version(self) -> str:
        return self.server.version

    def on_server(self, name: str) -> SimulatedTarget:
        """The same lab seen from `-Server NAME` (name, FQDN or NetBIOS name); 2010+ targets only."""
        found = self.lab.server(name)
        if found is None:
            raise failures.server_not_found(self.server_name, name)
        if not found.at_least("2010"):
            # 2007 cmdlets run in-process: no service host answers remote certificate calls.
            raise failures.version_not_supported(found.name)
        return SimulatedTarget(self.lab, found.name)

    def get(self, thumbprint: str | None, domain_names: Sequence[str], audit: Mapping[str, object]) -> list[ExchangeCertificate]:
        server = self.server
        wanted = normalize_thumbprint(thumbprint) if thumbprint is not None else None
        with self.lab.cmdlet(server, "Get-ExchangeCertificate", audit):
            return get_certificates(self.lab, server, wanted, tuple(domain_names))

    def remove(self, thumbprint: str, audit: Mapping[str, object]) -> None:
        server = self.server
        with self.lab.cmdlet(server, "Remove-ExchangeCertificate", audit):
            remove_certificate(self.lab, server, normalize_thumbprint(thumbprint))

    def export(self, thumbprint: str, password: str | None, audit: Mapping[str, object]) -> ExportedData:
        server = self.server
        with self.lab.cmdlet(server, "Export-ExchangeCertificate", audit):
            return export_certificate(self.lab, server, normalize_thumbprint(thumbprint), password)

    def import_(self, data: bytes | None, password: str | None, exportable: bool, friendly_name: str | None,
                audit: Mapping[str, object]) -> ExchangeCertificate:
        server = self.server
        with self.lab.cmdlet(server, "Import-ExchangeCertificate", audit):
            thumbprint = import_certificate(self.lab, server, data, password, exportable, friendly_name)
            # Returned even when Exchange cannot use it (a CER without its key): no usability filter.
            return _one(self.lab, server, thumbprint)

    def prompts_for_enable(self, thumbprint: str, services: AllowedServices = AllowedServices(0),
                           network_service_allowed: bool = False,
                           audit: Mapping[str, object] | None = None) -> tuple[str | None, bool]:
        """(internal transport thumbprint SMTP would replace, whether Require SSL is already on), after
        the checks Exchange makes before asking anything (raises CertificateFailure, audited as the
        Enable call that failed)."""
        server = self.server
        wanted = normalize_thumbprint(thumbprint)
        try:
            with self.lab.transaction():
                check_enable(self.lab, server, wanted, services, network_service_allowed)
                current = internal_transport_differs(self.lab, server, wanted)
                return current, self.lab.config(server.name).require_ssl()
        except failures.CertificateFailure as failure:
            # Recorded outside the rolled-back transaction, as lab.cmdlet does.
            self.lab.audit.record(server.name, "Enable-ExchangeCertificate", audit or {}, "Failed", str(failure))
            raise

    def enable(self, thumbprint: str, services: AllowedServices, choices: EnableChoices,
               audit: Mapping[str, object]) -> None:
        server = self.server
        with self.lab.cmdlet(server, "Enable-ExchangeCertificate", audit):
            enable_certificate(self.lab, server, normalize_thumbprint(thumbprint), services, choices)

    def new(self, wanted: NewCertificateRequest, audit: Mapping[str, object]) -> tuple[NewCertificateResult, ExchangeCertificate]:
        server = self.server
        with self.lab.cmdlet(server, "New-ExchangeCertificate", audit):
            result = new_certificate(self.lab, server, wanted)
            made = _one(self.lab, server, result.thumbprint)
            return result, made

    def confirm_new(self, thumbprint: str, services: AllowedServices) -> ExchangeCertificate:
        """New's follow-up call for the prompts answered Yes: enable those services, as Exchange's task does."""
        server = self.server
        with self.lab.transaction():
            enable_certificate(self.lab, server, thumbprint, services, EnableChoices(True, True))
            return _one(self.lab, server, thumbprint)


def _one(lab: Lab, server: Server, thumbprint: str) -> ExchangeCertificate:
    found = certificate(lab, server, thumbprint)
    if found is None:
        raise LookupError(f"{thumbprint} vanished from {server.name} within its own cmdlet call")
    return found
