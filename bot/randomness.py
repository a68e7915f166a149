"""Random ids without a system call each: session ids from a buffer of ``os.urandom``, request ids from a counter.

On these machines a system call costs tens of microseconds: ``uuid4()`` for a request id and ``token_urlsafe`` for a
session id were 10% of a worker's time under load (py-spy). The session id keeps its 128 bits from the kernel's
CSPRNG, read 4 KB at a time; a forked child drops the buffer it inherited (otherwise two processes would hand out the
same ids). A request id only needs to be unique in the logs: a random per-process prefix and a counter.
"""

from __future__ import annotations

import base64
import itertools
import os
import threading

_BUFFER_BYTES = 4096


class _Entropy:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buffer = b""
        self._offset = 0

    def take(self, n: int) -> bytes:
        with self._lock:
            if self._offset + n > len(self._buffer):
                self._buffer, self._offset = os.urandom(max(_BUFFER_BYTES, n)), 0
            chunk = self._buffer[self._offset : self._offset + n]
            self._offset += n
            return chunk

    def forget(self) -> None:
        self._lock = threading.Lock()  # a lock held by another thread at fork time would never be released
        self._buffer, self._offset = b"", 0


_entropy = _Entropy()


def token_urlsafe(nbytes: int) -> str:
    """As ``secrets.token_urlsafe``: ``nbytes`` random bytes, URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(_entropy.take(nbytes)).rstrip(b"=").decode("ascii")


class _RequestIds:
    def __init__(self) -> None:
        self.reseed()

    def reseed(self) -> None:
        self._prefix = os.urandom(8).hex()
        self._counter = itertools.count()

    def next(self) -> str:
        return f"{self._prefix}{next(self._counter):016x}"  # 32 hex digits, like uuid4().hex


_request_ids = _RequestIds()


def request_id() -> str:
    """A request id unique to this process's lifetime and, with its random prefix, across processes."""
    return _request_ids.next()


def _after_fork() -> None:
    _entropy.forget()
    _request_ids.reseed()


os.register_at_fork(after_in_child=_after_fork)
