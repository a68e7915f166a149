"""CTDL (Credential Transparency Description Language) in and out: read registry JSON-LD, map it to the knowledge
base, write a knowledge folder, and export the knowledge base as a CTDL ``@graph``."""
