from __future__ import annotations

import json
from pathlib import Path

from knowledge.ctdl.reader import normalise_id, read_catalogue
from tests.knowledge.ctdl.samples import SAMPLES


def test_read_catalogue_reads_all_four_shapes_and_indexes_nodes_across_files() -> None:
    catalogue = read_catalogue([SAMPLES])
    assert len(catalogue.files) == 5
    # one resource, @graph members, envelope graphs, JSON Lines: each CTID once in the table
    for ctid in ("ce-02682e9b-ad2b-43e5-8955-a0b129ed73b9", "ce-1567dfae-7f87-46ae-b63c-e4b14437329f",
                 "ce-d8b1bd54-51ce-48ec-a3b5-129ee21e61c3", "ce-b4305b5a-e9a4-4860-8319-f9d49a188c6f"):  # fmt: skip
        assert ctid in catalogue.by_id
    org = catalogue.resolve(
        "https://sandbox.credentialengineregistry.org/graph/CE-2008D22B-36A4-4293-A995-2DC1E80FF662"
    )
    assert org is not None and org.file.endswith("organization.json")  # another host, upper case: the same resource
    envelope_node = catalogue.by_id["ce-d8b1bd54-51ce-48ec-a3b5-129ee21e61c3"]
    assert envelope_node.updated_at == "2026-03-04"  # last_verified_on of its envelope


def test_read_catalogue_reports_bad_json_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"@graph": [')
    (tmp_path / "lines.jsonl").write_text('{"@id": "_:a", "@type": "ceterms:Place"}\nnot json\n')
    catalogue = read_catalogue([tmp_path])
    assert [p.file.rsplit("/", 1)[-1] for p in catalogue.problems] == ["broken.json", "lines.jsonl"]
    assert catalogue.problems[1].position == "line 2"
    assert "_:a" in catalogue.by_id


def test_read_catalogue_reads_included_nodes(tmp_path: Path) -> None:
    doc = {"@id": "https://x/resources/ce-1", "@type": "ceterms:Course", "ceterms:teaches": ["_:b"],
           "@included": [{"@id": "_:b", "@type": "ceasn:Competency"}]}  # fmt: skip
    (tmp_path / "depth.json").write_text(json.dumps(doc))
    catalogue = read_catalogue([tmp_path / "depth.json"])
    assert catalogue.resolve("_:b") is not None
    assert "@included" not in catalogue.nodes[0].data


def test_normalise_id_compares_registry_uris_on_the_ctid() -> None:
    assert normalise_id("https://credentialengineregistry.org/resources/CE-AB") == "ce-ab"
    assert normalise_id("_:xyz") == "_:xyz"
