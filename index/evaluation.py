"""Retrieval evaluation: a labelled query set, run through dense-only, lexical-only and hybrid search.

Each query goes through the same pipeline the advisor uses: ``parse_query`` reads its filters, the searcher ranks
among the records that match them. Reported per mode: hit@1, hit@3 (a relevant record in the top 1 / 3), MRR (over
the top 10) and filter violations (results breaking a filter the query's label says it states).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from index.filters import SearchFilters
from index.query import parse_query
from index.search import MODES, Mode, Searcher
from knowledge.schema import KnowledgeBase

logger = logging.getLogger(__name__)

DEFAULT_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "retrieval_eval.yaml"
MRR_DEPTH = 10


class FilterLabel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    provider: str | None = None
    area: str | None = None
    cost: str | None = None
    delivery: str | None = None
    status: str | None = None


class LabelledQuery(BaseModel):
    """One query as a person types it, the records that answer it, the filters its words state."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    query: str = Field(min_length=1)
    relevant: tuple[str, ...] = Field(min_length=1)
    filters: FilterLabel = FilterLabel()
    tags: tuple[str, ...] = ()

    @property
    def search_filters(self) -> SearchFilters:
        return SearchFilters(**self.filters.model_dump())


def load_eval_set(path: Path | None = None) -> list[LabelledQuery]:
    data = yaml.safe_load((path or DEFAULT_SET).read_text(encoding="utf-8"))
    return [LabelledQuery.model_validate(item) for item in data]


def check_eval_set(queries: Sequence[LabelledQuery], kb: KnowledgeBase) -> list[str]:
    """Problems with the labels: unknown ids, relevant records that break the query's own filters, duplicates."""
    problems: list[str] = []
    seen: set[str] = set()
    for q in queries:
        if q.query.lower() in seen:
            problems.append(f"{q.query!r}: duplicate query")
        seen.add(q.query.lower())
        for rid in q.relevant:
            record = kb.credential(rid)
            if record is None:
                problems.append(f"{q.query!r}: unknown record {rid!r}")
            elif not q.search_filters.matches(record):
                problems.append(f"{q.query!r}: relevant {rid!r} does not match its filters {q.search_filters}")
    return problems


@dataclass
class QueryResult:
    query: str
    mode: str
    ranked: list[str]
    rank: int | None  # 1-based rank of the first relevant record within MRR_DEPTH
    violations: int
    filters_ok: bool


@dataclass
class ModeScores:
    mode: str
    queries: int
    hit_at_1: float
    hit_at_3: float
    mrr: float
    violations: int


@dataclass
class EvalReport:
    scores: dict[str, ModeScores]
    filter_accuracy: float  # share of queries whose parsed filters equal their labelled filters
    results: list[QueryResult] = field(default_factory=list)

    def misses(self, mode: str, *, k: int = 3) -> list[QueryResult]:
        return [r for r in self.results if r.mode == mode and (r.rank is None or r.rank > k)]

    def as_dict(self) -> dict[str, Any]:
        return {
            "queries": next(iter(self.scores.values())).queries if self.scores else 0,
            "filter_accuracy": round(self.filter_accuracy, 4),
            "modes": {
                mode: {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(s).items()}
                for mode, s in self.scores.items()
            },
            "misses_at_3": {mode: [r.query for r in self.misses(mode)] for mode in self.scores},
        }


def evaluate(searcher: Searcher, queries: Sequence[LabelledQuery], *, modes: Sequence[Mode] = MODES) -> EvalReport:
    """Run every query through each mode; one query vector per query, shared by the modes (as in a live turn)."""
    kb = searcher.kb
    results: list[QueryResult] = []
    parsed_ok = 0
    vectors = None
    if any(m != "lexical" for m in modes):  # the texts encode_query embeds, in one batch (faster, same vectors)
        vectors = searcher.embedder.encode([searcher.analyse(q.query).search_text for q in queries])
    for number, q in enumerate(queries):
        parsed = parse_query(q.query, kb, fuzzy_threshold=searcher.fuzzy_threshold)
        filters_ok = parsed.filters == q.search_filters
        parsed_ok += filters_ok
        vector = None if vectors is None else vectors[number]
        relevant = set(q.relevant)
        for mode in modes:
            hits = searcher.search(q.query, filters=parsed.filters, k=MRR_DEPTH, vector=vector, mode=mode)
            ranked = [h.credential.id for h in hits]
            rank = next((i for i, rid in enumerate(ranked, 1) if rid in relevant), None)
            violations = sum(not q.search_filters.matches(h.credential) for h in hits[:3])
            results.append(QueryResult(q.query, mode, ranked, rank, violations, filters_ok))
    scores: dict[str, ModeScores] = {}
    for mode in modes:
        rows = [r for r in results if r.mode == mode]
        n = max(len(rows), 1)
        scores[mode] = ModeScores(
            mode=mode,
            queries=len(rows),
            hit_at_1=sum(r.rank == 1 for r in rows) / n,
            hit_at_3=sum(r.rank is not None and r.rank <= 3 for r in rows) / n,
            mrr=sum(1 / r.rank for r in rows if r.rank) / n,
            violations=sum(r.violations for r in rows),
        )
    return EvalReport(scores=scores, filter_accuracy=parsed_ok / max(len(queries), 1), results=results)
