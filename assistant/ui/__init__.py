"""The web page (Gradio): chat for immigrants, lookup views for staff. Uses `Assistant` only."""

from assistant.ui.app import build_ui

__all__ = ["build_ui"]
