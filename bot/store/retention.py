"""Retention that runs by itself: the service purges conversations idle past ``ADVISOR_RETENTION_DAYS``.

Every worker wakes up now and then and asks the store to claim the purge (``claim_purge``): one purge at a time
across the workers and hosts sharing the store (a file lock beside the SQLite database, a Redis key), and at most one
every ``ADVISOR_PURGE_EVERY_MINUTES``. The purge runs in a thread of its own, never in the turns' threads.
``advisor purge`` does the same once, for operators who prefer cron.
"""

from __future__ import annotations

import logging
import time

import anyio
from anyio import CapacityLimiter
from anyio.to_thread import run_sync

from bot.store.base import ConversationStore, StoreError

logger = logging.getLogger(__name__)

MAX_NAP_SECONDS = 300.0  # how often a worker asks whether a purge is due (the claim decides who purges)


def purge_if_due(store: ConversationStore, *, retention_days: int, every_seconds: float) -> int | None:
    """Purge now if no other worker is purging and none purged in the last ``every_seconds``; how many
    conversations were removed (None: not this worker's turn)."""
    with store.claim_purge(every_seconds) as due:
        if not due:
            return None
        removed = store.purge(time.time() - retention_days * 86400)
    logger.info("retention purge removed %d conversation(s) idle over %d day(s)", removed, retention_days)
    return removed


async def purge_forever(store: ConversationStore, *, retention_days: int, every_minutes: int) -> None:
    """The lifespan's background task: check at start, then every few minutes, until cancelled."""
    every = every_minutes * 60.0
    limiter = CapacityLimiter(1)
    while True:
        try:
            await run_sync(
                lambda: purge_if_due(store, retention_days=retention_days, every_seconds=every), limiter=limiter
            )
        except StoreError as exc:
            logger.warning("retention purge failed (%s); retrying later", exc.reason)
        except Exception:  # the schedule must outlive any one failure
            logger.exception("retention purge failed; retrying later")
        await anyio.sleep(min(every, MAX_NAP_SECONDS))
