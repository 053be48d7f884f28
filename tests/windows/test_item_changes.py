from __future__ import annotations

import pytest

from exchange_sim.lab import Lab, LabFileSystem
from exchange_sim.powershell.values.exceptions import IOException, ItemNotFoundException
from exchange_sim.windows.item_changes import copy_item, move_item, new_item, rename_item


@pytest.fixture
def filesystem(lab: Lab) -> LabFileSystem:
    filesystem = lab.filesystem("EXCH01")
    filesystem.mkdir("C:\\certs\\old")
    filesystem.write_bytes("C:\\certs\\mail.pfx", b"pfx")
    filesystem.write_bytes("C:\\certs\\old\\2019.pfx", b"9")
    return filesystem


def test_new_file_holds_its_value(filesystem: LabFileSystem) -> None:
    item = new_item(filesystem, "C:\\certs\\note.txt", "File", "hello")
    assert item.length == 5
    assert filesystem.read_bytes("C:\\certs\\note.txt") == b"hello"


def test_new_file_over_an_existing_one_needs_force(filesystem: LabFileSystem) -> None:
    with pytest.raises(IOException, match=r"^The file 'C:\\certs\\mail.pfx' already exists\.$"):
        new_item(filesystem, "C:\\certs\\mail.pfx", "File", "x")
    new_item(filesystem, "C:\\certs\\mail.pfx", "File", "x", force=True)
    assert filesystem.read_bytes("C:\\certs\\mail.pfx") == b"x"


def test_new_file_with_force_creates_missing_folders(filesystem: LabFileSystem) -> None:
    new_item(filesystem, "C:\\deep\\er\\a.txt", "File", force=True)
    assert filesystem.is_dir("C:\\deep\\er")


def test_new_directory_is_a_folder(filesystem: LabFileSystem) -> None:
    assert new_item(filesystem, "C:\\export", "Directory").is_directory
    with pytest.raises(IOException, match="already exists"):
        new_item(filesystem, "C:\\export", "Directory")


def test_copied_file_into_a_folder_keeps_its_name(filesystem: LabFileSystem) -> None:
    item = copy_item(filesystem, "C:\\certs\\mail.pfx", "C:\\certs\\old")
    assert item.full_name == "C:\\certs\\old\\mail.pfx"
    assert filesystem.read_bytes("C:\\certs\\old\\mail.pfx") == b"pfx"
    assert filesystem.exists("C:\\certs\\mail.pfx")


def test_recursive_folder_copy_takes_the_contents(filesystem: LabFileSystem) -> None:
    copy_item(filesystem, "C:\\certs", "C:\\backup", recurse=True)
    assert filesystem.read_bytes("C:\\backup\\old\\2019.pfx") == b"9"


def test_copying_a_missing_file_is_path_not_found(filesystem: LabFileSystem) -> None:
    with pytest.raises(ItemNotFoundException, match=r"Cannot find path 'C:\\nope.pfx' because it does not exist\."):
        copy_item(filesystem, "C:\\nope.pfx", "C:\\certs")


def test_moved_file_leaves_its_old_place(filesystem: LabFileSystem) -> None:
    move_item(filesystem, "C:\\certs\\mail.pfx", "C:\\mail-moved.pfx")
    assert not filesystem.exists("C:\\certs\\mail.pfx")
    assert filesystem.read_bytes("C:\\mail-moved.pfx") == b"pfx"


def test_renamed_file_keeps_its_folder(filesystem: LabFileSystem) -> None:
    item = rename_item(filesystem, "C:\\certs\\mail.pfx", "mail-2026.pfx")
    assert item.full_name == "C:\\certs\\mail-2026.pfx"
    assert not filesystem.exists("C:\\certs\\mail.pfx")


def test_renaming_a_missing_item_says_it_does_not_exist(filesystem: LabFileSystem) -> None:
    with pytest.raises(ItemNotFoundException, match=r"Cannot rename because item at 'C:\\nope' does not exist\."):
        rename_item(filesystem, "C:\\nope", "x")
