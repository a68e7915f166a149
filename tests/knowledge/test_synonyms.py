"""The synonym table: every entry sourced or reasoned, every area and source real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.loader import DEFAULT_PATH, KnowledgeError, load_knowledge
from knowledge.schema import KnowledgeBase


def test_shipped_synonyms_load_and_each_has_a_source_or_rationale(kb: KnowledgeBase) -> None:
    assert len(kb.synonyms) >= 20
    for entry in kb.synonyms:
        assert entry.source or entry.rationale
        assert entry.area is None or entry.area in kb.areas
        assert entry.source is None or entry.source in kb.sources


def test_issue_examples_are_covered(kb: KnowledgeBase) -> None:
    terms = {t.lower(): e for e in kb.synonyms for t in e.terms}
    for term, area in [
        ("factory", "Manufacturing"),
        ("plant", "Manufacturing"),
        ("assembly line", "Manufacturing"),
        ("nurse", "Health Sciences"),
        ("hospital", "Health Sciences"),
        ("patient", "Health Sciences"),
        ("psw", "Health Sciences"),
        ("cyber security", "Cybersecurity"),
        ("it", "Information Technology"),
        ("trades", "Trades"),
    ]:
        assert terms[term].area == area, term
    assert "personal protective equipment" in terms["ppe"].expands_to


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(DEFAULT_PATH, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return root


@pytest.mark.parametrize(
    ("entry", "field", "reason"),
    [
        ("- {terms: [lathe], area: Manufacturing}", "source", "needs a source key or a rationale"),
        ("- {terms: [lathe], area: Woodwork, rationale: 'a lathe is a machine tool'}", "area", "unknown area"),
        ("- {terms: [lathe], area: Manufacturing, source: nowhere}", "source", "unknown source"),
        ("- {terms: [lathe], rationale: 'a lathe is a machine tool'}", "expands_to", "maps to nothing"),
        ("- {terms: [factory], area: Manufacturing, rationale: 'said twice on purpose'}", "terms", "already in entry"),
        ("- {terms: [], area: Manufacturing, rationale: 'no terms at all here'}", "terms", "at least 1"),
    ],
)
def test_bad_synonym_entries_are_reported_with_file_field_and_reason(
    kb_copy: Path, entry: str, field: str, reason: str
) -> None:
    path = kb_copy / "synonyms.yaml"
    path.write_text(path.read_text() + "\n" + entry + "\n")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(kb_copy)
    problems = [p for p in caught.value.problems if p.file == "synonyms.yaml"]
    assert any(p.field.startswith(field) and reason in p.reason for p in problems), problems
