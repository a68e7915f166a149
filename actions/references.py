"""Which credential a message points at: "the second one", "the last one", "the PPE one", or a title.

Ordinals and names resolve against the last results shown; a title (or most of its distinctive words) also
resolves against the whole knowledge base, so "tell me about Empowered Educators" works on a first turn. The
advisor reads these once per turn (``bot.dialogue.message``); the actions use them only for a Rasa front end that
sends no entities."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from index.patterns import lowered
from index.text import tokens
from knowledge.schema import KnowledgeBase

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
    "last": -1,
}  # fmt: skip
# "the second one", "the last", "2nd one" - not "last night" or "my first job".
_ORDINAL = re.compile(
    r"(?:\bthe\s+(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\b"
    r"(?!\s+(night|time|week|year|month|day|job|weekend|thing|aid|nation)s?\b)"  # ("the first aid bit": no ordinal)
    r"|\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s+(one|option|result|course|program)\b)",
    re.I,
)
# "number 3", "#2", "option 1", or a bare digit sent alone ("3", "2.") as a pick from a numbered list.
_NUMBER = re.compile(r"(?:\bnumber|\bno\.?|#|\boption|\bresult)\s*(\d)\b|^\s*(\d)\s*[.!?)]*\s*$", re.I)
_DIGIT = re.compile(r"\d")
_LOWER_WORD = re.compile(r"[a-z]+")
# "dont" stems as "donning" does ("don"): a word of its own, never a title's
_DONT = re.compile(r"\bdon'?t\b", re.I)
# "is it more than a thousand do you think", "i think so": an opinion asked or given, never Critical Thinking's name
_YOU_THINK = re.compile(r"\b(you|u|ya|i|we) think\b", re.I)
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
# Title words that say nothing about which credential is meant (stemmed, as ``tokens`` gives them): the schools,
# "micro-credential", and filter words ("online" is a way of learning, not a course's name).
_IGNORED = frozenset(
    tokens("transferable skills sponsored sponsor td micro credentials credential microcredentials ontario tech "
           "durham college trent university gta upcoming online virtual remote free evening weekend person campus")
)


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A credential whose distinctive title words a message uses: how many, the share of them, or its acronym."""

    credential_id: str
    overlap: int
    share: float
    acronym: bool


_HYPHENED = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")  # "Story-telling" in a title


def _in_sequence(parts: tuple[str, ...], sequence: list[str]) -> bool:
    """Whether ``parts`` follow each other somewhere in ``sequence``."""
    size = len(parts)
    return any(tuple(sequence[i : i + size]) == parts for i, word in enumerate(sequence) if word == parts[0])


def _words(text: str) -> set[str]:
    return set(tokens(text)) - _IGNORED


@dataclass(frozen=True)
class _Titled:
    credential_id: str
    words: frozenset[str]  # distinctive title words
    joined: str  # those words run together ("storytell" for Story-telling)
    acronyms: frozenset[str]
    # the words of each hyphenated title word ("story", "tell"): one name only when said together ("story telling"),
    # not "long story short ... keeps telling me"
    compounds: tuple[tuple[str, ...], ...] = ()


