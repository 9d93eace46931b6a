"""evals/reliability.md from the figures, and the verdict that fails the run."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from evals.reliability.servers import EVALS

REPORT = EVALS / "reliability.md"


def render(figures: dict[str, Any]) -> str:
    load, soak, over = figures["load"], figures["soak"], figures["overload"]
    bad = figures["bad_inputs"]
    inj = figures["injections"]
    planted = figures["planted"]
    lines = [
        "# Reliability and security figures",
        "",
        f"`assistant reliability` on {figures['started']} (finished {figures['finished']}), real servers "
        "(`assistant serve`) on 127.0.0.1, this machine "
        f"({os.cpu_count()} cores). Regenerate with `assistant reliability [--load-seconds N] [--soak-seconds N]`.",
        "",
        "## Load",
        "",
        f"Start to ready: {figures['start_to_ready_s']} s. Bind address: {', '.join(figures['bind']['listening'])} "
        f"(log: `{figures['bind']['log'].strip()}`).",
        "",
        "| run | clients | seconds | requests | req/s | 5xx | transport errors | malformed | p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        _load_row("load (mixed)", load),
        _load_row("soak (mixed)", soak["load"]),
        _load_row("overload (all replies)", over["load"], refused=over["refused"]),
        "",
        "Per endpoint (load run): "
        + "; ".join(
            f"{e} {v['requests']} req, p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms"
            for e, v in load["by_endpoint"].items()
        )
        + ".",
        "",
        f"Statuses, load: {load['statuses']}; soak: {soak['load']['statuses']}.",
        "",
        f"## Overload (ASSISTANT_MAX_IN_FLIGHT=4, {over['load']['clients']} clients, {over['load']['seconds']} s)",
        "",
        f"- statuses: {over['statuses']}; refused (429/503): {over['refused']}, "
        f"answered in p50 {over['refused_p50_ms']} ms / p95 {over['refused_p95_ms']} ms; "
        f"admitted requests p95 {over['served_p95_ms']} ms; malformed replies: {over['load']['malformed']}",
        f"- recovery without restart: first 200 after {over['recovery']['first_ok_s']} s, then "
        f"{over['recovery']['statuses']} across the four endpoints, /ready {over['recovery']['ready']} "
        f"→ {'recovered' if over['recovery']['recovered'] else 'NOT recovered'}",
        f"- rate limit (ASSISTANT_RATE_LIMIT_PER_MINUTE=5): statuses {figures['rate_limit']['statuses']}, "
        f"Retry-After {figures['rate_limit']['retry_after']}, body {json.dumps(figures['rate_limit']['body'])}, "
        f"/health {figures['rate_limit']['health']}",
        "",
        f"## Soak ({soak['load']['seconds']} s, {soak['load']['clients']} clients)",
        "",
        f"RSS of the server process: {soak['rss_start_mb']} MB at the start, {soak['rss_end_mb']} MB at the end "
        f"(max {soak['rss_max_mb']} MB). Samples (s, MB): {soak['rss_samples']}.",
        "",
        "## Bad input",
        "",
        f"{len(bad)} bad or odd inputs tried (plus a body that never finishes: {figures['slow_body_status']}); "
        f"{sum(b['expected'] for b in bad)} got the expected status, "
        f"{sum(1 for b in bad if b['status'] >= 500)} got a 5xx, "
        f"{sum(1 for b in bad if b['problem'])} had a malformed or leaking error body.",
        "",
        "| input | status | as expected | problem |",
        "|---|---:|---|---|",
        *(f"| {b['name']} | {b['status']} | {'yes' if b['expected'] else 'NO'} | {b['problem'] or ''} |" for b in bad),
        "",
        f"Admin key: wrong keys of lengths {sorted(figures['admin']['statuses'])} → statuses "
        f"{sorted(set(figures['admin']['statuses'].values()))}; problems: {figures['admin']['problems'] or 'none'}; "
        f"the right key → {figures['admin']['right_key']}. Keys are compared with `hmac.compare_digest`.",
        "",
        "## Prompt injection",
        "",
        f"Through the question: {len(inj)} injection questions of evals/gold/adversarial.yaml, each via /api/ask "
        f"and /v1/chat/completions: {sum(i['resisted'] for i in inj)} resisted, "
        f"{sum(1 for i in inj if i['leaked'])} leaked.",
        "",
        "| id | expect | abstained | cited | leaked | resisted |",
        "|---|---|---|---|---|---|",
        *(
            f"| {i['id']} | {i['expect']} | {i['abstained']} | {', '.join(i['cited'])} | "
            f"{', '.join(i['leaked'])} | {'yes' if i['resisted'] else 'NO'} |"
            for i in inj
        ),
        "",
        f"Through a planted document (evals/fixtures/aima-explainer.injected.txt indexed as the AIMA page; "
        f"{figures['planted_build']}): {len(planted)} questions via /api/ask, the stream and /v1; "
        f"{sum(1 for p in planted if p['leaked'])} with a planted string anywhere (answer, quotes, translations, "
        f"notices), {sum(1 for p in planted if p['planted_cited'])} citing a planted paragraph, "
        f"{sum(1 for p in planted if not p['revocation_notice_ok'])} citing the decree without the revocation notice.",
        "",
        "| question | abstained | cited | leaked |",
        "|---|---|---|---|",
        *(
            f"| {p['question']} | {p['abstained']} | {', '.join(p['cited'])} | {', '.join(p['leaked'])} |"
            for p in planted
        ),
        "",
        "## Faults",
        "",
        *_fault_lines(figures),
        "",
    ]
    return "\n".join(lines)


def _load_row(name: str, s: dict[str, Any], refused: int = 0) -> str:
    five_xx = f"{s['5xx'] - refused} (+{refused} refusals)" if refused else str(s["5xx"])
    return (
        f"| {name} | {s['clients']} | {s['seconds']} | {s['requests']} | {s['rps']} | {five_xx} | "
        f"{s['transport_errors']} | {s['malformed']} | {s['p50_ms']} | {s['p95_ms']} |"
    )


def _fault_lines(figures: dict[str, Any]) -> list[str]:
    kill, rebuild = figures["kill_build"], figures["rebuild"]
    lines = [
        f"- `kill -9` of `assistant index --force` mid-build (signal {kill['killed_with']}, half-written folder seen: "
        f"{kill['partial_seen']}) while a two-worker server on that index was under load: CURRENT "
        f"{'unchanged' if kill['current_after'] == kill['current_before'] else 'CHANGED'}, the server kept serving "
        f"build {kill['served_build']}; {kill['load']['requests']} requests meanwhile, statuses "
        f"{kill['load']['statuses']}.",
        f"- A full rebuild ({rebuild['rebuild_s']} s, exit {rebuild['rebuild_rc']}) under load on the two workers: "
        f"{rebuild['load']['requests']} requests, statuses {rebuild['load']['statuses']}, p95 "
        f"{rebuild['load']['p95_ms']} ms; CURRENT {rebuild['current_before']} → {rebuild['current_after']}; a server "
        f"started afterwards serves {figures['restart_after_rebuild'].get('index')}.",
    ]
    for name, b in figures["broken_index"].items():
        lines.append(
            f"- Index {name} at start: /health {b['health']}, /ready {b['ready']} {json.dumps(b['ready_body'])}, "
            f"/api/ask {b['ask']} ({b['ask_code']}), /api/search {b['search']}, process alive: {b['alive']}."
        )
    for r in figures["llm"]:
        lines.append(
            f"- LLM {r['mode']}: /api/ask {r['status']} in {r['ask_s']} s (stream {r['stream_s']} s, /v1 "
            f"{r['chat_s']} s), abstained {r['abstained']}, cites {', '.join(r['cited'])}, fallback notice "
            f"{r['notice']}/{r['stream_notice']}/{r['chat_notice']} (ask/stream/v1), model text leaked: "
            f"{', '.join(r['leaked']) or 'none'}."
        )
    fb = figures["feedback"]
    if "skipped" in fb:
        lines.append(f"- Feedback store: skipped ({fb['skipped']}).")
    else:
        lines.append(
            f"- Feedback store: a writer killed with SIGKILL {fb['rounds']} times mid-stream; {fb['acknowledged']} "
            f"acknowledged ids, {fb['stored']} rows after reopening, lost: {fb['lost'] or 'none'}, "
            f"integrity_check: {fb['integrity']}."
        )
    return lines


def verdict(figures: dict[str, Any]) -> list[str]:
    """What went wrong, for the exit status (empty: all held)."""
    bad = []
    if figures["load"]["5xx"] or figures["load"]["transport_errors"] or figures["load"]["malformed"]:
        bad.append("errors under load")
    if figures["soak"]["load"]["5xx"] or figures["soak"]["load"]["transport_errors"]:
        bad.append("errors in the soak")
    over = figures["overload"]
    if over["load"]["transport_errors"] or over["load"]["malformed"] or not over["recovery"]["recovered"]:
        bad.append("overload")
    if any(s not in ("200", "429", "503") for s in over["statuses"]):
        bad.append("overload statuses")
    if figures["rate_limit"]["statuses"][-1] != 429 or figures["rate_limit"]["problem"]:
        bad.append("rate limit")
    if any(not b["expected"] or b["problem"] for b in figures["bad_inputs"]):
        bad.append("bad inputs")
    if not all(i["resisted"] for i in figures["injections"]):
        bad.append("injections")
    if not all(p["resisted"] for p in figures["planted"]):
        bad.append("planted document")
    if figures["kill_build"]["current_after"] != figures["kill_build"]["current_before"]:
        bad.append("kill -9 of a build")
    for name in ("kill_build", "rebuild"):
        if set(figures[name]["load"]["statuses"]) != {"200"}:
            bad.append(f"{name}: errors while serving")
    if any(b["health"] != 200 or b["ready"] != 503 or not b["alive"] for b in figures["broken_index"].values()):
        bad.append("broken index")
    if any(r["status"] != 200 or not r["notice"] or r["leaked"] for r in figures["llm"]):
        bad.append("LLM faults")
    if figures["feedback"].get("lost"):
        bad.append("feedback rows lost")
    return bad


def write(figures: dict[str, Any], path: Path = REPORT) -> str:
    text = render(figures)
    failures = verdict(figures)
    if failures:
        text += "\n**Not held:** " + "; ".join(failures) + "\n"
    path.write_text(text, encoding="utf-8")
    return text
