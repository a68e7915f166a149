"""Whether something heard about one credential is true ("is it true hospital staff were made to take it?", "my
friend said it counts toward a diploma, is that right?"): answered from that record's own sourced text, quoting the
sentences that speak to it, or said plainly to be something the sources do not say. Never a yes of the advisor's own.
"""

from __future__ import annotations

import re

from actions.describe import description_sentences
from index.text import tokens
from knowledge.schema import Credential, KnowledgeBase

# Words of obligation meet whatever form they take ("were made to take it" / "were required to complete"), so the
# sentence that says it is found however the claim put it.
_OBLIGED = re.compile(r"\b(made|forced|obliged|expected|told|asked) to\b|\b(had|have|has|need|needs|needed|got) to\b|"
                      r"\b(must|mandatory|compulsory|obligatory|required|requires|require)\b", re.I)
# Words of checking a claim, and of pointing at the record, that no sentence of a record should be matched on.
_ASKING = frozenset(tokens("true right correct really actually fact heard hear said says say told tell someone "
                           "somebody friend people one ones take took taken taking do did done course courses "
                           "program programs micro credential credentials certificate thing"))


def _sentences(c: Credential) -> list[str]:
    """The record's own sentences: its description, then each note its sources give."""
    notes = (c.audience, c.delivery.note, c.duration.text, c.cost.note, c.stackable.note,
             c.digital_credential.note, c.modules.note)  # fmt: skip
    said = description_sentences(c)
    said.extend(n.strip() for n in notes if n)
    return [s for s in said if s]


def _words(text: str) -> set[str]:
    return set(tokens(_OBLIGED.sub(" required ", text)))


def answer_claim(c: Credential, kb: KnowledgeBase, asked: str) -> str:
    """What the record says of the claim in ``asked``: its sentences sharing most of the claim's own words (not the
    words naming the record, its school or its partner), quoted; else that the sources say nothing about it."""
    naming = _words(f"{c.title} {kb.provider_name(c.provider)} {' '.join(c.partners)}")
    claim = _words(asked) - _ASKING - naming
    scored = [(len(claim & (_words(s) - naming)), s) for s in _sentences(c)]
    best = max((score for score, _ in scored), default=0)
    school = kb.provider_name(c.provider)
    if not best or best < min(2, len(claim)):  # one shared word of several ("care" of "long term care") says nothing
        return (f"My sources say nothing about that for {c.title}, so I can't say whether it is true. Check its page, "
                f"{c.url} , or ask {school} directly.")  # fmt: skip
    quoted = " ".join(f'"{s}"' for score, s in scored if score == best)
    return f"What my sources say about that for {c.title}: {quoted} Check: {c.url}"
