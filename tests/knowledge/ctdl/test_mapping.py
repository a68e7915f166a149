"""What each CTDL value becomes in the knowledge base (the samples imported once, see conftest)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from knowledge.ctdl.report import ImportReport
from knowledge.schema import KnowledgeBase
from tests.knowledge.ctdl.samples import (
    BADGE,
    BOOKKEEPING,
    CNC,
    CYBER,
    DRYWALL,
    FORKLIFT,
    IMPORT_DAY,
    LEAN,
    PROGRAM,
    PSW,
    SAFETY,
    WELDING,
)  # fmt: skip

Imported = tuple[Path, ImportReport, KnowledgeBase]


def record(imported: Imported, ctid: str):  # type: ignore[no-untyped-def]
    credential = imported[2].credential(ctid)
    assert credential is not None, f"{ctid} not imported"
    return credential


def test_import_resolves_a_provider_described_in_another_file(imported: Imported) -> None:
    kb = imported[2]
    cyber = record(imported, CYBER)
    assert kb.provider_name(cyber.provider) == "Lakeshore Polytechnic"
    assert kb.providers[cyber.provider].ctid == "ce-2008d22b-36a4-4293-a995-2dc1e80ff662"
    assert kb.providers[cyber.provider].short_names == ("LP",)
    assert cyber.title == "Cybersecurity Fundamentals for Small Business"  # English of the language map


def test_import_maps_costs_exactly_as_documents_state_them(imported: Imported) -> None:
    cyber, program, cnc = record(imported, CYBER), record(imported, PROGRAM), record(imported, CNC)
    assert cyber.cost.kind == "free"
    assert "challenge fund" in (cyber.cost.note or "")
    assert (program.cost.kind, program.cost.amount, program.cost.currency) == ("priced", 1450.0, "CAD")  # aggregate
    assert "EnrollmentFee 75.00 CAD" in (program.cost.note or "")
    assert (cnc.cost.kind, cnc.cost.amount) == ("unknown", None)  # "dollars" is no currency: not priced
    assert cnc.cost.note == "Tuition: 800 dollars"
    psw = record(imported, PSW)
    assert psw.cost.kind == "unknown" and "depends on funding" in (psw.cost.note or "")
    books = record(imported, BOOKKEEPING)
    assert (books.cost.amount, books.cost.currency) == (300.0, "USD")  # "US Dollar" read, nothing converted
    assert record(imported, SAFETY).cost.kind == "free"  # directCostType as a list, price 0


def test_import_keeps_time_required_and_span_apart(imported: Imported) -> None:
    cyber, program = record(imported, CYBER), record(imported, PROGRAM)
    assert (cyber.duration.hours, cyber.duration.span) == (24.0, "P6W")
    assert (program.duration.hours, program.duration.span) == (60.0, "P10W")
    assert record(imported, PSW).duration.text == "Four months full time, including a 120-hour placement."


def test_import_maps_delivery_status_areas_skills_and_dates(imported: Imported) -> None:
    program = record(imported, PROGRAM)
    assert program.kind == "bundle" and program.modules.count == 2
    assert program.modules.names == ("CNC Machining Basics", "Lean Production on the Shop Floor")
    assert (program.delivery.modes, program.delivery.schedule) == (("blended",), ("evenings", "weekends"))
    assert program.delivery.confirmed
    assert program.areas == ("Manufacturing",) and program.skills == ("CNC machining", "lean production")
    assert program.starts == (dt.date(2027, 1, 12),)
    assert record(imported, SAFETY).starts == (dt.date(2027, 2, 1),)
    assert record(imported, CYBER).areas == ("Cybersecurity",)  # keyword "cyber security" through the synonyms
    assert record(imported, PSW).areas == ("Health Sciences",)
    assert record(imported, BOOKKEEPING).delivery.schedule == ("self_paced",)
    assert record(imported, CNC).status == "unknown"  # no status in the record: nothing claimed
    assert record(imported, LEAN).delivery.modes == ()  # OnlineDelivery is not a term: not guessed
    badge = record(imported, BADGE)
    assert badge.digital_credential.value == "yes" and badge.areas == ("Transferable Skills",)
    assert badge.title == "Digital Literacy for Job Seekers"  # en-CA preferred over fr-CA


def test_import_gives_every_record_its_registry_source(imported: Imported) -> None:
    kb = imported[2]
    psw = record(imported, PSW)
    (key,) = psw.sources
    source = kb.sources[key]
    assert str(source.url) == f"https://credentialengineregistry.org/resources/{PSW}"
    assert source.read_on == IMPORT_DAY
    assert source.published == dt.date(2026, 3, 4)
    assert source.licence and "Credential Engine" in source.licence


def test_import_skips_withdrawn_and_broken_records_with_reasons(imported: Imported) -> None:
    _, report, kb = imported
    for ctid in (WELDING, DRYWALL):
        assert kb.credential(ctid) is None
    assert kb.credential(FORKLIFT) is not None  # no --region: everything read is in scope
    assert report.read == 12 and report.imported == 9
    assert report.skipped == {
        "withdrawn (Deprecated)": 1,
        "provider not described in this import": 1,
        "missing required property ceterms:ctid": 1,
    }
    assert report.unmapped["HasValue"] == 1 and report.unmapped["ceterms:entryCondition"] == 1
    reasons: dict[tuple[str, str], list[str]] = {}
    for finding in report.findings:
        reasons.setdefault((finding.record, finding.field), []).append(finding.reason)
    assert any("unresolved blank node" in r for r in reasons[(DRYWALL, "ceterms:ownedBy")])
    assert "not ISO 4217" in reasons[(CNC, "estimatedCost.currency")][0]
    assert "OnlineDelivery" in reasons[(LEAN, "deliveryType")][0]
    assert any(f.file.endswith("resources.jsonl") and f.record == "line 4" for f in report.findings)
