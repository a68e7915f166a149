"""One funding program, or one aspect of paying for training ("how much", "what does it cover", "how do I apply",
"who can get it", "how long can the training be", "any free?"), answered with the FAQ's own sentences: nothing is
said that knowledge/faq.yaml does not say, and the date the funding facts were read comes along."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.patterns import lowered
from knowledge.schema import KnowledgeBase

# The FAQ topics whose sentences talk about paying for training, in the order they are quoted.
FUNDING_TOPICS = ("cost_and_funding", "eligibility", "enrolment")


@dataclass(frozen=True)
class Program:
    name: str  # as the FAQ writes it
    asked: re.Pattern[str]  # how a person names it
    sources: str  # how the keys of its sources in knowledge/sources.yaml begin
    # how a person names it by its amount, looked for only when the text holds ``digits`` (most messages don't)
    amount: re.Pattern[str] | None = None
    digits: str = ""


PROGRAMS: dict[str, Program] = {
    "better_jobs_ontario": Program(
        "Better Jobs Ontario",
        # its name or its old name; or by whom it is for, as a funding answer put it ("does the laid off one still
        # work for her", "the one for people who got laid off", "that program for laid-off workers")
        re.compile(r"\bbetter jobs\b|\bsecond career\b|\b(the|that|this) laid[- ]?off (one|program|thing|fund\w*)|"
                   r"\b(the|that|this) (one|program|thing|fund\w*) for (people |folks |ppl |workers |those |someone "
                   r")?(who (got |were |was |are |have been )?)?laid[- ]?off\b", re.I),
        "better-jobs",
        # its amount given for training ("someone told me there's like 28 grand for school", "someone at the EO
        # office mentioned 28 grand", "can we both get the 28000 thing"), not an amount earned ("I made 28k a year")
        re.compile(
            r"\b(there'?s|get|gets|give[sn]?|giving|pays?|offers?|grants?|fund\w*|mention\w*|said|says|told|heard|"
            r"talk\w* about)\b[^.?!]{0,30}?\$?\b28 ?(grand|g|k|thousand|,?000)|"
            r"\$?\b28 ?(grand|g|k|thousand|,?000)\b[^.?!]{0,20}?\b(for|to|towards?) (school|training|"
            r"retrain\w*|courses?|tuition|college)\b|"
            r"\b(the|that|this) \$?28 ?(grand|g|k|thousand|,?000) (dollar |\$ )?(thing|program\w*|one|grant|money|"
            r"deal|fund\w*|offer)",
            re.I,
        ),
        "28",
    ),
    "osap": Program("OSAP", re.compile(r"\bosap\b|\bstudent (loans?|aid)\b", re.I), "osap"),
    "job_grant": Program("Canada-Ontario Job Grant", re.compile(r"\bjob grant\b", re.I), "trent"),
}
# (aspect, how a person asks about it, the sentences that answer it), most specific first.
ASPECTS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    # How long the training it pays for may be ("how long can the training be", "what if it's 6 months long"):
    # the sentences that give a limit in weeks.
    (
        "length",
        re.compile(
            r"\b(how long|length|duration|longest|time limit|how many (weeks|months)|(weeks?|months?|years?) long|"
            r"longer than|shorter than|(full|half)[- ]year|"
            r"\d+[- ](weeks?|months?)( long)? (program|course|training))\b",
            re.I,
        ),
        re.compile(r"\b\d+ weeks\b", re.I),
    ),
    (
        "amount",
        # "what's the most they'd give me", "the highest amount", "is there a limit"
        re.compile(r"\b(how much|amount|max(imum)?|up to|how many dollars|how big|limit|cap|the most|at most|"
                   r"(highest|biggest|largest|top) (amount|sum|payment|grant))\b", re.I),
        re.compile(r"\$|\bamount\b|\bup to\b", re.I),
    ),
    (
        "apply",
        # "how do I get it" after a funding program: how to get the money, not how to enrol in a course
        re.compile(r"\b(apply|applying|application|sign up|register|(go|do) first|first or|how (do|can|would|could) "
                   r"(i|we|you) (get|obtain|access|receive) (it|that|this|them|the (money|funding|grant|loan))|"
                   r"how to get (it|that|this|them))\b", re.I),
        re.compile(r"\b(apply|register|meet)\b", re.I),
    ),
    (
        "who",
        re.compile(
            # of someone else too ("my cousin quit, she wasn't laid off. can she get it too?")
            # ("would that disqualify me", "i still pick up about 15 hrs a week")
            r"\b(eligible|eligibility|qualify|disqualif\w*|count against|(can|could) (i|we|s?he|they) (still |also |"
            r"even )?(get|have|use)|who can|(still|also) (pick up|work|do|get) (about |like |around )?\d+ ?(hours|hrs)|"
            r"who('?s| is) (it|that|this) for|"
            r"(wasn'?t|was not|weren'?t|never|not) (been |got |get )?(laid[- ]off|let go)|"
            r"(i|s?he|they|we) quit|"
            # "what if I've been unemployed for 7 months"
            r"(i'?ve|i have|s?he'?s|s?he has|we'?ve) been (unemployed|out of work|off work|laid off)|"
            # "i'm still working full time though", "what if I have a job right now": employed, so who may get it
            r"(i'?m|i am|im) (still |currently |now |already )?(working|employed)|(currently|still) (working|employed)|"
            r"i (still |currently )?work (full|part)[- ]?time|(have|got) a (full[- ]time |part[- ]time )?job|"
            r"permanent resident|citizens?|"
            r"refugee|protected person|international student|newcomer)\b",
            re.I,
        ),
        re.compile(r"\b(citizens?|residents?|laid[- ]off|unemployed|eligible|workers)\b", re.I),
    ),
    (
        "coverage",
        re.compile(r"\b(cover(s|ed)?|pay (for|towards?)|include[sd]?|books|tuition|living allowance|rent)\b", re.I),
        re.compile(r"\bcover(s|ing)?\b", re.I),
    ),
    ("free", re.compile(r"\bfree\b|\bno cost\b|\bcosts? nothing\b", re.I), re.compile(r"\bfree\b", re.I)),
    # "and if my course runs 4 months?": a length said last, so "unemployed 6 months, do I qualify" asks who
    ("length", re.compile(r"\b\d+ (weeks?|months?)\b", re.I), re.compile(r"\b\d+ weeks\b", re.I)),
)
# Where getting the money starts ("where do I even start with that one", "what's the first step"): how to apply,
# looked for (needles first) only when no aspect before "apply" was asked.
_START = lowered(re.compile(r"\b((where|how) (do|would|should|can|could) (i|we) (even |actually )?(start|begin|"
                            r"get started)|where to (start|begin)|(first|next) steps?|"
                            # "where do I go to start that", "who do I see to get it started", "where would I go
                            # to sign up for it", "where do i even go to start that"
                            r"(where|who) (do|would|should|can|could) (i|we) (even |actually |just |then |now |first )?"
                            r"(go|turn|see|talk to|call|contact|ask) (to|for|about) "
                            r"(start(ing)?|begin(ning)?|get(ting)? (it |that |this )?started|sign(ing)? up|apply(ing)?|"
                            r"get(ting)? (it|that|this))|"
                            # the place itself, of the program just answered ("where do i go for that", "who do i
                            # turn to for it", "where do we go from here")
                            r"(where|who) (do|would|should|can|could) (i|we) (even |actually |just |then |now |first )?"
                            r"(go|turn)( to)? (for|with|about) (it|that|this|them)|where (do|should|would) (i|we) go "
                            r"(from here|next|now)|"
                            # "how do i get the ball rolling on that", "who handles that", "who deals with it"
                            r"(get|getting) (the ball rolling|(it|that|this|things) (going|rolling|moving))|"
                            r"who (handles|deals with|processes|takes care of|looks after) (it|that|this|them|the "
                            r"(applications?|paperwork)))\b", re.I),
                 needles=("start", "begin", "step", "sign", "apply", "get", " go", "turn", "handles", "deals",
                          "processes", "takes care", "looks after"))  # fmt: skip
# Someone else paying for training, no program named ("can the government pay for it", "is there government money
# for this", "any help paying for it?", "will EI cover it"): the funding programs, not the price of the records.
# Every match of _PAYER holds one of these (a quick check before its long alternation).
_PAYER_NEEDLES = ("pay", "cover", "fund", "sponsor", "reimburse", "chip in", "gov", "provinc", "federal", "subsid",
                  "cost", "tuition", "fee", "pocket", "paid")
# The workplace paying, said in more words ("the company i work for might ...", "my boss said they could ...").
_WORKPLACE_SAID = (r"(the|my|our) [\w-]+ (i|we) (work|do [\w-]+) (at|for|in)( [\w-]+){0,3}? (will|would|could|can|"
                   # ("the orthodontist I do reception for in Brooklin might pay")
                   r"might|may)|"
                   r"(the|my|our) (company|place|shop|store|business|office) (i|we) work (at|for|in)( will| would|"
                   # ("my boss at the dental office in Whitby said they might ...")
                   r" could| can| might| may)|(boss|supervisor|manager|employer|work|company|owner)( \w+){0,7} "
                   r"(said|says|told me|mentioned)( that)? (they|she|he|it|work|the (company|board|organi[sz]ation|"
                   r"agency|charity|org|owners?))('d| will| would| could|"
                   r" can| might| may)|"
                   # "my employer offered to cover a course", "my boss at the clinic agreed to pay for it"
                   r"(boss|supervisor|manager|employer|work|company|owner)( \w+){0,7} (offered|offers|agreed|agrees|"
                   r"promised|is willing|'s willing|are willing|wants|want) to")
_PAYER = re.compile(
    r"\b(government|gov'?t|province|provincial|federal|ontario|canada|employment insurance|ei|employer|my work|"
    r"my company|my boss|my supervisor|my job|my union|a program|any program|anyone|anybody|someone|somebody|"
    # "my boss says work might pay for a course": the workplace, as a payer only with a modal (not "does work pay")
    r"(work|boss|employer|company|manager|supervisor|workplace)(?= (will|would|could|can|might|may) )|"
    # "the company i work for might pay", "boss said they could reimburse a course"
    + _WORKPLACE_SAID + r") "
    # ("is there a program that pays for retraining")
    r"(that |which |who )?(will |would |could |can |might |may |ever |"
    # "my neighbour said the government pays laid off people to go back to school", "heard the govt pays for it"
    r"really |actually |still |now |also )?((help (me )?)?(pay|cover|fund|sponsor|reimburse|chip in)(s|es)?\b|"
    # "would EI help with this", "can the government help out": help from a payer is paying
    r"help (me )?(out|with (it|this|that|them|the (costs?|tuition|fees?)))\b)|"
    # "is there anything that covers it", "something to pay for the course", "anyone who'd fund the tuition"
    # ("is there anything out there that would cover the school part": the schooling's cost)
    r"\b(anything|something|anyone|anybody|someone|somebody|a program|any program)( out there| at all)? (that|which|"
    r"who|to)('?d| will| would| could| can| might)? (helps? (me |us )?(to )?)?(pay|cover|fund|sponsor)(s|es)? (for )?"
    # (not "something that covers education", a course on a subject)
    r"(it|this|that|them|my tuition|the (tuition|course|training|program|costs?|fees?)|(the|my) (school|schooling|"
    r"classes|education)( part| side| costs?| bills?| fees?)?|(school|schooling|classes|education) (part|side|costs?|"
    r"bills?|fees?))\b|"
    r"\b(government|gov'?t|provincial|federal) (money|help|assistance|support|aid|programs?|funds?|subsid\w*|loans?)\b|"
    # "is there anything from the government", "does the province offer anything": what the government gives,
    # asked after prices or a payer (the programs), never a course the government runs (none are recorded)
    # ("there is some help from government?", "some money from the province")
    r"\b(anything|something|(any|some) ?(help|money|support|aid|funding))( at all)? (from|through|by|with) (the )?"
    r"(government|gov'?t|province|feds|federal government)\b|"
    r"\b(government|gov'?t|province|feds)( \w+)? (offers?|gives?|has|have|provides?) (anything|something|any)\b|"
    # "any help paying for the health ones then?": a field's records (the programs may pay, whatever the field)
    r"\bhelp (me )?(with )?(pay(ing)?|cover(ing)?) (for )?(it|this|that|them|these|the (course|training|program|"
    r"tuition|fees?|costs?)|(the|these|those) ([\w-]+ ){1,2}(ones|courses|programs|micro-?credentials))\b|"
    r"\bhelp(s|ing)? (me |us )?with (the )?(costs?|tuition|fees)\b|\b(subsid(y|ies|ized|ised)|sponsorship)\b|"
    # someone else paying, said of the person's own money: "a way to do one without paying out of my own pocket",
    # "can I get one of these paid for", "without it coming out of my pocket"
    r"\bwithout (me )?(paying|having to pay|spending)( for (it|them|one))? (out of|from) (my|our) (own )?"
    r"(pocket|savings|money)\b|\bout[- ]of[- ](my )?(own )?pocket\b|"
    r"\b(get|have) (it|them|one|one of (these|those|them)|this|that|the (course|training|tuition|fees?)) "
    r"(paid for|covered|funded|sponsored)\b|"
    # help asked so as not to pay oneself ("is there any help out there so i dont have to pay for retraining", "any
    # support so we wouldn't need to pay it all"): someone else paying, not a wish for the free ones
    r"\b(help|support|assistance|aid|money|funding|programs?)\b[^.?!]{0,30}\bso (that )?(i|we|he|she|they) "
    r"(don'?t|do not|won'?t|will not|wouldn'?t|would not)( have to| need to| gotta| hafta)? (pay|spend)\b|"
    # "does the government do anything to help people retrain", "any help from the govt to go back to school":
    # government help to train is paying for training (the programs), not a search for "government" courses
    r"\b((government|gov'?t|provincial|federal)\b[^.?!]{0,40}\b(help|support|assist)\w*|"
    r"(help|support|assistance)\b[^.?!]{0,20}\b(government|gov'?t|province|provincial|federal))\b"
    r"[^.?!]{0,30}\b(re-?train\w*|back to (school|college)|training|upgrad\w*|(new|a) trade|skills?)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_CAVEAT = re.compile(r"\brules change\b|\bconfirm with\b", re.I)
_LEAD_IN = re.compile(r"^(Funding may help|For funding)[:,]\s*")  # words that joined the sentence to the one before
# Help for an employer (or a nonprofit) that trains its staff ("does my boss get any help if they send me on
# training?", "can the company get a grant for it", "any funding for nonprofits to train staff"): the one such
# program the FAQ names, the Canada-Ontario Job Grant; not "can my employer pay for it" (who pays: _PAYER).
_EMPLOYER_HELP = lowered(
    re.compile(
        r"\b(employers?|boss|company|companies|workplace|manager|organi[sz]ations?|non-?profits?|charit(y|ies)|"
        r"business(es)?|my work)( will| would| could| can| might)? (get|gets|receive|qualify for|apply for)"
        r"( any| a| some)? (help|money|funding|grants?|support|subsid\w*)|"
        r"\b(money|funding|grants?|help|support|subsid\w*) for (an? |my |the |our )?"
        r"(employers?|companies|business(es)?|non-?profits?|charit(y|ies)|organi[sz]ations?)\b",
        re.I,
    ),
    needles=("employer", "boss", "compan", "workplace", "manager", "organi", "profit", "charit", "business",
             "my work"),
)


# Someone who lost a job ("got laid off", "was let go", "lost his job"): Better Jobs Ontario is the program for
# laid-off workers, when money for training is what they ask ("is there $ for ppl who got laid off", "any grants if
# you were let go") or funding was just answered ("and is there another program if I was laid off" after OSAP).
# A workplace that closed is a lay-off said another way ("the plant i worked at shut down", "when your plant closes on
# you", "the salon went under", "they shut the whole building down", "a plant closure"); not a course or a school
# that is closed ("is the course closed", "is the campus closed on sundays": no workplace named).
_CLOSED = (r"(plants?|factor(y|ies)|mills?|shops?|stores?|salons?|restaurants?|compan(y|ies)|business(es)?|workplaces?|"
           r"employers?|warehouses?|dealerships?|branch(es)?|locations?|mines?)\b[^.?!,;]{0,30}?\b(clos(e|es|ed|ing)"
           r"(?! to\b)|shut(s|ting)?\b|went (under|bankrupt|out of business)|going (under|bankrupt|out of business)|"
           r"folded|bankrupt)|\b(shut|shuts|shutting|closed|closing) (it|us|them|(the|my|our|his|her|their) (whole "
           r"|entire )?[\w-]+|everything)( \w+)? down\b|"
           r"\b(plant|factory|mill|mine|store|shop|site) (closures?|closings?|shutdowns?)")
_LAID_OFF = lowered(re.compile(r"\b(laid[- ]?off|let go|lost (my|his|her|their|our|a|the) jobs?|layoffs?)\b|"
                               + _CLOSED, re.I),
                    needles=("laid", "let go", "lost", "layoff", "clos", "shut", "under", "bankrupt", "folded"))
# Money for training asked about, in any words ("$", "cash", "help paying", "something that pays for the course").
# (help to retrain, to someone who was laid off, is the program for them: "any help for retraining when your plant
# closes", "is there support to go back to school if you get let go")
_MONEY = lowered(re.compile(r"\$|\b(money|cash|funding|funds?|funded|grants?|financial|bursar(y|ies)|subsid\w*|"
                            r"(pay|pays|paying|paid) (for|4|towards?)|afford|help (with )?(paying|the cost|tuition)|"
                            r"(help|support|assistance) (for|with|to|in) (re-?train\w*|(go|going|get|getting) back to "
                            r"(school|college)|(get|getting) (re-?)?trained|upgrad\w*)|"
                            # "nothing saved for tuition. is there any help out there?"
                            r"(saved|savings|saving) (for|4) (tuition|school|college|courses?|training)|"
                            r"(tuition|school fees?|course fees?)\b[^.?!]*[.?!]\s*(is there |are there )?any "
                            r"(help|support|assistance))\b",
                            re.I), needles=("$", "money", "cash", "fund", "grant", "financ", "bursar", "subsid", "pay",
                                            "paid", "afford", "help", "support", "assistance", "saved", "saving",
                                            "tuition"))


# (``low`` below: the text lowered, when the caller has it; a ``LoweredText`` skips the patterns not in it)
def laid_off(text: str, low: str | None = None) -> bool:
    """Whether a message says someone was laid off (let go, lost a job)."""
    return _LAID_OFF.found(text, low)


def asks_money(text: str, low: str | None = None) -> bool:
    """Whether a message speaks of money for training (read only of a message that says someone was laid off)."""
    return _MONEY.found(text, low)


_PROGRAMS_ASKED = tuple((key, lowered(program.asked), program) for key, program in PROGRAMS.items())
_ASPECTS_ASKED = tuple((name, lowered(asked)) for name, asked, _ in ASPECTS)


def detect_program(text: str, low: str | None = None) -> str | None:
    """The funding program a message names (its name, an old name or its amount), or the employers' one its
    words ask for."""
    for key, asked, program in _PROGRAMS_ASKED:
        if asked.found(text, low):
            return key
        if program.amount is not None and program.digits in text and program.amount.search(text):
            return key
    return "job_grant" if _EMPLOYER_HELP.found(text, low) else None


def detect_aspect(text: str, low: str | None = None) -> str | None:
    """What about paying for training a message asks: length, amount, apply, who, coverage or free."""
    for name, asked in _ASPECTS_ASKED:
        if asked.found(text, low) or (name == "apply" and _START.found(text, low)):
            return name
    return None


# The person's own employer as the payer asked about ("will my work pay for it", "would my boss cover it"): whether
# it will is for the employer to say (read only of a message that asks who pays).
_EMPLOYER_PAYS = re.compile(r"\b(employer|my (work|company|boss|job|union|workplace|manager|supervisor)|"
                            r"(work|boss|company|manager|supervisor|workplace) (will|would|could|can|might|may) "
                            r"(help )?(pay|cover|fund|sponsor|reimburse)|" + _WORKPLACE_SAID + r")\b", re.I)


def employer_pays(text: str) -> bool:
    """Whether a message that asks who pays asks it of the person's own employer."""
    return bool(_EMPLOYER_PAYS.search(text))


