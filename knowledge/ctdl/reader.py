"""Read CTDL JSON-LD in the four shapes the registry returns, into one table of nodes for an import run.

Shapes: one resource; a ``@graph`` document (main resource first, blank nodes beside it); a list of registry
envelopes with ``decoded_resource``; JSON Lines of any of these. ``@included`` (``?depth=N``) nodes are read too.
Nodes are indexed by ``@id`` over the whole run, so a reference in one file finds a node described in another."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SUFFIXES = (".json", ".jsonld", ".jsonl", ".ndjson")


@dataclass(frozen=True)
class Node:
    """One JSON-LD object, where it came from, and the envelope's dates when it came in one."""

    data: dict[str, Any]
    file: str
    position: str  # "line 3", "item 2", "@graph[0]": where in the file, for reports
    updated_at: str | None = None

    @property
    def id(self) -> str | None:
        value = self.data.get("@id")
        return value if isinstance(value, str) else None

    @property
    def types(self) -> list[str]:
        from knowledge.ctdl.vocabularies import as_list, local_name

        return [local_name(t) for t in as_list(self.data.get("@type")) if isinstance(t, str)]


@dataclass
class ReadProblem:
    file: str
    position: str
    reason: str


@dataclass
class Catalogue:
    """Every node read in one run, in order, plus what could not be read."""

    nodes: list[Node] = field(default_factory=list)
    by_id: dict[str, Node] = field(default_factory=dict)
    problems: list[ReadProblem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def add(self, node: Node) -> None:
        self.nodes.append(node)
        if node.id is not None:
            key = normalise_id(node.id)
            # A full description wins over a bare reference to the same resource.
            if key not in self.by_id or len(node.data) > len(self.by_id[key].data):
                self.by_id[key] = node

    def resolve(self, reference: Any) -> Node | None:
        """The node a reference names (``{"@id": ...}``, a URI or ``_:`` string, or a nested object as itself)."""
        if isinstance(reference, dict):
            if "@id" in reference and len(reference) == 1:
                reference = reference["@id"]
            else:
                return Node(reference, "", "nested")
        if not isinstance(reference, str):
            return None
        return self.by_id.get(normalise_id(reference))


def normalise_id(value: str) -> str:
    """Registry URIs differ in host (sandbox, graph vs resources) and CTID case; compare on the CTID when there is
    one, else on the id as written."""
    lowered = value.strip().lower()
    marker = lowered.rfind("/ce-")
    if marker >= 0:
        return lowered[marker + 1 :]
    return lowered if lowered.startswith("ce-") else value.strip()


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def read_catalogue(paths: Iterable[Path]) -> Catalogue:
    """Read every file (folders recursively). Unreadable files and lines are reported, not fatal."""
    catalogue = Catalogue()
    for path in files_under(paths):
        name = str(path)
        catalogue.files.append(name)
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            catalogue.problems.append(ReadProblem(name, "", f"cannot read file: {exc}"))
            continue
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            for number, line in enumerate(raw.splitlines(), 1):
                if line.strip():
                    _read_json(line, name, f"line {number}", catalogue)
        else:
            _read_json(raw, name, "", catalogue)
    return catalogue


def _read_json(raw: str, file: str, position: str, catalogue: Catalogue) -> None:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        where = f"{position}, " if position else ""
        catalogue.problems.append(
            ReadProblem(file, position, f"not JSON ({where}line {exc.lineno} column {exc.colno}: {exc.msg})")
        )
        return
    _read_value(data, file, position, None, catalogue)


def _read_value(data: Any, file: str, position: str, updated_at: str | None, catalogue: Catalogue) -> None:
    where = f"{position} " if position else ""
    if isinstance(data, list):
        for number, item in enumerate(data, 1):
            _read_value(item, file, f"{where}item {number}".strip(), updated_at, catalogue)
        return
    if not isinstance(data, dict):
        catalogue.problems.append(ReadProblem(file, position, "expected a JSON object or a list of objects"))
        return
    if "decoded_resource" in data:  # a registry envelope
        stamp = data.get("last_verified_on") or data.get("updated_at")
        _read_value(data["decoded_resource"], file, position, stamp if isinstance(stamp, str) else None, catalogue)
        return
    if "data" in data and isinstance(data["data"], list) and "@type" not in data:  # a search API page
        _read_value(data["data"], file, position, updated_at, catalogue)
        return
    if "@graph" in data:
        graph = data["@graph"]
        for number, item in enumerate(graph if isinstance(graph, list) else [graph]):
            if isinstance(item, dict):
                catalogue.add(Node(item, file, f"{where}@graph[{number}]".strip(), updated_at))
    else:
        catalogue.add(
            Node({k: v for k, v in data.items() if k != "@included"}, file, position or "resource", updated_at)
        )
    for number, item in enumerate(data.get("@included") or []):
        if isinstance(item, dict):
            catalogue.add(Node(item, file, f"{where}@included[{number}]".strip(), updated_at))
