"""Every endpoint through a real server: the contract's shapes, SSE as a client parses it, the openai client."""

from __future__ import annotations

import json

import httpx
import pytest

from assistant.api.schemas import AskResponse, ChatCompletionResponse, DocumentsResponse, SearchResponse, UnitResponse
from tests.api.conftest import ADMIN_KEY

pytestmark = pytest.mark.slow


def test_health_and_ready(client: httpx.Client) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    ready = client.get("/ready")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


def test_ask_in_english_cites_the_unit_with_rendering_and_notice(client: httpx.Client) -> None:
    body = client.post("/api/ask", json={"question": "Who grants and renews residence permits?"}).json()
    answer = AskResponse.model_validate(body)
    assert answer.language == "en" and not answer.abstained
    first = answer.citations[0]
    assert first.id == "dl-252-2000/art-47/n-1/al-m"
    assert first.label == "Article 47(1)(m)"
    assert first.quote == "Conceder e renovar autorizações de residência;"
    assert first.translation and "residence permits" in first.translation
    assert any("Lei n.º 73/2021" in n for n in answer.notices)
    assert answer.conversation_id


def test_ask_in_portuguese_and_follow_up(client: httpx.Client) -> None:
    first = client.post("/api/ask", json={"question": "Onde fica a sede da direção regional do Centro?"}).json()
    assert first["language"] == "pt"
    assert first["citations"][0]["id"] == "dl-252-2000/art-45/n-2/al-c"
    follow = client.post(
        "/api/ask", json={"question": "E no Algarve?", "conversation_id": first["conversation_id"]}
    ).json()
    assert follow["citations"][0]["id"] == "dl-252-2000/art-45/n-2/al-d"
    assert follow["conversation_id"] == first["conversation_id"]
    # "" is what some clients send for "no conversation yet": a new one, not a 422.
    fresh = client.post("/api/ask", json={"question": "E no Algarve?", "conversation_id": ""})
    assert fresh.status_code == 200 and fresh.json()["conversation_id"] not in ("", first["conversation_id"])


def test_ask_abstains_out_of_scope(client: httpx.Client) -> None:
    body = client.post("/api/ask", json={"question": "What's a good recipe for bacalhau à brás?"}).json()
    assert body["abstained"] is True and body["citations"] == []
    assert "AIMA" in body["answer"]


