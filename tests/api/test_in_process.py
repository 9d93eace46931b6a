"""Server states and settings that the shared loopback server cannot take on, driven in process:
the index still loading (its window is too short to hold open), admin off, CORS on.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from assistant.api import create_api
from assistant.api.state import ServiceState
from assistant.config import Settings


def test_loading_service_asks_clients_to_come_back(settings: Settings) -> None:
    state = ServiceState(settings)  # start_loading() not called: the index is "still loading"
    with TestClient(create_api(settings, state)) as client:
        assert client.get("/health").status_code == 200
        assert client.head("/health").status_code == 200
        ready = client.get("/ready")
        assert ready.status_code == 503 and ready.json()["status"] == "loading"
        assert ready.headers["retry-after"] == "5"
        ask = client.post("/api/ask", json={"question": "Who grants residence permits?"})
        assert ask.status_code == 503 and ask.headers["retry-after"] == "5"
        assert ask.json()["error"]["code"] == "index_not_ready"
        state.load()
        assert client.get("/ready").status_code == 200 and client.head("/ready").status_code == 200
        assert client.post("/api/ask", json={"question": "Who grants residence permits?"}).status_code == 200


def test_admin_is_off_without_a_key(settings: Settings) -> None:
    state = ServiceState(settings.model_copy(update={"admin_api_key": None}))
    with TestClient(create_api(state.settings, state)) as client:
        response = client.post("/api/admin/reindex", headers={"X-API-Key": "anything"})
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_cors_allows_configured_origins_only(settings: Settings) -> None:
    configured = settings.model_copy(update={"cors_origins": ["https://portal.example.pt"]})
    state = ServiceState(configured)
    with TestClient(create_api(configured, state)) as client:
        preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
        allowed = client.options("/api/ask", headers={"Origin": "https://portal.example.pt", **preflight})
        assert allowed.headers["access-control-allow-origin"] == "https://portal.example.pt"
        other = client.options("/api/ask", headers={"Origin": "https://evil.example.com", **preflight})
        assert "access-control-allow-origin" not in other.headers
        plain = client.get("/health", headers={"Origin": "https://portal.example.pt"})
        assert plain.headers["access-control-allow-origin"] == "https://portal.example.pt"


class BreaksMidStream:
    """An assistant whose answer fails after its first words (a library error, not a domain one)."""

    def ask_stream(self, question: str, language: str, conversation_id: str | None):  # type: ignore[no-untyped-def]
        yield "The regional "
        raise RuntimeError("/srv/secret/path exploded")


def test_a_failure_mid_stream_ends_both_streams_with_an_error_event() -> None:
    import json

    from assistant.api import openai_compat, routes, schemas

    events = list(routes.stream_events(BreaksMidStream(), schemas.AskRequest(question="Who renews permits?")))  # type: ignore[arg-type]
    assert events[0].startswith("event: token") and events[-1].startswith("event: error")
    error = json.loads(events[-1].split("data: ", 1)[1])
    assert error["code"] == "internal_error" and "/srv" not in error["message"]

    chunks = list(openai_compat._chunks("c", 0, "m", BreaksMidStream().ask_stream("q", "auto", None)))
    payload = json.loads(chunks[-1].removeprefix("data: "))
    assert payload["error"]["code"] == "internal_error" and "/srv" not in chunks[-1]


def test_the_chat_page_counts_against_the_rate_limit(settings: Settings) -> None:
    limited = settings.model_copy(update={"rate_limit_per_minute": 2})
    state = ServiceState(limited)
    with TestClient(create_api(limited, state)) as client:
        statuses = [client.post("/gradio_api/queue/join", json={}).status_code for _ in range(3)]
        assert statuses[-1] == 429 and 429 not in statuses[:2]
        assert client.get("/health").status_code == 200  # probes are never limited
