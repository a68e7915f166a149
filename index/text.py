"""The text each record is embedded and indexed from, and the tokens lexical search and typo correction share.

A record's search text is more than its title, so people's words can reach it: title, provider (and its short
names), partners, areas, the words people use for those areas (``knowledge/synonyms.yaml``), skills, module names and
the description.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from knowledge.schema import Credential, KnowledgeBase

_WORD = re.compile(r"[a-z0-9]+")
_THOUSANDS = re.compile(r"(\d),(\d{3})\b")

# Words too common to carry meaning in a query ("what", "courses"), dropped before BM25 scoring. Domain words that
# look common ("free", "online") are kept: they are filters and topics here.
STOPWORDS = frozenset(
    """
    a about above after again all am an and any are as at be because been before being below between both but by
    can could did do does doing down during each few for from further had has have having he her here hers him his
    how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our
    ours out over own same she should so some such than that the their them then there these they this those
    through to too under until up very was we were what when where which while who whom why will with would you
    your yours yourself im ive id dont cant want looking look find anything something get got any please thanks
    thank hi hello hey need course courses program programs programme class classes micro credential credentials
    microcredential microcredentials kind sort like know tell show give stuff things thing good best also maybe
    really
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def fold(text: str) -> str:
    """Lower case without accents, so "Café" and "cafe" are the same word."""
    if text.isascii():  # no accents to strip (NFKD leaves ASCII as it is): most messages, at a fraction of the cost
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    """Every word of ``text``, folded (stopwords kept); "1,000" is one word, as people type it ("1000")."""
    return _WORD.findall(_THOUSANDS.sub(r"\1\2", fold(text)))


MAX_CACHED_WORD = 32  # no knowledge-base word is longer; longer "words" are stemmed without being remembered


def stem(word: str) -> str:
    """``_stem``, remembered for words of ordinary length only: a cache keyed by whatever people type must not pin
    memory with 2,000-letter "words" (review L2)."""
    return _stem_cached(word) if len(word) <= MAX_CACHED_WORD else _stem(word)


@lru_cache(maxsize=65536)
def _stem_cached(word: str) -> str:
    return _stem(word)


def _stem(word: str) -> str:
    """A light English suffix stripper (plurals, -ing, -ed, -er, final e), so teach/teaching/teachers and
    nurse/nurses/nursing meet in BM25. Applied to documents and queries alike, so its odd stems ("cyb") never matter.

    Deliberately small: a full stemmer would be one more dependency for a catalogue of a few dozen records."""
    if len(word) <= 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for _ in range(2):
        for suffix in ("ing", "ed", "er"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                    word = word[:-1]
                break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Stemmed content words of ``text``: what BM25 indexes and scores."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


def area_related_terms(kb: KnowledgeBase, areas: Iterable[str]) -> list[str]:
    """The synonym table's words for ``areas`` (names and related jobs and workplaces)."""
    wanted = set(areas)
    return [term for entry in kb.synonyms if entry.area in wanted for term in entry.terms]


def search_text(credential: Credential, kb: KnowledgeBase) -> str:
    """Title, provider, partners, areas and their related words, skills, module names and description, in that order."""
    provider = kb.providers.get(credential.provider)
    related = area_related_terms(kb, credential.areas)
    parts = [
        credential.title,
        provider.name if provider else credential.provider,
        ", ".join(provider.short_names) if provider else "",
        ", ".join(credential.partners),
        ", ".join(credential.areas),
        ", ".join(related),
        ", ".join(credential.skills),
        ", ".join(credential.modules.names),
        credential.description,
    ]
    return ". ".join(p for p in parts if p)
