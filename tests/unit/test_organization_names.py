"""Which messages name an organisation to check, and which ask about charity rules."""

from __future__ import annotations

import pytest

from civic.organization_names import asks_to_check, name_in


@pytest.mark.parametrize(
    "text",
    [
        "深圳关爱行动公益基金会是正规的吗",
        "春晖基金会靠谱吗",
        "群里在转的爱心救助会是真的吗",
        "帮我查个慈善机构",
        "春晖基金会系咪正规？",  # 粤语
        "91440300708461136T",  # a real credit code (深圳市腾讯计算机系统有限公司)
    ],
)
def test_asks_to_check_an_organisation(text: str) -> None:
    assert asks_to_check(text)


@pytest.mark.parametrize(
    "text",
    [
        "刚注册下来的基金会要等多久才能申请公开募捐",
        "深圳会不会自己搞一部慈善方面的地方法规",
        "请护工怕不靠谱，深圳对养老护理人员有没有个底册能查",
        "慈善组织怎么认定",
        "点样查一个协会系咪正规登记咗？",  # 粤语: how to check, no organisation named
        "有个咩“中华XX协会”打电话叫我交会费，点样查佢系唔系合法登记嘅？",  # name left out
        "",
    ],
)
def test_questions_about_rules_are_not_checks(text: str) -> None:
    assert not asks_to_check(text)


def test_the_name_in_a_sentence() -> None:
    assert name_in("春晖基金会靠谱吗") == "春晖基金会"
    assert name_in("帮我查个慈善机构") is None
