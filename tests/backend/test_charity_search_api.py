"""The charity registry API: organisation search and ranking, credit codes, projects."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Running

PATH = "/api/charity"
CHUNYU = "53440300MJ00000013"  # 深圳市春雨助学公益基金会
QINGCHUAN = "51440300MJ0000002C"  # 深圳市晴川慈善会
LINGNAN = "53440100MJ0000009H"  # 广州市岭南书香助学基金会
HETIAN = "51440100MJ0000008L"  # 广州市禾田慈善会
XINGHUO = "53100000MJ00000123"  # 中国星火助残基金会
QINGHE = "52440300MJ0000006M"  # 深圳市青禾社会工作服务中心: 已注销
NUANYANG = "51440300MJ0000007U"  # 深圳市暖阳志愿服务协会: 被列入活动异常名录
XINGYU = "52440300MJ0000005J"  # 深圳市星语儿童康复服务中心: not a charity


async def search(api: Running, q: str, **params: str) -> dict[str, Any]:
    status, data = await api.get(f"{PATH}/organizations", params={"q": q, **params})
    assert status == 200, data
    return data


async def top(api: Running, q: str) -> dict[str, Any]:
    data = await search(api, q)
    assert data["results"], q
    return data["results"][0]


@pytest.mark.parametrize(
    ("query", "name", "match"),
    [
        # the name as registered, with and without 市, full-width spaces, traditional
        ("深圳市晴川慈善会", "深圳市晴川慈善会", "exact"),
        ("深圳晴川慈善会", "深圳市晴川慈善会", "exact"),
        ("　深圳市 晴川慈善会 ", "深圳市晴川慈善会", "exact"),
        ("廣州市嶺南書香助學基金會", "广州市岭南书香助学基金会", "exact"),
        ("广东省深圳市晴川慈善会", "深圳市晴川慈善会", "exact"),
        # abbreviations: region, 公益 or most of the name left out
        ("晴川慈善会", "深圳市晴川慈善会", "fuzzy"),
        ("春雨基金会", "深圳市春雨助学公益基金会", "fuzzy"),
        ("春雨助学", "深圳市春雨助学公益基金会", "fuzzy"),
        ("星火助残基金会", "中国星火助残基金会", "fuzzy"),
        ("云帆基金会", "广东省云帆乡村振兴基金会", "fuzzy"),
        ("禾田", "广州市禾田慈善会", "fuzzy"),
        # one-character typos
        ("深圳晴川慈善汇", "深圳市晴川慈善会", "fuzzy"),
        ("深圳市春雨助学公益基金汇", "深圳市春雨助学公益基金会", "fuzzy"),
        ("广州市岭南书香助学基今会", "广州市岭南书香助学基金会", "fuzzy"),
        ("晴川磁善会", "深圳市晴川慈善会", "fuzzy"),
        # former names (曾用名), also traditional and without the region
        ("广州市书香助学基金会", "广州市岭南书香助学基金会", "former_name"),
        ("中國星火殘疾人福利基金會", "中国星火助残基金会", "former_name"),
        ("禾田扶贫济困促进会", "广州市禾田慈善会", "former_name"),
    ],
)
async def test_search_ranks_the_expected_organisation_first(
    api: Running, query: str, name: str, match: str
) -> None:
    best = await top(api, query)
    assert best["organization"]["name"] == name, best
    assert best["match"] == match, best
    assert best["score"] >= (100 if match == "exact" else 75)


async def test_scores_order_the_results(api: Running) -> None:
    data = await search(api, "助学基金会", limit="10")
    names = [r["organization"]["name"] for r in data["results"]]
    assert set(names) >= {"深圳市春雨助学公益基金会", "广州市岭南书香助学基金会"}
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
    # a typo scores below the exact name, a former name shows which name matched
    exact = await top(api, "深圳市晴川慈善会")
    typo = await top(api, "深圳市晴川慈善汇")
    assert exact["score"] == 100 > typo["score"]
    former = await top(api, "广州市书香助学基金会")
    assert former["matched_name"] == "广州市书香助学基金会"
    assert former["organization"]["former_names"] == ["广州市书香助学基金会"]


async def test_another_region_or_an_unknown_name_does_not_match(api: Running) -> None:
    # 晴川 is in 深圳, not 广州; 广州's 慈善会 is called 禾田
    data = await search(api, "广州晴川慈善会")
    assert data["results"] == []
    assert "慈善中国" in data["hint"] and data["sample_data"] is False and data["notice"] is None
    assert (await search(api, "深圳云帆乡村振兴基金会"))["results"] == []
    assert (await search(api, "北极熊保护协会"))["results"] == []


async def test_limit(api: Running) -> None:
    data = await search(api, "助学基金会", limit="1")
    assert len(data["results"]) == 1
    for bad in ("0", "21", "x", "-1"):
        status, data = await api.get(f"{PATH}/organizations", params={"q": "春雨", "limit": bad})
        assert status == 400 and data["error"]["code"] == "limit_invalid"


async def test_every_result_is_marked_sample(api: Running) -> None:
    data = await search(api, "助学基金会")
    assert data["sample_data"] is True and "示例" in data["notice"]
    assert all(r["organization"]["sample"] for r in data["results"])


async def test_search_by_credit_code(api: Running) -> None:
    for query in (
        CHUNYU,
        CHUNYU.lower(),
        "５３４４０３００ＭＪ００００００１３",
        f"代码是{CHUNYU}",
    ):
        data = await search(api, query)
        assert data["query"] == CHUNYU
        [result] = data["results"]
        assert result["match"] == "credit_code" and result["score"] == 100
        assert result["organization"]["name"] == "深圳市春雨助学公益基金会"
    # valid, but not in the registry
    other = "53440300MJ00000990"
    from civic.credit_code import check_character

    other = other[:17] + check_character(other[:17])
    data = await search(api, other)
    assert data["results"] == [] and "慈善中国" in data["hint"]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        (CHUNYU[:17] + "4", "校验码"),
        ("53440300MJ0000001", "18位"),
        ("53440300MJ000000133", "18位"),
        ("53440300MI00000013", "不含I、O、Z、S、V"),
    ],
)
async def test_an_invalid_credit_code_is_422_with_the_reason(
    api: Running, query: str, reason: str
) -> None:
    status, data = await api.get(f"{PATH}/organizations", params={"q": query})
    assert status == 422 and data["error"]["code"] == "credit_code_invalid"
    assert reason in data["error"]["message"] and data["error"]["field"] == "q"


async def test_one_organisation_by_credit_code(api: Running) -> None:
    status, data = await api.get(f"{PATH}/organizations/{CHUNYU}")
    assert status == 200, data
    org = data["organization"]
    assert org == {
        "credit_code": CHUNYU,
        "name": "深圳市春雨助学公益基金会",
        "former_names": ["深圳市春雨助学基金会"],
        "type": "foundation",
        "type_label": "基金会",
        "region": "深圳",
        "registration_authority": "深圳市民政局",
        "registered_on": "2012-04-18",
        "status": "normal",
        "status_label": "正常",
        "status_note": org["status_note"],
        "charity": True,
        "charity_recognised_on": "2016-12-20",
        "public_fundraising": True,
        "public_fundraising_since": "2019-07-15",
        "qualification_note": org["qualification_note"],
        "sample": True,
    }
    assert "公开募捐资格" in org["status_note"]
    assert "2019年7月15日起具有公开募捐资格" in org["qualification_note"]
    assert data["sample_data"] is True and "示例" in data["notice"]
    assert [p["filing_number"] for p in data["projects"]] == [
        "粤深慈募备〔2025〕0031号",
        "粤深慈募备〔2024〕0012号",
    ]
    # lower case and full width are the same code
    status, same = await api.get(f"{PATH}/organizations/{CHUNYU.lower()}")
    assert status == 200 and same == data


async def test_statuses_and_qualifications_are_explained(api: Running) -> None:
    _, gone = await api.get(f"{PATH}/organizations/{QINGHE}")
    org = gone["organization"]
    assert org["status"] == "deregistered" and org["status_label"] == "已注销"
    assert "已注销" in org["status_note"] and org["public_fundraising"] is False
    _, abnormal = await api.get(f"{PATH}/organizations/{NUANYANG}")
    org = abnormal["organization"]
    assert org["status"] == "abnormal" and org["status_label"] == "被列入活动异常名录"
    assert "异常名录" in org["status_note"]
    assert org["charity"] is True and org["public_fundraising"] is False
    assert "不具有公开募捐资格" in org["qualification_note"]
    _, plain = await api.get(f"{PATH}/organizations/{XINGYU}")
    org = plain["organization"]
    assert org["charity"] is False and org["charity_recognised_on"] is None
    assert "未被认定为慈善组织" in org["qualification_note"]
    assert org["type"] == "social_service" and org["type_label"] == "社会服务机构"
    assert plain["projects"] == []
    _, group = await api.get(f"{PATH}/organizations/{HETIAN}")
    assert group["organization"]["type_label"] == "社会团体"


async def test_the_registry_has_every_kind_of_record(api: Running) -> None:
    """The sample data covers the journey: 3 types, 3 statuses, 3 regions and national."""
    codes = [
        CHUNYU,
        QINGCHUAN,
        LINGNAN,
        HETIAN,
        XINGHUO,
        QINGHE,
        NUANYANG,
        XINGYU,
        "53440300MJ00000039",
        "52440300MJ0000004F",
        "52440100MJ0000010R",
        "53440000MJ0000011L",
        "51100000MJ0000013C",
        "53100000MJ00000149",
    ]
    orgs = []
    for code in codes:
        status, detail = await api.get(f"{PATH}/organizations/{code}")
        assert status == 200, (code, detail)
        orgs.append(detail["organization"])
    assert len(orgs) >= 12 and all(o["sample"] for o in orgs)
    assert {o["type"] for o in orgs} == {"foundation", "social_group", "social_service"}
    assert {o["status"] for o in orgs} == {"normal", "deregistered", "abnormal"}
    assert {o["region"] for o in orgs} == {"深圳", "广州", "广东", "全国"}
    assert {o["public_fundraising"] for o in orgs} == {True, False}
    assert all(o["credit_code"].startswith("5") for o in orgs)


@pytest.mark.parametrize(
    ("code", "status", "error"),
    [
        ("53440300MJ00000990", 422, "credit_code_invalid"),  # wrong check character
        ("X", 422, "credit_code_invalid"),
        ("53440300MJ0000099" + "0", 422, "credit_code_invalid"),
    ],
)
async def test_unknown_or_invalid_code(api: Running, code: str, status: int, error: str) -> None:
    got, data = await api.get(f"{PATH}/organizations/{code}")
    assert got == status and data["error"]["code"] == error
    assert data["error"]["field"] == "credit_code"


async def test_a_valid_code_not_in_the_registry_is_404(api: Running) -> None:
    from civic.credit_code import check_character

    code = "53440300MJ0000099"
    code += check_character(code)
    status, data = await api.get(f"{PATH}/organizations/{code}")
    assert status == 404 and data["error"]["code"] == "organization_not_found"
    assert "慈善中国" in data["error"]["message"]


# ---- projects ----------------------------------------------------------------------------


async def projects(api: Running, **params: str) -> dict[str, Any]:
    status, data = await api.get(f"{PATH}/projects", params=params)
    assert status == 200, data
    return data


@pytest.mark.parametrize(
    "query",
    [
        "粤深慈募备〔2024〕0012号",
        "粤深慈募备[2024]0012号",
        "粤深慈募备（2024）12号",
        " 粤深慈募备 〔2024〕0012 ",
    ],
)
async def test_a_project_by_filing_number(api: Running, query: str) -> None:
    data = await projects(api, q=query)
    [result] = data["results"]
    assert result["match"] == "filing_number" and result["score"] == 100
    project = result["project"]
    assert project["filing_number"] == "粤深慈募备〔2024〕0012号"
    assert project["name"] == "春雨助学计划" and project["platform"] == "腾讯公益"
    assert project["organization"] == {
        "credit_code": CHUNYU,
        "name": "深圳市春雨助学公益基金会",
        "public_fundraising": True,
        "sample": True,
    }
    assert project["start"] == "2024-09-01" and project["end"] == "2025-08-31"
    assert project["in_period"] is False  # today is 2026-11-23
    assert project["sample"] is True and data["sample_data"] is True


async def test_an_unknown_filing_number_finds_nothing(api: Running) -> None:
    data = await projects(api, q="粤深慈募备〔2024〕9999号")
    assert data["results"] == [] and "慈善中国" in data["hint"]


async def test_projects_by_keyword(api: Running) -> None:
    data = await projects(api, q="助学")
    names = [r["project"]["name"] for r in data["results"]]
    assert names[0] == "春雨助学计划" and {r["match"] for r in data["results"]} == {"keyword"}
    # every keyword must match: in the name, the organisation, the platform or the purpose
    data = await projects(api, q="乡村 支付宝公益")
    assert [r["project"]["name"] for r in data["results"]] == ["乡村儿童营养餐"]
    data = await projects(api, q="星火助残")  # the organisation's name
    assert [r["project"]["name"] for r in data["results"]] == ["星火助听行动"]
    assert data["results"][0]["project"]["in_period"] is True
    data = await projects(api, q="老人")  # only in the purpose
    assert {r["project"]["name"] for r in data["results"]} == {"晴川暖冬行动", "禾田长者助餐"}
    data = await projects(api, q="先心病儿童救楚")  # a typo in the name
    assert data["results"][0]["project"]["name"] == "先心病儿童救助"
    assert data["results"][0]["match"] == "fuzzy"
    data = await projects(api, q="潛水")  # traditional, nothing about diving
    assert data["results"] == []


async def test_projects_listed_and_filtered_by_organisation(api: Running) -> None:
    data = await projects(api)
    assert len(data["results"]) == 8 and data["query"] is None
    assert {(r["score"], r["match"]) for r in data["results"]} == {(None, None)}
    in_period = [r["project"]["in_period"] for r in data["results"]]
    assert in_period == sorted(in_period, reverse=True)  # current projects first
    data = await projects(api, organization=CHUNYU.lower())
    assert {r["project"]["organization"]["credit_code"] for r in data["results"]} == {CHUNYU}
    assert len(data["results"]) == 2
    data = await projects(api, organization=CHUNYU, q="图书")
    assert [r["project"]["name"] for r in data["results"]] == ["山区学校图书角"]
    status, data = await api.get(f"{PATH}/projects", params={"organization": CHUNYU[:17] + "4"})
    assert status == 422 and data["error"]["code"] == "credit_code_invalid"
    assert data["error"]["field"] == "organization"
    assert len((await projects(api, limit="3"))["results"]) == 3


async def test_the_guide_explains_statuses_and_fundraising(api: Running) -> None:
    status, data = await api.get(f"{PATH}/guide")
    assert status == 200
    assert [s["status"] for s in data["statuses"]] == ["normal", "deregistered", "abnormal"]
    assert "民政部指定" in data["public_fundraising"]
    assert "慈善中国" in data["not_found"]
    assert data["safe_giving"] and "民政部门" in data["report"]
