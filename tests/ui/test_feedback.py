"""The feedback store (SQLite, WAL, one transaction per write) and its admin-only export."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.api import errors
from assistant.api.state import ServiceState
from assistant.config import Settings
from assistant.ui.feedback import FILENAME, FeedbackStore, router


def test_rows_are_stored_updated_and_deleted(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "data" / FILENAME)  # the data dir is created on first use
    first = store.add("Who renews permits?", "The regional director.", 1, conversation_id="c1")
    second = store.add("Q2", "A2", -1)
    store.update(first, comment="  Clear.  ")
    store.update(second, rating=1)
    rows = store.list()
    assert [r["id"] for r in rows] == [first, second]
    assert rows[0] | {"created_at": None} == {
        "id": first,
        "created_at": None,
        "conversation_id": "c1",
        "question": "Who renews permits?",
        "answer": "The regional director.",
        "rating": 1,
        "comment": "Clear.",
    }
    assert rows[0]["created_at"].endswith("+00:00") and rows[1]["rating"] == 1
    store.delete(second)
    assert [r["id"] for r in FeedbackStore(tmp_path / "data" / FILENAME).list()] == [first]  # durable: a new store


def test_wal_mode_and_rating_checked(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / FILENAME)
    with sqlite3.connect(tmp_path / FILENAME) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with pytest.raises(ValueError):
        store.add("q", "a", 0)
    with pytest.raises(ValueError):
        store.update(1, rating=5)


def test_csv_export_defuses_spreadsheet_formulas(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / FILENAME)
    store.add('=HYPERLINK("http://evil.example")', "a", -1, comment="@SUM(A1)")
    rows = list(csv.DictReader(io.StringIO(store.export("csv"))))
    assert rows[0]["question"].startswith("'=") and rows[0]["comment"] == "'@SUM(A1)"
    assert rows[0]["rating"] == "-1"  # numbers are left alone


def client(tmp_path: Path, key: str | None) -> TestClient:
    app = FastAPI()
    errors.install(app)
    app.state.service = ServiceState(Settings(data_dir=tmp_path, admin_api_key=key))
    app.include_router(router)
    return TestClient(app)


def test_export_needs_the_admin_key(tmp_path: Path) -> None:
    FeedbackStore(tmp_path / FILENAME).add("Quem renova?", "O director regional.", 1, comment="ótimo")
    api = client(tmp_path, "s3cret")
    assert api.get("/api/feedback/export").status_code == 401
    assert api.get("/api/feedback/export", headers={"X-API-Key": "wrong"}).json()["error"]["code"] == "unauthorized"
    listed = api.get("/api/feedback/export", headers={"X-API-Key": "s3cret"})
    assert listed.status_code == 200 and listed.json()[0]["comment"] == "ótimo"
    as_csv = api.get("/api/feedback/export?format=csv", headers={"X-API-Key": "s3cret"})
    assert as_csv.headers["content-type"].startswith("text/csv") and "ótimo" in as_csv.text
    assert api.get("/api/feedback/export?format=xml", headers={"X-API-Key": "s3cret"}).status_code == 422


def test_export_is_off_without_a_key(tmp_path: Path) -> None:
    response = client(tmp_path, None).get("/api/feedback/export", headers={"X-API-Key": "anything"})
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
