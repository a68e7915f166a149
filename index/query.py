"""Read the filters a message states (cost, delivery, status, provider, subject area) and the text to search with.

Typos are corrected against the knowledge base's own vocabulary first ("helth sciense" -> Health Sciences), and the
synonym table (``knowledge/synonyms.yaml``) supplies other names for areas ("cyber security", "IT") and the related
words that steer ranking ("plant" -> Manufacturing) without filtering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from index.filters import SearchFilters
from index.text import STOPWORDS, words
from index.vocabulary import AnalysedQuery, SynonymMatch, Vocabulary, vocabulary_for
from knowledge.schema import CostKind, DeliveryMode, KnowledgeBase, Schedule, Status

_COST_FREE = re.compile(
    # "free" of a person's time is no price: "I only have evenings free", "I'm free on weekends", "in my free time"
    r"\b((?<!evenings )(?<!weekends )(?<!mornings )(?<!afternoons )(?<!nights )(?<!days )(?<!i'm )(?<!im )"
    r"(?<!am )(?<!be )(?<!my )free(?! (time|on (weekends?|evenings?|mornings?|afternoons?|nights?|mondays?|tuesdays?|"
    r"wednesdays?|thursdays?|fridays?|saturdays?|sundays?)|after|during|until|till|most (days|nights|evenings)))|"
    r"for free|free of charge|no[- ]cost|zero cost|at no charge|without paying|costs? nothing|no fees?|"
    r"don'?t have to pay|do not have to pay|"
    # "that wont cost me anything", "doesn't cost us a dime", "costs me nothing"
    r"(?:doesn'?t|does not|won'?t|will not|wouldn'?t|would not|don'?t|do not) cost (?:me |us |you |him |her |them )?"
    r"(?:anything|any ?thing|money|a thing|a (?:cent|dime|penny))|costs? (?:me |us |you |him |her |them )nothing|"
    r"gratis|"
    # the cheapest there is: the ones that cost nothing (most prices are not published at all)
    r"cheap(est)?|least expensive|lowest (cost|price)|low[- ]cost|inexpensive|affordable)\b",
    re.I,
)
# Every match of _COST_FREE holds one of these: most messages have none, and its long alternation costs µs to scan.
_COST_NEEDLES = ("free", "cost", "charge", "pay", "fee", "gratis", "cheap", "expensive", "afford", "price")
_DELIVERY = (
    (re.compile(r"\b(online|virtual(ly)?|remote(ly)?|from home|e-?learning|on ?line)\b", re.I), "online"),
    # (not a classroom of the past: "I haven't been in a classroom since 1984" is no wish for one)
    (re.compile(r"\b(in[- ]person|on[- ]campus|face[- ]to[- ]face|hands[- ]on|(?<!been )(?<!sat )in a classroom)\b",
                re.I), "in_person"),
    (re.compile(r"\b(evenings?|at night|nights? (classes|school|courses?)|after work|after dark)\b", re.I), "evenings"),
    (re.compile(r"\b(weekends?|saturdays?|sundays?)\b", re.I), "weekends"),
    # ("anything I can do on my own time", "in my own time", "on my own schedule": the same, said of oneself)
    (re.compile(r"\b(self[- ]paced|own pace|self[- ]guided|at my own speed|(on|in) (my|our|your|his|her|their) own "
                r"(time|schedule))\b", re.I), "self_paced"),
    (re.compile(r"\b(compressed|accelerated|fast[- ]track(ed)?)\b", re.I), "compressed"),
)
# "online" as the subject rather than the way of learning: "sell things online", "teach virtual classes".
_ONLINE_TOPIC = (
    re.compile(
        # ("sell my handmade candles online", "selling stuff i make on line"; and what the person's work is moving
        # to: "my board keeps pushing online stuff", "everything went online")
        r"\b(sell|sells|selling|teach|teaches|teaching|tutor|tutoring|market|marketing|shop|shopping|push|pushes|"
        r"pushing|pushed|went|gone|moved|moving|switched|switching)\b"
        r"(\s+[\w'-]+){0,4}?\s+(online|on line|virtual(ly)?|remote(ly)?)\b",
        re.I,
    ),
    re.compile(
        r"\b(online|virtual|remote)\s+(business|store|shop|entrepreneurship|teaching|educators?|sales|marketing|"
        r"classroom|teachers?)\b",
        re.I,
    ),
    # (a business of one's own run on the web: "running a business online", "get my bakery online")
    re.compile(r"\b(business(es)?|store|shop|company|bakery|brand|side hustle)\s+(online|on ?line)\b", re.I),
)
# A device as the way of taking it: after a verb of taking it ("can I do it on my phone", "take the PPE one on my
# tablet"), never alone ("my niece put this on my phone": where the chat is); shared with the "delivery" ask.
TAKEN_ON_A_DEVICE = (r"(?:do|doing|take|taking|study|studying|learn|learning|finish|complete|follow|watch|access|"
                     r"doable|work|works)\b(?:\s+[\w']+){0,3}?\s+(?P<device>on (?:my|a) (?:laptop|computer|phone|"
                     r"tablet|ipad))")
# Learning from home in other words ("free ones I can do at home", "from my couch", "can I do it on my laptop"; not
# "two kids still at home"): online, read only when one of its words is in the text. A device is the way of learning
# only after a verb of learning ("take the PPE one on my phone"), not where the chat is ("my niece put this on my
# phone", "sorry for typos, I'm on my phone"); the mention is the device's words alone.
_AT_HOME = re.compile(r"\b((do|take|study|learn|finish)( it| them| this| that| these| those| one| ones| stuff|"
                      r" courses?| classes)? at home|from (my|the) (home|house|couch|kitchen table)|"
                      r"(?:" + TAKEN_ON_A_DEVICE + r"))\b", re.I)
_AT_HOME_NEEDLES = ("home", "house", "couch", "kitchen", "laptop", "computer", "phone", "tablet", "ipad")
_STATUS = (
    (re.compile(r"\b(upcoming|coming soon|launch(ing)? soon|coming up|not out yet)\b", re.I), "upcoming"),
    # "what's available now", "anything running right now": offered now (a bare "what's available" asks for all)
    (
        # ("what's available there today": at the school named before)
        re.compile(r"\b((available|offered|running|open|ready)( there)? (right now|now|today|at the moment|currently)|"
                   # "anything available at trent currently" (read "current")
                   # "what is ready now there", "anything ready to start today"
                   r"(what|which|anything|something|ones?)( is| are|'s|s| that'?s)? ready( to (take|start|go))?"
                   r"( right now| now| today| currently| at the moment)|"
                   # "anything at trent that's open for signups at the moment", "whats open for signups today"
                   r"open (for|to) (sign ?-?ups?|registration|enrol+ment|applications?|new students)( right now| now|"
                   r" today| currently| at the moment)|"
                   r"(available|offered|running|open) at [\w-]+( [\w-]+)? (right now|now|today|at the moment|"
                   r"current(ly)?)|current(ly)? (available|offered|running|open)|"
                   # "what can I take right now", "so nothing I can do now?", "what can i take at trent right now"
                   # ("so wat can i actually take there right now")
                   r"(what|which|anything|something|nothing|ones?)( else)? (can|could) (i|we)( actually| really| even|"
                   r" still)? (take|do|start|join|"
                   r"sign up for|enrol+ in)( there| at [\w-]+( [\w-]+)?)?( now| right now| today| current(ly)?| at the "
                   r"moment)|"
                   # "what does ontario tech have now", "what is trent offering at the moment"
                   r"(what|which|anything)( else)? (does|do|is|are) [\w-]+( [\w-]+)? (have|got|offer|offering|running|"
                   r"run)s?( right now| now| current(ly)?| at the moment)|"
                   # ("anything similar i can take now", "something close to that i can start now")
                   r"(anything|something|nothing)( else)?( similar| (like|close to|similar to) (that|it|this))? (i|we) "
                   r"(can|could) (take|do|"
                   r"start|join|sign up for|enrol+ in)( there)?"
                   r"( now| right now| today| currently| at the moment))\b", re.I),  # the corrector reads "current"
        "available",
    ),
    (
        # ("the new ones trent is making", "new courses they're working on")
        re.compile(r"\b(under development|in development|being developed|in the works|planned|new (ones|courses|"
                   r"programs|micro-?credentials)( that)?( [\w-]+){1,3}( is| are|'s|'re)( still)? (making|developing|"
                   r"building|working on|planning|creating))\b", re.I),
        "under_development",
    ),
)
_NOW_NEEDLES = ("now", "today", "moment", "current")  # one of them is in every match of the "available" pattern
# Words of any training request that say nothing about its topic.
_GENERIC = frozenset({
    "training", "train", "job", "jobs", "work", "working", "worked", "learn", "learning", "start", "career", "help",
    "new", "fast", "quick", "quickly", "school", "college", "university", "people", "guy", "person", "retrain",
    "retraining", "laid", "off", "lost", "fired", "still", "ever", "around", "near", "oshawa", "durham", "region",
    "whitby", "ajax", "pickering", "courses", "offer", "offered", "sign", "take", "taking", "there", "anyone",
    # whom it is for, said of everyone ("anything at trent for regular people", "normal folks", "ppl like me")
    "regular", "normal", "folks", "ppl",
    # sounds of a mood, no subject ("ugh ok what DO u have", "hmm what else")
    "ugh", "hmm", "hmmm", "umm", "uhh", "meh", "lol", "yeah", "yep", "nah", "welp", "argh", "geez", "jeez",
})  # fmt: skip
_IT = re.compile(r"(?<![\w-])IT(?![\w-])")


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    filters: SearchFilters
    mentions: dict[str, str] = field(default_factory=dict)  # filter name -> the words that stated it
    corrected: str = ""  # ``text`` with typos corrected against the knowledge base's vocabulary
    search_text: str = ""  # ``corrected`` plus synonym expansions: what lexical retrieval scores
    corrections: dict[str, str] = field(default_factory=dict)  # typed word -> corrected word
    unknown_words: tuple[str, ...] = ()  # content words the knowledge base has never seen ("welding")
    known_words: tuple[str, ...] = ()  # content words it knows
    related_words: tuple[str, ...] = ()  # words the synonym table only relates to an area ("welding" -> Trades)
    # every provider and area it names, in the order named ("Durham College and Ontario Tech"): the filters keep
    # one of each; a comparison reads them all
    providers: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()


@lru_cache(maxsize=2048)
def _word_pattern(words: str, case_sensitive: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])", 0 if case_sensitive else re.I)


def _find(words: str, text: str, *, case_sensitive: bool = False, lowered: str | None = None) -> re.Match[str] | None:
    """``words`` as whole words in ``text`` (``lowered``: ``text.lower()``, when the caller has it already)."""
    if case_sensitive:
        if words not in text:
            return None  # most names are absent from any one message: a substring test first
    elif words.lower() not in (text.lower() if lowered is None else lowered):
        return None
    return _word_pattern(words, case_sensitive).search(text)


def _inside_topic(match: re.Match[str], analysed: AnalysedQuery) -> bool:
    """True when a delivery word is part of a topic ("teach online", "online entrepreneurship"), not a mode."""
    spans = [(s.start, s.end) for s in analysed.matches]
    spans += [m.span() for pattern in _ONLINE_TOPIC for m in pattern.finditer(analysed.corrected)]
    return any(start <= match.start() and match.end() <= end for start, end in spans)


# The person's own work told, up to a time of day ("here I clean offices at night", "he drives a cab on weekends").
_OWN_WORK_BEFORE = re.compile(r"\b(i|i'm|im|he|she|we|they|my (husband|wife|partner|mom|dad|son|daughter))( \w+)?? "
                              r"(work|works|working|clean|cleans|cleaning|drive|drives|driving|stock|stocks|deliver|"
                              r"delivers|sew|sews|cook|cooks|serve|serves|guard|guards)\b[^.?!,;]*$", re.I)


# What the person did before, up to a format ("I paid for an online certificate a couple years ago", "i took an online
# course once"): their past, not a format asked for.
_OWN_PAST_BEFORE = re.compile(r"\b(i|i've|ive|i have|we|he|she)( already| once| actually)? "
                              r"(paid for|did|done|took|taken|had|got|bought|finished|completed|tried|signed up for|"
                              r"enrolled in)"
                              r"( (a|an|one|some|the|that|this|my|those|these))?( \w+)?\s*$", re.I)


def _own_past(text: str, match: re.Match[str]) -> bool:
    """True when a format word tells what the person took before ("I paid for an online certificate"), not asks."""
    return bool(_OWN_PAST_BEFORE.search(text, max(0, match.start() - 40), match.start()))


def _own_hours(text: str, match: re.Match[str]) -> bool:
    """True when a time of day tells when the person works ("I clean offices at night"), not when to study."""
    return match.group(0).lower() in ("at night", "on weekends", "weekends", "evenings", "nights") and bool(
        _OWN_WORK_BEFORE.search(text, max(0, match.start() - 60), match.start()))


_TIMES = frozenset({"evenings", "weekends"})


def _held_by(kb: KnowledgeBase, schedule: str) -> int:
    """How many of ``kb``'s records hold that schedule (said of the offering or only as what it "may" be)."""
    return sum(schedule in c.delivery.schedule for c in kb.credentials)


