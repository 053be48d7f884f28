from __future__ import annotations

import pytest

from exchange_sim.lab import Lab, LabFileSystem
from exchange_sim.powershell.values.exceptions import ItemNotFoundException
from exchange_sim.powershell.values.objects import get_property, type_names
from exchange_sim.windows.file_items import DirectoryInfo, FileInfo, child_items, get_item


@pytest.fixture
def filesystem(lab: Lab) -> LabFileSystem:
    filesystem = lab.filesystem("EXCH01")
    filesystem.mkdir("C:\\certs\\old")
    filesystem.write_bytes("C:\\certs\\mail.pfx", b"12345")
    filesystem.write_bytes("C:\\certs\\mail.req", b"abc")
    filesystem.write_bytes("C:\\certs\\old\\2019.pfx", b"9")
    return filesystem


def test_file_item_has_the_fileinfo_properties(filesystem: LabFileSystem) -> None:
    # Get-Item keeps the case the path was typed in (Windows does not look the spelling up).
    assert get_item(filesystem, "C:\\CERTS\\mail.pfx").full_name == "C:\\CERTS\\mail.pfx"
    item = get_item(filesystem, "C:\\certs\\mail.pfx")
    assert isinstance(item, FileInfo)
    assert type_names(item)[0] == "System.IO.FileInfo"
    assert get_property(item, "FullName") == "C:\\certs\\mail.pfx"
    assert get_property(item, "Name") == "mail.pfx"
    assert get_property(item, "Length") == 5
    assert get_property(item, "Extension") == ".pfx"
    assert get_property(item, "Mode") == "-a----"
    assert get_property(item, "PSPath") == "Microsoft.PowerShell.Core\\FileSystem::C:\\certs\\mail.pfx"
    assert get_property(item, "DirectoryName") == "C:\\certs"


def test_folder_item_is_a_directoryinfo(filesystem: LabFileSystem) -> None:
    item = get_item(filesystem, "C:\\certs\\old")
    assert isinstance(item, DirectoryInfo)
    assert get_property(item, "Mode") == "d-----"
    assert get_property(item, "PSIsContainer") is True


def test_relative_path_is_taken_from_the_current_location(filesystem: LabFileSystem) -> None:
    filesystem.set_location("C:\\certs")
    assert get_item(filesystem, "old\\2019.pfx").full_name == "C:\\certs\\old\\2019.pfx"


def test_missing_item_is_path_not_found(filesystem: LabFileSystem) -> None:
    with pytest.raises(ItemNotFoundException, match=r"^Cannot find path 'C:\\nope' because it does not exist\.$"):
        get_item(filesystem, "C:\\nope")


def test_children_list_folders_before_files(filesystem: LabFileSystem) -> None:
    assert [item.name for item in child_items(filesystem, "C:\\certs")] == ["old", "mail.pfx", "mail.req"]


def test_recursive_listing_descends_after_each_level(filesystem: LabFileSystem) -> None:
    names = [item.full_name for item in child_items(filesystem, "C:\\certs", recurse=True)]
    assert names == ["C:\\certs\\old", "C:\\certs\\mail.pfx", "C:\\certs\\mail.req", "C:\\certs\\old\\2019.pfx"]


def test_filter_and_kind_switches_narrow_the_listing(filesystem: LabFileSystem) -> None:
    pfx = [item.name for item in child_items(filesystem, "C:\\certs", recurse=True, name_filter="*.PFX")]
    assert pfx == ["mail.pfx", "2019.pfx"]
    assert [item.name for item in child_items(filesystem, "C:\\certs", directories_only=True)] == ["old"]
    assert all(not item.is_directory for item in child_items(filesystem, "C:\\certs", recurse=True, files_only=True))


def test_listing_a_file_gives_the_file(filesystem: LabFileSystem) -> None:
    assert [item.name for item in child_items(filesystem, "C:\\certs\\mail.req")] == ["mail.req"]


def test_unknown_drive_is_a_domain_error(filesystem: LabFileSystem) -> None:
    with pytest.raises(ItemNotFoundException):
        get_item(filesystem, "Q:\\x")
