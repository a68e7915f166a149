"""Dialogue evaluation: whole conversations, run through the real turn, checked only on what a person sees.

A set is YAML (``docs/dialogue-eval-format.md``): ``conversations``, each a list of ``turns`` whose optional
``expect`` names the intent, a title or provider the result cards must show, words the reply must or must never
contain, no hand-off, at least N cards or none. A conversation passes when every checked turn passes; the score
is the share of conversations that pass. Each conversation starts in a fresh conversation of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from bot.dialogue.intents import INTENTS
from bot.schemas import ChatReply

if TYPE_CHECKING:
    from bot.runtime import Runtime

EXPECT_KEYS = frozenset(
    {"intent", "results_show", "top_result", "says", "says_any", "never_says", "no_handoff", "cards", "no_cards"}
)
Turn = Callable[[str | None, str], ChatReply]  # (conversation id or None, message) -> reply


@dataclass(frozen=True)
class EvalTurn:
    user: str
    expect: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EvalConversation:
    id: str
    about: str
    turns: tuple[EvalTurn, ...]


@dataclass(frozen=True)
class TurnFailure:
    conversation: str
    turn: int  # 1-based
    user: str
    problems: tuple[str, ...]
    reply: str


@dataclass
class DialogueReport:
    total: int = 0
    passed: int = 0
    checked_turns: int = 0
    failed_turns: int = 0
    failures: list[TurnFailure] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "conversations": self.total,
            "passed": self.passed,
            "score": round(self.score, 4),
            "checked_turns": self.checked_turns,
            "failed_turns": self.failed_turns,
            "failed_conversations": sorted({f.conversation for f in self.failures}),
        }


def load_conversations(path: Path) -> list[EvalConversation]:
    """Read a set; raises ValueError naming the file, conversation and key of the first problem."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raw = data.get("conversations") if isinstance(data, dict) else None
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{path}: expected a top-level 'conversations' list")
    conversations: list[EvalConversation] = []
    seen: set[str] = set()
    for item in raw:
        cid = str(item.get("id") or "")
        if not cid or cid in seen:
            raise ValueError(f"{path}: every conversation needs a unique id (got {cid!r})")
        seen.add(cid)
        turns = []
        for number, turn in enumerate(item.get("turns") or [], 1):
            user = turn.get("user")
            if not isinstance(user, str) or not user.strip():
                raise ValueError(f"{path}: {cid} turn {number}: 'user' must be text (quote yes/no in YAML)")
            expect = dict(turn.get("expect") or {})
            unknown = set(expect) - EXPECT_KEYS
            if unknown:
                raise ValueError(f"{path}: {cid} turn {number}: unknown checks {sorted(unknown)}")
            for name in _as_list(expect.get("intent")):
                if name not in INTENTS:
                    raise ValueError(f"{path}: {cid} turn {number}: unknown intent {name!r}")
            turns.append(EvalTurn(user=user, expect=expect))
        if not turns:
            raise ValueError(f"{path}: {cid} has no turns")
        conversations.append(EvalConversation(id=cid, about=str(item.get("about") or ""), turns=tuple(turns)))
    return conversations


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def reply_text(reply: ChatReply) -> str:
    """Every message's text plus its buttons' titles: what the person reads."""
    parts: list[str] = []
    for message in reply.messages:
        parts.append(message.text)
        parts.extend(button.title for button in message.buttons)
    return "\n".join(parts)


def check_turn(expect: dict[str, Any], reply: ChatReply) -> list[str]:
    """The problems of ``reply`` against ``expect`` (empty when it passes)."""
    problems: list[str] = []
    text = reply_text(reply).lower()
    cards = [f"{card.title} | {card.provider}".lower() for card in reply.results]
    intents = _as_list(expect.get("intent"))
    if intents and reply.intent.name not in intents:
        problems.append(f"intent {reply.intent.name} ({reply.intent.confidence:.2f}), wanted {' or '.join(intents)}")
    for wanted in _as_list(expect.get("results_show")):
        if not any(str(wanted).lower() in card for card in cards):
            problems.append(f"no card shows {wanted!r}")
    if (top := expect.get("top_result")) and (not cards or str(top).lower() not in cards[0]):
        problems.append(f"first card is not {top!r}")
    for word in _as_list(expect.get("says")):
        if str(word).lower() not in text:
            problems.append(f"reply does not say {word!r}")
    if (options := _as_list(expect.get("says_any"))) and not any(str(word).lower() in text for word in options):
        problems.append(f"reply says none of {options}")
    for word in _as_list(expect.get("never_says")):
        if str(word).lower() in text:
            problems.append(f"reply says {word!r}")
    if expect.get("no_handoff") and reply.intent.name == "human_handoff":
        problems.append("handed off to a person")
    if (wanted_cards := expect.get("cards")) and len(reply.results) < int(wanted_cards):
        problems.append(f"{len(reply.results)} cards, wanted at least {wanted_cards}")
    if expect.get("no_cards") and reply.results:
        problems.append(f"{len(reply.results)} cards, wanted none")
    return problems


def evaluate_dialogue(turn: Turn, conversations: list[EvalConversation]) -> DialogueReport:
    """Run every conversation through ``turn``, each in a fresh conversation, and check every expected turn."""
    report = DialogueReport()
    for conversation in conversations:
        report.total += 1
        session: str | None = None
        failed = False
        for number, item in enumerate(conversation.turns, 1):
            reply = turn(session, item.user)
            session = reply.session_id
            if not item.expect:
                continue
            report.checked_turns += 1
            problems = check_turn(item.expect, reply)
            if problems:
                failed = True
                report.failed_turns += 1
                shown = reply_text(reply)
                if reply.results:
                    shown += "\n[cards] " + "; ".join(f"{c.title} ({c.provider})" for c in reply.results)
                report.failures.append(TurnFailure(conversation.id, number, item.user, tuple(problems), shown))
        if not failed:
            report.passed += 1
    return report


def service_turn(runtime: Runtime, *, cache_dir: Path | None = None) -> Turn:
    """The turn every channel takes (redaction included) on ``runtime``, with a fresh in-memory store and no rate
    limits (a set is many turns in a few seconds)."""
    from bot.dialogue.engine import Advisor
    from bot.runtime import query_embedder_id
    from bot.service import ChatService, RateLimiter
    from bot.store.base import MemoryStore

    advisor = Advisor.from_runtime(runtime, store=MemoryStore())
    advisor.warm_up(cache_dir, embedder_id=query_embedder_id(runtime.settings))
    unlimited = RateLimiter(session_limit="1000000/second", client_limit="1000000/second")
    service = ChatService(advisor, limiter=unlimited)

    def turn(session_id: str | None, text: str) -> ChatReply:
        return service.turn(channel="eval", session_id=session_id, text=text, issued_only=True)

    return turn
