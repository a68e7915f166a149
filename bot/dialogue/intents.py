"""Intent recognition: button payloads, then rules for the unambiguous cases, then embedding similarity to the
example utterances in ``bot/dialogue/data/intents.yaml``. Below the confidence threshold the message is treated as
out of scope and answered with what the advisor can do (``Recognised.fallback``)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import yaml

from index.patterns import LowerPattern, first_found, lowered, lowered_table

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from bot.dialogue.message import UserMessage
    from index.embedder import Embedder
    from index.vocabulary import Vocabulary
    from knowledge.schema import KnowledgeBase

logger = logging.getLogger(__name__)

INTENTS = (
    "greet", "goodbye", "thank", "help", "search_credentials", "credential_details", "more_results",
    "explain_microcredentials", "cost_and_funding", "enrolment", "eligibility", "stacking", "digital_credential",
    "list_providers", "human_handoff", "affirm", "deny", "restart", "out_of_scope",
)  # fmt: skip

Source = Literal["payload", "rule", "embedding", "fallback", "default"]

_PAYLOAD = re.compile(r"^/(?P<intent>[a-z_]+)(?P<entities>\{.*\})?\s*$", re.S)
_END = r"[\s!.?,:)]*$"
# Words that open a thanks or a goodbye without changing it ("lol ok thanks anyway", "alright bye").
_LEAD = r"(ok(ay)?|k|wow|great|lol|haha|ha|oh|ah|well|alright|all right|fine|cool|right)[\s,.!]+"
_ORDINAL = r"(1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last)"
# A question about "it" / "that one" asking for a fact a record holds: a question about the credential in focus.
_PRONOUN_QUESTION = lowered(re.compile(
    r"^(?=.*\b(it|that|that one|this one|this course|that course|that program)\b)"
    r"(?=.*\b(free|cost|costs|price|how much|modules?|how long|hours|weeks|online|in person|from home|start|starts|"
    r"stack|badge|certificate|link|who can)\b)"
    r"\s*(is|does|do|can|will|how|when|where|what|who|whats|what's)\b",
    re.I,
))
# Words of someone looking for training or work; an unsure message using them is treated as a search.
_TRAINING_WORDS = lowered(re.compile(
    r"\b(courses?|training|programs?|classes|career|retrain(ing)?|upskill(ing)?|laid off|let go|lost my job|"
    r"got fired|out of work|plant closed|jobs?|skills?|certificates?|certifications?|learn|study|licen[cs]e|ticket|"
    r"apprentice(ship)?|"
    r"get into|work in|become an?|where do i start|"
    # "is massage therapy taught anywhere around here": a subject asked of the schools
    r"(taught|offered) (anywhere|around|near|locally|in (durham|oshawa|the area))|"
    # "i want to be a stylist", "does anyone teach dog grooming": the job wanted, the subject asked of the schools
    r"(want|wants|wanna|hope|hoping|like) to be an?|(do|does) (any|anyone|anybody)( of (the|them|these|those|you)"
    r"( schools| colleges| universities)?)? (do|offer|teach|run|have)|"
    r"works? with (my|his|her|their) hands|trade|retrain|"
    # "what's closest for someone who drove for a living": a working life told is a search for what suits it
    r"for a living|"
    # "anything for mechanics?", "something for welders": training for people in a line of work
    r"(anything|something|stuff) (for|in) (an? )?[a-z]+(ers?|ists?|ics|ians?|ors?))\b",
    re.I,
))
# A greeting that opens a longer, chatty message ("hi there, my daughter told me to try this", "evening! not sure
# how this works"): a greeting when the model has nothing better and the rest asks nothing and names no field. Asked
# only then (in ``classify``, not of every message), so a plain pattern.
_GREETING_CHAT = re.compile(r"\s*(hi+|hel+o+|hey+|hiya|heya|howdy|greetings|good (morning|afternoon|evening|day)|"
                            r"morning|afternoon|evening)( there| all| everyone| dear| friend| folks)?\s*[,.!;:-]", re.I)
_CHAT_WORDS = 24  # a longer message is more than a hello ("..., my granddaughter showed me how to use this thing")


def _greets_chatting(message: UserMessage) -> bool:
    """A greeting, then a line that asks nothing and names no field ("evening! not sure how this works")."""
    return bool(_GREETING_CHAT.match(message.folded)) and "?" not in message.folded and (
        message.words <= _CHAT_WORDS) and not names_a_field(message)


# An opening that only says courses will be asked about ("my niece said I could ask about courses here", "can I ask
# you about training?", "my worker told me to use this to find programs"): what the advisor can do, not a search,
# when nothing else names a field. Not "can I ask about courses in welding" (a field follows). Asked only of a
# message the model read as a search (in ``classify``), so a plain pattern.
_ONLY_OPENING = re.compile(
    r"\b(?:(?:can|could|may|should|to|will|i'?ll|wanted to|want to|going to|gonna)( i)?( help (?:me|you)( to)?)? "
    r"(?:ask|enquire|inquire|find out|chat|talk|learn|look)( (?:you|it|them))?"
    r"( (?:a few|some|a couple of) (?:questions|things))? (?:about|for|into|on|regarding)|"
    r"(?:use|try) (?:this|it|you|the (?:app|chat|bot))( \w+){0,3}? to (?:find|look (?:for|up|into)|search( for)?|"
    r"ask about|learn about|get info on))( (?:some|the|any|a few|your|different|local|possible))? "
    r"(?:courses?|training|programs?|classes|micro-?credentials?|schooling|options|school stuff)"
    # (and nothing more of them: "courses here", "training, and", not "courses in welding")
    r"(?= *(?:here|on here|with you|through (?:this|you)|in here|on this|from you)?"
    r" *(?:[.!?,;]|$|and\b|but\b|so\b))",
    re.I)

# What the model may read "ok trades then" as (its "ok", its "then"): with a field or a school named and no thanks or
# farewell said, a search of it.
_SETTLING = frozenset({"goodbye", "thank", "affirm"})
_OPENING_READ_AS = frozenset({"search_credentials", "credential_details"})  # its "courses", its "this" ("put this on")


def _only_opens(message: UserMessage) -> bool:
    """Says only that courses will be asked about, naming no field ("I was told I could ask about training here")."""
    return _ONLY_OPENING.search(message.folded) is not None and not names_subject(message)


# Words that point back at a credential already shown ("is it free?", "that one", "the second").
_REFERS_BACK = lowered(re.compile(
    r"\b(it|its|it's|that|this|those|these|them|one|first|second|third|last|tell me|more about|details?)\b", re.I
))
# ("dumb question but ...", "sorry if this is a stupid q", "sorry if this is dumb but", "this might be silly": said of
# the person's own question, an apology, not abuse nor frustration)
# (Not the person about themselves: "I'm not a computer person but I'm not stupid", "I feel so dumb with computers".)
_ABUSE = lowered(re.compile(r"\b(" + "".join(f"(?<!\\b{w} )" for w in (
    "i'm", "im", "i am", "not", "feel", "i'm so", "im so", "i am so", "i'm too", "im too", "feel so", "i'm kinda",
    "im kinda", "i'm pretty", "im pretty", "i'm really", "im really", "i'm just", "im just", "me feel",
    "if this is", "if this sounds", "if it's", "if its", "if it sounds", "if that's", "if that sounds",
    "sorry this is", "sorry its", "sorry it's", "might be", "may be", "could be", "probably", "prob", "maybe")
) + r"(stupid|dumb)(?! (question|q|one|ask)\b)|idiot|useless|suck|sucks|hate you|shut up|garbage|trash)\b", re.I))
# Whole-message patterns: only messages that can mean one thing. Order matters (first match wins).
_RULES: tuple[tuple[str, LowerPattern], ...] = lowered_table((
    ("out_of_scope", _ABUSE),
    (
        "restart",
        re.compile(
            # "actually scratch all that, start over please": a lead-in that changes nothing
            # "ok never mind, start over", "nvm. restart": a bare "never mind" is a lead-in too
            r"^\s*((actually|ok(ay)?|no|sorry|hmm+|nah|you know what|never ?mind|nvm|oh well|forget it)[\s,.!]+)*"
            r"((scratch|forget|ignore|never ?mind) (all |about )?(that|this|everything|it)[\s,.!]+(and |so )?)?"
            r"(let'?s |can we |please |i want to |i'?d like to )?(start (over|again|fresh)|restart|reset|new search|"
            r"clear( that| it| all| everything)?|begin again|"
            r"forget (it|that|all that|everything)( and start (fresh|over|again))?)( please)?" + _END,
            re.I,
        ),
    ),
    (
        "greet",
        re.compile(
            r"^\s*(hi+|hel+o+|hey+|hiya|heya|howdy|greetings|bonjour|good (morning|afternoon|evening)|morning|"
            r"yo+|sup|wass?up|what'?s ?up)"  # "yo", "sup": the greetings of a text message
            r"( there| all| friend| there friend)?" + _END,
            re.I,
        ),
    ),
    (
        "goodbye",
        re.compile(
            r"^\s*(" + _LEAD + r")*(bye( bye| now| for now)?|good ?bye|see (ya|you)( later)?|cya|good ?night)" + _END,
            re.I,
        ),
    ),
    (
        "thank",
        re.compile(
            r"^\s*(" + _LEAD + r")*(thanks|thank (you|u)|thx|ty|cheers|merci)( so much| a lot| very much)?"
            r"( anyway| anyways| though| for (the|your) (help|time|info)| for trying"
            r"| (man|bud|buddy|friend))?" + _END,
            re.I,
        ),
    ),
    (
        "affirm",
        re.compile(
            r"^\s*(yes|yeah|yea|yep|yup|y|sure|ok|okay|definitely|absolutely|correct|right|sounds good)"
            r"( please| pls| sure| thing| ok)?" + _END,
            re.I,
        ),
    ),
    ("deny", re.compile(r"^\s*(no|nope|nah|no thanks?|no thank you|not really|no not really|not interested|"
                        r"no,? not interested)" + _END, re.I)),
    (
        "more_results",
        re.compile(
            r"^\s*((show )?(me )?more( results| options)?( please| pls)?|next( page)?|any more|(any |got any )?others|"
            r"what else|keep (them |em |it )?(coming|going)|"
            r"(any |are there |got any )?other (options|ones|results|courses)( too)?)" + _END,
            re.I,
        ),
    ),
    # a lone "?" or "huh?" is someone lost, not a yes
    ("help", re.compile(r"^\s*(\?+|huh\W*|help( me)?( please)?|menu|what can (you|u) (do|help( me)? with)|"
                        r"(so |ok |okay )?where (do|should|can) i (even )?(start|begin))" + _END, re.I)),
    ("human_handoff", re.compile(r"^\s*(agent|human|(a )?real (person|human)|operator)( please)?" + _END, re.I)),
    (
        "human_handoff",
        re.compile(
            # At most 8 words between the verb and the person: ".*" made this quadratic ("talk " * 400: ~50 ms).
            r"\b(talk|speak|chat|contact|call|connect|put me through|reach)\b(?:\W+\w+){0,8}?\W+(person|human|someone|"
            r"somebody|counsel+or|advis[eo]r|agent|staff)\b|\b(person|human) not a (bot|robot|machine)\b",
            re.I,
        ),
    ),
    (
        "human_handoff",
        re.compile(r"\b(phone|telephone) (number|no\.?|#)\b|\bnumber (to|i can) call\b|\bcontact (info|information|"
                   r"details)\b|"
                   # "at ontario tech, is there an actual person there", "any real humans at trent", "someone real
                   # i can call" (a person to reach, whatever school the rest of the message names)
                   r"\b(is there|are there|got|any|get|have|need|want) (an? |some )?(actual|real|live) "
                   r"(person|persons|people|ppl|humans?|someone|somebody)\b|\b(someone|somebody) real\b", re.I),
    ),
    (
        "eligibility",
        re.compile(
            r"\b(can (any ?one|any ?body|every ?one|every ?body)|(any ?one|any ?body) can|do i (have|need) to be|"
            r"only (for )?(\w+ )?students|(have|need) to be a student|"
            # "i didnt finish hs" (read as "didn't finish high school"), "never graduated from highschool", "haven't
            # got my grade 12", "dropped out of high school": no diploma said of oneself
            r"(don'?t|do not|didn'?t|did not|never|haven'?t|have not) (have|finish(ed)?|got|get|complete(d)?|"
            r"graduate(d)?( from)?) (my |a |the )?(grade 12|high ?school|diploma|ged|ossd)|"
            r"dropped out (of )?(high ?school|school)|"
            r"without (a |my |any )?(grade 12|high ?school( diploma)?|diploma)|am i eligible|eligib\w*|too old|"
            r"age limit|"
            # "would not having a diploma keep me out", "no diploma, can i still get in", "is grade 12 required"
            r"(not having|no) (a |my |any )?(grade 12|high ?school( diploma)?|diploma|ged|ossd)\W+(\w+ ){0,4}?"
            r"(keep|stop|block|can|could|will|would|do|does|still|get|let|accept)|"
            r"(grade 12|high ?school( diploma)?|diploma|ged|ossd) (is |be )?(required|needed|necessary|a must)|"
            r"permanent resident|international student|who (can|is allowed to) (sign up|enrol+|apply|take)|"
            r"what (do|would) (i|you|we) need (to (get|be) (in|into|accepted|admitted)|to qualify|to (enrol+|sign up)"
            r"|to have)|(admission|entry|entrance) requirements?|"
            r"requirements? (to|for) (get(ting)? in|enrol+|admission)|"
            # ("do u need hs to get in", "do you need to have a diploma", "i only have grade 10")
            r"do (i|you|we) need (a |my |any |to have (a |my )?)?(degree|diploma|grade 12|high ?school|ged|ossd|"
            r"experience)|(only|just) (have|got|finished|did|went to) grade ?(8|9|10|11)|"
            r"(have|need) to be (enrolled|registered|a student)|be enrolled (there|at|in))\b",
            re.I,
        ),
    ),
    (
        "list_providers",
        re.compile(
            r"^\s*(which|what)( \w+)?\s+(schools?|colleges|universities|institutions|providers)\b|"
            # ("who around durham even offers these things?")
            r"\bwho( around( here| durham| town)?| (in|near) (durham|the region|the area|town|oshawa)| here| even| "
            r"actually| exactly)* (offers|provides|runs|gives)\b|\blist (the )?(providers|schools|colleges)\b|"
            # "ok what do you have then": what the advisor covers, when no field is named
            r"^\s*(" + _LEAD + r"|so |then )*(what|which) (do|can) (you|u)( actually| even| really| guys| all)? "
            r"(have|offer|cover|know( about| of)?)"
            r"( then| at all| instead| available| for me)?" + _END,
            re.I,
        ),
    ),
    (
        "cost_and_funding",
        re.compile(r"\b(funding|funded|osap|bursar(y|ies)|grants?|better jobs|financial (aid|help)|afford)\b", re.I),
    ),
    (
        "credential_details",
        re.compile(
            rf"(\b(the|number|no\.?)\s+{_ORDINAL}\b|\b{_ORDINAL} one\b|\b(number|no\.?|#)\s*\d\b|^\s*the {_ORDINAL})"
            r"|\b(the|that|this) ([\w-]+ ){1,3}one\b",
            re.I,
        ),
    ),
    ("credential_details", _PRONOUN_QUESTION),
    ("stacking", re.compile(r"\bstack(s|ed|ing|able)?\b", re.I)),
    ("digital_credential", re.compile(r"\b(badges?|linked ?in|digital (credential|certificate)s?)\b", re.I)),
))


@dataclass(frozen=True)
class Recognised:
    name: str
    confidence: float
    entities: dict[str, Any] = field(default_factory=dict)
    from_payload: bool = False
    source: Source = "rule"

    @property
    def fallback(self) -> bool:
        """True when no intent reached the threshold: the advisor answers with what it can do."""
        return self.source == "fallback"


def names_training(text: str, low: str | None = None) -> bool:
    """Words of someone looking for training or work ("courses", "laid off", "get into", "licence")."""
    return bool(_TRAINING_WORDS.found(text, low))


def refers_back(text: str, low: str | None = None) -> bool:
    """Words that point back at a credential already shown ("is it free?", "that one", "the second")."""
    return bool(_REFERS_BACK.found(text, low))


def is_abusive(text: str, low: str | None = None) -> bool:
    """Insults and frustration, answered kindly rather than as an ordinary out-of-scope message (``low``: ``text``
    lowered, when the caller has it)."""
    return bool(_ABUSE.found(text, low))


def parse_payload(text: str) -> Recognised | None:
    """Rasa-style button payloads: ``/intent`` or ``/intent{"slot": "value"}``."""
    match = _PAYLOAD.match(text)
    if not match or match["intent"] not in INTENTS:
        return None
    entities: dict[str, Any] = {}
    if match["entities"]:
        if len(match["entities"]) > MAX_PAYLOAD_ENTITIES:
            return None  # buttons send a few short slots; nesting a client controls never reaches json.loads
        try:
            loaded = json.loads(match["entities"])
        except (ValueError, RecursionError):
            return None
        if not isinstance(loaded, dict):
            return None
        entities = {str(k): v for k, v in loaded.items() if v is None or isinstance(v, str | int | float | bool)}
    return Recognised(match["intent"], 1.0, entities, from_payload=True, source="payload")


MAX_PAYLOAD_ENTITIES = 1024  # characters of a payload's JSON entities


def match_rules(text: str, low: str | None = None) -> Recognised | None:
    """The intent of a message only one intent can mean, or None (read once per turn, by ``read_message``; ``low``:
    ``text`` lowered, when the caller has it)."""
    name = first_found(_RULES, text, low)
    return None if name is None else Recognised(name, 1.0, source="rule")


def normalise(text: str) -> str:
    """Lower case, words only: how example and evaluation utterances are compared for overlap."""
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def load_examples(path: Path | None = None) -> dict[str, list[str]]:
    """Example utterances per intent. Every key must be one of INTENTS; YAML booleans are rejected."""
    if path is None:
        raw = resources.files("bot.dialogue").joinpath("data/intents.yaml").read_text(encoding="utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    data = yaml.safe_load(raw) or {}
    examples: dict[str, list[str]] = {}
    for name, utterances in data.items():
        if name not in INTENTS:
            where = path or "bot/dialogue/data/intents.yaml"
            raise ValueError(f"{where}: unknown intent {name!r}; use one of {INTENTS}")
        bad = [u for u in utterances or [] if not isinstance(u, str)]
        if bad:
            raise ValueError(f"intent {name}: {bad} are not strings; quote yes/no/on/off in YAML")
        examples[name] = list(utterances or [])
    return examples


def _load_matrix(path: Path, *, rows: int) -> NDArray[np.float32] | None:
    try:
        matrix = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if matrix.ndim != 2 or matrix.shape[0] != rows or matrix.dtype != np.float32:
        return None
    return np.ascontiguousarray(matrix)


def _save_matrix(path: Path, matrix: NDArray[np.float32]) -> None:
    """Atomically (a reader never sees half a file); a cache that cannot be written is only a slower start."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".npy.tmp")
        with os.fdopen(fd, "wb") as handle:
            np.save(handle, matrix, allow_pickle=False)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        logger.warning("could not cache the intent examples' vectors in %s: %s", path.parent, exc)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


