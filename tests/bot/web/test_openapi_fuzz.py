"""Schemathesis against /openapi.json, in process: no 5xx, and every answer is the one the schema declares."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bot.web.app import create_app
from tests.conftest import make_settings

# The app is built at import (schemathesis needs the schema to generate tests); it serves the bundled knowledge base
# through the fake embedder and an in-memory store, and its lifespan is started by schemathesis itself.
_app = create_app(
    make_settings(__import__("tempfile").mkdtemp(prefix="advisor-fuzz-"), rate_limit_client="100000/minute"),
)
schema = schemathesis.openapi.from_asgi("/openapi.json", _app)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
