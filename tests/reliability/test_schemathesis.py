"""Schemathesis (all its default checks) against the server's own /openapi.json."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evals import reliability as rel

pytestmark = pytest.mark.slow
ST = Path(sys.executable).with_name("st")


@pytest.mark.skipif(not ST.exists(), reason="schemathesis (the dev extra) is not installed")
def test_openapi_contract_holds(main_server: rel.Server, tmp_path: Path) -> None:
    """Every operation but the reindex (it rebuilds the index; the key header lets the feedback export in):
    examples, coverage and fuzzing phases, a fixed seed, a bounded number of cases; zero failures."""
    command = [
        str(ST),
        "--no-color",
        "run",
        f"{main_server.base}/openapi.json",
        "--max-examples",
        "10",
        "--seed",
        "20240601",
        "--workers",
        "1",  # CPython 3.11.7's ast.parse is not thread-safe, and hypothesis calls it while generating
        "--request-timeout",
        "30",
        "--exclude-path",
        "/api/admin/reindex",
        "--header",
        f"X-API-Key: {rel.ADMIN_KEY}",
    ]
    out = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=170)
    report = out.stdout + out.stderr
    print(report[-1500:])
    assert out.returncode == 0, report[-6000:]
    assert "No issues found" in report, report[-3000:]
