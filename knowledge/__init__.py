"""The credential knowledge base: YAML data files, their pydantic schema and the loader that validates them."""

from knowledge.loader import KnowledgeError, Problem, load_knowledge
from knowledge.schema import Credential, FaqTopic, KnowledgeBase, Provider

__all__ = ["Credential", "FaqTopic", "KnowledgeBase", "KnowledgeError", "Problem", "Provider", "load_knowledge"]
