"""Bad input: each malformed request must get a 4xx in the error shape, with no path, trace or secret."""

from __future__ import annotations

import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx

from evals.reliability.load import error_shape_problem
from evals.reliability.servers import MODEL


@dataclass
class BadInput:
    name: str
    method: str
    path: str
    expect: tuple[int, ...]
    json: Any = None
    content: bytes | None = None
    params: dict[str, Any] | None = None
    headers: dict[str, str] | None = None


def bad_inputs() -> list[BadInput]:
    ask, stream, search, chat, admin = (
        "/api/ask",
        "/api/ask/stream",
        "/api/search",
        "/v1/chat/completions",
        "/api/admin/reindex",
    )
    as_json = {"content-type": "application/json"}
    long_q = "x" * 5000

    def user(content: str) -> list[dict[str, str]]:
        return [{"role": "user", "content": content}]

    return [
        BadInput("empty question", "POST", ask, (422,), json={"question": ""}),
        BadInput("blank question", "POST", ask, (422,), json={"question": " \t\n\u3000"}),
        BadInput("number as question", "POST", ask, (422,), json={"question": 42}),
        BadInput("list as question", "POST", ask, (422,), json={"question": ["a"]}),
        BadInput("null question", "POST", ask, (422,), json={"question": None}),
        BadInput("unknown language", "POST", ask, (422,), json={"question": "visto?", "language": "fr"}),
        BadInput("unknown field", "POST", ask, (422,), json={"question": "visto?", "admin": True}),
        BadInput("traversal conversation id", "POST", ask, (422,), json={"question": "e?", "conversation_id": "../x"}),
        BadInput("empty object", "POST", ask, (422,), json={}),
        BadInput("array body", "POST", ask, (422,), json=[]),
        BadInput("JSON null body", "POST", ask, (422,), content=b"null", headers=as_json),
        BadInput("broken JSON", "POST", ask, (422,), content=b'{"question": ', headers=as_json),
        BadInput("invalid UTF-8", "POST", ask, (400, 422), content=b'{"question": "\xff\xfe"}', headers=as_json),
        BadInput("text/plain body", "POST", ask, (415, 422), content=b"visto?", headers={"content-type": "text/plain"}),
        BadInput("5,000-character question", "POST", ask, (422,), json={"question": long_q}),
        BadInput("100 kB question", "POST", ask, (413,), json={"question": "x" * 100_000}),
        BadInput("deeply nested JSON", "POST", ask, (400, 422), content=b"[" * 5000 + b"]" * 5000, headers=as_json),
        BadInput("stream: blank question", "POST", stream, (422,), json={"question": "   "}),
        BadInput("stream: overlong question", "POST", stream, (422,), json={"question": long_q}),
        BadInput("search without q", "GET", search, (422,)),
        BadInput("search blank q", "GET", search, (422,), params={"q": "   "}),
        BadInput("search k=0", "GET", search, (422,), params={"q": "visto", "k": 0}),
        BadInput("search k=51", "GET", search, (422,), params={"q": "visto", "k": 51}),
        BadInput("search k=abc", "GET", search, (422,), params={"q": "visto", "k": "abc"}),
        BadInput("search language fr", "GET", search, (422,), params={"q": "visto", "language": "fr"}),
        BadInput("search 3,000 chars", "GET", search, (422,), params={"q": "y" * 3000}),
        BadInput("unknown unit", "GET", "/api/units/dl-252-2000/art-99", (404,)),
        BadInput("unit path traversal", "GET", "/api/units/..%2F..%2Fetc%2Fpasswd", (404,)),
        BadInput("unit id with NUL", "GET", "/api/units/dl-252-2000%00/art-1", (404,)),
        BadInput("600-character unit id", "GET", "/api/units/" + "a/" * 300, (404,)),
        BadInput("unit language fr", "GET", "/api/units/dl-252-2000/art-13", (422,), params={"language": "fr"}),
        BadInput("chat without messages", "POST", chat, (422,), json={"model": MODEL, "messages": []}),
        BadInput(
            "chat only a system message",
            "POST",
            chat,
            (422,),
            json={"model": MODEL, "messages": [{"role": "system", "content": "hi"}]},
        ),
        BadInput("chat without model", "POST", chat, (422,), json={"messages": user("visto?")}),
        BadInput(
            "chat unknown role",
            "POST",
            chat,
            (422,),
            json={"model": MODEL, "messages": [{"role": "root", "content": "hi"}]},
        ),
        BadInput(
            "chat stream as string",
            "POST",
            chat,
            (422,),
            json={"model": MODEL, "stream": "yes", "messages": user("visto?")},
        ),
        BadInput("chat overlong user message", "POST", chat, (422,), json={"model": MODEL, "messages": user(long_q)}),
        BadInput("chat 60 messages", "POST", chat, (422,), json={"model": MODEL, "messages": user("a") * 60}),
        BadInput("GET on /api/ask", "GET", ask, (405,)),
        BadInput("DELETE on a unit", "DELETE", "/api/units/dl-252-2000/art-13", (405,)),
        BadInput("PUT on /v1/chat/completions", "PUT", chat, (405,), json={}),
        BadInput("TRACE on /health", "TRACE", "/health", (405,)),
        BadInput("unknown /api path", "GET", "/api/config", (404,)),
        BadInput("unknown /v1 path", "POST", "/v1/completions", (404,), json={"prompt": "hi"}),
        BadInput("admin without key", "POST", admin, (401,)),
        BadInput("admin wrong key", "POST", admin, (401,), headers={"x-api-key": "guess"}),
        BadInput("admin 1,000-character key", "POST", admin, (401, 422), headers={"x-api-key": "k" * 1000}),
        BadInput("feedback export wrong key", "GET", "/api/feedback/export", (401,), headers={"x-api-key": "guess"}),
        # Odd but valid: answered (200), never a 5xx.
        BadInput("control characters", "POST", ask, (200,), json={"question": "quem\x00 renova\x07 vistos?\x1b"}),
        BadInput("emoji and RTL text", "POST", ask, (200,), json={"question": "🛂🇵🇹 مرحبا visto \u202e?"}),
        BadInput("SQL in the question", "POST", ask, (200,), json={"question": "visto'; DROP TABLE feedback; --"}),
        BadInput("HTML in the question", "POST", ask, (200,), json={"question": "<script>alert(1)</script> vistos"}),
        BadInput("only punctuation", "POST", ask, (200,), json={"question": "?!…"}),
        BadInput("search for a missing reference", "GET", search, (200,), params={"q": "art. 999, n.º 9"}),
    ]


def try_bad_inputs(base: str, inputs: Iterable[BadInput] | None = None) -> list[dict[str, Any]]:
    """Each bad input once; its outcome (status, expected?, malformed or leaking error body?)."""
    out = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for bad in inputs or bad_inputs():
            response = client.request(
                bad.method, bad.path, json=bad.json, content=bad.content, params=bad.params, headers=bad.headers
            )
            problem = None
            if response.status_code >= 400:
                problem = error_shape_problem(response.status_code, response.content, response.headers)
            if response.status_code == 405 and not response.headers.get("allow"):
                problem = "405 without Allow"
            out.append(
                {
                    "name": bad.name,
                    "status": response.status_code,
                    "expected": response.status_code in bad.expect,
                    "problem": problem,
                }
            )
    return out


def slow_body_status(base: str) -> int:
    """A body that never finishes arriving: the server must give up with a 408, not wait forever."""
    url = httpx.URL(base)
    with socket.create_connection((url.host, url.port or 80), timeout=30) as sock:
        sock.sendall(
            b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            b'{"question": '
        )
        reply = sock.recv(4096).decode("latin-1")
    return int(reply.split()[1]) if reply.startswith("HTTP/") else 0
