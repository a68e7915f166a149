"""The dialogue evaluation: its checks fail exactly when what a person sees is wrong; sets are validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.dialogue.conversation_eval import check_turn, evaluate_dialogue, load_conversations, reply_text, service_turn
from bot.runtime import Runtime
from bot.schemas import Button, ChatReply, Intent, Message, ResultCard


def make_reply(*, intent: str = "search_credentials", text: str = "", cards: tuple[str, ...] = ()) -> ChatReply:
    results = [
        ResultCard(id=f"r{n}", title=title, provider="Durham College", area="Trades", cost="Not published",
                   status="Offered", delivery="Not published", duration="Not published", url="https://x.ca", score=1.0)
        for n, title in enumerate(cards)
    ]  # fmt: skip
    messages = [Message(text=text, buttons=[Button(title="Start over", payload="/restart")])]
    return ChatReply(session_id="s" * 22, intent=Intent(name=intent, confidence=0.9), messages=messages,
                     results=results)  # fmt: skip


@pytest.mark.parametrize(
    ("expect", "reply", "fails"),
    [
        ({"intent": "greet"}, make_reply(intent="greet"), False),
        ({"intent": ["greet", "help"]}, make_reply(intent="thank"), True),
        ({"results_show": ["feeding"]}, make_reply(cards=("Feeding",)), False),
        ({"results_show": ["Durham College"]}, make_reply(cards=("Feeding",)), False),  # the provider counts
        ({"results_show": ["PPE"]}, make_reply(cards=("Feeding",)), True),
        ({"top_result": "PPE"}, make_reply(cards=("Feeding", "Donning and doffing PPE")), True),
        ({"top_result": "PPE"}, make_reply(), True),
        ({"says": ["not published"]}, make_reply(text="Its cost is NOT PUBLISHED."), False),
        ({"says": ["free"]}, make_reply(text="Its cost is not published."), True),
        ({"says": ["start over"]}, make_reply(text="Anything else?"), False),  # button titles are read too
        ({"says_any": ["check", "ask"]}, make_reply(text="Ask the school."), False),
        ({"says_any": ["check", "ask"]}, make_reply(text="It is free."), True),
        ({"never_says": ["free"]}, make_reply(text="It is free."), True),
        ({"no_handoff": True}, make_reply(intent="human_handoff"), True),
        ({"no_handoff": True}, make_reply(intent="search_credentials"), False),
        ({"cards": 1}, make_reply(), True),
        ({"cards": 2}, make_reply(cards=("a", "b")), False),
        ({"no_cards": True}, make_reply(cards=("a",)), True),
        ({"no_cards": True}, make_reply(), False),
    ],
)
def test_check_turn_fails_exactly_when_the_reply_is_wrong(expect: dict, reply: ChatReply, fails: bool) -> None:
    assert bool(check_turn(expect, reply)) is fails


def test_reply_text_joins_messages_and_button_titles() -> None:
    assert reply_text(make_reply(text="Hello")) == "Hello\nStart over"


def test_evaluate_dialogue_scores_whole_conversations(tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text(
        "conversations:\n"
        "  - id: a\n    turns:\n      - user: hi\n        expect: {intent: greet}\n      - user: more\n"
        "  - id: b\n    turns:\n      - user: hi\n      - user: bye\n        expect: {intent: goodbye}\n",
        encoding="utf-8",
    )
    seen: list[tuple[str | None, str]] = []

    def turn(session: str | None, text: str) -> ChatReply:
        seen.append((session, text))
        return make_reply(intent="greet")

    report = evaluate_dialogue(turn, load_conversations(path))
    assert (report.total, report.passed, report.checked_turns, report.failed_turns) == (2, 1, 2, 1)
    assert report.score == 0.5
    assert [f.conversation for f in report.failures] == ["b"]
    # Each conversation starts fresh, and its later turns continue the conversation the first reply named.
    assert [s for s, _ in seen] == [None, "s" * 22, None, "s" * 22]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("turns: []", "top-level 'conversations'"),
        ("conversations:\n  - id: a\n    turns:\n      - user: hi\n        expect: {sayz: [x]}", "unknown checks"),
        ("conversations:\n  - id: a\n    turns:\n      - user: hi\n        expect: {intent: chat}", "unknown intent"),
        ("conversations:\n  - id: a\n    turns:\n      - user: yes", "must be text"),
        ("conversations:\n  - id: a\n    turns: []", "has no turns"),
        ("conversations:\n  - turns:\n      - user: hi", "unique id"),
    ],
)
def test_load_conversations_names_the_problem(tmp_path: Path, body: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        load_conversations(path)


def test_the_blind_sets_load() -> None:
    folder = Path(__file__).resolve().parents[2] / "data" / "dialogue_blind"
    assert len(load_conversations(folder / "open.yaml")) + len(load_conversations(folder / "sealed.yaml")) >= 60


@pytest.mark.real
@pytest.mark.parametrize("blind_set", ["dialogue_blind", "dialogue_blind10"])
def test_the_blind_open_half_through_the_real_turn(real_runtime: Runtime, blind_set: str) -> None:
    """The smoke run of the blind sets in ``make test`` (the first and the latest): the open half, through the turn
    every channel takes."""
    folder = Path(__file__).resolve().parents[2] / "data" / blind_set
    report = evaluate_dialogue(service_turn(real_runtime), load_conversations(folder / "open.yaml"))
    failures = "\n".join(f"{f.conversation} turn {f.turn} {f.user!r}: {'; '.join(f.problems)}" for f in report.failures)
    assert report.score >= 0.95, failures
