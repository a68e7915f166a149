"""Export then import gives back what the advisor knows (the round trip), and the export is well-formed CTDL."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from knowledge.ctdl.export import export_graph
from knowledge.ctdl.importer import import_ctdl
from knowledge.ctdl.report import ImportReport
from knowledge.loader import load_knowledge
from knowledge.schema import KnowledgeBase

ROUND_TRIP = ("title", "description", "url", "cost", "delivery", "duration", "status", "skills", "areas", "starts")


def test_export_then_import_gives_back_every_field_of_every_record(
    imported: tuple[Path, ImportReport, KnowledgeBase], tmp_path: Path
) -> None:
    folder, _, kb = imported
    document = tmp_path / "export.json"
    result = CliRunner().invoke(app, ["kb", "export", "ctdl", "--path", str(folder), "--out", str(document)])
    assert result.exit_code == 0, result.output
    report = import_ctdl([document], tmp_path / "back")
    back = load_knowledge(tmp_path / "back")
    assert report.read == len(kb.credentials) and not report.skipped and not report.findings
    assert len(back.credentials) == len(kb.credentials)
    compared = 0
    for credential in kb.credentials:
        again = back.credential(credential.id)
        assert again is not None
        for field in ROUND_TRIP:
            assert getattr(again, field) == getattr(credential, field), (credential.id, field)
        assert back.provider_name(again.provider) == kb.provider_name(credential.provider)
        compared += 1
    assert compared == 9
    priced = {(c.cost.kind, c.cost.currency) for c in back.credentials}
    assert {("free", "CAD"), ("priced", "CAD"), ("priced", "USD"), ("unknown", "CAD")} <= priced


def test_export_leaves_unknowns_out_and_keeps_required_properties(kb: KnowledgeBase) -> None:
    document = export_graph(kb)
    graph = document["@graph"]
    records = [n for n in graph if n["@type"] != "ceterms:CredentialOrganization"]
    assert len(records) == len(kb.credentials)
    for node in graph:
        for required in ("@id", "ceterms:ctid", "ceterms:name", "ceterms:description", "ceterms:subjectWebpage"):
            assert required in node, (node["@id"], required)
        assert node["ceterms:name"].keys() == {"en-US"}  # language maps
    unknown_cost = [c for c in kb.credentials if c.cost.kind == "unknown" and not c.cost.note]
    assert unknown_cost, "the bundled knowledge has records with unknown cost"
    by_title = {n["ceterms:name"]["en-US"]: n for n in records}
    for credential in unknown_cost:
        assert "ceterms:estimatedCost" not in by_title[credential.title]  # not invented
    maybe = [c for c in kb.credentials if c.delivery.modes and not c.delivery.confirmed]
    assert maybe and all("ceterms:deliveryType" not in by_title[c.title] for c in maybe)  # "may be" is no fact
    assert json.loads(json.dumps(document)) == document


def test_export_carries_the_licence_of_imported_facts(imported: tuple[Path, ImportReport, KnowledgeBase]) -> None:
    document = export_graph(imported[2])
    assert any("Credential Engine" in line for line in document["attribution"])
