"""The CTDL samples under tests/data/ctdl and which record shows what (fixture ``imported``: tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "ctdl"
IMPORT_DAY = dt.date(2026, 3, 15)
CYBER = "ce-02682e9b-ad2b-43e5-8955-a0b129ed73b9"  # single resource, provider in another file, free
PROGRAM = "ce-1567dfae-7f87-46ae-b63c-e4b14437329f"  # @graph with blank nodes: cost, org, offering
CNC = "ce-2aec62d3-c782-458b-82d3-fdb5ab582d18"  # price in "dollars" (not ISO)
LEAN = "ce-f111f679-8cca-4d7b-b6f1-3b31c686df46"  # deliveryType:OnlineDelivery (not a term)
PSW = "ce-d8b1bd54-51ce-48ec-a3b5-129ee21e61c3"  # envelope; cost without a price
BOOKKEEPING = "ce-dad02fce-aa54-4896-bfa2-c6bdbd3472d1"  # envelope; Texas, online only, 300 "US Dollar"
WELDING = "ce-aa12a651-c1d2-4b8f-bde4-3f36fc64cdaf"  # Deprecated
FORKLIFT = "ce-3aede9ac-77ee-4d8b-8a93-675dde06f9b7"  # Ohio, in person
DRYWALL = "ce-abc0c38f-e50f-422d-8480-69cfab3f1cb8"  # owner is an unresolved blank node
SAFETY = "ce-aba4061b-18e1-42e8-8f6f-9cd8e15d778b"  # JSON Lines, 2017 plain strings, upper-case CTID
BADGE = "ce-b4305b5a-e9a4-4860-8319-f9d49a188c6f"  # JSON Lines, OpenBadge, en-CA + fr-CA
