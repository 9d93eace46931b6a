"""Faults, through real servers: a build killed with SIGKILL, a rebuild under two workers, a missing or
corrupted index at start, an LLM that is down, slow or returns garbage, a feedback writer killed mid-write."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from assistant.answering.conversation import FILENAME, SqliteConversationStore
from evals import reliability as rel
from tests.reliability.conftest import LLM_TIMEOUT, Fleet, wait_load_failed

pytestmark = pytest.mark.slow


def test_kill_9_of_a_build_leaves_the_running_server_answering(workers_server: rel.Server, fleet: Fleet) -> None:
    """`assistant index --force` is killed once it is embedding, while a server on that index is under
    load: no request fails, CURRENT still names the previous build, and that build is the one served."""
    result = rel.kill_build_while_serving(workers_server, fleet.envs["workers_server"], clients=4, pause=0.2)
    load = result["load"]
    assert result["killed_with"] == 9 and result["partial_seen"], result
    assert result["current_after"] == result["current_before"] == result["served_build"], result
    # A failure names what the server said: a worker replaced by uvicorn's health check, or an error.
    said = [line for line in workers_server.log().splitlines() if re.search(r"died|not ready|ERROR|Traceback", line)]
    assert load.requests >= 5 and set(load.statuses) == {"200"}, (load.summary(), said[-10:])
    assert not load.problems, load.problems[:5]
    assert workers_server.alive()


def test_two_workers_share_conversations(workers_server: rel.Server, fleet: Fleet) -> None:
    """`assistant serve --workers 2` keeps conversations in the data folder's SQLite file, which every
    worker reads: the first question is there for whichever worker takes the follow-up."""
    ask = f"{workers_server.base}/api/ask"
    first = httpx.post(ask, json={"question": "Who is in charge of SEF?", "language": "en"}, timeout=60).json()
    path = Path(fleet.envs["workers_server"]["ASSISTANT_DATA_DIR"]) / FILENAME
    stored = SqliteConversationStore(path, 10, 1000, 3600).get(first["conversation_id"])
    assert stored is not None and stored.turns[-1].question == "Who is in charge of SEF?"
    follow_up = {"question": "And who replaces him when he's away?", "conversation_id": first["conversation_id"]}
    second = httpx.post(ask, json={**follow_up, "language": "en"}, timeout=60).json()
    assert second["citations"][0]["id"] == "dl-252-2000/art-14/n-2"


def test_two_workers_answer_while_a_rebuild_runs(workers_server: rel.Server, fleet: Fleet) -> None:
    """`assistant serve --workers 2` over one local index, under load while `assistant index --rebuild` runs
    to completion and switches CURRENT: no request fails."""
    result = rel.rebuild_while_serving(workers_server, fleet.envs["workers_server"], clients=4, pause=0.2)
    load = result["load"]
    print(f"\nrebuild: {result['rebuild_s']} s; load during it: {load.summary()}")
    assert result["rebuild_rc"] == 0, result["rebuild_output"]
    assert result["current_after"] != result["current_before"]
    assert load.requests >= 10 and set(load.statuses) == {"200"}, load.summary()
    assert not load.problems, load.problems[:5]
    workers = set(re.findall(r"Started server process \[(\d+)\]", workers_server.log()))
    assert len(workers) == 2, workers_server.log()[-2000:]
    assert "Traceback" not in workers_server.log()


def _broken_index_checks(server: rel.Server, expect: str) -> None:
    ready = wait_load_failed(server)
    result = rel.broken_index_checks(server)
    assert result["health"] == 200
    assert result["ready"] == 503 and result["ready_body"]["status"] == "error"
    detail = str(ready["detail"])
    assert expect in detail and "run `assistant index`" in detail, detail
    assert not result["ready_leak"], detail  # no server path in what any client can read
    assert result["ask"] == 503 and result["ask_code"] == "index_not_ready" and not result["ask_problem"], result
    assert result["search"] == 503
    assert result["alive"] and result["log_says"], result  # a clear line in the log; no crash
    assert "Traceback" not in server.log()


def test_missing_index_at_start(missing_index_server: rel.Server) -> None:
    _broken_index_checks(missing_index_server, "no index in")


def test_corrupted_index_at_start(corrupted_index_server: rel.Server) -> None:
    _broken_index_checks(corrupted_index_server, "cannot be opened")


def test_llm_slow_garbage_or_down_gives_the_extractive_answer(llm_server: rel.Server, fleet: Fleet) -> None:
    """ASSISTANT_ANSWERER=llm on a fake OpenAI-compatible server: too slow (past ASSISTANT_LLM_TIMEOUT=2), a
    body that is not JSON, well-formed text that cites nothing (with links and a planted claim), a 500,
    then the port closed. Each time: the extractive answer with the fallback notice, in time, through
    /api/ask, the stream and /v1, and nothing the model wrote."""
    fake = fleet.fake_llm
    assert fake is not None
    outcomes = []
    for mode in ("slow", "garbage", "junk", "error"):
        fake.mode = mode
        outcomes.append(rel.llm_fault_checks(llm_server.base, mode))
    requests_seen = fake.requests
    fake.close()
    outcomes.append(rel.llm_fault_checks(llm_server.base, "down"))
    assert requests_seen >= 8  # the fake model was really asked
    for outcome in outcomes:
        assert outcome["status"] == 200 and not outcome["abstained"], outcome
        assert outcome["cited"] == ["dl-252-2000/art-47/n-1/al-m"], outcome
        assert outcome["notice"] and outcome["stream_notice"] and outcome["chat_notice"], outcome
        assert not outcome["leaked"], outcome
        limit = 2 * LLM_TIMEOUT + 3  # one attempt past the deadline is not retried
        assert max(outcome["ask_s"], outcome["stream_s"], outcome["chat_s"]) < limit, outcome
    assert llm_server.alive()
    assert httpx.get(llm_server.base + "/ready", timeout=10).status_code == 200


def test_feedback_store_survives_kill_9_mid_write(tmp_path: Path) -> None:
    """A writer adds rows in a loop and prints each acknowledged id; SIGKILL; every printed id is stored. It
    always runs: the store is part of the product (a missing one fails here, it does not skip)."""
    assert rel.feedback_store_available(), "assistant/ui/feedback.py has no FeedbackStore"
    result = rel.feedback_kill_test(tmp_path / "feedback.sqlite3", rounds=1, rows_before_kill=100)
    assert result["acknowledged"] >= 100
    assert not result["lost"], result
    assert result["integrity"] == "ok"
