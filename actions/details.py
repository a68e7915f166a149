"""action_credential_details: one credential in depth, or one fact about it ("is it free?", "how many modules?").

Which credential: the ``credential_id`` entity (buttons), else a reference in the text ("the second one", "the PPE
one", a title), else the credential in focus. The answer uses only what the record holds."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.claims import answer_claim
from actions.compare import compare_named, side_by_side
from actions.deps import AdvisorAction
from actions.describe import (
    answer_cost,
    describe_audience,
    describe_cost,
    describe_delivery,
    describe_duration,
    describe_flag,
    describe_modules,
    describe_status,
    description_sentences,
    first_sentence,
    overview,
    plain_status,
    provider_line,
    result_card,
    summary,
)
from actions.eligibility import audience_answer, school_rules, status_note
from actions.freshness import FIELDS, STALE_DAYS, attribution, describe_starts, freshness_note
from actions.references import resolve_reference
from index.patterns import LowerPattern, first_found, lowered, lowered_table
from index.query import TAKEN_ON_A_DEVICE
from knowledge.schema import Credential, KnowledgeBase, Schedule

Answer = Callable[[Credential, KnowledgeBase], str]
NO_LONGER_LISTED = (
    "That one is no longer listed: my catalogue was updated since I showed it to you, and it isn't in it any more. "
    "Ask me again (for example the same field) and I'll show you what is listed now."
)

# "working at a hospital", "a job in the hospital": the person's own work, not whom a course is made with (fixed-width
# look-behinds, one per ending of the word before: "work", "working", "worked", "job")
_NOT_OWN_WORK = "".join(f"(?<!{end} {at} {a} )" for end in ("work", "ing", "ked", "job") for at in ("at", "in")
                        for a in ("a", "the"))

# (attribute, pattern) in priority order; the first that matches the question decides what is answered.
# What a learner might have to bring ("boots", "steel toes", "tools", "a hard hat"): see "equipment" below.
_EQUIPMENT = (r"((safety |steel[- ]?toed? |work )?(boots|shoes)|steel[- ]?toes?|tools?|tool ?kits?|equipment|gear|"
              r"supplies|materials|textbooks?|uniforms?|hard ?hats?|safety glasses)")
# A computer or software a learner might need; not a subject's words after it ("computer skills", "a computer course",
# "software development").
_TECH = (r"(laptops?|computers?|pcs?|macs?|macbooks?|chromebooks?|tablets?|ipads?|software|webcams?|headsets?|"
         r"microphones?|wi-?fi|internet( connection| access)?)(?![- ](science|skills?|literacy|basics|courses?|"
         r"class(es)?|jobs?|programs?|programming|training|work|engineering|development|developers?|testing|systems?|"
         r"networking|repairs?|technicians?|support|stuff|field|related|savvy|literate|industry|careers?|knowledge|"
         r"experience)\b)")
# What may follow a word for a service or a part of a course when it is a subject asked for instead ("childcare
# courses", "a co-op program", "accessibility training"): a search, not a detail of the one shown.
_NOT_A_SUBJECT = (r"(?![- ](courses?|programs?|programmes?|training|classes|jobs?|work(ers?)?|field|sector|industry|"
                  r"micro-?\w*|certificates?|credentials?|ones|options|stuff|diploma|degree|studies|workers?)\b)")
# Taking it alongside one's work ("could I do it while I'm still working days", "anything I can do around my shifts",
# "take it after work", "do it with a full-time job"): a question of its schedule (evenings, weekends), i.e. its format.
AROUND_WORK = (r"(do|take|finish|manage|fit|juggle|handle|complete|study)( it| this| that| them| one| these| those|"
               r" (a |the )?(course|program|class)(es|s)?)?( in)? (while|whilst|around|after|with|on top of|alongside|"
               r"outside( of)?) (i'?m |i am |im |still |also )*(working|employed|my (shifts?|job|work|day job|hours|"
               r"work schedule)|(a|my) (full[- ]time|day|9[- ]to[- ]5|nine[- ]to[- ]five) job|work(ing)? (days|nights|"
               r"full[- ]time)|(shift )?work)\b")
# A thing needed before taking a course ("any math", "to know coding"); ``thing`` is what is needed. Not equipment or
# getting there (a laptop, a car: no record says), nor "it"/"that" (what the question is about).
_REQUIREMENT = (
    r"\b(?:(?:do|does|did|would|will) (?:i|you|u|she|he|they|we|one|someone|my [\w-]+) (?:need|have to|gotta|"
    r"require)(?: to (?:know|have|be good at|learn|study|take|do|understand|have done|have taken))?"
    r"(?: any| some| a| an| much| prior| previous| basic| good| strong)? "
    r"(?!(?:laptop|computer|car|ride|books?|textbooks?|uniform|tools|money|it|this|that|them|to)\b)"
    r"(?P<thing>[\w'-]+(?: [\w'-]+){0,2}?) (?:first|beforehand|before(?: starting| taking| doing| it| this| that)?|"
    r"for (?:it|this|that|them|this one|that one|the course|the program|those)|to (?:take|do|get into|start|join|"
    r"enrol+ in|sign up for) (?:it|this|that|them))|"
    r"(?:is|are) (?:any |some |prior |previous )?(?!(?:it|this|that|they|there|registration|payment)\b)"
    r"(?P<needed>[\w'-]+(?: [\w'-]+){0,2}?) (?:required|a (?:pre-?)?requisite|mandatory|needed first|a must)"
    r"(?: for (?:it|this|that|them|the course|the program))?|"
    r"(?:a|any) (?!(?:age|language|english)\b)(?P<kind>[\w'-]+(?: [\w'-]+)?) "
    r"(?:requirements?|prerequisites?|pre-?reqs?)|"
    r"pre-?reqs?|pre-requisites?)\b"
)
REQUIREMENT = lowered(re.compile(_REQUIREMENT, re.I), needles=("need", "have to", "gotta", "require", "requisite",
                                                            "mandatory", "a must", "prereq", "pre-req"))
REQUIRED_THING = re.compile(_REQUIREMENT, re.I)


def required_thing(text: str, low: str | None = None) -> str | None:
    """What ``text`` asks whether one needs first ("does she need any math for it" -> "math"; "any prereqs?" -> ""),
    else None."""
    if not REQUIREMENT.found(text, low):
        return None
    m = REQUIRED_THING.search(text)
    return (m["thing"] or m["needed"] or m["kind"] or "") if m else None


# A word said between the asker and the verb ("what do i actually walk away with", "what would he really get").
_AS_SAID = r" (actually|really|even|then|finally|ever|realistically|basically)"


ATTRIBUTES: tuple[tuple[str, LowerPattern], ...] = lowered_table((
    # A detail no record gives, in words another fact's pattern below would misread ("is it taught by a nurse" is no
    # status, "who teaches it" no partner, "a deposit to hold my spot" no places, "can i get anything back if i drop
    # out" no digital credential): plainly not published, with where to check and the fact the record does give
    # (``detail_named`` names it). Who teaches; a deposit, instalments or a refund; support for a disability; child
    # care; a placement or co-op.
    (
        "unpublished",
        lowered(re.compile(
            # (not "people who teach in classrooms": whom it is for)
            r"\b(who (teaches|taught|instructs|leads)|"
            r"who (will|would|does|did|is going to|'?s going to) (teach|instruct|lead)|"
            r"who(s|'s| is| are| will be| would be|'ll be)?( gonna be| going to be)? (teaching|instructing|leading)|"
            r"(taught|instructed) by|(led|run|given|delivered) by (a |an )?(real |"
            r"actual |qualified |licensed )?(nurses?|"
            r"teachers?|instructors?|professors?|profs?|doctors?|experts?|professionals?)|"
            r"who('?s| is| are| r| would be| will be) (the |their |my |our |your )?(teachers?|instructors?|profs?|"
            r"professors?|facilitators?|trainers?|tutors?)|"
            r"deposits?|down ?payments?|put (any )?money down|instal+ments?|payment plans?|split (up )?(the |my |its )?"
            r"(payments?|costs?|fees?|tuition|bill|price)|"
            r"(pay|paying) (for )?(it |this |that |them |these |those |the (course|fees?|tuition) )?"
            r"(monthly|weekly|bit by bit|over time|in (parts|chunks|pieces|instal+ments))|monthly payments?|"
            r"(get|getting|gets) (anything|something|any of (it|that|my money)|some of (it|that|my money)|part of it|"
            r"it|my money|money) back|refunded|"
            r"accessib(le|ility)(?! (to|for) )" + _NOT_A_SUBJECT + r"|accommodations?|"
            r"(supports?|services|help|assistance) for (people |students |those |learners |someone )?(with )?(a )?"
            r"(disabilit(y|ies)|learning disabilit(y|ies)|special needs|adhd|dyslexia)|disability (supports?|services|"
            r"office)|"
            r"(is there|are there|any|have|has|offer|offers|provide|provides|get|need|arrange) (on-?site |free |some |"
            r"any )?(child ?care|day ?care|babysit\w*)" + _NOT_A_SUBJECT + r"|(child ?care|day ?care|babysitting) (is |"
            r"be )?(provided|available|offered|on site|included)|bring (my|the|our) (kids?|child|children|baby)|"
            # (not a job placement: a service or rate that finds work, answered as no job being promised)
            r"(?<!job )(work |clinical |field )?placements?(?! (rates?|%|numbers|stats|services?|help))"
            + _NOT_A_SUBJECT + r"|internships?" + _NOT_A_SUBJECT + r"|"
            r"co-?op\b" + _NOT_A_SUBJECT + r"|practicums?" + _NOT_A_SUBJECT + r"|work experience (part|component|"
            r"included|with it))\b",
            re.I,
        ), needles=("teach", "taught", "who", " by ", "disab", "special needs", "adhd", "dyslexi", "deposit", "split",
                    "payment", "money down", "instal", "pay", " back", "refunded", "accessib", "accommodation", "care",
                    "babysit", "bring", "placement", "intern", "co-op", "coop", "practicum", "experience")),
    ),
    # The language it is taught in, named ("is it available in french", "can i take it in spanish", "is there an
    # interpreter"): before "status" and "audience", which "available" and "can i take it" would otherwise read.
    (
        "language",
        lowered(re.compile(
            r"\b((in|into) (french|spanish|punjabi|urdu|hindi|arabic|mandarin|cantonese|chinese|tagalog|portuguese|"
            r"tamil|farsi|persian|korean|ukrainian|russian|polish|italian|vietnamese|somali|other languages?|"
            r"another language|my (own )?language)|(translat(e|ed|ion|or|ors)|interpret(er|ers|ation|ing)|"
            # (not "learn ASL (sign language)": the subject to learn)
            r"(?<!learn )(?<!learning )(?<!study )(?<!studying )(?<!\()(sign language|asl))" + _NOT_A_SUBJECT + r")\b",
            re.I,
        ), needles=("french", "spanish", "punjabi", "urdu", "hindi", "arabic", "mandarin", "cantonese", "chinese",
                    "tagalog", "portuguese", "tamil", "farsi", "persian", "korean", "ukrainian", "russian", "polish",
                    "italian", "vietnamese", "somali", "language", "translat", "interpret", "asl")),
    ),
    # A deadline to register ("the deadline to apply", "a cut-off date for registering"): when it starts, not a time
    # limit to finish (below).
    (
        "status",
        lowered(re.compile(
            r"\b((application|registration|enrol+ment|sign[- ]?up) (deadlines?|cut-?offs?)|(deadlines?|cut-?offs?|"
            r"cut-?off dates?|last day) (to|for) (apply|applying|applications?|register|registering|registration|"
            r"enrol+|enrol+ing|enrol+ment|sign(ing)? up)|apply by (when|what date))\b",
            re.I,
        ), needles=("deadline", "cut", "last day", "apply by")),
    ),
    # Whether it is accredited or recognised (by employers, hospitals, as a diploma): no record says; before
    # "stackable" and "digital", which "a real diploma" and "a certificate" would otherwise match.
    (
        "recognition",
        re.compile(
            r"\b(accredit\w*|recogni[sz]\w*|legit(imate)?|(is|are) (it|they|that|this)( one)? a real (thing|"
            r"certificate|credential|qualification)|(count|worth) (for )?anything(?! (bigger|more|higher|larger|else|"
            r"toward))|taken seriously|take (it|them|these|those|this|that)( one)? seriously|"
            r"(employers|hospitals|companies|the industry) (will |would |do |actually |even |really )?"
            r"(accept|respect|value|care)|(respected|valued|accepted|wanted) by employers|"
            # a licensed profession it might open ("will doing one of these let me work as a nurse here", "would it
            # qualify me as an RPN")
            r"(let|allow|qualify|certify) (me|him|her|them|you|u|us) (to )?(work|practi[cs]e|be hired) as (an? )?|"
            r"(qualify|certify) (me|him|her|them|you|u|us) as (an? )?|"
            # a trade's own certification ("does it lead to a Red Seal", "count toward my apprenticeship hours")
            r"red ?seal|apprenticeships?|journeyman|certificate of qualification|trade (ticket|licen[cs]e)|"
            # a licence it might give ("does it give me a licence", "do u get a ticket or licence at the end")
            r"(give|gives|get|gets|earn|receive|lead to|leads to|come with|comes with|qualify (me |you |u )?for)"
            r"( you| me| u| him| her| us)? (a |an |my |your |the |any |some )?((kind|sort|type) of )?"
            r"(licen[cs]es?|tickets?)\b|"
            # a trade's licence it gives ("does it give me electrician licence"; not "get my AZ licence")
            r"(give|gives|lead to|leads to|come with|comes with)( you| me| u| him| her| us)? "
            r"(an? |my |your |the |any )?[\w-]+ (licen[cs]es?|tickets?)\b|"
            r"(licen[cs]e|ticket) or (a )?(licen[cs]e|ticket|cert\w*)|"
            r"(come|comes|walk|walks|leave|leaves|end up|ends up|finish|finishes)( out)?( of (it|this|that))? with "
            r"(a |an |any |some )?(licen[cs]e|ticket)|"
            r"(is|does) (it|this|that)( one)? (count as |give )?(a )?licen[cs]e|(become|be|get) licen[cs]ed)\b",
            re.I,
        ),
    ),
    # A time limit to finish it ("a deadline to finish", "how long do I have to complete it"): no record says.
    (
        "deadline",
        re.compile(
            r"\b(deadlines?|time limits?|(how long|how much time) (do|would|will) (i|we|you) have to (finish|complete|"
            r"do)|(have|need) to (finish|complete) (it |them )?(by|within|in)|(finish|complete) (it |them )?by a "
            r"(certain|set) (date|time))\b",
            re.I,
        ),
    ),
    # "what does he get when he finishes all three": what the parts add up to; before "status" ("when").
    (
        "stackable",
        re.compile(
            r"\bwhat (do|does|will|would) (i|we|you|he|she|they|my \w+) (get|receive|earn|end up with) (when|once|if|"
            r"after) (i|we|you|he|she|they) (finish|finishes|complete|completes|pass|passes|do|does) (all|both|each)\b|"
            # the other way round: "if i do all three parts what do i end up with"
            # ("if i get thru all 3 parts what do i walk away with", "once she's done all of them what does she have")
            r"\b(if|once|when|after) (i|we|you|he|she|they)( have| has|'?ve|'?s)? (finish|finishe[sd]|complete[sd]?|"
            r"pass|passe[sd]|do|does|done|did|take|takes|taken|(get|gets|got|gotten|go|goes|gone|went|make it) "
            r"thr(u|ough)) (all|both|each)\b[^?.!]{0,40}\bwhat (do|does|will|would) (i|we|you|he|she|they)"
            r"(" + _AS_SAID + r")? (get|receive|earn|end up with|have|walk away with|come out with|leave with|"
            r"get out of it)\b|"
            # "does it count for anything bigger", "do they count toward something more"
            r"\bcounts? (for|towards?) (anything|something) (bigger|more|higher|else|larger)\b",
            re.I,
        ),
    ),
    # "do I get something to show for it when I'm done": before "status" ("when").
    (
        "digital",
        re.compile(
            r"\b((something|anything) to show|to show for (it|this|that|them)|what do (i|we|you) get (at the end|"
            r"when (i'?m|i am|we'?re|you'?re) (done|finished|through)|for (finishing|completing))|"
            # "what does he get when he finishes all three", "what will she get once she completes it"
            r"what (do|does|will|would) (i|we|you|he|she|they|my \w+) (get|receive|earn) (at the end|(when|once|if|"
            r"after) (i|we|you|he|she|they) (finish|finishes|complete|completes|pass|passes|(is|are|am|'?re|'?s) "
            # "finishes all three": what they add up to ("stackable", above)
            r"(done|finished|through)))(?! (all|both|each)\b)|"
            # what one takes away from it ("what do i actually walk away with", "would I come out of it with
            # anything", "something I can show a hiring manager"): what finishing gives, of the one in focus, else
            # of every school (not "walk away with a licence", "recognition" above; nor all the parts, "stackable")
            r"what (do|does|did|will|would|can|could) (i|we|you|u|he|she|they|my \w+)(" + _AS_SAID + r")? "
            r"(walk (away|out) with|come out( of (it|this|that|them))? with|leave with|take away|end up with|"
            r"(get|have) (at|in) the end)(?! (all|both|each)\b)|"
            r"(walk(s|ing)? (away|out)|(come|comes|coming) out|leave|leaves|leaving|ends? up)( of (it|this|that|"
            r"them|there))? with (anything|something|a (piece of )?paper|papers|paperwork|proof)|"
            r"(get|have|with|receive|given|there be|there is|is there) (anything|something) on paper|"
            r"(something|anything|proof|what)( (i|we|you|u|he|she|they) (can|could|would|will|'d|'ll)"
            r"( be able to)?)?( to)? show (to )?((a|an|the|my|his|her|their|any|future|potential|prospective|"
            r"new) )*(hiring managers?|employers?|recruiters?|bosses|boss|interviewers?))\b",
            re.I,
        ),
    ),
    # How many people are in a class ("how many people in a class usually", "how big are the classes", "students per
    # class"): no record says; before "places", which is how many can enrol, not how many learn together.
    (
        "class_size",
        lowered(re.compile(
            r"\b(class ?sizes?|size of (the |a |each )?(class|group|cohort)s?|how (big|large|small) (is|are) (the |a |"
            r"each |your )?(class|classes|groups?|cohorts?)|(small|smaller|big|large|tiny) (class(es)?|cohorts?)|"
            r"(is|are) (the )?(class|classes|cohorts?) (small|big|large|huge|tiny|crowded|packed)|"
            r"how many (people|students|learners|others|other (people|students|learners)|classmates|of us)"
            r"( [\w']+){0,4}? (in|per) (a|the|each|one|my|your|every) (class|group|cohort|section)|"
            r"(people|students|learners) (per|in each|in every) (class|group|cohort|section))\b",
            re.I,
        ), needles=("class", "group", "cohort")),
    ),
    # What the learner must bring or buy ("do i need my own boots and tools", "r tools provided", "do we have to buy
    # steel toes", "what do i need to bring"): no record says; not "tools" the subject (a module, "Using Construction
    # Tools"), which is asked as what it covers.
    (
        "equipment",
        lowered(re.compile(
            r"\b(((need|have|got|supposed) to (bring|buy|get|have|supply|purchase|wear)|(need|bring|buy|supply|wear) "
            r"(my|our|your|his|her|their) own)( my| our| your| his| her| their)?( own)?( \w+)?? " + _EQUIPMENT + "|"
            r"(bring|buy|supply|provide) (my|our|your|his|her|their) own|" + _EQUIPMENT + r" (are |is |r )?"
            r"(provided|supplied|included|given( to you)?)|(provide|supply|lend|loan)( you| us| me)? (the |any )?"
            + _EQUIPMENT + r"|what (do|should|will|would) (i|we|you|he|she) (need to |have to )?(bring|wear))\b",
            re.I,
        ), needles=("bring", "own", "provided", "supplied", "included", "given", "provide", "supply", "lend", "loan",
                    "wear", "buy", "purchase")),
    ),
    # A computer or software to have ("would i need my own laptop or software for it", "do i need a computer for
    # this", "what kind of laptop would i need", "is the software provided"): no record says either. Not the subject
    # ("i need a computer course", "do i need computer skills": a search, who can enrol), nor "what software does it
    # teach" (what it covers).
    (
        "equipment",
        lowered(re.compile(
            r"\b((need|needs|needed|require[sd]?|(have|got|supposed) to (have|buy|get|bring|use|install|own)|bring|buy|"
            r"purchase|install|own|lend|loan|provide[sd]?|supply|give (me|you|us|u|them))( (a|an|my|our|your|his|her|"
            r"their|own|any|some|special|specific|particular|certain|good|decent|fast|new|powerful|the|extra|fancy|"
            r"expensive|personal|proper|reliable)){0,3} " + _TECH + r"|(what|which) (kinds?|sorts?|types?) of "
            + _TECH + r" (do|does|will|would|should|must) (i|we|you|u|one|students|he|she) (need|require|have to)|"
            + _TECH + r"( \w+)? (is |are |r )?(provided|supplied|included|required|needed|necessary|a must|mandatory))"
            r"\b",
            re.I,
        ), needles=("laptop", "computer", "software", "tablet", "ipad", "webcam", "headset", "microphone", "wifi",
                    "wi-fi", "internet", " pc", " mac", "chromebook")),
    ),
    # How many can take it (places, spots, a cap on numbers): the record's stated number, else not published.
    (
        "places",
        re.compile(
            r"\b(how many (spots|places|seats|spaces|openings)|how many (people|students|learners) (can|get|will)|"
            # "how many of those are they giving out", "how many are up for grabs"
            r"how many( of (them|those|these))? (are|r) (they |there )?(giving|handing) (out|away)|"
            r"how many( of (them|those|these))? (are|r) (up for grabs|left|available)|"
            r"(a |any )?(limit|cap|maximum|max) (on|to|of) (how many|the number|spots|places|seats|people)|"
            # a bare "is there a limit?", "any cap on it?" (after a funding answer it is the amount: actions/funding)
            r"(is there|are there|there'?s|^\s*any|^\s*a) (a |any )?(limit|cap|max(imum)?)( on (it|them|this|that|"
            r"these|those))?(?=\s*[?!.]*$)|"
            # "do the free ones have a limit or something", "does it have a cap"
            r"(have|has|got) (a |any )?(limit|cap|max(imum)?)( on (it|them|numbers|places|spots))?(?= or\b|\s*[?!.]*$)|"
            # "are there only so many seats for the free ones"
            r"only so many (spots|places|seats|spaces|people)|"
            r"(spots|places|seats|spaces) (left|available|limited)|limited (spots|places|seats|spaces|number|"
            r"enrol+ment|intake)|"
            r"(are|is) (the )?(spots|places|seats|spaces|numbers?|enrol+ment|intake) (limited|capped)|"
            # "do they only take a certain number of people"
            r"(take|accept|let in|admit) (a )?(certain|set|limited|fixed|maximum) number|capacity|"
            # "do they cap the number of spots", "is there a cap on class size"
            r"(cap|limit|restrict)s? (the )?(number|numbers|spots|places|seats|spaces|enrol+ment|class size)|"
            r"class sizes?|"
            # whether it is full: "can you tell me if its full", "is the class sold out", "any room left"
            r"(is|if|whether) (it|its|it's|they|they're|that|this|the (course|class|program))( one)? (is |are )?"
            r"(already |all )?(full(?![- ]time)|sold out|booked( up)?|filled( up)?|capped)|(still|any) (room|space)|"
            r"room left|"
            # how many free ones there are, whether they are gone ("are they likely all gone by now", "have the
            # spots run out", "any left?"): how many places, and that how many are left isn't published
            r"how many (of )?(the |those |these )?free (ones|spots|places|seats|courses|micro-?credentials)|"
            r"(they|it|them|those|these|ones|spots|places|seats)( (are|is|be|been|were|have|has))?( (likely|probably|"
            r"already|all|still|just|maybe))*( (are|is|be|been))? (gone|taken|snapped up|used up|claimed)(?! (through|"
            r"back|to|into|on|online|over|for|with|up|down|in|out|from|at|as|part|by (?!now)))|"
            r"all (gone|taken|snapped up)|"
            r"(they|it|spots|places|seats)( have| had| will| might| may| already|'ve)* (run|ran|sold|sell) out(?! of)|"
            r"(any|some)( of (them|those|these|the free ones))? (left|remaining)"
            r"(?=\s*[?!.]*$| by now| now| still| or\b)|"
            r"wait ?(ing )?list|fill(s|ing)? up)\b",
            re.I,
        ),
    ),
    # Whether it can be taken now: before "online" or "free", which may be part of its name ("the online one").
    (
        "status",
        re.compile(
            r"\b(available (now|yet|today|right now)|out yet|launched( yet)?|open (now|yet)|"
            # how soon one can start, the next intake ("how soon could i start", "when's the next intake", "when does
            # the next one start", "do any of them start in january")
            r"how soon|(next|upcoming) (intakes?|sessions?|cohorts?|offerings?|start dates?)|intakes?|"
            r"(can|could|would|will) (i|we|he|she|they|you|u) (start|begin)(?! (a|an|my|the|with|by|to|over|looking|"
            r"working|learning|from)\b)|"
            r"when (does|do|is|will) the next (one|session|class|course|cohort|group)( [\w-]+)? (start|begin|run|open)|"
            r"(start|starts|starting|begin|begins) (in|on|around|before|after|by) (january|"
            r"february|march|april|may|june|july|august|september|october|november|december|the (spring|summer|fall|"
            r"autumn|winter|new year)|next (week|month|term|semester|year))|"
            # ("which of those can I actually start now", "could we really begin right away"; not "anything I could
            # sign up for today": those offered now, searched)
            r"(can|could|may) (i|we)( (actually|really|just|even|still))? (take|start|begin|do|"
            r"join|sign up for|register for|enrol+ in)\b[^?.!]{0,50}?\b(now(?! that)|yet|today|right away|soon)|"
            # ("which ones are running now", "are any of them currently running")
            r"(running|offered|open|on offer) (right now|now|today|at the moment|currently|these days)|"
            r"currently (running|offered|available|open|on offer)|"
            r"(is|are) (it|they|that|this)( one)? (open|running|out|ready|happening) (yet|now)|"
            # "is it even running right now", "is it still on", "are they currently offering it"
            r"(is|are) (it|they|that|this)( one)?( even| still| actually)?( currently)? (running|on|offered|being "
            r"(offered|run)|happening)( even| still)? (right now|now|at the moment|currently|these days|this (term|"
            r"semester|year))|(is|are) (it|they|that|this)( one)? (even|still) (running|offered|being (offered|run))\b|"
            r"(currently|still) (running|offering) (it|them|this|that)|"
            # said, not asked ("do u know if its running right now", "its on rn?")
            r"(it'?s|its|it is|they'?re|they are)( even| still| actually)?( currently)? (running|happening)\b|"
            r"(it'?s|its|it is|they'?re|they are)( even| still)?( currently)? (on|offered|being (offered|run)) "
            r"(right now|now|at the moment|currently|these days|this (term|semester|year))|"
            # "when is the online entrepreneurship one coming out", "when's the new trent stuff launching"
            r"when('?s| (does|do|will|is|are)) (it|they|that|this|the ([\w-]+ ){1,3}(ones?|courses?|programs?|"
            r"micro-?credentials?|stuff))( one)? (be )?(start|launch|launching|begin|open|come out|coming out|"
            r"available|out)|"
            # "does it start next week or not": when it starts, not how many weeks it lasts
            # (not "how long is it start to finish": a span from start to end is its length)
            r"(does|do|will|is|are|can) (it|they|that|this)( one)? (start|starting|begin|beginning)"
            r"(?! (to|till|until|til) (the )?(finish|end|done|complete))|"
            # "is it available now or is it coming later", "is that one out already or still planned"
            r"(is|are) (it|they|that|this)( one)? (available|offered|out|running)( already| now| yet)?( or|\?|$)|"
            # a pushed start date: "just a rough idea, like this month or next", "ballpark, next month?"
            r"(this|next) (month|week|term|semester) or (next|the next|after|later)|rough idea (of )?when|"
            r"(ballpark|roughly|approximately|about) when|(this|next) month\s*[?!.]*$|"
            # a season or month guessed: "like spring or fall?", "roughly what month", "is it usually in the fall"
            r"(spring|summer|fall|autumn|winter) or (the )?(spring|summer|fall|autumn|winter)|(what|which) (month|"
            r"season)|(usually|normally|typically|generally) (start\w* |begin\w* |run\w* |offered )?(in )?(the )?"
            r"(spring|summer|fall|autumn|winter)|"
            r"coming (later|soon)|still (planned|upcoming|coming)|(start|begin|take|do) (it|this|that)( one)? (now|"
            r"right now|today|right away|asap))\b",
            re.I,
        ),
    ),
    # A level of English asked of the learner ("my english is not perfect, is that a problem"): no record says.
    (
        "language",
        re.compile(
            # ("do i need good english", "is basic english enough")
            r"\b((my|his|her|our|their|good|enough|fluent|perfect|strong|basic|much|better) english|english (is|isn'?t|"
            r"not|level|test|requirements?|skills?|proficiency)|(speak|write|read|understand) english|"
            r"english as a second|ielts|celpip|toefl|"
            r"language (requirements?|tests?|level|barrier|proficiency|skills?)|"
            # the language it is taught in ("is it taught only in english? my first language is tagalog")
            r"(taught|offered|given|delivered|held) (only |just |entirely |all )?in english|(only|just) in english|"
            r"english only|(first|native|mother|home|main) (language|tongue)|what languages?|other languages|"
            r"language of instruction)\b",
            re.I,
        ),
    ),
    # "is that for online teaching only", "is it only for nurses": whom it is for; before "delivery", whose "online"
    # would otherwise read it as the format.
    ("audience", re.compile(r"\b(is|are) ((it|they|that|this|the [\w-]+ one)( one)? )?((only|just) for [^?.!]{1,30}|"
                            r"for [^?.!]{1,30} only)\b|"
                            # "is that for regular classroom teachers or just people teaching online", "is it aimed
                            # at nurses": for whom, by a word for people (not "is it for 6 weeks or 8")
                            r"\b(is|are) (it|they|that|this|the [\w-]+ one)( one)? ((meant|designed|made|intended) for|"
                            r"(aimed|targeted) at|geared (to|towards?)|for) [^?.!]{0,30}?\b(teachers?|educators?|"
                            r"people|ppl|folks|someone|somebody|anyone|nurses?|workers?|students?|beginners?|staff|"
                            r"employees|professionals?|adults|newcomers)\b|"
                            # an age asked, before "free" reads as the cost ("the free ones, can someone my age do
                            # those", "can a 16 year old take the free ones", "is there an age limit on the free ones")
                            r"\b(someone|somebody|a person|people|ppl|kids?|teens?|teenagers?) (my|our|his|her|their) "
                            r"age\b|\b(can|could) (a |an )?\d{1,2}[- ]?(year|yr)s?[- ]?olds?\b|"
                            r"\bage (limit|requirement|restriction)s?\b|"
                            # an age asked as a must ("does he have to be 19 for that", "do you need to be 18 to
                            # take it", "you gotta be 19 or older right", "must she be over 18")
                            r"\b((have|has|need|needs|got) to|gotta|must (i|you|he|she|they|we|one)) be( at least| "
                            r"over| older than| above)? (1[0-9]|2[0-5]|an adult|of age|a grown ?up)\b", re.I)),
    # Run at an employer's site or as custom training for one ("can they run it on-site at our shop"): no record says;
    # before "delivery", whose "in person" it would otherwise be read as.
    (
        "onsite",
        re.compile(
            # (not a story's "worked at the plant in oshawa": a place is only asked of with a verb of delivery)
            r"\b(on[- ]?site|in[- ]house|(come|run|deliver|teach|hold|offer|bring|do|give) ([\w-]+ ){0,3}(at|to|in|"
            r"out to) (our|my) (own )?(shop|workplace|work ?site|plant|factory|warehouse|office|premises|facility|"
            r"location|company|business|job ?site)|(custom(i[sz]ed)?|"
            r"tailored|private|corporate|dedicated) (training|delivery|cohorts?|class(es)?|sessions?|versions?|"
            r"groups?|offerings?)|(run|deliver|teach|hold|offer|bring|do) (it|this|that|them|the (course|training|"
            r"program|class))( one)? (at|to|in|for) (our|my) (shop|workplace|plant|factory|warehouse|office|team|"
            r"staff|employees|crew|company|business))\b",
            re.I,
        ),
    ),
    # When and how it runs (nights, weekends, on one's own time): before "modules" ("a part-time job") and "duration"
    # ("weekdays"), which their words would otherwise match. "online" stays below: it may be part of a name.
    (
        "delivery",
        re.compile(
            # not a greeting or a time ("good evening", "last night")
            r"\b(at night|(?<!last )(?<!good )(?<!tomorrow )nights?|nite|(?<!good )(?<!this )evenings?|"
            r"after (work|hours|dark)|weekends?|saturdays?|sundays?|week ?days|week-days|daytime|face[- ]to[- ]face|"
            # around one's working hours ("could i fit it around a 9 to 5", "would it work with my shifts")
            r"fit (it |this |that |them |the classes |classes |it all |school )?((in )?around|in with|into|with) (my|a|"
            r"his|her|their|our) (?!budget|price|finances)|(work|fit) (with|around) (my|his|her|their) (shifts?|job|"
            r"work|hours|schedule)|9 ?(to|-) ?5|nine to five|"
            r"during the day|day classes|(set|fixed|certain|specific|particular) (class )?(times|hours|schedule|"
            r"classes|days)|class (times|schedule)|(what|which) days|"
            r"scheduled (classes|times|sessions)|live (classes|sessions|lectures)|on (my|your|our|his|her|their) own"
            r"( time| pace| schedule)?|own (pace|speed)|whenever (i|we) (want|like|can)|self[- ](paced|guided)|"
            r"schedule|time of (the )?day|what times?|"
            r"(?<!good )(?<!this )mornings?|in[- ]person|on campus|(go|come|travel|commute|drive|driving|commuting) "
            r"(to|onto|into) (the )?campus|in a classroom|"
            # "would i have to go in?", "do i need to come in", "do we have to show up (for it)": whether one attends
            r"(have|need|got) to (physically )?((go|come|drive|commute|travel) in|show up|be there)"
            r"(?! (for|to)\b(?! (it|this|that|them|class(es)?|the (course|class(es)?|program))\b))|"
            r"in class|(full|part)[- ]time or (full|part)[- ]time|"
            r"(is|are) (it|they|this|that)( one)? (full|part)[- ]time)\b",
            re.I,
        ),
    ),
    # What it teaches: the skills and topics the record lists.
    (
        "skills",
        re.compile(
            # ("what do the free ones teach": those records' skills, not their price)
            # ("what would he learn in it": a learner named, "my son", "she")
            # ("what kind of stuff do those teach": the kind asked of the ones shown)
            r"\b(what ((kinds?|sorts?|types?) of (stuff|things) )?(do|does|will|would|can|could) (they|it|you|i|we|he|"
            r"she|my [\w-]+|that|this|those|these|the ([\w-]+ ){1,2}ones?)"
            r"( one| course| program)?"
            r"( actually| really| even)? (teach|learn|cover)|"
            # texted: "wats it teach", "wat does that cover", "whats it cover"
            r"wh?at'?s? ((do|does|will) )?(it|that|this|they)( one)? (teach|cover)|"
            # "do they teach working at heights?": whether it teaches one thing (actions.details.asked_skill)
            r"(do|does|will|would) (they|it|that|this)( one| course| program)? (teach|cover) (?!you\b)[a-z]|"
            r"what'?s (in|covered in) (it|that|this|them|the [\w-]+ (part|module|section|unit|one))|"
            r"what (is|are) (in|covered in) the [\w-]+ (part|module|section|unit|one)|"
            # "WHAT KIND OF SKILLS ARE THOSE", "which skills do they teach": of the ones meant (not "what kind of
            # skills do i need for construction", a search)
            r"what (skills|topics)|(what (kinds?|sorts?|types?) of|which) (skills|topics) ((are|r|is|do|does|will|"
            r"would) )?(they|those|these|it|that|this|them|the [\w-]+ ones?)\b|"
            # "what are the key skills it teaches", "the main topics they cover"
            r"what (is|are) the (key |main |core )?(skills|topics)|(skills|topics) (it|they|that|this)( one)? "
            r"(teach(es)?|covers?)|"
            r"teach(es)? you|syllabus|curriculum|"
            # "what are they about", "wat r those about" (read as "what are"): what the ones meant teach
            # ("whats that about", "wat's it about")
            r"(what (are|is)|wh?at'?s) (they|it|those|these|that|this|(the|those|these) ([\w-]+ ){0,2}ones?)( one)?"
            r"( all| really| even)? about|"
            # ("what's the course itself about", "whats that program about": the one meant, by what it is)
            r"(what (are|is)|wh?at'?s) (the|those|these|this|that) ([\w-]+ ){0,2}(course|courses|program|programs|"
            r"class|training|micro-?credentials?)( itself| themselves)?( all| really| even| actually)? about|"
            r"course content|what (do|will) i (learn|get out of)|what (is|are|gets) (covered|taught)|"
            r"(covered|taught) in (it|that|this|them|the))\b",
            re.I,
        ),
    ),
    # ("how much of my time would it take": a length; "i have bills to pay": a reason, not a price)
    ("cost", re.compile(r"\b(free|cost|costs|prices?|how much(?!( of (my|your|our|the))? time\b)|"
                        r"(?<!bills to )(?<!rent to )(?<!mortgage to )pay|fees?|tuition|"
                        r"expensive|cheap|cheaper|cheapest|"
                        r"less expensive|lower (cost|price)|afford|affordable|bucks|dollars|\d+ ?\$|"
                        # "what does Trent charge" (not "the person in charge", nor a charge nurse)
                        r"(?<!in )charg(e|es|ed|ing)(?! nurses?\b)|pricey|"
                        # casual asks: "what's it run ya", "what does it run you", "what'll that set me back",
                        # "what's the damage" (not "run you through it")
                        # (not a business run: "no idea how to run one")
                        r"(run|runs|set|sets) (you|ya|u|me|us)( back)?(?! (through|over|by|around)\b)|sets? one back|"
                        r"what'?s (it|that|this|they|the (course|program|thing)) (gonna |going to )?run\b|"
                        r"what('?s| is) the damage|(what|how much) (does|do|will|would) (it|that|this|they) go for|"
                        # a pushed guess at the price: "ballpark?", "like under 500?", "more than 2k?" (three
                        # digits or a k: never an age, "under 19"; nor a length, "under 100 hours")
                        r"ball ?park|(under|less than|below|over|more than|above|around|about|close to|at least|"
                        r"at most|max) \$? ?(\d{3,}|\d{1,2},\d{3}|\d+(\.\d)? ?k)(?! ?(hours?|hrs?|h|weeks?|wks?|"
                        r"months?|days?|years?|yrs?|people|students|km|min\w*))|"
                        # ... in words: "is it hundreds or thousands", "a couple grand?", "under a hundred bucks" (not
                        # "hundreds of hours", "a few thousand people")
                        r"(hundreds|thousands|(a|one|two|three|few|couple( of)?|several) (hundred|thousand|grand))"
                        r"(?!( of)? (hours?|hrs?|weeks?|days?|months?|years?|people|students|learners|places|spots|"
                        r"seats|km|kilomet\w+|miles?|pages?|jobs?|employers?|companies|workers|ppl|others|applicants|"
                        r"members|grads|graduates)\b)"
                        r")(?!\w)|\$ ?\d",
                        re.I)),
    # "a part-time job" is not a part, nor is a trade's ("a parts supplier for the auto plant", "auto parts",
    # "the parts department"); "how many are there" (nothing after it) and "what are they called" ask for the parts
    # of what is shown.
    ("modules", re.compile(r"\b(modules?|(?<!auto )(?<!car )(?<!truck )(?<!spare )(?<!replacement )parts?"
                           r"(?![- ](time|suppl\w*|plants?|makers?|manufactur\w*|factor(y|ies)|department|dept|counter|"
                           r"shops?|stores?|compan(y|ies)|person|guy|runner|warehouse|line)|"
                           # ("brilliant catalyst is part of which school": whom it is with)
                           # ("they closed my unit": a ward, not a part)
                           r" of (which|what)\b)|(?<!my )(?<!our )(?<!his )(?<!her )(?<!their )(?<!nursing )units?|"
                           r"sections?|"
                           r"how many (are|r) (there|they)(?=\s*[?!.]*$)|"
                           # "how many skills are in the TD one"
                           r"how many (skills|modules|parts|units|sections|topics) (are|r|is) (there )?(in|part of)\b|"
                           # "how many skills does it cover", "how many modules do they have"
                           r"how many (skills|modules|parts|units|sections|topics) (does|do|will|would) (it|they|that|"
                           r"this|the [\w-]+ ones?)( one)? (cover|have|include|teach|offer)\b|"
                           r"how many (of them|in all|in total)|how many of (those|these|them) (are|r) there|"
                           # "how many skills can you pick from", "how many are there to choose from"
                           r"how many [^?.!]{0,30}\b(to|can|could|do|would|get to) ((i|you|u|we|one) )?(get to )?"
                           r"(pick|choose|select) from|"
                           # "how many of these TD ones are there in total", "how many TD skills are there altogether"
                           r"how many (?!(hours?|weeks?|months?|days?|spots|places|seats|people|students|credits?)\b)"
                           r"[^?.!]{0,30}\b(in total|in all|total|altogether|all together|all told)\b|"
                           # "how many different skills like that do they have", "how many other ones like this are
                           # there", "how many similar ones": the siblings of the one shown (its bundle's count)
                           r"how many (different |other |more |similar )?((skills|ones|courses|topics|kinds|types)"
                           r" )?(like (that|this|those|these|it)|similar)\b|"
                           r"what (are|r) (they|those|these|the (courses|"
                           r"modules|parts|units|sections))( all)? called|(their|the) names|"
                           # "what are the parts of it", "what r the modules"
                           r"what (are|r) (the|its|their) (modules|parts|units|sections)( of (it|that|this|them))?"
                           r"(?=\s*[?!.]*$))\b", re.I)),
    # (not the person's own hours: "since my hours got cut", "they cut our hours")
    ("duration", re.compile(r"\b(how long|duration|length|(?<!my )(?<!our )(?<!his )(?<!her )(?<!their )(?<!cut )"
                            r"(?<!work )(?<!shift )hours?(?! (got|were|was|have been|had been|are being|"
                            r"being|cut|reduced|slashed)\b)|weeks?|months?|take to finish|shortest|quickest|"
                            r"fastest|longest|(is|are) (it|they|that|this|these|those)( ones?)? (short|quick|long)|"
                            r"how (short|quick|fast)|"
                            # asked indirectly: "would that eat up a whole year", "does it take long", "would it tie
                            # me up", "is it a full year thing", "how much time would it take", "could i be done
                            # before summer", "a long haul?"
                            r"(take|takes|taking|eat|eats|eating|use|uses|last|lasts|tie)( up)?( me| you| us| him| "
                            r"her)?( up)?( for)? (a |an |the )?(whole|full|entire|good|couple( of)?)[- ]?(years?|"
                            r"semesters?|terms?)|(whole|full|entire)[- ](year|semester|term) (thing|program|course|"
                            r"commitment)|take( me| you| us| him| her)? (forever|ages|long|a (long )?while|a long time|"
                            r"years|so long|too long)|tie (me|you|us|him|her) (up|down)|long haul|time commitment|"
                            r"how much( of (my|your|our|the))? time|time[- ]?wise|"
                            r"(done|finished|through|finish|complete)( with)?( it| this| that| them)? (by|before|"
                            r"in time for) (the )?(summer|spring|fall|autumn|winter|"
                            r"christmas|xmas|new year|january|february|march|april|may|june|july|august|september|"
                            r"october|november|december|end of the year|next year))\b", re.I)),
    # ("is it with a hospital", not the person's own "working at a hospital" or "a hospital job")
    ("partners", re.compile(r"\b(who (made|makes|created|developed|designed|built)|partners?|partnered|"
                            + _NOT_OWN_WORK + r"hospital(?!s? (jobs?|work|setting|cleaner|porter|staff)\b)|"
                            # "who r they making them with", "who's helping make them", "who are they working with"
                            r"who (r|are|is|'re) (they|it|you|[\w-]+) (making|building|developing|creating|designing|"
                            r"doing|working on|putting together) ([\w-]+ ){0,2}with|who('?s| is| are| r) (helping|"
                            r"working with|partnering with|collaborating with)|who (r|are|is|'re) (they|it) (working|"
                            r"partnering|collaborating|teaming up) with|"
                            # "who did ontario tech make it with", "who's it with", "who is that one through"
                            r"who (did|does|do) ([\w-]+ ){1,3}(make|build|develop|create|design|run|offer|do|partner|"
                            r"team up|work) (it|this|that|them)( one)? (with|alongside)|"
                            r"who(?:'?s| is| are| r) (it|this|that|they)( one)? (with|through|in partnership with|"
                            r"in collaboration with)(?=\s*[?!.]*$)|"
                            # "which organization is it offered with", "who is it offered through", "what company is
                            # that one run together with" (before "status", which its "offered" would match)
                            r"(who|which|what)( [\w-]+){0,2} (is|are|'s|r) (it|this|that|they|these|those)"
                            r"( one| ones)? (offered|run|given|delivered|made|developed|done|taught|put on|created|"
                            r"designed|built)"
                            r"( in partnership| jointly| together)? (with|through|alongside)\b|"
                            # "what industries are they working with", "which companies does it partner with"
                            r"(what|which) (kinds? of |sorts? of )?(industr(y|ies)|compan(y|ies)|employers?|"
                            r"business(es)?|organi[sz]ations?|sectors?) (are|r|is|do|does|did) (they|it|you|[\w-]+)"
                            r"( \w+)? (work(ing)?|partner(ing)?|collaborat(e|ing)|team(ing)? up) with|"
                            r"industry partners?|who (actually |really )?(runs|offers|delivers|owns|is behind|"
                            r"are behind|does|do|teaches|gives|provides|puts on|has) (it|this|that|them)|"
                            # "which school runs it", "what college offers that one"
                            r"(which|what) (schools?|colleges?|universit(y|ies)|providers?) (runs?|offers?|does|do|"
                            r"has|have|teach(es)?|gives?|provides?) (it|this|that|them)|"
                            r"who('?s| is) (really |actually )?behind (it|this|that|them|the)|"
                            # "is it the university or some company?"
                            r"(is|are) (it|this|that|they) (run by )?(the|a) (university|college|school) or (a|an|some|"
                            r"the) (company|business|private)|"
                            r"(run|runs|offer|offers|do|does) (it|this|that|them)? ?(alone|by (it|them)sel(f|ves)|"
                            r"on (its|their) own))\b", re.I)),
    # What a partner asked of its own people ("didn't their own staff have to take it?", "wasn't it mandatory for
    # the hospital's nurses"): the record says it with whom it was made. Gated by the people named.
    ("partners", lowered(re.compile(
        r"\b((their|its|the hospital'?s|the company'?s) (own )?(staff|employees|workers|nurses|people|team)( all)? "
        r"(have|had|has|need|needed|must|got|were (required|made)|are (required|made)) to (take|do|complete|finish)|"
        # (or of a partner named: "was it mandatory for lakeridge staff")
        r"(required|mandatory|compulsory|obligatory) for (their|its|the hospital'?s|the|"
        r"(?!(our|my|your|his|her) )[\w-]+( health)?) (own )?(new )?(staff|employees|workers|nurses|people|team|"
        r"new hires)|(make|made|makes|making) (their|its|the|all) (own )?(new )?(staff|"
        r"employees|workers|nurses|people|team|hires) (take|do|complete|finish)|"
        # "why did lakeridge staff have to take it", "how come the nurses needed it": a partner's reason, which the
        # record gives with the partner's name when its sources do
        r"(why|how come) [^?.!]{0,40}\b(staff|employees|nurses|new hires)\b[^?.!]{0,30}\b(take|do|complete|finish|"
        r"need|needed|required|requires|made|make)\b|(why|how come) [^?.!]{0,30}\b(require[sd]?|need(ed)?|want(ed)?|"
        r"made|make)\b[^?.!]{0,30}\b(staff|employees|nurses|new hires)\b)\b",
        re.I,
    ), needles=("staff", "employee", "worker", "nurse", "people", "team", "new hire"))),
    # "would they even let him in", "will they take my son": who can enrol, before "delivery" ("the construction thing
    # at DC on weekends. would they even let him in" asks of admission, not the format)
    ("audience", lowered(re.compile(
        r"\b(do|does|will|would|can|could) (they|you|u|the (school|college|university)s?|(durham|dc|ontario tech|trent)"
        r"( college| university)?) (even |actually |still )?(let|take|accept|admit|allow) (him|her|me|them|my (son|"
        r"daughter|kid|husband|wife|partner|brother|sister|mom|dad|mother|father))( in| into)?\b(?! (for|to) (free|"
        r"pay|cash|credit|debit))",
        re.I,
    ), needles=("let ", "take ", "accept", "admit", "allow"))),
    ("delivery", re.compile(r"\b(online|in[- ]person|on campus|from home|"
                            # "can i do it at home" (not "a stay at home mom": a verb of taking it before)
                            r"(do|study|take|learn|finish|complete|work on)( it| this| that| them| the courses?)? "
                            r"at home|"
                            r"(?<!good )evenings?|weekends?|format|remote|virtual|" + AROUND_WORK + "|"
                            r"at night|self[- ]paced|from (my|a) (phone|laptop|computer)|" + TAKEN_ON_A_DEVICE + "|"
                            # "which can i do without going in", "any where i dont have to go in": online asked
                            r"without (ever )?(going|coming|having to (go|come)|need(ing)? to (go|come)|showing up)"
                            r"( in| into| to (the )?(campus|class|school|college))|"
                            r"(don'?t|do not|never|wouldn'?t|won'?t|doesn'?t|does not) (have|need|got|require|make)"
                            r"( me| you| us)? to (go|come|show up)( in| into|"
                            r" to (the )?(campus|class|school|college))|from (my )?(house|couch|kitchen table))\b",
                            re.I)),
    # Something the person would need to know or have first, asked of what is shown ("does she need any math for
    # it", "do I need to know coding first", "is math required", "any prereqs?"): its requirements, never a search
    # for the thing named (the words are cut before names are read: see REQUIRED_THING).
    ("audience", REQUIREMENT),
    ("audience", re.compile(r"\b(who can|eligible|eligibility|qualify|requirements?|prerequisites?|prereqs?|"
                            # "do they take nurses who trained outside Canada", "would the college accept someone
                            # like me", "do they let newcomers in" (not "do they take credit cards": people only)
                            r"(do|does|will|would|can|could) (they|you|u|it|that|this|these|those|the (school|college|"
                            r"university|program|course)s?) (take|accept|admit|let( in)?|allow|consider) (in )?"
                            r"(people|ppl|someone|somebody|anyone|newcomers|immigrants|foreigners|nurses?|older|mature|"
                            r"adults|students|me|internationally|foreign[- ]trained|[\w-]+s (who|with|from|trained|"
                            r"educated))\b|"
                            # experience asked for ("do you need to already work in the field to take one")
                            r"(need|have|got) to (already )?(be )?(work(ing)?|worked|employed) in (the|this|that|"
                            r"a) (field|industry|trade|sector)|"
                            # "who is it for?", "who's that aimed at", "who should take it"
                            r"who('?s| is| are) (it|this|that|they|these|those)( one| course| program)? (for|aimed at|"
                            r"meant for|designed for|intended for|made for|geared (to|towards?))|"
                            r"who (should|would) (take|do) (it|this|that|them)|"
                            # "can I take it?", "can I take courses there if I'm 17?"; not "what can I take?" (a search)
                            r"can i take (it|this|that|them|these|those|one)\b|"
                            # "can i take the durham college ones or do i need canadian school"
                            r"can i take (the|those|these) ([\w-]+ ){1,3}ones\b(?=[^?.!]{0,10}\b(or|if|as|without|"
                            r"even)\b)|"
                            r"can i take [^?.!]{0,40}\b(if|without|as an?|even though|though)\b|"
                            # "I left school in grade 10, can I still get into the construction readiness program?"
                            r"can (i|he|she|we) (still |even |actually )?get into (it|this|that|the [\w -]{1,40}?"
                            r"(program|course|one|micro-?credential))\b|"
                            r"allowed|grade 12|high school|can anyone|anyone can|(only|just) for|"
                            # "can a regular person sign up", "open to the public?"
                            r"(regular|normal|ordinary|average) (person|people|adults?)|(general|the) public|"
                            r"non-?students?|open to (anyone|everyone|all|adults|people|(current |university |"
                            r"college |regular |international )?students|the community|community members|alumni|staff)|"
                            # "can she take it at 20?", "is 17 too young": an age with the question
                            r"(take|do|join|start|enrol+ in|sign up for) (it|this|that|them|one)( one)? (at|when "
                            r"(i'?m|she'?s|he'?s|they'?re)) \d{1,2}\b|"
                            # an age asked: "what is the age for this", "how old do you have to be"
                            r"how old|what age|(the|an?|minimum|min) age|age (limit|requirement|restriction)s?|"
                            # "do they have a cutoff age", "any age cap"
                            r"(cut-?off|max(imum)?|upper) age|age (cap|cut-?off|max(imum)?)s?|"
                            r"old enough|too (young|old)|"
                            # "do I need a degree for it": what it asks of the person, not what it stacks toward
                            # (or a kind of it: "would I need a college diploma to get into it")
                            r"(need|require[sd]?|have to have) (a |an |my |any )?((college|university|uni|"
                            r"post-?secondary|bachelor'?s?|master'?s?|canadian|ontario|two-year|2-year) )?(degree|"
                            r"diploma|grade 12|high school|ged|ossd|experience|background|education|schooling|"
                            r"qualifications?)|"
                            # an age said with whether it counts ("does it matter that im 18", "does my age matter",
                            # "is 17 ok", "im 18 is that a problem", "would being 18 be an issue")
                            r"(my|his|her|their|your|the) age (matter|count|make a difference)|"
                            r"matters? (that|if) (i'?m|im|i am|s?he'?s|s?he is|they'?re|they are|my [\w-]+ is) "
                            r"(only |just |still )?\d{1,2}\b|"
                            r"(i'?m|im|i am|s?he'?s|s?he is|being|is|at|age) (only |just |still )?\d{1,2}( years? old|"
                            r" yrs?( old)?| yo)?[,;.]? ((is|would|will) (that|it|this) (be )?|(does|would|will) (that|"
                            r"it|this) )?(be )?(a problem|an issue|ok|okay|fine|alright|matter|count against)|"
                            # "do I need a certificate to take it", "need canadian papers to get in": what it asks of
                            # the person first (not "do I get a certificate": what it gives)
                            r"(need|require[sd]?|have to have) (a |an |my |any )?((canadian|ontario|foreign|local) )?"
                            r"(certificates?|certifications?|credentials?|papers|licen[cs]es?) (to|for|before) "
                            r"(take|taking|do|doing|get (in|into)|getting (in|into)|enrol+|join|apply|sign up|start)|"
                            # "can I do it without a degree" (not "a man my age with no diploma": a story)
                            r"(do|take|get into|enrol+ in|apply( to| for)?|start|join) (it |this |that |them |one )?"
                            r"without (a |an |my |any )?(degree|diploma|grade 12|high school|ged|ossd|experience)|"
                            # "my degree is from Iran, can I still enrol": who may take them, not stacking
                            r"(degree|diploma|education|certificates?|papers) (is |are |was |were )?from|"
                            r"(foreign|international|overseas|canadian) (degree|diploma|education|credentials?|papers)|"
                            r"(foreign|international|overseas) (certificates?|certifications?)|"
                            r"(can|could|may) i (still|even) (enrol+|apply|"
                            r"register|sign up|take))\b", re.I)),
    # what finishing earns ("do u get anything when u finish them", "what do I get once it's done"): before "status",
    # which its "when" would otherwise match
    ("digital", re.compile(r"\b(what (do|will|would) (i|you|u|we) (get|have|receive|earn|walk away with|end up with|"
                           r"come out with)|"
                           r"(do|will|would) (i|you|u|we|they) (get|receive|earn|give (you|u|me)) (anything|something))"
                           r"( (for|after|when|once|at the end|on) ([\w']+ ){0,2}(finish|finishing|complete|completing|"
                           r"pass|passing|done|over|end))|"
                           # what it gives of itself: "do I get something for it", "do you get anything for each one",
                           # "anything to show for it", "will I get something out of finishing them"
                           # ("do you get anything official at the end of it", "something formal afterwards")
                           r"(do|will|would|can|could) (i|you|u|we|they) (get|receive|earn|be given|walk away with) "
                           r"(anything|something)( official| formal| proper| real| recogni[sz]ed)?"
                           r"(( (for|out of|from))? (it|this|that|them|each( one| module| part)?|"
                           r"every (one|module|part)|all( of)? (it|this|that|them)|completing|finishing|doing)|"
                           r" at the end| afterwards?|"
                           r" after (it|that|this|them|all))\b|"
                           r"what (do|will|would|'?ll) (i|you|u|we) (walk away|come out|leave) with\b|"
                           r"(anything|something) to show for (it|this|that|them|all)\b", re.I)),
    # (not a time clause of finishing: "can i put it on my linkedin when i'm done" asks what finishing gives, below)
    ("status", re.compile(r"\b(when(?! (i'?m|i am|im|i|you'?re|you|u|we'?re|we|s?he'?s|s?he|they'?re|they|it'?s|"
                          r"it is)( (am|are|is|get|have))? (all )?(done|finish\w*|complet\w*|through|pass\w*|over)\b)|"
                          # (not one's own start: "starting a small business", "starting my own shop")
                          r"starts|starting(?! (a|an|my|our|your|his|her|their|up|out|over|own|one|some|something)\b)|"
                          r"start (date|time)s?|(does|do|will|can) (it|they|that|this)( one)?"
                          # ("open my own salon" is the person's own opening)
                          r" start|dates?|available|offered|open(?! (a|an|my|our|up|one|some)\b)|launch|launches|"
                          r"spots?|seats?|places? left|"
                          # whether it still runs: "it is still given?", "is that one still running", "still a thing?"
                          r"still (being )?(given|running|on|going|taught|happening|a thing|around|exists?|runs?)|"
                          # ("is it at least running right now", "is that one currently running")
                          r"(is|are) (it|they|this|that|these|those)( one| course)? (still |at least |even |currently |"
                          r"actually )?(given|running|taught|happening))\b",
                          re.I)),
    # "if I do all three, what do I get": what they add up to when taken together
    # a diploma or degree the person lacks or needs ("a guy with no diploma", "do I need a degree") is not stacking
    ("stackable", re.compile(r"\b(stack|stacks|stackable|count towards?|(?<!no )(?<!without )(?<!without a )"
                             r"(?<!need a )(?<!have a )(?<!my )(diploma|degree)|(do|does|did|doing|take|takes|"
                             r"finish|finishes|complete|completes|pass|passes) (all|both|each of) (three|3|two|2|four|"
                             r"4|of them|of these|of those|the (parts|modules))|"
                             # "does it lead to a bigger certificate", "what does it add up to"
                             r"lead(s|ing)? (to|into|up to|towards?)|add(s)? up to|build(s)? (up )?(to|towards?)|"
                             r"(bigger|higher|larger|full|next) (certificate|credential|qualification|diploma))\b",
                             re.I)),
    # (LinkedIn as typed on a phone: "linkdin", "linked in")
    ("digital", re.compile(r"\b(badges?|certificate|linked ?in|linkdin|linkedn|digital|proof|resume|"
                           r"anything to show)\b", re.I)),
    # "what am I supposed to do to find out", "how do I find out", "where can I check that": whom to ask
    (
        "find_out",
        re.compile(
            r"\b((how|where) (do|can|could|would|should) (i|we) (find (that |it |this )?out|check|confirm)|"
            r"(what|who) (am i|i'?m|i am|do i|should i|can i|would i) (supposed to |meant to |going to )?(do|ask|call|"
            r"contact)( to| so i can)? (find (that |it |this )?out|check|confirm)|to find (that |it |this )?out)\b",
            re.I,
        ),
    ),
    # (not a place of work: "hurt my back on a site", "20 years on the job site", "site supervisor")
    # (not "every website sends me in circles": websites in general, complained of)
    ("link", re.compile(r"\b(link|url|web ?page|(?<!every )(?<!each )(?<!some )web ?site|"
                        r"(?<!on a )(?<!at a )(?<!at the )(?<!job )(?<!work )"
                        r"(?<!construction )(?<!building )site(?! (super\w*|foreman|manager|lead|work)))\b", re.I)),
    # ("how can i get into the free one": how to enrol in the ones meant, not "get into health care", a search)
    ("enrol", re.compile(r"\b(sign up|register|enrol+|apply|get (in|into) (it|this|that|them|those|these|"
                         r"(the|that|this) ([\w-]+ )?ones?))\b", re.I)),
    # Details no record gives, of any credential ("do seniors get a discount", "can I get a refund", "how many people
    # pass", "is there an exam at the end", "who are the instructors", "do I need a textbook"): said plainly to be
    # unpublished, with where to check. Last: a fact named above is answered first. Not "grade 12" (who can enrol).
    (
        "unpublished",
        lowered(re.compile(
            r"\b(discounts?|discounted|refunds?|refundable|(get|getting|have) (my |your |the |our )?money back|"
            r"(pass(ing)?|fail(ure)?|success|completion|graduation|drop-?out) rates?|"
            r"(how many|what (percent(age)?|share|proportion|%)( of)?|do most|does every ?(one|body)|do (all|many))"
            r"( of)?( the)? ?(people|students|learners|ppl|them|folks)? (actually |usually |really )?(pass|fail)|"
            r"(hard|easy|difficult|tough) to pass|pass or fail|pass/fail|"
            r"exams?|final (tests?|projects?|assessments?|assignments?)|(a|any|the) (written )?tests?|quiz(zes)?|"
            r"homework|assignments?|instructors?|professors?|facilitators?|"
            r"textbooks?|(course|text) ?books|reading lists?|(need|buy|get) (any |the |a )?books?|"
            # the person's own condition, with a question of the one shown ("i use a wheelchair, is that ok", "im
            # deaf will that be a problem"): the support for it isn't published (last: "can i do it from home" is the
            # format; never a subject, "lifting patients into a wheelchair", "working with disabled kids")
            r"(i'?m|im|i am|i have|i'?ve got|i got|(he|she)('s| is| has)|(my|our) [\w-]+ (is|has))( also| partially| "
            r"legally| a bit| kind of| totally)? (disabled|deaf|blind|adhd|dyslexic|dyslexia|an? (learning |physical )?"
            r"disability|hard of hearing|visually impaired|low vision|in a wheel ?chair)|(use|uses|using|need|needs) a "
            r"wheel ?chair|(someone|somebody|a person|people|students?|anyone|learners?) (who is|who'?s|who are|"
            r"that is|that'?s|with) (deaf|blind|disabled|dyslexic|hard of hearing|visually impaired|in a wheel ?chair|"
            r"an? (learning |physical )?disability))\b",
            re.I,
        ), needles=("discount", "refund", "money back", "rate", "pass", "fail", "exam", "test", "quiz", "homework",
                    "assignment", "instructor", "professor", "facilitator", "book", "reading list", "wheel", "disab",
                    "adhd", "dyslexi", "hearing", "deaf", "impaired", "blind", "low vision")),
    ),
))


# "how long" asks the length whatever else is said of starting ("how long till I finish if I start now", "how long
# from when you start"); not a wait for it to start ("how long until it starts", "how long before it opens").
_HOW_LONG = lowered(re.compile(
    r"\bhow long\b(?![^?.!]{0,30}\b(until|till|til|before|wait\w*)\b[^?.!]{0,30}\b(starts?|starting|opens?|"
    r"launch\w*|begins?|available|offered|comes? out|out|running)\b)", re.I))


def detect_attribute(text: str, low: str | None = None) -> str | None:
    """The fact ``text`` asks about, by the first of ATTRIBUTES found (``low``: ``text`` lowered, when known)."""
    found = first_found(ATTRIBUTES, text, low)
    return "duration" if found == "status" and _HOW_LONG.found(text, low) else found


# Whether it teaches one named thing: "first aid in it?", "does it cover WHMIS", "is first aid part of it", "will I
# learn power tools". The thing named is answered from the skills and parts the record lists. Searched in the lowered
# text (the topic is a group: LowerPattern only says whether a pattern is found).
# Where a clause asking of a thing taught begins ("how long is it, and is first aid included"), where it may say where
# ("in it", "in the construction one"), and where it ends (or a second ask begins: "is cpr covered and how long is it").
_SKILL_CLAUSE_STARTS = (r"(?:^|[.!?;,-]\s*|\b(?:and|but|also|plus|so|ok|okay)\s+)\s*"
                        r"(?:(?:and|so|ok|okay|but|also|plus)[\s,]+)?")
_SKILL_IN_IT = (r"(?: (?:in|on|at|from) (?:it|this|that|there|them|the (?:[\w-]+ ){1,2}one|the (?:course|program|"
                r"training)))?(?: there)?(?:,? (?:too|as well|also))?")
_SKILL_ASK_ENDS = (r"\s*(?:[?!.]|$|,? (?:and|also|plus|or) (?:how|what|is|are|does|do|can|will|would|should|could|"
                   r"when|where|i)\b)")
_SKILL_ASKED = (
    # ("would i get my working at heights out of it", "can I get my WHMIS from this one")
    re.compile(r"\b(?:will|would|do|can) (?:i|we|you) (?:learn|get|do) (?:any |some |my |a |an |the )?"
               r"(?P<topic>[a-z][\w &/-]{1,40}?) (?:in|with|from|on|out of) (?:it|this|that)(?: one| course)?"
               r"\s*[?!.]*$"),
    # ("does the construction one have first aid in it": one picked by a word of its own; "does the course include
    # first aid", "do they teach cpr in that one", "would it teach him about ladders")
    # ("does the construction one at durham cover first aid": one picked by a word and its school)
    re.compile(r"\b(?:does|do|will|would) (?:it|they|this|that|the (?:[\w-]+ ){1,2}one|the (?:course|program))"
               r"(?: one| course| program)?(?: (?:at|from) (?:[\w-]+ ){0,2}?[\w-]+)? "
               r"(?:cover|include|teach(?: you| him| her| them| people)?|go over|"
               r"touch on|deal with|get into|come with|have) "
               r"(?:about |any |some |a |an |(?:anything|something|much) (?:about|on) )?"
               r"(?P<topic>[a-z][\w &/-]{1,40}?)"
               # a thing described by an example ("the safety side, like being up high"), or left open ("ladders
               # and that")
               r"(?:,? (?:like|such as|e\.?g\.?|especially|say) (?P<example>[a-z][\w &/'-]{1,40}?))?"
               r"(?:,? (?:and|or) (?:that|stuff|things|all that|so on|the like))?"
               # (or a second ask after it: "does it cover working at heights and how many hours is it", "does that
               # cover first aid too or would i need to get that separate")
               r"(?: in (?:it|there|that|this)(?: one| course| program)?)?(?:,? (?:too|as well|also))?(?:,? or not?)?"
               r"\s*(?:[?!.]|$|,? (?:and|also|plus|or) (?:how|what|is|are|does|do|can|will|would|should|could|when|"
               r"where|i)\b)"),
    # what one comes away with ("does he come out of it with first aid too", "will I walk away with my WHMIS"; not
    # "a certificate", a fact of its own, nor a job)
    re.compile(r"\b(?:does|do|will|would|can|could) (?:i|we|you|he|she|they|my [\w-]+) (?:come out(?: of (?:it|this|"
               r"that|them)(?: one| course| program)?)? with|walk away with|leave with|end up with) "
               r"(?!(?:a |any )?(?:jobs?|work|employment|careers?|pay|money)\b)"
               r"(?:any |some |a |an |my |his |her |their )?(?P<topic>[a-z][\w &/-]{1,40}?)(?:,? (?:too|as well|also))?"
               r"\s*(?:[?!.]|$|,? (?:and|also|plus|or) (?:how|what|is|are|does|do|can|will|would|should|could|when|"
               r"where|i)\b)"),
    # a thing learnt, without "in it" ("would you learn cpr", "do you learn first aid in the construction one")
    re.compile(r"\b(?:will|would|do|does|can|could|did) (?:i|we|you|u|ya|he|she|they|my [\w-]+) (?:learn|get taught|"
               r"be taught|pick up) (?:any |some |about |how to |a |an |the )?(?P<topic>[a-z][\w &/-]{1,40}?)"
               + _SKILL_IN_IT + _SKILL_ASK_ENDS),
    # the thing named, then said to be among what it teaches ("and is emergency first aid one of the things u learn",
    # "is whmis something they teach", "is cpr among the skills it covers", "is first aid what you learn there")
    re.compile(_SKILL_CLAUSE_STARTS + r"(?:is|are) (?:there )?(?:any |some )?(?P<topic>[a-z][\w &/-]{1,40}?) "
               r"(?:(?:(?:one|some|any) of|among|part of|on the list of|in the list of) (?:the )?(?:things|stuff|"
               r"skills|topics|subjects)|something|a thing|anything|a skill|a topic|what) (?:that |which )?"
               r"(?:you|u|ya|they|we|i|he|she|it|people|students|learners|the course|the program)"
               r"(?: (?:will|would|get to|gets to|actually|should|can|do|does))? (?:learn|learns|teach|teaches|cover|"
               r"covers|go over|goes over|get taught|gets taught|pick up|picks up)"
               + _SKILL_IN_IT + _SKILL_ASK_ENDS),
    # the thing named, then asked whether it is in ("is first aid included", "are power tools covered in the
    # construction one"; not "is that included in the price": the cost)
    re.compile(_SKILL_CLAUSE_STARTS + r"(?:is|are) (?:there )?(?:any |some )?(?!(?:the )?(?:hst|gst|tax|taxes|"
               r"fees?|tuition)\b)(?P<topic>[a-z][\w &/-]{1,40}?) (?:included|covered|taught|gone over)"
               + _SKILL_IN_IT + _SKILL_ASK_ENDS),
    # ("... and does first aid come with it", "do power tools come with that one")
    re.compile(_SKILL_CLAUSE_STARTS + r"(?:does|do|will|would) (?!(?:it|they|that|this|you|u|i|he|she|we)\b)"
               r"(?P<topic>[a-z][\w &/-]{1,40}?) (?:come with|come in|get covered in|get taught in) "
               r"(?:it|this|that|them|the (?:course|program|training)|the (?:[\w-]+ ){1,2}one)(?: one| course)?"
               + _SKILL_ASK_ENDS),
    # the thing named first, then asked of ("and power tools, is that covered in there", "cpr - is that in it?")
    # (texted without the comma: "k wat bout workin at hieghts is dat in it"; or "first aid, does it cover that")
    re.compile(r"^\s*(?:(?:and|so|ok|okay|also|but|what about|how about)[\s,]+){0,2}(?P<topic>[a-z][\w &/-]{1,40}?)"
               r"(?:\s*[,?-]+\s*|\s+)(?:(?:is|are) (?:that|it|those|they) (?:covered|taught|included|"
               r"part of (?:it|that|this|them)|in (?:it|there|that))|(?:does|do|will|would) (?:it|they|that|this)"
               r"(?: one| course| program)? (?:cover|include|teach|have) (?:that|it|those|them))"
               r"(?: in (?:it|there|that|this)(?: one| course| program)?)?(?: too| as well)?\s*[?!.]*$"),
    # (also after a remark: "weekends suit me fine. is working at heights part of it?")
    # ("is there anything about ladders in it": what the thing is about)
    # (or a second ask: "how long is the construction one and is first aid part of it")
    re.compile(r"(?:^|[.!?;,]\s|\s(?=(?:and|but|also|plus) (?:is|are) ))\s*(?:(?:and|so|ok|okay|but|also|plus)[\s,]+)?"
               r"(?:(?:is|are) )?(?:there )?(?:any |some )?"
               r"(?:(?:anything|something|stuff|much) (?:about|on) )?"
               # (a question's own first words are no topic: the search goes on to the ask after them)
               r"(?!(?:how|what|when|where|why|who|is|are|it|do|does|can|will)\b)"
               r"(?P<topic>[a-z][\w &/-]{1,40}?) (?:in|part of|included in|covered in|taught in|inside) "
               r"(?:it|this|that|there|the (?:[\w-]+ ){1,2}one)(?: one| course| program)?(?:,? (?:too|as well|also))?"
               # ("is first aid part of that or do i need it on its own")
               r"\s*(?:[?!.]*$|,? or (?:is|are|do|does|would|should|will|can|i)\b)"),
)
# A word for a side of a thing, not the thing ("the safety side", "the first aid part", "the ladder stuff").
_SKILL_HEAD = re.compile(r"\s+(?:side|sides|part|parts|stuff|bit|bits|aspect|aspects|end|things)$")
# Words that are no subject ("what's in it", "anything in it", "is it in person").
_NOT_SKILL = frozenset({"what", "what's", "whats", "anything", "everything", "something", "it", "that", "this", "more",
                        "much", "many", "there", "stuff", "a lot", "lot", "lots", "else", "parts", "modules", "who",
                        "then", "how many", "what else", "else in",
                        # the asking's own words ("courses in IT", "a job in IT"): a search, no skill
                        "course", "courses", "program", "programs", "class", "classes", "training", "job", "jobs",
                        "work", "options", "things", "ones", "micro-credentials", "microcredentials"})  # fmt: skip
# "what do they teach in it": no subject named; "my brother wants something in IT": a person and a field, no skill;
# "what trades stuff do they have for him": whom it is for, no skill
_NOT_SKILL_START = re.compile(r"(it|what|how|who|when|where|why|will|would|do|does|did|can|could|should|i|you|we|for|"
                              r"in|on|from|there|my|his|her|he|she|they|someone|somebody|something|anything|"
                              # a time ("end up with once ur finished"): when, not what is taught
                              r"once|after|afterwards|by the end|at the end)\b")


# A service for the learner, not a thing taught ("do they have daycare for students", "is there an elevator in it"):
# a detail no record gives (the "unpublished" answer), never "my sources don't list daycare" among its skills.
_SERVICE_TOPIC = re.compile(r"\b(child ?care|day ?care|babysit\w*|accessib\w*|accommodations?|elevators?|ramps?|"
                            r"parking|lunch(es)?|meals?|food|snacks?|coffee)\b")
# whether each could match at all (run with the reader's other patterns in one pass over a LoweredText)
_SKILL_ASKED_FOUND = tuple(lowered(re.compile(p.pattern, p.flags | re.I)) for p in _SKILL_ASKED)


def asked_skill(text: str, low: str | None = None) -> str | None:
    """The one thing ``text`` asks whether a credential teaches ("first aid in it?" -> "first aid"), else None;
    never a fact of its own ("does it include a certificate" asks about the credential it gives). ``low``: ``text``
    lowered, when the caller has it."""
    lower = text.lower() if low is None else low
    for gate, pattern in zip(_SKILL_ASKED_FOUND, _SKILL_ASKED, strict=True):
        m = pattern.search(lower) if gate.found(text, lower) else None
        if m is None:
            continue
        topic = re.sub(r"^(?:the|any|some|a|an|how to)\s+", "", m["topic"].strip())  # "how to lift safely"
        if topic and topic not in _NOT_SKILL and not _NOT_SKILL_START.match(topic) and \
                detect_attribute(topic) is None and not _SERVICE_TOPIC.search(topic):
            topic = _SKILL_HEAD.sub("", topic) or topic  # "the safety side": safety
            example = m.groupdict().get("example")
            return f"{topic}, {example}" if example and detect_attribute(example) is None else topic
    return None


def _one_slip(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with one letter wrong, missing, added or two swapped ("hieghts", "heigts")."""
    if abs(len(typed) - len(word)) > 1 or typed[0] != word[0]:
        return False
    start = next((i for i, (a, b) in enumerate(zip(typed, word, strict=False)) if a != b), min(len(typed), len(word)))
    a, b = typed[start:], word[start:]
    return a[1:] == b[1:] or a[1:] == b or a == b[1:] or (a[:2] == b[1::-1] and a[2:] == b[2:])


