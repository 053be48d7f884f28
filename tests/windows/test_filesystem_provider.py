"""The FileSystem provider end to end: scripts run through a lab session as `exchange-sim run` runs them, and
the lab's folders (fs/EXCH01/C/...) show what they did."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.objects import get_property


def _c_drive(lab: Lab) -> Path:
    return lab.path / "fs" / "EXCH01" / "C"


def test_new_item_creates_folders_and_files_with_value(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("New-Item -ItemType Directory -Path C:\\certs\\deep | Out-Null\n"
           "New-Item C:\\certs\\note.txt -ItemType File -Value 'renew in March' | Out-Null")
    assert (_c_drive(lab) / "certs" / "deep").is_dir()
    assert (_c_drive(lab) / "certs" / "note.txt").read_text() == "renew in March"
    assert ps.errors == ""


def test_new_item_on_an_existing_file_fails_unless_force(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\a.txt -ItemType File -Value one | Out-Null")
    ps.run("New-Item C:\\a.txt -ItemType File -Value two | Out-Null")
    assert "The file 'C:\\a.txt' already exists." in ps.errors
    assert "NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand" in ps.errors
    assert (_c_drive(lab) / "a.txt").read_text() == "one"
    ps.run("New-Item C:\\a.txt -ItemType File -Value two -Force | Out-Null")
    assert (_c_drive(lab) / "a.txt").read_text() == "two"


def test_new_item_in_a_missing_folder_needs_force(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\x\\y\\z.txt -ItemType File | Out-Null")
    assert "Could not find a part of the path 'C:\\x\\y\\z.txt'." in ps.errors
    assert not (_c_drive(lab) / "x").exists()
    ps.run("New-Item C:\\x\\y\\z.txt -ItemType File -Force | Out-Null")
    assert (_c_drive(lab) / "x" / "y" / "z.txt").is_file()


def test_test_path_answers_for_files_folders_and_path_types(shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\certs\\a.req -ItemType File -Force | Out-Null")
    assert ps.run("Test-Path C:\\certs\\a.req") == [True]
    assert ps.run("Test-Path C:\\certs\\a.req -PathType Leaf") == [True]
    assert ps.run("Test-Path C:\\certs\\a.req -PathType Container") == [False]
    assert ps.run("Test-Path C:\\certs -PathType Container") == [True]
    assert ps.run("Test-Path C:\\certs\\*.req") == [True]
    assert ps.run("Test-Path C:\\certs\\*.pfx") == [False]
    assert ps.run("Test-Path C:\\nothing") == [False]
    assert ps.run("Test-Path Q:\\x") == [False]
    assert ps.errors == ""


def test_test_path_is_valid_checks_only_the_spelling(shell) -> None:
    ps = shell()
    assert ps.run("Test-Path C:\\not\\there.txt -IsValid") == [True]
    assert ps.run("Test-Path 'C:\\bad|name' -IsValid") == [False]
    assert ps.run("Test-Path Q:\\x -IsValid") == [False]


def test_get_child_item_lists_folders_first_and_filters(shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\w\\b.txt -ItemType File -Force | Out-Null; New-Item C:\\w\\a.pfx -ItemType File | Out-Null;"
           "New-Item C:\\w\\sub\\c.txt -ItemType File -Force | Out-Null")
    assert ps.run("Get-ChildItem C:\\w -Name") == ["sub", "a.pfx", "b.txt"]
    assert ps.run("gci C:\\w -Filter *.txt -Name") == ["b.txt"]
    assert ps.run("dir C:\\w -Recurse -Filter *.txt | ForEach-Object { $_.FullName }") == [
        "C:\\w\\b.txt", "C:\\w\\sub\\c.txt"]
    assert ps.run("ls C:\\w -Directory -Name") == ["sub"]
    assert ps.run("ls C:\\w -File -Name") == ["a.pfx", "b.txt"]
    assert ps.run("Get-ChildItem C:\\w -Recurse -Include *.txt -Name") == ["b.txt", "c.txt"]
    assert ps.run("Get-ChildItem C:\\w\\*.pfx -Name") == ["a.pfx"]


def test_get_child_item_items_carry_file_properties(shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\w -ItemType Directory | Out-Null; Set-Content C:\\w\\a.txt abc")
    (item,) = ps.run("Get-ChildItem C:\\w")
    assert get_property(item, "FullName") == "C:\\w\\a.txt"
    assert get_property(item, "Length") == 5  # "abc" and CRLF
    assert get_property(item, "PSPath") == "Microsoft.PowerShell.Core\\FileSystem::C:\\w\\a.txt"


def test_get_item_of_a_missing_path_writes_path_not_found(shell) -> None:
    ps = shell()
    assert ps.run("Get-Item C:\\nowhere\\x.cer; 'after'") == ["after"]
    assert "Cannot find path 'C:\\nowhere\\x.cer' because it does not exist." in ps.errors
    assert "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand" in ps.errors


def test_remove_item_deletes_files_and_folders_with_recurse(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\t\\x\\y.txt -ItemType File -Force | Out-Null; New-Item C:\\t\\z.log -ItemType File | Out-Null")
    ps.run("Remove-Item C:\\t\\*.log")
    assert not (_c_drive(lab) / "t" / "z.log").exists()
    ps.run("Remove-Item C:\\t")
    assert (_c_drive(lab) / "t" / "x" / "y.txt").exists()  # children and no -Recurse: nothing removed
    assert "NonInteractive" in ps.errors
    ps.run("Remove-Item C:\\t -Recurse")
    assert not (_c_drive(lab) / "t").exists()
    ps.run("Remove-Item C:\\t")
    assert "PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand" in ps.errors


def test_copy_move_and_rename_items(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\src -ItemType Directory | Out-Null; Set-Content C:\\src\\a.cer data;"
           "New-Item C:\\dst -ItemType Directory | Out-Null")
    ps.run("Copy-Item C:\\src\\a.cer C:\\dst")
    ps.run("Move-Item C:\\dst\\a.cer C:\\dst\\b.cer")
    ps.run("Rename-Item C:\\dst\\b.cer c.cer")
    assert ps.errors == ""
    assert (_c_drive(lab) / "src" / "a.cer").exists()
    assert sorted(p.name for p in (_c_drive(lab) / "dst").iterdir()) == ["c.cer"]
    ps.run("Copy-Item C:\\src C:\\copy -Recurse")
    assert (_c_drive(lab) / "copy" / "a.cer").read_bytes() == (_c_drive(lab) / "src" / "a.cer").read_bytes()


def test_content_cmdlets_round_trip_bytes_and_text(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\c -ItemType Directory | Out-Null\n"
           "Set-Content C:\\c\\b.bin -Value ([byte[]](0,1,255)) -Encoding Byte\n"
           "Add-Content C:\\c\\t.txt one; Add-Content C:\\c\\t.txt two")
    assert (_c_drive(lab) / "c" / "b.bin").read_bytes() == b"\x00\x01\xff"
    assert ps.run("(Get-Content C:\\c\\b.bin -Encoding Byte -ReadCount 0).Length") == [3]
    assert ps.run("Get-Content C:\\c\\t.txt") == ["one", "two"]
    assert ps.run("Get-Content C:\\c\\t.txt -Raw") == ["one\r\ntwo\r\n"]
    ps.run("Get-Content C:\\c\\none.txt")
    assert "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand" in ps.errors


def test_set_content_into_a_missing_folder_is_directory_not_found(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("Set-Content C:\\nope\\x.txt 1")
    assert "Could not find a part of the path 'C:\\nope\\x.txt'." in ps.errors
    assert "GetContentWriterDirectoryNotFoundError,Microsoft.PowerShell.Commands.SetContentCommand" in ps.errors
    assert not (_c_drive(lab) / "nope").exists()


def test_out_file_and_csv_reach_the_lab(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("'report' | Out-File C:\\r.txt -Encoding ascii\n"
           "[pscustomobject]@{Name='EXCH01'; Days=30} | Export-Csv C:\\r.csv -NoTypeInformation")
    assert (_c_drive(lab) / "r.txt").read_bytes() == b"report\r\n"
    assert ps.run("(Import-Csv C:\\r.csv).Days") == ["30"]


def test_dotnet_file_statics_use_the_same_lab_files(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\n -ItemType Directory | Out-Null\n"
           "[System.IO.File]::WriteAllBytes('C:\\n\\k.bin', [byte[]](1,2,3))\n"
           "[IO.File]::WriteAllText('C:\\n\\t.txt', 'hi')")
    assert (_c_drive(lab) / "n" / "k.bin").read_bytes() == b"\x01\x02\x03"
    assert ps.run("[IO.File]::ReadAllText('C:\\n\\t.txt')") == ["hi"]
    assert ps.run("[IO.File]::Exists('C:\\n\\k.bin'); [IO.File]::Exists('C:\\n\\no.bin')") == [True, False]
    assert ps.run("[IO.Directory]::Exists('C:\\n')") == [True]
    assert ps.run("(Get-Content C:\\n\\k.bin -Encoding Byte) -join ','") == ["1,2,3"]


def test_paths_never_leave_the_lab(lab: Lab, shell) -> None:
    ps = shell()
    outside = lab.path.parent / "outside.txt"
    ps.run("Set-Content C:\\..\\..\\..\\outside.txt escaped")
    assert not outside.exists()
    assert (_c_drive(lab) / "outside.txt").read_text().strip() == "escaped"  # `..` clamps at C:\
    assert ps.run("Test-Path C:\\CON") == [False]
    ps.run("Set-Content C:\\NUL.txt x")
    assert "device" in ps.errors
    ps.run("Get-ChildItem D:\\")
    assert "Cannot find drive. A drive with the name 'D' does not exist." in ps.errors


def test_a_planted_link_is_not_followed(lab: Lab, shell, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.txt").write_text("s")
    (_c_drive(lab) / "link").symlink_to(secret)
    ps = shell()
    assert ps.run("Test-Path C:\\link\\key.txt") == [False]
    ps.run("Get-Content C:\\link\\key.txt")
    assert "symbolic link" in ps.errors or "does not exist" in ps.errors


def test_mount_maps_a_windows_prefix_to_a_host_folder(tmp_path: Path, shell) -> None:
    host_dir = tmp_path / "share"
    host_dir.mkdir()
    (host_dir / "in.cer").write_bytes(b"CER")
    ps = shell(mounts=[("D:\\certs", host_dir)])
    assert ps.run("Get-ChildItem D:\\certs -Name") == ["in.cer"]
    ps.run("Copy-Item D:\\certs\\in.cer D:\\certs\\out.cer")
    assert (host_dir / "out.cer").read_bytes() == b"CER"
    ps.run("Get-ChildItem D:\\other")
    assert "Cannot find path 'D:\\other' because it does not exist." in ps.errors


def test_mount_option_of_run_works_end_to_end(tmp_path: Path) -> None:
    host_dir = tmp_path / "drop"
    host_dir.mkdir()
    exe = Path(sys.executable).with_name("exchange-sim")
    script = "Set-Content C:\\drop\\hello.txt 'from the lab'; (Get-ChildItem C:\\drop).Name"
    result = subprocess.run([str(exe), "run", "--lab", str(tmp_path / "lab"), "--mount", f"C:\\drop={host_dir}",
                             "--command", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "hello.txt"
    assert (host_dir / "hello.txt").read_text(encoding="utf-8-sig").strip() == "from the lab"


def test_mkdir_makes_a_folder_and_its_parents(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("mkdir C:\\certs\\2026 | Out-Null; md C:\\logs | Out-Null")
    assert (_c_drive(lab) / "certs" / "2026").is_dir() and (_c_drive(lab) / "logs").is_dir()


def test_a_server_has_the_folders_scripts_expect(shell) -> None:
    ps = shell()
    assert ps.run("Test-Path $env:TEMP -PathType Container; Test-Path C:\\Windows\\Temp; "
                  "Test-Path (Join-Path $env:ExchangeInstallPath 'Bin') -IsValid; Test-Path $env:ExchangeInstallPath") \
        == [True, True, True, True]


def test_standard_folders_are_not_created_in_a_mount(tmp_path: Path, shell) -> None:
    host_dir = tmp_path / "windows"
    host_dir.mkdir()
    shell(mounts=[("C:\\Windows", host_dir)])
    assert list(host_dir.iterdir()) == []
