"""What the chat service calls after every turn, and what feedback goes through.

``Insights.after_turn`` is the one hook in a turn: it classifies the outcome (always: it is also a metrics label)
and, when analytics are on and the person has not opted out, appends the turn's event and gives the reply its
``turn_id`` (the handle feedback needs). It never raises: an analytics failure must not cost a person an answer.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from bot.insights.events import (
    MAX_COMMENT_CHARS,
    MAX_TEXT_CHARS,
    SEARCH_INTENT,
    TEXT_OUTCOMES,
    Event,
    Outcome,
    clip,
    filters_of,
    hour_of,
    language_of,
    opted_out,
    outcome_of,
)
from bot.insights.keys import Keys, load_secret
from bot.insights.writer import EventWriter
from bot.privacy import redact

if TYPE_CHECKING:
    from bot.schemas import ChatReply
    from bot.settings import Settings

logger = logging.getLogger(__name__)

INSIGHTS_DIR = "insights"
# Calibrated on tests/data (README, "Insights for institutions"): the top dense cosine of a search below this is a
# weak result, i.e. nothing we know of is really about what was asked.
DEFAULT_WEAK_BELOW = 0.25


class FeedbackRefused(Exception):
    """Feedback that cannot be taken; ``reason`` says why (analytics off, or not a turn of this conversation)."""

    def __init__(self, reason: str, *, status: int = 404) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class Insights:
    def __init__(self, *, writer: EventWriter | None, keys: Keys | None, weak_below: float = DEFAULT_WEAK_BELOW):
        self.writer = writer
        self.keys = keys
        self.weak_below = weak_below

    @classmethod
    def off(cls, *, weak_below: float = DEFAULT_WEAK_BELOW) -> Insights:
        """Outcomes only (for the metrics); no event is written and no turn id issued."""
        return cls(writer=None, keys=None, weak_below=weak_below)

    @classmethod
    def from_settings(cls, settings: Settings) -> Insights:
        if not settings.analytics:
            return cls.off(weak_below=settings.weak_result_cosine)
        directory = settings.data_dir / INSIGHTS_DIR
        secret = settings.insights_secret.get_secret_value() if settings.insights_secret else None
        keys = Keys(load_secret(secret, directory))
        writer = EventWriter(directory, retention_days=settings.retention_days)
        return cls(writer=writer, keys=keys, weak_below=settings.weak_result_cosine)

    @property
    def enabled(self) -> bool:
        return self.writer is not None

    def after_turn(
        self,
        *,
        channel: str,
        reply: ChatReply,
        text: str,
        metadata: dict[str, Any] | None,
        latency_ms: float,
        now: float | None = None,
    ) -> Outcome:
        """The turn's outcome; its event appended (and ``reply.turn_id`` set) unless analytics are off for it."""
        cosines = [r.dense_score for r in reply.results if r.dense_score is not None]
        top = max(cosines) if cosines else None
        intent = reply.intent.name
        outcome = outcome_of(
            intent, results=len(reply.results), top_cosine=top, weak_below=self.weak_below, unmet=reply.unmet
        )
        if self.writer is None or self.keys is None or opted_out(metadata):
            return outcome
        try:
            now = time.time() if now is None else now
            turn_id = self.keys.new_turn_id(reply.session_id)
            filters = filters_of(reply.slots if intent == SEARCH_INTENT else {})
            event = Event(
                kind="turn",
                hour=hour_of(now),
                conversation=self.keys.conversation_key(reply.session_id, now=now),
                turn_id=turn_id,
                channel=channel,
                lang=language_of(metadata),
                intent=intent,
                confidence=reply.intent.confidence,
                outcome=outcome,
                results=[r.id for r in reply.results],
                scores=[round(r.score, 4) for r in reply.results],
                top_cosine=None if top is None else round(top, 4),
                latency_ms=round(latency_ms, 1),
                text=clip(text, MAX_TEXT_CHARS) if outcome in TEXT_OUTCOMES else None,
                area=filters["area"],
                provider=filters["provider"],
                cost=filters["cost"],
                delivery=filters["delivery"],
                status=filters["status"],
            )
            if self.writer.append(event, now=now):
                reply.turn_id = turn_id
        except Exception:
            logger.exception("analytics event not recorded")
        return outcome

    def feedback(
        self,
        *,
        session_id: str,
        turn_id: str,
        helpful: bool,
        comment: str | None,
        channel: str,
        now: float | None = None,
    ) -> None:
        """Record a person's rating of one answer of their own conversation (the comment redacted)."""
        if self.writer is None or self.keys is None:
            raise FeedbackRefused("feedback is not collected on this server (ADVISOR_ANALYTICS is off)")
        if not self.keys.turn_of(session_id, turn_id):
            raise FeedbackRefused("no such turn in this conversation; send the turn_id of a reply to this session_id")
        now = time.time() if now is None else now
        note = clip(redact(comment), MAX_COMMENT_CHARS) if comment and comment.strip() else None
        event = Event(
            kind="feedback",
            hour=hour_of(now),
            conversation=self.keys.conversation_key(session_id, now=now),
            turn_id=turn_id,
            channel=channel,
            helpful=helpful,
            comment=note,
        )
        if not self.writer.append(event, now=now):
            raise FeedbackRefused("feedback could not be saved right now; try again in a minute", status=503)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
