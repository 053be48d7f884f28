"""Warm RSA keys: spares stored encrypted in the lab, a pool thread only once keys are taken."""

from __future__ import annotations

import shutil
from pathlib import Path

from exchange_sim.lab import Lab
from exchange_sim.lab.lab_key import LabSecret


def test_a_process_that_only_reads_starts_no_pool_thread(contoso_template: Path, tmp_path: Path) -> None:
    shutil.copytree(contoso_template, tmp_path / "lab")
    lab = Lab.open(tmp_path / "lab")
    try:
        lab.servers()
        for server in lab.servers():
            lab.store(server, "My").list()
            lab.private_key(server, lab.store(server, "My").list()[0].thumbprint)
        assert not lab.key_pool_running
    finally:
        lab.close()


def test_stored_spare_key_is_what_the_next_process_takes_first(contoso_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "lab"
    shutil.copytree(contoso_template, path)
    first = Lab.open(path)
    first.fill_spare_keys()
    first.close()

    # Read the oldest spare with the lab key, as a check independent of the supply's own code.
    reader = Lab.open(path)
    blob = reader._scope.db.execute("SELECT encrypted_key FROM spare_keys ORDER BY id LIMIT 1").fetchone()[0]
    oldest = LabSecret.load(path).open_key(bytes(blob))
    reader.close()

    second = Lab.open(path)
    try:
        taken = second.take_key(2048)
        assert taken.public_key().public_numbers() == oldest.public_key().public_numbers()
        other = second.take_key(2048)
        assert other.public_key().public_numbers() != taken.public_key().public_numbers()
        assert second.key_pool_running
    finally:
        second.close()


def test_keys_of_other_sizes_come_from_the_pool(contoso_copy: Lab) -> None:
    key = contoso_copy.take_key(1024)
    assert key.key_size == 1024
