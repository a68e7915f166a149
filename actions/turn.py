"""The in-process channel from the advisor's turn to its actions: the query the turn has read (and embedded).

A rasa-sdk action sees a ``Tracker``, which holds JSON. When the advisor runs an action in its own process it has
already read the message (typos corrected, synonyms added, filters found) and maybe embedded it; the action takes
that from here instead of reading the text again. Set only around one action's ``run`` (a ``ContextVar``, so
concurrent turns never see each other's); a Rasa front end never sets it and the actions read the text themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from index.query import ParsedQuery


@dataclass(frozen=True)
class TurnQuery:
    """What to search for this turn: the text, as read, and its vector when the turn embedded that text."""

    text: str
    parsed: ParsedQuery | None = None
    vector: NDArray[np.float32] | None = None


_current: ContextVar[TurnQuery | None] = ContextVar("advisor_turn_query", default=None)


@contextmanager
def turn_query(query: TurnQuery | None) -> Iterator[None]:
    token = _current.set(query)
    try:
        yield
    finally:
        _current.reset(token)


def current_query() -> TurnQuery | None:
    """The query of the turn running this action in the advisor's process, or None (a Rasa server called)."""
    return _current.get()
