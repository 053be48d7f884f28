"""The PKI module's certificate file cmdlets over the lab: Import-PfxCertificate, Export-PfxCertificate,
Import-Certificate and Export-Certificate. Files go through the session's providers (relative paths
follow Set-Location); stores are the lab's, shared with the Exchange cmdlets and `Cert:`."""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

from exchange_sim.certs.facts import is_self_signed
from exchange_sim.certs.formats import CertificateDataError, WrongPassword, export_pkcs12, read_certificate_data
from exchange_sim.powershell.builtins import records
from exchange_sim.powershell.builtins.declaring import param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, CommandTable
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.dotnet.security import SecureString
from exchange_sim.powershell.values.exceptions import DotNetException, ItemNotFoundException
from exchange_sim.windows.cert_provider import CertificateProvider
from exchange_sim.windows.x509 import X509Certificate2

CERT_PROVIDER = "windows.cert_provider"
_PKI = "PKI"
_NAMESPACE = "Microsoft.CertificateServices.Commands."


def _provider(ctx: CmdletContext) -> CertificateProvider:
    provider = ctx.extensions[CERT_PROVIDER]
    assert isinstance(provider, CertificateProvider)  # windows.register always puts it there
    return provider


def _password(value: Any) -> str | None:
    if value is None:
        return None
    return value.reveal() if isinstance(value, SecureString) else to_string(value)


def _fail(ctx: CmdletContext, message: str, net_type: str, category: str = "NotSpecified", target: Any = None) -> None:
    """The PKI cmdlets' errors: the .NET exception's type names the FQID, as 5.1 shows them."""
    records.write(ctx, message, net_type, category, target, net_type)


def _store_location(ctx: CmdletContext) -> tuple[str, str] | None:
    """-CertStoreLocation (or the current location when it is a store) as (location, store)."""
    text = ctx.bound.get("CertStoreLocation")
    try:
        target = ctx.providers.locate(to_string(text)) if text is not None else ctx.providers.location
        if not isinstance(target.provider, CertificateProvider):
            raise ItemNotFoundException("The current location is not a certificate store; give -CertStoreLocation.")
        return target.provider.store_of(target.path)
    except DotNetException as failure:
        _fail(ctx, str(failure), "System.ArgumentException", "InvalidArgument", text)
        return None


def _read(ctx: CmdletContext) -> bytes | None:
    path = to_string(ctx.bound.get("FilePath"))
    try:
        return ctx.providers.read_bytes(path)
    except DotNetException as failure:
        _fail(ctx, str(failure), "System.IO.FileNotFoundException", "ObjectNotFound", path)
        return None


def _write(ctx: CmdletContext, data: bytes) -> None:
    path = to_string(ctx.bound.get("FilePath"))
    try:
        if ctx.bound.get("NoClobber") and ctx.providers.file_exists(path):
            raise FileExists(f"The file '{path}' already exists.")
        ctx.providers.write_bytes(path, data)
        target = ctx.providers.locate(path)
        ctx.write_object(target.provider.item(target.path))
    except FileExists as failure:
        _fail(ctx, str(failure), "System.IO.IOException", "WriteError", path)
    except DotNetException as failure:
        _fail(ctx, str(failure), "System.IO.DirectoryNotFoundException", "WriteError", path)


class FileExists(Exception):
    """-NoClobber and the file is there."""


def _certificate_argument(ctx: CmdletContext) -> tuple[CertificateProvider, str] | None:
    """-Cert: a certificate item (piped from Cert:) or its path; the provider path of its store entry."""
    value = ctx.bound.get("Cert")
    provider = _provider(ctx)
    if isinstance(value, X509Certificate2) and value.store_path is not None:
        return provider, f"{value.store_path}\\{value.thumbprint}"
    text = to_string(value)
    try:
        target = ctx.providers.locate(text)
    except DotNetException as failure:
        _fail(ctx, str(failure), "System.Management.Automation.ItemNotFoundException", "ObjectNotFound", text)
        return None
    if not isinstance(target.provider, CertificateProvider) or not target.provider.exists(target.path):
        _fail(ctx, f"Cannot find path '{text}' because it does not exist.",
              "System.Management.Automation.ItemNotFoundException", "ObjectNotFound", text)
        return None
    return target.provider, target.path


def _import_source(ctx: CmdletContext) -> tuple[tuple[str, str], bytes] | None:
    """The target store and the file's bytes of an Import-* call; None once the failure is written."""
    store = _store_location(ctx)
    data = _read(ctx) if store is not None else None
    return None if store is None or data is None else (store, data)


class ImportPfxCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        source = _import_source(ctx)
        if source is None:
            return
        store, data = source
        try:
            bundle = read_certificate_data(data, _password(ctx.bound.get("Password")) or "")
        except WrongPassword:
            _fail(ctx, "The PFX file you are trying to import requires either a different password or membership "
                       "in an Active Directory principal to which it is protected.",
                  "System.ComponentModel.Win32Exception", "NotSpecified", ctx.bound.get("FilePath"))
            return
        except CertificateDataError:
            _fail(ctx, "The data is invalid.", "System.ComponentModel.Win32Exception", "NotSpecified",
                  ctx.bound.get("FilePath"))
            return
        if bundle.kind != "pkcs12" or bundle.key_certificate is None:
            _fail(ctx, "The data is invalid.", "System.ComponentModel.Win32Exception", "NotSpecified",
                  ctx.bound.get("FilePath"))
            return
        provider = _provider(ctx)
        location, name = store
        # The key's certificate goes to the store asked for; the chain's CAs where Windows files them.
        for certificate in bundle.certificates:
            if certificate == bundle.key_certificate:
                continue
            provider.add(location, _ca_store(certificate), certificate, None, False)
        imported = provider.add(location, name, bundle.key_certificate, bundle.private_key,
                                bool(ctx.bound.get("Exportable")), bundle.friendly_name or "")
        ctx.write_object(imported)


