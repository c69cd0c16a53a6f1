"""WeChat round trip on the running stack: a signed, encrypted push from the peer (wechatpy),
the trained model's answer delivered through the local stand-in of the WeChat API."""

from __future__ import annotations

import json
import secrets
import time
import urllib.parse
import urllib.request

import pytest
import xmltodict
from wechatpy.crypto import WeChatCrypto

from devstack.keys import dev_keys
from tests.dialogue.conftest import Stack

pytestmark = pytest.mark.slow


def push(stack: Stack, openid: str, content: str) -> int:
    """POST a safe-mode (AES) text push as WeChat does; returns the HTTP status."""
    env = stack.config.environment()
    keys = dev_keys(stack.config.var_dir)
    crypto = WeChatCrypto(
        keys["WECHAT_TOKEN"], keys["WECHAT_ENCODING_AES_KEY"], env["WECHAT_APP_ID"]
    )
    timestamp, nonce = str(int(time.time())), secrets.token_hex(5)
    message = {
        "ToUserName": "gh_civic",
        "FromUserName": openid,
        "CreateTime": int(timestamp),
        "MsgType": "text",
        "Content": content,
        "MsgId": secrets.randbits(62),
    }
    plain = xmltodict.unparse({"xml": message}, full_document=False)
    envelope = xmltodict.parse(crypto.encrypt_message(plain, nonce, timestamp))["xml"]
    query = urllib.parse.urlencode(
        {
            "encrypt_type": "aes",
            "msg_signature": envelope["MsgSignature"],
            "timestamp": timestamp,
            "nonce": nonce,
        }
    )
    body = xmltodict.unparse(
        {"xml": {"ToUserName": "gh_civic", "Encrypt": envelope["Encrypt"]}}, full_document=False
    ).encode()
    request = urllib.request.Request(
        f"{stack.config.rasa_url}/webhooks/wechat/webhook?{query}",
        data=body,
        headers={"Content-Type": "text/xml"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.read() == b"success"
        return response.status


def sent_to(stack: Stack, openid: str, count: int, timeout: float = 30) -> list[str]:
    """The texts the stand-in received for ``openid``, once there are ``count`` of them."""
    deadline = time.monotonic() + timeout
    url = f"{stack.config.wechat_url}/_sent?touser={urllib.parse.quote(openid)}"
    while True:
        with urllib.request.urlopen(url, timeout=5) as response:
            texts = [m["text"]["content"] for m in json.loads(response.read())["messages"]]
        if len(texts) >= count or time.monotonic() > deadline:
            return texts
        time.sleep(0.2)


def test_a_question_and_a_button_choice_by_number_round_trip(stack: Stack) -> None:
    openid = "oCivic" + secrets.token_hex(10)
    assert push(stack, openid, "帮我查一下长者服务中心") == 200
    [choices] = sent_to(stack, openid, 1)
    assert "回复数字选择" in choices and "深圳市松鹤长者关爱服务中心" in choices, choices
    lines = [line for line in choices.splitlines() if "松鹤" in line]
    number = lines[0].split(".")[0].strip()
    assert push(stack, openid, number) == 200
    texts = sent_to(stack, openid, 2)
    assert any("登记状态" in t and "松鹤" in t for t in texts[1:]), texts
