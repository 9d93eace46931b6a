"""The served Assistant: loaded in the background at start-up, swapped after a reindex."""

from __future__ import annotations

import logging
import re
import threading

from assistant.answering import Assistant
from assistant.config import Settings
from assistant.errors import AssistantError, IndexNotReady

log = logging.getLogger("assistant.api")


class ServiceState:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._assistant: Assistant | None = None
        self.error: str | None = None
        self._lock = threading.Lock()
        self._loader: threading.Thread | None = None

    def start_loading(self) -> None:
        """Open the index off the event loop, so /health answers at once and /ready tells the truth."""
        self._loader = threading.Thread(target=self.load, name="assistant-loader", daemon=True)
        self._loader.start()

    def load(self) -> None:
        try:
            assistant = Assistant.from_settings(self.settings)
        except AssistantError as exc:
            self.error = self._public(str(exc))  # shown by /ready and every 503: no server paths
            log.error("index not loaded: %s", exc)
            return
        except Exception as exc:  # a broken index can fail in many libraries' own ways
            self.error = f"the index could not be opened ({type(exc).__name__}); run `assistant index`"
            log.error("index not loaded: %s: %s", type(exc).__name__, exc)
            return
        # The first question pays for nothing: the query embedder's threads and the search are warm.
        assistant.retriever.search("Who grants residence permits?")
        with self._lock:
            if self._assistant is not None:
                assistant.conversations = self._assistant.conversations  # keep conversations across a reload
            self._assistant = assistant
            self.error = None
        assistant.retriever.vocabulary.prepare_in_background()  # typos' dictionaries: after ready, not before
        if assistant.decision.model is None:
            log.warning(
                "index %s has no fitted decision for its embedder: run `assistant fit`",
                assistant.retriever.index.manifest.get("build"),
            )
        log.info("index %s loaded", assistant.retriever.index.manifest.get("build"))

    def _public(self, message: str) -> str:
        """The message without the server's folders: the setting's name stands for a configured one, and any
        other absolute path is cut to its last part."""
        folders = {"ASSISTANT_INDEX_DIR": self.settings.index_dir, "ASSISTANT_CORPUS_DIR": self.settings.corpus_dir}
        for name, folder in folders.items():
            message = message.replace(str(folder), f"the {name} folder")
        return re.sub(r"(?<![\w.])/(?:[^\s/'\"`]+/)+([^\s/'\"`]+)", r"\1", message)

    def wait(self, timeout: float | None = None) -> None:
        if self._loader is not None:
            self._loader.join(timeout)

    @property
    def ready(self) -> bool:
        return self._assistant is not None

    @property
    def assistant(self) -> Assistant:
        current = self._assistant
        if current is None:
            raise IndexNotReady(self.error or "the index is still loading; try again in a few seconds")
        return current
