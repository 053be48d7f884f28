from __future__ import annotations

from datetime import datetime

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.formatting import ViewTable, format_default
from exchange_sim.windows.file_items import DirectoryInfo, FileInfo
from exchange_sim.windows.views import last_write_cell, register_views
from exchange_sim.windows.x509 import X509Certificate2


def _views() -> ViewTable:
    views = ViewTable()
    register_views(views)
    return views


def test_files_print_as_the_51_mode_table_under_their_directory() -> None:
    moment = datetime(2026, 11, 28, 17, 5)
    items = [
        DirectoryInfo("C:\\certs\\old", "C:\\certs", True, 0, moment),
        FileInfo("C:\\certs\\mail.pfx", "C:\\certs", False, 2650, datetime(2026, 1, 2, 9, 30)),
    ]
    text = format_default(items, _views())
    assert text.startswith("\n\n    Directory: C:\\certs\n\n\nMode ")
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert lines[1] == "Mode                LastWriteTime         Length Name"
    assert lines[2] == "----                -------------         ------ ----"
    assert lines[3] == "d-----       11/28/2026   5:05 PM                old"
    assert lines[4] == "-a----         1/2/2026   9:30 AM           2650 mail.pfx"


def test_a_recursive_listing_starts_a_table_per_directory() -> None:
    moment = datetime(2026, 11, 28, 17, 5)
    items = [
        DirectoryInfo("C:\\certs\\old", "C:\\certs", True, 0, moment),
        FileInfo("C:\\certs\\old\\2019.pfx", "C:\\certs\\old", False, 10, moment),
    ]
    text = format_default(items, _views())
    assert "old\n\n\n    Directory: C:\\certs\\old\n\n\nMode " in "\n".join(line.rstrip() for line in text.splitlines())
    assert text.count("Mode                LastWriteTime") == 2


def test_last_write_cell_uses_short_date_and_time() -> None:
    item = FileInfo("C:\\a.txt", "C:\\", False, 1, datetime(2026, 12, 31, 0, 7))
    assert last_write_cell(item) == "12/31/2026  12:07 AM"


def test_certificates_print_as_thumbprint_and_subject_under_their_store(pristine_lab_dir) -> None:  # type: ignore[no-untyped-def]
    with Lab.open(pristine_lab_dir) as lab:
        entry = lab.store("EXCH01", "My").list()[0]
    certificate = X509Certificate2.from_store_entry(entry)
    text = format_default([certificate], _views())
    assert text.startswith("\n   PSParentPath: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My\n\nThumbprint ")
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert lines[1] == "Thumbprint                                Subject"
    assert lines[3] == f"{entry.thumbprint}  {certificate.subject}"
