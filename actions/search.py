"""action_search_credentials: find offerings matching what the person asked, honestly, never breaking a filter."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorAction, AdvisorDeps
from actions.describe import describe_delivery, result_card
from actions.providers import provider_button
from actions.slot_values import FILTER_SLOTS, read_filters, unknown_text
from actions.turn import current_query
from index.filters import SearchFilters
from index.query import ParsedQuery, parse_query
from index.search import Hit, Searcher
from index.text import fold, words
from knowledge.schema import Credential, KnowledgeBase

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["FILTER_SLOTS", "ActionSearchCredentials"]
# How a delivery filter reads after "may be offered ...".
_OFFERED = {"online": "online", "in_person": "in person", "evenings": "in the evenings", "weekends": "on weekends",
            "self_paced": "self-guided", "compressed": "in a compressed format"}  # fmt: skip
_FILTER_WORDS = {
    "cost": {"free": "free"},
    "delivery": {
        "online": "online",
        "in_person": "in-person",
        "evenings": "evening",
        "weekends": "weekend",
        "self_paced": "self-guided",
    },
    "status": {"upcoming": "upcoming", "under_development": "planned", "available": "currently offered"},
}




def describe_filters(filters: SearchFilters, kb: KnowledgeBase, *, count: int = 2) -> str:
    """'free Health Sciences micro-credentials at Durham College' style phrase (singular when ``count`` is 1)."""
    words = [
        _FILTER_WORDS[k][v]
        for k, v in (("cost", filters.cost), ("delivery", filters.delivery), ("status", filters.status))
        if v and v in _FILTER_WORDS[k]
    ]
    noun = "micro-credential offering" if count == 1 else "micro-credentials"
    phrase = " ".join([*words, filters.area or "", noun]).split()
    text = " ".join(phrase)
    if filters.provider:
        text += f" at {kb.provider_name(filters.provider)}"
    # what is ruled out, unless a value named for the same filter says it already ("IT" rules out "cyber")
    if not filters.provider and (places := [kb.provider_name(v) for k, v in filters.exclude if k == "provider"]):
        text += f" outside {joined(places)}"
    if others := _others_ruled_out(filters):
        text += f" other than {joined(others)}"
    return text


def _others_ruled_out(filters: SearchFilters) -> list[str]:
    """What ``filters`` rules out besides schools, in words ("Health Sciences", "those made with TD Canada Trust"),
    unless a value named for the same filter says it already ("IT" rules out "cyber")."""
    return [f"those made with {v}" if k == "partner" else v for k, v in filters.exclude
            if k != "provider" and not getattr(filters, k, None)]  # fmt: skip


def none_known(filters: SearchFilters, kb: KnowledgeBase) -> str:
    """What nothing matched, said so that it never reads as an offering when skimmed: 'I couldn't find that in what I
    know: Trent University Durham GTA has nothing in Media/Arts/Design.' (never 'Media/Arts/Design micro-credentials
    at Trent ...', which a reader skimming takes for a claim)."""
    if not filters.provider:
        return f"I couldn't find any {describe_filters(filters, kb)} in what I know."
    school = kb.provider_name(filters.provider)
    if filters.cost == "free" and any(replace(filters, cost=None).matches(c) for c in kb.credentials):
        # the school has such records whose cost is not known: "has no free ones" would claim what no source says
        subject = f" in {filters.area}" if filters.area else ""
        return f"I couldn't find that in what I know: none of {school}'s micro-credentials{subject} is listed as free."
    rest = describe_filters(replace(filters, provider=None, area=None, exclude=()), kb)
    # "free online micro-credentials" or nothing but the noun; an exclusion is worded at the end
    kind = "nothing" if rest == "micro-credentials" else f"no {rest}"
    subject = f" in {filters.area}" if filters.area else ""
    others = _others_ruled_out(filters)
    besides = f" other than {joined(others)}" if others else ""
    return f"I couldn't find that in what I know: {school} has {kind}{subject}{besides}."


def _with_school(credential: Credential, kb: KnowledgeBase) -> str:
    """'Feeding (Ontario Tech University)'; a title that names its school stays as it is."""
    school = kb.provider_name(credential.provider)
    return credential.title if school.split()[0] in credential.title else f"{credential.title} ({school})"


