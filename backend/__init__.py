"""The civil-affairs API (民政服务接口): Sanic + SQLAlchemy, one package per service.

Start it with ``python -m backend``; build it in code with :func:`backend.app.create_app`.
"""
