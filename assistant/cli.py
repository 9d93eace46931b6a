"""Command line: ``assistant show|index|search|ask|serve|eval|bench|reliability``. Run any with --help."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError


def _cmd_show(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.corpus import load_corpus
    from assistant.corpus.display import show_unit, table_of_contents

    corpus = load_corpus(get_settings().corpus_dir)
    if args.toc:
        document_id = args.id.split("/", 1)[0]
        if document_id not in corpus.documents:
            raise AssistantError(f"no document {document_id!r}; known: {', '.join(corpus.documents)}")
        print(table_of_contents(corpus, document_id, args.language))
    else:
        print(show_unit(corpus, args.id))
    return 0


def _cmd_index(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from assistant.config import get_settings
    from assistant.retrieval import build_index

    bar = tqdm(total=0, unit="passage", desc="embedding", disable=args.quiet)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    settings = get_settings()
    # --force embeds every passage anew (neither the shipped embeddings nor the cache): a full rebuild.
    # An embedder with no fitted models shipped gets its own, fitted on the build (evals/calibrate.py).
    fit = _evals_module("calibrate").fit_step(settings)
    report = build_index(settings, force=args.force or args.rebuild, reembed=args.force, progress=progress, fit=fit)
    bar.close()
    if report.up_to_date:
        print(f"index {report.build} is up to date ({report.seconds:.2f} s)")
    else:
        cached = report.passages - report.embedded - report.shipped
        steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in report.timings.items())
        print(
            f"built {report.build}: {report.passages} passages ({report.shipped} from the shipped embeddings, "
            f"{cached} from the cache, {report.embedded} embedded) in {report.seconds:.1f} s ({steps})"
        )
    return 0


def _cmd_embeddings(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.retrieval.shipping import check_shipped, ship_embeddings

    settings = get_settings()
    if args.check:
        missing, total = check_shipped(settings)
        print(f"{total - missing} of {total} passages have a shipped vector")
        return 1 if missing else 0
    path, embedded = ship_embeddings(settings)
    print(f"wrote {path} ({embedded} passages embedded, the others from the cache)")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.corpus import label
    from assistant.retrieval import open_retriever

    retriever = open_retriever(get_settings())
    result = retriever.search(args.query, k=args.k, language=args.language, roll_up=args.articles)
    for ref in result.missing_references:
        print(f"! {ref.text!r} names no unit of the corpus ({ref.unit_id})")
    for hit in result.hits:
        text = retriever.corpus.unit(hit.unit_id).own_text.replace("\n", " ")[:90]
        print(f"{hit.score:.4f}  rel={hit.relevance:.2f}  {label(hit.unit_id, result.language):28} {text}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from assistant.config import ROOT, get_settings

    settings = get_settings()
    host = args.host or settings.host
    port = args.port or settings.port
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    if args.workers > 1:
        # Each worker is a process of its own: conversations must live where all of them see them.
        os.environ.setdefault("ASSISTANT_CONVERSATION_STORE", "sqlite")
    print(f"serving on http://{host}:{port}  (chat /, API /api, OpenAI-compatible /v1, docs /docs)")
    uvicorn.run(
        "app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=args.workers,
        log_level=args.log_level,
        timeout_keep_alive=5,
        timeout_worker_healthcheck=settings.worker_healthcheck_seconds,
    )
    return 0


def _cmd_ask(args: argparse.Namespace) -> int:
    from assistant.answering import Assistant
    from assistant.config import get_settings

    answer = Assistant.from_settings(get_settings()).ask(args.question, args.language)
    if args.json:
        import json

        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(answer.answer)
    for citation in answer.citations:
        print(f"\n[{citation.label}] {citation.id}\n  PT: {citation.quote}")
        if citation.translation:
            print(f"  EN (unofficial): {citation.translation}")
    for notice in answer.notices:
        print(f"\n! {notice}")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from assistant.answering import Assistant
    from assistant.config import get_settings

    runner = _evals_module("runner")
    compare = _evals_module("compare")
    if args.compare and args.against:  # two reports side by side, nothing run
        old, new = compare.load_records(args.compare), compare.load_records(args.against)
        print(compare.compare(old, new, compare.question_texts()))
        return 0
    old = compare.load_records(args.compare) if args.compare else None  # read first: the run rewrites report.json
    settings = get_settings()
    assistant = Assistant.from_settings(settings)
    report = runner.run(settings, assistant, baseline=not args.no_baseline)
    failures = [] if args.no_check else runner.check_floors(report)
    print(runner.write_report(report, failures))
    if old is not None:
        print(compare.compare(old, report["records"], compare.question_texts()))
    if failures:
        print("FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


def _cmd_fit(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.retrieval import build_index, open_retriever
    from assistant.retrieval.fitted import shipped_fit_path, write_fitted

    settings = get_settings()
    retriever = open_retriever(settings)
    fitted = _evals_module("calibrate").fitted_models(settings, retriever)
    path = shipped_fit_path(settings.corpus_dir, fitted["embedder"])
    write_fitted(path, fitted)
    report = build_index(settings)  # the index key holds the shipped fit: the new one is copied into a build
    print(f"wrote {path}; serving build {report.build}")
    return 0


def _evals_module(name: str) -> Any:
    """A module of evals/, which ships with the repository, not with a wheel."""
    import importlib

    try:
        return importlib.import_module(f"evals.{name}")
    except ImportError as exc:
        raise AssistantError(f"evals/{name}.py is not importable; run from the repository") from exc


def _cmd_bench(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.retrieval import build_index

    bench = _evals_module("bench")
    settings = get_settings()
    build_index(settings)
    figures = bench.run(settings, runs=args.runs, cold=args.cold, api=args.api)
    width = max(len(k) for k in figures)
    print(f"benchmark (median of {args.runs} runs where repeated)")
    for key, value in figures.items():
        print(f"  {key:<{width}}  {value:10.3f}")
    return 0


def _cmd_reliability(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.retrieval import build_index

    reliability = _evals_module("reliability")
    settings = get_settings()
    build_index(settings)
    figures = reliability.run(settings, load_seconds=args.load_seconds, soak_seconds=args.soak_seconds)
    print(reliability.write(figures))
    failures = reliability.verdict(figures)
    if failures:
        print("NOT HELD: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


COMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "show": ("Print a unit in Portuguese and English, or a document's table of contents.", _cmd_show),
    "index": ("Build the search index (a no-op when the corpus and embedder are unchanged).", _cmd_index),
    "embeddings": (
        "Rewrite the embeddings shipped with the corpus (corpus/embeddings/) from the current passages.",
        _cmd_embeddings,
    ),
    "fit": (
        "Refit the models fitted on the evaluation questions for the index's embedder (corpus/fitted/), "
        "then rebuild the index with them.",
        _cmd_fit,
    ),
    "search": ("Search the index and print the hits, best first.", _cmd_search),
    "ask": ("Ask a question and print the cited answer.", _cmd_ask),
    "eval": ("Run the evaluation suite, write evals/report.md and fail under a floor.", _cmd_eval),
    "bench": ("Measure index build, search and API speed and memory; print the figures.", _cmd_bench),
    "serve": ("Serve the chat page, the API and the OpenAI-compatible API on one port.", _cmd_serve),
    "reliability": (
        "Load, overload, soak, bad input, injection and faults on real servers; write evals/reliability.md.",
        _cmd_reliability,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Bilingual legal assistant over Decree-Law 252/2000 (SEF) and two web pages.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, _) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        if name == "show":
            cmd.add_argument("id", help="a unit id, e.g. dl-252-2000/art-13 or dl-252-2000/art-13/n-2/al-h")
            cmd.add_argument("--toc", action="store_true", help="table of contents of the id's document")
            cmd.add_argument("--language", choices=["pt", "en"], default="pt", help="language of the toc")
        elif name == "index":
            cmd.add_argument(
                "--force",
                action="store_true",
                help="rebuild and embed every passage anew (no shipped vectors, no cache)",
            )
            cmd.add_argument(
                "--rebuild",
                action="store_true",
                help="a new build even if up to date (shipped or cached vectors reused)",
            )
            cmd.add_argument("--quiet", action="store_true", help="no progress bar")
        elif name == "embeddings":
            cmd.add_argument("--check", action="store_true", help="only tell whether every passage has a vector")
        elif name == "search":
            cmd.add_argument("query", help="a question or a reference such as 'art. 13, n.º 2'")
            cmd.add_argument("-k", type=int, default=None, help="number of hits (default ASSISTANT_SEARCH_K, 10)")
            cmd.add_argument("--language", choices=["auto", "pt", "en"], default="auto")
            cmd.add_argument("--articles", action="store_true", help="one hit per article")
        elif name == "ask":
            cmd.add_argument("question", help="in Portuguese or English")
            cmd.add_argument("--language", choices=["auto", "pt", "en"], default="auto", help="answer language")
            cmd.add_argument("--json", action="store_true", help="print the contract's JSON")
        elif name == "eval":
            cmd.add_argument("--no-baseline", action="store_true", help="skip the naive LangChain baseline")
            cmd.add_argument("--no-check", action="store_true", help="report only; do not enforce the floors")
            cmd.add_argument(
                "--compare", type=Path, metavar="OLD.json", help="list the questions whose answer changed since then"
            )
            cmd.add_argument(
                "--against", type=Path, metavar="NEW.json", help="with --compare: compare two reports, run nothing"
            )
        elif name == "bench":
            cmd.add_argument("--runs", type=int, default=3, help="repetitions (the median is printed)")
            cmd.add_argument("--cold", action="store_true", help="also time a build with an empty cache (slow)")
            cmd.add_argument("--api", action="store_true", help="also start a server and load it on loopback")
        elif name == "reliability":
            cmd.add_argument("--load-seconds", type=float, default=60, help="mixed load with 16 clients (default 60)")
            cmd.add_argument("--soak-seconds", type=float, default=300, help="steady load, RSS sampled (default 300)")
        elif name == "serve":
            cmd.add_argument("--host", help="bind address (default 127.0.0.1, or ASSISTANT_HOST)")
            cmd.add_argument("--port", type=int, help="port (default 8000, or ASSISTANT_PORT)")
            cmd.add_argument("--workers", type=int, default=1, help="worker processes (all read one index)")
            cmd.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command][1](args)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
