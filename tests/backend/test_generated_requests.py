"""Requests generated from /openapi.json: no input gives a 5xx, and every route succeeds.

The schemas say what the API accepts (formats, patterns, enums and a complete valid example
per request body), so generation reaches the success paths as well as the refusals: each
route is first called with its documented example (a create, then look-up, reschedule and
cancel of what was created), then with a few hundred generated requests. Every answer must
be JSON in the contract's shape: the success model, or ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
import re
from typing import Any

from conftest import Running
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from pydantic import BaseModel

import contracts

EXAMPLES_PER_ROUTE = 40
KNOWN_IDS = {"office_id": ["sz-nanshan", "gz-tianhe"], "cemetery_id": ["sz-futian", "gz-panyu"]}
MODELS: dict[str, type[BaseModel]] = {
    name: model
    for info in pkgutil.iter_modules(contracts.__path__)
    for name, model in vars(importlib.import_module(f"contracts.{info.name}")).items()
    if isinstance(model, type) and issubclass(model, BaseModel)
}


def documented(operation: dict[str, Any], where: str) -> dict[tuple[str, str], Any]:
    """The documented example of each path or query parameter that has one."""
    return {
        (where, p["name"]): p["schema"]["example"]
        for p in operation.get("parameters", [])
        if p["in"] == where and "example" in p.get("schema", {})
    }


def json_schema(node: Any, components: dict[str, Any]) -> Any:
    """An OpenAPI 3.0 schema as plain JSON Schema: refs inlined, ``nullable`` expanded."""
    if isinstance(node, list):
        return [json_schema(item, components) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return json_schema(components[node["$ref"].rsplit("/", 1)[1]], components)
    result = {
        key: json_schema(value, components)
        for key, value in node.items()
        if key not in {"nullable", "example", "title", "description"}
    }
    if node.get("nullable"):
        return {"anyOf": [result, {"type": "null"}]}
    return result


def samples(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """``count`` reproducible draws from ``strategy`` (the same in every CI run)."""
    drawn: list[Any] = []

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        drawn.append(value)

    collect()
    return drawn


def strategies(operation: dict[str, Any], path: str, components: dict[str, Any]) -> Any:
    """Path parameters, query and body for one operation, drawn together."""
    params = {}
    for param in operation.get("parameters", []):
        if param["in"] == "header":
            continue
        schema = json_schema(param["schema"], components)
        if param["in"] == "path":
            known = KNOWN_IDS.get(param["name"]) or [param["schema"].get("example", "X")]
            strategy = st.sampled_from(known) | st.text(
                alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#%"),
                min_size=1,
                max_size=20,
            )
        else:
            strategy = (
                from_schema(schema).map(str)
                | st.text(max_size=12)
                | st.sampled_from(edge_values(schema))
            )
            if not param["required"]:
                strategy = strategy | st.none()
        params[(param["in"], param["name"])] = strategy
    body = st.none()
    if "requestBody" in operation:
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        body = from_schema(json_schema(schema, components))
    return st.fixed_dictionaries({"params": st.fixed_dictionaries(params), "body": body})


def edge_values(schema: dict[str, Any]) -> list[str]:
    """The values at the edges of a parameter's type, where arithmetic overflows."""
    if schema.get("format") == "date":
        return ["0001-01-01", "9999-12-31", "2026-02-29", "2028-02-29", "2099-12-31"]
    if schema.get("type") == "integer":
        return ["-1", "0", "1", "62", "63", "999999999999", "1e3", "2.5"]
    return ["", " ", "\u0000", "😀"]


def success_model(operation: dict[str, Any]) -> type[BaseModel] | None:
    for status, response in operation["responses"].items():
        if status.startswith("2") and "content" in response:
            ref = response["content"]["application/json"]["schema"]["$ref"]
            return MODELS[ref.rsplit("/", 1)[1]]
    return None


