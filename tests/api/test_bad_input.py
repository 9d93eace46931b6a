"""Bad input gets its 4xx and the contract's error shape, never a 500 or a trace."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

pytestmark = pytest.mark.slow


def assert_error(response: httpx.Response, status: int) -> dict[str, str]:
    assert response.status_code == status, response.text[:300]
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert "Traceback" not in response.text and "/work/" not in response.text and 'File "' not in response.text
    return body["error"]


@pytest.mark.parametrize(
    "payload",
    [
        {"question": ""},
        {"question": "   "},
        {"question": 42},
        {"question": ["a"]},
        {"question": "ok?", "language": "fr"},
        {"question": "ok?", "unexpected": True},
        {"question": "ok?", "conversation_id": "../../etc"},
        {},
        [],
    ],
)
def test_bad_ask_bodies(client: httpx.Client, payload: object) -> None:
    assert_error(client.post("/api/ask", json=payload), 422)


def test_overlong_question(client: httpx.Client) -> None:
    # 100,000 characters is over the body limit: refused before it is parsed.
    assert_error(client.post("/api/ask", json={"question": "x" * 100_000}), 413)
    too_long = assert_error(client.post("/api/ask", json={"question": "x" * 5_000}), 422)
    assert too_long["code"] == "invalid_query" and "longer than" in too_long["message"]


@pytest.mark.parametrize("question", ["   ", "\u3000\t", "\u200b\u200b\u200b"])
def test_an_empty_question_is_an_invalid_query_in_words(client: httpx.Client, question: str) -> None:
    # The README's code for it, and words, not the schema's pattern (a client branches on the code).
    for response in (
        client.post("/api/ask", json={"question": question}),
        client.get("/api/search", params={"q": question}),
    ):
        error = assert_error(response, 422)
        assert error == {"code": "invalid_query", "message": "the question is empty"}


def test_invalid_utf8_and_invalid_json(client: httpx.Client) -> None:
    headers = {"content-type": "application/json"}
    assert_error(client.post("/api/ask", content=b'{"question": "\xff\xfe"}', headers=headers), 400)
    assert_error(client.post("/api/ask", content=b"{not json", headers=headers), 422)


def test_control_characters_are_a_question_like_any_other(client: httpx.Client) -> None:
    response = client.post("/api/ask", json={"question": "quem\x00 renova\x07 autorizações de residência?\x1b"})
    assert response.status_code == 200


def test_unknown_unit_and_traversal(client: httpx.Client) -> None:
    assert assert_error(client.get("/api/units/dl-252-2000/art-90"), 404)["code"] == "unit_not_found"
    assert_error(client.get("/api/units/..%2F..%2Fetc%2Fpasswd"), 404)
    assert_error(client.get("/api/units/" + "a/" * 300), 404)


def test_search_bad_parameters(client: httpx.Client) -> None:
    assert_error(client.get("/api/search"), 422)
    assert_error(client.get("/api/search", params={"q": "visto", "k": 0}), 422)
    assert_error(client.get("/api/search", params={"q": "visto", "language": "fr"}), 422)


def test_an_unknown_language_is_an_invalid_query(client: httpx.Client) -> None:
    for response in (
        client.post("/api/ask", json={"question": "Who grants visas?", "language": "fr"}),
        client.get("/api/search", params={"q": "visto", "language": "fr"}),
    ):
        assert assert_error(response, 422) == {
            "code": "invalid_query",
            "message": "unsupported language 'fr': use auto, pt or en",
        }


def test_big_body_with_content_length_is_refused_unread(client: httpx.Client) -> None:
    body = b'{"question": "' + b"a" * (20 * 1024 * 1024) + b'"}'
    error = assert_error(client.post("/api/ask", content=body, headers={"content-type": "application/json"}), 413)
    assert error["code"] == "payload_too_large"


def test_big_chunked_body_is_refused(client: httpx.Client) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"question": "'
        for _ in range(20 * 16):
            yield b"a" * 65536
        yield b'"}'

    response = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert_error(response, 413)


def test_slow_body_is_cut_off(server: str) -> None:
    url = urlparse(server)
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            b'{"question": '
        )
        started = time.monotonic()
        reply = sock.recv(4096).decode()
    assert reply.startswith("HTTP/1.1 408")
    assert time.monotonic() - started < 20


def test_openai_bad_requests(client: httpx.Client) -> None:
    assert_error(client.post("/v1/chat/completions", json={"model": "m", "messages": []}), 422)
    assert_error(
        client.post("/v1/chat/completions", json={"model": "m", "messages": [{"role": "system", "content": "hi"}]}), 422
    )
    assert_error(client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "hi"}]}), 422)
    image = [{"type": "image_url", "image_url": {"url": "https://example.org/a.png"}}]
    refused = client.post("/v1/chat/completions", json={"model": "m", "messages": [{"role": "user", "content": image}]})
    assert_error(refused, 422)
    assert "only text content parts" in refused.json()["error"]["message"]


def test_each_bad_request_leaves_one_log_line(client: httpx.Client, server_log: Path) -> None:
    before = server_log.read_text(errors="replace").splitlines()
    assert_error(client.post("/api/ask", json={"question": ""}), 422)
    time.sleep(0.3)
    after = server_log.read_text(errors="replace").splitlines()
    assert len(after) - len(before) == 1
    assert "Traceback" not in "\n".join(after)