def _holds(listed: str, word: str) -> bool:
    """Whether ``listed`` holds ``word`` as a word's start, or (5 letters or more) as a word typed with one slip."""
    low = listed.lower()
    if re.search(rf"\b{re.escape(word)}", low):
        return True
    return len(word) >= 5 and any(_one_slip(word, w) or _one_slip(word, w.rstrip("s"))
                                  for w in re.findall(r"[a-z]+", low))


def _listing(words: list[str], listed: list[str]) -> list[str]:
    """The skills and parts of ``listed`` that hold every one of ``words`` (each as a word's start, or misspelt by
    one letter: "workin at hieghts" is Working at Heights)."""
    return [x for x in listed if words and all(_holds(x, w) for w in words)]


def _words(text: str) -> list[str]:
    return [w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 1]


def _nearest_listed(piece: str, listed: list[str], kb: KnowledgeBase) -> list[str]:
    """What ``listed`` names for a thing described in other words ("being up high", "ladders"): the listed skills
    and parts that the knowledge base's synonyms of the words in ``piece`` expand to (Working at Heights)."""
    near: list[str] = []
    for entry in kb.synonyms:
        if not entry.expands_to:
            continue
        where = piece if entry.case_sensitive else piece.lower()
        if any(re.search(rf"\b{re.escape(t if entry.case_sensitive else t.lower())}\b", where) for t in entry.terms):
            near.extend(n for words in entry.expands_to for n in _listing(_words(words), listed) if n not in near)
    return near


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """What a record lists for a thing asked whether it teaches: the skills and parts that name it (``found``), those
    nearest to the things only described (``near``, for the words ``described``), and the things it lists nothing
    for (``missing``)."""

    found: list[str]
    near: list[str]
    described: list[str]
    missing: list[str]


