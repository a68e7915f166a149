"""Who can enrol: a record's own audience when it states one, else its school's general rule as the FAQ states it
(knowledge/faq.yaml, topic ``eligibility``), said as the school's rule, with what is not known said plainly.

Nothing here is a fact of its own: the school's rule is the FAQ sentence that names the school."""

from __future__ import annotations

import re

from index.patterns import lowered
from knowledge.schema import Credential, KnowledgeBase

TOPIC = "eligibility"
# Residency or immigration status, said of oneself or asked about ("I just moved to Canada", "as a refugee", "not a
# citizen", "international students", "on a study permit"): the message reader asks who can enrol with it
# (bot.dialogue.phrases), and the answer says the status itself is the school's to confirm (no source states a rule).
RESIDENCY = lowered(re.compile(
    r"\b(newcomers?|immigra\w+|refugees?|asylum|new (to|in) (canada|ontario|the country)|(moved|came|arrived|"
    r"immigrated) (here )?(to|in) canada|not (a |yet a )?(canadian )?citizen|non-?citizens?|permanent residen\w+|"
    r"international students?|(work|study) permit|(student|work) visa|protected person)\b",
    re.I,
))
STATUS_NOTE = ("Whether a study or work permit, or your residency status, changes who can enrol isn't published in my "
               "sources; the school can confirm it.")
# A professional licence not (yet) held here ("even if I'm not licensed here yet", "without an Ontario licence", "my
# nursing licence isn't recognised here", "not registered with the college yet"): with a can-I, who can enrol; the
# answer says whether it matters is the school's to confirm (no source states one). Not a licence trained for ("can I
# get my AZ licence"): only one not held.
LICENSING = lowered(re.compile(
    r"\b(not|isn'?t|aren'?t|without|no|haven'?t|(don'?t|doesn'?t) (have|hold)|never)( yet)?( been| being| got(ten)?| "
    r"get| have| had)?( an?| my| any| the| a valid| an active)?( ontario| canadian| local| nursing| professional)? "
    r"(licen[cs]ed|licen[cs]es?|licensure|registered (here|in (ontario|canada)|with))|\bunlicen[cs]ed\b|"
    r"\blicen[cs]es? (is|isn'?t|was|wasn'?t|are|aren'?t|won'?t be)( not)? (valid|recogni[sz]ed|accepted|"
    r"transferr?able)\b",
    re.I,
), needles=("licen", "registered"))
LICENCE_NOTE = ("Whether you need a licence or registration here to take it isn't published in my sources; the school "
                "can confirm it (a licence to practise is a matter for your profession's regulator).")
# A licence or other credential earned in another country, asked whether it counts ("does my licence from the
# philippines count?", "would my nursing license from india be recognized", "is a foreign degree accepted"): with
# that ask, who can enrol; the answer says whether it counts is the school's to confirm (no source states it).
FOREIGN_CREDENTIAL = lowered(re.compile(
    r"\b(licen[cs]es?|licen[cs]ure|degrees?|diplomas?|certificat(es?|ions?)|credentials?|qualifications?|papers)\b"
    r"[^.?!]{0,25}?\b(from|in|back in|i got in|earned in|obtained in) (the |my )?(?!(ontario|canada|here|durham|"
    r"oshawa|trent|dc|otu|uoit|this|that|it|them|there|one|first|second|third|last|each|every|another|other|"
    r"(college|school|university|course|program|module|part|micro)\w*)\b)[a-z][\w-]*"
    r"[^.?!]{0,30}?\b(counts?|count for|recogni[sz]ed|accepted|valid|transfer\w*|good here|worth anything|matters?)\b|"
    r"\b(foreign|international|overseas|out[- ]of[- ]country|home[- ]country)( nursing| medical| professional| "
    r"teaching| trade)? (licen[cs]es?|degrees?|diplomas?|certificat(es?|ions?)|credentials?|qualifications?)\b"
    r"[^.?!]{0,30}?\b(counts?|count for|recogni[sz]ed|accepted|valid|transfer\w*|good here|worth anything|matters?)\b|"
    r"\b(do|does|will|would|can) (they|it|that|the school|the college|durham college|dc|ontario tech|trent) "
    r"(count|recogni[sz]e|accept) (my |a |an )?(foreign|international|overseas|out[- ]of[- ]country)\b",
    re.I,
), needles=("licen", "degree", "diploma", "certific", "credential", "qualific", "papers", "foreign", "international",
            "overseas", "country"))
FOREIGN_NOTE = ("Whether a licence or credential from another country counts isn't published in my sources; the school "
                "can confirm it (whether it lets you practise here is a matter for your profession's regulator).")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# Schooling or an age, named of the rule ("what if he gets his GED first", "would an OSSD count", "once she turns 19",
# "what if she finishes grade 12 in june"): the rule that speaks of it answers, whichever school was asked of.
ENTRY_ASKED = lowered(re.compile(
    r"\b(ged|ossd|diplomas?|grade ?12|gr\.? ?12|high ?school|secondary school|graduat\w*|(1[6-9]|2[0-5]|(six|seven|"
    r"eigh|nine)teen|twenty)( years?( old)?| yo)?|age|older|old enough)\b",
    re.I,
))
# An FAQ sentence that speaks of schooling or an age ("... need you to be 19 or older or to hold an OSSD/GED ...").
_SPEAKS_OF_ENTRY = re.compile(r"\b(OSSD|GED|diploma|\d+ or older|age \d+)\b")


