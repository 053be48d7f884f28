"""The file parameters of the certificate cmdlets (§1.2): 2007's -Path, 2013-era -RequestFile/-FileName.

Paths are Windows paths of the lab file system (mounts included); a path the lab refuses (leaving
the lab, a link, a device name) is reported with the error Exchange gives for an unusable file."""
from __future__ import annotations

from exchange_sim.lab.errors import LabError
from exchange_sim.lab.filesystem import LabFileSystem
from exchange_sim.targets import failures

# Exchange's AllowedCertificateTypes: a file name with another extension gets a default one appended.
CERTIFICATE_EXTENSIONS = ("cer", "crt", "der", "p12", "pfx", "p7b", "p7r", "p7s", "pem", "ca_bundle", "p7c", "req")


def with_default_extension(path: str, default: str) -> str:
    """`-RequestFile x` → `x.req`, `-FileName x.txt` → `x.txt.pfx` (extension compared as Exchange does)."""
    name = path.replace("/", "\\").rsplit("\\", 1)[-1]
    extension = name.rsplit(".", 1)[1] if "." in name else ""
    if extension.upper().replace("-", "_") in (e.upper() for e in CERTIFICATE_EXTENSIONS):
        return path
    return path + default


def writable_new_file(files: LabFileSystem, path: str, overwrite: bool = False) -> bool:
    """What Exchange's pre-check asks: the file does not exist (or may be replaced) and its folder does."""
    try:
        host = files.resolve(path)
    except LabError:
        return False
    return (overwrite or not host.exists()) and not host.is_dir() and host.parent.is_dir()


def check_request_file(files: LabFileSystem, path: str, server: str, legacy_path: bool = False,
                       overwrite: bool = False) -> str:
    """The file a request will be written to; refused before anything is made (client-side check).

    `legacy_path`: 2007's -Path, written as named (the `.req` default is the 2013 -RequestFile code's);
    `overwrite`: 2007's -Force, which its syntax lists only with the request parameters."""
    target = path if legacy_path else with_default_extension(path, ".req")
    if not writable_new_file(files, path, overwrite) or not writable_new_file(files, target, overwrite):
        raise failures.request_file_invalid(server)
    return target


def write_request(files: LabFileSystem, path: str, data: bytes, server: str) -> None:
    try:
        files.write_bytes(path, data)
    except (LabError, OSError) as error:
        raise failures.request_file_not_written(server, str(error)) from None


def check_export_file(files: LabFileSystem, path: str, server: str, legacy_path: bool = False,
                      overwrite: bool = False) -> str:
    """The file an export will be written to (`.pfx` appended to a -FileName when needed); existing files
    are refused unless 2007's -Force allows overwriting its -Path."""
    target = path if legacy_path else with_default_extension(path, ".pfx")
    try:
        hosts = [files.resolve(path), files.resolve(target)]
    except LabError:
        raise failures.export_file_name_invalid(server) from None
    if not hosts[1].parent.is_dir() or (not overwrite and any(host.exists() for host in hosts)):
        raise failures.export_file_name_invalid(server)
    return target


def write_export(files: LabFileSystem, path: str, data: bytes, server: str) -> None:
    try:
        files.write_bytes(path, data)
    except (LabError, OSError) as error:
        raise failures.export_file_not_written(server, str(error)) from None


def read_certificate_file(files: LabFileSystem, path: str, server: str) -> bytes:
    try:
        return files.read_bytes(path)
    except (LabError, OSError) as error:
        raise failures.import_file_invalid(server, getattr(error, "message", str(error))) from None