def match_skill(credential: Credential, kb: KnowledgeBase, skill: str) -> SkillMatch:
    """What ``credential`` lists for each thing ``skill`` names ("first aid and CPR": each)."""
    listed = [*credential.skills, *credential.modules.names]
    match = SkillMatch([], [], [], [])
    for piece in re.split(r"\s*(?:,|/|&|\band\b|\bor\b)\s*", skill):
        words = _words(piece)
        names = _listing(words, listed)
        match.found.extend(n for n in names if n not in match.found)
        if words and not names:
            if nearest := _nearest_listed(piece, listed, kb):
                match.near.extend(n for n in nearest if n not in match.near and n not in match.found)
                match.described.append(piece)
            else:
                match.missing.append(piece)
    return match


def answer_skill(credential: Credential, kb: KnowledgeBase, skill: str) -> str:
    """Whether ``credential`` teaches ``skill`` ("first aid and CPR": each): yes when a skill or part it lists names
    it; for a thing described in other words ("being up high"), what it lists that the synonyms name for them; else
    that the record does not list it (never that it is not taught: the sources may leave it out)."""
    listed = [*credential.skills, *credential.modules.names]
    match = match_skill(credential, kb, skill)
    found, near, described, missing = match.found, match.near, match.described, match.missing
    said = []
    if found:
        said.append(f"Yes: {credential.title} lists {'; '.join(found)} among what it covers.")
    if near:
        said.append(f"What {credential.title} lists nearest to {' or '.join(described)}: {'; '.join(near)}.")
    if missing or not (found or near):
        what = " or ".join(missing) or skill
        listing = f"it lists: {', '.join(listed)}" if listed else "they don't list what it teaches in detail"
        said.append(f"My sources don't list {what} for {credential.title} ({listing}), so whether it is taught isn't "
                    f"known; check with {kb.provider_name(credential.provider)}.")
    return f"{' '.join(said)} Details: {credential.url}"