class NameIndex:
    """Each credential's distinctive title words, and which credentials use each word: a message is matched against
    the few credentials that share a word with it, not against the whole catalogue. Built once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        area_words = {w for area in kb.areas for w in tokens(area)}
        self.titles: list[_Titled] = []
        self.by_word: dict[str, list[int]] = {}
        self.acronyms: set[str] = set()  # every title's acronyms, lower-cased ("ppe")
        for credential in kb.credentials:
            words = _words(credential.title) - area_words
            if not words:
                continue
            joined = "".join(w for w in tokens(credential.title) if w in words) if len(words) > 1 else ""
            acronyms = frozenset(w.lower() for w in _ACRONYM.findall(credential.title)) - {"td", "gta"}
            compounds = tuple(parts for hyphened in _HYPHENED.findall(credential.title)
                              if len(parts := tuple(w for w in tokens(hyphened) if w in words)) > 1)
            position = len(self.titles)
            self.titles.append(_Titled(credential.id, frozenset(words), joined, acronyms, compounds))
            self.acronyms |= acronyms
            for key in (*words, *([joined] if joined else [])):
                self.by_word.setdefault(key, []).append(position)

    def matches(self, text: str) -> tuple[NameMatch, ...]:
        if "ont" in text or "on't" in text:
            text = _DONT.sub(" ", text)
        if "think" in text:
            text = _YOU_THINK.sub(" ", text)
        sequence = tokens(text)
        said = set(sequence) - _IGNORED
        acronyms = {w.lower() for w in _ACRONYM.findall(text)}
        # typed in lower case on a phone ("ppe and infection control"): a title's acronym of 3+ letters still is one
        acronyms |= {w for w in _LOWER_WORD.findall(text.lower()) if len(w) >= 3 and w in self.acronyms}
        candidates = {position for word in said for position in self.by_word.get(word, ())}
        found = []
        for position in candidates:
            titled = self.titles[position]
            overlap = titled.words if titled.joined and titled.joined in said else said & titled.words
            for parts in titled.compounds if overlap is not titled.words else ():
                if set(parts) <= overlap and not _in_sequence(parts, sequence):
                    overlap = overlap - set(parts[1:])  # its words far apart: as if one of them were said
            found.append(NameMatch(titled.credential_id, len(overlap), len(overlap) / len(titled.words),
                                   bool(acronyms & titled.acronyms)))  # fmt: skip
        return tuple(sorted(found, key=lambda m: (m.share, m.overlap, m.credential_id), reverse=True))


T = TypeVar("T")
_indexes: dict[str, NameIndex] = {}
_indexes_lock = threading.Lock()
_KEPT_KNOWLEDGE_BASES = 4  # a few knowledge bases at most (reloads)


def _per_kb(cache: dict[str, T], kb: KnowledgeBase, build: Callable[[KnowledgeBase], T]) -> T:
    """``build(kb)``, kept in ``cache`` under ``kb``'s content hash; the oldest goes past a few."""
    with _indexes_lock:
        found = cache.get(kb.content_hash)
        if found is None:
            if len(cache) >= _KEPT_KNOWLEDGE_BASES:
                cache.pop(next(iter(cache)))
            found = cache[kb.content_hash] = build(kb)
        return found


def name_index(kb: KnowledgeBase) -> NameIndex:
    """The (cached) name index of ``kb``, keyed by its content hash; a few knowledge bases at most (reloads)."""
    return _per_kb(_indexes, kb, NameIndex)


def name_matches(text: str, kb: KnowledgeBase) -> tuple[NameMatch, ...]:
    """Every credential ``text`` names some distinctive word of ("storytelling" names Story-telling), best first."""
    return name_index(kb).matches(text)


def pick_named(
    matches: tuple[NameMatch, ...], candidates: list[str] | None = None, *, loose: bool = False
) -> str | None:
    """The one credential ``matches`` name among ``candidates`` (all when None): most of its distinctive words, or
    its acronym; with ``loose`` (the few results the person is looking at) any of them. None when nothing, or more
    than one, fits equally."""
    pool = [m for m in matches if candidates is None or m.credential_id in candidates]
    if candidates is None:
        pool = [m for m in pool if m.acronym or m.share >= 0.6 or (m.overlap >= 2 and m.share >= 0.5)]
    elif not loose:
        pool = [m for m in pool if m.acronym or m.share >= 0.5]
    if not pool:
        return None
    if len(pool) > 1 and (pool[0].share, pool[0].overlap) == (pool[1].share, pool[1].overlap):
        return None
    return pool[0].credential_id


# A title word said in other words ("moving someone who's hurt": Safely transferring an injured patient), read only
# where a record is described ("the one about ..."): each title word, then the near-synonyms people use for it.
_SAID_FOR = {
    "transferring": "transfer transfers moving move moves lifting lift lifts shifting shift shifts carrying carry "
                    "hoisting hoist repositioning reposition",
    "injured": "hurt hurting wounded wound injury injuries harmed",
    "patient": "someone somebody person people persons client clients resident residents",
    "biases": "bias prejudice prejudices stereotype stereotypes stereotyping discrimination racism",
    "cultural": "culture cultures",
}  # fmt: skip
_TITLE_WORD_OF = {said: title for title, saids in _SAID_FOR.items() for said in tokens(saids)}
# anyone at all: it names a record only with another word of its title ("lifting people"; not "for someone like me")
_ANYONE = frozenset(tokens(_SAID_FOR["patient"]))


