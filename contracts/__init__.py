"""The civil-affairs API's JSON shapes, described once for both sides.

``backend/`` renders its responses and parses its requests with these models (and builds
``/openapi.json`` from them); ``integrations/`` parses every response with the same models.
Response models forbid unknown fields and require every declared one, so a field that the
backend renames or drops fails the client loudly (see ``tests/contract``) instead of being
papered over with defaults. Pure: pydantic only, no I/O.
"""