# Where one ask ends and another begins: "is it free and is it online", "how long is it? can I do it evenings".
# ("the construction one at DC - how many hours total": a dash set apart by spaces, not "part-time")
_CLAUSES = re.compile(r"(?:,\s*|\s+)(?:and|also|plus|or|n|&)\s+|[?;,]\s*|\.\s+|\s+[-\u2013\u2014]+\s+")


# "free" saying which ones are meant ("the free one", "those free TD ones", "the free ontario tech ones"), searched in
# lower-cased text, only when "free" made the cost the fact asked: without it, the fact the message asks ("how do I
# apply for the free one" asks how to enrol, "how long are the free ones" the length)
# ("free TD ones at ontario tech?": opening the message, it says which ones too)
_FREE_DESCRIBES = re.compile(r"(\b(?:the|those|these|that|this|them|of)|^\s*(?:and |so |ok )?) ?free "
                             r"(?=([\w-]+ ){0,2}(ones?|td|courses?|classes|"
                             r"programs?|micro[- ]?cred\w*|stuff|options?|training|skills|badges?|transferable)\b)")


def describes_free(text: str) -> bool:
    """Whether "free" in ``text`` only says which ones are meant ("the free one", "the free TD ones")."""
    return "free " in text and _FREE_DESCRIBES.search(text.lower()) is not None