def without_online_topics(text: str) -> str:
    """``text`` without the topics that hold a delivery word ("sell my candles online", "an online business"): what
    is left is what it asks of a format, if anything."""
    for pattern in _ONLINE_TOPIC:
        text = pattern.sub(" ", text)
    return text


def analyse(text: str, kb: KnowledgeBase, *, fuzzy_threshold: int = 85) -> AnalysedQuery:
    """``text`` corrected and expanded against ``kb``'s vocabulary (cached per knowledge base)."""
    return vocabulary_for(kb, threshold=fuzzy_threshold).analyse(text)


def parse_query(
    text: str,
    kb: KnowledgeBase,
    *,
    vocabulary: Vocabulary | None = None,
    fuzzy_threshold: int = 85,
    analysed: AnalysedQuery | None = None,
) -> ParsedQuery:
    """Filters stated in ``text``. Longer names win over shorter ones ("Medical Technology" over "technology").

    ``vocabulary`` is the searcher's (so filters and search read the same corrected text); without it, ``kb``'s at
    ``fuzzy_threshold``. ``analysed``: ``vocabulary.analyse(text)``, when the caller has read it already. A turn
    reads its message once (``bot.dialogue.message``): nothing here is remembered."""
    vocabulary = vocabulary or vocabulary_for(kb, threshold=fuzzy_threshold)
    if analysed is None or analysed.text != text:
        analysed = vocabulary.analyse(text)
    clean = analysed.corrected
    found: dict[str, str | None] = {"provider": None, "area": None, "cost": None, "delivery": None, "status": None}
    mentions: dict[str, str] = {}
    lowered_clean = clean.lower()
    if any(n in lowered_clean for n in _COST_NEEDLES) and (m := _COST_FREE.search(clean)):
        found["cost"], mentions["cost"] = "free", m.group(0)
    times: list[tuple[str, str]] = []  # the times of day or week named ("in the evenings or on weekends")
    for pattern, value in _DELIVERY:
        m = next((m for m in pattern.finditer(clean)
                  if not (_inside_topic(m, analysed) or _own_hours(clean, m) or _own_past(clean, m))), None)
        if m and value in _TIMES:
            times.append((value, m.group(0)))
        elif m and not times:
            found["delivery"], mentions["delivery"] = value, m.group(0)
            break
    if times:
        # "any in the evenings or on weekends?": either will do, so the one more records hold (a filter keeps one)
        found["delivery"], mentions["delivery"] = max(times, key=lambda t: _held_by(kb, t[0]))
    if found["delivery"] is None and any(map(lowered_clean.__contains__, _AT_HOME_NEEDLES)) and (
        m := _AT_HOME.search(clean)
    ):
        found["delivery"], mentions["delivery"] = "online", m.group("device") or m.group(0)
    for pattern, value in _STATUS:
        if value == "available" and not any(map(lowered_clean.__contains__, _NOW_NEEDLES)):
            continue  # every way of saying "offered now" holds one of these
        if m := pattern.search(clean):
            found["status"], mentions["status"] = value, m.group(0)
            break
    lowered = clean.lower()  # once, for every name's substring test
    providers: dict[str, int] = {}  # provider id -> where it is first named
    for name, provider_id in vocabulary.provider_names:
        exact = name.isupper() and len(name) <= 4  # acronyms such as DC or OTU only in capitals
        if m := _find(name, clean, case_sensitive=exact, lowered=lowered):
            if not providers:
                found["provider"], mentions["provider"] = provider_id, m.group(0)
            providers[provider_id] = min(providers.get(provider_id, m.start()), m.start())
    if not providers:  # "ontario tek", "trant univercity durum": a name spelt by sound (when its first two letters are)
        for first, pattern, provider_id in vocabulary.sounded_names:
            if first in lowered and (m := pattern.search(clean)):
                found["provider"], mentions["provider"] = provider_id, m.group(0)
                providers[provider_id] = m.start()
                break
    found["area"], area_words, areas = _stated_area(clean, analysed, kb, lowered)
    if area_words:
        mentions["area"] = area_words
    unknown, known, related = _content_words(clean, analysed, vocabulary)
    return ParsedQuery(
        unknown_words=unknown,
        known_words=known,
        related_words=related,
        text=text,
        filters=SearchFilters(**found),  # type: ignore[arg-type]
        mentions=mentions,
        corrected=clean,
        search_text=analysed.search_text,
        corrections=dict(analysed.corrections),
        providers=tuple(sorted(providers, key=providers.__getitem__)),
        areas=areas,
    )


