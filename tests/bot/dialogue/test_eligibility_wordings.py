"""Who can enrol, asked in many people's wordings (text-message spelling, capitals, a story ending in the ask; of
oneself, a son, a parent; an age, a grade, no diploma, a GED, not a student, new to Canada, retired, a disability;
"do I qualify", "prerequisites", "entrance requirements"), first, after a search, or of the one in focus: the school's
rule as the knowledge base states it, of the focus's school when one is in focus, never a search, another school's
rule or "not sure I understood". A story that only says an age ("I'm 52 and lost my job at the plant, what can I do")
stays a search.

Each case: the context (what was said before), what is expected ("elig": who can enrol; "search": cards), the
message."""

from __future__ import annotations

import pytest

from bot.dialogue.engine import Advisor
from bot.runtime import Runtime
from bot.store.base import MemoryStore

# What was said before the message, and what its answer must say (any one) and must not say (another school's rule).
_CONTEXTS: dict[str, tuple[list[str], tuple[str, ...], tuple[str, ...]]] = {
    "first": ([], ("19 or older", "community members", "public and"), ()),
    "search": (["any construction courses at durham college"], ("19 or older",), ()),
    "searchot": (["what health care ones does ontario tech have"], ("community members",), ()),
    "focusdc": (["tell me about construction jobsite readiness"], ("19 or older",), ("community members",)),
    "focusot": (["tell me about critical thinking"], ("community members",), ("19 or older",)),
    "focustr": (["tell me about empowered educators"], ("Online educators", "public"), ("19 or older",
                                                                                      "community members")),
}
CASES = [
    ('first', 'elig', 'my son is in grade 11, could he sign up for one of these'),
    ('first', 'elig', 'is there an age limit for the micro credentials'),
    ('first', 'elig', 'wat r the entrance requirements'),
    ('first', 'elig', 'I never finished high school. Am I able to enrol?'),
    ('first', 'elig', 'do u need a GED to take these'),
    ('first', 'elig', "I'm not a student anywhere right now, can I still register?"),
    ('first', 'elig', 'im not from here, am i allowed to take a course'),
    ('first', 'elig', 'WHAT DO I NEED TO GET IN'),
    ('first', 'elig', 'requirements to sign up?'),
    ('first', 'elig', 'do i qualify for these courses'),
    ('first', 'elig', "I'm retired, 67, can I still join a course?"),
    ('first', 'elig', 'I have a disability, can I still take a micro-credential?'),
    ('first', 'elig', 'my mom is 74 and wants to learn something, would they take her'),
    ('first', 'elig', 'can a 15 year old do these'),
    ('first', 'elig', 'my kid is 16, is that old enough'),
    ('first', 'elig', 'Hi! So I left school in grade 10 years ago, worked in warehouses since, and now I want to '
                      'upskill. Do I need my diploma to get into one of these?'),
    ('first', 'elig', "am i eligible if i'm on a work permit"),
    ('first', 'elig', 'just came to canada in may, can i apply'),
    ('first', 'elig', 'who is allowed to take these programs'),
    ('first', 'elig', 'is there a minimum age'),
    ('first', 'elig', 'u gotta be 19?'),
    ('first', 'elig', 'whats needed to get accepted'),
    ('first', 'elig', 'Do you need prerequisites?'),
    ('first', 'elig', 'Hey, my dad got laid off at 60 and wants to go back to school, will they let him enroll at '
                      'that age?'),
    ('first', 'elig', 'no high school diploma - is that a problem?'),
    ('first', 'elig', 'do they accept ppl w/o grade 12'),
    ('first', 'elig', 'can i enroll if im still in highschool'),
    ('first', 'elig', 'i dropped out at 16 am i still allowed to do a micro credential'),
    ('first', 'elig', 'what are the admission requirements at ontario tech'),
    ('first', 'elig', 'can anyone sign up at trent'),
    ('first', 'elig', 'how old do you have to be at durham college'),
    ('search', 'elig', 'can my 17 yr old take these'),
    ('search', 'elig', 'do I need a high school diploma for these'),
    ('search', 'elig', 'what do you need to get into them'),
    ('search', 'elig', 'am i too young at 18'),
    ('search', 'elig', 'r there any prereqs'),
    ('search', 'elig', 'im 45 w no diploma, can i still get in'),
    ('search', 'elig', 'is my GED good enough'),
    ('search', 'elig', "would my son qualify, he's in grade 12"),
    ('search', 'elig', "I'm a permanent resident, not a citizen. Can I register for these?"),
    ('searchot', 'elig', 'do you have to be a student at ontario tech to take those'),
    ('searchot', 'elig', 'im a nurse from the philippines, can i take those'),
    ('focusdc', 'elig', 'what do i need to get into it'),
    ('focusdc', 'elig', 'can i sign up at 17'),
    ('focusdc', 'elig', 'my daughter is in grade 11, could she do this one'),
    ('focusdc', 'elig', 'are there prerequisites for it'),
    ('focusdc', 'elig', 'is there an age limit'),
    ('focusdc', 'elig', 'do i qualify without a diploma'),
    ('focusdc', 'elig', 'hes 18 is that ok'),
    ('focusot', 'elig', 'who can take it'),
    ('focusot', 'elig', "i'm not a student there, can i still register"),
    ('focusot', 'elig', 'do i need any prerequisites'),
    ('focusot', 'elig', 'am i eligible'),
    ('focustr', 'elig', 'who can take it'),
    ('focustr', 'elig', 'can i join if im not a teacher'),
    ('first', 'search', "I'm 52 and lost my job at the plant, what can I do"),
    ('first', 'search', 'im 19 and want to get into IT, what courses are there'),
    ('first', 'search', 'my son is 17 and loves computers, anything for him in cybersecurity'),
    ('first', 'search', "I'm 60, retired from teaching, interested in health care courses"),
    ('first', 'search', 'dropped out at 16, now 30 and want to work in construction, what courses'),
    ('first', 'search', 'new to canada, looking for business courses'),
    ('first', 'search', 'Im on a work permit and want to learn cybersecurity, what do you have'),
    ('first', 'elig', 'can my grandpa who is 80 still take a course or is he too old lol'),
    ('first', 'elig', 'do these have any age requirements'),
    ('first', 'elig', 'is it only for ppl who went to college'),
    ('first', 'elig', 'I dont have grade 12 can i still go'),
    ('first', 'elig', 'Will they let me in without finishing high school?'),
    ('first', 'elig', 'CAN MY 14 YEAR OLD DO ONE OF THESE'),
    ('first', 'elig', 'any restrictions on who can register?'),
    ('first', 'elig', "My son quit school in grade 11 and he's 18 now, is he allowed to do the construction one at "
                      "durham"),
    ('first', 'elig', 'do i have to be a canadian citizen to enroll'),
    ('first', 'elig', 'im on disability (ODSP), can i still sign up for one'),
    ('first', 'elig', 'do you need to already work in the field to take one'),
    ('first', 'elig', 'what qualifications do i need'),
    ('first', 'elig', 'is it open to everyone?'),
    ('first', 'elig', "I'm an international student, can I take durham college micro credentials?"),
    ('search', 'elig', 'any age limits for these?'),
    ('search', 'elig', 'my daughter is 16, can she take the construction one'),
    ('search', 'elig', 'do they accept people who never finished school'),
    ('search', 'elig', 'how old do u have to be'),
    ('search', 'elig', 'is it ok if im not a student at durham'),
    ('search', 'elig', "I'm 55, is that too old for these"),
    ('search', 'elig', 'can i get in w/ just a GED'),
    ('searchot', 'elig', 'im retired can i still sign up for those'),
    ('searchot', 'elig', 'what are the requirements to register for those'),
    ('focusdc', 'elig', 'whats the minimum age for this'),
    ('focusdc', 'elig', 'my dad is 62 would they accept him'),
    ('focusdc', 'elig', 'i never finished high school can i still do it'),
    ('focusdc', 'elig', 'do i have to be 19'),
    ('focusdc', 'elig', 'im new to canada can i take it'),
    ('focusot', 'elig', 'can my 16 year old take this one'),
    ('focusot', 'elig', 'is there an age limit'),
    ('focusot', 'elig', 'i dropped out of high school can i take it'),
    ('focusot', 'elig', 'what do i need to get in'),
    ('focustr', 'elig', 'am i eligible'),
    ('first', 'search', "I'm 45, single mom, need a career change into health care, what's out there"),
    ('first', 'search', 'my son is 18 and wants to be an electrician, any trades courses'),
    ('first', 'search', 'Im 23 never finished school, looking for something in IT'),
    ('first', 'elig', 'my husband is 58 and never finished grade 12, could he still apply?'),
    ('first', 'elig', 'is it ok if i only have my GED'),
    ('first', 'elig', 'My grandson is in grade 10. Can he register for one?'),
    ('first', 'elig', 'im 16 and homeschooled can i join'),
    ('first', 'elig', 'could a retired person sign up for these'),
    ('first', 'elig', "I'm on ODSP, am I able to register?"),
    ('first', 'elig', 'would i be able to enroll without being a student at the school'),
    ('first', 'elig', 'what are the prerequisites'),
    ('first', 'elig', 'i quit school in grade 9, will they let me take a course'),
    ('focusdc', 'elig', 'can my 18 yr old sign up for it'),
    ('focusdc', 'elig', 'any prereqs for this one'),
    ('focusdc', 'elig', "who's allowed in"),
    ('focusdc', 'elig', "I'm 70, would I still be able to do it"),
    ('focusot', 'elig', "can i sign up if i'm not enrolled at ontario tech"),
    ('focusot', 'elig', 'do they let non students in'),
    ('focusot', 'elig', 'requirements?'),
    ('focustr', 'elig', 'is there an age limit'),
    ('first', 'search', 'im 52 and got laid off, what courses can i take'),
    ('first', 'search', "I'm 30 with no diploma, what kind of trades training is there"),
    ('first', 'search', 'my daughter is 17 and wants to do nursing, what health courses are there'),
    ('first', 'search', "I'm retired and bored, any business courses"),
    ('first', 'search', '45 yo, laid off from GM, looking for something in manufacturing'),
]