def fact_of_free_ones(text: str) -> str | None:
    """The fact ``text`` asks of the free ones it describes, read without the word that describes them."""
    return detect_attribute(_FREE_DESCRIBES.sub(r"\1 ", text.lower()))


def other_attribute(text: str, attribute: str | None) -> str | None:
    """A second fact asked in another clause of ``text`` than ``attribute`` ("is it free and is it online": the
    format besides the cost), else None. A button's payload asks one fact."""
    if attribute is None or text.startswith("/"):
        return None
    for clause in _CLAUSES.split(text):
        found = detect_attribute(clause) if clause.strip() else None
        if found == "cost" and describes_free(clause):  # ("who can take the free TD ones": not their price too)
            found = fact_of_free_ones(clause)
        if found and found != attribute and not (attribute == "partners" and found == "modules"):
            return found  # (not "which school is that part of": whose it is, no parts asked)
    return None


# A clause that asks, not tells ("how long is it", "whats the length", "is it online?"; not "saturdays are ok with me").
# ("roughly how many hours all in", "and just how long is it": a hedge or two before the question word)
_ASKING = re.compile(r"^\s*(?:(?:so|ok|okay|but|then|and|also|roughly|approximately|about|just|like|um+|uh+)[\s,]+)"
                     r"{0,3}(?:how|what|whats|what's|is|are|does|do|can|will|would|"
                     r"when|where|which)\b", re.I)


