"""Session and request ids: the right shape, never repeated, and a forked child does not hand out its parent's."""

from __future__ import annotations

import os
import re

from bot.randomness import request_id, token_urlsafe


def test_session_tokens_are_128_bits_url_safe_and_distinct() -> None:
    tokens = [token_urlsafe(16) for _ in range(5000)]  # several refills of the 4 KB buffer
    assert len(set(tokens)) == len(tokens)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", t) for t in tokens)


def test_request_ids_look_like_uuid_hex_and_are_distinct() -> None:
    ids = [request_id() for _ in range(1000)]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)


def test_a_forked_child_draws_fresh_ids() -> None:
    token_urlsafe(16)  # fill the buffer: a child that kept it would repeat the parent's next ids
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its next ids and leave at once
        os.write(write, f"{token_urlsafe(16)} {request_id()}".encode())
        os._exit(0)
    os.close(write)
    child_token, child_request = os.read(read, 200).decode().split()
    os.waitpid(pid, 0)
    assert child_token != token_urlsafe(16)
    assert child_request[:16] != request_id()[:16]