async def call(
    api: Running, method: str, path: str, params: dict[tuple[str, str], Any], body: Any
) -> tuple[int, Any]:
    url = path
    for (where, name), value in params.items():
        if where == "path":
            url = url.replace("{" + name + "}", re.sub(r"[/?#%]", "", str(value)) or "X")
    query = {
        name: str(v) for (where, name), v in params.items() if where == "query" and v is not None
    }
    kwargs: dict[str, Any] = {"params": query}
    if body is not None:
        kwargs["json"] = body
    return await api.request(method, url, **kwargs)


def check(method: str, path: str, operation: dict[str, Any], status: int, data: Any) -> None:
    assert status < 500, (method, path, status, data)
    if status >= 400:
        assert set(data) == {"error"} and {"code", "message"} <= set(data["error"]), data
        assert re.search(r"[\u4e00-\u9fff]", data["error"]["message"]), data
    else:
        model = success_model(operation)
        assert model is not None
        model.parse_obj(data)  # strict: the contract's shape, nothing more, nothing less


async def test_generated_requests_never_fail_and_every_route_succeeds(api: Running) -> None:
    _, doc = await api.get("/openapi.json")
    components = doc["components"]["schemas"]
    succeeded: set[tuple[str, str]] = set()
    created: dict[str, dict[str, str]] = {}

    # 1. Documented examples: create first, then use what was created.
    order = sorted(
        ((m.upper(), p, op) for p, ops in doc["paths"].items() for m, op in ops.items()),
        key=lambda item: (
            0
            if item[1].endswith(("/appointments", "/reservations"))
            else 2 * item[1].endswith(("/cancel", "/close")),  # ending a record comes last
            item[1],
        ),
    )
    for method, path, operation in order:
        if path == "/openapi.json":
            continue
        prefix = path.split("/")[2] if path.startswith("/api/") else ""
        params = {
            **documented(operation, "path"),
            **documented(operation, "query"),
            **{
                ("path", name): KNOWN_IDS[name][0] for name in KNOWN_IDS if "{" + name + "}" in path
            },
        }
        if "{office_id}" in path or "{cemetery_id}" in path:
            params[("query", "date")] = "2026-11-25"
        body = None
        if "requestBody" in operation:
            name = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            body = copy.deepcopy(components[name.rsplit("/", 1)[1]].get("example", {}))
        if prefix in created and body is not None and "reference" in body:
            body["reference"] = created[prefix]["reference"]
        if prefix in created and body is not None and "phone" in body:
            body["phone"] = created[prefix]["phone"]
        if "{reference}" in path and prefix in created:
            params[("path", "reference")] = created[prefix]["reference"]
        status, data = await call(api, method, path, params, body)
        check(method, path, operation, status, data)
        if status < 300:
            succeeded.add((method, path))
            if status == 201:  # whatever the envelope is called, it holds the reference
                booking = next(v for v in data.values() if isinstance(v, dict))
                created[prefix] = {"reference": booking["reference"], "phone": body.get("phone")}

    # 2. Every query parameter at the edges of its type, the others valid.
    for method, path, operation in order:
        queries = [p for p in operation.get("parameters", []) if p["in"] == "query"]
        for param in queries:
            for value in edge_values(param["schema"]):
                params = {
                    **documented(operation, "path"),
                    **{("path", n): KNOWN_IDS[n][0] for n in KNOWN_IDS if "{" + n + "}" in path},
                }
                if "{office_id}" in path or "{cemetery_id}" in path:
                    params[("query", "date")] = "2026-11-25"
                params[("query", param["name"])] = value
                status, data = await call(api, method, path, params, None)
                check(method, path, operation, status, data)

    # 3. Generated requests: refusals, never a 5xx, always the contract's shapes.
    for method, path, operation in order:
        if path == "/openapi.json":
            continue
        for draw in samples(strategies(operation, path, components), EXAMPLES_PER_ROUTE):
            status, data = await call(api, method, path, draw["params"], draw["body"])
            check(method, path, operation, status, data)
            if status < 300:
                succeeded.add((method, path))

    every = {(m, p) for m, p, _ in order if p != "/openapi.json"}
    assert every - succeeded == set(), "routes never answered with success"
