"""The SYNTHETIC CTDL dump: labelled, varied, deterministic, and read by the importer like a registry dump."""

from __future__ import annotations

from pathlib import Path

from index.synthetic_ctdl import synthetic_dump, write_dump
from knowledge.ctdl.importer import import_ctdl
from knowledge.loader import load_knowledge


def test_synthetic_dump_is_labelled_varied_and_deterministic(tmp_path: Path) -> None:
    items = list(synthetic_dump(500))
    assert items == list(synthetic_dump(500))
    records = [i["decoded_resource"]["@graph"][0] for i in items if "decoded_resource" in i]
    assert len(records) == 500
    descriptions = [r["ceterms:description"]["en-US"] for r in records]
    assert all("[SYNTHETIC record" in d for d in descriptions)
    assert len({d.split(" [SYNTHETIC")[0] for d in descriptions}) > 400  # not a few texts with noise
    assert len({r["ceterms:name"]["en-US"] for r in records}) > 250
    report = import_ctdl([write_dump(tmp_path / "dump.jsonl", 500)], tmp_path / "kb")
    kb = load_knowledge(tmp_path / "kb")
    assert report.read == 500 and report.imported == len(kb.credentials) > 400
    assert {c.cost.kind for c in kb.credentials} == {"free", "priced", "unknown"}
    assert {c.cost.currency for c in kb.credentials if c.cost.kind == "priced"} == {"CAD", "USD"}
    assert all(str(c.url).startswith("https://org.example.invalid/") for c in kb.credentials)
