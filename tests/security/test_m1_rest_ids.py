"""M1: a REST sender (possibly an e-mail address) was the store key, and its transcript was readable and erasable by
anyone once the sender was 16+ characters long. Now the key is a keyed hash, and only a random UUID (v4) or a sender
the server issued proves ownership."""

from __future__ import annotations

import hashlib
import stat
import uuid
from pathlib import Path

import httpx
import pytest

from bot.keys import KEY_FILE, is_issued_sender, issue_sender, load_id_key
from bot.service import fingerprint
from tests.conftest import make_settings
from tests.security.conftest import StartServer

EMAIL = "alice.smith@example.com"


@pytest.mark.real
def test_rest_senders_are_hashed_and_served_only_when_random_or_issued(start_server: StartServer) -> None:
    server = start_server(rate_limit_client="1000/minute")
    data_dir = Path(server.env["ADVISOR_DATA_DIR"])
    with httpx.Client(base_url=server.url, timeout=30) as http:
        # The review's probe: an e-mail sender and a sequential one are neither readable nor erasable.
        for sender in (EMAIL, "user-000000000042"):
            assert http.post("/webhooks/rest/webhook", json={"sender": sender, "message": "cybersecurity"}).is_success
            assert http.get(f"/conversations/rest:{sender}").status_code == 404
            assert http.delete(f"/conversations/rest:{sender}").status_code == 404
        # A random UUID and a server-issued sender are.
        issued = http.post("/webhooks/rest/senders").json()["sender"]
        for sender in (str(uuid.uuid4()), issued):
            assert http.post("/webhooks/rest/webhook", json={"sender": sender, "message": "cybersecurity"}).is_success
            transcript = http.get(f"/conversations/rest:{sender}")
            assert transcript.status_code == 200 and transcript.json()["turns"][0]["user"] == "cybersecurity"
            assert sender not in transcript.text  # the stored id is the keyed hash
            assert http.delete(f"/conversations/rest:{sender}").status_code == 204
            assert http.get(f"/conversations/rest:{sender}").status_code == 404
        # An upper-case or brace-wrapped UUID is not the canonical form a random generator gives: not served.
        upper = str(uuid.uuid4()).upper()
        http.post("/webhooks/rest/webhook", json={"sender": upper, "message": "hi"})
        assert http.get(f"/conversations/rest:{upper}").status_code == 404
    server.stop()
    stored = b"".join(p.read_bytes() for p in data_dir.glob("conversations.sqlite3*") if p.is_file())
    assert EMAIL.encode() not in stored and b"user-000000000042" not in stored
    assert EMAIL not in server.log.read_text()
    assert stat.S_IMODE((data_dir / KEY_FILE).stat().st_mode) == 0o600


def test_the_id_key_is_shared_through_the_data_directory_or_set(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    first = load_id_key(settings)
    assert load_id_key(settings) == first and len(first) >= 32  # a second worker reads the same key
    assert load_id_key(make_settings(tmp_path / "data", id_key="k" * 32)) == b"k" * 32
    with pytest.raises(ValueError, match="at least 32 characters"):
        make_settings(tmp_path / "data", id_key="short")


def test_fingerprint_is_keyed_and_sender_tokens_are_checked() -> None:
    key, other = b"a" * 32, b"b" * 32
    assert fingerprint("rest:alice", key=key) != fingerprint("rest:alice", key=other)
    assert fingerprint("rest:alice", key=key) != hashlib.sha256(b"rest:alice").hexdigest()[:12]
    token = issue_sender(key)
    assert is_issued_sender(key, token) and not is_issued_sender(other, token)
    assert not is_issued_sender(key, token[:-1] + ("0" if token[-1] != "0" else "1"))
