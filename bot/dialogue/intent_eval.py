"""Intent evaluation: accuracy, per-intent precision and recall, and a confusion table on a labelled set."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.dialogue.intents import INTENTS, IntentRecognizer
from index.embedder import Embedder
from knowledge.schema import KnowledgeBase

DEFAULT_EVAL_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "intents_eval.yaml"


@dataclass(frozen=True)
class Labelled:
    text: str
    intent: str


@dataclass
class IntentReport:
    total: int = 0
    correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted) -> count
    errors: list[tuple[str, str, str, float]] = field(default_factory=list)  # text, gold, predicted, confidence

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def precision(self, intent: str) -> float:
        predicted = sum(n for (_, p), n in self.confusion.items() if p == intent)
        return self.confusion[(intent, intent)] / predicted if predicted else 0.0

    def recall(self, intent: str) -> float:
        gold = sum(n for (g, _), n in self.confusion.items() if g == intent)
        return self.confusion[(intent, intent)] / gold if gold else 0.0

    def support(self, intent: str) -> int:
        return sum(n for (g, _), n in self.confusion.items() if g == intent)


def load_labelled(path: Path = DEFAULT_EVAL_SET) -> list[Labelled]:
    """``intent: [utterance, ...]`` YAML; every intent must be one of INTENTS and every utterance a string."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items: list[Labelled] = []
    for intent, texts in data.items():
        if intent not in INTENTS:
            raise ValueError(f"{path}: unknown intent {intent!r}")
        for text in texts or []:
            if not isinstance(text, str):
                raise ValueError(f"{path}: {intent}: {text!r} is not a string; quote yes/no/y/n in YAML")
            items.append(Labelled(text, intent))
    return items


def build_recognizer(
    embedder: Embedder, kb: KnowledgeBase, *, threshold: float = 0.45, fuzzy_threshold: int = 85
) -> IntentRecognizer:
    """The recognizer as the chat service runs it: messages read with the searcher's vocabulary (typo threshold)."""
    from index.vocabulary import vocabulary_for

    return IntentRecognizer(embedder, threshold=threshold, vocabulary=vocabulary_for(kb, threshold=fuzzy_threshold))


def evaluate_intents(recognizer: IntentRecognizer, labelled: list[Labelled]) -> IntentReport:
    """Recognise every utterance as the chat service would (embeddings batched: the results are the same)."""
    report = IntentReport()
    messages = [recognizer.read(item.text) for item in labelled]
    open_rows = [row for row, message in enumerate(messages) if message.needs_embedding]
    if open_rows and recognizer.embedder is not None:
        encoded = recognizer.embedder.encode([messages[row].search_text for row in open_rows])
        for position, row in enumerate(open_rows):
            messages[row] = messages[row].with_vector(encoded[position])
    for item, message in zip(labelled, messages, strict=True):
        got = recognizer.classify(message)
        report.total += 1
        report.confusion[(item.intent, got.name)] += 1
        if got.name == item.intent:
            report.correct += 1
        else:
            report.errors.append((item.text, item.intent, got.name, got.confidence))
    return report
