"""The text each record is embedded and indexed from: more than its title, so people's words can reach it."""

from __future__ import annotations

from knowledge.schema import Credential, KnowledgeBase


def search_text(credential: Credential, kb: KnowledgeBase) -> str:
    """Title, provider, partners, areas, skills, module names and description, in that order."""
    provider = kb.providers.get(credential.provider)
    parts = [
        credential.title,
        provider.name if provider else credential.provider,
        ", ".join(credential.partners),
        ", ".join(credential.areas),
        ", ".join(credential.skills),
        ", ".join(credential.modules.names),
        credential.description,
    ]
    return ". ".join(p for p in parts if p)
