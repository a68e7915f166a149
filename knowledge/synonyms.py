"""Load and check ``synonyms.yaml``: people's words -> the knowledge base's areas and terms, each sourced."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from knowledge.schema import Source, Synonym

if TYPE_CHECKING:
    from knowledge.loader import Problem

FILE = "synonyms.yaml"


def load_synonyms(
    root: Path, *, areas: tuple[str, ...], sources: dict[str, Source], problems: list[Problem]
) -> tuple[Synonym, ...]:
    """The synonym table under ``root`` (optional file). Appends a Problem for every bad entry."""
    from knowledge.loader import Problem, _read_yaml

    path = root / FILE
    if not path.exists():
        return ()
    raw = _read_yaml(path, root, problems)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(Problem(FILE, "", "", "expected a list of entries (- terms: [...])"))
        return ()
    entries: list[tuple[int, Synonym]] = []
    for number, item in enumerate(raw, 1):
        try:
            entries.append((number, Synonym.model_validate(item)))
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(part) for part in err["loc"])
                problems.append(Problem(FILE, f"entry {number}", field, err["msg"]))
    seen: dict[str, int] = {}
    for number, entry in entries:
        record = f"entry {number} ({entry.terms[0]})"
        if not entry.source and not entry.rationale:
            problems.append(Problem(FILE, record, "source", "needs a source key or a rationale; say why it holds"))
        if entry.source and entry.source not in sources:
            problems.append(Problem(FILE, record, "source", f"unknown source {entry.source!r}; add it to sources.yaml"))
        if entry.area and entry.area not in areas:
            problems.append(Problem(FILE, record, "area", f"unknown area {entry.area!r}; use a name from areas.yaml"))
        if entry.names_area and not entry.area:
            problems.append(Problem(FILE, record, "names_area", "names_area needs an area"))
        if not entry.area and not entry.expands_to:
            problems.append(Problem(FILE, record, "expands_to", "maps to nothing; give an area or expands_to words"))
        for term in entry.terms:
            key = term if entry.case_sensitive else term.lower()
            if key in seen:
                problems.append(Problem(FILE, record, "terms", f"term {term!r} already in entry {seen[key]}"))
            seen[key] = number
    return tuple(entry for _, entry in entries)
