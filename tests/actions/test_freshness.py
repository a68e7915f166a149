"""Old facts are dated ("as of March 2026") and imported ones carry their licence; fresh ones are not dated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actions import freshness
from actions.details import answer_about
from bot.cli import app
from knowledge.ctdl.report import ImportReport
from knowledge.freshness import read_on, stale_records
from knowledge.schema import KnowledgeBase
from tests.knowledge.ctdl.samples import CYBER, IMPORT_DAY, PROGRAM

Imported = tuple[Path, ImportReport, KnowledgeBase]


@pytest.fixture
def days() -> None:
    assert freshness.STALE_DAYS == 180  # the answers below use the default, as ADVISOR_STALE_DAYS does


@pytest.mark.usefixtures("days")
def test_old_cost_status_and_delivery_answers_say_as_of_and_point_to_the_link(imported: Imported) -> None:
    kb = imported[2]
    cyber = kb.credential(CYBER)
    assert cyber is not None and read_on(cyber, kb) == IMPORT_DAY
    late = dt.date.today() > IMPORT_DAY + dt.timedelta(days=180)
    assert late, "the samples were imported on 2026-03-15; this test needs today past 2026-09-11"
    for attribute in ("cost", "status", "delivery", None):
        text = answer_about(cyber, kb, attribute)
        assert "As of March 2026: check the page for today's details." in text, attribute
        assert str(cyber.url) in text
        assert "Data: Credential Engine Registry" in text
    assert "As of" not in answer_about(cyber, kb, "link")  # a link is no fact that ages


@pytest.mark.usefixtures("days")
def test_fresh_facts_are_not_dated(kb: KnowledgeBase) -> None:
    credential = kb.credentials[0]
    read = read_on(credential, kb, ("status",))
    assert read is not None
    text = answer_about(credential, kb, "status")
    assert "As of" not in text and "Data:" not in text
    assert freshness.freshness_note(credential, kb, "status", today=read + dt.timedelta(days=181))
    assert not freshness.freshness_note(credential, kb, "status", today=read + dt.timedelta(days=180))


def test_start_dates_are_shown_when_the_record_has_them(imported: Imported) -> None:
    program = imported[2].credential(PROGRAM)
    assert program is not None
    assert "Starts: 12 January 2027." in answer_about(program, imported[2], "status")


def test_kb_stale_lists_what_needs_checking_per_provider(imported: Imported, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.settings import get_settings

    kb = imported[2]
    found = stale_records(kb, days=30, today=IMPORT_DAY + dt.timedelta(days=31))
    assert {r.credential.id for r in found} == {c.id for c in kb.credentials}
    assert [r.provider for r in found] == sorted(r.provider for r in found)
    assert not stale_records(kb, days=30, today=IMPORT_DAY + dt.timedelta(days=30))
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_PATH", str(imported[0]))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["kb", "stale", "--days", "30"], env={"COLUMNS": "200"})
        fresh = CliRunner().invoke(app, ["kb", "stale", "--days", "100000"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "Lakeshore Polytechnic" in result.output and "as of March 2026" in result.output
    assert "Nothing older than 100000 days" in fresh.output