def asked_besides_skill(text: str, also: str | None) -> str | None:
    """``also`` when a clause of ``text`` asks it ("how long is it and does it cover heights": the length), None
    when it is only said ("saturdays are ok with me. is first aid part of it?" asks what it teaches alone)."""
    if also is None or also == "skills" or also not in ANSWERS:
        return None
    for clause in _CLAUSES.split(text):
        if clause.strip() and detect_attribute(clause) == also and _ASKING.search(clause):
            return also
    return None


def _stackable(c: Credential, _kb: KnowledgeBase) -> str:
    unknown = "Whether it stacks toward a bigger credential isn't published; ask them."
    if c.stackable.value == "unknown" and c.digital_credential.value == "yes":  # "what do I get": what is known
        unknown += f" What my sources do say: {c.digital_credential.note or 'it gives a digital credential.'}"
    return describe_flag(c.stackable.value, c.stackable.note, unknown=unknown)


def _award_said(c: Credential) -> str | None:
    """What the record does say one gets at the end when its digital credential is unknown: the award its parts earn
    together ("what do I get", "what will I receive at the end"), else None."""
    if c.digital_credential.value == "unknown" and c.stackable.value == "yes" and c.stackable.note:
        return c.stackable.note
    return None


def _digital(c: Credential, _kb: KnowledgeBase) -> str:
    unknown = "Whether it gives a digital credential isn't published; ask the provider."
    if award := _award_said(c):
        unknown += f" What my sources do say: {award}"
    return describe_flag(c.digital_credential.value, c.digital_credential.note, unknown=unknown)


# "can I start it now?" answered in plain words: whether it is offered now, not the card's one-word status.
_STATUS_ANSWERS = {
    "available": "It is available: my sources list it as offered now.",
    "upcoming": "It is not available yet: my sources list it as upcoming (not launched yet).",
    "under_development": "It is not available yet: my sources list it as under development (not offered yet).",
    "unknown": "Whether it is offered now isn't published in my sources.",
}


def _status(c: Credential, kb: KnowledgeBase) -> str:
    said = _STATUS_ANSWERS[c.status]
    if c.starts:  # intakes an imported catalogue lists
        return f"{said} {describe_starts(c)} Check with {kb.provider_name(c.provider)}: {c.url}"
    if c.status == "available":
        return (
            f"{said} Start dates and places left aren't published in my sources (nor a deadline to register); "
            f"check with {kb.provider_name(c.provider)}: {c.url}"
        )
    stated = launch_stated(c)
    said += f" What my sources say of when: {stated}." if stated else ""
    return f"{said} No start date is published; check with {kb.provider_name(c.provider)}: {c.url}"


# A sentence of a record not offered yet that says when it is expected ("expected to launch in the spring", "would
# share explicit offerings in the future"): only what the record says is repeated.
_LAUNCH_STATED = re.compile(r"\b(expected|launch\w*|in the (spring|summer|fall|autumn|winter|future)|coming)\b", re.I)


def launch_stated(c: Credential) -> str | None:
    """What the description of a record not offered yet says of when it comes, else None."""
    if c.status == "available":
        return None
    for sentence in description_sentences(c):
        if _LAUNCH_STATED.search(sentence):
            return sentence.strip().rstrip(".")
    return None


# A sentence of the record that states how many places there are ("1,000 free micro-credentials", "places may be
# limited"): only what the record says is repeated.
_PLACES_STATED = re.compile(r"\b\d{1,3}(,\d{3})+\b|\b\d+ (places|spots|seats)\b|\bplaces\b|\bspots\b|\bseats\b", re.I)


def places_stated(c: Credential) -> str | None:
    """What the record says about the number of places, else None."""
    for text in (c.cost.note or "", c.description, c.delivery.note or ""):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if _PLACES_STATED.search(sentence):
                return sentence.strip().removeprefix("Free: ").rstrip(".")
    return None


def _class_size(c: Credential, kb: KnowledgeBase) -> str:
    """How many people are in a class: no record gives it."""
    school = kb.provider_name(c.provider)
    return (f"How many people are in a class for {c.title} (the class size) isn't published in my sources; ask "
            f"{school}: {c.url}")  # fmt: skip


def _places(c: Credential, kb: KnowledgeBase) -> str:
    stated = places_stated(c)
    where = f"check with {kb.provider_name(c.provider)}: {c.url}"
    if stated:
        return f"My sources say: {stated}. How many places are left (whether it is full) isn't published; {where}"
    return f"How many places there are, and whether any are left, isn't published in my sources; {where}"


def _partners(c: Credential, kb: KnowledgeBase) -> str:
    """Who makes it, and what else its record says of a partner ("... all new Lakeridge Health staff ... were
    required to complete it"); when nothing, that the sources say no more (not what kind of body the partner is)."""
    if c.partners:
        sentences = description_sentences(c)
        # the first says whom it is made with, unless it says what the partner does ("free TD-sponsored ...")
        sentences = sentences if re.search(r"sponsor|provides", sentences[0]) else sentences[1:]
        said = [s for s in sentences if any(p.split()[0] in s for p in c.partners)]
        more = " ".join(said) or f"My sources say nothing more about {' or '.join(c.partners)} and their part in it."
        return f"{c.title} is from {provider_line(c, kb)}. {more}"
    return f"{c.title} is from {kb.provider_name(c.provider)}; my sources name no industry partner for it."


def _skills(c: Credential, kb: KnowledgeBase) -> str:
    """What it teaches, from the record only: its skills, its modules, and what its description says of it ("what
    is it about" of "Fundamentals of Entrepreneurship": starting and running your own business, not only a word)."""
    parts = []
    if c.skills:
        parts.append(f"It covers: {', '.join(c.skills)}.")
    if c.modules.names:
        parts.append(f"Its parts: {'; '.join(c.modules.names)}.")
    if parts and not c.modules.names and c.description:
        parts.append(f"My sources describe it as: {summary(c)}.")
    if not parts:
        school = kb.provider_name(c.provider)
        parts.append(f"What it teaches in detail isn't listed in my sources; check with {school}. "
                     f"They say: {first_sentence(c)}.")
    return " ".join(parts)


def _recognition(c: Credential, kb: KnowledgeBase) -> str:
    """Accreditation or how employers recognise it: no record says; what it gives on completion when known."""
    # worded without "it is accredited", which a reader skimming takes for the answer
    text = (f"What isn't published in my sources: its accreditation, whether it gives a licence or counts toward a "
            f"trade certification (such as a Red Seal) or an apprenticeship, and how employers would recognise it. Ask "
            f"{kb.provider_name(c.provider)}.")  # fmt: skip
    if c.digital_credential.value == "yes":
        text += f" What my sources do say: {c.digital_credential.note or 'it gives a digital credential.'}"
    return text


def _language(c: Credential, kb: KnowledgeBase) -> str:
    """The language it is taught in, or a level of English asked of the learner: no record gives either."""
    return (f"The language {c.title} is taught in, and whether it asks for a level of English (or a language test), "
            f"isn't published in my sources; ask {kb.provider_name(c.provider)}.")  # fmt: skip


def _deadline(c: Credential, kb: KnowledgeBase) -> str:
    """A time limit to finish: no record gives one; its format when known ("self-guided")."""
    return (f"A deadline to finish {c.title} isn't published in my sources; ask {kb.provider_name(c.provider)}. "
            f"Format: {describe_delivery(c)}.")  # fmt: skip


def _onsite(c: Credential, kb: KnowledgeBase) -> str:
    """Delivery at an employer's site or as custom training: no record says; its format when known."""
    school = kb.provider_name(c.provider)
    return (f"Whether {school} can run {c.title} on-site or as custom training for an employer isn't published in my "
            f"sources; ask {school} directly: {c.url} . Format my sources give: {describe_delivery(c)}.")  # fmt: skip


def _find_out(c: Credential, kb: KnowledgeBase) -> str:
    """How to learn what the sources don't say: the school itself, on the record's page."""
    school = kb.provider_name(c.provider)
    return (f"The school is the one to ask: contact {school} directly through its page, {c.url} , about what my "
            "sources don't give (dates, prices, places left).")  # fmt: skip


def _unpublished(c: Credential, kb: KnowledgeBase) -> str:
    """A detail no record gives (a discount, a refund, pass rates, exams, instructors, books...): plainly not published,
    and where to check."""
    school = kb.provider_name(c.provider)
    return (f"I don't know that: it isn't published in my sources for {c.title} (my sources don't say). Check its "
            f"page, {c.url} , or ask {school} directly.")  # fmt: skip


def _cost_given(c: Credential, _kb: KnowledgeBase) -> str:
    return "" if c.cost.kind == "unknown" else f"Cost: {describe_cost(c)}."


def _format_given(c: Credential, _kb: KnowledgeBase) -> str:
    said = describe_delivery(c)
    return "" if said.startswith("Not published") else f"Format: {said}."


def _load_given(c: Credential, kb: KnowledgeBase) -> str:
    length = describe_duration(c)
    parts = ("" if length.startswith("Not published") else f"Length: {length}.", _format_given(c, kb))
    return " ".join(p for p in parts if p)


# The detail an "unpublished" question names, said back in the answer ("Who teaches it isn't published ..."), and the
# fact the record does give beside it (who makes it, its cost, its format and length). The first row found decides;
# none: the plain "I don't know that" answer. Read only when that answer is given (the action has the message).
_DETAILS: tuple[tuple[LowerPattern, str, Answer | None], ...] = tuple(
    (lowered(re.compile(pattern, re.I)), label, given)
    for pattern, label, given in (
        (r"\b(teach\w*|taught|instruct\w*|profs?|professors?|facilitators?|trainers?|tutors?)\b",
         "Who teaches it (the instructors)", lambda c, kb: provider_line(c, kb)),
        (r"\b(deposits?|down ?payments?|money down|instal+ments?|payment plans?|pay\w*)\b",
         "A deposit, a payment plan or paying in instalments", _cost_given),
        (r"\b(refund\w*|back|drop(ping)? out|withdraw\w*|cancel\w*)\b", "A refund if you withdraw", _cost_given),
        (r"\bdiscount", "A discount", _cost_given),
        (r"\b(accessib\w*|accommodations?|wheel ?chairs?|elevators?|ramps?|disab\w*|adhd|dyslexi\w*|deaf|hearing|"
         r"impaired|blind)\b",
         "Accessibility and support for a disability (accommodations)", _format_given),
        (r"\b(child ?care|day ?care|babysit\w*|kids?|child|children|baby)\b", "Child care", _format_given),
        (r"\b(placements?|internships?|co-?op|practicums?|work experience)\b",
         "A work placement, co-op or internship", lambda c, _kb: ""),
        (r"\b(exams?|tests?|quiz\w*|homework|assignments?|pass\w*|fail\w*|hard|easy|difficult|tough)\b",
         "How hard it is, how it is assessed (tests, exams, homework) and how many pass", _load_given),
        (r"\b(books?|boots|steel[- ]?toe\w*|tools?|uniforms?|scrubs|hard ?hats?|gear|laptops?|computers?|software)\b",
         "What to bring or buy (books, clothing, tools, a computer)", _cost_given),
        (r"\b(where|held|campus\w*|locat\w*|building|parking|bus|transit|go (to|for))\b",
         "Where it is held (campus, building, parking, transit)", _format_given),
    )
)