def joined(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# Asking for training in a subject ("welding courses", "my AZ licence"), not telling what one did ("laid off from a
# warehouse job"): only then is a subject the knowledge base does not know said to be unknown.
_ASKS_FOR_TRAINING = re.compile(
    r"\b(courses?|training|program(me)?s?|classes|certificat(e|ion)s?|licen[cs]e|ticket|learn|teach(es)?|taught|"
    r"become an?|"
    r"micro[- ]?cred(ential)?s?|"
    r"get into|do you (have|offer)|is there (anything|something) (for|in|on)|(anything|something) (for|in) |"
    # "i want to be a stylist", "do any of the schools do hairdressing", "does durham college offer esthetics": the
    # job wanted, the subject asked of the schools
    r"(want|wants|wanna|hope|hoping|like) to be an?|(do|does) ([a-z]+ ){1,7}?(do|offer|teach|run|have))\b|"
    # "what about mechanics" after a search: the same ask, of another subject
    r"^\s*((and|so|ok|okay|but|hm+|um+|well)[\s,]+)?(what|how) a?bout\b|"
    # "forklift then?", "k so welding instead": a bare subject, the same ask of it
    r"^\s*((and|but|so|ok|okay|k|fine|well)[\s,]+){0,2}([a-z][\w-]*+ ?){1,3}(then|instead)\s*[?!.]*$|"
    # "and massage therapy?", "ok and a pilot licence?": the same ask, of another subject
    r"^\s*((so|ok|okay)[\s,]+)?and (an? )?([a-z][\w-]*+ ?){1,3}\?[?!.]*$|"
    # "ok and esthetics? like nails", "and truck driving, like his AZ?": the same, with an example of it
    r"^\s*((so|ok|okay|but)[\s,]+)?and (an? )?([a-z][\w-]*+ ?){1,3}[?,]\s*(like|such as|as in|e\.?g\.?)\b",
    re.I,
)
# A short message made only of subjects, joined ("fine. warehouse or forklift or something", "roofing, drywall",
# "landscaping and snow removal i guess"): a search for them, read when none of its words is known.
SUBJECT_LIST = re.compile(
    r"^\W*(?:(?:fine|ok|okay|well|um+|hmm+|so|idk|i guess|maybe|just)\W+)*[a-z][a-z-]{2,}(?: [a-z][a-z-]{2,})?"
    r"(?:(?:\s*[,/]\s*|\s+(?:or|and)\s+)[a-z][a-z-]{2,}(?: [a-z][a-z-]{2,})?)*"
    r"(?:\s+(?:or|and) (?:something|whatever|stuff|anything)(?: like that)?|\s+stuff|,? i guess|,? maybe)?\W*$",
    re.I,
)


def lists_subjects(text: str) -> bool:
    """Whether ``text`` is a short list of subjects, joined by "or", "and" or commas (or closed by "or something")."""
    low = text.lower()
    joined = " or " in low or " and " in low or "," in low or "/" in low
    return joined and len(low) <= 60 and SUBJECT_LIST.match(low) is not None


# A clause that gives the person's own phone number or e-mail (redacted to a placeholder), and where one ends.
_CONTACT_GIVEN = re.compile(r"\[(phone|email)\]")
_CLAUSE = re.compile(r"(?<=[.!?;,])\s+")
_TOLD_A_LOSS = re.compile(
    r"\b(laid off|lost my job|let go|got fired|out of work|plant closed|worked (at|in|for))\b", re.I
)


# Words of asking for training that say nothing of the subject ("is there a MIG welding certification").
_ASKING_WORDS = frozenset({"certification", "certifications", "certificate", "certificates", "certified", "course",
                           "courses", "training", "program", "programs", "class", "classes", "take", "learn",
                           # "do any of the schools teach dog grooming", "is X taught anywhere": the asking
                           "teach", "teaches", "taught",
                           "licence", "license", "ticket", "get", "getting", "find", "want", "need", "become",
                           "becoming",
                           # a role with no field of its own ("an HVAC technician"): the field is the other words
                           "technician", "technicians", "tech", "worker", "workers", "job", "jobs",
                           "career",
                           # words about the match, not the subject ("elevator technician, which courses fit")
                           "fit", "fits", "suit", "suits", "match", "matches", "best", "good", "right", "available",
                           "offered", "there", "would", "could", "should", "help", "me",
                           # what it is for, not its subject ("a course that would help me get hired somewhere")
                           "hired", "hire", "employed", "employable", "somewhere", "anywhere", "short", "make", "more",
                           "fast", "faster", "quick", "quicker", "quickly",
                           # a fact asked of what is found ("help desk training, how much")
                           "much", "long",
                           # spans of time in a story ("10 hrs a day", read as "hours"): no subject
                           "hours", "hour", "days", "day", "weeks", "week", "months", "month", "years",
                           "year",
                           # the schools a subject is asked of ("truck driving, which of the schools does that?")
                           "school", "schools", "college", "colleges", "university", "universities",
                           # who is asked ("does anybody around here teach pet grooming")
                           "anybody", "anyone", "somebody", "someone", "around", "here",
                           # the thing asked of, by a pronoun ("which school does that one")
                           "one", "ones",
                           # where ("in Pickering area please")
                           "area", "region", "nearby", "town", "city"})  # fmt: skip
# Swearing and sighs are no subject: "fuck this, anything for PSWs?" asks what "anything for PSWs?" asks.
# Words around an ask that are no subject ("... as a micro credential, right?").
_FILLER = frozenset({"right", "yes", "no", "really", "actually", "even", "guys", "please", "ok", "okay", "so", "then",
                     "instead", "now",
                     "show", "shows", "showing",  # "anything that shows you how to teach online classes"
                     "fine", "guess", "whatever", "maybe",  # "fine. warehouse or forklift, i guess"
                     # the words of a question asked beside the search ("help desk training, how long n how much")
                     "much", "long", "many", "often", "soon", "cost", "costs", "price",
                     # the person asked for ("my wife is a nurse, anything for her"): who, not the subject
                     "wife", "husband", "son", "daughter", "partner", "spouse", "friend", "mom", "mother", "dad",
                     "father", "brother", "sister", "kid", "kids", "boyfriend", "girlfriend", "him", "her",
                     "grandson", "granddaughter", "grandkid", "grandkids", "grandchild", "grandchildren", "nephew",
                     "niece", "cousin", "uncle", "aunt", "grandma", "grandpa", "hands", "things",
                     "wants", "likes", "loves", "enjoys"})  # fmt: skip
_STRONG_WORDS = frozenset({"fuck", "fucking", "fuckin", "shit", "shitty", "damn", "crap", "crappy", "wtf", "ffs",
                           "omg", "ugh", "lol", "bloody", "hell", "pissed"})  # fmt: skip
_NO_SUBJECT = _ASKING_WORDS | _STRONG_WORDS | _FILLER  # words that never name a subject asked for


# Asking outright whether a micro-credential in a subject exists ("Is there an HVAC micro-credential?", "Durham
# College has that as a micro credential right?"): the sentence it is in (with the one before when it says "that"
# or "it"), read on its own, so a story around it (a job loss, a school named) does not hide an unknown subject.
# ("any pastry or baking micro credentials? i want to open my own little bakery": the ask is pastry and baking, the
# bakery only why; "got any courses for upholstery? ...")
_DIRECT_ASK = re.compile(
    r"[^.?!]*\b(is there|are there|do you have|do they have|(got )?any|(has|have|offers?|runs?|teach(es)?) (that|this|"
    r"it|one|those|them|any)?)\b[^.?!]{0,40}?\b(micro[- ]?credentials?|courses?|classes|programs?|"
    r"certificat(e|ion)s?|licen[cs]es?|tickets?)\b[^.?!]*[.?!]*|"  # ("do any of you do smart serve certification")
    # a school asked whether it teaches a subject ("Do any of the schools do dental hygiene?", "does any college
    # teach welding around here")
    r"(?:^|(?<=[.?!])\s*)(do|does) (any|either)( of the| of these| of those| of them)? (schools?|colleges?|"
    r"universit(y|ies)|places?|ones?)( around here| near me| here)? (do|offer|teach|have|run)\b[^.?!]*[.?!]*|"
    # (of the advisor's people only what they teach: not "do any of you have a recipe for banana bread")
    r"(?:^|(?<=[.?!])\s*)do any( of)? (you|u|y'?all)( guys)? (do|offer|teach|run)\b[^.?!]*[.?!]*",
    re.I,
)
_SCHOOL_WORDS = frozenset({"school", "schools", "college", "colleges", "university", "universities"})
_ASK_VERBS = frozenset({"has", "have", "offer", "offers", "run", "runs", "teach", "teaches", "heard", "hear"})
_WANTS = re.compile(r"\b(learn|get( into)?|take|study|train (in|as|for)|become( an?)?)\b", re.I)
_POINTS_BACK = re.compile(r"\b(that|this|it|those|them)\b", re.I)


def asked_outright(text: str) -> str | None:
    """The sentence that asks outright for a micro-credential in a subject (and the sentence before when it points
    back at it), else None."""
    low = text.lower()
    if not any(map(low.__contains__, ("micro", "course", "class", "program", "certific", "licen", "ticket", "school",
                                      "college", "universit", "place", "ones", "you", " u "))):
        return None  # the pattern's leading sentence scan is costly: only where it can match
    match = _DIRECT_ASK.search(text)
    if match is None:
        return None
    start = match.start()
    if _POINTS_BACK.search(match.group(0)) and (before := re.search(r"[^.?!]*[.?!]+\s*$", text[:start])):
        # from what the sentence before wants ("My neighbour said I should learn upholstery." -> "upholstery.")
        wants = _WANTS.search(before.group(0))
        start = before.start() + (wants.end() if wants else 0)
    return text[start : match.end()].strip()


def unknown_asked(parsed: ParsedQuery, reparse: Callable[[str], ParsedQuery]) -> str | None:
    """The unknown subject of a search (see ``unknown_topic``), else of a sentence that asks outright for a
    micro-credential in it, read on its own: "...the company went bankrupt. Is there an HVAC micro-credential?"."""
    if found := unknown_topic(parsed):
        return found
    piece = asked_outright(parsed.corrected)
    if piece is None:
        return None
    asked = parsed if piece == parsed.corrected.strip() else reparse(piece)
    # the school named and the ask's own verbs ("Trent offers it ..., right?") are no subject
    school = {w for name in asked.mentions.values() for w in words(name)} | _ASK_VERBS
    unsaid = _ASKING_WORDS | school
    if set(asked.mentions) - {"provider"} or [w for w in asked.known_words if w.lower() not in unsaid]:
        return None
    unknown = [w for w in asked.unknown_words if w.lower() not in _NO_SUBJECT]
    if not unknown:  # only words the synonym table relates to an area ("a PSW micro-credential?"): that area's
        return None
    # a subject the synonym table relates to an area ("welding ticket, MIG and stick") says it best (not the schools
    # asked: "do any of the schools do dental hygiene")
    topic = [w for w in asked.related_words if w.lower() not in _SCHOOL_WORDS | _ASK_VERBS] or unknown
    typed = {w.lower(): w for w in re.findall(r"\w+", piece)}  # as the person wrote it ("HVAC")
    return " ".join(dict.fromkeys(typed.get(w.lower(), w) for w in topic[:3])) or None


# The word a negation turns away from ("not lifting", "nothing with heavy lifting", "without screens").
_NEGATED = re.compile(r"\b(?:not|no|nothing|without|avoid|except)\s+(?:(?:with|any|heavy|much|more|too|the|a)\s+)*"
                      r"(\w+)", re.I)


# A plan told ("thinking of doing aerial shots", "planning on a move"): its verb is no subject, whatever records use
# the word ("Critical Thinking").
_PLANS = re.compile(r"\b(thinking|thought|planning|hoping|wanting)\s+(?:of|about|on|to|into)\b", re.I)


# The person's own job, told ("i'm a teller at a bank", "I work at a grocery store", "i drive for a courier").
_TOLD_WHO = re.compile(r"\b(?:i'?m|i am|im|i work(?:ed)?|i'?ve worked|i drive) (?:as |at |in |for )?(?:a |an |the )?"
                       r"[\w-]+(?: (?!(?:at|in|for|with)\b)[\w-]+)?(?: (?:at|in|for|with) (?:a |an |the )?[\w-]+"
                       r"(?: [\w-]+)?)?", re.I)


# A reason told after a subject asked ("what about truck driving, his dad drives AZ ..."): why, not what.
REASON_AFTER = re.compile(r"(?<=\w)[,;]\s*(?:his|her|my|our|their|he|she|we|they|cuz|because|since)\b[^.?!]*",
                           re.I)


# A purpose told right after the training asked for ("my LLQP licence so i can sell life insurance"; not a story's
# "I just need something more to put on paper so I can maybe move into something easier").
_PURPOSE = re.compile(r"\b(?:licen[cs]es?|tickets?|certificat\w+|courses?|training|program)\s+so (?:that )?"
                      r"(?:i|we|he|she|they|you)(?:'d| can| could| would| will)\b[^.?!]*", re.I)


# A subject alone, as a search of its own ("massage therapy?", "acupuncture", "and pet grooming?"): asked outright.
_BARE_SUBJECT = re.compile(r"^\s*(?:(?:and|or|ok|okay|so|what about|how about)[\s,]+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*)"
                           r"{0,2}\s*[?!.]*\s*$", re.I)


# An example given after a subject asked ("and esthetics? like nails").
_EXAMPLE = re.compile(r"[?,]\s*(like|such as|as in|e\.?g\.?)\b.*", re.I)


# Where a sentence ends: its "?", "!" or "." and the space after it.
_SENTENCE_BREAK = re.compile(r"[.?!]+(?:\s|$)")


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence holding ``start`` ends (past its "?", "!" or "."), else the text's end."""
    end = _SENTENCE_BREAK.search(text, start)
    return end.end() if end else len(text)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` begins (after the last "?", "!" or "." before it), else 0."""
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, at)]
    return ends[-1] if ends else 0


def unknown_topic(parsed: ParsedQuery) -> str | None:
    """The words of a search the knowledge base knows nothing of, when it knows none of its subject words ("welding
    ticket", "AZ licence", "MIG welding certification"): said plainly before the closest matches, never dressed up
    as a match."""
    if set(parsed.mentions) - {"provider"}:
        return None
    plans = {m.group(1).lower() for m in _PLANS.finditer(parsed.corrected)} if "ing " in parsed.corrected else set()
    # the school asked ("does durham college do esthetics") is no subject
    school = {w.lower() for name in parsed.mentions.values() for w in words(name)}
    # the purpose told after the subject ("my LLQP licence so i can sell life insurance": "sell" is why, not what)
    why = {w for m in _PURPOSE.finditer(parsed.corrected) for w in words(m.group(0))} if " so " in parsed.corrected \
        else set()
    # (and a reason told after the subject: "what about truck driving, his dad drives AZ and says thats the real money")
    why |= {w for m in REASON_AFTER.finditer(parsed.corrected) for w in words(m.group(0))}
    asking_words = _ASKING_WORDS | plans | school
    subject = [w for w in parsed.known_words if w.lower() not in asking_words and w not in why]
    # ("there's a course about PPE, right?": "right" is no subject)
    unmet_words = _STRONG_WORDS | _FILLER | school
    unmet = [w for w in parsed.unknown_words if w.lower() not in unmet_words]
    shown: set[str] = set()  # the words of an example given after the subject
    if unmet and (example := _EXAMPLE.search(parsed.corrected)):
        # "ok and nursing? like RPN": the example after the subject is not the subject ("nursing", a field known)
        unmet = [w for w in unmet if w not in (shown := set(words(example.group(0))))]
        if unmet:  # "what about cooking then, like a line cook": the example's known words ("line") name no subject
            subject = [w for w in subject if w not in shown]
    negated: set[str] = set()
    if unmet and _NEGATED.search(parsed.corrected):  # "anything for her that is not lifting": not the subject
        negated = {w.lower() for m in _NEGATED.finditer(parsed.corrected) for w in m.group(0).split()}
        unmet = [w for w in unmet if w.lower() not in negated]
    given: set[str] = set()  # "my number is [phone]. anything for PSWs?": the person's own details are no subject
    if "[" in parsed.corrected:
        given = {w for piece in _CLAUSE.split(parsed.corrected) if _CONTACT_GIVEN.search(piece) for w in words(piece)}
        unmet = [w for w in unmet if fold(w) not in given]
    # a known word that only qualifies an unknown one ("what about a real estate licence": "real", known from
    # "real-world", names no subject of its own; "estate" is the subject, unknown)
    modifiers = _modifiers(parsed.corrected, subject, unmet) if subject and unmet else set()
    subject = [w for w in subject if w not in modifiers]
    if not unmet:
        return None
    asking = _ASKS_FOR_TRAINING.search(parsed.corrected) or (
        SUBJECT_LIST.match(parsed.corrected) if lists_subjects(parsed.corrected) else None) or (
        _BARE_SUBJECT.match(parsed.corrected))
    told: set[str] = set()
    if asking and asking.start() > 0:
        # the person's own job told before the ask ("im a teller at a bank in pickering, i want to get my CSC
        # certificate"): who asks, not the subject asked for
        told = {w for m in _TOLD_WHO.finditer(parsed.corrected, 0, asking.start()) for w in words(m.group(0))}
        subject = [w for w in subject if w not in told]
    if subject:
        return None
    # a loss told before the ask, or in it ("laid off from the warehouse, any courses?": the warehouse is the past);
    # not one told after it ("does anyone do a forklift licence? my uncle got let go": the reason, the ask stands)
    if not asking or _TOLD_A_LOSS.search(parsed.corrected, 0, _sentence_end(parsed.corrected, asking.start())):
        return None
    unknown = {*parsed.unknown_words, *parsed.related_words, *modifiers} - given
    # the words after the asking ("I used to fix cars, anything for mechanics?" -> mechanics), else all of them
    # ("my daughter likes knitting": "knitting"; "and hairdressing, like for salons?": hairdressing)
    unsaid = _ASKING_WORDS | _FILLER | negated | {w.lower() for w in shown | why | told}
    # (of the sentence that asks, first: "a drone pilot certificate? thinking of doing aerial shots" -> drone pilot)
    asked = parsed.corrected[asking.start():]
    own = re.match(r"[^.?!]*", asked)
    # (then the whole of the sentence that asks: "is there a forklift course anywhere? my dad was laid off from a
    # factory" -> forklift, not the factory of the story after it)
    text = parsed.corrected
    sentence = text[_sentence_start(text, asking.start()) : _sentence_end(text, asking.start())]
    topic = [w for w in words(own.group(0) if own else asked) if w in unknown and w.lower() not in unsaid] or [
        w for w in words(sentence) if w in unknown and w.lower() not in unsaid] or [
        w for w in words(asked) if w in unknown and w.lower() not in unsaid]
    if not topic and negated:  # what is asked for is only what is turned away from ("anything not lifting")
        return None
    topic = topic or [w for w in words(parsed.corrected) if w in unknown and w.lower() not in unsaid]
    typed = {w.lower(): w for w in re.findall(r"\w+", parsed.corrected) if not w.islower()}  # as written ("ASL")
    return " ".join(dict.fromkeys(typed.get(w, w) for w in topic[:4]))


# Words of asking that nothing exists ("so nothing like that at all?", "guess not huh"): no subject of their own.
_NONE_WORDS = frozenset({"nothing", "none", "no", "not", "nobody", "noone", "one", "huh", "eh", "hey", "either",
                         "whatsoever", "all", "like", "similar", "luck", "anywhere", "dont", "doesnt", "don",
                         "doesn", "does", "do", "has", "have", "offer", "offers", "run", "runs", "thats", "that's"})


def none_subject(parsed: ParsedQuery) -> str | None:
    """What a search was for, to say plainly that no micro-credential for it is known ("so nothing for welding
    then?" after welding): its unknown subject, else its words the records never use (unknown, or known only through
    the synonym table: "welding"). None when a word of it is one the records use (something may be about it)."""
    unsaid = _ASKING_WORDS | _FILLER | _STRONG_WORDS | _NONE_WORDS
    if (found := unknown_topic(parsed)) and (kept := [w for w in found.split() if w.lower() not in unsaid]):
        return " ".join(kept)  # (not "nothing" of "so nothing?")
    if set(parsed.mentions) - {"provider"} or [w for w in parsed.known_words if w.lower() not in unsaid]:
        return None
    school = {w.lower() for name in parsed.mentions.values() for w in words(name)}
    topic = [w for w in (*parsed.unknown_words, *parsed.related_words) if w.lower() not in unsaid | school]
    return " ".join(dict.fromkeys(topic[:4])) or None


def none_pointer(kb: KnowledgeBase) -> str:
    """Where to look beyond these schools' micro-credentials: the FAQ's first sentence on employment services."""
    topic = kb.faq.get("career_help")
    if topic is None:
        return ""
    first = re.split(r"(?<=[.!?])\s+", topic.answer.strip(), maxsplit=1)[0]
    return f" For other training, my sources point to this: {first}"


def _modifiers(text: str, subject: list[str], unmet: list[str]) -> set[str]:
    """The known ``subject`` words right before an unknown word of ``unmet`` ("real" in "real estate")."""
    typed = words(text)
    unknown = set(unmet)
    return {w for w, after in pairwise(typed) if w in subject and after in unknown}


# What a record's status adds to its name in a reply: never call it available. (status word, what it means)
_NOT_YET = {"upcoming": ("upcoming", "not launched yet"), "under_development": ("under development", "not offered yet")}


def _named(credential: Credential) -> str:
    if credential.status not in _NOT_YET:
        return credential.title
    word, meaning = _NOT_YET[credential.status]
    note = meaning if word in credential.title.lower() else f"{word}, {meaning}"  # the title may say it already
    return f"{credential.title} ({note})"


def name_hits(hits: list[Hit]) -> str:
    """The records shown, by name, in the reply's text (a text channel shows no cards): "A; B; C", each one that
    cannot be taken yet with its status."""
    return "; ".join(_named(h.credential) for h in hits)


def headline(filters: SearchFilters, total: int, shown: int, searcher: Searcher, kb: KnowledgeBase) -> str:
    """'I know of 5 free micro-credentials', never counting more than the records say: records that match a
    delivery only by a "may be offered" fact are counted as such."""
    if filters.delivery:
        confirmed = searcher.count_confirmed_delivery(filters)  # from the filter index: no walk of the records
        if confirmed < total:
            plain = describe_filters(replace(filters, delivery=None), kb, count=total)
            word = _OFFERED.get(filters.delivery, filters.delivery)
            maybe = total - confirmed
            sure = f"{confirmed} offered {word} and " if confirmed else ""
            return (
                f"I know of {sure}{maybe} {plain} that may be offered {word}; the school says delivery varies, so "
                "check each link"
            )
    if total <= shown:
        return f"I know of {total} {describe_filters(filters, kb, count=total)}"
    return f"I know of {total} {describe_filters(filters, kb)}. Here are the best matches"


def _one_area(hits: list[Hit]) -> str:
    """ " (all Health Sciences)" when the records of a search without filters share one area (a PSW's story of
    infection control and patient care: the field is said, not only the titles), else ""."""
    shared = set.intersection(*(set(hit.credential.areas) for hit in hits)) if len(hits) > 1 else set()
    return f" (all {min(shared)})" if len(shared) == 1 else ""


def search_buttons(*, more: bool, filters: SearchFilters) -> list[dict[str, str]]:
    buttons = []
    if more:
        buttons.append({"title": "Show more", "payload": "/more_results"})
    if filters.cost != "free":
        buttons.append(
            {"title": "Free options", "payload": '/search_credentials{"cost":"free","area":null,"provider":null}'}
        )
    buttons.append({"title": "Costs and funding", "payload": "/cost_and_funding"})
    buttons.append({"title": "Start over", "payload": "/restart"})
    return buttons


class ActionSearchCredentials(AdvisorAction):
    def name(self) -> str:
        return "action_search_credentials"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        deps = self.deps
        kb, searcher, k = deps.kb, deps.searcher, deps.page_size
        reading = read_filters(tracker, kb)
        if reading.unknown:
            return [*reading.events, *self._unknown(dispatcher, kb, reading.unknown)]
        filters = reading.filters
        turn = current_query()
        text = turn.text if turn else str((tracker.latest_message or {}).get("text") or "")
        query = text if text and not text.startswith("/") else describe_filters(filters, kb)
        parsed = turn.parsed if turn and turn.parsed and turn.text == query else None
        # the turn's vector and analysed text when it searches the words the turn read (else they are computed)
        vector = turn.vector if turn and turn.text == query else None
        search_text = parsed.search_text if parsed else None
        total = searcher.count(filters) if not filters.is_empty() else searcher.size
        if total == k + 1:
            # one more than a page: all of them (a page of one left behind a "Show more" hides the one a ranking of
            # equally close records put last: "what health stuff does Ontario Tech have", four of them)
            k = total
        hits = searcher.search(query, filters=filters, k=k, vector=vector, search_text=search_text)
        if hits:
            unmet = unknown_asked(parsed or parse_query(query, kb, vocabulary=searcher.vocabulary),
                                  lambda piece: parse_query(piece, kb, vocabulary=searcher.vocabulary))  # fmt: skip
            # "Durham College has that, right?"; after "not health": what was ruled out changes nothing here
            at_school = replace(filters, exclude=()) == SearchFilters(provider=filters.provider)
            # "so nothing for welding then?" after its closest matches: plainly that none for it is known
            asked_none = self._none_asked(tracker, parsed or parse_query(query, kb, vocabulary=searcher.vocabulary))
            pointer = ""
            if asked_none and (filters.is_empty() or at_school):
                schools = [p.name for p in kb.providers.values()]
                where = (f"at {kb.provider_name(filters.provider)}" if filters.provider else
                         f"at {', '.join(schools[:-1])} or {schools[-1]} (the schools I have records of)")  # fmt: skip
                intro = f'No: I don\'t know of any micro-credential for "{asked_none}" {where}. The closest I know of'
                unmet, pointer = asked_none, none_pointer(kb)
            elif unmet and (filters.is_empty() or at_school):
                where = f"at {kb.provider_name(filters.provider)}" if filters.provider else "in Durham Region"
                intro = f'I don\'t know of any micro-credential for "{unmet}" {where}. These are the closest I know of'
            elif unmet and filters.area and not (filters.cost or filters.delivery or filters.status):
                # the subject asked is offered by no one; the field the rest of the message points to is the closest
                # ("any pastry or baking micro credentials? i want to open my own bakery": its own-business ones)
                where = f"at {kb.provider_name(filters.provider)}" if filters.provider else "in Durham Region"
                intro = (f'I don\'t know of any micro-credential for "{unmet}" {where}. The closest: '
                         + headline(filters, total, len(hits), searcher, kb))
            elif filters.is_empty():
                intro = "Here are the closest matches I know of"
            elif filters == SearchFilters(exclude=filters.exclude):
                left_out = joined([kb.provider_name(v) if k == "provider" else f"those made with {v}" if
                                   k == "partner" else v for k, v in filters.exclude])  # fmt: skip
                intro = f"Leaving out {left_out}, here are the closest matches I know of"
            else:
                intro = headline(filters, total, len(hits), searcher, kb)
            area = _one_area(hits) if filters.is_empty() and not unmet else ""
            unpublished = self._schedule_unpublished(hits, filters, query, k, vector, search_text)
            others = (f" Whether {joined([h.credential.title for h in unpublished])} "
                      f"{'run' if len(unpublished) > 1 else 'runs'} {_OFFERED[str(filters.delivery)]} isn't "
                      "published; ask the school." if unpublished else "")  # fmt: skip
            # (a subject in words of its own, "bookkeeping or office admin", beside a format: the ones it ranked first,
            # by name, as the headline says only the format)
            in_words = bool(parsed and parsed.related_words and not filters.area)
            names = self._names(hits, filters, total, in_words=in_words)
            if in_words and names and not intro.endswith(("matches", "of")):
                names = f". Here are the best matches{names}"  # ("... so check each link. Here are the best ...")
            hits = [*hits, *unpublished]
            self._answer(
                dispatcher,
                kb,
                hits,
                f"{intro}{names}{area}.{others} Check each link for current dates and prices.{pointer}",
                more=total > len(hits),
                filters=filters,
                unmet=bool(unmet and (filters.is_empty() or at_school or filters.area)),
            )
            return [*reading.events, *self._events(hits, filters, query)]
        return [*reading.events, *self._nothing_matched(dispatcher, tracker, deps, filters, query, vector, search_text)]

    def _schedule_unpublished(
        self, hits: list[Hit], filters: SearchFilters, query: str, k: int,
        vector: NDArray[np.float32] | None, search_text: str | None,
    ) -> list[Hit]:
        """ "health care, only at night": few records publish a schedule, so a page short of an evening or weekend
        filter is filled with the field's (or school's) records whose schedule is not published; never one whose
        published schedule leaves it out."""
        if len(hits) >= k or filters.delivery not in ("evenings", "weekends") or not (filters.area or filters.provider):
            return []
        shown = {h.credential.id for h in hits}
        rest = self.deps.searcher.search(query, filters=replace(filters, delivery=None), k=k, vector=vector,
                                         search_text=search_text)  # fmt: skip
        return [h for h in rest if h.credential.id not in shown and not h.credential.delivery.schedule][: k - len(hits)]

    @staticmethod
    def _none_asked(tracker: Tracker, parsed: ParsedQuery) -> str | None:
        """The subject to say none is known for, when the turn asks whether there is nothing (the policy's
        ``none_asked`` entity): the searched words' (``none_subject``); else None."""
        entities = (tracker.latest_message or {}).get("entities") or []
        if not any(e.get("entity") == "none_asked" for e in entities):
            return None
        return none_subject(parsed)

    @staticmethod
    def _names(hits: list[Hit], filters: SearchFilters, total: int, *, in_words: bool = False) -> str:
        """The records shown, by name, when the headline names no area or provider that says what they are
        ("closest matches", "leaving out ..."; a subject asked in words of its own, ``in_words``, beside a format),
        when they are all there is ("I know of 2 at Trent: A; B"), or when one school's are asked ("what health stuff
        does Ontario Tech have": its few, by name)."""
        vague = filters == SearchFilters(exclude=filters.exclude) or in_words
        return f": {name_hits(hits)}" if vague or total <= len(hits) or filters.provider else ""

    @staticmethod
    def _unknown(dispatcher: CollectingDispatcher, kb: KnowledgeBase, unknown: dict[str, str]) -> list[EventType]:
        buttons = (
            [provider_button(p) for p in kb.providers.values()]
            if "provider" in unknown
            else [{"title": a, "payload": f'/search_credentials{{"area":"{a}"}}'} for a in kb.areas[:6]]
        )
        dispatcher.utter_message(text=unknown_text(unknown, kb), buttons=buttons)
        return [SlotSet("last_results", []), SlotSet("focus", None)]

    def _answer(
        self,
        dispatcher: CollectingDispatcher,
        kb: KnowledgeBase,
        hits: list[Hit],
        text: str,
        *,
        more: bool,
        filters: SearchFilters,
        unmet: bool = False,
    ) -> None:
        """The answer with its cards; ``unmet`` marks a subject nothing known is about (shown its closest matches)."""
        cards = [result_card(h.credential, kb, h.score, dense_score=h.dense_score) for h in hits]
        custom: dict[str, Any] = {"results": cards, "unmet": True} if unmet else {"results": cards}
        dispatcher.utter_message(text=text, buttons=search_buttons(more=more, filters=filters), json_message=custom)

    def _events(self, hits: list[Hit], filters: SearchFilters, query: str, *, offset: int = 0) -> list[EventType]:
        ids = [h.credential.id for h in hits]
        return [
            SlotSet("last_results", ids),
            SlotSet("results_offset", offset),
            SlotSet("search_filters", json.dumps(filters.as_dict(), sort_keys=True)),
            SlotSet("search_query", query),
            SlotSet("focus", ids[0] if len(ids) == 1 else None),
        ]

    def _nothing_matched(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        deps: AdvisorDeps,
        filters: SearchFilters,
        query: str,
        vector: NDArray[np.float32] | None = None,
        search_text: str | None = None,
    ) -> list[EventType]:
        kb, searcher, k = deps.kb, deps.searcher, deps.page_size
        relaxations = [
            SearchFilters(area=filters.area, provider=filters.provider),
            SearchFilters(area=filters.area),
            SearchFilters(provider=filters.provider),
            SearchFilters(cost=filters.cost),  # "free online courses": the free ones, whatever their format
        ]
        free_now = filters.cost == "free" and self._asks_free_now(tracker, deps)
        if free_now and self._cost_unknown_shown(tracker, kb, filters):
            # "show me free ones then" after hearing the cost of those shown isn't published: the free ones first
            relaxations.insert(0, SearchFilters(cost="free"))
        for relaxed in relaxations:
            if relaxed.is_empty() or relaxed == filters:
                continue
            total = searcher.count(relaxed)
            if total == 0:
                continue
            everything = searcher.search(query, filters=relaxed, k=total, vector=vector, search_text=search_text)
            # the school named dropped: each one's school is said ("does durham college have the brilliant
            # catalyst one": "Fundamentals of Entrepreneurship (Ontario Tech University)"), unless its title says it
            elsewhere = bool(filters.provider) and not relaxed.provider
            names = "; ".join(_with_school(h.credential, kb) if elsewhere else h.credential.title for h in everything)
            shown = everything[:k]
            text = (
                f"{none_known(filters, kb)}{self._cost_not_published(filters, relaxed, kb)} "
                f"I know of {total} {describe_filters(relaxed, kb, count=total)}: "
                f"{names}." + self._unknown_note(everything, filters)
            )
            self._answer(dispatcher, kb, shown, text, more=total > len(shown), filters=relaxed)
            if filters.cost == "free" and relaxed.cost != "free":
                self._point_to_free(dispatcher, kb)
            return self._events(shown, relaxed, query)
        dispatcher.utter_message(
            text=self._no_match_text(filters, kb),
            buttons=[{"title": a, "payload": f'/search_credentials{{"area":"{a}"}}'} for a in kb.areas[:6]]
            + [{"title": "Start over", "payload": "/restart"}],
        )
        return [SlotSet("last_results", []), SlotSet("focus", None)]

    @staticmethod
    def _asks_free_now(tracker: Tracker, deps: AdvisorDeps) -> bool:
        """Whether this message asks for free ones ("show me free ones then"), not only keeps an earlier ask."""
        text = str((tracker.latest_message or {}).get("text") or "")
        if not text or text.startswith("/"):
            return False
        turn = current_query()  # the turn read this text already: its filters, else (a Rasa front end) read here
        if turn is not None and turn.parsed is not None and turn.text == text:
            return turn.parsed.filters.cost == "free"
        return parse_query(text, deps.kb, vocabulary=deps.searcher.vocabulary).filters.cost == "free"

    @staticmethod
    def _cost_unknown_shown(tracker: Tracker, kb: KnowledgeBase, filters: SearchFilters) -> bool:
        """Whether every result shown before is of the area asked, and of unpublished cost: asking for free ones
        then asks for free ones anywhere, not for the same ones again. (Or every one shown is free: "ok show me the
        free ones then" after none free in that area and the free ones elsewhere asks to see those again.)"""
        shown = [c for c in (kb.credential(str(i)) for i in tracker.get_slot("last_results") or []) if c]
        return bool(shown) and (all(c.cost.kind == "free" for c in shown) or all(
            c.cost.kind == "unknown" and (not filters.area or filters.area in c.areas) for c in shown))

    @staticmethod
    def _cost_not_published(filters: SearchFilters, relaxed: SearchFilters, kb: KnowledgeBase) -> str:
        """When the free ones elsewhere are shown instead ("r any of em free" after health care), that the cost of
        those asked about isn't published: none listed as free is not none free (a school named says it already)."""
        if filters.cost != "free" or relaxed.cost != "free" or filters.provider:
            return ""
        unknown = sum(1 for c in kb.credentials if c.cost.kind == "unknown" and replace(filters, cost=None).matches(c))
        if not unknown:
            return ""
        those = describe_filters(replace(filters, cost=None), kb, count=unknown)
        return f" The cost of the {those if unknown == 1 else f'{unknown} {those}'} I know of isn't published, so " \
               "check with the school."

    @staticmethod
    def _unknown_note(hits: list[Hit], filters: SearchFilters) -> str:
        notes = []
        if filters.cost == "free" and all(h.credential.cost.kind == "unknown" for h in hits):
            notes.append(" Their cost is not published, so check with the provider.")
        if filters.delivery and not any(
            filters.delivery in (*h.credential.delivery.modes, *h.credential.delivery.schedule) for h in hits
        ):
            formats = sorted({describe_delivery(h.credential) for h in hits})
            if "Not published" in formats:
                notes.append(" Their format is not published for that option, so ask the provider.")
            else:  # "free online courses": the free ones are self-guided; whether that is online isn't stated
                asked = _OFFERED.get(filters.delivery, filters.delivery)
                notes.append(f" My sources describe their format as {joined([f.lower() for f in formats])}; "
                             f"whether they are offered {asked} isn't stated, so ask the provider.")  # fmt: skip
        return "".join(notes)

    @staticmethod
    def _point_to_free(dispatcher: CollectingDispatcher, kb: KnowledgeBase) -> None:
        free = [c for c in kb.credentials if c.cost.kind == "free" and c.kind != "single"]
        free_singles = [c for c in kb.credentials if c.cost.kind == "free"]
        if not free_singles:
            return
        lead = free[0] if free else free_singles[0]
        dispatcher.utter_message(
            text=(
                f"Free option: {kb.provider_name(lead.provider)} offers the {lead.title}. {lead.cost.note or 'Free.'}"
            ),
            buttons=[
                {
                    "title": "Show free options",
                    "payload": '/search_credentials{"cost":"free","area":null,"provider":null}',
                }
            ],
        )

    @staticmethod
    def _no_match_text(filters: SearchFilters, kb: KnowledgeBase) -> str:
        contacts = "; ".join(f"{p.name}: {p.contact[0].url}" for p in kb.providers.values())
        return (
            f"{none_known(filters, kb)} These are the areas I do know about; pick one, or contact the "
            f"schools directly: {contacts}"
        )
