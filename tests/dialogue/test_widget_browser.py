"""The chat widget in headless Chromium, on the demo portal served from another origin.

Only a real browser on a second origin catches what broke the widget before: CORS headers
missing from Rasa's socket.io polling (sanic-ext) and replies never delivered with session
persistence (rasa #13027). The portal is opened on the pages port, Rasa runs on its own.
"""

from __future__ import annotations

import time
import urllib.request
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.shadowroot import ShadowRoot
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.dialogue.conftest import PAGES_ORIGINS, SCREENSHOTS, Stack

pytestmark = pytest.mark.slow

PORTAL = f"{PAGES_ORIGINS[0]}/"
FOREIGN_ORIGIN = "http://widget-thief.example"
REPLY_TIMEOUT = 40


def widget(driver: WebDriver) -> ShadowRoot:
    """The widget's shadow root (the host page's CSS does not reach inside)."""
    return driver.find_element(By.ID, "civic-widget").shadow_root


def bubbles(driver: WebDriver, who: str) -> list[str]:
    """The texts of the user's or the bot's messages, in order."""
    return [e.text for e in widget(driver).find_elements(By.CSS_SELECTOR, f".cw-{who} .cw-bubble")]


def wait_for_bot_messages(driver: WebDriver, count: int) -> list[str]:
    """Wait until the bot has said at least ``count`` messages and then nothing for a second
    (one turn may bring several messages)."""
    WebDriverWait(driver, REPLY_TIMEOUT).until(lambda d: len(bubbles(d, "bot")) >= count)
    said = bubbles(driver, "bot")
    while True:
        time.sleep(1)
        now = bubbles(driver, "bot")
        if now == said:
            return now
        said = now


def quick_replies(driver: WebDriver) -> list[WebElement]:
    return widget(driver).find_elements(By.CSS_SELECTOR, ".cw-replies .cw-chip")


def session_id(driver: WebDriver) -> str | None:
    """The Rasa session id the widget keeps in localStorage."""
    return driver.execute_script(
        "return Object.keys(localStorage).filter(k => k.endsWith(':session'))"
        ".map(k => localStorage.getItem(k))[0] || null;"
    )


def cors_errors(driver: WebDriver) -> list[str]:
    """Console messages about blocked cross-origin requests."""
    logs: list[dict[str, Any]] = driver.get_log("browser")
    return [e["message"] for e in logs if "CORS" in e["message"] or "blocked" in e["message"]]