def test_ask_stream_is_server_sent_events(client: httpx.Client) -> None:
    events: list[tuple[str, object]] = []
    with client.stream("POST", "/api/ask/stream", json={"question": "Quem aplica coimas?"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        event = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                event = line[len("event: ") :]
            elif line.startswith("data: "):
                events.append((str(event), json.loads(line[len("data: ") :])))
    names = [name for name, _ in events]
    assert names[0] == "token" and names[-3:] == ["citations", "notices", "done"]
    text = "".join(data["text"] for name, data in events if name == "token")  # type: ignore[index]
    done = AskResponse.model_validate(events[-1][1])
    assert text == done.answer
    assert events[-3][1] == [c.model_dump() for c in done.citations]


def test_search(client: httpx.Client) -> None:
    body = SearchResponse.model_validate(
        client.get("/api/search", params={"q": "expulsão administrativa", "k": 3}).json()
    )
    assert 1 <= len(body.hits) <= 3
    assert body.hits[0].id.startswith("dl-252-2000/")
    assert all(0.0 <= h.score <= 1.0 for h in body.hits)


def test_search_scores_never_rise_and_language_names_the_labels(client: httpx.Client) -> None:
    # Ranking fuses more than the calibrated relevance sees; the reported score must still read best first.
    for query in ("fronteiras", "autorizações de residência", "who decides on expulsions"):
        hits = SearchResponse.model_validate(client.get("/api/search", params={"q": query, "k": 10}).json()).hits
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True), query
    # An English query with Portuguese labels finds what it finds with English labels.
    en = client.get("/api/search", params={"q": "Who grants residence permits?", "k": 3, "language": "en"}).json()
    pt = client.get("/api/search", params={"q": "Who grants residence permits?", "k": 3, "language": "pt"}).json()
    assert [h["id"] for h in en["hits"]] == [h["id"] for h in pt["hits"]]
    assert [h["score"] for h in en["hits"]] == [h["score"] for h in pt["hits"]]
    assert en["hits"][0]["label"].startswith("Article") and pt["hits"][0]["label"].startswith("Artigo")


def test_unit_and_documents(client: httpx.Client) -> None:
    unit = UnitResponse.model_validate(client.get("/api/units/dl-252-2000/art-13/n-2/al-h").json())
    assert unit.text == "h) Proferir decisões de expulsão administrativa;"
    assert unit.parent == "dl-252-2000/art-13/n-2" and unit.children == []
    assert unit.translation and "expulsion" in unit.translation
    article = client.get("/api/units/dl-252-2000/art-13").json()
    assert article["children"][:2] == ["dl-252-2000/art-13/n-1", "dl-252-2000/art-13/n-2"]
    docs = DocumentsResponse.model_validate(client.get("/api/documents").json())
    decree = next(d for d in docs.documents if d.id == "dl-252-2000")
    assert decree.status == "revoked" and decree.revoked_by and "73/2021" in decree.revoked_by
    assert sum(1 for e in decree.entries if e.id.startswith("dl-252-2000/art-")) == 76


def test_openapi_schema_is_complete(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/ask",
        "/api/ask/stream",
        "/api/search",
        "/api/units/{unit_id}",
        "/api/documents",
        "/health",
        "/ready",
        "/v1/chat/completions",
        "/v1/models",
        "/api/admin/reindex",
    ):
        assert path in spec["paths"], path
    assert "AskResponse" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_openai_client_completion_and_stream(server: str) -> None:
    from openai import OpenAI

    oa = OpenAI(base_url=f"{server}/v1", api_key="not-needed")
    assert [m.id for m in oa.models.list().data] == ["sef-legal-assistant"]
    completion = oa.chat.completions.create(
        model="sef-legal-assistant",
        messages=[{"role": "user", "content": "Who issues administrative expulsion decisions?"}],
    )
    content = completion.choices[0].message.content or ""
    assert "Sources:" in content and "dl-252-2000/art-13/n-2/al-h" in content
    raw = completion.model_dump()
    assert raw["citations"][0]["id"] == "dl-252-2000/art-13/n-2/al-h"
    ChatCompletionResponse.model_validate(raw)
    pieces, final = [], None
    for chunk in oa.chat.completions.create(
        model="sef-legal-assistant",
        messages=[{"role": "user", "content": "Quem concede salvo-condutos?"}],
        stream=True,
    ):
        if chunk.choices and chunk.choices[0].delta.content:
            pieces.append(chunk.choices[0].delta.content)
        if chunk.choices and chunk.choices[0].finish_reason == "stop":
            final = chunk.model_dump()
    assert len(pieces) > 3
    assert final is not None and final["citations"][0]["id"] == "dl-252-2000/art-47/n-1/al-p"
    # Content given as text parts, as newer OpenAI clients send it.
    parts = oa.chat.completions.create(
        model="sef-legal-assistant",
        messages=[{"role": "user", "content": [{"type": "text", "text": "Quem concede salvo-condutos?"}]}],
    )
    assert parts.model_dump()["citations"][0]["id"] == "dl-252-2000/art-47/n-1/al-p"
    assert "Fontes:" in "".join(pieces)


def test_admin_reindex_needs_its_key(client: httpx.Client) -> None:
    assert client.post("/api/admin/reindex").status_code == 401
    wrong = client.post("/api/admin/reindex", headers={"X-API-Key": "wrong"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    ok = client.post("/api/admin/reindex", headers={"X-API-Key": ADMIN_KEY})
    assert ok.status_code == 200 and ok.json()["up_to_date"] is True
