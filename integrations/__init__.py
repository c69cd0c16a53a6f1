"""Clients for the civil-affairs backend, and the Rasa channels (later issues)."""
