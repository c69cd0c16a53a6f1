"""Starts and stops the assistant's processes: backend, action server, WeChat API stand-in,
Rasa server and the demo pages.

Used by ``make run`` (``python -m devstack run``) and by the dialogue tests, so that what the
tests exercise is exactly what a developer runs.
"""
