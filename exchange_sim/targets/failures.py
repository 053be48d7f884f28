"""The errors Exchange's certificate tasks raise (§10), as typed domain failures of a target.

The `exchange` layer turns a failure into a PowerShell ErrorRecord; here a failure only knows its
resource key, its sentence, its PowerShell category name and whether Exchange surfaces it through
the Service Host's RPC (which adds "A special Rpc error occurs on server <NAME>: ")."""
from __future__ import annotations

from dataclasses import dataclass


# Not frozen: raising an exception sets __traceback__ on it.
@dataclass(eq=False)
class CertificateFailure(Exception):
    key: str
    message: str
    category: str
    server: str
    rpc: bool = True

    def __str__(self) -> str:
        if self.rpc:
            return f"A special Rpc error occurs on server {self.server}: {self.message}"
        return self.message


def certificate_not_found(server: str, thumbprint: str, cmdlet_is_get: bool) -> CertificateFailure:
    # Get reports it uncategorized; the other cmdlets call it ObjectNotFound.
    category = "NotSpecified" if cmdlet_is_get else "ObjectNotFound"
    message = f"The certificate with thumbprint {thumbprint} was not found."
    return CertificateFailure("CertificateNotFound", message, category, server)


def certificate_not_valid(server: str, thumbprint: str, reason: str) -> CertificateFailure:
    message = (f"The certificate with thumbprint {thumbprint} was found but is not valid for use with "
               f"Exchange Server (reason: {reason}).")
    return CertificateFailure("CertificateNotValidForExchange", message, "NotSpecified", server)


def import_already_exists(server: str, thumbprint: str) -> CertificateFailure:
    message = f"Cannot import certificate. A certificate with the thumbprint {thumbprint} already exists."
    return CertificateFailure("ImportCertificateAlreadyExists", message, "WriteError", server)


def import_data_invalid(server: str) -> CertificateFailure:
    message = ("The source data is corrupted or not properly Base64 encoded, or the password is wrong. "
               "The certificate could not be imported.")
    return CertificateFailure("ImportCertificateDataInvalid", message, "ReadError", server)


def import_base64_invalid(server: str) -> CertificateFailure:
    message = "The certificate data is damaged or is not valid Base64-encoded data."
    return CertificateFailure("ImportCertificateBase64DataInvalid", message, "ReadError", server)


def import_untrusted_root(server: str) -> CertificateFailure:
    message = ("The certificate chain ends in a root certification authority that isn't trusted. Install the "
               "root certificate in the Trusted Root Certification Authorities store and try again.")
    return CertificateFailure("ImportCertificateUntrustedRoot", message, "ReadError", server)


def import_data_is_null(server: str) -> CertificateFailure:
    message = (f"No certificate data was supplied for server {server}. Use the FileData or FileName "
               "parameter, or pipe the data to the cmdlet.")
    return CertificateFailure("ImportCertificateDataIsNull", message, "InvalidArgument", server, rpc=False)


def export_without_key(server: str, thumbprint: str) -> CertificateFailure:
    message = (f"The certificate with thumbprint {thumbprint} doesn't have a private key. "
               "It can't be exported as a PKCS-12 file.")
    return CertificateFailure("ExportCertificateAs12WithoutKey", message, "InvalidArgument", server)


def export_requires_password(server: str) -> CertificateFailure:
    message = "A password is required to export a certificate with its private key."
    return CertificateFailure("ExportWithPrivateKeyRequiresPassword", message, "InvalidArgument", server)


def export_key_not_exportable(server: str, thumbprint: str) -> CertificateFailure:
    message = (f"The private key of the certificate with thumbprint {thumbprint} couldn't be exported. "
               "The private key is either not accessible or not exportable.")
    return CertificateFailure("ExportCertificateAs12KeyNotExportable", message, "InvalidArgument", server)


def enable_federation(server: str) -> CertificateFailure:
    message = ("Federation certificates can be managed only by using the federation trust cmdlets "
               "(New-FederationTrust and Set-FederationTrust).")
    return CertificateFailure("EnableCertificateFederation", message, "InvalidArgument", server)


def service_not_installed(server: str) -> CertificateFailure:
    message = "One of the services you requested isn't installed on this server."
    return CertificateFailure("EnableCertificateServiceNotInstalled", message, "InvalidArgument", server)


def cannot_remove_internal_transport(server: str, thumbprint: str) -> CertificateFailure:
    message = (f"Removing the certificate with thumbprint {thumbprint} would stop Microsoft Exchange Transport, "
               "because it is the internal transport certificate. Create a new certificate first.")
    return CertificateFailure("CannotRemoveInternalTransportCertificate", message, "InvalidArgument", server)


def cannot_remove_send_connector_certificate(server: str, thumbprint: str, connectors: tuple[str, ...]) -> CertificateFailure:
    message = (f"The certificate with thumbprint {thumbprint} can't be removed because it is tagged with "
               f"following Send Connectors : {', '.join(connectors)}.")
    return CertificateFailure("CannotRemoveSendConnectorCertificate", message, "InvalidArgument", server)


