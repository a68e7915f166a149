"""The analytics in the messaging channels: the notice once per conversation, the opt-out word, Telegram feedback.

Plain Python on the channels' shared state (``bot.channels.state``); the channels call these in one or two lines.
Telegram and SMS say the notice once, in the first reply, with the word that opts out; SMS gets no feedback prompt
(each extra text costs the person).
"""

from __future__ import annotations

import logging
from typing import Any

from bot.channels.state import ChannelState
from bot.insights.recorder import FeedbackRefused
from bot.schemas import ChatReply
from bot.service import ChatService, RateLimited

logger = logging.getLogger(__name__)

OPT_OUT_WORD = "PRIVATE"
NOTICE = (
    f"Anonymous usage is counted to help local schools improve their training offers. Reply {OPT_OUT_WORD} to opt out."
)
OPTED_OUT = "Done: nothing you send here is counted any more. Ask me about training whenever you like."
FEEDBACK_THANKS = "Thanks, that helps us improve."
FEEDBACK_GONE = "Thanks, but that answer can no longer be rated."
FEEDBACK_PREFIX = "fb:"
REMEMBER = 365 * 86400.0  # the notice and an opt-out are remembered for a year
# Replies that answer a question (feedback is offered on these, not on "hello" or "thanks").
ANSWER_INTENTS = frozenset(
    {"search_credentials", "more_results", "credential_details", "explain_microcredentials", "cost_and_funding",
     "enrolment", "eligibility", "stacking", "digital_credential", "list_providers"}
)  # fmt: skip


def _service(app_state: Any) -> ChatService | None:
    service = getattr(app_state, "service", None)
    return service if isinstance(service, ChatService) else None


def analytics_on(app_state: Any) -> bool:
    service = _service(app_state)
    return service is not None and service.insights.enabled


def is_opt_out(text: str) -> bool:
    return " ".join(text.lower().strip(" .!").split()) in {OPT_OUT_WORD.lower(), f"{OPT_OUT_WORD.lower()} please"}


def opt_out(state: ChannelState, conversation: str) -> None:
    state.put(f"insights-optout:{conversation}", "1", ttl=REMEMBER)


def opted_out(state: ChannelState, conversation: str) -> bool:
    return state.get(f"insights-optout:{conversation}") is not None


def notice_once(app_state: Any, state: ChannelState, conversation: str) -> str | None:
    """The analytics notice the first time this conversation is answered (analytics on), else None."""
    if not analytics_on(app_state):
        return None
    return NOTICE if state.claim(f"insights-told:{conversation}", ttl=REMEMBER) else None


def feedback_buttons(reply: ChatReply) -> list[dict[str, str]]:
    """Telegram's two buttons under an answer that can be rated (callback data well under 64 bytes)."""
    if not reply.turn_id or reply.intent.name not in ANSWER_INTENTS:
        return []
    return [
        {"text": "👍 Helpful", "callback_data": f"{FEEDBACK_PREFIX}y:{reply.turn_id}"},
        {"text": "👎 Not helpful", "callback_data": f"{FEEDBACK_PREFIX}n:{reply.turn_id}"},
    ]


def record_button(app_state: Any, conversation: str, data: str, *, channel: str) -> str:
    """A press of a feedback button: recorded for that turn of this conversation; the words to answer with."""
    service = _service(app_state)
    _, _, rest = data.partition(FEEDBACK_PREFIX)
    answer, _, turn_id = rest.partition(":")
    if service is None or answer not in {"y", "n"}:
        return FEEDBACK_GONE
    try:
        service.limiter.hit("conversation", conversation)
        service.insights.feedback(
            session_id=conversation, turn_id=turn_id, helpful=answer == "y", comment=None, channel=channel
        )
    except (FeedbackRefused, RateLimited) as exc:
        logger.info("channel feedback not recorded: %s", exc)
        return FEEDBACK_GONE
    return FEEDBACK_THANKS
