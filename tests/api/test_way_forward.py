"""The refusal's way forward in the HTTP answer (a contract extension): related units and the pointer,
beside an empty `citations`."""

from __future__ import annotations

import httpx
import pytest

from assistant.api.schemas import AskResponse

pytestmark = pytest.mark.slow


def test_a_refusal_carries_related_units_and_the_aima_pointer(client: httpx.Client) -> None:
    body = client.post("/api/ask", json={"question": "My residence card expired, what do I do?"}).json()
    answer = AskResponse.model_validate(body)
    assert answer.abstained and answer.citations == []  # the contract: a refusal cites nothing
    assert answer.related and all(r.quote and r.label.lower() in answer.answer.lower() for r in answer.related)
    assert answer.pointer is not None and answer.pointer.id == "aima-explainer/p-2"
    assert "central authority" in answer.pointer.quote


def test_an_answer_has_no_way_forward(client: httpx.Client) -> None:
    body = client.post("/api/ask", json={"question": "Who grants and renews residence permits?"}).json()
    assert body["abstained"] is False and body["related"] == [] and body["pointer"] is None


def test_the_stream_s_last_event_carries_them_too(client: httpx.Client) -> None:
    text = client.post("/api/ask/stream", json={"question": "Quanto custa hoje uma autorização de residência?"}).text
    done = next(block for block in text.split("\n\n") if block.startswith("event: done\n"))
    answer = AskResponse.model_validate_json(done.split("data: ", 1)[1])
    assert answer.abstained and answer.pointer is not None and answer.pointer.translation
