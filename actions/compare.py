"""Several credentials, schools or areas side by side, from the records' own facts: "what's the difference between
the first and second one", "which is better for me, story-telling or critical thinking?", "the health offerings at
Durham College and those at Ontario Tech", "medical technology or health sciences?".

Only what the records say is set side by side, and no difference is made up; which one suits the person is theirs
to say, so the answer never picks one (it says what the choice depends on)."""

from __future__ import annotations

from actions.describe import (
    describe_cost,
    describe_delivery,
    describe_duration,
    first_sentence,
    plain_status,
    provider_line,
)
from knowledge.schema import Credential, KnowledgeBase

# Said after every comparison: the advisor does not choose for the person ("what would you pick if you were me?").
CHOICE = (
    "Which suits you depends on what you want to learn and how you can study (the format, your time, the cost); "
    "I can't pick for you, but ask me about any one of them, or check each link for dates and prices."
)
_MAX_CARDS = 6


def _one(c: Credential, kb: KnowledgeBase) -> str:
    # what it covers, as its record lists it: many records share their first sentence ("A Health Sciences
    # micro-credential from Ontario Tech University ..."), and what each teaches is the difference asked about
    covers = f" What it covers: {'; '.join(c.skills)}." if c.skills else ""
    return (f"{c.title} ({provider_line(c, kb)}): {plain_status(c)}. Cost: {describe_cost(c)}. "
            f"Format: {describe_delivery(c)}. Length: {describe_duration(c)}. {first_sentence(c)}."
            f"{covers}")  # fmt: skip


def side_by_side(credentials: list[Credential], kb: KnowledgeBase) -> str:
    """Several credentials compared on what a person weighs: who runs it, status, cost, format, length, a line of
    what it is."""
    return "Side by side:\n" + "\n".join(f"- {_one(c, kb)}" for c in credentials) + "\n" + CHOICE


def _shared(label: str, facts: list[str]) -> str:
    """One fact of a group: the same for all, or that it differs (each one's answer is a question away)."""
    return f"{label}: {facts[0]}" if len(set(facts)) == 1 else f"{label}: differs from one to another"


def _group_line(label: str, credentials: list[Credential], kb: KnowledgeBase) -> str:
    if not credentials:
        return f"- {label}: none in what I know."
    if len(credentials) == 1:
        return f"- {label}: {_one(credentials[0], kb)}"
    titles = "; ".join(c.title for c in credentials)
    makers = list(dict.fromkeys(provider_line(c, kb) for c in credentials))
    parts = [f"{len(credentials)} micro-credentials: {titles}", f"From {' / '.join(makers)}"]
    if len({first_sentence(c) for c in credentials}) == 1:  # the records describe them alike ("developed with ...")
        parts.append(first_sentence(credentials[0]))
    parts += [_shared("Status", [plain_status(c) for c in credentials]),
              _shared("Cost", [describe_cost(c) for c in credentials]),
              _shared("Format", [describe_delivery(c) for c in credentials]),
              _shared("Length", [describe_duration(c) for c in credentials])]  # fmt: skip
    return f"- {label}: " + ". ".join(parts) + "."


def _area_of(shown: list[Credential]) -> str | None:
    """The one area all the credentials shown share ("the Trent one" after Teaching Math and Coding: Education)."""
    shared = set.intersection(*(set(c.areas) for c in shown)) if shown else set()
    return next(iter(shared)) if len(shared) == 1 else None


def compare_named(
    kb: KnowledgeBase, by: str, values: list[str], *, area: str | None = None, provider: str | None = None,
    shown: list[Credential] | None = None, areas: list[str] | None = None,
) -> tuple[str, list[Credential]]:
    """Schools (``by`` "provider") or areas (``by`` "area") side by side, in the area (or at the school) asked
    about, or each school in its own area (``areas``, in the order of ``values``): each one's records with their
    facts. Schools with no area asked about or shown: what each school offers, as its own description says. The
    text, and the credentials to show as cards."""
    if by == "provider" and areas and len(areas) == len(values):
        groups = [(f"{a} at {kb.provider_name(p)}", [c for c in kb.credentials if c.provider == p and a in c.areas])
                  for p, a in zip(values, areas, strict=True)]  # fmt: skip
    elif by == "provider":
        area = area or _area_of(shown or [])
        if area is None:
            lines = []
            for provider_id in values:
                school = kb.providers.get(provider_id)
                count = sum(c.provider == provider_id for c in kb.credentials)
                if school is not None:
                    lines.append(f"- {school.name} ({count} micro-credentials in what I know): {school.description}")
            return "Side by side:\n" + "\n".join(lines) + "\n" + CHOICE, []
        groups = [(f"{area} at {kb.provider_name(p)}",
                   [c for c in kb.credentials if c.provider == p and area in c.areas]) for p in values]  # fmt: skip
    else:
        at = f" at {kb.provider_name(provider)}" if provider else ""
        groups = [(f"{a}{at}", [c for c in kb.credentials if a in c.areas and provider in (None, c.provider)])
                  for a in values]  # fmt: skip
    if all(len(credentials) == 1 for _, credentials in groups):
        only = [credentials[0] for _, credentials in groups]
        return side_by_side(only, kb), only
    text = "Side by side:\n" + "\n".join(_group_line(label, cs, kb) for label, cs in groups) + "\n" + CHOICE
    cards = {c.id: c for _, credentials in groups for c in credentials}
    return text, list(cards.values())[:_MAX_CARDS]
