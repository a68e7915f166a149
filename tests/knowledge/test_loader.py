from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.loader import DEFAULT_PATH, KnowledgeError, load_knowledge
from knowledge.schema import KnowledgeBase

# Every offering the source article names, by record id and the words of its title.
ARTICLE_OFFERINGS = {
    **{
        f"dc-area-{slug}": area
        for slug, area in [
            ("business", "Business"),
            ("cannabis-industry", "Cannabis Industry"),
            ("community-services", "Community Services"),
            ("cybersecurity", "Cybersecurity"),
            ("health-sciences", "Health Sciences"),
            ("information-technology", "Information Technology"),
            ("manufacturing", "Manufacturing"),
            ("media-arts-design", "Media/Arts/Design"),
            ("medical-technology", "Medical Technology"),
            ("trades", "Trades"),
        ]
    },
    "ot-td-transferable-skills": "TD-sponsored transferable skills",
    "ot-td-critical-thinking": "Critical Thinking",
    "ot-td-challenging-cultural-biases": "Challenging Cultural Biases",
    "ot-td-story-telling": "Story-telling",
    "ot-td-strengthening-relationships": "Strengthening Relationships",
    "ot-hs-donning-doffing-ppe": "Donning and doffing PPE",
    "ot-hs-feeding": "Feeding",
    "ot-hs-infection-control-outbreak": "Infection Control Precautions during an outbreak",
    "ot-hs-safe-patient-transfer": "Safely transferring an injured patient",
    "ot-teaching-math-and-coding": "Teaching Math and Coding",
    "ot-fundamentals-of-entrepreneurship": "Fundamentals of Entrepreneurship",
    "ot-online-entrepreneurship": "Online entrepreneurship",
    "ot-continuous-learning": "Continuous Learning",
    "trent-empowered-educators": "Empowered Educators",
    "trent-in-development": "under development",
}


def test_shipped_knowledge_base_is_valid(kb: KnowledgeBase) -> None:
    assert set(kb.providers) == {"durham-college", "ontario-tech", "trent-durham"}
    assert len(kb.credentials) >= len(ARTICLE_OFFERINGS)


@pytest.mark.parametrize(("record_id", "title_words"), sorted(ARTICLE_OFFERINGS.items()))
def test_every_article_offering_is_present(kb: KnowledgeBase, record_id: str, title_words: str) -> None:
    credential = kb.credential(record_id)
    assert credential is not None, f"{record_id} missing"
    assert title_words.lower() in credential.title.lower()
    assert "article" in credential.sources


def test_article_facts_are_recorded(kb: KnowledgeBase) -> None:
    td = kb.credential("ot-td-transferable-skills")
    assert td is not None and td.cost.kind == "free" and td.modules.count == 24 and "1,000" in td.description
    ee = kb.credential("trent-empowered-educators")
    assert ee is not None and ee.modules.count == 6 and "eCampusOntario" in ee.partners
    assert kb.credential("ot-online-entrepreneurship").status == "upcoming"  # type: ignore[union-attr]
    assert kb.credential("trent-in-development").status == "under_development"  # type: ignore[union-attr]
    for hs in ("donning-doffing-ppe", "feeding", "infection-control-outbreak", "safe-patient-transfer"):
        record = kb.credential(f"ot-hs-{hs}")
        assert record is not None and record.partners == ("Lakeridge Health",) and record.cost.kind == "unknown"


def test_nothing_is_free_unless_a_source_says_so(kb: KnowledgeBase) -> None:
    for credential in kb.credentials:
        if credential.cost.kind == "free":
            assert credential.provider == "ontario-tech" and "cost" in credential.sources["article"]


def _copy_kb(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(DEFAULT_PATH, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def _problems(path: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    return [str(p) for p in caught.value.problems]


def test_duplicate_id_is_reported(tmp_path: Path) -> None:
    root = _copy_kb(tmp_path)
    file = root / "providers" / "trent-durham.yaml"
    file.write_text(file.read_text().replace("id: trent-in-development", "id: trent-empowered-educators"))
    assert any("trent-durham.yaml: trent-empowered-educators: id: duplicate id" in p for p in _problems(root))


def test_unknown_provider_is_reported(tmp_path: Path) -> None:
    root = _copy_kb(tmp_path)
    file = root / "providers" / "trent-durham.yaml"
    file.write_text(file.read_text().replace("    kind: area\n", "    kind: area\n    provider: durham-college\n", 1))
    assert any("trent-in-development: provider: unknown provider 'durham-college'" in p for p in _problems(root))


def test_missing_source_is_reported(tmp_path: Path) -> None:
    root = _copy_kb(tmp_path)
    file = root / "providers" / "trent-durham.yaml"
    text = file.read_text().replace(
        "      article: [title, partners, areas, description, audience, status, modules]",
        "      article: [title, partners, areas, description, audience, status]",
    )
    file.write_text(text)
    assert any("trent-empowered-educators: modules: missing source" in p for p in _problems(root))


def test_bad_enum_value_is_reported(tmp_path: Path) -> None:
    root = _copy_kb(tmp_path)
    file = root / "providers" / "ontario-tech.yaml"
    file.write_text(file.read_text().replace("status: upcoming", "status: soon", 1))
    problems = _problems(root)
    assert any("ot-online-entrepreneurship: status: Input should be" in p and "'soon'" in p for p in problems), problems


def test_malformed_yaml_reports_its_line(tmp_path: Path) -> None:
    root = _copy_kb(tmp_path)
    file = root / "providers" / "durham-college.yaml"
    lines = file.read_text().splitlines()
    lines[5] = "  description: [unclosed"
    file.write_text("\n".join(lines))
    assert any(p.startswith("providers/durham-college.yaml: -: -: malformed YAML at line") for p in _problems(root))


def test_unknown_source_and_area_are_reported(tmp_path: Path) -> None:
    root = _copy_kb(tmp_path)
    file = root / "providers" / "trent-durham.yaml"
    file.write_text(
        file.read_text()
        .replace("areas: [Education]", "areas: [Astrology]")
        .replace("empowered-educator: [", "nowhere: [")
    )
    problems = _problems(root)
    assert any("areas: unknown area 'Astrology'" in p for p in problems)
    assert any("sources: unknown source 'nowhere'" in p for p in problems)


def test_a_copy_with_other_credentials_looks_up_its_own() -> None:
    """``credential(id)`` of a copy answers from the copy's records, even when the original's lookup was built first
    (pydantic copies the instance dict, where the cached lookup lives): the order tests run in once decided this."""
    original = load_knowledge()
    first = original.credentials[0]
    assert original.credential(first.id) is first  # the original's lookup, built now
    renamed = first.model_copy(update={"title": "Renamed for the copy"})
    copy = original.model_copy(update={"credentials": (renamed, *original.credentials[1:])})
    assert copy.credential(first.id) is renamed
    assert original.credential(first.id) is first