def friendly_name_too_long(server: str) -> CertificateFailure:
    message = "The friendly name can't be longer than 63 characters."
    return CertificateFailure("FriendlyNameTooLong", message, "InvalidArgument", server)


def invalid_key_size(server: str, size: int) -> CertificateFailure:
    message = f"{size} isn't a valid key size. Valid key sizes are 4096, 2048 and 1024."
    return CertificateFailure("InvalidKeySize", message, "InvalidArgument", server)


def cannot_remove_um_certificate(server: str, thumbprint: str, call_router: bool) -> CertificateFailure:
    service = "the Microsoft Exchange Unified Messaging Call Router service" if call_router else "the Microsoft Exchange Unified Messaging service"
    message = (f"Removing the certificate with thumbprint {thumbprint} would stop {service}. "
               "Change the UMStartupMode to TCP before you remove the certificate.")
    key = "CannotRemoveUMCRCertificate" if call_router else "CannotRemoveUMCertificate"
    return CertificateFailure(key, message, "InvalidArgument", server)


def remove_federation_certificate(server: str, thumbprint: str) -> CertificateFailure:
    message = (f"The certificate with thumbprint {thumbprint} is used by the federation trust and can't be removed.")
    return CertificateFailure("RemoveCertificateFederation", message, "InvalidArgument", server)


def request_without_pkcs10(server: str, thumbprint: str) -> CertificateFailure:
    message = f"The certificate request with thumbprint {thumbprint} is missing its archived PKCS#10 data."
    return CertificateFailure("CertificateDoesNotHavePKCS10", message, "ObjectNotFound", server)


def domain_name_not_valid(server: str, name: str) -> CertificateFailure:
    message = f"The domain name '{name}' isn't valid for use in a certificate."
    return CertificateFailure("DomainNameIsNotValidForCertificate", message, "InvalidArgument", server)


def subject_not_valid(server: str, subject: str) -> CertificateFailure:
    message = f"The subject name '{subject}' isn't a valid X.500 distinguished name."
    return CertificateFailure("SubjectNameNotValid", message, "InvalidArgument", server, rpc=False)


def subject_cn_not_fqdn(server: str) -> CertificateFailure:
    message = ("At least one valid fully qualified domain name is required in the SubjectName or DomainName "
               "parameter. The common name of the subject isn't a valid FQDN and no DomainName was given.")
    return CertificateFailure("SubjectCnNotValidFQDN", message, "InvalidArgument", server)


def server_not_found(server: str, wanted: str) -> CertificateFailure:
    message = f"The server '{wanted}' couldn't be found. Check the server name and try again."
    return CertificateFailure("ErrorServerNotFound", message, "ObjectNotFound", server, rpc=False)


def version_not_supported(server: str) -> CertificateFailure:
    message = (f"The target server {server} isn't running a supported version of Exchange. Certificates on it "
               "can be managed only from a shell on that server.")
    return CertificateFailure("RemoteCertificateExchangeVersionNotSupported", message, "InvalidArgument", server,
                              rpc=False)


def binary_encoded_without_request(server: str) -> CertificateFailure:
    message = ("The BinaryEncoded parameter is valid only with the GenerateRequest parameter "
               f"(server {server}).")
    return CertificateFailure("CertificateRequestMissingForArgument", message, "InvalidArgument", server, rpc=False)


def request_file_without_request(server: str) -> CertificateFailure:
    message = f"The RequestFile parameter is valid only with the GenerateRequest parameter (server {server})."
    return CertificateFailure("CertificateRequestMissingGenerateRequest", message, "InvalidArgument", server,
                              rpc=False)


def request_file_invalid(server: str) -> CertificateFailure:
    message = (f"The request file for server {server} isn't valid. Specify a file that doesn't exist yet in a "
               "folder you can write to.")
    return CertificateFailure("CertificateInvalidRequestFile", message, "InvalidArgument", server, rpc=False)


def request_file_not_written(server: str, reason: str) -> CertificateFailure:
    message = f"The certificate request data couldn't be written to the file because: {reason}"
    return CertificateFailure("RequestCertificateFileInvalid", message, "InvalidOperation", server, rpc=False)


def export_file_name_invalid(server: str) -> CertificateFailure:
    message = (f"Use a valid file name for server {server}. The file to export to must not exist yet and its "
               "folder must exist.")
    return CertificateFailure("CertificateInvalidFileName", message, "InvalidArgument", server, rpc=False)


def export_file_not_written(server: str, reason: str) -> CertificateFailure:
    message = f"The exported data can't be written to the file because: {reason}"
    return CertificateFailure("ExportCertificateFileInvalid", message, "InvalidOperation", server, rpc=False)


def import_file_invalid(server: str, reason: str) -> CertificateFailure:
    message = f"The certificate file for server {server} couldn't be accessed because: {reason}"
    return CertificateFailure("ImportCertificateFileInvalid", message, "InvalidOperation", server, rpc=False)