@pytest.fixture(scope="module")
def advisor(real_runtime: Runtime) -> Advisor:
    advisor = Advisor(kb=real_runtime.kb, searcher=real_runtime.searcher, store=MemoryStore(),
                      page_size=real_runtime.settings.page_size, idle_minutes=60,
                      intent_threshold=real_runtime.settings.intent_threshold)  # fmt: skip
    advisor.warm_up()
    return advisor


@pytest.mark.real
@pytest.mark.parametrize(("context", "kind", "message"), CASES, ids=[f"{c}-{m[:40]}" for c, _, m in CASES])
def test_eligibility_wording(advisor: Advisor, context: str, kind: str, message: str) -> None:
    before, wanted, unwanted = _CONTEXTS[context]
    session: str | None = None
    now = 1_000_000.0
    for said in before:
        now += 60
        session = advisor.handle(session, said, now=now).session_id
    reply = advisor.handle(session, message, now=now + 60)
    text = "\n".join(m.text for m in reply.messages)
    if kind == "search":
        assert reply.intent.name == "search_credentials" and reply.results, f"not a search: {text}"
        return
    assert any(phrase in text for phrase in wanted), f"no rule ({wanted}) in: {text}"
    assert "not sure I understood" not in text, text
    assert not any(phrase in text for phrase in unwanted), f"another school's rule in: {text}"
