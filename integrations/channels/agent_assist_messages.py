"""What a hotline agent reads from agent assist: next steps per service and error messages.

One place for the Chinese texts of :mod:`integrations.channels.agent_assist`; the code that
builds the answers names keys, never sentences.
"""

from __future__ import annotations

# The services agent assist tells apart (DESIGN.md, "Contracts other systems rely on").
SERVICES = ("marriage", "assistance", "tomb_sweeping", "charity", "policy", "other")

FALLBACK_STEP = "如知识库无把握，请转相关业务科室或记录回电。"

NEXT_STEPS: dict[str, tuple[str, ...]] = {
    "marriage": (
        "可引导来电人通过小程序或网站自助预约婚姻登记，也可自助查询、改约或取消预约。",
        "提醒来电人双方本人到场，带好本人有效身份证件（户口簿已不是必需）。",
        "具体材料以婚姻登记处要求为准；涉及离婚冷静期等问题可参考建议答复的出处。",
    ),
    "tomb_sweeping": (
        "可引导来电人通过小程序或网站自助预约祭扫，也可自助查询或取消预约。",
        "清明、冬至、重阳、春节等高峰期需按预约的日期和时段入园，每次预约人数有限（以公墓规定为准）。",
        "时段约满时，可建议改约其他时段，或选择网络祭扫、代祭服务。",
    ),
    "assistance": (
        "可引导来电人使用“社会救助预检”自助了解可能符合的救助（结果仅供参考，不是审批结论）。",
        "申请向户籍所在地街道（乡镇）提出，具体标准和材料以当地民政部门公布为准。",
    ),
    "charity": (
        "可在全国慈善信息公开平台“慈善中国”核实组织的登记状态、公开募捐资格和募捐方案备案。",
        "发现可疑募捐：提醒来电人保留证据，向当地民政部门反映或拨打12345；已被骗请立即报警（110）。",
    ),
    "policy": (
        "请核对建议答复的出处（文件和章节）后再答复来电人。",
        FALLBACK_STEP,
    ),
    "other": (FALLBACK_STEP,),
}

# Error codes of the agent-assist routes and their Chinese messages.
ERRORS: dict[str, str] = {
    "unauthorized": "未授权：请在请求头中提供有效的 Authorization: Bearer 令牌。",
    "invalid_json": "请求体必须是 JSON 对象。",
    "body_too_large": "请求体过大。",
    "text_required": "请提供要分析的文字（text）。",
    "text_invalid": "text 必须是字符串。",
    "text_too_long": "text 过长，最多 {limit} 个字符。",
    "top_k_invalid": "top_k 必须是 {low} 到 {high} 之间的整数。",
    "status_invalid": "status 只能是 open、waiting、taken 或 closed。",
    "limit_invalid": "limit 必须是 {low} 到 {high} 之间的整数。",
    "agent_required": "请提供受理人（agent，工号或姓名，最多 {limit} 个字符）。",
    "reference_invalid": "转人工编号格式不正确，请核对编号（以 RG 开头）。",
    "backend_unavailable": "转人工工单服务暂时无法连接，请稍后重试。",
    "internal_error": "系统暂时无法处理该请求，请稍后重试。",
}


def error_message(code: str, **values: object) -> str:
    """The Chinese message of ``code`` with its placeholders filled in."""
    return ERRORS.get(code, ERRORS["internal_error"]).format(**values)


def next_steps(service: str) -> list[str]:
    """Short guidance for the agent for ``service`` (``other`` for an unknown key)."""
    return list(NEXT_STEPS.get(service, NEXT_STEPS["other"]))
