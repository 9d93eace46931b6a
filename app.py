"""Entry point: one process, one port. The chat page at /, the JSON API under /api, an
OpenAI-compatible API under /v1, the OpenAPI docs at /docs.

Run with `assistant serve` (or `uvicorn app:create_app --factory`). The index must have been built
by `assistant index`; the server only opens a finished one.
"""

from __future__ import annotations

from fastapi import FastAPI

from assistant.api import create_api
from assistant.api.state import ServiceState
from assistant.config import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    state = ServiceState(settings)
    # The index opens in its own thread while Gradio (2 s to import) and the page are built: start to ready
    # is the longer of the two, not their sum.
    state.start_loading()
    import gradio as gr

    from assistant.ui import build_ui, feedback_router

    api = create_api(settings, state)
    api.include_router(feedback_router)  # GET /api/feedback/export, behind the admin key
    # No run history: Gradio would keep every question and answer a second time in the browser's storage,
    # beside the conversation the page keeps itself (assistant/ui/history.py).
    return gr.mount_gradio_app(api, build_ui(state), path="/", run_history=False)
