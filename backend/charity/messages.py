"""Every Chinese text the charity registry service returns, in one place (政务服务 tone).

Short, general explanations only; the assistant cites the policy knowledge base for the rules
themselves (《慈善法》 and the 民政 regulations).
"""

from __future__ import annotations

from datetime import date

from backend.messages import day_text

TYPE_LABELS = {
    "foundation": "基金会",
    "social_group": "社会团体",
    "social_service": "社会服务机构",
}

STATUS_LABELS = {
    "normal": "正常",
    "deregistered": "已注销",
    "abnormal": "被列入活动异常名录",
}

STATUS_NOTES = {
    "normal": (
        "该组织登记状态正常。登记状态正常不代表具有公开募捐资格，捐赠前请同时查看其公开募捐资格。"
    ),
    "deregistered": (
        "该组织已注销登记，不能再以该组织名义开展活动或募捐。如有人仍以其名义募捐，请勿捐款，"
        "可向当地民政部门反映。"
    ),
    "abnormal": (
        "该组织被登记管理机关列入活动异常名录，常见原因有未按规定报送年度工作报告、"
        "通过登记的住所无法联系等。捐赠前请谨慎核实，可咨询其登记管理机关。"
    ),
}

PUBLIC_FUNDRAISING = (
    "公开募捐是指面向社会公众募集款物。只有依法取得公开募捐资格的慈善组织才能开展公开募捐；"
    "在互联网上募捐的，应在民政部指定的互联网公开募捐信息平台发布募捐信息。"
    "不具有公开募捐资格的组织或个人，可以与具有资格的慈善组织合作开展，由该慈善组织负责管理善款。"
)


def qualification_note(
    status: str, charity_since: date | None, fundraising_since: date | None
) -> str:
    """What the organisation's charity status and 公开募捐资格 mean for a donor."""
    if status == "deregistered":
        return "该组织已注销，不能开展任何募捐活动。"
    if charity_since is None:
        return "该组织未被认定为慈善组织，不能开展公开募捐。"
    charity = f"该组织于{day_text(charity_since)}被认定（登记）为慈善组织"
    if fundraising_since is None:
        return f"{charity}，但不具有公开募捐资格，不能面向社会公众公开募捐。"
    note = f"{charity}，自{day_text(fundraising_since)}起具有公开募捐资格。"
    if status == "abnormal":
        note += "但目前被列入活动异常名录，捐赠前请谨慎核实。"
    return note


SAMPLE_NOTICE = (
    "当前为示例数据，仅用于演示，不代表真实组织或项目；"
    "请以全国慈善信息公开平台“慈善中国”公布的信息为准。"
)

NOT_FOUND = (
    "未在本服务的登记信息中找到匹配的组织。请核对名称或统一社会信用代码，"
    "并在全国慈善信息公开平台“慈善中国”或向登记地民政部门查询核实。"
)
PROJECT_NOT_FOUND = (
    "未找到匹配的慈善项目。请核对项目名称或备案编号，"
    "并在全国慈善信息公开平台“慈善中国”查询该募捐方案的备案信息。"
)
ORGANIZATION_NOT_FOUND = (
    "未查询到该统一社会信用代码对应的组织。请核对代码，"
    "并在全国慈善信息公开平台“慈善中国”或向登记地民政部门查询核实。"
)

SAFE_GIVING = (
    "捐赠前，请在“慈善中国”平台核实组织是否为慈善组织、是否具有公开募捐资格。",
    "网络募捐请认准民政部指定的互联网公开募捐信息平台，并核对募捐方案的备案编号。",
    "请通过慈善组织的对公账户或指定平台捐赠，不要转账到个人账户。",
    "捐赠后可索要捐赠票据，并关注项目的信息公开。",
)
REPORT = "发现以慈善名义的可疑募捐，请保留相关信息，向当地民政部门举报；涉嫌诈骗的，请及时报警。"

CREDIT_CODE_REASONS = {
    "empty": "未填写",
    "length": "位数不对，应为18位",
    "format": "格式不对，应由数字和大写字母组成（不含I、O、Z、S、V），第3至8位为数字",
    "checksum": "最后一位校验码不对（可能有字符输错）",
}


def credit_code_invalid(reason_code: str) -> str:
    reason = CREDIT_CODE_REASONS.get(reason_code, "无法识别")
    return f"统一社会信用代码{reason}，请核对后重新输入。"


QUERY_MISSING = "请输入要查询的组织名称、简称、曾用名或统一社会信用代码。"
QUERY_TOO_SHORT = "查询内容太短，请至少输入2个字。"


def query_too_long(limit: int) -> str:
    return f"查询内容太长，请不超过{limit}个字。"


INVALID_TEXT = "查询内容含有无效字符，请检查后重试。"
