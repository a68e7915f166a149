"""Write an import into a knowledge folder: new records added, records updated by CTID, withdrawn ones removed.

The folder is rewritten in a copy beside it, validated with the loader, and only then swapped in: an import that
would leave the knowledge base invalid changes nothing."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge.ctdl.mapping import MappedProvider, MappedRecord
from knowledge.ctdl.report import ImportReport
from knowledge.loader import DEFAULT_PATH, load_knowledge

logger = logging.getLogger(__name__)

STATE = ".ctdl-imports.json"  # input file -> the CTIDs it gave, to notice records gone from a re-import
BASE_FILES = ("areas.yaml", "faq.yaml", "synonyms.yaml", "sources.yaml")
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class ProviderFile:
    path: Path
    data: dict[str, Any]

    @property
    def provider(self) -> dict[str, Any]:
        provider: dict[str, Any] = self.data["provider"]
        return provider

    @property
    def credentials(self) -> list[dict[str, Any]]:
        credentials: list[dict[str, Any]] = self.data.setdefault("credentials", [])
        return credentials


def start_folder(target: Path, *, with_bundled: bool) -> None:
    """A new knowledge folder from the bundled areas, FAQ, synonyms and sources (and providers, when asked)."""
    target.mkdir(parents=True)
    (target / "providers").mkdir()
    for name in BASE_FILES:
        shutil.copy2(DEFAULT_PATH / name, target / name)
    if with_bundled:
        for file in sorted((DEFAULT_PATH / "providers").glob("*.yaml")):
            shutil.copy2(file, target / "providers" / file.name)


def write_import(
    target: Path, records: list[MappedRecord], *, report: ImportReport, withdrawn: set[str], files: dict[str, set[str]]
) -> None:
    """Merge ``records`` into ``target`` (which exists). ``files``: input file -> CTIDs it held this run (mapped or
    not); ``withdrawn``: CTIDs read with a withdrawn status. Raises KnowledgeError and leaves ``target`` as it was
    when the result does not validate."""
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.import-", dir=target.parent))
    try:
        shutil.copytree(target, work, dirs_exist_ok=True)
        _merge(work, records, report=report, withdrawn=withdrawn, files=files)
        load_knowledge(work)  # raises KnowledgeError: target untouched
        backup = target.with_name(f".{target.name}.previous")
        shutil.rmtree(backup, ignore_errors=True)
        target.rename(backup)
        work.rename(target)
        shutil.rmtree(backup, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _merge(
    root: Path, records: list[MappedRecord], *, report: ImportReport, withdrawn: set[str], files: dict[str, set[str]]
) -> None:
    (root / "providers").mkdir(exist_ok=True)
    provider_files = [ProviderFile(p, yaml.load(p.read_text(encoding="utf-8"), Loader=_Loader) or {})
                      for p in sorted((root / "providers").glob("*.yaml"))]  # fmt: skip
    sources: dict[str, Any] = yaml.load((root / "sources.yaml").read_text(encoding="utf-8"), Loader=_Loader) or {}
    state_path = root / STATE
    state: dict[str, list[str]] = json.loads(state_path.read_text()) if state_path.exists() else {}

    mapped = {r.ctid for r in records}
    gone = set(withdrawn)
    for file, ctids in files.items():  # read again: what the file no longer holds is gone
        gone |= set(state.get(file, ())) - ctids
        state[file] = sorted(ctids)
    gone -= mapped
    for pf in provider_files:
        keep = [c for c in pf.credentials if c.get("ctid") not in gone]
        report.removed += len(pf.credentials) - len(keep)
        pf.data["credentials"] = keep
    for ctid in gone:
        sources.pop(f"ctdl-{ctid}", None)

    by_provider: dict[str, ProviderFile] = {}
    placed = {c["ctid"]: pf for pf in provider_files for c in pf.credentials if c.get("ctid")}
    for record in records:
        if record.provider.key not in by_provider:
            by_provider[record.provider.key] = _provider_file(root, provider_files, record.provider, sources)
        pf = by_provider[record.provider.key]
        credential = dict(record.data)
        was = placed.get(record.ctid)
        if was is None:
            pf.credentials.append(credential)
            report.imported += 1
        else:
            at = next(i for i, c in enumerate(was.credentials) if c.get("ctid") == record.ctid)
            old = was.credentials.pop(at)
            same = was is pf and old == credential and sources.get(f"ctdl-{record.ctid}") == record.source
            if was is pf:
                pf.credentials.insert(at, credential)  # in place: the file's order stays as it was
            else:
                pf.credentials.append(credential)  # moved to another organisation
            report.unchanged += same
            report.updated += not same
        placed[record.ctid] = pf
        sources[f"ctdl-{record.ctid}"] = record.source

    for pf in provider_files:
        if pf.provider.get("ctid") is not None and not pf.credentials:
            pf.path.unlink()  # an imported organisation with nothing left to offer
            sources.pop(f"ctdl-org-{pf.provider['id']}", None)
            continue
        pf.path.write_text(yaml.dump(pf.data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120))
    (root / "sources.yaml").write_text(
        "# Every source a fact in this knowledge base comes from. Records cite these by key.\n"
        + yaml.dump(sources, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
    )
    state_path.write_text(json.dumps(state, indent=1, sort_keys=True))


def _provider_file(
    root: Path, provider_files: list[ProviderFile], provider: MappedProvider, sources: dict[str, Any]
) -> ProviderFile:
    """The file of this organisation (by CTID, else by name), created when new."""
    data = {k: v for k, v in provider.data.items() if not k.startswith("_")}
    ctid = data.get("ctid")
    for pf in provider_files:
        if (ctid and pf.provider.get("ctid") == ctid) or (not ctid and pf.provider.get("name") == data["name"]):
            if pf.provider.get("ctid") is not None:  # ours: refresh the organisation's facts
                data["id"] = pf.provider["id"]
                data["sources"] = {f"ctdl-org-{data['id']}": provider.data["_source_fields"]}
                pf.data["provider"] = data
                _provider_source(sources, data, provider)
            return pf
    taken = {pf.provider.get("id") for pf in provider_files}
    if data["id"] in taken:
        data["id"] = f"{data['id']}-registry"
    data["sources"] = {f"ctdl-org-{data['id']}": provider.data["_source_fields"]}
    _provider_source(sources, data, provider)
    pf = ProviderFile(root / "providers" / f"{data['id']}.yaml", {"provider": data, "credentials": []})
    provider_files.append(pf)
    return pf


def _provider_source(sources: dict[str, Any], data: dict[str, Any], provider: MappedProvider) -> None:
    registry_url = provider.data.get("_registry_url") or data["url"]
    sources[f"ctdl-org-{data['id']}"] = {
        "title": f"Credential Registry: {data['name']}",
        "url": registry_url,
        "publisher": data["name"],
        "read_on": provider.data["_read_on"],
        "licence": provider.data["_licence"],
    }
