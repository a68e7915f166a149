"""Which credential a message points at: "the second one", "the last one", "the PPE one", or a title.

Ordinals and names resolve against the last results shown; a title (or most of its distinctive words) also
resolves against the whole knowledge base, so "tell me about Empowered Educators" works on a first turn."""

from __future__ import annotations

import re

from knowledge.schema import Credential, KnowledgeBase

_ORDINALS = {
    "first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "fifth": 4, "5th": 4,
}  # fmt: skip
_ORDINAL = re.compile(r"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\b", re.I)
_NUMBER = re.compile(r"(?:\bnumber|\bno\.?|#|\boption|\bresult)\s*(\d)\b", re.I)
_WORD = re.compile(r"[a-z0-9]+")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
# Words that say nothing about which credential is meant.
_STOP = frozenset({
    "a", "an", "and", "about", "at", "course", "courses", "credential", "credentials", "details", "do", "does",
    "for", "from", "give", "i", "in", "info", "is", "it", "me", "micro", "microcredential", "microcredentials",
    "more", "of", "on", "one", "ones", "please", "program", "programs", "tell", "that", "the", "this", "to",
    "training", "what", "which", "with", "you", "can", "how", "much", "long", "many", "cost", "free", "online",
    "module", "modules", "link", "when", "start", "durham", "college", "ontario", "tech", "university", "trent",
    "gta"
})  # fmt: skip


def _words(text: str) -> set[str]:
    words = set(_WORD.findall(text.lower()))
    return {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words} - _STOP


def _distinctive(credential: Credential) -> set[str]:
    return _words(credential.title) - {"transferable", "skill", "sponsored", "td"}


def resolve_ordinal(text: str, last_results: list[str]) -> str | None:
    """ "the second one" -> last_results[1]; "the last one" -> last_results[-1]; "number 3" -> last_results[2]."""
    if not last_results:
        return None
    if match := _NUMBER.search(text):
        position = int(match.group(1)) - 1
        return last_results[position] if 0 <= position < len(last_results) else None
    if match := _ORDINAL.search(text):
        word = match.group(1).lower()
        if word == "last":
            return last_results[-1]
        position = _ORDINALS[word]
        return last_results[position] if position < len(last_results) else None
    return None


def resolve_name(text: str, candidates: list[Credential], *, min_share: float = 0.5) -> str | None:
    """The candidate whose distinctive title words the message mentions most (at least ``min_share`` of them,
    or an acronym of the title such as "PPE"); None when nothing or more than one candidate fits equally."""
    said = _words(text)
    if not said:
        return None
    scored: list[tuple[float, str]] = []
    for credential in candidates:
        words = _distinctive(credential)
        if not words:
            continue
        overlap = said & words
        share = len(overlap) / len(words)
        acronyms = {w.lower() for w in _ACRONYM.findall(credential.title)}
        if overlap and (share >= min_share or overlap & acronyms):
            scored.append((share, credential.id))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def resolve_reference(text: str, last_results: list[str], kb: KnowledgeBase) -> str | None:
    """A credential id for ``text``: an ordinal or a name among the last results, else a title in the whole base."""
    if found := resolve_ordinal(text, last_results):
        return found
    shown = [c for c in (kb.credential(i) for i in last_results) if c is not None]
    if found := resolve_name(text, shown):
        return found
    return resolve_name(text, list(kb.credentials), min_share=0.75)
