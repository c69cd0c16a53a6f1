"""The hotline agent console in headless Chromium, served from another origin than Rasa.

The agent enters the token and a 工号, types what the caller says and gets suggestions with
their source; a citizen's 转人工 shows up in the queue, and the agent takes and closes it.
Needs the agent_assist channel in credentials.yml (token from ``AGENT_ASSIST_TOKEN``).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import uuid

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.dialogue.conftest import AGENT_ASSIST_TOKEN, PAGES_ORIGINS, SCREENSHOTS, Stack

pytestmark = pytest.mark.slow

CONSOLE = f"{PAGES_ORIGINS[0]}/agent"
AGENT = "A1024"
HANDOFF = re.compile(r"RG\d{6}[2-9A-HJ-NP-Z]{5}")
TIMEOUT = 30


def require_agent_assist(stack: Stack) -> None:
    """Fail with a clear message while the channel is not configured (never skip)."""
    try:
        with urllib.request.urlopen(
            f"{stack.config.rasa_url}/webhooks/agent_assist/", timeout=10
        ) as response:
            assert response.status == 200
    except urllib.error.HTTPError as error:
        pytest.fail(
            f"GET /webhooks/agent_assist/ answered {error.code}: add the agent_assist channel "
            "(integrations.channels.agent_assist.AgentAssistInput) to credentials.yml"
        )


def row_of(driver: WebDriver, reference: str) -> list:
    return driver.find_elements(By.CSS_SELECTOR, f'#queue tr[data-reference="{reference}"]')


def wait_queue(driver: WebDriver) -> WebDriverWait:
    """A wait that ignores rows replaced by the queue's refresh meanwhile."""
    return WebDriverWait(driver, TIMEOUT, ignored_exceptions=[StaleElementReferenceException])


def test_agent_gets_suggestions_and_works_the_handoff_queue(
    stack: Stack, browser: WebDriver
) -> None:
    require_agent_assist(stack)
    browser.get(CONSOLE)
    assert "坐席辅助" in browser.title
    browser.find_element(By.ID, "token").send_keys(AGENT_ASSIST_TOKEN)
    browser.find_element(By.ID, "agent").send_keys(AGENT)
    browser.find_element(By.CSS_SELECTOR, "#login button[type=submit]").click()

    # Suggestions appear while the agent types (debounced), each with its source.
    browser.find_element(By.ID, "caller-text").send_keys("低保怎么申请，要带什么材料")
    WebDriverWait(browser, TIMEOUT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#suggestions .suggestion")
    )
    assert browser.find_element(By.ID, "service").text  # a service tag, e.g. 社会救助
    assert browser.find_element(By.ID, "intent").text
    first = browser.find_element(By.CSS_SELECTOR, "#suggestions .suggestion")
    assert first.find_element(By.CSS_SELECTOR, ".suggestion-text").text
    source = first.find_element(By.CSS_SELECTOR, ".source").text
    assert source.startswith("来源：") and len(source) > len("来源：") + 2, source
    assert "相关度" in first.find_element(By.CSS_SELECTOR, ".score").text
    assert browser.find_elements(By.CSS_SELECTOR, "#next-steps li")
    assert browser.find_element(By.CSS_SELECTOR, "#assist-state").text == ""

    # Copy to clipboard puts the suggestion's text there.
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": PAGES_ORIGINS[0],
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    first.find_element(By.CSS_SELECTOR, "button.copy").click()
    WebDriverWait(browser, 5).until(
        lambda _: first.find_element(By.CSS_SELECTOR, "button.copy").text == "已复制"
    )
    copied = browser.execute_async_script(
        "navigator.clipboard.readText().then(arguments[0], () => arguments[0](null));"
    )
    assert copied == first.find_element(By.CSS_SELECTOR, ".suggestion-text").text

    # A citizen asks for a human: the hand-off appears in the queue (refreshed every 5 s).
    reply = stack.chat(f"test-{uuid.uuid4().hex[:12]}").text("转人工")
    reference = HANDOFF.search(reply).group(0)
    wait_queue(browser).until(lambda d: row_of(d, reference))
    assert "待受理" in row_of(browser, reference)[0].text
    browser.save_screenshot(str(SCREENSHOTS / "agent-console.png"))

    row_of(browser, reference)[0].find_element(By.CSS_SELECTOR, "button.action-take").click()
    wait_queue(browser).until(
        lambda d: row_of(d, reference) and f"已受理（{AGENT}）" in row_of(d, reference)[0].text
    )
    row_of(browser, reference)[0].find_element(By.CSS_SELECTOR, "button.action-close").click()
    wait_queue(browser).until(lambda d: not row_of(d, reference))
    code, body = stack.api("GET", "/api/handoffs?status=closed&limit=100")
    assert code == 200, body
    closed = next(h for h in body["handoffs"] if h["reference"] == reference)
    assert closed["agent"] == AGENT and closed["status"] == "closed"


def test_a_wrong_token_is_said_plainly(stack: Stack, browser: WebDriver) -> None:
    require_agent_assist(stack)
    browser.get(CONSOLE)
    browser.find_element(By.ID, "token").send_keys("not-the-token-at-all")
    browser.find_element(By.CSS_SELECTOR, "#login button[type=submit]").click()
    WebDriverWait(browser, TIMEOUT).until(
        lambda d: "令牌无效" in d.find_element(By.ID, "queue-state").text
    )
    assert not browser.find_elements(By.CSS_SELECTOR, "#queue tr[data-reference]")
