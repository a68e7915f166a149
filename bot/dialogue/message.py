"""Everything a turn reads from one message, read once at the start of the turn (Rasa: the parsed ``Message``).

``read_message`` is a pure function of the redacted text, the vocabulary the searcher uses (one typo threshold for
filters, search and intents) and the knowledge base. Later stages (intent classification, the policy, the slot
update, the action) take the ``UserMessage`` and never the raw text. Only the query vector is added later, by the
encode step, when the model is needed (``with_vector``).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING

from actions.details import asked_skill, detect_attribute
from actions.funding import asks_payer, detect_aspect, detect_program
from actions.references import (
    NameMatch,
    asks_to_compare,
    compared_positions,
    name_matches,
    ordinal_of,
    partner_records,
    pick_named,
    titled_with,
)
from bot.dialogue.intents import Recognised, is_abusive, match_rules, names_training, parse_payload, refers_back
from bot.dialogue.slots import detect_audience, is_follow_up, is_fragment
from bot.privacy import EMAIL_PLACEHOLDER, PHONE_PLACEHOLDER
from index.filters import SearchFilters
from index.patterns import LowerPattern, lowered, lowered_table
from index.query import ParsedQuery, parse_query

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from index.vocabulary import AnalysedQuery, Vocabulary
    from knowledge.schema import KnowledgeBase

# "the TD one", "that health course", "the td thing": one credential, named by a word of it
# (not "the cheapest thing in health care": the cheapest of a field, which are its free ones, not one described)
_THE_X_ONE = lowered(re.compile(r"\b(the|that|this)\s+(?!(cheapest|least expensive|lowest[- ]cost|most affordable)\b)"
                                r"(?:[\w-]+\s+){1,3}(one|course|program|thing)\b", re.I))  # fmt: skip
# "the online one", "the covid one": one word naming the credential meant (sliced: its word is read).
_THE_WORD_ONE = re.compile(r"\b(?:the|that|this)\s+([a-z][\w-]*)\s+(?:one|course|program)\b", re.I)
_RULED_OUT_BEFORE = re.compile(r"\b(not|no|but not|except|other than|instead of)\s*$", re.I)
# "and the whole thing?", "what about the entire course": the credential in focus as a whole (after one of its parts).
_WHOLE = lowered(re.compile(r"\b(the|that|this) (whole|entire|full) (thing|course|program|bundle|package|set|lot)\b|"
                            r"^\s*(and )?(in total|altogether|overall|all together)\s*[?!.]*$", re.I))  # fmt: skip
# "do I have to go in person", "would we need to be on campus": the format of the one in focus, not a search.
# "can I go at my own pace", "would I be able to do it on my own time": the same, asked of oneself.
_ATTENDANCE = lowered(re.compile(r"\b(do|will|would|must|should|does|did) (i|we|you|one) (have|need|got) to "
                                 r"(go|be|attend|show up|come|travel|sit)\b|"
                                 r"\b((can|could|may) (i|we)|(am i|are we|would i|will i) (be )?able to) (go|work|"
                                 r"study|learn|move|progress|do|take|finish|complete|get through|work through|"
                                 r"go through)( it| this| that| them)? (at (my|our) own (pace|speed)|on (my|our) own "
                                 r"(time|schedule|pace)|in (my|our) own time|whenever (i|we) (want|like|can))", re.I),
                      needles=("have to", "need to", "got to", "own ", "whenever"))  # fmt: skip
# A search that also asks a fact of what it finds: "help desk training, how long and how much".
# (or who runs it: "is there a course on donning and doffing PPE, which school runs it")
_ASKS_FACTS = lowered(re.compile(r"\bhow (much|long)\b|\bwhat('?s| is| are) the (cost|price|fees?|length)\b|"
                                 r"\b(which|what) (school|college|university|provider)s? (runs?|offers?|does|do|has|"
                                 r"have|teach(es)?|gives?|provides?) (it|this|that|them)\b", re.I))  # fmt: skip
# "what are they", "wat r those": what the records meant are (the school's, or a partner's, named before).
_WHAT_ARE_THEY = lowered(re.compile(r"\b(what|which)( ones?)? (are|r|were) (they|those|these|them)\b"
                                    r"(?! (called|like)\b)|\bwhat (are|r) the ([\w-]+ ){1,2}ones\b", re.I))  # fmt: skip
_SINGULAR = lowered(re.compile(
    r"\b(it|its|it's)\b|\b(that|this) (one|course|program|micro-?credential)\b|\b(is|does|about|for|of|with|on) "
    r"(that|this)\b|\b(that|this)\s*[?!.]*$|\bthe (course|program)\b|\bwhich one\b|"
    r"\bthe (whole|entire) (thing|course|program|bundle)\b",
    re.I,
))
_SCHOOL_THEY = re.compile(r"\b(do|did|will|would|can|could|does) they\b|\bthey (teach|give|offer|cover|charge|want|"
                          r"need|say|ask|expect)\b", re.I)  # fmt: skip
# "all three" and a bare "how many are there" point at the several shown too.
_PLURAL = lowered(re.compile(r"\b(they|them|those|these|all of them|each|any of them|both|they'?re|the ones|"
                             r"all (two|three|four|2|3|4))\b|\bhow many are there\s*[?!.]*$", re.I))
# Someone else the person asks for ("and for him", "what about my wife", "my son wants ..."): their own subject is a
# new search (not "my daughter says I should sell on Etsy": advice about the person's own search).
_PEOPLE = (r"(wife|husband|son|daughter|partner|spouse|friend|mom|mother|dad|father|brother|sister|kids?|"
           r"boyfriend|girlfriend)")
_ANOTHER_PERSON = lowered(re.compile(rf"\bfor (him|her|(my|our) {_PEOPLE})\b|"
                                     rf"^\W*((and|what about|how about|now|ok)\W+)?(my|our) {_PEOPLE}\b|"
                                     rf"\b(my|our) {_PEOPLE},? (wants?|would like|needs?|is "
                                     r"looking|is interested|likes|used to|worked|works)\b", re.I),
                          needles=("for h", "wife", "husband", "son", "daughter", "partner", "spouse", "friend",
                                   "mom", "mother", "dad", "father", "brother", "sister", "kid"))  # fmt: skip
# "which of those are free", "any of them free?", "are some of these free": a pick among them (the set they come
# from, when only a page of it is shown), not the same question of each.
_PICKS_AMONG = lowered(re.compile(r"\b(which|any|some|what)( ones?)?( of)? (them|those|these|em)\b|"
                                  r"\bamong (them|those|these)\b", re.I))  # fmt: skip
# "sorry, I meant IT", "actually, cybersecurity", "no, Ontario Tech": the filters named replace the old ones.
# "hmm not that, something with computers instead": the same, said after the results.
_CORRECTION = lowered(re.compile(r"^\s*(sorry|oops|no+|nope|actually|wait)\b|\b(i meant|i mean|meant to say|rather|"
                                 r"instead)\b|\bnot (that|this|those|these)( ones?)?\s*[,.;!]", re.I))  # fmt: skip
# What comes after these words is excluded: "not cyber", "anything but healthcare", "no Durham College".
_NEGATION = re.compile(
    r"\b(?:not|isn'?t|aren'?t|anything but|anything except|except|but not|other than|besides|instead of|nothing|"
    r"no more|forget(?: about)?|never ?mind(?: about)?|"  # "ok forget cyber then": set aside, so ruled out
    # "I'm done with hospitals", "sick of retail": what the person turns away from
    r"(?:i'?m|i am) (?:so |totally |really |just )?(?:done|sick|tired) (?:with|of)|"
    # "anything at Ontario Tech but health care": only the ruled-out part ("cut") is taken out of the text
    r"(?:anything|everything)(?: (?!but\b|except\b)[\w']+){1,5} (?P<cut>but|except)|"
    r"(?:do ?n[o']?t|don'?t) want(?: to do)?(?: any)?)\s+"
    r"(?:(?:in|at|with|from|for|the|any|more|a|an)\s+)*"
    r"(?P<target>[^,.;!?]{1,40}?)(?=\s*(?:[,.;!?]|$|\bbut\b|\band\b|\bi\b|\bplease\b|\binstead\b|\bjust\b))",
    re.I,
)
# What the person is not, of a school ("not a student at Ontario Tech", "not currently enrolled there", "not an
# alumnus of Trent"): a negated role, not a school ruled out.
_NOT_ONE_OF = re.compile(
    r"(?:(?:currently|really|actually|even|yet|already|technically)\s+)?(?:(?:a|an|the|one of)\s+)?"
    r"(?:(?:current|registered|enrolled|full[- ]time|part[- ]time)\s+)?"
    r"(?:students?|employees?|staff|members?|alumn\w*|grads?|graduates?|enrolled|registered|attending|studying|"
    r"going|working)\s+(?:at|of|from|in|with|to|there)\b",
    re.I,
)
# The parts of a negated list: "techy or IT", "health care and trades", "cyber/IT".
_LIST_SPLIT = re.compile(r"\s*(?:,|/|\bor\b|\band\b|\bnor\b)\s*", re.I)
# Computers in general (not one computer field): "nothing techy", "no computer stuff", "not technology".
_COMPUTERS = lowered(re.compile(r"\b(techy|tech stuff|high tech|technology|computers?|screens?)\b", re.I))
_COMPUTER_AREAS = ("Information Technology", "Cybersecurity")
# A message asking about the advisor's own instructions, prompts, keys or set-up: out of scope, never a search.
_META = lowered(re.compile(
    r"\b(system prompt|(hidden|secret|initial|original) (instructions|prompt|rules)|your (instructions|prompt|"
    r"rules|programming|config(uration)?|settings|source code|api keys?|keys|tokens?|environment|env vars?)|"
    r"(ignore|disregard|forget|bypass) (all |your |the |any |previous |prior )*(rules|instructions|guidelines|"
    r"prompts?)|jailbreak|developer mode|api keys?|environment variables?|\.env\b|print your)",
    re.I,
))
# Someone asking for a person, a phone number or a contact: the only hand-off.
_CONTACT = lowered(re.compile(
    r"\b(phone (number|no\.?|#)|telephone|number (to|i can) call|call me|call (them|someone|somebody)|"
    r"contact (info|information|details|someone|somebody|a person)|e-?mail (address|them)|"
    r"(talk|speak|chat) (to|with) (a |an |someone|somebody|a real|a human|a person|an advis|a counsel|staff)|"
    r"real person|real human|human being|(a|an) (human|counsel+or|advis[eo]r)\b(?! (said|told))|"
    r"who (can|could|should|do|would) (i|we) (talk|speak|chat) (to|with)|"
    r"who (can|could|should|do) (i|we) (call|contact|e-?mail|phone|ring)|who to (call|contact|phone|ring|talk to|"
    # "is there a number i can ring about it", "who do i phone about this one"
    r"speak (to|with))|(a|any|the) number (to|i can|we can) (call|ring|phone)|(phone|ring) (them|someone|somebody|"
    r"the (school|college|university)))\b",
    re.I,
))
# "is there someone at durham college i can actually call about this", "anyone i could talk to", "a person to ring":
# a contact too (its own pattern: needles first)
_SOMEONE_TO_CALL = lowered(re.compile(
    r"\b(someone|somebody|anyone|anybody|a person)( (at|from|in) [\w ]{1,30}?)? ((i|we) (can|could) "
    r"(actually |just |really )?|to )(call|phone|ring|contact|e-?mail|talk to|speak (to|with))\b",
    re.I,
))
# Asking what the advisor is ("are you a real person or a computer program?", "am I talking to a bot?", "who made
# you?"): said plainly that it is an automated advisor, never a hand-off (sliced: its own pattern).
_IDENTITY = re.compile(
    r"(\bare (you|u) (a |an )?(real |actual |live )?(person|human|bot|robot|machine|computer|program|ai|"
    r"chat ?bot)|\b(am i|are we) (talking|chatting|speaking|writing) (to|with) (a |an )?(real |actual |live )?"
    r"(person|human|bot|robot|machine|computer|program|ai|chat ?bot)|\bis (this|that) (a |an )?(real person|human|"
    r"bot|robot|machine|computer|program|chat ?bot|automated)|\bwho (made|built|created|programmed|wrote|designed|"
    r"owns|runs) (you|this (bot|chat ?bot|thing|site|tool))\b|\bwhat (exactly )?are (you|u)\s*[?!.]*$)"
    r"( or (a |an )?(real |actual |live )?(person|human( being)?|bot|robot|machine|computer( program)?|program|ai))?",
    re.I,
)
# Asking whether training guarantees a job: answered plainly (nothing promises one) before the rest.
_GUARANTEE = lowered(re.compile(
    r"\bguarantee[sd]?\b|\bpromise[sd]? (me )?(a |to get (me )?a )?(job|work|position)\b|"
    # text-message "def", "defo", "deffo" stand for "definitely" ("will i def get a job")
    r"\b(for sure|definitely|definately|def|defo|deffo|defs|certainly|surely|100%?) (get|land|find|be hired)|"
    r"\b(will|would|does|is) (it|this|that|they|doing it) (definitely |for sure )?(get|land|find) me (a )?(job|work)\b|"
    # "will I get a job after?", "would we find work" (not "how will I find work": asking for help with the search)
    r"(?<!how )\b(will|would) (i|we) (actually |really |then |easily |automatically )?(get|land|find) (a |any |good )?"
    r"(job|work|employment)\b|\b(lead|leads) (me )?(to|into) (a )?(job|work|employment)\b|"
    # job outcomes the sources never give: placement or employment rates, being hired
    r"\b(job )?placement (rates?|%|numbers|stats)|\b(employment|hiring|hire|success) rates?\b|"
    r"\b(job|employment|career|graduate) outcomes\b|"
    r"\bwill (i|anyone|employers|they) (actually |really )?(get (me )?)?hire[ds]?\b|"
    # (not "a course that would help me get hired": asking for courses, not a promise)
    r"(?<!help )(?<!helps )(?<!help me )(?<!helps me )(?<!help you )(?<!help to )\b(get|getting) (me )?hired\b|"
    r"\b(will|would|do|does) ([\w-]+ ){1,2}(hire|employ) (me|us|people|grads|graduates|them)\b|"
    # "what % of people get hired", "what percentage of grads find work"
    r"(%|\bpercent(age)?|\bproportion) of (people|grads|graduates|students|them|those|learners)\b|"
    r"\bhow many (people|grads|graduates|students|of them) (get|find|land|got|found) (a )?(jobs?|work|hired)\b",
    re.I,
), needles=("guarant", "promise", "job", "work", "employ", "hire", "placement", "rate", "outcome", "%", "percent",
            "proportion", "def", "for sure", "certainly", "surely", "100"))
# Pay after training (wages, salary): the sources never say; said plainly, then the rest of the turn.
_PAY = lowered(re.compile(
    r"\b(wages?|salar(y|ies)|hourly (rate|pay)|starting pay|pay ?scale|"
    r"how much (money )?(do|does|will|would|can|could|did) ([\w-]+ ){1,3}(make|earn|get paid)\b(?! (it|them|the)\b)"
    r"(?! an? (?!(hour|year|week|month|day)\b))|(pays?|paid) (well|good|decent)|good money|"
    r"what (does|do|will|would|can) (it|that|they|(an? |the |those |these )?([\w-]+ ){0,2}"
    r"(jobs?|work|positions?|roles?)) pay(?! for| towards?)|"  # "what can it pay for" asks what funding covers
    # "how much do cyber jobs pay" (not "how much do they pay", which may be a funding program's amount)
    r"how much (does|do|will|would|can) (an? |the |those |these )?([\w-]+ ){0,2}(jobs?|positions?|roles?) pay|"
    # "what does a cyber security analyst make around here", "what do PSWs earn"; "what's the pay like"
    r"what (does|do|will|would|can) (an? |the |those |these )?(?!(it|this|that|them|you|i)\b)([\w-]+ ){1,3}"
    r"(make|earn)\b(?! (it|them|the|of|with|from|in it)\b)|what'?s the (pay|money)( like)?(?=\s*([?!.]|$)| like| in)|"
    r"pay (like|range)|make (a year|an hour|per (year|hour)))\b",
    re.I,
))
# Frustration in strong words ("fuck this", "nobody will hire me"): answered kindly, never as "I didn't understand".
# Thanks said at length ("Thank you so much, this gave me a little hope today", "Much obliged. Good day to you.")
# with nothing asked: a thank-you (or a goodbye), never "not understood".
_THANKS = lowered(re.compile(r"\b(thanks|thank (you|u)|thx|ty|much obliged|appreciate (it|that|you|this|the help)|"
                             r"god bless|grateful|cheers|merci)\b", re.I))  # fmt: skip
_FAREWELL = lowered(re.compile(r"\b(bye|good ?bye|good day|have a (good|great|nice) (one|day|night|evening|weekend)|"
                               r"take care|see (you|ya)|good night)\b", re.I))  # fmt: skip
_ASKING = lowered(re.compile(r"\?|\b(what|how|which|where|when|who|can (you|u|i)|could (you|u)|is there|are there|"
                             r"any (more|other|free|online)|show me|tell me|find me|looking for|i (want|need)|"
                             r"do you|explain|(if|whether) you (could|would|can|might))\b", re.I))  # fmt: skip
_FRUSTRATED = lowered(re.compile(
    r"\b(fuck\w*|f\*+k\w*|shit\w*|bullshit|crap|damn|wtf|pissed( off)?|screw (this|it|that)|fed up|sick of|"
    r"give up|hopeless|waste of (my )?time|what'?s the point|so frustrat\w*|(no ?one|nobody) (will |wants to |is going "
    r"to )?(hire|help)s?)\b",
    re.I,
))
# A message in French (the answers are in English for now): said so, in both languages, when it is not understood.
_FRENCH = lowered(re.compile(
    r"\b(bonjour|bonsoir|salut|merci|je (cherche|voudrais|veux|suis|peux)|est-ce|formations?|gratuite?s?|"
    r"cours en|en ligne|emploi|travail|pouvez-vous|s'il vous pla[iî]t|parlez-vous|fran[cç]ais|qu'est-ce)\b",
    re.I,
))
# Where a school is, parking, transit: the sources never say; said plainly (with where to look).
_LOGISTICS = lowered(re.compile(
    r"\b(parking|park my car|transit|bus(es)?|go ?train|durham region transit|drt|directions to|"
    r"how (do|can|would) i get (there|to (the )?(campus|college|school|university))|"
    r"(campus|school|college) (address|location)|address of (the )?(campus|school|college|university)|"
    # "which campus?", "where is it, which campus", "where's it at?" (a question about the place, not the school)
    r"(which|what) campus(es)?|where('?s| is| are) (it|they|that|this)( one)?( at)?(?=\s*([,.?!]|$))|"
    r"where (do|would) (i|we) (have to |need to )?go (for|to) (it|class(es)?|the class(es)?|the course)|"
    # "does she need to go to Oshawa for class", "do I have to travel to the Whitby campus", "is it in Oshawa?"
    # (not "do I have to go to the campus", which asks whether it is in person: the format)
    r"(need|have|got) to (go|travel|commute|drive|come) (to|into|in to|down to|up to) (?!(the |a )?campus\b)"
    r"[^?.!]{0,30}(\bfor (it|"
    r"class(es)?|the class(es)?|the course|lectures)|\bcampus)\b|(is|are) (it|they|the (class|classes|course))"
    r"( one)? (held |taught |located )?(in|at) (the )?(oshawa|whitby|ajax|pickering|clarington|courtice|bowmanville|"
    r"peterborough|toronto|uxbridge|scugog|brock)|"
    r"where (is|are) (the )?(campus(es)?|durham college|ontario tech|trent|the school|the college|the university|"
    r"it held|it located|they located|classes held|the classes)|where (is|are) (it|they|that|this)( one)? "
    r"(located|held|taught))\b",
    re.I,
))
# A topic set aside ("ok forget OSAP, what do you have in cyber security?"): not asked about again; the rest is read.
_DISMISSED = re.compile(
    r"\b(forget|never ?mind|skip|drop|scratch|enough (about|with)|no more (about|on))( about)?( the)? (osap|better "
    r"jobs( ontario)?|second career|(the )?(funding|grants?|loans?|money( stuff)?|costs?|price))\b",
    re.I,
)
# Help with finding work (career counselling, job search, a resume): the FAQ's employment services answer, not a
# search and not a hand-off; training in the subject ("courses on career counselling") is a search.
_CAREER_HELP = lowered(re.compile(
    r"\bcareer (counsel+(ing|ors?)|coach(es|ing)?|advice|advis(ing|ors?|ers?)|guidance|help|services?|planning|"
    r"support|centres?|centers?)\b|\bjob (search(ing)?|hunt(ing)?|seeking|finding)( help| support| services?| "
    r"assistance| advice| workshops?)?\b|\bhelp(s|ing)? (me )?(with |in )?(my |a |the )?(job search|job hunt(ing)?|"
    r"finding (a )?(job|work)|(resume|cv|cover letter|interview)s?)\b|"
    # "where can I get my resume looked at", "who does resumes": a place that helps
    r"\b(where|who)\b[^.?!]{0,40}\b(resume|résumé|cv|cover letter)s?\b|\b(resume|cv|cover letter|interview) (help|"
    r"writing help|tips|advice|support|workshops?|prep(aration)?|coaching)\b|\bemployment (services?|counsel\w*|"
    r"centres?|centers?|ontario|agency|agencies)\b",
    re.I,
))
# A resume or cover letter to be written for the person ("can you write my resume for the job fair?"): out of scope,
# with who helps with one for free (employment services).
_WRITE_FOR_ME = lowered(re.compile(r"\b(write|do|make|fix|redo|build|create|draft|type up)( me| up)? (my |a |an "
                                   r"|the |me a |our )?([\w-]+ ){0,2}?(resume|résumé|cv|cover letter)s?\b", re.I),
                        needles=("resume", "résumé", "cv", "cover letter"))
_CAREER_SUBJECT = lowered(re.compile(
    r"\b(courses?|training|micro-?credentials?|programs?|certificates?|classes) (in|on|for|about) (career|job|"
    r"employment)\b",
    re.I,
))
# The person helps others find work ("I'm an employment counsellor", "my client"): with a field named, the field is
# what is asked for (a search), not job-search help for themselves.
_HELPS_OTHERS = lowered(re.compile(
    r"\b(i'?m|i am|i work as|as|we are|we're) (an? )?(employment|career|job|eo) (counsel+\w*|coach(es)?|advis\w*|"
    r"specialists?|developers?|consultants?|workers?|staff)\b|\b(my|our|a) clients?\b|"
    r"\b(i|we) work (at|for|in) (an? |the )?(employment|eo|job|career)\b",
    re.I,
))
# A second ask in the same message ("..., and how do I apply?"): the FAQ topics it names.
_SECOND_ASKS: tuple[tuple[str, LowerPattern], ...] = lowered_table((
    ("enrolment", re.compile(r"\bhow (do|can|would) (i|you|we) (apply|sign up|register|enrol+|get in)\b", re.I)),
    ("cost_and_funding", re.compile(r"\b(funding|osap|grants?|bursar(y|ies)|financial (aid|help))\b", re.I)),
    ("eligibility", re.compile(r"\b(am i eligible|can anyone|do (i|you|we) (have|need) to be|how old|what age|"
                               r"(minimum|min) age|age (limit|requirement)s?)\b", re.I)),
    # "what is a micro-credential and which schools have them": the schools the advisor knows
    ("list_providers", re.compile(r"\b(which|what) (schools|colleges|universities|providers|places)\b|"
                                  r"\bwho (offers|has|gives|runs) (them|these|those|micro)", re.I)),
    # "what is a micro-credential and are any of them free": the free ones, from the cost answer
    (
        "free",
        re.compile(
            r"\b((are|is) (there )?(any|some|anything)( of (them|these|those))?|any) (free|at no cost)\b|"
            r"\bfree ones?\b|\bcosts? (anything|nothing)\b",
            re.I,
        ),
    ),
))
# After who can enrol: having finished school by then ("wat if i finish gr 12 in june", "once I get my OSSD", "what
# if I graduate this year"), or a kind of course a school's rule names ("the general interest ones", "credit
# courses?", "same rule?").
_ENTRY_FOLLOW_UP = lowered(re.compile(
    r"\b(finish(ed|es|ing)?|graduat\w*|get(ting)?|got|have|had|complet\w*|done( with)?|out of|after|with) (my |the |a |"
    r"from |high school )?(gr\.? ?12|grade ?12|high ?school|hs|secondary school|diploma|ossd|ged)\b|"
    r"\bgraduat(e|ing) (this|next|in)\b|\bgeneral[- ]interest\b|\bcredit (courses?|ones|programs?|classes)\b|"
    r"\bsame (rules?|requirements?|age)\b",
    re.I,
), needles=("12", "school", "diploma", "ossd", "ged", "graduat", "general", "credit", "same", " hs"))
# "what do they have right now" after a school was named: that school's records ("they" is the school).
_OFFERINGS = lowered(re.compile(
    r"\bwhat ((kinds?|sorts?|types?) (of [\w-]+ )?)?(do|does|can|will) (they|that school|the school|that college|"
    r"that university) (have|offer|run|teach|give)\b|\bwhat (have|has) (they|it) got\b|"
    # "so what can I take there today": "there" is the school named before
    r"\bwhat (can|could) (i|we|you) (take|do|study|sign up for) (there|at (that|the) (school|college|university))\b|"
    # "ok what courses does ontario tech have" after who can enrol: the school's records, not its rule again
    r"\bwhat ((courses|programs|classes|micro[- ]?credentials) )?(does|do) (?!(you|u|ya|it|i|we)\b)([\w-]+ ){1,4}"
    r"(have|offer|run)\b",
    re.I,
))
# "what about a different school", "anywhere else?": the same search at the other schools (not the one shown)
_OTHER_SCHOOL = lowered(re.compile(
    r"\b(different|other|another) (school|college|university|uni|place|provider)s?\b|"
    r"\b(somewhere|anywhere|someplace|any ?place) else\b",
    re.I,
))
# "what do they teach in it", "what do they cover in that one": "they" is the school, but the ask is of the one in
# focus (its content), not the school's records (read only when the message says "it" or "that one").
_IN_IT = lowered(re.compile(r"\b(in|from|on) (it|that one|this one|that course|this course|the course)\s*[?!.]*$",
                            re.I))  # fmt: skip
# "what health stuff do they have there", "any trades at that school": the school named before, whatever field it
# names ("they" is the school; "what do you have" is the advisor, every school).
_AT_THAT_SCHOOL = lowered(re.compile(
    r"\b(do|does|did|can|could|would|will) (they|that school|the school|that college|that university) (have|offer|"
    r"run|teach|give|got)\b|\bthey (have|offer|run|got)\b|\b(at|from) (that|the same|this) (school|college|"
    r"university|place)\b",
    re.I,
))
# Asking what there is ("what do you have?", "any entrepreneurship courses?", "is there anything for that?"): a
# search with the filters stated, even when an attribute word is in it ("a short course", "sell online").
_COURSE_WORDS = r"(courses?|programs?|programmes?|classes|training|micro[- ]?cred(ential)?s?|workshops)"
_ASKS_FOR_COURSES = lowered(re.compile(
    r"\bwhat (do|can|could|would) (you|u|ya|they) (have|got|offer|recommend|suggest)\b(?! (on|about|for) (it|that)\b)|"
    r"\bwhat (have|has) (you|u) got\b|\bwhat are (my|the|some) options\b|"
    r"\bwhat('?s| is| are)( else)? (there|out there|available|on offer)\b(?! (for|to) (funding|paying|help)\b)|"
    r"\b(is there|are there|there'?s|got|have you got|do you have|do they have|you have|you got|do you offer|"
    r"do they offer|know of|find me|recommend|suggest|show me)\s+(any|anything|something|some)\s+"
    # "is there anything on starting a business": on or about a subject (not "anything on it", the one in focus)
    r"(for|in(?! (it|them|there)\b)|on(?! (it|them|this|that|there)\b)|about(?! (it|them|this|that)\b)|like|"
    r"similar|related to|to do with|that (teaches|covers|helps))\b|"
    r"\b(anything|something) (for|like|related to|to do with) (that|this|those)\b|"
    r"\b(anything|something) ([\w-]+ ){1,2}related\b|"  # "anything health related?"
    # "ok is there anything that's free then?" after one credential's price: the free ones, not that one's price
    r"(\b(is there|are there|do you have|do they have|have you got|you got|got)\s+|"
    r"^\s*((ok|okay|so|and|but|well|hmm+|um+|then)[\s,]+)*)"
    r"(anything|something|any ones?)( else| at all)?( that'?s| that is| that are| which is| which are)?"
    r" (free|no[- ]cost)\b|"
    # "is there a short program for this?", "do you have an HVAC micro-credential?"
    r"\b(is there|are there|do you have|do they have|have you got|do you offer|do they offer) (a|an|any) "
    r"([\w-]+ ){0,3}?" + _COURSE_WORDS + r"\b|"
    r"\bany (?!(of|prior|previous|past|special)\b)([\w-]+ ){0,3}?" + _COURSE_WORDS + r"\b|"
    # "what training would help me get hired", "which courses could make me more employable"
    r"\b(what|which) ([\w-]+ ){0,2}" + _COURSE_WORDS + r" (would|could|will|might|can) (help|make|get) (me|you|"
    r"people|someone)\b|"
    r"\bwhat ([\w-]+ ){0,2}" + _COURSE_WORDS + r" (are there|do you have|do they have|can i (take|do)|"
    r"could i (take|do)|are (out there|available|offered)|exist|would you recommend)\b",
    re.I,
))
# Asking to be called or written to, after giving one's own number or e-mail ("call me at [phone]", "email me the
# list"); read only when the message holds a redacted number or e-mail.
_CONTACT_ME = lowered(re.compile(r"\b((call|e-?mail|text|phone|ring|contact|reach|message) me|call( me)? back|"
                                 r"get back to me|give me a (call|ring|shout))\b", re.I))  # fmt: skip
# With one's own number or e-mail, a bare ask for courses is still one: "call me at [phone], anything in health care?",
# "email me the list of health courses" (elsewhere the model reads those as a search already).
_BARE_COURSE_ASK = lowered(re.compile(
    r"\b(anything|something|any ([\w-]+ )?" + _COURSE_WORDS + r")( good| else)? (in|for|on|about|related to|to do "
    r"with|like)\b(?! (it|them|this|that)\b)|\b(a |the )?list of\b|"
    r"\blooking for (something|anything|a course|courses|training)\b",
    re.I,
))
# "does it include any training", "is there anything for it": about the credential in focus, not a search ("most of
# it is online now" is not).
_ABOUT_IT = lowered(re.compile(r"\b(is|does|can|will|would|could|has|about|for) it\b|"
                               r"\bits\b(?! (all|a|an|the|so|too|where|what|just|not|going|getting)\b)",
                               re.I))  # "thats where its all going" is "it's"
# Out of scope whatever field words it holds: homework, a sum to solve, writing a resume, the weather ("help me with
# my math homework": not a search for "math").
# Help "with" a resume is career help (employment services); help writing one is a task for the advisor.
_OFF_TOPIC = lowered(re.compile(
    r"\b((help|helping) (me )?(with|do|on|write|writing|finish|solve) (my |this |a |the |our )?([\w-]+ )?"
    r"(homework|assignment|essay|taxes|tax return|equation|math problem)s?|"
    r"(help|helping) (me )?(write|writing|do|finish|make|making) (my |this |a |the |our )?([\w-]+ )?"
    r"(resume|résumé|cv|cover letter)s?|"
    r"(do|write|finish|solve|proofread|make) (me |us )?(my |this |a |the )?([\w-]+ )?(homework|assignment|essay|"
    r"resume|résumé|cv|cover letter|taxes|tax return|equation|math problem)s?|homework help|"
    r"solve\b[^?.!]{0,40}=|what'?s? (is )?\d+ ?(plus|minus|times|divided by|[-+*/x]) ?\d+|"
    r"weather (today|tomorrow|tonight|this week|forecast|going to be|like)|what'?s the (weather|forecast)|"
    r"tell me a joke)",
    re.I,
))
# Asking for a person to help ("I need someone to help me with my resume"), or where to find help ("where can I get
# help writing my resume"): a hand-off or employment services, not out of scope.
_SOMEONE = lowered(re.compile(r"\b(someone|somebody|anyone|a person|a human|an? (advis[eo]r|counsel+or))\b|"
                              r"\b(where|who) (can|could|do|should|would|will) (i|we)\b|\bwho (helps|can help)\b|"
                              r"\b(anywhere|somewhere|any place|a place)\b", re.I))  # fmt: skip
# "who is it with?", "who's it through": whom the record in focus is made or run with.
# "who was it developed with?", "who did they make it with", "who helped build it", "developed with whom": the same.
_MADE = r"(develop|design|creat|buil|mak|made|put|partner|run|ran|offer)\w*"
_WHO_WITH = lowered(re.compile(
    r"\bwho('?s| is| are) (it|this|that|they)( one| course| program)? (with|through|by|from|run by|made with)\b|"
    rf"\bwho (was|were|is|are) (it|this|that|they)( one| course| program)? {_MADE} (with|by|through|alongside|"
    rf"together with|in partnership with)\b|\bwho (did|do|does) (they|the school|it|you)( \w+)? {_MADE}( it| this| "
    rf"that| them)?( together)? (with|alongside)\b|\bwho (helped|worked|partnered|teamed up)( \w+)?( to| on| in| with "
    rf"them on)? ({_MADE} )?(it|this|that|them)\b|\b{_MADE} (it |this |that )?(with|alongside|by) (who|whom)\b|"
    r"\b(which|what) (partners?|organi[sz]ations?|companies|company|hospitals?|employers?) (was|were|is|are|did|do|"
    r"does|helped|made|built|developed|created|designed)\b",
    re.I,
), needles=("who", "which", "what"))
# "is it with Lakeridge?", "is it at Ontario Tech or Durham College": the same, when a school or partner is named as
# a guess (not as a filter); "is it at night" names none.
_IS_IT_WITH = lowered(re.compile(
    r"\b(is|are|was) (it|this|that|they|these|those)( one| course| program)? (at|from|with|through|by|run by|offered "
    r"(at|by|through)|made (with|by)|done (at|with|through)|taught (at|by)|part of)\b",
    re.I,
))
# Checking something heard about a partner ("my friend said Lakeridge made their staff take it, is that true?"):
# what the record says of that partner.
_CLAIM = lowered(re.compile(r"\b(is (that|this|it) (true|right|correct|so|a fact)|(is it )?true that|"
                            r"(said|says|told me|heard|claims?) (that )?)\b", re.I))  # fmt: skip
# An opening greeting: "Good evening." asks for no evening classes (nor is "evening" a filter); "good evening
# classes?" is not a greeting.
_GREETING_OPEN = re.compile(r"^\s*((hi|hello|hey)[\s,]+)?good (morning|afternoon|evening|day)\b"
                            r"(?=\s*([,.!;:]|$)|\s+(i|i'm|im|my|we|there|all|everyone|sir|madam)\b)[\s,.!;:]*", re.I)
# "what is a micro-credential (and ...)": the explanation is asked first, whatever the second ask.
# "what the hell is a micro-credential anyway?", "never heard of micro-credentials": the same ask.
_WHAT_IS = lowered(re.compile(
    r"^\s*((ok|so|and|but|hi|hey)[\s,]+)*(what( the hell| the heck| on earth| exactly| even)?('?s| is| are)|explain)"
    r"( exactly| even| actually)? (a |an |these |those |this )?micro[- ]?cred(ential)?s?\b|"
    r"\bwhat (does|do) (a |an |the )?(word |term )?micro[- ]?cred(ential)?s? (even |actually )?mean\b|"
    r"\bnever heard of (a |an |these |those |this |them |the )?micro[- ]?cred(ential)?s?\b",
    re.I,
))
# Asking the last answer again about something else: "even for the free TD ones?", "what about Ontario Tech?"
_SAME_FOR = lowered(re.compile(
    r"^\s*((and|but|so|ok|okay)[\s,]+)?(even|also|what about|how about|same( for| with)?|and for|"
    r"is that (true|the same) for|does that (go|apply|count) for)\b",
    re.I,
))
# "what about mechanics", "ok how bout welding": the last ask again, of another subject (a short message)
_WHAT_ABOUT = lowered(re.compile(r"^\s*((and|but|so|ok|okay)[\s,]+)?(what|how) a?bout\b\W*(\w+\W*){1,4}$", re.I))
# The subject of the last search named again without its words: "in that area", "the same field", "like that".
_SAME_TOPIC = lowered(re.compile(r"\b(in|of|from|for|with) (that|this|the same|those) (area|field|subject|topic|"
                                 r"line of work|kind of (thing|work)|sector|industry)\b", re.I))
# "what's the closest thing you have", "anything close to that?", "what comes closest": the last search again (its
# closest matches), not a new subject.
_CLOSEST = lowered(re.compile(
    r"\b(closest|nearest|next best|most similar)( thing| things| match(es)?| options?| ones?| courses?| equivalent|"
    r" alternatives?)\b|\b(anything|something|what'?s) (close|similar)( to (that|this|it|what i (want|asked|said)))?\b|"
    r"\bcomes? (the )?closest\b|^\s*((ok|okay|so|then|and|well)[\s,]+)*(what'?s |whats )?closest( then| one)?\W*$",
    re.I,
), needles=("clos", "near", "similar", "next best"))
_QUESTION = lowered(re.compile(
    r"\?\s*$|^\s*((ok|okay|so|and|but|hey|um|well|then|also)[\s,]+)*(what|whats|what's|how|is|are|does|do|when|who|can|"
    r"will|which|where)\b|^\s*(if|once|after)\b.{0,80}\b(what|how|which|will|would|can)\b|"
    # "help desk training, how long and how much", "manufacturing at durham how much"
    r"[,;:]\s*(what|how|when|is|are|does|do|can)\b|\bhow (much|long|many)\b[^.!?,;]{0,25}$",
    re.I,
))
# One part of a credential: "how long is the tools part", "what's in the safety module" (sliced: its own pattern).
_PART = re.compile(r"(?:\b(?:the|a|an|any) |^\s*(?:(?:and|ok|so|what about|how about) )?)((?:[a-z-]+ ){0,2}[a-z-]+) "
                   r"(?:part|module|section|unit|portion)\b(?! of\b)", re.I)  # not "is first aid part of it"
_NOT_PART = frozenset({"first", "second", "third", "last", "next", "other", "whole", "entire", "same", "one", "main",
                       "free", "online", "practical", "different", "what", "which", "is", "are", "does", "how",
                       "each", "every", "this", "that", "it", "in"})  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?]+\s+")
_CLAUSE = re.compile(r"(?:,\s*|\s+)(?:and|also|plus)\s+|[?;]\s+|\.\s+")
# A story: a long message about the person's situation. Answered with one line of acknowledgement and a search.
_STORY = lowered(re.compile(
    r"\b(laid off|lost my job|let go|plant closed|closing|closed down|got fired|out of work|unemployed|years|"
    r"worked (at|in|for|on)|i'?m \d{2}|worried|scared|stressed|kids|family|mortgage|bills|\d+ yrs|injur(y|ed)|"
    r"(back|knees?|body) (is|are) (shot|done|gone|wrecked))\b",
    re.I,
))
# Asking what to do next in working life ("what else can i do", "what are my options"): with a story word, even a
# short message is a story, never "not understood".
_CAREER_ASK = lowered(re.compile(
    r"\b(what (else )?(can|could|should) i (do|try|study|learn|take)|what are my options|what now|"
    r"(something|anything) (new|different|else)|new (career|line of work|field)|change (careers?|fields?|jobs?)|"
    r"career change|start (over|again|fresh)|can (you|u) help|what (do|would) (you|u) (suggest|recommend)|"
    r"where (do|should) i (start|begin)|what'?s( out)? there for (me|us|someone like me))\b",
    re.I,
))
# Acronyms that keep their capitals when a message is shouted ("I MEANT IT NOT CYBER").
_ACRONYMS = frozenset({"IT", "PSW", "PSWS", "AZ", "DZ", "PPE", "DC", "OTU", "TD", "GTA", "HR", "AI", "OSAP", "GED",
                       "OSSD", "ESL", "EI", "CPR", "RN", "RPN", "ECE", "CNC", "HVAC", "PLC"})  # fmt: skip
# "IT" shouted right after these words is the pronoun ("IS IT FREE?"), not the field.
_PRONOUN_BEFORE = re.compile(r"\b(is|was|does|do|did|can|will|would|could|make|take|get|about|of|for|with|on|"
                             r"runs?|made|makes|offers?|delivers?|does "
                             r"it|how long is|much is|much does)\s+$", re.I)  # fmt: skip
# Text-message spellings, read as the words they stand for ("wat do i need 2 get in", "u got nething 4 cyber").
_SMS_WORDS = {
    "u": "you", "ur": "your", "r": "are", "wat": "what", "wut": "what", "wht": "what", "nething": "anything",
    "anythin": "anything", "sumthing": "something", "smth": "something", "pls": "please", "plz": "please",
    "thx": "thanks", "tnx": "thanks", "k": "ok", "kk": "ok", "im": "I'm", "dont": "don't", "cant": "can't",
    "wont": "won't", "doesnt": "doesn't", "isnt": "isn't", "whats": "what's", "theres": "there's", "abt": "about",
    "bc": "because", "cuz": "because", "coz": "because", "ppl": "people", "govt": "government", "gov": "government",
    "wanna": "want to", "gonna": "going to", "gotta": "have to", "tho": "though", "rn": "right now",
    "idk": "I don't know", "hw": "how", "cn": "can", "b4": "before", "2day": "today", "ne1": "anyone",
    "da": "the", "dat": "that", "wats": "what's", "wat's": "what's", "wuts": "what's", "wen": "when",
    "wher": "where", "def": "definitely", "defo": "definitely", "hav": "have", "shud": "should", "cud": "could",
    "wud": "would", "shld": "should", "cld": "could", "wld": "would", "thru": "through", "w/": "with",
    "w/o": "without", "nd": "and", "yrs": "years", "yr": "year", "hrs": "hours", "wks": "weeks", "wk": "week",
    "mos": "months", "wkend": "weekend", "wkends": "weekends", "wknd": "weekend", "wknds": "weekends",
    "nite": "night", "nites": "nights", "bout": "about", "becuz": "because", "dunno": "I don't know",
    "gimme": "give me", "lemme": "let me", "nvm": "never mind", "thnx": "thanks", "avail": "available",
    "somethin": "something", "nothin": "nothing", "everythin": "everything",
}  # fmt: skip
# Not read: "y" (yes), "hr" (human resources), "min" ("min age"), "b", "c", "w" alone: they mean other things here.
_SMS_WORD = re.compile(r"(?<![\w/])(" + "|".join(re.escape(w) for w in sorted(_SMS_WORDS, key=len, reverse=True))
                       + r")(?![\w'/])", re.I)  # fmt: skip
# "b" after "to", "will", "can"...: "be" ("do u have 2 b there", "will it b online"); alone it is a letter.
_SMS_BE = re.compile(r"\b(to|will|would|could|can|should|must|might|gonna|wanna|it|u|you) b\b(?=\s+[a-z])", re.I)
# "n" between two words (or opening a message) is "and": "how long n how much", "n the whole thing?".
_SMS_AND = re.compile(r"(?:(?<=[a-z] )|^)n(?= [a-z])", re.I)
# "2" and "4" between words are "to" and "for"; before a unit or after a number they stay numbers ("4 weeks").
_SMS_NUMBER = re.compile(
    r"(?<=[a-z] )([24])(?= (?!(?:weeks?|hours?|days?|months?|years?|modules?|times?|courses?|of|or|and|kids?|"
    r"more|ones|options|things|results|people|jobs|programs?|credentials?|schools?)\b)[a-z])",
    re.I,
)

# "the ppe 1", "which 1", "that 1": the "1" that picks a credential is "one" (not "1 hour", "the 1st").
_SMS_ONE = re.compile(r"\b((?:the|that|this|which|other)\s+(?:[a-z-]+\s+){0,3}?)1\b(?![.,:/]?\d)"
                      r"(?!\s*(?:hours?|weeks?|days?|months?|years?|modules?|times?)\b)", re.I)  # fmt: skip


_SMS_KEYS = frozenset(_SMS_WORDS)
_TOKEN = re.compile(r"[\w'/]+")  # the words _SMS_WORD could replace (with their apostrophes and slashes: "w/o")


def read_sms(text: str) -> str:
    """``text`` with text-message spellings written out: the readers then see "what do i need to get in"."""
    # each substitution only where its mark is in the text: most messages have none, and each scan costs µs
    if "2" in text or "4" in text:
        text = _SMS_NUMBER.sub(lambda m: "to" if m.group(1) == "2" else "for", text)
    if not _SMS_KEYS.isdisjoint(_TOKEN.findall(text.lower())):
        text = _SMS_WORD.sub(lambda m: _SMS_WORDS[m.group(1).lower()], text)
    low = text.lower()
    if low.startswith("n ") or " n " in low:
        text = _SMS_AND.sub("and", text)
    if " b " in low:
        text = _SMS_BE.sub(r"\1 be", text)
    return _SMS_ONE.sub(r"\1one", text) if "1" in text else text


# The first sentence of a message when it is a question ("What about evenings? The girls are in bed by 8.").
_FIRST_QUESTION = re.compile(r"[^.!?]*\?")


@dataclass(frozen=True, slots=True)
class UserMessage:
    """Everything read from one message, once (Rasa: the parsed Message that becomes ``latest_message``)."""

    text: str  # redacted, as typed
    folded: str  # ``text`` with a shouted message in lower case (acronyms kept): what the readers read
    parsed: ParsedQuery  # typo-corrected and synonym-expanded text, the filters and entities it states
    # filters it rules out, (name, value) pairs: "not cyber", "anything but X", "nothing techy or IT"
    excluded: tuple[tuple[str, str], ...] = ()
    correction: bool = False  # "sorry, I meant ...": what it names replaces what was there
    decided: Recognised | None = None  # a payload or a rule decides the intent: no model needed
    attribute: str | None = None  # the fact it asks about ("cost", "duration", ...)
    skill: str | None = None  # one thing it asks whether a credential teaches ("first aid in it?" -> "first aid")
    asks_how_to_pay: bool = False  # "how do I pay for it?": the cost, and a pointer to funding
    elliptic_skill: bool = False  # the skill asked in a few words ("working at heights too?"): only of the one in focus
    part: str | None = None  # one part of a credential it names ("the tools part" -> "tools")
    ordinal: int | None = None  # "the second one" -> 2, "the last one" -> -1
    compared: tuple[int, ...] = ()  # "the difference between the first and second one" -> (1, 2)
    compares: bool = False  # weighs things it names ("which is better, story-telling or critical thinking?")
    either_or: bool = False  # holds "or" ("the infection control one or the PPE one?"): a choice, when two are named
    pronoun: str | None = None  # "singular" ("is it free?") or "plural" ("how long are they?")
    describes_one: bool = False  # picks one by words of its own ("the online business one", "the tools one")
    names: tuple[NameMatch, ...] = ()  # credentials it names by their distinctive words, best first
    titled: tuple[str, ...] = ()  # "the online one": the credentials whose title has that word
    partners: tuple[str, ...] = ()  # credentials made with a partner it names ("the TD one"), the umbrella first
    funding_program: str | None = None  # a funding program it names ("OSAP", "Better Jobs", "28 grand")
    funding_aspect: str | None = None  # what about paying it asks ("how much", "what does it cover", "apply first")
    asks_payer: bool = False  # whether someone else pays, naming no program ("can the government pay for it")
    same_for: bool = False  # the last answer again for something else ("even for the TD ones?")
    what_about: bool = False  # "what about mechanics": the last ask again, of another subject
    same_topic: bool = False  # the last search's subject again ("what's offered now in that area")
    asks_closest: bool = False  # the last search's closest matches ("ok what's the closest thing you have then")
    asks_guarantee: bool = False  # "is it guaranteed to get me a job": said plainly that nothing promises one
    asks_pay: bool = False  # wages or salary after training: said plainly that the sources don't say
    asks_logistics: bool = False  # where a campus is, parking, transit: said plainly that the sources don't say
    audience: str | None = None  # who the person says they are
    abusive: bool = False
    frustrated: bool = False  # strong words of frustration, not at the advisor: a kind reply
    french: bool = False  # written in French: the answers are in English, said in both languages
    meta: bool = False  # about the advisor's own instructions, prompts, keys or set-up
    asks_contact: bool = False  # a person, a phone number or a contact
    # gives the person's own phone number or e-mail (the redactor's placeholder) and asks to be called or written to
    wants_call_back: bool = False
    asks_identity: bool = False  # "are you a real person or a program?": an automated advisor, said plainly
    asks_career_help: bool = False  # career counselling, job search or resume help (employment services)
    also: tuple[str, ...] = ()  # FAQ topics of a second ask in the same message
    asks_what_is: bool = False  # begins by asking what a micro-credential is
    asks_offerings: bool = False  # "what do they have": the records of the school named before
    at_that_school: bool = False  # "what health stuff do they have there": at the school named before
    other_school: bool = False  # "what about a different school": the same search, not at the school shown
    # after who can enrol: what the person will have by then, or a kind of course the rule names ("what if I finish
    # grade 12 in June", "the general interest ones")
    entry_follow_up: bool = False
    asks_what_they_are: bool = False  # "what are they": the records meant (a partner's, a school's named before)
    whole: bool = False  # "and the whole thing?": the credential in focus as a whole
    asks_attendance: bool = False  # "do I have to go in person": the format of the one in focus
    asks_facts: bool = False  # "how long", "how much" asked with a search: those facts of what it finds
    asks_for_courses: bool = False  # asks what there is ("any entrepreneurship courses?"): a search, not an attribute
    off_topic: bool = False  # homework, a sum, a resume to write, the weather: out of scope, never a search
    story: bool = False  # a long message telling the person's situation
    closing: str | None = None  # "thank" / "goodbye": thanks or a farewell at length, asking nothing
    question: bool = False  # phrased as a question ("what does ... cost?", "is it online")
    fragment: bool = False  # says little besides the filters it states ("free ones?", "at Trent")
    follow_up: bool = False  # refines the last search ("what about ...", "... instead", a fragment)
    training: bool = False  # words of someone looking for training or work ("courses", "laid off", "get into")
    refers_back: bool = False  # points back at something shown ("it", "that one", "the second")
    picks_among: bool = False  # "which of those are free": the free ones of the set shown, not a fact of each
    vector: NDArray[np.float32] | None = field(default=None, compare=False)  # set by the encode step

    @property
    def needs_embedding(self) -> bool:
        return self.decided is None

    @property
    def search_text(self) -> str:
        """What the model embeds and BM25 scores: typos corrected, synonyms added."""
        return self.parsed.search_text

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def ask_words(self) -> int:
        """Words of the question it opens with ("Is there a deadline to finish? I might have bad weeks": 6), else
        of the whole message: a short question with a reason after it is still a short question."""
        first = _FIRST_QUESTION.match(self.text)
        return len(first.group(0).split()) if first else self.words

    def with_vector(self, vector: NDArray[np.float32]) -> UserMessage:
        """This message with the vector the encode step computed. A copy of the slots as they are (``replace`` would
        run the 60-field ``__init__`` again: 10 µs a turn)."""
        message = object.__new__(UserMessage)
        for slot, value in zip(_SLOTS, _SLOT_VALUES(self), strict=True):
            slot.__set__(message, value)
        _VECTOR_SLOT.__set__(message, vector)
        return message

    def named(self, candidates: list[str] | None = None, *, loose: bool = False) -> str | None:
        """The one credential this message names among ``candidates`` (see ``pick_named``)."""
        return pick_named(self.names, candidates, loose=loose)


_SLOT_NAMES = tuple(f.name for f in fields(UserMessage) if f.name != "vector")
_SLOTS = tuple(UserMessage.__dict__[name] for name in _SLOT_NAMES)  # the slots' descriptors: set past frozen
_SLOT_VALUES = operator.attrgetter(*_SLOT_NAMES)
_VECTOR_SLOT = UserMessage.__dict__["vector"]


def fold_shouting(text: str) -> str:
    """A message mostly in capitals, in lower case, keeping the acronyms that mean something (IT, PSW, AZ, PPE)."""
    capitals = sum(map(str.isupper, text))
    if capitals < 5:  # at least 70% of at least 6 letters: most messages stop here, after one pass in C
        return text
    letters = sum(map(str.isalpha, text))
    if letters < 6 or capitals < 0.7 * letters:
        return text

    def word(m: re.Match[str]) -> str:
        token = m.group(0)
        before = text[max(0, m.start() - 16) : m.start()]  # the few words before: linear however long the text
        if token in _ACRONYMS and not (token == "IT" and _PRONOUN_BEFORE.search(before)):
            return token
        return token.lower()

    return re.sub(r"[A-Za-z']+", word, text)


def _excluded(
    text: str, kb: KnowledgeBase, vocabulary: Vocabulary
) -> tuple[tuple[tuple[str, str], ...], str, frozenset[tuple[str, str]]]:
    """Filters the message rules out, and the text without those phrases (so they are not also stated). Each
    part of "techy or IT" / "health care and trades" is read on its own; computers in general rule out both
    computer fields ("nothing with computers": not Cybersecurity either). Who the person is not ("I'm not a student
    at Ontario Tech") rules nothing out: the school is still the one asked about. Third: the pairs its words name
    themselves (not those computers in general add)."""
    excluded: list[tuple[str, str]] = []
    direct: set[tuple[str, str]] = set()
    kept = text
    for match in _NEGATION.finditer(text):
        if _NOT_ONE_OF.match(match["target"]):
            continue
        found: list[tuple[str, str]] = []
        for piece in _LIST_SPLIT.split(match["target"]):
            stated = parse_query(piece, kb, vocabulary=vocabulary).filters.as_dict()
            stated.pop("cost", None)  # "not free" is rare and "no cost" means free: never exclude free
            found.extend(stated.items())
            direct.update(stated.items())
            general = "provider" not in stated and stated.get("area") in (None, _COMPUTER_AREAS[0])  # not "med tech"
            if general and _COMPUTERS.found(piece):
                found.extend(("area", area) for area in _COMPUTER_AREAS if area in kb.areas)
        if found:
            excluded.extend(pair for pair in found if pair not in excluded)
            kept = kept.replace(text[match.start("cut") if match["cut"] else match.start() : match.end()], " ")
    return tuple(excluded), kept, frozenset(direct)


def _part(text: str) -> str | None:
    """The part of a credential the message names ("the tools part" -> "tools"), else None."""
    m = _PART.search(text)
    if m is None or set(m.group(1).lower().split()) & _NOT_PART:
        return None
    return m.group(1).lower()


def _second_asks(text: str) -> tuple[str, ...]:
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    if len(clauses) < 2:
        return ()
    found = []
    for clause in clauses[1:]:
        for name, pattern in _SECOND_ASKS:
            if pattern.found(clause) and name not in found:
                found.append(name)
    return tuple(found)


def _names(text: str, kb: KnowledgeBase) -> tuple[NameMatch, ...]:
    """The credentials ``text`` names, leaving out those only named to be ruled out ("I meant fundamentals of
    entrepreneurship, not the teaching one": the fundamentals one), unless nothing else is named."""
    named = name_matches(text, kb)
    if len(named) < 2 or not _NEGATION.search(text):
        return named
    return name_matches(_NEGATION.sub(" ", text), kb) or named


# How to pay, not how much ("how do I pay for it, I'm laid off", "how would I afford that"): the cost, then where help
# with paying comes from (actions/funding's programs, in short).
# (anyone's way of paying: "how do ppl pay for these", "how does anyone afford it")
_HOW_TO_PAY = lowered(re.compile(r"\bhow (do|does|can|could|would|will|should|am|is|are) (i|we|he|she|they|my \w+|"
                                 r"(most )?(people|ppl|folks)|others|students|any ?(one|body)|every ?(one|body)) "
                                 r"(supposed to |going to |gonna |meant to )?(pay|afford|cover|fund|finance)\b|"
                                 r"\b(help|ways?|options?) (paying|to pay|with (paying|the (cost|fees?|tuition)))\b",
                                 re.I))  # fmt: skip


# A bare age ("im 17", "but I'm only 16", "what if I'm 18?"): who may enrol at that age.
_AGE = lowered(re.compile(r"^\s*((but|and|so|well|ok|okay|what if|and if)[\s,]+)*(i'?m|i am)( only| just| almost| "
                          r"nearly| turning| gonna be)? \d{1,2}( years? old| yrs?( old)?| yo)?( though| tho)?[\s?!.]*$",
                          re.I))  # fmt: skip


# A young age with a can-I question ("im 17 can i do sumthing at durham college", "can a 16 year old take courses at
# Ontario Tech", "my son is 17, is he allowed"): who can enrol, not a search. Only ages under 19, the ages the
# schools' rules are about ("I'm 45, can I find something in trades" is a search).
_AGE_ASK = lowered(re.compile(
    r"\b(i'?m|im|i am|s?he'?s|s?he is|they'?re|they are|(son|daughter|kid|child|teen)( is)?)( only| just| almost| "
    r"nearly| turning)? 1[0-8]\b(?![.,]\d)|\b(an?|my) 1[0-8][- ]?(years?|yrs?)[- ]?old\b",
    re.I,
), needles=("1",))
_MAY_I = lowered(re.compile(r"\b(can|could|may|allowed|able to|eligible|old enough|too young)\b", re.I))


def _titled(folded: str, kb: KnowledgeBase) -> tuple[tuple[str, ...], str]:
    """The credentials whose title has the word of "the X one" ("the online one"), and the text the fact asked is
    read from: without that phrase when a title has the word ("is the online one free?" asks the cost, not the
    format)."""
    m = _THE_WORD_ONE.search(folded)
    if m and _RULED_OUT_BEFORE.search(folded[: m.start()]):  # "not the teaching one" points away from it
        return (), folded
    titled = titled_with(m.group(1), kb) if m else ()
    return titled, (folded[: m.start()] + " " + folded[m.end() :] if m and titled else folded)


def _expanded_names(folded: str, parsed: ParsedQuery, kb: KnowledgeBase) -> tuple[NameMatch, ...]:
    """ "the covid one": the credentials the synonyms of its word name ("covid" -> infection control precautions,
    outbreak), when the message names none by its own words."""
    m = _THE_WORD_ONE.search(folded)
    added = parsed.search_text[len(parsed.corrected) :] if parsed.search_text.startswith(parsed.corrected) else ""
    return name_matches(added, kb) if m and added.strip() else ()


def _attribute(
    folded: str, parsed: ParsedQuery, *, guesses_partner: bool, names_partner: bool, skill: str | None
) -> str | None:
    """The fact a message asks about: read from the text without an opening greeting ("Good evening" asks nothing
    of evenings), again from the typo-corrected text ("is it onlin"), else whom it is with when it guesses a school
    or a partner ("is it with Lakeridge?")."""
    text = _GREETING_OPEN.sub("", folded, count=1)  # read_message parses the text without it too
    if skill:  # "is first aid part of it": what it teaches, not its parts
        return "skills"
    attribute = detect_attribute(text) or (detect_attribute(parsed.corrected) if parsed.corrections else None)
    # a claim heard about a partner ("my friend said Lakeridge made staff take it"); not one about a school's
    # subjects ("Trent offers upholstery, right?": that subject is searched)
    guessed = (guesses_partner and _IS_IT_WITH.found(text)) or (names_partner and _CLAIM.found(text))
    if attribute is None and (_WHO_WITH.found(text) or guessed):
        return "partners"
    if attribute is None and _AGE.found(text):
        return "audience"
    if attribute in (None, "enrol") and _AGE_ASK.found(text) and _MAY_I.found(text):  # "I'm 15, can I sign up"
        return "audience"
    return attribute


# "working at heights too?", "and WHMIS as well?" after whether it teaches one thing: the same question of another
# thing. Never a field or a school ("cybersecurity too?" widens a search) nor a fact of its own ("online too?").
_ELLIPTIC = re.compile(r"^\s*(?:(?:and|also|ok|okay|so)[\s,]+)?(?:what about |how about )?"
                       r"(?P<topic>[a-z][\w &/-]{1,40}?),? (?:too|as well|also)\s*[?!.]*$")


def _elliptic_skill(folded: str, parsed: ParsedQuery) -> str | None:
    m = _ELLIPTIC.match(folded.lower())
    if m is None or _NOT_A_TOPIC.match(m["topic"]) or _NOT_A_TOPIC_WORDS.search(m["topic"]) or \
            detect_attribute(m["topic"]):
        return None
    # a school, or a field by its name alone ("trades too?", "cybersecurity as well?"): a search, not a skill
    named = {parsed.mentions.get("provider", "").lower(), parsed.mentions.get("area", "").lower()}
    if "provider" in parsed.mentions or m["topic"].strip() in named:
        return None
    return m["topic"]


_NOT_A_TOPIC = re.compile(r"(it|that|this|them|me|you|i|we|they|he|she|what|how|who|anything|something|more|same|"
                          r"there|here|yes|no|ok|okay|thanks?|thank you|can|could|would|will|do|does|is|are|show|"
                          r"give|find|tell|let)\b")
# Words of a request for more results ("the trades stuff too", "other courses as well"), not one thing taught.
_NOT_A_TOPIC_WORDS = re.compile(r"\b(stuff|things?|ones?|courses?|options?|programs?|classes|micro-?credentials?|"
                                r"credentials?|results?|others?|me|you)\b")


def _closing(text: str) -> str | None:
    """ "goodbye" or "thank" for thanks or a farewell said at length with nothing asked, else None."""
    if _ASKING.found(text):
        return None
    if _FAREWELL.found(text):
        return "goodbye"
    return "thank" if _THANKS.found(text) else None


@dataclass(frozen=True, slots=True)
class Opening:
    """The first reading of a message: what its embedding needs, so the encode can start while the rest is read.

    ``read_message`` is ``finish_reading(start_reading(text))``; the service starts the encode between the two, and
    the model and this Python run at once (ONNX Runtime releases the GIL)."""

    text: str  # redacted, as typed
    folded: str
    analysed: AnalysedQuery | None  # the whole folded text, corrected and expanded (None: a payload, or no vocabulary)
    decided: Recognised | None  # a payload or a rule: no model needed
    meta: bool = False
    off_topic: bool = False
    asked: str = ""  # ``folded`` without what the person dismisses ("forget OSAP")

    @property
    def needs_embedding(self) -> bool:
        return self.decided is None

    @property
    def search_text(self) -> str:
        """What the model embeds: ``UserMessage.search_text`` of the message this opening becomes."""
        return self.analysed.search_text if self.analysed is not None else self.folded


def read_message(text: str, *, vocabulary: Vocabulary | None) -> UserMessage:
    """Read ``text`` (already redacted) once: what later stages of the turn need, with no model. Without a
    vocabulary (no knowledge base: intent tests) only payloads and rules are read."""
    return finish_reading(start_reading(text, vocabulary=vocabulary), vocabulary=vocabulary)


def start_reading(text: str, *, vocabulary: Vocabulary | None) -> Opening:
    """What decides whether the message needs the model, and the text it would embed: the payload or rules, the
    corrected and expanded text. About a third of reading a message; the rest (``finish_reading``) can run beside
    the encode."""
    folded = read_sms(fold_shouting(text))
    decided = parse_payload(text)
    if vocabulary is None or decided is not None:  # a button's intent and entities say everything
        return Opening(text=text, folded=folded, analysed=None, decided=decided or match_rules(folded))
    meta = bool(_META.found(folded))
    off_topic = (_OFF_TOPIC.found(folded) or _WRITE_FOR_ME.found(folded)) and not _SOMEONE.found(folded)
    asked = _DISMISSED.sub(" ", folded)  # "forget OSAP": not an OSAP ask
    return Opening(
        text=text,
        folded=folded,
        analysed=vocabulary.analyse(folded),
        decided=Recognised("out_of_scope", 1.0, source="rule") if meta or off_topic else match_rules(asked),
        meta=meta,
        off_topic=bool(off_topic),
        asked=asked,
    )


def finish_reading(opening: Opening, *, vocabulary: Vocabulary | None) -> UserMessage:
    """The rest of ``read_message``, from its ``opening``."""
    text, folded, decided = opening.text, opening.folded, opening.decided
    if vocabulary is None:
        bare = ParsedQuery(text=folded, filters=SearchFilters(), corrected=folded, search_text=folded)
        return UserMessage(text=text, folded=folded, parsed=bare, decided=decided)
    kb = vocabulary.kb
    if opening.analysed is None:  # a button: its intent and entities say everything
        return UserMessage(text=text, folded=folded, parsed=parse_query("", kb, vocabulary=vocabulary),
                           decided=decided)  # fmt: skip
    excluded, kept, named_out = _excluded(_GREETING_OPEN.sub("", folded, count=1), kb, vocabulary)
    parsed = parse_query(kept, kb, vocabulary=vocabulary, analysed=opening.analysed)
    if ruled_out := {name for name, value in named_out if parsed.mentions.get(name) and
                     parsed.filters.as_dict().get(name) == value}:  # fmt: skip
        # "anything but health care, I'm done with hospitals": the reason's word names what it rules out, no filter
        # (not "I'm no computer genius ... do you have cyber security?": computers in general, then a field named)
        filters = replace(parsed.filters, **dict.fromkeys(ruled_out))  # type: ignore[arg-type]
        mentions = {k: v for k, v in parsed.mentions.items() if k not in ruled_out}
        parsed = replace(parsed, filters=filters, mentions=mentions)
    if kept != folded:  # search with every word the person typed; the filters come from what was not excluded
        whole = opening.analysed
        parsed = replace(parsed, text=folded, search_text=whole.search_text, corrected=whole.corrected)
    meta, off_topic, asked = opening.meta, opening.off_topic, opening.asked
    singular = _SINGULAR.found(re.sub(r"\bIT\b", " ", folded))  # "I meant IT": the field, not "it"
    # "what do they teach in it": "they" is the school when "it" names the credential.
    plural = _PLURAL.found(_SCHOOL_THEY.sub(" ", folded) if singular else folded)
    asks_pay = bool(_PAY.found(folded))
    in_it = singular and _IN_IT.found(folded)  # "what do they teach in it": of the one in focus, not the school's
    partners = partner_records(folded, kb)
    skill = asked_skill(_GREETING_OPEN.sub("", folded, count=1))
    elliptic = skill is None and (skill := _elliptic_skill(folded, parsed)) is not None
    titled, unnamed = _titled(folded, kb)  # "is the online one free?": the fact is read without "the online one"
    # a short question first, a reason after it ("What about evenings? The girls are in bed by 8."): the question
    first = _FIRST_QUESTION.match(folded)
    lead = first.group(0) if first and first.end() < len(folded.rstrip()) else None
    describes_one = _THE_X_ONE.found(folded)
    closest = _CLOSEST.found(folded)
    identity = bool(_IDENTITY.search(folded))  # "are you a real person?" asks what it is, not for a person
    story = bool(_STORY.found(folded)) and (len(folded) >= 160 or bool(_CAREER_ASK.found(folded)))
    # a story that ends asking what to do ("... Can you help", "... What can I do?") asks for courses, whatever its
    # words said on the way ("nights mostly", "9 years", "money is tight" name no fact asked)
    story_ask = story and _CAREER_ASK.found(_SENTENCE_END.split(folded.rstrip(" ?!."))[-1])
    gives_contact = PHONE_PLACEHOLDER in text or EMAIL_PLACEHOLDER in text  # the person's own number or e-mail
    follow_up = is_follow_up(folded, parsed) or (lead is not None and is_follow_up(lead, parsed))
    if follow_up and ("area" in parsed.mentions or parsed.related_words) and (
        _ANOTHER_PERSON.found(folded) or _CORRECTION.found(folded)
    ):
        # "and for him, anything for plant workers" after free ones for her: his subject, none of her filters;
        # "not that, something with computers instead": the new subject, not the old one narrowed
        follow_up = False
    attribute = _attribute(unnamed, parsed, guesses_partner=bool(partners) or "provider" in parsed.mentions,
                           names_partner=bool(partners), skill=skill)  # fmt: skip
    return UserMessage(
        text=text,
        folded=folded,
        parsed=parsed,
        excluded=excluded,
        correction=bool(_CORRECTION.found(folded))
        and bool(parsed.filters.as_dict() or excluded or parsed.related_words),  # "no, computers": a subject too
        decided=decided,
        attribute=None if asks_pay and attribute == "cost" else attribute,  # what a job pays is not a price
        skill=skill,
        elliptic_skill=elliptic,
        asks_how_to_pay=bool(_HOW_TO_PAY.found(folded)),
        part=_part(folded),
        ordinal=ordinal_of(folded),
        compared=compared_positions(text),  # before text-message spelling reads "1 and 2 pls" as "1 and to please"
        compares=asks_to_compare(folded),
        either_or=" or " in folded,
        pronoun="plural" if plural else ("singular" if singular or describes_one else None),
        describes_one=describes_one,
        names=_names(folded, kb) or _expanded_names(folded, parsed, kb),
        titled=titled,
        partners=partners,
        funding_program=detect_program(asked),
        funding_aspect=detect_aspect(asked),
        asks_payer=asks_payer(asked),
        same_for=bool(_SAME_FOR.found(folded)),
        what_about=bool(_WHAT_ABOUT.found(folded)),
        same_topic=_SAME_TOPIC.found(folded) or closest,
        asks_closest=closest,
        asks_guarantee=bool(_GUARANTEE.found(folded)),
        asks_pay=asks_pay,
        asks_logistics=bool(_LOGISTICS.found(folded)),
        audience=detect_audience(folded),
        abusive=is_abusive(folded),
        frustrated=bool(_FRUSTRATED.found(folded)),
        french=bool(_FRENCH.found(folded)),
        meta=meta,
        asks_contact=_CONTACT.found(unasked := _IDENTITY.sub(" ", folded) if identity else folded)
        or _SOMEONE_TO_CALL.found(unasked),
        wants_call_back=gives_contact and _CONTACT_ME.found(folded),
        asks_identity=identity,
        asks_career_help=(_CAREER_HELP.found(folded) or _WRITE_FOR_ME.found(folded))
        and not _CAREER_SUBJECT.found(folded) and not (_HELPS_OTHERS.found(folded) and "area" in parsed.mentions),
        also=_second_asks(asked),
        asks_what_is=_WHAT_IS.found(folded),
        asks_offerings=_OFFERINGS.found(folded) and not in_it,
        at_that_school=_AT_THAT_SCHOOL.found(folded) and not in_it,
        other_school=_OTHER_SCHOOL.found(folded),
        entry_follow_up=_ENTRY_FOLLOW_UP.found(folded),
        asks_what_they_are=_WHAT_ARE_THEY.found(folded),
        whole=_WHOLE.found(folded),
        asks_attendance=_ATTENDANCE.found(folded),
        asks_facts=_ASKS_FACTS.found(folded),
        asks_for_courses=(_ASKS_FOR_COURSES.found(folded) and not _ABOUT_IT.found(folded)) or story_ask
        or (gives_contact and _BARE_COURSE_ASK.found(folded)),  # "..., anything in health care? is it free"
        off_topic=off_topic,
        closing=_closing(folded),
        story=story,
        question=_QUESTION.found(folded),
        fragment=is_fragment(folded, parsed) or (lead is not None and is_fragment(lead, parsed)),
        follow_up=follow_up,
        training=names_training(folded),
        refers_back=refers_back(folded),
        picks_among=bool(plural) and parsed.filters.cost == "free" and _PICKS_AMONG.found(folded),
    )
