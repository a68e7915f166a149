"""Load and validate the knowledge base, collecting every problem as (file, record id, field, reason)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from knowledge.schema import (
    SOURCED_FIELDS,
    Area,
    Credential,
    FaqTopic,
    KnowledgeBase,
    Provider,
    Source,
)
from knowledge.synonyms import load_synonyms

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

DEFAULT_PATH = Path(__file__).resolve().parent
# libyaml's safe loader when PyYAML was built with it (about ten times faster on an imported catalogue).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record or '-'}: {self.field or '-'}: {self.reason}"


class KnowledgeError(Exception):
    """The knowledge base is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"knowledge base has {len(problems)} problem(s):\n{lines}")


def _read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(rel, "", "", f"malformed YAML at {where}{problem}"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(rel, "", "", f"cannot read file: {exc}"))
    return None


def _record_id(data: Any, loc: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """Walk an error location to the innermost object with an ``id``; return that id and the rest of the path."""
    record, rest, node = "", loc, data
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        record = data["id"]
    for i, part in enumerate(loc):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            record, rest = node["id"], loc[i + 1 :]
    return record, rest


def _schema_problems(rel: str, data: Any, exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors():
        record, rest = _record_id(data, tuple(err["loc"]))
        field = ".".join(str(p) for p in rest) or ".".join(str(p) for p in err["loc"])
        value = err.get("input")
        shown = f" (got {value!r})" if isinstance(value, str | int | float) and len(repr(value)) < 80 else ""
        out.append(Problem(rel, record, field, f"{err['msg']}{shown}"))
    return out


def _parse(model: type[M], rel: str, data: Any, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_schema_problems(rel, data, exc))
        return None


def _stated(credential: Credential, field: str) -> bool:
    """True when the record states something for ``field`` (so a source must cover it)."""
    value = getattr(credential, field)
    default = Credential.model_fields[field].default
    return value not in (None, (), "") and value != default


def content_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_knowledge(path: Path | str | None = None) -> KnowledgeBase:
    """Load the knowledge base under ``path`` (default: the bundled one). Raises KnowledgeError listing all problems."""
    root = Path(path) if path is not None else DEFAULT_PATH
    problems: list[Problem] = []
    if not root.is_dir():
        raise KnowledgeError([Problem(str(root), "", "", "not a directory; pass the knowledge base folder")])

    sources: dict[str, Source] = {}
    raw_sources = _read_yaml(root / "sources.yaml", root, problems) if (root / "sources.yaml").exists() else None
    if raw_sources is None:
        problems.append(Problem("sources.yaml", "", "", "missing or empty; every fact needs a source listed here"))
    else:
        parsed = _parse_mapping(Source, "sources.yaml", raw_sources, problems)
        sources = parsed

    areas: tuple[str, ...] = ()
    raw_areas = _read_yaml(root / "areas.yaml", root, problems) if (root / "areas.yaml").exists() else None
    if raw_areas is not None:
        try:
            areas = tuple(a.name for a in TypeAdapter(list[Area]).validate_python(raw_areas))
        except ValidationError as exc:
            problems.extend(_schema_problems("areas.yaml", raw_areas, exc))
    else:
        problems.append(Problem("areas.yaml", "", "", "missing or empty; list the subject areas records may use"))

    providers: dict[str, Provider] = {}
    credentials: list[Credential] = []
    seen: dict[str, str] = {}
    provider_files = sorted((root / "providers").glob("*.yaml"))
    if not provider_files:
        problems.append(Problem("providers/", "", "", "no provider files; add one YAML file per provider"))
    for file in provider_files:
        rel = str(file.relative_to(root))
        data = _read_yaml(file, root, problems)
        if data is None:
            continue
        file_credentials = _parse_provider_file(rel, data, problems)
        if file_credentials is None:
            continue
        provider, parsed_credentials = file_credentials
        if provider.id in providers:
            problems.append(Problem(rel, provider.id, "provider.id", "duplicate provider id"))
        providers[provider.id] = provider
        _check_source_keys(rel, provider.id, provider.sources, sources, problems)
        for credential in parsed_credentials:
            if credential.provider and credential.provider != provider.id:
                problems.append(
                    Problem(
                        rel,
                        credential.id,
                        "provider",
                        f"unknown provider {credential.provider!r}; records in this file belong to {provider.id!r}",
                    )
                )
            credential = credential.model_copy(update={"provider": provider.id})
            if credential.id in seen:
                problems.append(
                    Problem(rel, credential.id, "id", f"duplicate id (first defined in {seen[credential.id]})")
                )
            seen[credential.id] = rel
            _check_credential(rel, credential, areas, sources, problems)
            credentials.append(credential)

    ids = {c.id for c in credentials}
    for credential in credentials:
        if credential.is_part_of and credential.is_part_of not in ids:
            problems.append(
                Problem(seen[credential.id], credential.id, "is_part_of", f"unknown record {credential.is_part_of!r}")
            )

    faq: dict[str, FaqTopic] = {}
    raw_faq = _read_yaml(root / "faq.yaml", root, problems) if (root / "faq.yaml").exists() else None
    if raw_faq is None:
        problems.append(Problem("faq.yaml", "", "", "missing or empty; add the FAQ topics"))
    else:
        try:
            for topic in TypeAdapter(list[FaqTopic]).validate_python(raw_faq):
                if topic.id in faq:
                    problems.append(Problem("faq.yaml", topic.id, "id", "duplicate topic id"))
                faq[topic.id] = topic
                for key in topic.sources:
                    if key not in sources:
                        problems.append(Problem("faq.yaml", topic.id, "sources", f"unknown source {key!r}"))
        except ValidationError as exc:
            problems.extend(_schema_problems("faq.yaml", raw_faq, exc))

    synonyms = load_synonyms(root, areas=areas, sources=sources, problems=problems)

    if problems:
        raise KnowledgeError(problems)
    logger.info(
        "knowledge base loaded: %d providers, %d records, %d FAQ topics", len(providers), len(credentials), len(faq)
    )
    return KnowledgeBase(
        providers=providers,
        credentials=tuple(credentials),
        faq=faq,
        areas=areas,
        sources=sources,
        content_hash=content_hash(root),
        synonyms=synonyms,
    )


def _parse_provider_file(rel: str, data: Any, problems: list[Problem]) -> tuple[Provider, list[Credential]] | None:
    """Validate the provider and each record separately, so one bad record does not hide the others."""
    if not isinstance(data, dict) or "provider" not in data:
        problems.append(Problem(rel, "", "provider", "expected a mapping with 'provider' and 'credentials'"))
        return None
    for key in set(data) - {"provider", "credentials"}:
        problems.append(Problem(rel, "", str(key), "unknown top-level key; use 'provider' and 'credentials'"))
    provider = _parse(Provider, rel, data["provider"], problems)
    raw_credentials = data.get("credentials") or []
    if not isinstance(raw_credentials, list):
        problems.append(Problem(rel, "", "credentials", "expected a list of records"))
        raw_credentials = []
    credentials = [c for raw in raw_credentials if (c := _parse(Credential, rel, raw, problems)) is not None]
    return (provider, credentials) if provider is not None else None


def _parse_mapping(model: type[M], rel: str, data: Any, problems: list[Problem]) -> dict[str, M]:
    if not isinstance(data, dict):
        problems.append(Problem(rel, "", "", "expected a mapping of key -> entry"))
        return {}
    out: dict[str, M] = {}
    for key, value in data.items():
        try:
            out[str(key)] = model.model_validate(value)
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(p) for p in err["loc"])
                problems.append(Problem(rel, str(key), field, err["msg"]))
    return out


def _check_source_keys(
    rel: str, record: str, cited: dict[str, tuple[str, ...]], sources: dict[str, Source], problems: list[Problem]
) -> None:
    for key in cited:
        if key not in sources:
            problems.append(Problem(rel, record, "sources", f"unknown source {key!r}; add it to sources.yaml"))


def _check_credential(
    rel: str, credential: Credential, areas: tuple[str, ...], sources: dict[str, Source], problems: list[Problem]
) -> None:
    for area in credential.areas:
        if area not in areas:
            problems.append(Problem(rel, credential.id, "areas", f"unknown area {area!r}; add it to areas.yaml"))
    _check_source_keys(rel, credential.id, credential.sources, sources, problems)
    covered = {field for fields in credential.sources.values() for field in fields}
    for field in sorted(covered - set(SOURCED_FIELDS)):
        problems.append(Problem(rel, credential.id, "sources", f"cites unknown field {field!r}"))
    for field in SOURCED_FIELDS:
        must_cite = field in ("title", "description", "status", "url") or _stated(credential, field)
        if must_cite and field not in covered:
            problems.append(Problem(rel, credential.id, field, "missing source: no source covers this field"))
    if credential.cost.kind == "priced" and credential.cost.amount is None:
        problems.append(Problem(rel, credential.id, "cost.amount", "a priced record needs its amount"))
