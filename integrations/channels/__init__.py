"""Rasa input channels of the assistant (named in credentials.yml): WeChat customer-service
messages, hotline agent assist, and the public web channels with their limits."""
