from __future__ import annotations

import pytest

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.exceptions import DriveNotFoundException
from exchange_sim.windows.cert_drive import CertificateDrive
from exchange_sim.windows.item_paths import (
    is_valid_path,
    join_path,
    split_leaf,
    split_parent,
    test_path as path_exists,
)


def test_join_path_puts_one_separator_between_parts() -> None:
    assert join_path("C:\\certs\\", "\\mail.pfx") == "C:\\certs\\mail.pfx"
    assert join_path("C:\\certs", "mail.pfx") == "C:\\certs\\mail.pfx"


def test_join_path_on_an_unknown_drive_is_drive_not_found() -> None:
    expected = r"^Cannot find drive\. A drive with the name 'Q' does not exist\.$"
    with pytest.raises(DriveNotFoundException, match=expected):
        join_path("Q:\\x", "y")


def test_split_path_gives_parent_and_leaf() -> None:
    assert split_parent("C:\\certs\\mail.pfx") == "C:\\certs"
    assert split_parent("C:\\mail.pfx") == "C:\\"
    assert split_parent("C:\\") == ""
    assert split_leaf("C:\\certs\\mail.pfx") == "mail.pfx"
    assert split_leaf("C:\\certs\\") == "certs"


def test_is_valid_checks_syntax_only() -> None:
    assert is_valid_path("C:\\does\\not\\exist.pfx")
    assert not is_valid_path("C:\\bad|name")
    assert not is_valid_path("Q:\\x")


def test_path_types_distinguish_files_and_folders(lab: Lab) -> None:
    filesystem = lab.filesystem("EXCH01")
    drive = CertificateDrive(lab, "EXCH01")
    filesystem.mkdir("C:\\certs")
    filesystem.write_bytes("C:\\certs\\a.pfx", b"1")
    assert path_exists(filesystem, drive, "C:\\certs\\a.pfx", "Leaf")
    assert not path_exists(filesystem, drive, "C:\\certs\\a.pfx", "Container")
    assert path_exists(filesystem, drive, "C:\\certs", "Container")
    assert not path_exists(filesystem, drive, "C:\\nope")
    assert not path_exists(filesystem, drive, "Q:\\x")


def test_certificate_paths_are_tested_against_the_lab_store(lab: Lab) -> None:
    filesystem = lab.filesystem("EXCH01")
    drive = CertificateDrive(lab, "EXCH01")
    thumbprint = lab.store("EXCH01", "My").list()[0].thumbprint
    assert path_exists(filesystem, drive, f"Cert:\\LocalMachine\\My\\{thumbprint}", "Leaf")
    assert path_exists(filesystem, drive, "Cert:\\LocalMachine\\My", "Container")
    assert not path_exists(filesystem, drive, "Cert:\\LocalMachine\\My\\" + "0" * 40)
