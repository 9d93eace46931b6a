"""Answering: extractive (default) and LLM answerers, verification, abstention, notices, conversations."""

from assistant.answering.assistant import Assistant
from assistant.answering.models import Answer, Citation

__all__ = ["Answer", "Assistant", "Citation"]
