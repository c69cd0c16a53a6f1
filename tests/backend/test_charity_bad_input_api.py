"""Hostile and malformed input to the charity registry API: a Chinese 4xx or an empty
result, never a 5xx; and every route is in the OpenAPI document."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from conftest import Running

PATH = "/api/charity"
HOSTILE = [
    "'; DROP TABLE charity_organization; --",
    "<script>alert(1)</script>",
    "🙏🕯️ 慈善",
    "%00%27",
    "\\x00\\ud800",
    "基金会" * 33,  # 99 characters: long but allowed
    "\u200b\u200b春雨\u200d",
    "ＡＢＣ１２３",
    "1' OR '1'='1",
    "../../etc/passwd",
    "\t\n",
    "慈募备",
]


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


async def get_raw(api: Running, path_and_query: str) -> tuple[int, dict]:
    """A GET with the URL sent as written (percent-escapes kept)."""
    from yarl import URL

    async with api.http.get(URL(api.base_url + path_and_query, encoded=True)) as response:
        return response.status, await response.json(content_type=None)


@pytest.mark.parametrize("route", ["/organizations", "/projects"])
@pytest.mark.parametrize("query", HOSTILE)
async def test_hostile_queries_never_fail(api: Running, route: str, query: str) -> None:
    status, data = await api.get(PATH + route, params={"q": query})
    assert status in (200, 400, 422), (status, data)
    if status == 200:
        assert isinstance(data["results"], list)
    else:
        assert is_chinese(data["error"]["message"])
    # nothing was written or dropped
    assert api.scalar("SELECT COUNT(*) FROM charity_organization") == 14


@pytest.mark.parametrize("route", ["/organizations", "/projects"])
async def test_huge_query_is_400(api: Running, route: str) -> None:
    for size in (101, 500):
        status, data = await api.get(PATH + route, params={"q": "慈" * size})
        assert status == 400 and data["error"]["code"] == "query_too_long"
        assert "100" in data["error"]["message"]
    # a URL longer than the server takes: Sanic's own refusal, still the JSON error
    status, data = await api.get(PATH + route, params={"q": "慈" * 5000})
    assert status == 413 and data["error"]["code"] == "payload_too_large"


@pytest.mark.parametrize("route", ["/organizations", "/projects"])
async def test_nul_and_lone_surrogates_are_400(api: Running, route: str) -> None:
    status, data = await get_raw(api, f"{PATH}{route}?q=%E6%98%A5%00%E9%9B%A8")
    assert status == 400 and data["error"]["code"] == "invalid_text"
    for encoded in ("%ED%A0%80", "%ED%BF%BF%E6%98%A5", "%FF%FE", "%C0%80"):
        status, data = await get_raw(api, f"{PATH}{route}?q={encoded}")
        assert status in (200, 400), (encoded, status, data)
        assert status == 400 or data["results"] == []
    status, data = await get_raw(api, f"{PATH}/organizations/53440300MJ0000001%00")
    assert status == 422 and data["error"]["code"] == "credit_code_invalid"


async def test_missing_or_too_short_query(api: Running) -> None:
    for params in ({}, {"q": ""}, {"q": "   "}):
        status, data = await api.get(f"{PATH}/organizations", params=params)
        assert status == 400 and data["error"]["code"] == "query_missing"
        assert "统一社会信用代码" in data["error"]["message"]
    for query in ("会", "😀😀", "!!", "·"):
        status, data = await api.get(f"{PATH}/organizations", params={"q": query})
        assert status == 400 and data["error"]["code"] == "query_too_short", query
    status, data = await api.get(f"{PATH}/projects", params={"q": "慈"})
    assert status == 400 and data["error"]["code"] == "query_too_short"
    # no query at all lists projects
    status, data = await api.get(f"{PATH}/projects", params={"q": " "})
    assert status == 200 and data["results"]


@pytest.mark.parametrize(
    "path",
    [
        "/organizations/" + "5" * 5000,
        "/organizations/" + quote("<script>"),
        "/organizations/" + quote("慈善会"),
        "/organizations/" + quote("５３４４０３００ＭＪ００００００１３"),
        "/organizations/%F0%9F%98%80",
    ],
)
async def test_hostile_codes_in_the_path(api: Running, path: str) -> None:
    status, data = await get_raw(api, PATH + path)
    assert status in (200, 404, 414, 422), (status, data)
    if status == 200:
        assert data["organization"]["credit_code"] == "53440300MJ00000013"
    else:
        assert is_chinese(data["error"]["message"])


async def test_wrong_methods_and_unknown_routes(api: Running) -> None:
    status, data = await api.post(f"{PATH}/organizations", json={"q": "春雨"})
    assert status == 405 and data["error"]["code"] == "method_not_allowed"
    status, data = await api.get(f"{PATH}/donations")
    assert status == 404 and data["error"]["code"] == "route_not_found"


async def test_openapi_documents_every_charity_route(api: Running) -> None:
    status, doc = await api.get("/openapi.json")
    assert status == 200
    paths = doc["paths"]
    expected = {
        "/api/charity/organizations": "OrganizationSearchOut",
        "/api/charity/organizations/{credit_code}": "OrganizationDetailOut",
        "/api/charity/projects": "ProjectSearchOut",
        "/api/charity/guide": "CharityGuideOut",
    }
    for path, model in expected.items():
        operation = paths[path]["get"]
        assert operation["tags"] == ["charity"]
        ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/" + model) and model in doc["components"]["schemas"]
        for param in operation.get("parameters", []):
            assert param["description"]
            assert "example" in param["schema"] or param["name"] == "limit"
    search = paths["/api/charity/organizations"]["get"]
    assert {p["name"]: p["required"] for p in search["parameters"]} == {"q": True, "limit": False}
    assert set(search["responses"]) == {"200", "400", "422", "500"}
    assert set(paths["/api/charity/organizations/{credit_code}"]["get"]["responses"]) == {
        "200",
        "404",
        "422",
        "500",
    }
    org = doc["components"]["schemas"]["OrganizationOut"]
    assert org["additionalProperties"] is False
    assert {"sample", "status", "type", "public_fundraising"} <= set(org["required"])
    assert {"charity": "慈善查询 charity registry"}.items() <= {
        t["name"]: t["description"] for t in doc["tags"]
    }.items()
    assert "/api/tomb-sweeping/cemeteries" in paths  # the other services are still there
