"""RSA keys made in a child process, so a background refill never stalls the interpreter.

`cryptography` (50.x) holds the GIL for the whole of an RSA key generation: a refill thread in our
own process froze every cmdlet for 100–250 ms at a time. The child answers one request line
(`<bits>`) with a 4-byte big-endian length and the key as unencrypted PKCS#8 DER over its own
pipes, runs at a lower scheduling priority than the shell it serves, and ends when its input closes.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading
from typing import BinaryIO

from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.keys import generate_rsa_key, load_private_key_der, private_key_der

# Background work yields to the interactive process on a shared machine.
_CHILD_NICENESS = 10
_LENGTH = struct.Struct(">I")


class KeyProcessGone(RuntimeError):
    """The child ended or could not be started; callers fall back to generating in process."""


class KeyProcess:
    """A child process that generates RSA keys on request, one at a time; once stopped, it stays so."""

    def __init__(self) -> None:
        self._state = threading.Lock()  # guards _child and _stopped, never held while waiting
        self._exchange = threading.Lock()  # one request and its reply at a time
        self._child: subprocess.Popen[bytes] | None = None
        self._stopped = False

    @property
    def pid(self) -> int | None:
        child = self._child
        return child.pid if child is not None else None

    def generate(self, bits: int) -> rsa.RSAPrivateKey:
        """Blocks (without holding the GIL) until the child has made a key of `bits`."""
        with self._exchange:
            child = self._running_child()
            assert child.stdin is not None and child.stdout is not None
            try:
                child.stdin.write(f"{bits}\n".encode("ascii"))
                child.stdin.flush()
                header = _read_exactly(child.stdout, _LENGTH.size)
                der = _read_exactly(child.stdout, _LENGTH.unpack(header)[0])
            except (OSError, ValueError, KeyProcessGone) as error:
                with self._state:
                    self._stopped = True  # a child that failed once is not asked again
                raise KeyProcessGone(str(error)) from error
        return load_private_key_der(der)

    def stop(self) -> None:
        """Ends the child now; a key it was making is thrown away."""
        with self._state:
            self._stopped = True
            child, self._child = self._child, None
        if child is None:
            return
        child.kill()
        child.wait()
        # A generate() blocked on the pipe returns (at end of file) once the child is gone.
        with self._exchange:
            for stream in (child.stdin, child.stdout):
                if stream is not None:
                    stream.close()

    def _running_child(self) -> subprocess.Popen[bytes]:
        with self._state:
            if self._stopped:
                raise KeyProcessGone("the key process was stopped")
            if self._child is None:
                try:
                    self._child = subprocess.Popen(
                        [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL, close_fds=True,
                    )
                except OSError as error:
                    self._stopped = True
                    raise KeyProcessGone(str(error)) from error
            return self._child


def _read_exactly(stream: BinaryIO, count: int) -> bytes:
    data = stream.read(count)
    if data is None or len(data) != count:
        raise KeyProcessGone("the key process ended")
    return data


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """The child's loop: one key per request line until the input ends."""
    for line in requests:
        der = private_key_der(generate_rsa_key(int(line)))
        replies.write(_LENGTH.pack(len(der)) + der)
        replies.flush()


if __name__ == "__main__":
    try:
        os.nice(_CHILD_NICENESS)
    except OSError:
        pass
    serve(sys.stdin.buffer, sys.stdout.buffer)
