"""Whatever a CTDL document holds, the mapper reports and skips; every record it does map is a valid record."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.ctdl.areas import AreaMatcher
from knowledge.ctdl.mapping import Mapper
from knowledge.ctdl.reader import read_catalogue
from knowledge.ctdl.report import ImportReport
from knowledge.loader import load_knowledge
from knowledge.schema import Credential, Provider

KB = load_knowledge()
KEYS = ("ceterms:name", "ceterms:description", "ceterms:subjectWebpage", "ceterms:offeredBy", "ceterms:estimatedCost",
        "ceterms:estimatedDuration", "ceterms:deliveryType", "ceterms:scheduleTimingType", "ceterms:keyword",
        "ceterms:subject", "ceterms:credentialStatusType", "ceterms:hasPart", "ceterms:startDate", "@id", "@type",
        "ceterms:price", "ceterms:currency", "ceterms:exactDuration", "ceterms:timeRequired")  # fmt: skip
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.sampled_from(
        ["_:x", "_:org", "P10W", "PT3H", "CAD", "US Dollar", "deliveryType:OnlineOnly", "https://e.example/a",
         "A long enough description of something.", "2027-02-30", "ceterms:Course", "credentialStat:Ceased"]
    ) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from((*KEYS, "en-US")), inner, max_size=4),
    max_leaves=12,
)  # fmt: skip
NODE = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=10)


def base(extra: dict[str, Any]) -> dict[str, Any]:
    return {"@type": "ceterms:Course", "ceterms:ctid": "ce-00000000-0000-4000-8000-000000000001",
            "ceterms:name": "Course", "ceterms:description": "A course long enough to be described.",
            "ceterms:subjectWebpage": "https://e.example/c", "ceterms:offeredBy": ["_:org"]} | extra  # fmt: skip


ORG = {"@id": "_:org", "@type": "ceterms:CredentialOrganization", "ceterms:name": "Org"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(main=NODE, other=NODE)
def test_mapper_never_fails_and_maps_only_valid_records(
    tmp_path: Path, main: dict[str, Any], other: dict[str, Any]
) -> None:
    file = tmp_path / "doc.json"
    file.write_text(json.dumps({"@graph": [base(main), ORG | other, other]}))
    report = ImportReport()
    mapper = Mapper(read_catalogue([file]), areas=AreaMatcher(KB.areas, KB.synonyms), report=report,
                    today=dt.date(2026, 11, 30), licence="test", region="ON")  # fmt: skip
    for record in mapper.map_all():
        Credential.model_validate(record.data | {"provider": "org"})
        Provider.model_validate({k: v for k, v in record.provider.data.items() if not k.startswith("_")} |
                                {"sources": {"s": ["name"]}})  # fmt: skip
    if "@type" not in main:
        assert report.read == 1  # the record was read: mapped, or skipped with a reason
        assert report.imported + sum(report.skipped.values()) <= 1
