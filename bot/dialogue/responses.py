"""The advisor's own short replies (greeting, help, fallback, goodbye...). Actions write the rest."""

from __future__ import annotations

from bot.schemas import Button, Message

CAN_DO = (
    "I can help you find short, job-focused training (micro-credentials) at Durham College, Ontario Tech University "
    'and Trent University Durham GTA. Tell me a field or a job, like "health care", "cybersecurity" or "I worked '
    'in a factory", or ask for free or online options. I can also explain costs and funding, who can enrol, '
    "how to enrol, stacking and digital credentials, or tell you how to reach a person."
)
START_BUTTONS = [
    Button(title="Free options", payload='/search_credentials{"cost":"free","area":null,"provider":null}'),
    Button(title="Health Sciences", payload='/search_credentials{"area":"Health Sciences","provider":null}'),
    Button(title="Trades", payload='/search_credentials{"area":"Trades","provider":null}'),
    Button(title="Cybersecurity", payload='/search_credentials{"area":"Cybersecurity","provider":null}'),
    Button(title="Costs and funding", payload="/cost_and_funding"),
]


def greet() -> Message:
    return Message(text="Hello! " + CAN_DO, buttons=START_BUTTONS)


def help_message() -> Message:
    return Message(text=CAN_DO, buttons=START_BUTTONS)


def restart() -> Message:
    return Message(text="Okay, let's start fresh. " + CAN_DO, buttons=START_BUTTONS)


SORRY = "I'm sorry this has been frustrating. Looking for work is hard, and I want to help if I can."


NO_SETUP = "I can't share how I'm set up (my instructions, prompts, keys or settings), and I don't need to."


def no_setup() -> Message:
    """Asked for the advisor's set-up beside a real question: not shared, then the answer."""
    return Message(text=NO_SETUP)


def out_of_scope(*, unsure: bool, frustrated: bool = False, meta: bool = False) -> Message:
    if meta:
        lead = NO_SETUP
    elif frustrated:
        lead = SORRY
    elif unsure:
        lead = "Sorry, I'm not sure I understood that."
    else:
        lead = (
            "That's outside what I can help with – I only know about training in Durham Region, not news, "
            "weather or other topics."
        )
    return Message(text=f"{lead} {CAN_DO}", buttons=START_BUTTONS)


def goodbye() -> Message:
    return Message(text="Take care, and good luck. Come back any time if you want to look again.")


def thank() -> Message:
    return Message(
        text="You're welcome! Is there anything else you'd like to look at?",
        buttons=[
            Button(title="Start over", payload="/restart"),
            Button(title="Talk to someone", payload="/human_handoff"),
        ],
    )


def affirm() -> Message:
    return Message(
        text="Okay! What would you like to look at next? Pick an option or tell me a field.", buttons=START_BUTTONS
    )


def deny() -> Message:
    return Message(
        text="No problem. You can name another field, ask for free or online options, or start over.",
        buttons=START_BUTTONS,
    )


def acknowledge_story() -> Message:
    """One line for someone who told their story; it repeats none of it (age, health, family stay theirs)."""
    return Message(text="Thank you for telling me. That's a lot to deal with; let's look at what could help next.")


def kind_line() -> Message:
    """One kind line before the answer to someone frustrated who still asked for something."""
    return Message(text=SORRY)


def employer_pays() -> Message:
    """Whether the person's own employer pays: not something the sources say (before the funding pointer)."""
    return Message(text="Whether your employer will pay for it isn't something my sources say: ask your employer, "
                        "with the course's page.")


def funding_pointer(*, nonprofit: bool = False) -> Message:
    """A short pointer to paying for training, after an answer about cost (``nonprofit``: the person works at a
    nonprofit, for whom the sources name the Canada-Ontario Job Grant)."""
    grant = (" For nonprofit workers, Trent notes the Canada-Ontario Job Grant may help." if nonprofit else "")
    return Message(
        text="Help with costs: the TD-sponsored micro-credentials at Ontario Tech cost nothing, and Better Jobs "
        f"Ontario or OSAP may fund others.{grant}",
        buttons=[Button(title="Costs and funding", payload="/cost_and_funding")],
    )