def _names(kb: KnowledgeBase, provider_id: str) -> list[str]:
    provider = kb.providers.get(provider_id)
    return [provider.name, *provider.short_names] if provider else []


def provider_rule(kb: KnowledgeBase, provider_id: str) -> str | None:
    """The sentences of the FAQ's eligibility answer that name the school (its name or a short name: "Ontario
    Tech's Continuous Learning micro-credentials are open to ..."), else None."""
    topic = kb.faq.get(TOPIC)
    names = _names(kb, provider_id)
    if topic is None or not names:
        return None
    named = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")
    found = [s.strip() for s in _SENTENCE.split(topic.answer.strip()) if named.search(s)]
    return " ".join(found) or None


def contact_url(kb: KnowledgeBase, provider_id: str) -> str | None:
    provider = kb.providers.get(provider_id)
    return str(provider.contact[0].url) if provider else None


def audience_answer(credential: Credential, kb: KnowledgeBase, asked: str = "") -> str:
    """Who can enrol in ``credential``: its stated audience (and, when ``asked`` names schooling or an age, its
    school's general rule when that speaks of them: "my son is 17, would they take him"); else its school's general
    rule (the record says nothing of its own requirements, which is said too); else that it isn't published."""
    rule = provider_rule(kb, credential.provider)
    if credential.audience:
        if rule and _SPEAKS_OF_ENTRY.search(rule) and ENTRY_ASKED.found(asked, asked.lower()):
            school = kb.provider_name(credential.provider)
            return f"Who can enrol: {credential.audience} {school}'s general rule, as my sources state it: {rule}"
        return f"Who can enrol: {credential.audience}"
    if rule is None:
        return "Who can enrol isn't published for this one; ask the provider."
    school = kb.provider_name(credential.provider)
    return (f"Who can enrol in this one isn't published, so here is {school}'s general rule as my sources state it: "
            f"{rule} Whether this one asks for anything more (a diploma, a degree, experience) isn't published; "
            f"ask {school}.")  # fmt: skip


def school_answer(kb: KnowledgeBase, provider_id: str, *, asked: str = "") -> str | None:
    """Who can enrol at one school: its general rule (and, when ``asked`` names schooling or an age, ``entry_note``),
    that each micro-credential may differ, and where to ask."""
    rule = provider_rule(kb, provider_id)
    if rule is None:
        return None
    school = kb.provider_name(provider_id)
    where = contact_url(kb, provider_id)
    return (f"{school}'s general rule, as my sources state it: {rule}{entry_note(kb, provider_id, asked)} A "
            f"micro-credential may set its own requirements; check its page or ask {school}"
            + (f": {where}" if where else "."))


def entry_note(kb: KnowledgeBase, provider_id: str, asked: str) -> str:
    """When ``asked`` names schooling or an age ("what if he gets his GED first") and the school's own rule says
    nothing of either: that plainly, then the rule that does speak of it, as the FAQ states it, with its school
    (" " first; "" when the school's rule speaks of it, or nothing is asked of it)."""
    own = provider_rule(kb, provider_id)
    topic = kb.faq.get(TOPIC)
    if own is None or topic is None or _SPEAKS_OF_ENTRY.search(own) or not ENTRY_ASKED.found(asked, asked.lower()):
        return ""
    school = kb.provider_name(provider_id)
    others = [s.strip() for s in _SENTENCE.split(topic.answer.strip()) if _SPEAKS_OF_ENTRY.search(s)]
    said = " ".join(others)
    return (f" My sources for {school} say nothing about a diploma (OSSD/GED) or an age." +
            (f" The rule they give that speaks of it is another school's: {said}" if said else ""))


def school_rules(credentials: list[Credential], kb: KnowledgeBase) -> str:
    """The general rule of each school whose credentials among ``credentials`` state no audience, as one line
    ("" when none applies): what a comparison of "who can enrol" adds for those it lists as not published."""
    schools = dict.fromkeys(c.provider for c in credentials if not c.audience)
    rules = [(kb.provider_name(p), rule) for p in schools if (rule := provider_rule(kb, p))]
    if not rules:
        return ""
    return " Where a record says nothing, the school's general rule, as my sources state it: " + " ".join(
        rule for _, rule in rules
    )


def status_note(asked: str) -> str:
    """That a residency status, or a licence not held here, is the school's to confirm (" " first), when ``asked``
    names one ("I'm on a study permit, can I do the TD ones", "can I take them if I'm not licensed here yet"), else
    ""."""
    low = asked.lower()
    notes = [note for pattern, note in ((RESIDENCY, STATUS_NOTE), (LICENSING, LICENCE_NOTE),
                                        (FOREIGN_CREDENTIAL, FOREIGN_NOTE))
             if pattern.found(asked, low)]  # fmt: skip
    return "".join(" " + note for note in notes)
