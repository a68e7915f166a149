"""Importing into a folder: what re-imports, withdrawals, regions and bad input do to it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from knowledge.ctdl.importer import import_ctdl
from knowledge.loader import DEFAULT_PATH, KnowledgeError, load_knowledge
from tests.knowledge.ctdl.samples import CYBER, FORKLIFT, PROGRAM, PSW, SAMPLES, WELDING

runner = CliRunner()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_import_starts_from_bundled_areas_and_faq_without_bundled_providers(tmp_path: Path) -> None:
    import_ctdl([SAMPLES], tmp_path / "kb")
    kb = load_knowledge(tmp_path / "kb")
    bundled = load_knowledge(DEFAULT_PATH)
    assert kb.areas == bundled.areas and set(kb.faq) == set(bundled.faq)
    assert not set(kb.providers) & set(bundled.providers)
    import_ctdl([SAMPLES], tmp_path / "both", with_bundled=True)
    assert set(bundled.providers) <= set(load_knowledge(tmp_path / "both").providers)


def test_reimport_updates_by_ctid_and_duplicates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    import_ctdl([SAMPLES], folder)
    before = load_knowledge(folder)
    again = import_ctdl([SAMPLES], folder)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 9)
    assert len(load_knowledge(folder).credentials) == len(before.credentials)
    edited = tmp_path / "edited"
    shutil.copytree(SAMPLES, edited)
    page = edited / "resource-microcredential.json"
    page.write_text(page.read_text().replace('"ceterms:price": 0', '"ceterms:price": 95'))
    changed = import_ctdl([edited], folder)
    assert changed.updated == 1 and changed.imported == 0
    credential = load_knowledge(folder).credential(CYBER)
    assert credential is not None and (credential.cost.amount, credential.cost.currency) == (95.0, "CAD")
    assert len(load_knowledge(folder).credentials) == len(before.credentials)


def test_reimport_removes_records_withdrawn_or_gone_from_the_same_file(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(SAMPLES, source)
    folder = tmp_path / "kb"
    import_ctdl([source], folder)
    assert load_knowledge(folder).credential(PSW) is not None
    envelopes = source / "envelopes.json"
    items = json.loads(envelopes.read_text())
    items = [e for e in items if e.get("envelope_ceterms_ctid") != PSW]  # gone from the registry
    envelopes.write_text(json.dumps(items))
    page = source / "resource-microcredential.json"
    page.write_text(page.read_text().replace("credentialStat:Active", "credentialStat:Ceased"))
    report = import_ctdl([source], folder)
    kb = load_knowledge(folder)
    assert kb.credential(PSW) is None and kb.credential(CYBER) is None
    assert report.removed == 2
    assert f"ctdl-{PSW}" not in kb.sources
    assert "toronto-health-institute" not in kb.providers  # nothing left to offer


def test_import_region_keeps_records_offered_there_or_online_only(tmp_path: Path) -> None:
    report = import_ctdl([SAMPLES], tmp_path / "kb", region="ON")
    kb = load_knowledge(tmp_path / "kb")
    assert kb.credential(FORKLIFT) is None  # Ohio, in person
    assert kb.credential(PSW) is not None and kb.credential(PROGRAM) is not None  # Toronto; Peterborough, Ontario
    assert kb.credential("ce-dad02fce-aa54-4896-bfa2-c6bdbd3472d1") is not None  # Texas, but online only
    assert report.skipped["outside --region"] == 1


def test_import_into_an_invalid_folder_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    import_ctdl([SAMPLES], folder)
    broken = folder / "providers" / "lakeshore-polytechnic.yaml"
    broken.write_text(broken.read_text().replace("status: available", "status: someday", 1))
    before = snapshot(folder)
    with pytest.raises(KnowledgeError) as caught:
        import_ctdl([SAMPLES], folder)
    assert any(p.field == "status" and p.file == "providers/lakeshore-polytechnic.yaml" for p in caught.value.problems)
    assert snapshot(folder) == before


def test_import_of_a_missing_path_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        import_ctdl([tmp_path / "nope.json"], tmp_path / "kb")
    assert not (tmp_path / "kb").exists()


def test_cli_import_prints_the_summary_table_and_validate_accepts_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    result = runner.invoke(app, ["kb", "import", "ctdl", str(SAMPLES), "--into", str(folder), "--region", "ON"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    for row in ("records read", "imported (new)", "skipped: withdrawn (Deprecated)", "unmapped property: HasValue"):
        assert row in output
    assert "'ON' or online only" in output
    validated = runner.invoke(app, ["kb", "validate", str(folder)])
    assert validated.exit_code == 0 and "8 records" in validated.output
    assert load_knowledge(folder).credential(WELDING) is None


def test_cli_validate_reports_each_problem_of_a_bad_import_with_file_record_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    import_ctdl([SAMPLES], folder)
    file = folder / "providers" / "kawartha-trades-institute.yaml"
    file.write_text(file.read_text().replace("currency: CAD", "currency: dollars").replace("span: P10W", "span: 10w"))
    result = runner.invoke(app, ["kb", "validate", str(folder)])
    assert result.exit_code == 1
    output = " ".join(result.output.split())  # rich wraps long lines
    assert f"providers/kawartha-trades-institute.yaml: record {PROGRAM}: field cost.currency" in output
    assert f"record {PROGRAM}: field duration.span" in output
    missing = runner.invoke(app, ["kb", "import", "ctdl", str(tmp_path / "nope"), "--into", str(folder)])
    assert missing.exit_code == 2 and "no such file" in missing.output
