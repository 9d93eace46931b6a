"""The domain exceptions. The pipeline raises these; the API maps them to HTTP codes."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: ``code`` is the stable machine-readable name used in error bodies."""

    code = "assistant_error"


class CorpusError(AssistantError):
    """A source or rendering file is missing, empty, or not the expected document."""

    code = "corpus_error"


class UnitNotFound(AssistantError):
    """A unit id that is well formed (or not) but names no unit of the corpus."""

    code = "unit_not_found"


class InvalidQuery(AssistantError):
    """A question or search the caller can fix: empty, too long, unsupported language."""

    code = "invalid_query"


class IndexNotReady(AssistantError):
    """No finished index to serve: not built yet, or corrupted."""

    code = "index_not_ready"


class IndexBuildError(AssistantError):
    """A build that could not complete; the previous index keeps serving."""

    code = "index_build_failed"


class AnswererError(AssistantError):
    """The LLM answerer failed (server down, timeout, garbage); callers fall back."""

    code = "answerer_failed"
