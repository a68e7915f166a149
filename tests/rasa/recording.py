"""The action calls of a ``make record-rasa`` run, saved as fixtures for tests/actions/test_rasa_contract.py.

Rasa sends its whole domain with every call; it is kept once (``domain.json``) and each call refers to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DOMAIN_FILE = "domain.json"
CALLS_FILE = "calls.json"
DOMAIN_REF = "see domain.json"


def save_calls(calls: list[dict[str, Any]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    domains = {json.dumps(c["request"].get("domain"), sort_keys=True) for c in calls}
    if len(domains) != 1:
        raise ValueError(f"expected one domain across the calls, found {len(domains)}")
    (folder / DOMAIN_FILE).write_text(json.dumps(calls[0]["request"]["domain"], indent=1, sort_keys=True) + "\n")
    kept = [{"request": {**c["request"], "domain": DOMAIN_REF}, "response": c["response"]} for c in calls]
    (folder / CALLS_FILE).write_text(json.dumps(kept, indent=1, ensure_ascii=False) + "\n")


def load_calls(folder: Path) -> list[dict[str, Any]]:
    """The recorded calls with the domain put back, as Rasa sent them."""
    domain = json.loads((folder / DOMAIN_FILE).read_text())
    calls: list[dict[str, Any]] = json.loads((folder / CALLS_FILE).read_text())
    for call in calls:
        call["request"]["domain"] = domain
    return calls