def asks_payer(text: str) -> bool:
    """Whether a message asks if someone else (the government, a program) pays for training, naming no program."""
    low = text.lower()
    return any(needle in low for needle in _PAYER_NEEDLES) and bool(_PAYER.search(text))


def _sentences(kb: KnowledgeBase) -> list[tuple[str, str]]:
    return [
        (topic, sentence.strip())
        for topic in FUNDING_TOPICS
        if topic in kb.faq
        for sentence in _SENTENCE.split(kb.faq[topic].answer.strip())
    ]


def _standalone(sentence: str) -> str:
    bare = _LEAD_IN.sub("", sentence)
    return bare[:1].upper() + bare[1:]


def funding_answer(kb: KnowledgeBase, program: str | None, aspect: str | None) -> tuple[str, tuple[str, ...]] | None:
    """The FAQ sentences about ``program`` (any program when None; with ``aspect`` "free", every cost sentence)
    that answer ``aspect`` (all of them when none does), with the date caveat; and the keys of their sources (the
    program's own first). None when the FAQ says nothing about it."""
    sentences = _sentences(kb)
    names = [PROGRAMS[program].name] if program in PROGRAMS else [p.name for p in PROGRAMS.values()]
    if aspect == "free" and program is None:
        pool = [(t, s) for t, s in sentences if t == "cost_and_funding" and not _CAVEAT.search(s)]
    else:
        pool = [(t, s) for t, s in sentences if any(name in s for name in names)]
    answers = {name: pattern for name, _, pattern in ASPECTS}
    if aspect in answers:
        pool = [(t, s) for t, s in pool if answers[aspect].search(s)] or pool
    if not pool:
        return None
    chosen = list(dict.fromkeys(_standalone(s) for _, s in pool))
    if aspect != "free":
        chosen += [s for _, s in sentences if _CAVEAT.search(s) and s not in chosen][:1]
    text = " ".join(chosen)
    keys = dict.fromkeys(key for topic in dict.fromkeys(t for t, _ in pool) for key in kb.faq[topic].sources)
    prefixes = {p.sources for key, p in PROGRAMS.items() if p.name in text and (program is None or key == program)}
    own = [key for key in keys if any(key.startswith(prefix) for prefix in prefixes)]
    return text, tuple(own or keys)
