"""Analytics events: one per turn, nothing personal in them, opt-out honoured, a broken file never fails a turn."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.insights.events import Event, outcome_of
from bot.insights.keys import Keys
from bot.insights.writer import EventWriter
from tests.insights.conftest import read_events


@pytest.mark.parametrize(
    ("intent", "results", "cosine", "expected"),
    [
        ("search_credentials", 0, None, "no_result"),
        ("search_credentials", 3, 0.1, "weak_result"),
        ("search_credentials", 3, 0.6, "answered"),
        ("out_of_scope", 0, None, "fallback"),
        ("nlu_fallback", 0, None, "fallback"),
        ("human_handoff", 0, None, "handoff"),
        ("cost_and_funding", 0, None, "answered"),
    ],
)
def test_outcome_of_is_bounded(intent: str, results: int, cosine: float | None, expected: str) -> None:
    assert outcome_of(intent, results=results, top_cosine=cosine, weak_below=0.25) == expected


def test_turn_writes_one_event_without_personal_data(insights_client: TestClient, tmp_path: Path) -> None:
    reply = insights_client.post(
        "/chat",
        json={
            "message": "beekeeping, write to jo.doe@example.org or 905-555-0199",
            "metadata": {"lang": "fr", "x": "y"},
        },
    ).json()
    assert reply["turn_id"]
    assert "dense_score" not in reply["results"][0] if reply["results"] else True
    events = read_events(tmp_path / "data")
    assert len(events) == 1
    event = events[0]
    assert event["kind"] == "turn" and event["channel"] == "chat" and event["lang"] == "fr"
    assert event["turn_id"] == reply["turn_id"] and event["hour"] % 3600 == 0
    raw = str(events)
    for secret in ("jo.doe", "example.org", "905", "0199", reply["session_id"], "'x'"):
        assert secret not in raw


def test_opted_out_turn_makes_no_event(insights_client: TestClient, tmp_path: Path) -> None:
    reply = insights_client.post("/chat", json={"message": "welding", "metadata": {"analytics": "off"}}).json()
    assert reply["turn_id"] is None
    assert read_events(tmp_path / "data") == []


def test_conversation_key_rotates_daily_and_turn_ids_bind_the_conversation() -> None:
    keys = Keys(b"k" * 32)
    day1, day2 = 1_780_000_000.0, 1_780_000_000.0 + 86400
    assert keys.conversation_key("abc", now=day1) == keys.conversation_key("abc", now=day1 + 60)
    assert keys.conversation_key("abc", now=day1) != keys.conversation_key("abc", now=day2)
    turn = keys.new_turn_id("abc")
    assert keys.turn_of("abc", turn) and not keys.turn_of("abd", turn) and not keys.turn_of("abc", turn + "x")


def test_broken_event_file_is_counted_and_the_turn_still_answers(insights_client: TestClient, tmp_path: Path) -> None:
    events_dir = tmp_path / "data" / "insights" / "events"
    events_dir.parent.mkdir(parents=True, exist_ok=True)
    events_dir.write_text("not a folder")  # every append now fails
    response = insights_client.post("/chat", json={"message": "cybersecurity"})
    assert response.status_code == 200 and response.json()["messages"]
    assert response.json()["turn_id"] is None
    metrics = insights_client.get("/metrics").text
    assert "advisor_insights_write_errors_total" in metrics


def test_writer_rotates_by_day_and_drops_days_past_retention(tmp_path: Path) -> None:
    writer = EventWriter(tmp_path, retention_days=2, host="h")
    event = Event(kind="turn", hour=0, conversation="c", turn_id="t", channel="chat")
    now = time.time()
    assert writer.append(event, now=now - 5 * 86400)
    assert writer.append(event, now=now)
    writer.close()
    days = sorted(p.name for p in (tmp_path / "events").iterdir())
    assert days == [f"day={time.strftime('%Y-%m-%d', time.gmtime(now))}"]


def test_append_costs_under_two_percent_of_a_turn(tmp_path: Path) -> None:
    """The median fast-tier turn is ~1 ms of Python (the real model adds more); an append must stay far below 2%."""
    writer = EventWriter(tmp_path, retention_days=30)
    event = Event(kind="turn", hour=0, conversation="c" * 20, turn_id="t" * 28, channel="chat", results=["a", "b"])
    writer.append(event)
    runs = []
    for _ in range(2000):
        started = time.perf_counter()
        writer.append(event)
        runs.append(time.perf_counter() - started)
    writer.close()
    runs.sort()
    assert runs[len(runs) // 2] < 100e-6, f"median append {runs[len(runs) // 2] * 1e6:.1f} µs"


def test_a_short_insights_secret_is_refused_with_how_to_make_one(tmp_path: Path) -> None:
    from pydantic import ValidationError

    from tests.conftest import make_settings

    with pytest.raises(ValidationError, match=r"secrets\.token_urlsafe"):
        make_settings(tmp_path, insights_secret="short")