def allow_origin(url: str, origin: str, method: str = "GET") -> str | None:
    """The ``Access-Control-Allow-Origin`` Rasa answers a request from ``origin`` with."""
    headers = {"Origin": origin}
    if method == "OPTIONS":
        headers.update(
            {
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            }
        )
    request = urllib.request.Request(url, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Access-Control-Allow-Origin")


def test_widget_chats_across_origins_and_keeps_the_conversation_after_a_reload(
    stack: Stack, browser: WebDriver
) -> None:
    browser.get(PORTAL)
    assert "演示" in browser.find_element(By.CSS_SELECTOR, ".demo-banner").text
    widget(browser).find_element(By.CSS_SELECTOR, ".cw-launcher").click()

    # The initial payload (/greet) answers through Rasa on the other origin: CORS works.
    greeting = wait_for_bot_messages(browser, 1)
    assert "民政智能助手" in greeting[0], greeting
    starters = widget(browser).find_elements(By.CSS_SELECTOR, ".cw-starter-chips .cw-chip")
    assert [c.text for c in starters] == ["婚姻登记预约", "祭扫预约", "社会救助预检", "慈善查询"]
    # the greeting's own copies of the starter journeys are not repeated beside the chips
    assert "预约婚姻登记" not in [c.text for c in quick_replies(browser)]

    next(c for c in starters if c.text == "婚姻登记预约").click()
    assert bubbles(browser, "user") == ["婚姻登记预约"]  # the title, not the payload
    assert not widget(browser).find_elements(By.CSS_SELECTOR, ".cw-starter-chips")
    asked = wait_for_bot_messages(browser, 2)
    assert "哪一项婚姻登记" in asked[-1], asked
    choices = quick_replies(browser)
    assert choices, f"no buttons to answer {asked[-1]!r}"
    first_answer = choices[0].text
    choices[0].click()
    answered = wait_for_bot_messages(browser, len(asked) + 1)
    assert bubbles(browser, "user") == ["婚姻登记预约", first_answer]
    assert "哪个婚姻登记处" in answered[-1], answered
    browser.save_screenshot(str(SCREENSHOTS / "widget.png"))
    assert not cors_errors(browser)

    # A reload shows the same history and continues the same Rasa conversation.
    session = session_id(browser)
    history = bubbles(browser, "bot")
    browser.refresh()
    WebDriverWait(browser, 10).until(lambda d: widget(d).find_element(By.CSS_SELECTOR, ".cw-panel"))
    assert widget(browser).find_element(By.CSS_SELECTOR, ".cw-panel").is_displayed()  # still open
    assert bubbles(browser, "bot") == history
    assert bubbles(browser, "user") == ["婚姻登记预约", first_answer]
    assert session_id(browser) == session
    # The same Rasa conversation goes on: the city is answered, then an office is chosen.
    city = next(b for b in quick_replies(browser) if b.text == "广州")
    city.click()
    offices = wait_for_bot_messages(browser, len(history) + 1)
    assert "找到以下几个登记处" in "".join(offices[len(history) :]), offices
    office = next(b for b in quick_replies(browser) if b.text == "广州市天河区婚姻登记处")
    office.click()
    dated = wait_for_bot_messages(browser, len(offices) + 1)
    assert "哪一天" in "".join(dated[len(offices) :]), dated
    assert bubbles(browser, "user") == [
        "婚姻登记预约",
        first_answer,
        "广州",
        "广州市天河区婚姻登记处",
    ]
    browser.save_screenshot(str(SCREENSHOTS / "widget-reloaded.png"))
    assert not cors_errors(browser)


def test_typed_text_keeps_line_breaks_and_html_stays_text(stack: Stack, browser: WebDriver) -> None:
    browser.get(PORTAL)
    widget(browser).find_element(By.CSS_SELECTOR, ".cw-launcher").click()
    wait_for_bot_messages(browser, 1)
    box = widget(browser).find_element(By.CSS_SELECTOR, ".cw-input")
    # Shift+Enter breaks the line, Enter sends
    box.send_keys(
        "<b>低保</b>怎么申请", Keys.SHIFT, Keys.ENTER, Keys.NULL, "要带什么材料", Keys.ENTER
    )
    answer = wait_for_bot_messages(browser, 2)
    assert bubbles(browser, "user") == ["<b>低保</b>怎么申请\n要带什么材料"]
    assert widget(browser).find_elements(By.CSS_SELECTOR, ".cw-user .cw-bubble br")
    assert not widget(browser).find_elements(By.CSS_SELECTOR, ".cw-bubble b")
    assert "低保" in answer[-1], answer


def test_large_text_mode_is_remembered(stack: Stack, browser: WebDriver) -> None:
    browser.get(PORTAL)
    widget(browser).find_element(By.CSS_SELECTOR, ".cw-launcher").click()
    toggle = widget(browser).find_element(By.CSS_SELECTOR, ".cw-large-toggle")
    assert toggle.text == "大字模式" and toggle.get_attribute("aria-pressed") == "false"

    def font_size(driver: WebDriver) -> float:
        root = widget(driver).find_element(By.CSS_SELECTOR, ".civic-widget")
        return float(root.value_of_css_property("font-size").removesuffix("px"))

    normal = font_size(browser)
    toggle.click()
    assert font_size(browser) >= normal + 4
    browser.refresh()
    toggle = widget(browser).find_element(By.CSS_SELECTOR, ".cw-large-toggle")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert font_size(browser) >= normal + 4
    browser.save_screenshot(str(SCREENSHOTS / "widget-large-text.png"))
    toggle.click()
    assert font_size(browser) == normal


def test_narrow_screens_get_a_full_screen_panel(stack: Stack, browser: WebDriver) -> None:
    browser.set_window_size(390, 844)
    browser.get(PORTAL)
    widget(browser).find_element(By.CSS_SELECTOR, ".cw-launcher").click()
    wait_for_bot_messages(browser, 1)
    panel = widget(browser).find_element(By.CSS_SELECTOR, ".cw-panel")
    viewport = browser.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.clientHeight];"
    )
    assert [panel.size["width"], panel.size["height"]] == viewport
    browser.save_screenshot(str(SCREENSHOTS / "widget-mobile.png"))


