"""The demo web pages: a government-style portal with the chat widget, and the hotline agent
console. ``python -m integrations.web`` serves them (:mod:`integrations.web.server`)."""
