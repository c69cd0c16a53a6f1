"""Custom Rasa NLU components (registered with Rasa's DefaultV1Recipe)."""
