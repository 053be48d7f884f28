"""Windows paths resolve inside the lab folder and can never leave it (or an explicit mount)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from exchange_sim.lab import LabFileSystem, LabPathError


@pytest.fixture
def fs(tmp_path: Path) -> LabFileSystem:
    return LabFileSystem(tmp_path, "EXCH01")


def test_drive_path_maps_into_the_server_folder(fs: LabFileSystem, tmp_path: Path) -> None:
    assert fs.resolve(r"C:\certs\x.req") == tmp_path / "fs" / "EXCH01" / "C" / "certs" / "x.req"


def test_dot_dot_clamps_at_the_drive_root(fs: LabFileSystem, tmp_path: Path) -> None:
    resolved = fs.resolve(r"C:\..\..\etc\passwd")
    assert resolved == tmp_path / "fs" / "EXCH01" / "C" / "etc" / "passwd"
    assert str(fs.full_path(r"C:\..\..\etc\passwd")) == r"C:\etc\passwd"


def test_forward_slashes_and_relative_paths_use_the_current_location(fs: LabFileSystem, tmp_path: Path) -> None:
    assert fs.location == r"C:\Users\Administrator"
    assert fs.resolve("cert.req") == tmp_path / "fs" / "EXCH01" / "C" / "Users" / "Administrator" / "cert.req"
    assert str(fs.full_path(r"..\..\..\..\x")) == r"C:\x"
    assert str(fs.full_path("/temp/a.cer")) == r"C:\temp\a.cer"


def test_unc_path_maps_to_the_share_with_a_case_insensitive_host(fs: LabFileSystem, tmp_path: Path) -> None:
    fs.write_bytes(r"\\FILESRV01\share\x.pfx", b"pfx")
    assert (tmp_path / "fs" / "unc" / "filesrv01" / "share" / "x.pfx").read_bytes() == b"pfx"
    assert fs.read_bytes(r"\\filesrv01\SHARE\x.pfx") == b"pfx"
    assert fs.to_windows(fs.resolve(r"\\FILESRV01\share\x.pfx")) == r"\\filesrv01\share\x.pfx"


def test_dot_dot_cannot_climb_out_of_a_share(fs: LabFileSystem, tmp_path: Path) -> None:
    resolved = fs.resolve(r"\\HOST\share\..\..\..\secret")
    assert resolved == tmp_path / "fs" / "unc" / "host" / "share" / "secret"


def test_symlink_inside_the_lab_is_refused(fs: LabFileSystem, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root")
    os.symlink(outside, tmp_path / "fs" / "EXCH01" / "C" / "escape")
    with pytest.raises(LabPathError, match="symbolic link"):
        fs.read_bytes(r"C:\escape\passwd")


@pytest.mark.parametrize("name", ["CON", "nul", "COM1", "lpt9", "CON.txt", r"certs\AUX.req", "PRN "])
def test_device_names_are_refused(fs: LabFileSystem, name: str) -> None:
    with pytest.raises(LabPathError, match="device"):
        fs.resolve("C:\\" + name)


def test_an_unknown_drive_gets_powershells_message(fs: LabFileSystem) -> None:
    with pytest.raises(LabPathError) as caught:
        fs.resolve(r"Q:\x")
    assert caught.value.message == "Cannot find drive. A drive with the name 'Q' does not exist."


def test_illegal_characters_are_refused(fs: LabFileSystem) -> None:
    with pytest.raises(LabPathError, match="Illegal characters"):
        fs.resolve(r"C:\certs\a|b.req")


def test_mount_maps_a_windows_prefix_to_a_host_folder(tmp_path: Path) -> None:
    host = tmp_path / "host"
    host.mkdir()
    (host / "in.cer").write_bytes(b"cert")
    fs = LabFileSystem(tmp_path / "lab", "EXCH01", mounts={r"C:\certs": host, "D:\\": host / "d"})
    assert fs.read_bytes(r"c:\CERTS\in.cer") == b"cert"
    assert fs.resolve(r"C:\certs\..\..\x") == tmp_path / "lab" / "fs" / "EXCH01" / "C" / "x"
    assert fs.resolve(r"C:\certs\sub\..\..\certs\in.cer") == host / "in.cer"
    assert fs.to_windows(host / "in.cer") == r"C:\certs\in.cer"
    (host / "d").mkdir()
    fs.write_bytes(r"D:\out.req", b"req")
    assert (host / "d" / "out.req").read_bytes() == b"req"
    with pytest.raises(LabPathError, match="drive with the name 'E'"):
        fs.resolve(r"E:\x")


def test_writing_into_a_missing_folder_fails_like_windows(fs: LabFileSystem) -> None:
    with pytest.raises(LabPathError) as caught:
        fs.write_bytes(r"C:\certificates\x.req", b"x")
    assert caught.value.message == r"Could not find a part of the path 'C:\certificates\x.req'."
    fs.write_bytes(r"C:\x.req", b"root exists")
    fs.write_bytes(r"C:\Users\Administrator\x.req", b"profile exists")
    fs.mkdir(r"C:\certificates\deep")
    fs.write_bytes(r"C:\certificates\deep\x.req", b"x")
    assert fs.read_bytes(r"c:\Certificates\DEEP\x.req") == b"x"


def test_reading_a_missing_file_names_it(fs: LabFileSystem) -> None:
    with pytest.raises(LabPathError) as caught:
        fs.read_bytes(r"C:\nothing.pfx")
    assert caught.value.message == r"Could not find file 'C:\nothing.pfx'."


def test_list_remove_and_exists(fs: LabFileSystem) -> None:
    fs.mkdir(r"C:\certs")
    fs.write_bytes(r"C:\certs\b.cer", b"b")
    fs.write_bytes(r"C:\certs\A.cer", b"a")
    assert fs.list_dir(r"C:\certs") == ["A.cer", "b.cer"]
    assert fs.exists(r"C:\certs\a.cer") and fs.is_dir(r"C:\certs")
    with pytest.raises(LabPathError, match="has children"):
        fs.remove(r"C:\certs")
    fs.remove(r"C:\certs\b.cer")
    assert not fs.exists(r"C:\certs\b.cer")
    fs.remove(r"C:\certs", recurse=True)
    assert not fs.exists(r"C:\certs")


def test_set_location_changes_relative_resolution(fs: LabFileSystem, tmp_path: Path) -> None:
    fs.mkdir(r"C:\work")
    fs.set_location(r"C:\work")
    assert fs.resolve("a.req") == tmp_path / "fs" / "EXCH01" / "C" / "work" / "a.req"
    with pytest.raises(LabPathError, match="does not exist"):
        fs.set_location(r"C:\missing")


def test_a_server_folder_replaced_by_a_symlink_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "C").mkdir(parents=True)
    (tmp_path / "lab" / "fs").mkdir(parents=True)
    os.symlink(outside, tmp_path / "lab" / "fs" / "MAIL1")
    with pytest.raises(LabPathError, match="symbolic link"):
        LabFileSystem(tmp_path / "lab", "MAIL1").resolve(r"C:\x.req")
    assert list(outside.rglob("*")) == [outside / "C"]  # nothing was created through the link


def test_symlinked_file_is_refused_even_as_the_last_component(fs: LabFileSystem, tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("s")
    os.symlink(tmp_path / "secret", tmp_path / "fs" / "EXCH01" / "C" / "link.txt")
    with pytest.raises(LabPathError, match="symbolic link"):
        fs.read_bytes(r"C:\LINK.TXT")


@pytest.mark.parametrize(
    "path", [r"\\..\..\lab.db", r"\\host\..\x", r"\\.\C:\x", r"\\?\C:\lab.db", r"\\host", r"\\ho:st\share\x", r"\\ \share"]
)
def test_unc_host_and_share_cannot_be_used_to_climb_or_reach_devices(fs: LabFileSystem, path: str) -> None:
    with pytest.raises(LabPathError):
        fs.resolve(path)
