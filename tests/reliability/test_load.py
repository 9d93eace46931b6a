"""Load, overload and the rate limit, against real servers on loopback."""

from __future__ import annotations

import pytest

from evals import reliability as rel
from tests.reliability.conftest import RATE_LIMIT

pytestmark = pytest.mark.slow


def test_mixed_load_has_no_server_error(main_server: rel.Server) -> None:
    """16 concurrent clients for ~15 s over /api/ask, /api/search, /v1/chat/completions and /api/ask/stream."""
    load = rel.run_load(main_server.base, clients=16, seconds=15, max_requests=5000)
    summary = load.summary()
    print(f"\nload: {summary}")
    assert load.requests >= 50
    assert load.five_xx == 0 and load.transport_errors == 0, summary["statuses"]
    assert set(load.statuses) == {"200"}, summary["statuses"]
    assert not load.problems, load.problems[:5]
    assert set(summary["by_endpoint"]) == set(rel.ENDPOINTS)
    assert load.p(95) < 30_000


def test_overload_gets_quick_refusals_then_recovers(overload_server: rel.Server) -> None:
    """64 clients on a server that admits 4 requests at a time: the excess gets a quick 503 (or 429) in the
    error shape with Retry-After, nothing else goes wrong, and the same process then answers normally."""
    result = rel.run_overload(overload_server.base, clients=64, seconds=6, max_requests=5000)
    load = result["load"]
    print(f"\noverload: { {k: v for k, v in result.items() if k != 'load'} }")
    assert set(load.statuses) <= {"200", "429", "503"}, load.statuses
    assert result["refused"] > 0 and load.statuses["200"] > 0
    assert not load.problems, load.problems[:5]  # every refusal: error shape + Retry-After
    assert result["refused_p50_ms"] < 1500, result  # a refusal does not wait for a slot
    assert result["recovery"]["recovered"], result["recovery"]
    assert overload_server.alive()


def test_rate_limit_refuses_the_sixth_request(rate_limited_server: rel.Server) -> None:
    result = rel.check_rate_limit(rate_limited_server.base, RATE_LIMIT)
    assert result["statuses"] == [200] * RATE_LIMIT + [429], result
    assert result["problem"] is None, result
    assert result["body"]["error"]["code"] == "rate_limited"
    assert int(result["retry_after"]) >= 1
    assert result["health"] == 200  # /health is not rate limited
