"""``advisor rasa export`` writes a Rasa 3.x project from the advisor's own data, so the two cannot drift."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli import app
from bot.dialogue import responses
from bot.dialogue.intents import INTENTS, load_examples
from bot.dialogue.policy import ACTION_OF_INTENT
from bot.rasa_export import project_files
from bot.rasa_export.nlu import annotate
from bot.rasa_export.project import RESPONSE_OF_INTENT
from knowledge.schema import KnowledgeBase

ROOT = Path(__file__).resolve().parents[3]
_ANNOTATION = re.compile(r"\[([^\]]+)\]\{[^}]*\}")


@pytest.fixture(scope="module")
def files(kb: KnowledgeBase) -> dict[str, Any]:
    exported = project_files(kb, load_examples(), dict(ACTION_OF_INTENT), token_env="ADVISOR_ACTIONS_TOKEN")
    return {path: (text if path == "domain/advisor.yml" else yaml.safe_load(text)) for path, text in exported.items()}


def test_every_intent_gets_an_action_or_a_response_not_both() -> None:
    assert set(ACTION_OF_INTENT) | set(RESPONSE_OF_INTENT) == set(INTENTS)
    assert not set(ACTION_OF_INTENT) & set(RESPONSE_OF_INTENT)


def test_export_ships_the_fragment_verbatim(files: dict[str, Any]) -> None:
    assert files["domain/advisor.yml"] == (ROOT / "actions" / "domain.yml").read_text()


def test_export_responses_are_the_advisors_own(files: dict[str, Any]) -> None:
    said = files["domain/responses.yml"]["responses"]
    greet = responses.greet()
    assert said["utter_greet"] == [
        {"text": greet.text, "buttons": [{"title": b.title, "payload": b.payload} for b in greet.buttons]}
    ]
    assert said["utter_restart"][0]["text"] == responses.restart().text
    assert {"utter_please_rephrase", "utter_default"} <= set(said)


def test_export_nlu_holds_every_example_with_filters_annotated(files: dict[str, Any]) -> None:
    nlu = files["data/nlu.yml"]["nlu"]
    intents = {item["intent"]: item["examples"] for item in nlu if "intent" in item}
    assert list(intents) == list(INTENTS)
    for intent, texts in load_examples().items():
        lines = [line[2:] for line in intents[intent].splitlines()]
        assert [_ANNOTATION.sub(r"\1", line) for line in lines] == texts
    assert '[health care]{"entity": "area", "value": "Health Sciences"}' in intents["search_credentials"]
    assert '[ontario tech]{"entity": "provider", "value": "ontario-tech"}' in intents["search_credentials"]


def test_export_synonyms_and_lookups_come_from_the_knowledge_base(files: dict[str, Any], kb: KnowledgeBase) -> None:
    nlu = files["data/nlu.yml"]["nlu"]
    synonyms = {item["synonym"]: item["examples"].split("\n") for item in nlu if "synonym" in item}
    assert "- health" in synonyms["Health Sciences"] and "- Ontario Tech" in synonyms["ontario-tech"]
    terms = {line[2:].lower() for lines in synonyms.values() for line in lines if line}
    assert not terms & {"it", "dc", "otu"}  # capitals-only acronyms would match ordinary words without case
    lookups = {item["lookup"]: item["examples"] for item in nlu if "lookup" in item}
    assert all(f"- {area}\n" in lookups["area"] for area in kb.areas)


def test_export_rules_config_endpoints(files: dict[str, Any]) -> None:
    rules = {r["steps"][0]["intent"]: r["steps"][1]["action"] for r in files["data/rules.yml"]["rules"]}
    assert {k: rules[k] for k in ACTION_OF_INTENT} == dict(ACTION_OF_INTENT)
    assert "restart" not in rules  # Rasa's own action_restart answers it, with utter_restart
    assert rules["nlu_fallback"] == "utter_please_rephrase"
    diet = next(c for c in files["config.yml"]["pipeline"] if c["name"] == "DIETClassifier")
    assert isinstance(diet["random_seed"], int)
    assert files["endpoints.yml"]["action_endpoint"]["token"] == "${ADVISOR_ACTIONS_TOKEN}"
    assert files["credentials.yml"] == {"rest": None}
    stories = files["tests/test_stories.yml"]["stories"]
    assert {s["steps"][0]["intent"] for s in stories} == set(INTENTS)


def test_annotate_marks_the_words_as_written(kb: KnowledgeBase) -> None:
    assert annotate("free courses at Ontario Tech", kb) == (
        '[free]{"entity": "cost", "value": "free"} courses at '
        '[Ontario Tech]{"entity": "provider", "value": "ontario-tech"}'
    )


def test_rasa_export_command_writes_the_project(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["rasa", "export", "--out", str(tmp_path / "assistant")])
    assert result.exit_code == 0, result.output
    written = {p.relative_to(tmp_path / "assistant").as_posix() for p in (tmp_path / "assistant").rglob("*.yml")}
    assert written == {"domain/advisor.yml", "domain/responses.yml", "data/nlu.yml", "data/rules.yml",
                       "tests/test_stories.yml", "config.yml", "endpoints.yml", "credentials.yml"}  # fmt: skip
    assert "token" not in (tmp_path / "assistant" / "endpoints.yml").read_text()
    (tmp_path / "file").write_text("x")
    assert CliRunner().invoke(app, ["rasa", "export", "--out", str(tmp_path / "file")]).exit_code == 2