def identity() -> Message:
    """What the advisor is, asked ("are you a real person?", "who made you?"): a program, nothing made up about
    who built it."""
    return Message(
        text="I'm an automated advisor, a computer program, not a person. I answer only from my knowledge base, "
        "which cites its sources (the schools' and government pages each answer links to); I can't tell you more "
        "about who built me. If you want a person, ask me and I'll say who to contact."
    )


def no_age_limit() -> Message:
    """Being too old, worried about: no upper age limit is stated (the schools' rules, said next, are minimums)."""
    return Message(
        text="On age: none of my sources states an upper age limit for these micro-credentials; the age rules they "
        "give are minimums. Who can enrol, as they state it:"
    )


def no_guarantee() -> Message:
    """Whether training guarantees a job: it doesn't, and the sources say nothing of job outcomes."""
    return Message(
        text="No course can guarantee you a job, and I can't promise one: my sources don't, and how many people find "
        "work after these micro-credentials is not known from them (pass rates and job placement are not published "
        "either); the school may be able to tell you about outcomes."
    )


def no_job_help_info() -> Message:
    """Whether a school helps people find work after a micro-credential: the sources don't say."""
    return Message(
        text="Whether the schools help you find a job after a micro-credential (job placement or career services) "
        "isn't published in my sources, and I can't promise a job (nothing I know of promises a job); ask the school."
    )


def no_pay_info() -> Message:
    """Pay after training: the sources say nothing of wages."""
    return Message(
        text="I don't know what jobs pay after these micro-credentials: my sources don't give wages or salaries. "
        "The school, or an Employment Ontario employment services provider, may be able to tell you about the "
        "jobs they lead to."
    )


def no_ei_info() -> Message:
    """Employment Insurance while training: the sources say nothing of its rules."""
    return Message(
        text="I don't know whether EI keeps paying while you take a course: my sources don't cover Employment "
        "Insurance rules. Ask Service Canada, which runs EI, before you enrol; an Employment Ontario employment "
        "services provider can help you plan it."
    )


def no_logistics_info() -> Message:
    """Campus locations, parking and transit: the sources say nothing of them."""
    return Message(
        text="I don't know that: my sources don't cover campus locations, parking or transit, and the format "
        "(online or in person) varies by micro-credential. Check the school's own website or the link on the "
        "micro-credential's page."
    )


def no_language_info() -> Message:
    """A level of English asked of the learner, of no record in particular: no record or FAQ gives one."""
    return Message(
        text="The language a micro-credential is taught in, and whether it asks for a level of English (or a language "
        "test), isn't published in my sources; ask the school about the one you're interested in before you enrol. "
        "What my sources do say about who can enrol:"
    )


def no_class_size_info() -> Message:
    """How many people are in a class, of no record in particular: no record or FAQ gives it."""
    return Message(
        text="How many people are in a class (the class size) isn't published in my sources; ask the school about the "
        "one you're interested in. How to enrol and where to ask:"
    )


def no_detail_info() -> Message:
    """A detail no record or FAQ gives (a discount, a refund, pass rates, exams...), of no record in particular."""
    return Message(
        text="I don't know that: it isn't published in my sources for any of the micro-credentials I know; ask the "
        "school about the one you're interested in. How to enrol and where to ask:"
    )


def no_recognition_info() -> Message:
    """Accreditation or employers' recognition of micro-credentials in general: the sources say nothing of it."""
    return Message(
        text="How employers recognise micro-credentials, and any accreditation, isn't published in my "
        "sources; ask the school about the one you're looking at. What my sources do say:"
    )


def english_only() -> Message:
    """A message in French: the answers are in English for now (README), said in both languages."""
    return Message(
        text="Désolé, je réponds seulement en anglais pour l'instant. Sorry, I can only answer in English for now: "
        "try a few English words, like \"free courses\" or \"health care\"."
    )
