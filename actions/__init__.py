"""rasa-sdk actions: one module per journey, plus the shared form base and messages."""