class IntentRecognizer:
    """Payloads, then rules, then nearest example utterances by cosine similarity.

    ``recognise`` takes the message's embedding when the caller already has it, so a turn embeds its text once."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        threshold: float = 0.45,
        examples: dict[str, list[str]] | None = None,
        vocabulary: Vocabulary | None = None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        self.embedder = embedder
        # The searcher's vocabulary: messages are read (and embedded) with its typo threshold, as the service does.
        if vocabulary is None and kb is not None:
            from index.vocabulary import vocabulary_for

            vocabulary = vocabulary_for(kb)
        self.vocabulary = vocabulary
        self.threshold = threshold
        self.examples = examples if examples is not None else load_examples()
        self._labels: list[str] = [name for name, items in self.examples.items() for _ in items]
        self._names: list[str] = []
        sizes: list[int] = []
        for name, items in self.examples.items():
            if items:
                self._names.append(name)
                sizes.append(len(items))
        # Examples are stored grouped by intent. ``_gather`` picks each intent's rows out of the similarities (one
        # row per intent, padded with the index of an appended -inf), so top-2 per intent is one numpy call.
        width = max(sizes, default=1)
        self._gather = np.full((len(sizes), width), sum(sizes), dtype=np.intp)
        start = 0
        for row, size in enumerate(sizes):
            self._gather[row, :size] = np.arange(start, start + size)
            start += size
        self._matrix: NDArray[np.float32] | None = None
        self._lock = threading.Lock()

    def warm_up(self, cache_dir: Path | None = None, *, embedder_id: str = "") -> None:
        """Embed the example utterances (once; a few hundred short texts).

        With ``cache_dir`` the vectors are saved there, under a hash of ``embedder_id`` (which model, on which
        backend) and the examples, and loaded on the next start instead of embedded again (~0.5 s of a start)."""
        if self.embedder is None:
            return
        with self._lock:
            if self._matrix is not None:
                return
            texts = [text for items in self.examples.values() for text in items]
            path = None
            if cache_dir is not None:
                digest = hashlib.sha256("\n".join([embedder_id, *texts]).encode()).hexdigest()[:16]
                path = Path(cache_dir) / f"intent-examples-{digest}.npy"
                if (matrix := _load_matrix(path, rows=len(texts))) is not None:
                    self._matrix = matrix
                    return
            self._matrix = np.ascontiguousarray(self.embedder.encode(texts), dtype=np.float32)
            if path is not None:
                _save_matrix(path, self._matrix)

    def read(self, text: str) -> UserMessage:
        """``text`` read as the chat service reads it (see ``bot.dialogue.message.read_message``)."""
        from bot.dialogue.message import read_message

        return read_message(text, vocabulary=self.vocabulary)

    def recognise(self, text: str, *, vector: NDArray[np.float32] | None = None) -> Recognised:
        """The intent of ``text`` alone (evaluation): read it, embed it when no rule decides, classify it."""
        message = self.read(text)
        if message.decided is not None:
            return message.decided
        if vector is not None:
            message = message.with_vector(vector)
        return self.classify(message)

    def classify(self, message: UserMessage) -> Recognised:
        """The intent of a message no payload or rule decided: the nearest examples to its vector."""
        if message.decided is not None:
            return message.decided
        if self.embedder is None:  # rules only: anything else is taken as a search
            return Recognised("search_credentials", 0.5, source="default")
        vector = message.vector
        if vector is None:
            vector = self.embedder.encode([message.search_text])[0]
        scores = self.scores(vector)
        name, score = max(scores.items(), key=lambda item: item[1])
        confidence = float(min(1.0, max(0.0, score)))
        unsure = name == "out_of_scope" or confidence < self.threshold
        if (unsure or name in _OPENING_READ_AS) and _only_opens(message):
            # "good evening, my niece said I could ask about courses here": an opening (a greeting when it starts so)
            opening = "greet" if _GREETING_CHAT.match(message.folded) else "help"
            return Recognised(opening, max(confidence, self.threshold), source="embedding")
        if unsure and (names_a_field(message) or asks_a_time(message)):
            # "welding??" or "durham college" are searches, however phrased; so is "any in the evenings or on
            # weekends? i have my kids during the day"
            return Recognised("search_credentials", max(confidence, self.threshold), source="embedding")
        if (unsure or name == "help") and _greets_chatting(message):
            # "good morning dear, my grandson set this up for me": a greeting, with a line about oneself
            return Recognised("greet", max(confidence, self.threshold), source="embedding")
        if confidence < self.threshold:
            return Recognised("out_of_scope", confidence, source="fallback")
        if name in _SETTLING and message.closing is None and {"area", "provider"} & set(message.parsed.mentions):
            # "hm ok trades then", "fine, health then", "ok business then i guess", "alright, durham college then": a
            # field or school settled on (its "ok ... then" near the goodbyes), no thanks or farewell said: searched
            return Recognised("search_credentials", confidence, source="embedding")
        if name in {"affirm", "deny"} and message.attribute is not None and message.ask_words > 3:
            # "k n can i do it frm home or nah": an "ok" or a "nah" around a question about a fact asks that fact
            return Recognised("credential_details", confidence, source="embedding")
        if name == "credential_details" and not message.refers_back and names_a_field(message):
            # "something for teachers who teach online" asks for a search, not about the credential in focus.
            return Recognised("search_credentials", confidence, source="embedding")
        return Recognised(name, confidence, source="embedding")

    def scores(self, vector: NDArray[np.float32]) -> dict[str, float]:
        """Best cosine similarity per intent: the top example counts most, the runner-up smooths outliers."""
        self.warm_up()
        assert self._matrix is not None
        sims = np.append(self._matrix @ np.asarray(vector, dtype=np.float32), -np.inf)
        top2 = (-np.partition(-sims[self._gather], 1, axis=1)[:, :2]).astype(np.float64)  # best, then runner-up
        first, second = top2[:, 0], top2[:, 1]
        blended = np.where(np.isfinite(second), 0.8 * first + 0.2 * second, first)  # one example: itself
        return dict(zip(self._names, blended.tolist(), strict=True))


def names_a_field(message: UserMessage) -> bool:
    """Training vocabulary, a lost job, or a filter the knowledge base knows (an area, a provider, "free")."""
    return message.training or names_subject(message)


def names_subject(message: UserMessage) -> bool:
    """A filter the knowledge base knows (an area, a provider, "free") or words the synonym table knows; not
    training words alone ("show me courses" names no field)."""
    parsed = message.parsed
    # An area, a provider or "free" names a field; a delivery word alone ("last night") does not.
    if {"area", "provider", "cost"} & set(parsed.mentions):
        return True
    # Words the synonym table knows ("protective equipment", "PSW", "assembly line") reach a field too.
    return parsed.search_text.strip().lower() != parsed.corrected.strip().lower()


def asks_a_time(message: UserMessage) -> bool:
    """A wish for training at a time of day or week ("any in the evenings or on weekends?", "anything on
    saturdays?", "evenings only please"): a filter of its own, unlike a time told alone ("i work nights")."""
    asked = _ANY.search(message.folded) is not None and not (message.off_topic or message.meta)
    return asked and message.parsed.filters.delivery in {"evenings", "weekends"}


# ("anything saturdays, i work weekdays", "evenings only please")
# (not "is the pickering town centre open on sundays": a place's hours)
_ANY = re.compile(r"\b(any|anything|something|are there|is there)\b|\b(only|please|pls|plz)\b", re.I)
