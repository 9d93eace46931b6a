"""Thumbs up/down (+ optional comment) on answers, kept in SQLite, exported for staff.

One short-lived connection per operation: Gradio runs handlers on a thread pool, and a
sqlite3 connection must not be shared across threads. WAL lets the export read while the
page writes. Each write is one transaction, committed before the call returns.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from assistant.config import Settings

FILENAME = "feedback.sqlite3"
COLUMNS = ("id", "created_at", "conversation_id", "question", "answer", "rating", "comment")
MAX_TEXT = 20_000  # an answer with its quotes fits; a pasted book does not
MAX_COMMENT = 2_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    conversation_id TEXT,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT ''
)
"""


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path, timeout=10)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")  # persistent: stored in the database file
            with conn:
                conn.execute(SCHEMA)

    @classmethod
    def for_settings(cls, settings: Settings) -> FeedbackStore:
        return cls(settings.data_dir / FILENAME)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=10)) as conn, conn:  # `with conn`: commit or roll back
            yield conn

    def add(
        self, question: str, answer: str, rating: int, comment: str = "", conversation_id: str | None = None
    ) -> int:
        if rating not in (1, -1):
            raise ValueError("rating must be +1 or -1")
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO feedback (created_at, conversation_id, question, answer, rating, comment) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    conversation_id,
                    question[:MAX_TEXT],
                    answer[:MAX_TEXT],
                    rating,
                    comment.strip()[:MAX_COMMENT],
                ),
            )
            return int(cursor.lastrowid or 0)

    def update(self, feedback_id: int, *, rating: int | None = None, comment: str | None = None) -> None:
        """Change the vote or attach the comment given after the thumbs click."""
        if rating is not None and rating not in (1, -1):
            raise ValueError("rating must be +1 or -1")
        with self._write() as conn:
            if rating is not None:
                conn.execute("UPDATE feedback SET rating = ? WHERE id = ?", (rating, feedback_id))
            if comment is not None:
                conn.execute(
                    "UPDATE feedback SET comment = ? WHERE id = ?", (comment.strip()[:MAX_COMMENT], feedback_id)
                )

    def delete(self, feedback_id: int) -> None:
        """A vote taken back (the same thumb clicked again)."""
        with self._write() as conn:
            conn.execute("DELETE FROM feedback WHERE id = ?", (feedback_id,))

    def list(self) -> list[dict[str, Any]]:
        with closing(sqlite3.connect(self.path, timeout=10)) as conn:
            conn.row_factory = sqlite3.Row
            rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()
        return [dict(row) for row in rows]

    def export(self, fmt: Literal["json", "csv"] = "json") -> str:
        rows = self.list()
        if fmt == "json":
            return json.dumps(rows, ensure_ascii=False, indent=1)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_safe(v) for k, v in row.items()})
        return out.getvalue()


def _csv_safe(value: object) -> object:
    """Comments are typed by the public: a cell starting with = + - @ would run as a spreadsheet formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


router = APIRouter(prefix="/api/feedback", tags=["admin"])


@router.get(
    "/export",
    responses={
        200: {"content": {"application/json": {}, "text/csv": {}}, "description": "Every feedback row, oldest first."},
        401: {"description": "Missing or wrong X-API-Key."},
        404: {"description": "Admin endpoints are off (no ASSISTANT_ADMIN_API_KEY)."},
    },
)
async def export_feedback(
    request: Request,
    format: Annotated[Literal["json", "csv"], Query(description="json (a list) or csv")] = "json",
    x_api_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Response:
    """The thumbs and comments given on the chat page. Needs `X-API-Key`, like /api/admin."""
    settings: Settings = request.app.state.service.settings
    expected = settings.admin_api_key
    if expected is None:
        raise HTTPException(404, "the feedback export is off (no ASSISTANT_ADMIN_API_KEY configured)")
    if not hmac.compare_digest((x_api_key or "").encode(), expected.get_secret_value().encode()):
        raise HTTPException(401, "missing or wrong X-API-Key")
    store = FeedbackStore.for_settings(settings)
    if format == "csv":
        body = await run_in_threadpool(store.export, "csv")
        return Response(
            body,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
        )
    return JSONResponse(await run_in_threadpool(store.list))
