"""Docs that tests keep honest: README must document every setting, endpoint and command."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_setting_is_in_readme() -> None:
    missing = [f"ADVISOR_{name.upper()}" for name in Settings.model_fields if f"`ADVISOR_{name.upper()}`" not in README]
    assert not missing, f"document these settings in README: {missing}"


def test_quick_start_is_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]


def test_endpoints_and_commands_are_in_readme() -> None:
    for needle in (
        "/chat",
        "/healthz",
        "/readyz",
        "advisor serve",
        "advisor chat",
        "advisor kb validate",
        "advisor index build",
        "/admin/reload",
        "advisor kb import ctdl",
        "advisor kb export ctdl",
        "advisor kb stale",
        "## Your own catalogue",
    ):
        assert needle in README, needle


def test_performance_settings_show_their_real_defaults() -> None:
    for name in ("embedder_backend", "query_cache_size", "encode_threads"):
        default = Settings.model_fields[name].default
        row = f"| `ADVISOR_{name.upper()}` | `{default}` |"
        assert row in README, f"README's configuration table should read {row}"
    assert "make bench" in README
