"""Conversation stories as data (tests/data/stories/*.yaml): each user turn with the expected intent, slots,
results and wording. Run by tests/bot/dialogue/test_stories.py against the real model; the runner is plain Python."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.dialogue.engine import Advisor
from bot.schemas import ChatReply

STORIES = Path(__file__).resolve().parents[2] / "data" / "stories"
_KEYS = {
    "user", "intent", "slots", "results", "results_include", "results_exclude", "results_exclude_previous",
    "focus_is_result", "text_contains", "text_excludes", "minutes_later",
}  # fmt: skip


@dataclass(frozen=True)
class Story:
    name: str
    title: str
    turns: list[dict[str, Any]]


def load_stories(folder: Path = STORIES) -> list[Story]:
    stories = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for turn in data["turns"]:
            unknown = set(turn) - _KEYS
            assert not unknown, f"{path.name}: unknown keys {unknown}"
            assert isinstance(turn["user"], str), f"{path.name}: quote {turn['user']!r} (YAML reads it as non-text)"
        stories.append(Story(path.stem, data["story"], data["turns"]))
    return stories


def _check_turn(turn: dict[str, Any], reply: ChatReply, previous_results: list[str], where: str) -> None:
    text = "\n".join(m.text for m in reply.messages)
    got = [r.id for r in reply.results]
    if "intent" in turn:
        assert reply.intent.name == turn["intent"], f"{where}: intent {reply.intent.name} ({reply.intent.confidence})"
    for name, value in (turn.get("slots") or {}).items():
        assert reply.slots.get(name) == value, f"{where}: slot {name}={reply.slots.get(name)!r}, wanted {value!r}"
    if "results" in turn:
        assert got == turn["results"], f"{where}: results {got}"
    for wanted in turn.get("results_include") or []:
        assert wanted in got, f"{where}: {wanted} not in results {got}"
    for unwanted in turn.get("results_exclude") or []:
        assert unwanted not in got, f"{where}: {unwanted} in results {got}"
    if turn.get("results_exclude_previous"):
        assert got and not set(got) & set(previous_results), f"{where}: page repeats {got} / {previous_results}"
    if "focus_is_result" in turn:
        position = turn["focus_is_result"]
        expected = previous_results[-1] if position == "last" else previous_results[int(position) - 1]
        assert reply.slots.get("focus") == expected, f"{where}: focus {reply.slots.get('focus')} != {expected}"
    for phrase in turn.get("text_contains") or []:
        assert phrase in text, f"{where}: {phrase!r} not in reply:\n{text}"
    for phrase in turn.get("text_excludes") or []:
        assert phrase not in text, f"{where}: {phrase!r} in reply:\n{text}"


def run_story(advisor: Advisor, story: Story, *, start: float = 1_000_000.0) -> None:
    session: str | None = None
    now = start
    shown: list[str] = []
    for number, turn in enumerate(story.turns, 1):
        now += 60 * float(turn.get("minutes_later", 1))
        reply = advisor.handle(session, turn["user"], now=now)
        session = reply.session_id
        _check_turn(turn, reply, shown, f"{story.name} turn {number} ({turn['user']!r})")
        if reply.results and reply.intent.name in ("search_credentials", "more_results"):
            shown = [r.id for r in reply.results]
