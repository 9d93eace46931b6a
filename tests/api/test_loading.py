"""While the index is still loading: /health answers, /ready and the API say 503 with Retry-After.

The loading window of a real server is too short to hold open, so this drives the API in process
with a service whose loader has not run yet.
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
