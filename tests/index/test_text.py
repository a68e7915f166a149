from __future__ import annotations

import pytest

from index.text import search_text, stem, tokens, words
from knowledge.schema import KnowledgeBase


@pytest.mark.parametrize(
    ("forms", "same"),
    [
        (("teach", "teaching", "teacher", "teachers"), True),
        (("nurse", "nurses", "nursing"), True),
        (("transfer", "transferring", "transfers"), True),
        (("bias", "biases"), True),
        (("trades", "trade"), True),
        (("business", "busy"), False),
    ],
)
def test_stem_joins_word_forms(forms: tuple[str, ...], same: bool) -> None:
    assert (len({stem(f) for f in forms}) == 1) is same


def test_tokens_drop_stopwords_and_keep_numbers_with_thousands_separators() -> None:
    assert tokens("What free courses are there?") == ["free"]
    assert words("1,000 free") == ["1000", "free"]


def test_search_text_carries_title_provider_areas_related_words_and_skills(kb: KnowledgeBase) -> None:
    record = kb.credential("dc-area-manufacturing")
    assert record is not None
    text = search_text(record, kb)
    for expected in ("Manufacturing micro-credentials at Durham College", "Durham College", "factory", "plant"):
        assert expected in text
    ppe = kb.credential("ot-hs-donning-doffing-ppe")
    assert ppe is not None
    assert "Lakeridge Health" in search_text(ppe, kb) and "nurse" in search_text(ppe, kb)
