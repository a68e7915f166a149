"""In-process storage for the rate limits: ``limits``' MemoryStorage, without a thread start per request.

``limits.storage.MemoryStorage`` expires old events on a 10 ms ``threading.Timer`` that it re-creates from inside
every hit whenever the last one has finished: under steady traffic that is up to a hundred thread starts a second,
each on the event loop and each waiting for the new thread to run (7% of a worker's time at 32 concurrent turns,
measured with py-spy). Expiry only frees memory (a hit reads its own window's timestamps), so here one daemon thread
per storage sweeps every ``SWEEP_SECONDS`` instead, and ends when the storage is garbage-collected.
"""

from __future__ import annotations

import threading
import time
import weakref

from limits.storage import MemoryStorage

SWEEP_SECONDS = 1.0
# The name under which MemoryStorage calls its private scheduler and expiry (Python mangles ``__name``). A test checks
# that the installed ``limits`` still has them; without them this class would still be correct, only slower.
SCHEDULE = "_MemoryStorage__schedule_expiry"
EXPIRE = "_MemoryStorage__expire_events"


class SweptMemoryStorage(MemoryStorage):
    def __init__(self) -> None:
        super().__init__()
        sweeper = threading.Thread(target=_sweep, args=(weakref.ref(self),), name="rate-limit-expiry", daemon=True)
        sweeper.start()

    def _MemoryStorage__schedule_expiry(self) -> None:  # called by every hit: the sweeper does it instead
        return


def _sweep(ref: weakref.ref[SweptMemoryStorage]) -> None:
    while True:
        time.sleep(SWEEP_SECONDS)
        storage = ref()
        if storage is None:
            return
        getattr(storage, EXPIRE)()
        del storage
