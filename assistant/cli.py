"""Command line: ``assistant show|index|search|ask|serve|eval|bench``. Run any with --help."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

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


COMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "show": ("Print a unit in Portuguese and English, or a document's table of contents.", _cmd_show),
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
