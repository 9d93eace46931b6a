"""`assistant reliability`: load, overload, soak, bad input, prompt injection and faults, all against real
servers (`assistant serve` subprocesses) on loopback; the figures go to evals/reliability.md.

The pieces are functions that tests/reliability also calls, with smaller numbers:

- ``servers``: start a server on a free loopback port, wait until it is up or ready, its RSS and bind
  address (``listening_addresses``), ``build`` an index in a subprocess;
- ``load``: ``run_load``, a bounded async httpx client (fixed clients, request budget, time limit) mixing
  /api/ask, /api/search, /v1/chat/completions and /api/ask/stream (statuses, 5xx, p50/p95, malformed
  replies); ``run_overload``, far more clients than ``ASSISTANT_MAX_IN_FLIGHT`` (quick 429/503s in the
  error shape, then the same server answers normally); ``check_rate_limit``;
- ``inputs``: ``try_bad_inputs`` (each reply is a 4xx in the error shape with no path, trace or secret);
- ``injection``: ``try_injections`` (the injection questions of evals/gold/adversarial.yaml) and
  ``try_planted`` (an index whose AIMA page carries planted instructions);
- ``faults``: ``kill_build_while_serving`` and ``rebuild_while_serving`` (kill -9 of `assistant index`, a
  rebuild under load with two workers), ``broken_index_checks`` (missing or corrupted index at start),
  ``feedback_kill_test`` (kill -9 of a feedback writer);
- ``fakellm``: ``FakeLLM`` (down, slow, garbage) and ``llm_fault_checks``;
- ``suite`` (``run``) and ``report`` (``write``, ``verdict``): the whole run and evals/reliability.md.
"""

from evals.reliability.fakellm import FakeLLM, llm_fault_checks
from evals.reliability.faults import (
    FEEDBACK_FILE,
    broken_index_checks,
    corrupted_index,
    feedback_kill_test,
    feedback_store_available,
    kill_build_while_serving,
    private_index,
    rebuild_while_serving,
)
from evals.reliability.injection import admin_key_checks, planted_corpus, try_injections, try_planted
from evals.reliability.inputs import try_bad_inputs
from evals.reliability.load import check_rate_limit, run_load, run_overload
from evals.reliability.report import verdict, write
from evals.reliability.servers import (
    ADMIN_KEY,
    ENDPOINTS,
    Server,
    build,
    free_port,
    listening_addresses,
    start_server,
    wait_up,
)
from evals.reliability.suite import run

__all__ = [
    "ADMIN_KEY",
    "ENDPOINTS",
    "FEEDBACK_FILE",
    "FakeLLM",
    "Server",
    "admin_key_checks",
    "broken_index_checks",
    "build",
    "check_rate_limit",
    "corrupted_index",
    "feedback_kill_test",
    "feedback_store_available",
    "free_port",
    "kill_build_while_serving",
    "listening_addresses",
    "llm_fault_checks",
    "planted_corpus",
    "private_index",
    "rebuild_while_serving",
    "run",
    "run_load",
    "run_overload",
    "start_server",
    "try_bad_inputs",
    "try_injections",
    "try_planted",
    "verdict",
    "wait_up",
    "write",
]