def described_names(text: str, kb: KnowledgeBase) -> tuple[NameMatch, ...]:
    """The credentials ``text`` describes by near-synonyms of their title words ("the one about moving someone who's
    hurt" -> Safely transferring an injured patient: transferring, patient, injured), best first; a word for anyone
    only adds to another. () when it uses none."""
    said = [w for w in tokens(text) if w in _TITLE_WORD_OF]
    if not said or all(w in _ANYONE for w in said):
        return ()
    meant = {m.credential_id for m in name_matches(" ".join(_TITLE_WORD_OF[w] for w in said if w not in _ANYONE), kb)}
    described = name_matches(f"{text} {' '.join(_TITLE_WORD_OF[w] for w in said)}", kb)
    return tuple(m for m in described if m.credential_id in meant)


_title_indexes: dict[str, dict[str, tuple[str, ...]]] = {}


def _title_index(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Every title word (filter words too: "online", "upcoming") -> the credentials whose title has it."""
    by_word: dict[str, list[str]] = {}
    for credential in kb.credentials:
        for word in set(tokens(credential.title)):
            by_word.setdefault(word, []).append(credential.id)
    return {word: tuple(ids) for word, ids in by_word.items()}


def titled_with(word: str, kb: KnowledgeBase) -> tuple[str, ...]:
    """The credentials whose title has ``word``, even one the name index ignores: "the online one" among results
    where only one title says "online" is that one."""
    found = tokens(word)
    return _per_kb(_title_indexes, kb, _title_index).get(found[0], ()) if len(found) == 1 else ()


# Partner words that name no one partner ("Lakeridge Health": "lakeridge" names it, "health" does not).
_GENERIC_PARTNER = frozenset(tokens("canada trust health faculty of education ontario tech local industries university "
                                    "college the and"))  # fmt: skip


def _partner_index(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Each distinctive partner word -> the credentials made with that partner, umbrella records (a bundle or an
    area) first. Built once per knowledge base, like the name index."""
    by_word: dict[str, list[tuple[bool, int, str]]] = {}
    for position, credential in enumerate(kb.credentials):
        words = {w for partner in credential.partners for w in tokens(partner)} - _GENERIC_PARTNER
        for word in words:
            by_word.setdefault(word, []).append((credential.kind == "single", position, credential.id))
    return {word: tuple(i for *_, i in sorted(found)) for word, found in by_word.items()}


_partner_indexes: dict[str, dict[str, tuple[str, ...]]] = {}


def partner_records(text: str, kb: KnowledgeBase) -> tuple[str, ...]:
    """The credentials made with a partner the message names ("the TD ones", "the Lakeridge one"): the umbrella
    record first. Several partners named: none (the message is not about one group)."""
    index = _per_kb(_partner_indexes, kb, _partner_index)
    words = tokens(text)
    groups = {index[w] for w in words if w in index}
    # a name written as one word, typed as two ("ecampus ontario": eCampusOntario)
    groups.update(index[w] for w in map(str.__add__, words, words[1:]) if w in index)
    return next(iter(groups)) if len(groups) == 1 else ()


def partner_named(text: str, kb: KnowledgeBase) -> str | None:
    """The one partner the words name ("the TD bank ones" -> TD Canada Trust), else None."""
    records = [c for i in partner_records(text, kb) if (c := kb.credential(i)) is not None]
    shared = set.intersection(*(set(c.partners) for c in records)) if records else set()
    return next(iter(shared)) if len(shared) == 1 else None


_ORDINAL_FOUND = lowered(_ORDINAL)  # whether there is one at all (one pass with the other patterns, on a LoweredText)


def ordinal_of(text: str, low: str | None = None) -> int | None:
    """ "the second one" -> 2, "number 3" -> 3, "the last one" -> -1 (``low``: ``text`` lowered, when known)."""
    if _DIGIT.search(text) and (match := _NUMBER.search(text)):  # no digit, no number: skip the longer scan
        return int(match.group(1) or match.group(2))
    if _ORDINAL_FOUND.found(text, low) and (match := _ORDINAL.search(text)):
        return _ORDINALS[(match.group(1) or match.group(3)).lower()]
    return None


# Two or more results side by side: "what's the difference between the first and second one", "compare 1 and 3".
_COMPARE = re.compile(
    r"\b(differen(ce|t)|compare[ds]?|comparison|vs\.?|versus|which (one )?is better|better (one|than))\b", re.I
)
_BARE_PAIR = re.compile(r"\b([1-5])\s*(?:and|or|vs\.?|versus|&|,)\s*(?:the\s+|number\s+|#)?([1-5])\b", re.I)


_COMPARE_FOUND = lowered(_COMPARE)


def compared_positions(text: str) -> tuple[int, ...]:
    """The result positions a message asks to compare ("the first and second one" -> (1, 2)), else ()."""
    if not _COMPARE_FOUND.found(text):
        return ()
    found = [_ORDINALS[(m.group(1) or m.group(3)).lower()] for m in _ORDINAL.finditer(text)]
    for m in _BARE_PAIR.finditer(text):  # "compare 1 and 3"
        found += [int(m.group(1)), int(m.group(2))]
    positions = tuple(dict.fromkeys(found))
    return positions if len(positions) >= 2 else ()


# Asking to weigh two or more things the message names ("which is better for me, story-telling or critical
# thinking?", "the difference between the Ontario Tech one and the Trent one"); not "something different".
_COMPARE_NAMED = lowered(re.compile(
    # "whats the diff between", misspelt too ("diffrence", "difrent")
    r"\b(differences?|dif+e?r[ae]nces?|differ|diffs?|dif|compare[ds]?|comparison|vs\.?|versus|"
    r"which (one |of (the|these|those|them)( two| 2)? )?(is|would be|are|'?s) (better|best|more (useful|suitable|"
    r"appropriate|suited))|better (for me|suited|choice|option|pick|than)|"
    r"what would you (pick|choose|take|go with|do|recommend)|if you were me|"
    # "which ones would help me most with getting a new job", "which of these is most useful for finding work"
    r"which (ones? |of (the|these|those|them)( two| 2)? )?(would |will |might |could |is |are |'?s )?(help|benefit)s? "
    r"((me|us|him|her|them|someone like me) )?(the )?most|which (ones? |of (the|these|those|them)( two| 2)? )?"
    r"(would |will |might |could |is |are |'?s )?(be )?(the )?most (useful|helpful|valuable|relevant|worth it)|"
    r"(how|in what way) (is|are|do|does) [^?.!]{1,60} (dif+e?r[ae]nt|compare)|how'?s [^?.!]{1,60} dif+e?r[ae]nt|"
    # "is that one different from the infection one", "is it really different to the PPE one"
    r"(is|are) (it|this|that|they|these|those)( one| ones)? (really |any |much |very )?dif+e?r[ae]nt (from|than|to)|"
    # "which 1 shud i do", "so which do i choose", "what one do u think i should take"
    r"(which|what one) (one |1 |of (the|these|those|them)( two| 2)? )?((do )?(you|u) (think|reckon) )?"
    r"(should|shud|shld|shoud|do|would|will) i (pick|choose|take|do|go with|go for|sign up for))\b",
    re.I,
))
# Asked to choose for the person ("just pick one for me", "you decide", "tell me which one I should do"): weighed the
# same way, never a pick (its own pattern, gated by its verbs: the one above has no literal every match holds)
_CHOOSE_FOR_ME = lowered(re.compile(
    r"\b((pick|choose|decide|select)( one| 1| it| which)? for (me|us|him|her|them|my \w+)|"
    r"(you|u) (pick|choose|decide)\b"
    r"(?! (from|between|up|out))|(which|what) (one |1 )?(i|we|s?he|they) should (pick|choose|take|do|go with|go for|"
    r"sign up for)|^\W*(ok |so |just |can (you|u) (just )?|could (you|u) (just )?)*(pick|choose) (one|1)\W*$)\b",
    re.I,
), needles=("pick", "choose", "decide", "select", "should"))
# "which would suit me best?", "which one is right for me", "which of these fits me": a choice too (needles first)
_WHICH_SUITS = lowered(re.compile(
    r"\bwhich (one |of (the|these|those|them)( two| 2)? )?(would |will |might |is |'?s )?(suits?|fits?|(the )?right|"
    r"(a )?(good|better|best) fit) (for )?(me|us|you|someone like me)\b",
    re.I,
))


def asks_to_compare(text: str, low: str | None = None) -> bool:
    """Whether ``text`` asks to weigh things against each other (what it names decides which; ``low``: ``text``
    lowered, when the caller has it)."""
    return _COMPARE_NAMED.found(text, low) or _WHICH_SUITS.found(text, low) or _CHOOSE_FOR_ME.found(text, low)


# Where one side of a comparison ends and the other begins ("the feeding one and the infection one", "story telling
# vs critical thinking", "how is the PPE one different from the transferring one").
_SIDES = re.compile(r"\s*(?:,|\b(?:and|or|vs\.?|versus|with|from|against|compared to|than)\b)\s*")


def sides_named(text: str, kb: KnowledgeBase) -> tuple[str, ...]:
    """The credentials a comparison names one per side, each by any distinctive word of its title ("the feeding
    one and the infection one": Feeding and Infection Control Precautions during an outbreak), in order; () unless
    two or more sides each name one credential plainly (the best named on that side, none tied with it)."""
    found: list[str] = []
    for side in _SIDES.split(text):
        matches = name_matches(side, kb) if side.strip() else ()
        if not matches or (len(matches) > 1 and (matches[0].share, matches[0].overlap) ==
                           (matches[1].share, matches[1].overlap)):
            continue
        if matches[0].credential_id not in found:
            found.append(matches[0].credential_id)
    return tuple(found) if len(found) >= 2 else ()


def strongly_named(matches: tuple[NameMatch, ...], shown: list[str]) -> list[str]:
    """Every credential ``matches`` name clearly enough to be meant: any of its words among those ``shown``, most
    of its distinctive words (or its acronym) anywhere else. Best first, no repeats."""
    strong = [m.credential_id for m in matches
              if m.credential_id in shown or m.acronym or m.share >= 0.6 or (m.overlap >= 2 and m.share >= 0.5)]
    return list(dict.fromkeys(strong))


def at_position(position: int | None, last_results: list[str]) -> str | None:
    """The id at a 1-based ``position`` of the last results (-1: the last one)."""
    if position is None or not last_results:
        return None
    if position == -1:
        return last_results[-1]
    return last_results[position - 1] if 1 <= position <= len(last_results) else None


def resolve_reference(text: str, last_results: list[str], kb: KnowledgeBase) -> str | None:
    """A credential id for ``text``: an ordinal or a name among the last results, else a title in the whole base."""
    if found := at_position(ordinal_of(text), last_results):
        return found
    matches = name_matches(text, kb)
    return (pick_named(matches, last_results) if last_results else None) or pick_named(matches)


# Words that point at a record or at taking it ("that one", "have to take it"), not what it is about: "Feeding, one
# of the patient-care skills" is not said by "why did hospital staff have to take that one".
_REFERRING = frozenset(tokens("one ones take took taken taking do did done course courses program programs"))


def best_said(kb: KnowledgeBase, credential_ids: list[str], text: str) -> str | None:
    """The one of ``credential_ids`` whose own title and description say most of the content words of ``text``
    that not all of them say ("why did lakeridge staff have to take it": the record whose description speaks of its
    staff), else None (no such word, or a tie)."""
    records = [(i, set(tokens(f"{c.title} {c.description}"))) for i in credential_ids if (c := kb.credential(i))]
    if len(records) < 2:
        return None
    asked = set(tokens(text)) - _REFERRING
    shared = set.intersection(*(own for _, own in records))
    counts = sorted(((len((asked - shared) & own), i) for i, own in records), reverse=True)
    best, runner_up = counts[0][0], counts[1][0]
    return counts[0][1] if best > runner_up else None
