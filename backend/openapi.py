"""The OpenAPI 3 document, generated from the services' route declarations and models."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from pydantic.schema import schema as pydantic_schema

from backend.registry import ServiceDefinition
from backend.routing import Param, Route
from contracts.base import ErrorOut, HealthOut

_REF = "#/components/schemas/"
_PATH_PARAM = re.compile(r"<(\w+)(?::[^>]+)?>")
_ERROR_LABELS = {
    400: "bad request (bad JSON, bad query parameter)",
    404: "not found (a wrong phone gives the same 404 as a missing reference)",
    409: "conflict with the current state (full, duplicate, closed, already cancelled, ...)",
    422: "validation error (invalid ID number, phone, age, idempotency_conflict, ...)",
    500: "internal error (generic Chinese message)",
    503: "database unavailable",
}
_IDEMPOTENCY = Param(
    "Idempotency-Key",
    "header",
    "1–255 printable ASCII characters; the first result for a key is replayed, the same key "
    "with other parameters gives 422 idempotency_conflict",
    required=False,
)


def openapi_path(prefix: str, path: str) -> str:
    """A Sanic route path (``/offices/<office_id:str>``) in OpenAPI form (``{office_id}``)."""
    return prefix + _PATH_PARAM.sub(r"{\1}", path)


def _ref(model: type[BaseModel]) -> dict[str, Any]:
    return {"$ref": _REF + model.__name__}


def _json(model: type[BaseModel], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(model)}}}


def _param(param: Param) -> dict[str, Any]:
    return {
        "name": param.name,
        "in": param.location,
        "required": param.required,
        "description": param.description,
        "schema": param.schema,
    }


def _operation(service: ServiceDefinition, route: Route) -> dict[str, Any]:
    params = [*route.params, *((_IDEMPOTENCY,) if route.idempotent else ())]
    operation: dict[str, Any] = {
        "tags": [service.name],
        "summary": route.summary,
        "operationId": f"{service.name}_{route.handler.__name__}",
        "responses": {
            str(route.status): _json(route.response, "success (personal data masked)"),
            **{str(s): _json(ErrorOut, _ERROR_LABELS[s]) for s in (*route.errors, 500)},
        },
    }
    if params:
        operation["parameters"] = [_param(p) for p in params]
    if route.body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(route.body)}},
        }
    return operation


def _models(services: list[ServiceDefinition]) -> list[type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {"ErrorOut": ErrorOut, "HealthOut": HealthOut}
    for service in services:
        for route in service.routes():
            for model in (route.response, route.body):
                if model is not None:
                    found[model.__name__] = model
    return list(found.values())


def _mark_nullable(components: dict[str, Any], models: list[type[BaseModel]]) -> None:
    """pydantic 1 omits OpenAPI 3.0's ``nullable``: add it for every field that may be null."""
    seen: dict[str, type[BaseModel]] = {}

    def collect(model: type[BaseModel]) -> None:
        seen[model.__name__] = model
        for field in model.__fields__.values():
            if isinstance(field.type_, type) and issubclass(field.type_, BaseModel):
                collect(field.type_)

    for model in models:
        collect(model)
    for name, model in seen.items():
        properties = components.get(name, {}).get("properties", {})
        for field in model.__fields__.values():
            prop = properties.get(field.alias)
            if prop is None or not field.allow_none:
                continue
            if "$ref" in prop:
                properties[field.alias] = {"allOf": [{"$ref": prop["$ref"]}], "nullable": True}
            else:
                prop["nullable"] = True
        if model.__config__.extra.value == "forbid":
            components.get(name, {})["additionalProperties"] = False


def build_openapi(services: list[ServiceDefinition]) -> dict[str, Any]:
    """The OpenAPI 3.0 document of the core routes and every service's routes."""
    models = _models(services)
    components = pydantic_schema(models, ref_prefix=_REF)["definitions"]
    _mark_nullable(components, models)
    paths: dict[str, Any] = {
        "/health": {
            "get": {
                "summary": "Liveness and database check",
                "operationId": "health",
                "responses": {
                    "200": _json(HealthOut, "ok"),
                    **{str(s): _json(ErrorOut, _ERROR_LABELS[s]) for s in (500, 503)},
                },
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This document",
                "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI 3 document"}},
            }
        },
    }
    for service in services:
        for route in service.routes():
            path = openapi_path(service.url_prefix, route.path)
            paths.setdefault(path, {})[route.method.lower()] = _operation(service, route)
    titles = "; ".join(f"{s.name}: {s.title}" for s in services)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "民政服务接口 Civil-affairs API",
            "version": "0.2.0",
            "description": f"Services — {titles}. Places are sample data (示例) unless "
            'stated otherwise. Errors: {"error": {"code", "message", "field"}} with Chinese '
            "messages.",
        },
        "paths": paths,
        "tags": [{"name": s.name, "description": s.title} for s in services],
        "components": {"schemas": components},
    }