def detail_named(asked: str) -> tuple[str, Answer | None] | None:
    """The label of the unpublished detail ``asked`` names, and the fact a record gives beside it, else None."""
    low = asked.lower()
    return next(((label, given) for pattern, label, given in _DETAILS if pattern.found(asked, low)), None)


def answer_unpublished(c: Credential, kb: KnowledgeBase, asked: str) -> str:
    """The detail ``asked`` names, plainly not published, where to check, and what the record does give."""
    named = detail_named(asked)
    if named is None:
        return _unpublished(c, kb)
    label, given = named
    school = kb.provider_name(c.provider)
    said = given(c, kb) if given else ""
    besides = f" What my sources do give: {said}" if said else ""
    return (f"{label}: that isn't published in my sources for {c.title}. Check its page, {c.url} , or ask {school} "
            f"directly.{besides}")  # fmt: skip


def _register_page(c: Credential, kb: KnowledgeBase) -> str:
    """Where to check and register, naming the record and its school: "how do I sign up for the one about masks and
    gowns" may be the first time it is shown (and a school's page may serve many records)."""
    school = kb.provider_name(c.provider)
    return f"For {c.title} ({school}), here is the page to check details and how to register: {c.url}"


def _equipment(c: Credential, kb: KnowledgeBase) -> str:
    """What to bring or buy (tools, boots, books, a computer): no record gives it."""
    school = kb.provider_name(c.provider)
    return (f"Whether you need your own tools, boots, computer, software or other equipment for {c.title}, or whether "
            f"they are provided, isn't published in my sources; check with {school}: {c.url}")  # fmt: skip


ANSWERS: dict[str, Answer] = {
    "unpublished": _unpublished,
    "claim": lambda c, kb: answer_claim(c, kb, ""),  # (answer_about gives it the question)
    "equipment": _equipment,
    "find_out": _find_out,
    "recognition": _recognition,
    "onsite": _onsite,
    "deadline": _deadline,
    "language": _language,
    "class_size": _class_size,
    "places": _places,
    "skills": _skills,
    "partners": _partners,
    "cost": answer_cost,
    "modules": lambda c, _kb: describe_modules(c),
    "duration": lambda c, _kb: f"Length: {describe_duration(c)}.",
    "delivery": lambda c, _kb: f"Format: {describe_delivery(c)}. {c.delivery.note or ''}".strip(),
    "status": _status,
    "audience": describe_audience,
    "stackable": _stackable,
    "digital": _digital,
    # (the record named: "how do I sign up for the one about masks and gowns" may be its first mention)
    "link": lambda c, kb: _register_page(c, kb),
    "enrol": lambda c, kb: _register_page(c, kb),
}


# One fact in a few words, for comparing several credentials ("Length: not published for all 3").
FACTS: dict[str, Answer] = {
    "find_out": lambda c, kb: f"contact {kb.provider_name(c.provider)} directly through its page ({c.url})",
    "recognition": lambda _c, _kb: "Not published",
    "onsite": lambda _c, _kb: "Not published",
    "deadline": lambda _c, _kb: "Not published",
    "language": lambda _c, _kb: "Not published",
    "class_size": lambda _c, _kb: "Not published",
    "unpublished": lambda _c, _kb: "Not published",
    "equipment": lambda _c, _kb: "Not published",
    "places": lambda c, _kb: places_stated(c) or "Not published",
    "enrol": lambda c, _kb: f"register directly with {_kb.provider_name(c.provider)} on its page ({c.url})",
    "skills": lambda c, _kb: ", ".join(c.skills) or "Not published",
    "cost": lambda c, _kb: describe_cost(c),
    "duration": lambda c, _kb: describe_duration(c),
    # (with their names when the record lists them all: "what are the parts of it" of two shown)
    "modules": lambda c, _kb: (f"{c.modules.count} modules" + (f" ({'; '.join(c.modules.names)})" if len(
        c.modules.names) == c.modules.count else "")) if c.modules.count else "Not published",
    "delivery": lambda c, _kb: describe_delivery(c),
    "status": lambda c, _kb: " – ".join(p for p in (plain_status(c), launch_stated(c)) if p),
    "partners": lambda c, kb: provider_line(c, kb),
    "audience": lambda c, _kb: c.audience or "Not published",
    "stackable": lambda c, _kb: " – ".join(p for p in (c.stackable.value.replace("_", " ").capitalize(),
                                                        c.stackable.note) if p),
    "digital": lambda c, _kb: c.digital_credential.value.replace("_", " ").capitalize(),
}
# Where the records differ, each one's own words besides the short fact: "do Trent's give a badge?" is answered
# with "Yes – Learners earn digital badges as they complete the modules", not a bare "Yes".
EACH: dict[str, Answer] = {
    # ("what will I receive at the end": what the record does say of it, an award its parts earn together)
    "digital": lambda c, _kb: " – ".join(p for p in (FACTS["digital"](c, _kb), c.digital_credential.note) if p) + (
        f" – what my sources do say: {award}" if (award := _award_said(c)) else ""),
}
LABELS = {"skills": "What it covers", "cost": "Cost", "duration": "Length", "modules": "Modules",
          "delivery": "Format", "status": "Status",
          "partners": "Made by", "audience": "Who can enrol", "stackable": "Stacks toward more",
          "digital": "Digital credential", "places": "Places", "class_size": "Class size",
          "unpublished": "That detail", "claim": "What my sources say of that",
          "equipment": "Tools and equipment to bring", "enrol": "How to enrol",
          "find_out": "How to find out", "recognition": "Accreditation or recognition by employers",
          "deadline": "A deadline to finish", "language": "Language and level of English",
          "onsite": "On-site or custom delivery for an employer"}  # fmt: skip


def module_named(credential: Credential, part: str) -> str | None:
    """The one module of ``credential`` whose name has the words of ``part`` ("tools" -> "Using Construction Tools
    (84 h)"), else None."""
    words = [w.rstrip("s") for w in re.findall(r"[a-z]+", part.lower()) if len(w) > 2]
    if not words:
        return None
    found = [m for m in credential.modules.names if all(re.search(rf"\b{re.escape(w)}", m.lower()) for w in words)]
    return found[0] if len(found) == 1 else None


# "the tools one", "the safety one": a part named the way a credential is ("the X one"), read as a part only when
# the credential in focus has exactly one module with those words and its own title does not have them ("the jobsite
# one" is Construction Jobsite Readiness, not its part Construction Jobsite Safety: a part is "the jobsite part").
_PART_ONE = re.compile(r"\b(?:the|that|this) ([a-z-]+) one\b", re.I)


def part_named(credential: Credential, text: str) -> str | None:
    """The word of ``text`` that names one module of ``credential`` as "the X one", else None."""
    for m in _PART_ONE.finditer(text):
        word = m.group(1).lower()
        in_title = re.search(rf"\b{re.escape(word.rstrip('s'))}", credential.title.lower())
        if module_named(credential, word) and not in_title:
            return word
    return None


def names_part(credential: Credential, words: str) -> bool:
    """Whether ``words`` ("stairs and railings") name one part of ``credential``: one module by its words, or a piece
    its schedule or length note names; never words of its own title ("and construction?" is the whole, or a search)."""
    found = [w.rstrip("s") for w in re.findall(r"[a-z]+", words.lower()) if len(w) > 2]
    title = credential.title.lower()
    if not found or all(re.search(rf"\b{re.escape(w)}", title) for w in found):
        return False
    notes = " ".join(n for n in (credential.delivery.note, credential.duration.text) if n).lower()
    if module_named(credential, words) is not None or all(re.search(rf"\b{re.escape(w)}", notes) for w in found):
        return True
    # "the working at heights part": a skill the record lists (which module teaches it is not published)
    return any(all(re.search(rf"\b{re.escape(w)}", skill.lower()) for w in found) for skill in credential.skills)


# One item of a list a note gives in parentheses, with its count and perhaps its unit: "Walls and Floors 3 weekends",
# "Stairs and Railings 2" (the unit said once, on the first).
_COUNTED_ITEM = re.compile(r"^\s*([A-Za-z][A-Za-z ,&'-]*?)\s+(\d+(?:\.\d+)?)(?:\s+([a-z]+))?\s*$")


def _count_of_part(note: str, words: list[str]) -> str | None:
    """The count a note's list gives for the item ``words`` name, with the list's unit ("Stairs and Railings: 2
    weekends" from "(Walls and Floors 3 weekends; Stairs and Railings 2; ...)"), else None."""
    for listed in re.findall(r"\(([^()]*;[^()]*)\)", note):
        items = [m for piece in listed.split(";") if (m := _COUNTED_ITEM.match(piece))]
        unit = next((m[3] for m in items if m[3]), None)
        for m in items:
            if unit and all(re.search(rf"\b{re.escape(w)}", m[1].lower()) for w in words):
                return f"{m[1]}: {m[2]} {m[3] or unit}"
    return None


def answer_part(credential: Credential, part: str, attribute: str | None = None) -> str:
    """One part of a credential ("how long is the tools part"): its module as the record names it (with its hours
    when stated), else the parts the record lists. What a part teaches: the skills the record lists for the whole
    credential, said to be for the whole (which part teaches which is not published)."""
    names = "; ".join(credential.modules.names)
    module = module_named(credential, part)
    words = [w.rstrip("s") for w in re.findall(r"[a-z]+", part.lower()) if len(w) > 2]
    # ("how long is the walls and floors part" reads as a question about parts: "modules")
    asked = attribute in (None, "duration", "delivery", "modules")
    notes = (credential.delivery.note, credential.duration.text) if asked else ()
    # "walls and floors part, how many weekends": what a note says of it (of a module too, when its schedule is asked)
    for note in notes if module is None or attribute == "delivery" else ():
        if note and words and all(re.search(rf"\b{re.escape(w)}", note.lower()) for w in words):
            # a length asked: the hours the record gives are per part, so those come too
            hours = f" Its parts: {names}." if names and attribute in ("duration", "modules") else ""
            if counted := _count_of_part(note, words):  # "Stairs and Railings: 2 weekends", then the note
                return (f"{credential.title}: {counted}. About the {part} part, my sources say: {note}{hours} Check: "
                        f"{credential.url}")  # fmt: skip
            return f"{credential.title}: about the {part} part, my sources say: {note}{hours} Check: {credential.url}"
    if module and attribute == "skills" and credential.skills:
        return (f"{credential.title}: the {part} part is {module}. My sources list these skills for the whole of "
                f"{credential.title}, not part by part: {', '.join(credential.skills)}. Which part teaches each isn't "
                f"published separately; check: {credential.url}")  # fmt: skip
    if module:
        return (f"{credential.title}: the {part} part is {module}. Its parts: {names}. What each part covers in detail "
                f"isn't published separately; check: {credential.url}")  # fmt: skip
    skill = next((s for s in credential.skills if words and all(re.search(rf"\b{re.escape(w)}", s.lower())
                                                                    for w in words)), None)
    if skill:  # "the working at heights part": a skill the record lists for the whole, not a part of its own
        parts = f" Its parts: {names}." if names else ""
        return (f"{credential.title} lists {skill} among the skills it teaches: {', '.join(credential.skills)}.{parts} "
                f"Which part teaches each isn't published separately; check: {credential.url}")  # fmt: skip
    if names:
        return (f"I don't know of a part called \"{part}\" in {credential.title}. Its parts: {names}. "
                f"Check: {credential.url}")  # fmt: skip
    return (f"My sources don't list the parts of {credential.title}, so I don't know about the {part} part; check: "
            f"{credential.url}")  # fmt: skip


# A second fact the first answer already covers, or that its words only seemed to ask: "is it accredited or just a
# certificate" (the recognition answer says what it gives), "a deadline to finish? I might have bad weeks".
_ANSWERED_WITH = {"recognition": ("digital", "stackable"), "deadline": ("duration", "delivery")}


def answer_about(
    credential: Credential, kb: KnowledgeBase, attribute: str | None, *, stale_days: int = STALE_DAYS,
    part: str | None = None, also: str | None = None, asked: str = "",
) -> str:
    """The reply for one credential: one fact when asked, else an overview. Always ends with the link; a fact read
    more than ``stale_days`` ago says how old it is. A ``part`` named ("the tools part") answers for that module."""
    if part and attribute in (None, "modules", "duration", "skills", "delivery"):
        return answer_part(credential, part, attribute)
    if attribute is None or attribute not in ANSWERS:
        return _dated(overview(credential, kb), credential, kb, None, stale_days)
    if attribute == "modules" and not credential.modules.count and (bundle := _bundle_of([credential], kb)):
        # "how many skills like that do they have" of one TD skill: its bundle's count (24), not "not published"
        return f"{credential.title} is one of {bundle.title}. {describe_modules(bundle)} Check: {bundle.url}"
    def answer(fact: str) -> str:  # an unpublished detail says which ("Child care: that isn't published ...")
        if fact == "claim":  # "is it true staff had to take it": the record's own sentences on it, quoted
            return answer_claim(credential, kb, asked)
        if fact == "audience":  # ("my son is 17 ... would they take him": the school's rule on age and schooling too)
            return audience_answer(credential, kb, asked)
        return answer_unpublished(credential, kb, asked) if fact == "unpublished" else ANSWERS[fact](credential, kb)

    text = answer(attribute)
    if also in ANSWERS and also != attribute and also not in _ANSWERED_WITH.get(attribute, ()):
        text = f"{text} {answer(also)}"
    if credential.status not in ("available", "unknown") and attribute != "status":
        text = f"{credential.title} is {describe_status(credential).lower()}. {text}"
    if str(credential.url) not in text:
        text = f"{credential.title}: {text} Check: {credential.url}"
    elif credential.title not in text:  # ("when does the next cannabis course start": which one the answer is of)
        text = f"{credential.title}: {text}"
    return _dated(text, credential, kb, attribute, stale_days) if attribute in FIELDS else text


def _dated(text: str, credential: Credential, kb: KnowledgeBase, attribute: str | None, stale_days: int) -> str:
    """The answer with its age when old ("As of March 2026: ...") and the data licence of imported facts."""
    parts = (text, freshness_note(credential, kb, attribute, stale_days=stale_days), attribution(credential, kb))
    return " ".join(part for part in parts if part)


def answer_all(
    credentials: list[Credential], kb: KnowledgeBase, attribute: str, also: str | None = None, *, asked: str = ""
) -> tuple[str, bool]:
    """One fact about several credentials (and a second one asked with it): one answer when they all share it,
    else each one's answer. The flag says whether the answers differ (the person is then asked which one).
    ``asked``: the question, which names the unpublished detail asked ("is there a payment plan")."""
    text, differ = _answer_all_one(credentials, kb, attribute)
    if attribute == "unpublished" and (named := detail_named(asked)):  # "Child care: not published for any of..."
        label, given = named
        text = text.replace(LABELS[attribute], label, 1)
        said = {given(c, kb) for c in credentials} if given else set()
        if len(said) == 1 and (fact := said.pop()):  # "... What my sources do give: Cost: Free" (the same for all)
            text += f" What my sources do give, for all of them: {fact}"
    if also in FACTS and also != attribute and also not in _ANSWERED_WITH.get(attribute, ()):
        more, more_differ = _answer_all_one(credentials, kb, also)
        text, differ = f"{text.removesuffix(_WHICH)}\n{more}", differ or more_differ
    return text, differ


_WHICH = "\nWhich one do you mean? Check with the school for dates and details."
# "I'd need it to be self paced", "can I go at my own pace with any of these": a self-guided plan asked of those shown
_SELF_PACED = lowered(re.compile(r"\bself[- ]?(paced|guided|directed)\b|\bown (pace|speed)\b", re.I))