def test_rasa_allows_the_pages_origins_and_no_other(stack: Stack) -> None:
    polling = f"{stack.config.rasa_url}/socket.io/?EIO=4&transport=polling"
    rest = f"{stack.config.rasa_url}/webhooks/rest/webhook"
    for origin in PAGES_ORIGINS:
        assert allow_origin(polling, origin) == origin
        assert allow_origin(rest, origin, "OPTIONS") == origin
    assert allow_origin(polling, FOREIGN_ORIGIN) is None
    assert allow_origin(rest, FOREIGN_ORIGIN, "OPTIONS") is None


def test_the_widget_says_when_the_connection_drops_and_comes_back(
    stack: Stack, browser: WebDriver
) -> None:
    browser.get(PORTAL)
    widget(browser).find_element(By.CSS_SELECTOR, ".cw-launcher").click()
    wait_for_bot_messages(browser, 1)
    # every text the status line shows, in order
    browser.execute_script(
        "const line = document.getElementById('civic-widget').shadowRoot"
        ".querySelector('.cw-status'); window.statusLog = [];"
        "new MutationObserver(() => window.statusLog.push(line.textContent))"
        ".observe(line, {childList: true, characterData: true, subtree: true});"
    )
    stack.restart("rasa")  # stops Rasa, starts it again and waits until it is healthy
    WebDriverWait(browser, 60).until(
        lambda d: "已重新连接" in d.execute_script("return window.statusLog;")
    )
    log = browser.execute_script("return window.statusLog;")
    assert log.index("连接已断开，正在重新连接…") < log.index("已重新连接"), log
    widget(browser).find_element(By.CSS_SELECTOR, ".cw-input").send_keys("你好", Keys.ENTER)
    replies = wait_for_bot_messages(browser, 2)
    assert "民政智能助手" in replies[-1], replies


def test_a_new_conversation_starts_afresh(stack: Stack, browser: WebDriver) -> None:
    browser.get(PORTAL)
    widget(browser).find_element(By.CSS_SELECTOR, ".cw-launcher").click()
    wait_for_bot_messages(browser, 1)
    widget(browser).find_element(By.CSS_SELECTOR, ".cw-input").send_keys("你好", Keys.ENTER)
    wait_for_bot_messages(browser, 2)
    before = session_id(browser)
    widget(browser).find_element(By.CSS_SELECTOR, ".cw-restart").click()
    greeting = wait_for_bot_messages(browser, 1)
    assert len(greeting) == 1 and "民政智能助手" in greeting[0], greeting
    assert bubbles(browser, "user") == []
    assert session_id(browser) not in (None, before)


def test_the_pages_carry_a_content_security_policy_and_no_token(stack: Stack) -> None:
    with urllib.request.urlopen(PORTAL, timeout=10) as response:
        policy = response.headers["Content-Security-Policy"]
        page = response.read().decode()
    assert "script-src 'self'" in policy and "connect-src 'self' http://127.0.0.1:15005" in policy
    assert 'data-server="http://127.0.0.1:15005"' in page
    with urllib.request.urlopen(f"{PAGES_ORIGINS[0]}/config.js", timeout=10) as response:
        config = response.read().decode()
    assert "http://127.0.0.1:15005" in config and "agentToken" not in config
