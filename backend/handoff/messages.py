"""Every Chinese text the hand-off service returns, in one place (政务服务 tone)."""

from __future__ import annotations

from contracts.handoff import MAX_AGENT, MAX_CONVERSATION, MAX_SUMMARY

SERVICE_INVALID = (
    "业务类型不正确，应为marriage、tomb_sweeping、assistance、charity、policy或other之一。"
)
REASON_INVALID = "转人工原因不正确，应为asked、fallbacks或upset之一。"
CHANNEL_INVALID = "渠道名称不正确，应为1至32位字母、数字或“_.-”，例如rest、wechat。"
SUMMARY_TOO_LONG = f"摘要太长，请不超过{MAX_SUMMARY}个字。"
SUMMARY_INVALID = "摘要应为文字，请检查后重试。"
CONVERSATION_INVALID = f"会话标识不能为空，且不超过{MAX_CONVERSATION}个字符，不能含控制字符。"
AGENT_INVALID = (
    f"坐席工号或姓名应为1至{MAX_AGENT}个字符（汉字、字母、数字，可含空格、“·”“.”“-”“_”）。"
)
STATUS_INVALID = "status 应为waiting、taken、closed或open之一。"
NOT_FOUND = "未找到该转人工记录，请核对编号。"
CLOSED = "该转人工记录已结束，不能再受理。"


def already_taken(agent: str | None) -> str:
    """The record is another agent's."""
    who = f"坐席“{agent}”" if agent else "其他坐席"
    return f"该转人工记录已由{who}受理，请勿重复受理。"