def _ca_store(certificate: x509.Certificate) -> str:
    return "Root" if is_self_signed(certificate) else "CA"  # the lab's trust rule (Lab.trust)


class ImportCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        source = _import_source(ctx)
        if source is None:
            return
        store, data = source
        try:
            bundle = read_certificate_data(data, None)
        except CertificateDataError:
            _fail(ctx, "Cannot find the requested object.", "System.Runtime.InteropServices.COMException",
                  "NotSpecified", ctx.bound.get("FilePath"))
            return
        location, name = store
        for certificate in bundle.certificates:
            ctx.write_object(_provider(ctx).add(location, name, certificate, None, False))


class ExportPfxCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        password = _password(ctx.bound.get("Password"))
        if not password:
            _fail(ctx, "Either the Password or the ProtectTo parameter must be specified.",
                  "System.ArgumentException", "InvalidArgument")
            return
        found = _certificate_argument(ctx)
        if found is None:
            return
        provider, path = found
        entry, key = provider.entry(path)
        if not entry.has_private_key or key is None:
            _fail(ctx, "Cannot export non-exportable private key.",
                  "System.Security.Cryptography.CryptographicException", "NotSpecified", path)
            return
        if not entry.exportable:
            _fail(ctx, "Cannot export non-exportable private key.",
                  "System.Security.Cryptography.CryptographicException", "NotSpecified", path)
            return
        certificate = x509.load_der_x509_certificate(entry.certificate_der)
        _write(ctx, export_pkcs12(certificate, key, password, entry.friendly_name or None))


class ExportCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        found = _certificate_argument(ctx)
        if found is None:
            return
        provider, path = found
        entry, _key = provider.entry(path)
        certificate = x509.load_der_x509_certificate(entry.certificate_der)
        kind = to_string(ctx.bound.get("Type") or "CERT").upper()
        if kind == "P7B":
            data = pkcs7.serialize_certificates([certificate], Encoding.DER)
        else:
            data = certificate.public_bytes(Encoding.DER)
        _write(ctx, data)


def _declaration(name: str, parameters: tuple[Any, ...], implementation: type[Cmdlet], synopsis: str,
                 default_set: str | None = None) -> CommandDeclaration:
    return CommandDeclaration(
        name=name,
        parameters=parameters,
        implementation=implementation,
        default_parameter_set=default_set,
        synopsis=synopsis,
        module=_PKI,
        implementing_type=_NAMESPACE + name.replace("-", ""),
        supports_should_process=name.startswith("Import") or name.startswith("Export"),
    )


DECLARATIONS = (
    _declaration(
        "Import-PfxCertificate",
        (param("FilePath", "string", position=0, mandatory=True, pipeline=True, by_name=True, aliases=("FullName",)),
         param("CertStoreLocation", "string", by_name=True),
         switch("Exportable"),
         param("Password", "securestring")),
        ImportPfxCertificate,
        "Imports certificates and private keys from a Personal Information Exchange (PFX) file to the destination "
        "store.",
    ),
    _declaration(
        "Import-Certificate",
        (param("FilePath", "string", position=0, mandatory=True, pipeline=True, by_name=True, aliases=("FullName",)),
         param("CertStoreLocation", "string", by_name=True)),
        ImportCertificate,
        "Imports one or more certificates into a certificate store.",
    ),
    _declaration(
        "Export-PfxCertificate",
        (param("PFXData", "object", mandatory=True, pipeline=True, sets=("ByPFXData",)),
         param("Cert", "object", position=0, mandatory=True, pipeline=True, by_name=True, sets=("ByCert",),
               aliases=("PsPath",)),
         param("FilePath", "string", position=1, mandatory=True, aliases=("FullName",)),
         param("Password", "securestring"),
         param("ProtectTo", "string[]"),
         param("ChainOption", "string", validate_set=("BuildChain", "EndEntityCertOnly", "PfxDataOnly")),
         switch("NoProperties"),
         switch("NoClobber"),
         switch("Force")),
        ExportPfxCertificate,
        "Exports a certificate or a PFXData object to a Personal Information Exchange (PFX) file.",
        default_set="ByCert",
    ),
    _declaration(
        "Export-Certificate",
        (param("Cert", "object", mandatory=True, pipeline=True, by_name=True, aliases=("PsPath",)),
         param("FilePath", "string", mandatory=True, aliases=("FullName",)),
         param("Type", "string", validate_set=("SST", "CERT", "P7B")),
         switch("NoClobber"),
         switch("Force")),
        ExportCertificate,
        "Exports a certificate from a certificate store into a file.",
    ),
)


def register_pki_commands(commands: CommandTable) -> None:
    for declaration in DECLARATIONS:
        declaration.implementation.declaration = declaration
        commands.register(declaration)
