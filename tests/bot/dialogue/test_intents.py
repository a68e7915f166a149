from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.dialogue.intent_eval import DEFAULT_EVAL_SET, build_recognizer, evaluate_intents, load_labelled
from bot.dialogue.intents import INTENTS, IntentRecognizer, load_examples, match_rules, normalise, parse_payload
from index.embedder import Embedder, FakeEmbedder
from knowledge.schema import KnowledgeBase


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("start over", "restart"),
        ("Restart please", "restart"),
        ("forget all that and start fresh", "restart"),
        ("hi", "greet"),
        ("Hello!", "greet"),
        ("ok bye", "goodbye"),
        ("thx", "thank"),
        ("yes pls", "affirm"),
        ("nope", "deny"),
        ("show me more", "more_results"),
        ("keep them coming", "more_results"),
        ("help", "help"),
        ("?", "help"),
        ("huh?", "help"),
        ("can I talk to a real person", "human_handoff"),
        ("which colleges", "list_providers"),
        ("can osap pay for it", "cost_and_funding"),
        ("tell me more about the second one", "credential_details"),
        ("the PPE one", "credential_details"),
        ("is it free?", "credential_details"),
        ("how many modules does it have?", "credential_details"),
        ("can i stack them", "stacking"),
        ("can i add it to linkedin", "digital_credential"),
        ("you are useless", "out_of_scope"),
    ],
)
def test_match_rules_unambiguous_messages(text: str, intent: str) -> None:
    found = match_rules(text)
    assert found is not None and found.name == intent and found.confidence == 1.0


@pytest.mark.parametrize(
    "text", ["what about at Durham College?", "is it going to snow", "health care courses", "free courses"]
)
def test_match_rules_leaves_open_messages_to_the_embeddings(text: str) -> None:
    assert match_rules(text) is None


def test_parse_payload_reads_rasa_buttons() -> None:
    found = parse_payload('/search_credentials{"area":"Cybersecurity","provider":null}')
    assert found is not None and found.from_payload and found.name == "search_credentials"
    assert found.entities == {"area": "Cybersecurity", "provider": None}
    assert parse_payload("/not_an_intent") is None
    assert parse_payload('/search_credentials{"area": [1]}') == parse_payload("/search_credentials")
    assert parse_payload("/search_credentials{broken") is None


def test_examples_cover_every_intent_and_only_those() -> None:
    examples = load_examples()
    assert set(examples) == set(INTENTS)
    assert all(len(items) >= 5 for items in examples.values())


def test_eval_set_is_large_realistic_and_disjoint_from_the_examples() -> None:
    labelled = load_labelled()
    assert len(labelled) >= 200
    assert {item.intent for item in labelled} == set(INTENTS)
    seen = {normalise(text) for items in load_examples().values() for text in items}
    overlap = [item.text for item in labelled if normalise(item.text) in seen]
    assert overlap == [], "the evaluation set must not repeat training examples"
    assert len({normalise(item.text) for item in labelled}) == len(labelled), "duplicates in the evaluation set"


def test_yaml_booleans_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "intents.yaml"
    path.write_text("affirm:\n  - yes\n")
    with pytest.raises(ValueError, match="quote"):
        load_examples(path)


def test_below_threshold_falls_back_to_out_of_scope() -> None:
    recognizer = IntentRecognizer(FakeEmbedder(), threshold=0.99)
    found = recognizer.recognise("zzzz qqqq")
    assert found.name == "out_of_scope" and found.fallback and found.confidence < 0.99


def test_a_message_naming_a_field_is_a_search_even_when_unsure(kb: KnowledgeBase) -> None:
    recognizer = IntentRecognizer(FakeEmbedder(), threshold=0.99, kb=kb)
    assert recognizer.recognise("cybersecurity??").name == "search_credentials"


def test_recognise_uses_the_given_vector_without_embedding_again() -> None:
    class CountingEmbedder(FakeEmbedder):
        calls = 0

        def encode(self, texts):  # type: ignore[no-untyped-def]
            CountingEmbedder.calls += len(texts)
            return super().encode(texts)

    recognizer = IntentRecognizer(CountingEmbedder())
    recognizer.warm_up()
    before = CountingEmbedder.calls
    vector = FakeEmbedder().encode(["courses in health care"])[0]
    recognizer.recognise("courses in health care", vector=vector)
    assert CountingEmbedder.calls == before


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts = 0

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.texts += len(texts)
        return super().encode(texts)


def test_example_vectors_are_saved_and_loaded_on_the_next_start(tmp_path: Path) -> None:
    first = CountingEmbedder()
    IntentRecognizer(first).warm_up(tmp_path, embedder_id="model-a")
    assert first.texts > 100 and len(list(tmp_path.glob("intent-examples-*.npy"))) == 1

    again = CountingEmbedder()
    recognizer = IntentRecognizer(again)
    recognizer.warm_up(tmp_path, embedder_id="model-a")
    assert again.texts == 0  # loaded, not embedded
    fresh = IntentRecognizer(FakeEmbedder())
    fresh.warm_up()
    vector = FakeEmbedder().encode(["are there courses in welding near oshawa"])[0]
    assert recognizer.scores(vector) == fresh.scores(vector)

    other = CountingEmbedder()  # another model or backend: its own vectors, never the saved ones
    IntentRecognizer(other).warm_up(tmp_path, embedder_id="model-b")
    assert other.texts == first.texts and len(list(tmp_path.glob("intent-examples-*.npy"))) == 2

    changed = CountingEmbedder()  # edited examples: embedded again
    IntentRecognizer(changed, examples={"greet": ["hello there"], "thank": ["thanks"]}).warm_up(
        tmp_path, embedder_id="model-a"
    )
    assert changed.texts == 2


def test_a_damaged_saved_file_is_embedded_again(tmp_path: Path) -> None:
    IntentRecognizer(FakeEmbedder()).warm_up(tmp_path, embedder_id="m")
    (saved,) = tmp_path.glob("intent-examples-*.npy")
    saved.write_bytes(b"not a numpy file")
    embedder = CountingEmbedder()
    IntentRecognizer(embedder).warm_up(tmp_path, embedder_id="m")
    assert embedder.texts > 100
    assert np.load(saved).shape[0] == embedder.texts  # and the file is whole again


def test_scores_blend_the_best_and_runner_up_example_of_each_intent() -> None:
    examples = {"greet": ["hello there"], "thank": ["thanks a lot", "thank you", "many thanks"]}
    recognizer = IntentRecognizer(FakeEmbedder(), examples=examples)
    text = "thank you so much"
    vector = FakeEmbedder().encode([text])[0]
    sims = {
        name: sorted((float(v) for v in FakeEmbedder().encode(items) @ vector), reverse=True)
        for name, items in examples.items()
    }
    scores = recognizer.scores(vector)
    assert scores["greet"] == pytest.approx(sims["greet"][0])  # one example: its own similarity
    assert scores["thank"] == pytest.approx(0.8 * sims["thank"][0] + 0.2 * sims["thank"][1])


@pytest.mark.real
def test_intent_accuracy_on_the_labelled_set(real_embedder: Embedder, kb: KnowledgeBase) -> None:
    report = evaluate_intents(build_recognizer(real_embedder, kb), load_labelled(DEFAULT_EVAL_SET))
    assert report.accuracy >= 0.95, report.errors
