"""Texts the channels themselves send (before a message reaches the assistant)."""

from __future__ import annotations

TOO_LONG = "您的消息有点长（超过{limit}字），请分几次、简要地告诉我您要办理的事项或想问的问题。"
TOO_FAST = "您发送得太快了，请稍等片刻再发送；刚才这条消息没有处理，请稍后重新发送。"
NON_TEXT_REPLY = "您好，目前只能处理文字消息，请用文字描述您要办理的事项。"
BUSY_REPLY = "抱歉，系统暂时繁忙，请稍后再发一次。"
CHOICE_HEADER = "回复数字选择："
IMAGE_PREFIX = "图片："
ATTACHMENT_PREFIX = "附件："
