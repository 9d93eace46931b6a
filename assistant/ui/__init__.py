"""The web page (Gradio): chat for immigrants, lookup views for staff. Uses `Assistant` only."""

from assistant.ui.app import build_ui
from assistant.ui.feedback import FeedbackStore
from assistant.ui.feedback import router as feedback_router

__all__ = ["FeedbackStore", "build_ui", "feedback_router"]
