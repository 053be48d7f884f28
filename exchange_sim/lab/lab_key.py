"""The per-lab secret (`DIR/lab.key`, mode 0600) that encrypts private keys and passwords at rest."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.keys import PrivateKeyDataInvalid, decrypt_private_key, encrypt_private_key
from exchange_sim.lab.errors import LabError

LAB_KEY_FILE = "lab.key"


class LabSecret:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret
        self._fernet = Fernet(secret)

    @classmethod
    def create(cls, lab_dir: Path) -> LabSecret:
        secret = Fernet.generate_key()
        path = lab_dir / LAB_KEY_FILE
        # O_EXCL: never overwrite the key of an existing lab, which would orphan its keys.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secret)
        os.chmod(path, 0o600)  # the umask may have narrowed it; make the mode exact
        return cls(secret)

    @classmethod
    def load(cls, lab_dir: Path) -> LabSecret:
        path = lab_dir / LAB_KEY_FILE
        try:
            secret = path.read_bytes().strip()
        except OSError as error:
            raise LabError(f"The lab key '{path}' cannot be read: {error.strerror}") from error
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise LabError(
                f"The lab key '{path}' is readable by other users (mode {mode:04o}); "
                f"run: chmod 600 '{path}'"
            )
        try:
            return cls(secret)
        except ValueError as error:
            raise LabError(f"The lab key '{path}' is damaged") from error

    def seal_key(self, key: rsa.RSAPrivateKey) -> bytes:
        return encrypt_private_key(key, self._secret)

    def open_key(self, blob: bytes) -> rsa.RSAPrivateKey:
        try:
            return decrypt_private_key(blob, self._secret)
        except PrivateKeyDataInvalid as error:
            raise LabError("A stored private key cannot be opened with this lab's lab.key") from error

    def seal_text(self, text: str) -> bytes:
        return self._fernet.encrypt(text.encode("utf-8"))

    def open_text(self, blob: bytes) -> str:
        try:
            return self._fernet.decrypt(blob).decode("utf-8")
        except InvalidToken as error:
            raise LabError("A stored password cannot be opened with this lab's lab.key") from error
