"""All configuration, read from ``ADVISOR_*`` environment variables (or a ``.env`` file). Every field is in README."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    # hide_input_in_errors: a malformed secret must never be echoed in the start-up error (review L6).
    model_config = SettingsConfigDict(
        env_prefix="ADVISOR_", env_file=".env", env_ignore_empty=True, extra="ignore", hide_input_in_errors=True
    )

    # Service
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    data_dir: Path = Path(".data")
    knowledge_path: Path | None = None  # default: the knowledge base bundled in the package
    stale_days: int = Field(default=180, ge=1)
    admin_token: str | None = None

    # Retrieval
    embedder: Literal["sentence-transformers", "fake"] = "sentence-transformers"
    embedder_backend: Literal["torch", "onnx", "onnx-int8"] = "onnx-int8"
    page_size: int = Field(default=3, ge=1, le=10)
    rrf_k: int = Field(default=60, ge=1)
    dense_weight: float = Field(default=1.0, ge=0)
    lexical_weight: float = Field(default=1.0, ge=0)
    fuzzy_threshold: int = Field(default=85, ge=50, le=100)
    hnsw_threshold: int = Field(default=20000, ge=1)
    hnsw_m: int = Field(default=32, ge=4)
    hnsw_ef_search: int = Field(default=64, ge=1)
    query_cache_size: int = Field(default=2048, ge=0)
    turn_threads: int = Field(default=4, ge=1, le=64)
    encode_threads: int = Field(default=2, ge=1, le=32)

    # Conversation
    intent_threshold: float = Field(default=0.45, ge=0, le=1)
    session_idle_minutes: int = Field(default=60, ge=1)

    # Storage and privacy
    store: Literal["sqlite", "redis", "memory"] = "sqlite"
    redis_url: str | None = None
    redis_cluster: bool = False
    redis_sentinels: list[str] = Field(default_factory=list)
    redis_sentinel_service: str = "mymaster"
    redis_wait_replicas: int = Field(default=0, ge=0, le=16)
    redis_wait_timeout_ms: int = Field(default=1000, ge=1, le=60000)
    retention_days: int = Field(default=30, ge=1)
    purge_every_minutes: int = Field(default=60, ge=0)

    # Insights for institutions (analytics events, feedback, `advisor insights report`)
    analytics: bool = False
    insights_secret: SecretStr | None = None
    weak_result_cosine: float = Field(default=0.25, ge=0, le=1)
    id_key: SecretStr | None = None  # keys REST conversation ids and log fingerprints (bot.keys)

    # Limits and hardening
    max_body_bytes: int = Field(default=65536, ge=1024)
    max_message_chars: int = Field(default=2000, ge=1)
    rate_limit_session: str = "30/minute"
    rate_limit_client: str = "120/minute"
    rate_limit_new_conversations: str = "300/hour"
    cors_origins: list[str] = Field(default_factory=list)
    trusted_proxies: list[str] = Field(default_factory=list)  # addresses or ranges whose X-Forwarded-For counts
    docs: bool = False  # /docs and /redoc (Swagger UI and ReDoc from a CDN); /openapi.json is always served
    metrics_token: SecretStr | None = None  # when set, /metrics needs "Authorization: Bearer <token>"

    # Messaging channels (disabled until their secret is set)
    public_base_url: str | None = None
    telegram_bot_token: SecretStr | None = None
    telegram_secret_token: SecretStr | None = None
    telegram_api_base: str = "https://api.telegram.org"
    twilio_account_sid: str | None = None
    twilio_auth_token: SecretStr | None = None
    twilio_api_base: str = "https://api.twilio.com"
    actions_token: str | None = None  # advisor actions: Rasa must send it (endpoints.yml action_endpoint token)

    @field_validator("data_dir")
    @classmethod
    def _data_dir_usable(cls, value: Path) -> Path:
        if value.exists() and not value.is_dir():
            raise ValueError(f"ADVISOR_DATA_DIR={value} exists and is not a directory; point it at a folder")
        return value

    @field_validator("rate_limit_session", "rate_limit_client", "rate_limit_new_conversations")
    @classmethod
    def _rate_limit_readable(cls, value: str) -> str:
        from limits import parse

        try:
            parse(value)
        except ValueError as exc:
            raise ValueError(f"rate limit {value!r} is not understood; write it like '30/minute'") from exc
        return value

    @field_validator("telegram_secret_token")
    @classmethod
    def _telegram_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's setWebhook accepts 1-256 characters of A-Z, a-z, 0-9, _ and -; anything else fails there later.
        # At least 32 here: the secret is the webhook's only authentication and could be guessed online if short.
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{32,256}", value.get_secret_value()):
            raise ValueError(
                "ADVISOR_TELEGRAM_SECRET_TOKEN must be 32-256 characters of A-Z, a-z, 0-9, _ and -; "
                "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return value

    @field_validator("insights_secret")
    @classmethod
    def _insights_secret_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError(
                "ADVISOR_INSIGHTS_SECRET must be at least 16 characters (the same on every host); generate one with: "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return value

    @field_validator("id_key", "metrics_token")
    @classmethod
    def _secret_long(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError(
                f"ADVISOR_{str(info.field_name).upper()} must be at least 32 characters; generate one with: "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _trusted_proxies_shape(cls, value: list[str]) -> list[str]:
        from bot.web.proxies import parse_networks

        try:
            parse_networks(value)
        except ValueError as exc:
            raise ValueError(f"ADVISOR_TRUSTED_PROXIES: {exc}") from exc
        return value

    @field_validator("public_base_url")
    @classmethod
    def _public_base_url_shape(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not re.fullmatch(r"https?://[^/?#\s]+(/[^?#\s]*)?", value):
            raise ValueError(
                "ADVISOR_PUBLIC_BASE_URL must be the address the platforms call, such as https://advisor.example.org "
                "(scheme and host, optional path, no query)"
            )
        return value.rstrip("/")

    @field_validator("redis_sentinels")
    @classmethod
    def _sentinels_shape(cls, value: list[str]) -> list[str]:
        for item in value:
            host, _, port = item.rpartition(":")
            if not host or not port.isdigit():
                raise ValueError(
                    f"ADVISOR_REDIS_SENTINELS entry {item!r} is not host:port; "
                    'write a JSON list such as ["10.0.0.5:26379", "10.0.0.6:26379"]'
                )
        return value

    @model_validator(mode="after")
    def _redis_needs_url(self) -> Settings:
        if self.store == "redis" and not (self.redis_url or self.redis_sentinels):
            raise ValueError(
                "ADVISOR_STORE=redis needs ADVISOR_REDIS_URL, e.g. redis://localhost:6379/0 "
                "(or ADVISOR_REDIS_SENTINELS to find the primary through Sentinel)"
            )
        if self.redis_cluster and self.redis_sentinels:
            raise ValueError("ADVISOR_REDIS_CLUSTER and ADVISOR_REDIS_SENTINELS exclude each other: choose one")
        return self

    @property
    def uses_redis(self) -> bool:
        """Whether a Redis is configured (then rate limits are kept there, shared by workers)."""
        return bool(self.redis_url or self.redis_sentinels)


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once. Tests pass their own Settings to create_app instead."""
    return Settings()
