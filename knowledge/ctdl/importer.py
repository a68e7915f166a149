"""``advisor kb import ctdl``: read CTDL files, map them, merge them into a knowledge folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from knowledge.ctdl.areas import AreaMatcher
from knowledge.ctdl.folder import start_folder, write_import
from knowledge.ctdl.mapping import Mapper
from knowledge.ctdl.reader import read_catalogue
from knowledge.ctdl.report import ImportReport
from knowledge.loader import DEFAULT_PATH, load_knowledge

DEFAULT_LICENCE = (
    "Credential Engine Registry (credentialengineregistry.org), as published by the organisation; CTDL terms CC BY 4.0"
)


def import_ctdl(
    paths: Sequence[Path],
    into: Path,
    *,
    region: str | None = None,
    with_bundled: bool = False,
    licence: str = DEFAULT_LICENCE,
    today: dt.date | None = None,
) -> ImportReport:
    """Import every CTDL file under ``paths`` into the knowledge folder ``into`` (created from the bundled areas,
    FAQ and synonyms when missing). Raises KnowledgeError, with ``into`` unchanged, when the result is invalid."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    created = not into.exists()
    if created:
        start_folder(into, with_bundled=with_bundled)
    try:
        # A new folder holds the bundled areas and synonyms but no providers yet, which the loader refuses.
        base = load_knowledge(DEFAULT_PATH if created else into)
        report = ImportReport(scope=f"records offered in {region!r} or online only" if region else ImportReport.scope)
        catalogue = read_catalogue(paths)
        for problem in catalogue.problems:
            report.find(problem.file, problem.position, "", problem.reason)
        mapper = Mapper(
            catalogue,
            areas=AreaMatcher(base.areas, base.synonyms),
            report=report,
            today=today or dt.date.today(),
            licence=licence,
            region=region,
        )
        records = mapper.map_all()
        write_import(into, records, report=report, withdrawn=mapper.withdrawn, files=mapper.seen)
    except BaseException:
        if created:
            import shutil

            shutil.rmtree(into, ignore_errors=True)
        raise
    return report