# When it runs asked ("what are the times", "could i do it at night", "any of it on saturdays", "what days is it"):
# a record whose source gives no schedule says so plainly (its format alone doesn't answer when).
_WHEN_IT_RUNS = lowered(re.compile(
    r"\b(times?|hours of|nights?|nite|evenings?|weekends?|saturdays?|sundays?|(what|which) days|schedule[ds]?|"
    r"mornings?|afternoons?|daytime|during the day|fit|shifts?|9 ?(to|-) ?5|nine to five)\b",
    re.I,
))


def times_note(credential: Credential, kb: KnowledgeBase, asked: str) -> str:
    """That the days and times of ``credential`` aren't published, when they are asked and its record lists no
    schedule ("" otherwise)."""
    if credential.delivery.schedule or not _WHEN_IT_RUNS.found(asked):
        return ""
    return (f" Its days and times (evenings, weekends) aren't published in my sources; check with "
            f"{kb.provider_name(credential.provider)} on its page.")


def self_paced_note(credentials: list[Credential], kb: KnowledgeBase) -> str:
    """Whether any of ``credentials`` is listed as self-guided (self-paced), else which records are ("" when none)."""
    if any(Schedule.SELF_PACED in c.delivery.schedule for c in credentials):
        return ""
    guided = [c.title for c in kb.credentials if Schedule.SELF_PACED in c.delivery.schedule and c.kind != "bundle"]
    if not guided:
        return "\nNone of these is listed as self-paced in my sources; ask the school."
    return ("\nNone of these is listed as self-paced in my sources. The ones listed as self-guided (done at your own "
            f"pace) are: {'; '.join(guided)}.")


# "are any of those free", "do any of them cost nothing": whether those shown are free asked.
_FREE_ASKED = re.compile(r"\b(free|cost nothing|no cost|without paying)\b", re.I)


def free_note(credentials: list[Credential], kb: KnowledgeBase) -> str:
    """When none of ``credentials`` is listed as free: that plainly, and which records are ("" when one is)."""
    if any(c.cost.kind == "free" for c in credentials):
        return ""
    free = [c for c in kb.credentials if c.cost.kind == "free"]
    if not free:
        return "\nNone of these is listed as free in my sources."
    # the free records' umbrella (the TD bundle) stands for its parts
    bundles = [c for c in free if c.kind == "bundle"] or free
    named = "; ".join(f"{c.title} ({kb.provider_name(c.provider)})" for c in bundles[:3])
    return f"\nNone of these is listed as free in my sources. The ones listed as free are: {named}."


# Which parts of one ("which parts of that are on weekends", "what modules of it run at night").
_PARTS_OF_IT = lowered(re.compile(
    r"\b(which|what) (of (the|its|those) )?((two|three|four|2|3|4) )?(parts?|modules?|bits?|sections?|pieces?|units?)"
    r"( of (it|that|this))?\b", re.I))


def _bundle_of(credentials: list[Credential], kb: KnowledgeBase) -> Credential | None:
    """The one bundle with a stated number of parts that all of ``credentials`` belong to (or are), else None:
    "how many are there" after three of the TD skills is answered by the TD bundle's 24."""
    ids = {c.id if c.kind == "bundle" else c.is_part_of for c in credentials}
    bundle = kb.credential(str(ids.pop())) if len(ids) == 1 and None not in ids else None
    return bundle if bundle is not None and bundle.modules.count else None


def _answer_all_one(credentials: list[Credential], kb: KnowledgeBase, attribute: str) -> tuple[str, bool]:
    if attribute == "modules" and (bundle := _bundle_of(credentials, kb)):
        return f"They are part of {bundle.title}. {describe_modules(bundle)} Check: {bundle.url}", False
    facts = [FACTS[attribute](c, kb) for c in credentials]
    if attribute == "enrol" and len(schools := {(c.provider, c.url) for c in credentials}) == 1:
        # "who do i sign up with" after three of one school's records on one page: that school, once
        provider, url = schools.pop()
        school = kb.provider_name(provider)
        return (f"All {len(credentials)} of these are at {school}. To enrol, register directly with {school} on its "
                f"page ({url}); check dates and price there."), False
    if attribute == "enrol":  # each has its own page
        pages = "\n".join(f"- {c.title}: {fact}" for c, fact in zip(credentials, facts, strict=True))
        return f"To enrol, register directly with the school on each one's page:\n{pages}", False
    label = LABELS[attribute]
    each = EACH.get(attribute)
    said = {each(c, kb) for c in credentials} if each else set()
    # (the same "Yes" in each one's own words, "digital badges as you complete the modules": each, below)
    if len(set(facts)) == 1 and len(said) <= 1:
        fact = facts[0]
        if fact.startswith("Not published"):
            return (f"{label}: not published for any of these {len(facts)} in my sources; check with the school "
                    "(each link has its page)."), False  # fmt: skip
        if len(said) == 1 and (words := said.pop()) != fact:  # "Yes – ... can be added to LinkedIn": the record's words
            note = words.removeprefix(fact).lstrip(" –")
            return f"{label}: {fact} for all {len(facts)} of these – {note} Check with the school for details.", False
        # "why are those free": what the records say of it (who sponsors them, places limited), once
        # (a bundle's note first: it names the sponsor; its parts' notes point back at it)
        noted = sorted(credentials, key=lambda c: c.kind != "bundle")
        notes = [c.cost.note for c in noted if attribute == "cost" and c.cost.kind != "unknown" and c.cost.note]
        note = notes[0].removeprefix(f"{fact}: ") if notes else ""
        why = f" From my sources: {note}" if note else ""
        if attribute == "places":
            why += " How many places are left isn't published in my sources."
        if attribute == "status" and all(c.status == "available" and not c.starts for c in credentials):
            # "do any of them start in january", "what's the deadline to apply": offered now says nothing of when
            why += " Start dates and places left aren't published in my sources (nor a deadline to register)."
        return f"{label}: {fact} for all {len(facts)} of these.{why} Check with the school for dates and places.", False
    lines = [f"- {c.title}: {each(c, kb) if each else fact}" for c, fact in zip(credentials, facts, strict=True)]
    # what the records state of places is a total, never how many are still free
    left = "\nHow many places are left isn't published in my sources." if attribute == "places" else ""
    return f"{label}, for each one:\n" + "\n".join(lines) + left + _WHICH, True


def details_buttons(credential: Credential) -> list[dict[str, str]]:
    buttons = [{"title": "Is it free?", "payload": '/credential_details{"attribute":"cost"}'}]
    if credential.modules.count or credential.kind == "bundle":
        buttons.append({"title": "Modules", "payload": '/credential_details{"attribute":"modules"}'})
    buttons += [
        {"title": "How to enrol", "payload": "/enrolment"},
        {"title": "Talk to someone", "payload": "/human_handoff"},
    ]
    return buttons


# The difference asked, then another question ("what's the diff between ... and ..., and when do they start"): the
# comparison is asked for itself, the fact besides it (not "which is longer": a comparison of that one fact).
_DIFFERENCE_THEN = re.compile(r"\b(diff|difference|differences|different|compare|comparison)\b[^?]*[,?]\s*"
                              r"(and|also|plus|n)\b", re.I)


class ActionCredentialDetails(AdvisorAction):
    def name(self) -> str:
        return "action_credential_details"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        kb = self.deps.kb
        message = tracker.latest_message or {}
        text = str(message.get("text") or "")
        entities = {e.get("entity"): e.get("value") for e in message.get("entities") or []}
        last_results = [str(i) for i in tracker.get_slot("last_results") or []]
        # ("the free TD ones, what are they" asks what they are: "free" is what was heard of them, no fact asked)
        attribute = entities.get("attribute") or (None if entities.get("describe") else detect_attribute(text))
        attribute = attribute if isinstance(attribute, str) else None
        several = [c for c in (kb.credential(str(i)) for i in entities.get("credential_ids") or []) if c]
        part = entities.get("part")
        part = part if isinstance(part, str) else None
        if part and len(several) > 1:  # "the safety part" of one of those shown: the one that has it
            several = [c for c in several if module_named(c, part)][:1] or several[:1]
            entities["credential_id"] = several[0].id
        # "is it free and is it online": both facts (the advisor reads the second from the message it read once)
        also = entities["also_attribute"] if "also_attribute" in entities else other_attribute(text, attribute)
        also = also if isinstance(also, str) else None
        skill_asked = entities.get("skill")
        if len(several) > 1 and attribute == "skills" and isinstance(skill_asked, str) and skill_asked:
            # "does it cover being up high" with a few shown: the one that lists it, when only one does
            listing = [c for c in several if (m := match_skill(c, kb, skill_asked)).found or m.near]
            if len(listing) == 1:
                several = listing
                entities["credential_id"] = listing[0].id
        if len(several) > 1 and attribute in FACTS and _PARTS_OF_IT.found(text):
            # "which parts of that are on weekends": of the one shown that has parts (its note names them)
            parted = [c for c in several if c.modules.names]
            if len(parted) == 1:
                several = parted
                entities["credential_id"] = parted[0].id
        if len(several) > 1 and attribute in FACTS and entities.get("compare") and not entities.get("attribute") and (
            _DIFFERENCE_THEN.search(text)
        ):
            # "what's the diff between the feeding one and the infection control one, and when do they start": the
            # two side by side, then the fact asked besides (read from the text: no attribute was given)
            compared = self._compare(dispatcher, kb, side_by_side(several, kb), several)
            text_fact, _ = answer_all(several, kb, attribute, also, asked=text)
            dispatcher.utter_message(text=text_fact)
            return compared
        if len(several) > 1 and attribute in FACTS:
            return self._answer_all(dispatcher, kb, several, attribute, also, asked=text)
        if several and attribute is None and entities.get("describe") and several[0].kind != "single":
            several = several[:1]  # "the TD ones, what are they": their umbrella record says what they are
            entities["credential_id"] = several[0].id
        compare = entities.get("compare") or entities.get("describe")  # "what are the Lakeridge ones": each of them
        if len(several) > 1 and attribute is None and compare:  # "the first and second: difference?"
            return self._compare(dispatcher, kb, side_by_side(several, kb), several)
        by, values = entities.get("compare_by"), entities.get("compare_values")
        if entities.get("compare") and by in ("provider", "area") and isinstance(values, list):
            # "the health offerings at Durham College and those at Ontario Tech": each school's (or area's) records
            shown_ids = last_results or [str(tracker.get_slot("focus") or "")]
            shown = [c for c in (kb.credential(i) for i in shown_ids if i) if c]
            area, provider, areas = entities.get("area"), entities.get("provider"), entities.get("areas")
            text, cards = compare_named(kb, str(by), [str(v) for v in values], shown=shown,
                                        area=str(area) if area else None, provider=str(provider) if provider else None,
                                        areas=[str(a) for a in areas] if isinstance(areas, list) else None)
            return self._compare(dispatcher, kb, text, cards)
        target = entities.get("credential_id") or resolve_reference(text, last_results, kb)
        target = target or tracker.get_slot("focus")
        credential = kb.credential(str(target)) if target else None
        if credential is None and target:  # shown before the knowledge was reloaded, gone from it since
            dispatcher.utter_message(text=NO_LONGER_LISTED)
            return [SlotSet("focus", None)]
        if credential is None:
            if last_results and attribute in FACTS:
                shown = [c for c in (kb.credential(i) for i in last_results) if c]
                if shown:
                    return self._answer_all(dispatcher, kb, shown, attribute, also, asked=text)
            return self._ask_which(dispatcher, kb, last_results)
        part = part or part_named(credential, text)  # "and the tools one, how long?"
        named_by = _PART_ONE.search(text)
        if not entities.get("attribute") and named_by and named_by.group(1).lower() in credential.title.lower():
            # "the online one": a word of its title names it, it asks nothing of its format
            attribute = detect_attribute(f"{text[: named_by.start()]} {text[named_by.end() :]}")
        skill = entities.get("skill") or (asked_skill(text) if attribute == "skills" else None)
        if isinstance(skill, str) and skill and not part:  # "first aid in it?": from what the record lists
            reply = answer_skill(credential, kb, skill)
            if (besides := asked_besides_skill(text, also)) is not None:  # "how long is it, does it cover heights"
                reply = f"{credential.title}: {ANSWERS[besides](credential, kb)} {reply}"
        else:
            reply = answer_about(credential, kb, attribute, stale_days=self.deps.stale_days, part=part, also=also,
                                 asked=text)
            if "audience" in (attribute, also):  # "I'm on a work permit, can I take it": the status is theirs to say
                reply += status_note(text)
            if "delivery" in (attribute, also) and not part:  # "could i do it at night": when, if the record says
                reply += times_note(credential, kb, text)
        dispatcher.utter_message(
            text=reply,
            buttons=details_buttons(credential),
            json_message={"results": [result_card(credential, kb, 1.0)]},
        )
        events: list[EventType] = [SlotSet("focus", credential.id)]
        if not tracker.get_slot("search_query"):  # "what about at Durham College?" next searches for this again
            events.append(SlotSet("search_query", credential.title))
        return events

    @staticmethod
    def _answer_all(
        dispatcher: CollectingDispatcher, kb: KnowledgeBase, credentials: list[Credential], attribute: str,
        also: str | None = None, *, asked: str = "",
    ) -> list[EventType]:
        text, differ = answer_all(credentials, kb, attribute, also, asked=asked)
        if attribute == "audience" or also == "audience":  # where a record says nothing, its school's general rule
            text += school_rules(credentials, kb) + status_note(asked)
        if attribute == "delivery" and _SELF_PACED.found(asked) and (note := self_paced_note(credentials, kb)):
            head, which, tail = text.partition(_WHICH)  # the note before "which one do you mean?"
            text = f"{head}{note}{which}{tail}"
        if attribute == "cost" and _FREE_ASKED.search(asked) and (note := free_note(credentials, kb)):
            head, which, tail = text.partition(_WHICH)
            text = f"{head}{note}{which}{tail}"
        buttons = []
        if differ:
            buttons = [
                {
                    "title": f"{c.title}: {FACTS[attribute](c, kb)}"[:64],
                    "payload": f'/credential_details{{"credential_id":"{c.id}","attribute":"{attribute}"}}',
                }
                for c in credentials
            ]
        dispatcher.utter_message(text=text, buttons=buttons)
        # those answered are now the ones "them" points at ("how do I apply to the TD ones", "is there a limit?")
        shown = [SlotSet("last_results", [c.id for c in credentials])]
        return [SlotSet("focus", None), *shown] if differ else shown

    @staticmethod
    def _compare(
        dispatcher: CollectingDispatcher, kb: KnowledgeBase, text: str, credentials: list[Credential]
    ) -> list[EventType]:
        """A comparison, with the credentials compared as the cards "the first one" then points at."""
        dispatcher.utter_message(text=text, json_message={"results": [result_card(c, kb, 1.0) for c in credentials]})
        if not credentials:
            return [SlotSet("focus", None)]
        return [SlotSet("focus", None), SlotSet("last_results", [c.id for c in credentials])]

    @staticmethod
    def _ask_which(dispatcher: CollectingDispatcher, kb: KnowledgeBase, last_results: list[str]) -> list[EventType]:
        shown = [c for c in (kb.credential(i) for i in last_results) if c is not None]
        if shown:
            dispatcher.utter_message(
                text='Which one do you mean? Pick one, or say "the first one".',
                buttons=[
                    {"title": c.title, "payload": f'/credential_details{{"credential_id":"{c.id}"}}'} for c in shown
                ],
            )
        else:
            dispatcher.utter_message(
                text="Which micro-credential do you mean? Tell me a field (like health care or trades) and I'll "
                "show you what I know, then you can ask about any of them.",
                buttons=[{"title": "Show free options", "payload": '/search_credentials{"cost":"free"}'}],
            )
        return []