def _content_words(
    clean: str, analysed: AnalysedQuery, vocabulary: Vocabulary
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The message's topic words: those the knowledge base does not know, those it knows, and those only the
    synonym table relates to an area ("welding" -> Trades: related, not offered as such)."""
    # The words as typed count too ("PSWs" for the term "PSW").
    related_terms = {w for m in analysed.matches if not m.entry.names_area for w in _term_words(m, clean)}
    named_terms = {w for m in analysed.matches if m.entry.names_area for w in _term_words(m, clean)}
    unknown: dict[str, None] = {}
    known: dict[str, None] = {}
    related: dict[str, None] = {}
    for word in words(clean):
        if len(word) < 3 or not word.isalpha() or word in STOPWORDS or word in _GENERIC:
            continue
        if word in related_terms:
            related[word] = None
        elif word in named_terms or word in vocabulary.known:
            known[word] = None
        else:
            unknown[word] = None
    return tuple(unknown), tuple(known), tuple(related)


def _term_words(match: SynonymMatch, clean: str) -> list[str]:
    return [*words(match.term), *words(clean[match.start : match.end])]


def _stated_area(
    clean: str, analysed: AnalysedQuery, kb: KnowledgeBase, lowered: str
) -> tuple[str | None, str, tuple[str, ...]]:
    """The area the text names: an area's own name or a synonym that names it; the longest mention wins. Then
    every area it names, in order, leaving out mentions inside a longer one ("technology" in "medical technology")."""
    named: list[tuple[str, str, int]] = []  # (words as typed, area, where)
    for area in kb.areas:
        if m := _find(area, clean, lowered=lowered):
            named.append((m.group(0), area, m.start()))
    for match in analysed.matches:
        if match.entry.names_area and match.entry.area in kb.areas:
            named.append((clean[match.start : match.end], match.entry.area, match.start))
    if not named and (m := _IT.search(clean)) and "Information Technology" in kb.areas:
        named.append((m.group(0), "Information Technology", m.start()))
    if not named:
        return None, "", ()
    words, area, _ = max(named, key=lambda found: len(found[0]))
    spans = [(start, start + len(typed)) for typed, _, start in named]
    inside = {i for i, (s, e) in enumerate(spans) for (s2, e2) in spans if s2 <= s and e <= e2 and e2 - s2 > e - s}
    every = dict.fromkeys(a for i, (_, a, _) in sorted(enumerate(named), key=lambda f: f[1][2]) if i not in inside)
    return area, words, tuple(every)


def _own_values(name: str, kb: KnowledgeBase) -> tuple[str, ...]:
    """The values a filter takes in ``kb``: provider ids, area names, the schema's cost/delivery/status values."""
    own: dict[str, tuple[str, ...]] = {
        "provider": tuple(kb.providers),
        "area": tuple(kb.areas),
        "cost": tuple(CostKind),
        "delivery": (*DeliveryMode, *Schedule),
        "status": tuple(Status),
    }
    return own[name]


def resolve_filter_value(name: str, value: str, kb: KnowledgeBase) -> str | None:
    """A filter value as a slot or an entity gives it ("health", "Ontario Tech", "in person") -> ``kb``'s own value
    ("Health Sciences", "ontario-tech", "in_person"), or None when it names nothing ``kb`` knows.

    The knowledge base's own values (also ids and names in another case) are taken as they are; anything else is read
    the way a message is (names, short names, synonyms, typos), so the actions and the dialogue never disagree."""
    wanted = value.strip()
    for own in _own_values(name, kb):
        if wanted.casefold() in (own.casefold(), own.replace("_", " ").casefold()):
            return own
    if name == "provider":
        for provider in kb.providers.values():
            if wanted.casefold() in (provider.id.replace("-", " ").casefold(), provider.name.casefold()):
                return provider.id
    stated = getattr(parse_query(wanted, kb).filters, name)
    return str(stated) if stated else None
