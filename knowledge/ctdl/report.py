"""What an import did: counts, skipped records with reasons, unmapped properties, and each data problem found."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from knowledge.loader import Problem as Finding  # a data problem: file, record, field, reason


@dataclass
class ImportReport:
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    scope: str = "all records read (no --region)"

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def find(self, file: str, record: str, field_name: str, reason: str) -> None:
        self.findings.append(Finding(file, record, field_name, reason))
