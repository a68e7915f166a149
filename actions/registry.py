"""Every action of the advisor, built with shared dependencies (the chat service) or lazily (the action server)."""

from __future__ import annotations

from rasa_sdk import Action

from actions.deps import AdvisorDeps
from actions.details import ActionCredentialDetails
from actions.faq import ActionAnswerFaq
from actions.handoff import ActionHandoff
from actions.more import ActionMoreResults
from actions.providers import ActionListProviders
from actions.search import ActionSearchCredentials

ACTION_CLASSES: tuple[type[Action], ...] = (
    ActionSearchCredentials,
    ActionMoreResults,
    ActionCredentialDetails,
    ActionAnswerFaq,
    ActionListProviders,
    ActionHandoff,
)


def build_actions(deps: AdvisorDeps | None = None) -> list[Action]:
    return [cls(deps) for cls in ACTION_CLASSES]  # type: ignore[call-arg]
