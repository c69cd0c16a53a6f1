"""Agent assist over real HTTP: the token, bad input, suggestions, masking, the hand-off queue.

The fast tests serve the channel in this process the way ``rasa run`` mounts it (Rasa's CORS
set-up and ``register``; :class:`devstack.bench_suggest.LocalServer`) with a small stand-in
for the NLU model and the real knowledge base; the hand-off proxy talks to the real backend
(``python -m backend`` on a free port). The slow tests start ``rasa run`` with the trained
model and exactly the credentials entry the maintainer adds, and ask what hotline agents ask.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from rasa.shared.exceptions import RasaException

from devstack.bench_suggest import LocalServer, free_port
from devstack.stack import ROOT
from integrations.channels.agent_assist import AgentAssistInput, AgentAssistSettings
from integrations.channels.agent_assist_kb import (
    MAX_SUGGESTION_CHARS,
    SuggestionSource,
    suggest,
)
from integrations.channels.agent_assist_messages import SERVICES
from integrations.channels.agent_assist_nlu import (
    Understanding,
    decide_service,
    mask_entity_value,
    service_of_intent,
)
from policy_kb import Hit, KnowledgeBase
from policy_kb.cleaning import has_placeholder
from policy_kb.config import KBConfig
from policy_kb.index import build_data, save
from policy_kb.messages import REDACTED_FIGURE_TEXT
from tests.support.backend import start_backend

TOKEN = secrets.token_urlsafe(24)
SUGGEST = "/webhooks/agent_assist/suggest"
HANDOFFS = "/webhooks/agent_assist/handoffs"
ID_NUMBER = "110105199003078816"
PHONE = "13812345678"
TODAY = "2026-11-23"
MODEL = ROOT / "models" / "civic.tar.gz"
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


# --- HTTP ----------------------------------------------------------------------------------


def call(
    method: str,
    url: str,
    body: Any = None,
    *,
    token: str | None = TOKEN,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, Any, Message]:
    """One request: status, JSON body (or None) and the response headers."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=sent)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, payload, got = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, payload, got = error.code, error.read(), error.headers
    return status, (json.loads(payload) if payload.strip() else None), got


def assert_error(status: int, body: Any, expected: int, code: str | None = None) -> None:
    """A JSON error with a Chinese message."""
    assert status == expected, body
    assert set(body) == {"error"}
    assert {"code", "message"} <= set(body["error"])
    assert _CHINESE.search(body["error"]["message"])
    if code is not None:
        assert body["error"]["code"] == code


# --- servers -------------------------------------------------------------------------------


class StubAgent:
    """Stands in for Rasa's ``Agent`` in the fast tests: keyword intents, regex entities.

    Like the real pipeline it reports an ID number or phone twice (DIET and the regex
    extractor).
    """

    RULES = (
        ("结婚", "marriage_materials"),
        ("低保", "ask_policy"),
        ("基金会", "charity_check"),
        ("预约", "tomb_book"),
    )

    def __init__(self) -> None:
        self.texts: list[str] = []

    def is_ready(self) -> bool:
        return True

    async def parse_message(self, text: str) -> dict[str, Any]:
        self.texts.append(text)
        name, confidence = "nlu_fallback", 0.3
        for word, intent in self.RULES:
            if word in text:
                name, confidence = intent, 0.97
                break
        entities = []
        for entity, pattern in (
            ("id_number", r"(?<!\d)\d{17}[\dXx](?!\d)"),
            ("phone", r"(?<!\d)1[3-9]\d{9}(?!\d)"),
        ):
            for m in re.finditer(pattern, text):
                for extractor in ("DIETClassifier", "RegexEntityExtractor"):
                    entities.append({"entity": entity, "value": m.group(0), "extractor": extractor})
        if "张伟" in text:
            entities.append({"entity": "person_name", "value": "张伟"})
        intent = {"name": name, "confidence": confidence}
        return {"text": text, "intent": intent, "entities": entities}


@pytest.fixture(scope="module")
def backend_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, url = start_backend(tmp_path_factory.mktemp("backend"), TODAY)
    yield url
    process.terminate()
    process.wait(timeout=15)


@pytest.fixture(scope="module")
def stub() -> StubAgent:
    return StubAgent()


@pytest.fixture(scope="module")
def server(backend_url: str, stub: StubAgent) -> Iterator[str]:
    """The channel with the stand-in NLU and the real backend; yields the base URL."""
    channel = AgentAssistInput(AgentAssistSettings(token=TOKEN, backend_url=backend_url))
    with LocalServer(channel, stub) as local:
        yield local.url


def new_handoff(backend_url: str, summary: str = "事项：结婚登记") -> str:
    """A waiting hand-off recorded through the backend's API; its reference."""
    body = {
        "service": "marriage",
        "channel": "rest",
        "reason": "asked",
        "summary": summary,
        "conversation": f"test-{secrets.token_hex(6)}",
    }
    status, answer, _ = call(
        "POST",
        f"{backend_url}/api/handoffs",
        body,
        token=None,
        headers={"Idempotency-Key": secrets.token_hex(8)},
    )
    assert status == 201, answer
    return answer["handoff"]["reference"]


# --- the token -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer tökén-ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ"},  # not ASCII: still a plain 401
        {"Authorization": TOKEN},
    ],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", SUGGEST), ("GET", HANDOFFS), ("POST", f"{HANDOFFS}/RG261123K7Q2M/take")],
)
def test_a_request_without_the_token_is_refused(
    server: str, headers: dict[str, str], method: str, path: str
) -> None:
    body = {"text": "结婚登记要带什么"} if method == "POST" else None
    status, answer, got = call(method, server + path, body, token=None, headers=headers)
    assert_error(status, answer, 401, "unauthorized")
    assert got.get("WWW-Authenticate", "").startswith("Bearer")


def test_the_console_preflight_and_its_errors_pass_cors(server: str) -> None:
    """The console on :8080 sends OPTIONS without the token; it must not meet the auth check."""
    origin = {"Origin": "http://127.0.0.1:8080"}
    preflight = {
        **origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    for path in (SUGGEST, HANDOFFS, f"{HANDOFFS}/RG261123K7Q2M/close"):
        status, _, got = call("OPTIONS", server + path, token=None, headers=preflight)
        assert status == 200
        assert got.get("Access-Control-Allow-Origin") in ("*", origin["Origin"])
        assert "authorization" in got.get("Access-Control-Allow-Headers", "").lower()
    status, _, got = call("POST", server + SUGGEST, {"text": "低保"}, token=None, headers=origin)
    assert status == 401 and got.get("Access-Control-Allow-Origin")  # the console can read it


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b'{"text": ""}', "text_required"),
        (b'{"text": "   "}', "text_required"),
        (b"{}", "text_required"),
        (b'{"text": null}', "text_required"),
        (b'{"top_k": 3}', "text_required"),
        pytest.param(json.dumps({"text": "低" * 5000}).encode(), "text_too_long", id="5000"),
        pytest.param(
            json.dumps({"text": "低" * 501}, ensure_ascii=False).encode(), "text_too_long", id="501"
        ),
        (b'{"text": 12345}', "text_invalid"),
        (b'{"text": ["dibao"]}', "text_invalid"),
        (b'{"text": {"q": "dibao"}}', "text_invalid"),
        (b'{"text": "low", "top_k": 0}', "top_k_invalid"),
        (b'{"text": "low", "top_k": 50}', "top_k_invalid"),
        (b'{"text": "low", "top_k": -1}', "top_k_invalid"),
        (b'{"text": "low", "top_k": "3"}', "top_k_invalid"),
        (b'{"text": "low", "top_k": 2.5}', "top_k_invalid"),
        (b'{"text": "low", "top_k": true}', "top_k_invalid"),
        (b"text=low", "invalid_json"),
        (b'{"text": "low"', "invalid_json"),
        (b'["low"]', "invalid_json"),
        (b'"low"', "invalid_json"),
        (b"\xff\xfe\x00", "invalid_json"),
        (b"", "text_required"),
    ],
)
def test_bad_suggest_input_is_a_400_in_chinese(server: str, raw: bytes, code: str) -> None:
    status, answer, _ = call("POST", server + SUGGEST, raw=raw)
    assert_error(status, answer, 400, code)


def test_a_huge_body_is_refused_without_a_5xx(server: str) -> None:
    status, answer, _ = call("POST", server + SUGGEST, raw=b'{"text": "' + b"a" * 200_000 + b'"}')
    assert_error(status, answer, 413, "body_too_large")


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>低保",
        "'; DROP TABLE handoff; --",
        "😀😀😀",
        "/greet",
        pytest.param("低" * 500, id="500"),
        "清明\n\t扫墓\x00要不要预约",
    ],
)
def test_odd_but_valid_text_gets_an_answer(server: str, text: str) -> None:
    status, answer, _ = call("POST", server + SUGGEST, {"text": text, "top_k": 10})
    assert status == 200, answer
    assert answer["service"] in SERVICES


def test_a_leading_slash_is_not_read_as_an_intent_payload(server: str, stub: StubAgent) -> None:
    status, _, _ = call("POST", server + SUGGEST, {"text": "/marriage_book 结婚要带什么"})
    assert status == 200
    assert stub.texts[-1] == "marriage_book 结婚要带什么"


# --- suggestions ---------------------------------------------------------------------------


def test_the_answer_has_the_contracts_shape(server: str) -> None:
    status, answer, got = call("POST", server + SUGGEST, {"text": "来电人问结婚登记要带什么"})
    assert status == 200
    assert got["Content-Type"].startswith("application/json")
    assert set(answer) == {"service", "intent", "entities", "suggestions", "next_steps"}
    assert answer["service"] == "marriage"
    assert answer["intent"] == {"name": "marriage_materials", "confidence": 0.97}
    assert 1 <= len(answer["suggestions"]) <= 3  # top_k defaults to 3
    for suggestion in answer["suggestions"]:
        assert set(suggestion) == {"text", "source", "score"}
        assert set(suggestion["source"]) == {"title", "section"}
        assert 0 < len(suggestion["text"]) <= MAX_SUGGESTION_CHARS
        assert suggestion["source"]["title"] and suggestion["source"]["section"]
        assert suggestion["score"] == round(suggestion["score"], 3)
    scores = [s["score"] for s in answer["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    assert "婚姻登记" in answer["suggestions"][0]["source"]["title"]
    assert any("户口簿" in step for step in answer["next_steps"])


@pytest.mark.parametrize("top_k", [1, 5, 10])
def test_top_k_bounds_the_suggestions(server: str, top_k: int) -> None:
    status, answer, _ = call("POST", server + SUGGEST, {"text": "低保怎么申请", "top_k": top_k})
    assert status == 200
    assert 1 <= len(answer["suggestions"]) <= top_k


def test_unrelated_text_gets_no_suggestions_and_the_fallback_step(server: str) -> None:
    status, answer, _ = call("POST", server + SUGGEST, {"text": "今天天气怎么样"})
    assert status == 200
    assert answer["service"] == "other"
    assert answer["suggestions"] == []
    assert answer["next_steps"] == ["如知识库无把握，请转相关业务科室或记录回电。"]


def test_an_unsure_intent_takes_the_service_from_the_knowledge_base(server: str) -> None:
    """The stand-in answers nlu_fallback (0.3) here; the tomb-sweeping FAQ decides."""
    status, answer, _ = call("POST", server + SUGGEST, {"text": "清明节公墓祭扫人多吗"})
    assert status == 200
    assert answer["intent"]["name"] == "nlu_fallback"
    assert answer["service"] == "tomb_sweeping"
    assert "祭扫" in answer["suggestions"][0]["source"]["title"]


def test_id_numbers_phones_and_names_come_back_masked(server: str) -> None:
    text = f"张伟身份证{ID_NUMBER}电话{PHONE}想约结婚"
    status, answer, _ = call("POST", server + SUGGEST, {"text": text})
    assert status == 200
    assert answer["entities"] == [
        {"entity": "id_number", "value": "110***********8816"},
        {"entity": "phone", "value": "138****5678"},
        {"entity": "person_name", "value": "张*"},
    ]
    raw = json.dumps(answer, ensure_ascii=False)
    assert ID_NUMBER not in raw and PHONE not in raw and "张伟" not in raw


def test_a_redacted_passage_is_never_quoted_with_its_placeholders(server: str) -> None:
    status, answer, _ = call("POST", server + SUGGEST, {"text": "全市困境儿童发放生活补贴"})
    assert status == 200
    redacted = [s for s in answer["suggestions"] if s["text"].endswith(REDACTED_FIGURE_TEXT)]
    assert redacted, "the x市 document's passage is expected among the suggestions"
    for suggestion in answer["suggestions"]:
        assert not has_placeholder(suggestion["text"])
    assert redacted[0]["text"].startswith("【某市（原文未具名）】")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(warm="sync")


def test_a_figure_question_gets_no_passage_with_redacted_figures(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when retrieval ranks one first (as respond() never answers with it)."""
    redacted = next(p for p in kb.passages if p.has_redacted_figures)
    clean = next(p for p in kb.passages if p.kind == "faq")
    monkeypatch.setattr(
        kb, "search", lambda query, top_k=5, region=None: [Hit(redacted, 1.5), Hit(clean, 1.0)]
    )
    figures = suggest(kb, "困境儿童生活补贴发了多少万元", 3)
    assert [s.section for s in figures.suggestions] == [clean.section]
    plain = suggest(kb, "困境儿童生活补贴", 3)
    assert [s.section for s in plain.suggestions] == [redacted.section, clean.section]
    assert not has_placeholder(plain.suggestions[0].text)


def test_another_citys_figures_are_not_offered_for_a_figure_question(kb: KnowledgeBase) -> None:
    result = suggest(kb, "深圳长者饭堂示范点有多少个", 5)
    assert result.suggestions
    assert not any(s.title.startswith("广州") for s in result.suggestions)


def test_the_knowledge_base_is_reloaded_when_the_index_changes(tmp_path: Path) -> None:
    # Built here: a fresh checkout has no index before `make kb`.
    index = save(build_data(KBConfig()), tmp_path / "kb_index.json")
    loads: list[Path] = []

    def loader(path: Path) -> KnowledgeBase:
        loads.append(path)
        return KnowledgeBase.load(path, warm="sync", embeddings=False)

    source = SuggestionSource(index, loader=loader)
    try:
        first = source.knowledge_base()
        assert source.knowledge_base() is first and len(loads) == 1
        stamp = index.stat().st_mtime_ns + 1_000_000_000
        os.utime(index, ns=(stamp, stamp))
        assert source.knowledge_base() is not first and len(loads) == 2
    finally:
        source.close()


def test_without_a_model_or_knowledge_base_the_agent_still_gets_an_answer() -> None:
    """Rasa still loading its model, a broken index: a 200 with what is known."""

    def broken(_path: Path) -> KnowledgeBase:
        raise OSError("index unreadable")

    channel = AgentAssistInput(
        AgentAssistSettings(token=TOKEN), SuggestionSource(Path("/nonexistent"), loader=broken)
    )
    with LocalServer(channel, agent=None) as local:
        status, answer, _ = call("POST", local.url + SUGGEST, {"text": "低保怎么申请"})
    assert status == 200
    assert answer["intent"] is None and answer["suggestions"] == []
    assert answer["service"] == "other" and answer["next_steps"]


# --- the service of an intent, masking, settings -------------------------------------------


@pytest.mark.parametrize(
    ("intent", "service"),
    [
        ("marriage_book", "marriage"),
        ("marriage_materials", "marriage"),
        ("tomb_cancel", "tomb_sweeping"),
        ("assistance_prescreen", "assistance"),
        ("charity_report", "charity"),
        ("ask_policy", "policy"),
        ("greet", "other"),
        ("inform", "other"),
        ("ask_human", "other"),
        (None, "other"),
    ],
)
def test_the_service_follows_the_intents_prefix(intent: str | None, service: str) -> None:
    assert service_of_intent(intent) == service
    assert decide_service(Understanding(intent, 0.9), "charity") == (
        service if intent else "charity"
    )


def test_below_half_confidence_the_knowledge_base_decides() -> None:
    assert decide_service(Understanding("marriage_book", 0.49), "assistance") == "assistance"
    assert decide_service(Understanding("marriage_book", 0.49), None) == "other"
    assert decide_service(Understanding("nlu_fallback", 0.9), "charity") == "charity"
    assert decide_service(Understanding("marriage_book", 0.5), None) == "marriage"


@pytest.mark.parametrize(
    ("entity", "value", "shown"),
    [
        ("id_number", "110105 19900307 8816", "110***********8816"),
        ("phone", "+86 138-1234-5678", "138****5678"),
        ("person_name", "欧阳建国", "欧***"),
        ("plate", "粤B12345", "粤B***45"),
        ("office", f"南山，电话{PHONE}", "南山，电话138****5678"),
        ("visitors", 3, 3),
    ],
)
def test_entity_values_are_masked(entity: str, value: Any, shown: Any) -> None:
    assert mask_entity_value(entity, value) == shown


@pytest.mark.parametrize(
    "credentials",
    [None, {}, {"token": ""}, {"token": "short"}, {"token": TOKEN, "backend_url": "ftp://x"}],
)
def test_the_channel_refuses_to_start_without_a_proper_token(
    credentials: dict[str, Any] | None,
) -> None:
    with pytest.raises(RasaException):
        AgentAssistInput.from_credentials(credentials)


def test_the_channel_reads_its_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKEND_URL", "http://10.0.0.2:8000/")
    channel = AgentAssistInput.from_credentials({"token": f"  {TOKEN} "})
    assert channel.name() == "agent_assist"
    assert channel.settings.token == TOKEN
    assert channel.settings.backend_url == "http://10.0.0.2:8000"
    given = AgentAssistInput.from_credentials({"token": TOKEN, "backend_url": "http://b:1"})
    assert given.settings.backend_url == "http://b:1"


# --- the hand-off queue --------------------------------------------------------------------


def test_an_agent_lists_takes_and_closes_a_handoff(server: str, backend_url: str) -> None:
    reference = new_handoff(backend_url, f"事项：结婚登记；手机：{PHONE}")
    status, listed, _ = call("GET", f"{server}{HANDOFFS}?status=open")
    assert status == 200
    record = next(h for h in listed["handoffs"] if h["reference"] == reference)
    assert record["status"] == "waiting" and PHONE not in record["summary"]

    status, taken, _ = call("POST", f"{server}{HANDOFFS}/{reference}/take", {"agent": "A1024王敏"})
    assert status == 200, taken
    assert taken["handoff"]["status"] == "taken" and taken["handoff"]["agent"] == "A1024王敏"

    status, waiting, _ = call("GET", f"{server}{HANDOFFS}?status=waiting")
    assert status == 200 and reference not in [h["reference"] for h in waiting["handoffs"]]

    lower = reference.lower()  # agents type references in lower case too
    status, closed, _ = call("POST", f"{server}{HANDOFFS}/{lower}/close", {"agent": "A1024王敏"})
    assert status == 200, closed
    assert closed["handoff"]["status"] == "closed"

    status, listed, _ = call("GET", f"{server}{HANDOFFS}?status=closed&limit=100")
    assert status == 200 and reference in [h["reference"] for h in listed["handoffs"]]


def test_the_backends_refusals_pass_through(server: str, backend_url: str) -> None:
    reference = new_handoff(backend_url)
    assert call("POST", f"{server}{HANDOFFS}/{reference}/take", {"agent": "A1"})[0] == 200

    status, answer, _ = call("POST", f"{server}{HANDOFFS}/{reference}/take", {"agent": "B2"})
    assert_error(status, answer, 409, "already_taken")
    assert "A1" in answer["error"]["message"]

    status, answer, _ = call("POST", f"{server}{HANDOFFS}/RG261123ABCDE/take", {"agent": "A1"})
    assert_error(status, answer, 404)

    status, answer, _ = call("POST", f"{server}{HANDOFFS}/{reference}/close", {"agent": "A1<>"})
    assert_error(status, answer, 422, "agent_invalid")


@pytest.mark.parametrize(
    ("method", "path", "body", "code"),
    [
        ("GET", f"{HANDOFFS}?status=pending", None, "status_invalid"),
        ("GET", f"{HANDOFFS}?limit=0", None, "limit_invalid"),
        ("GET", f"{HANDOFFS}?limit=101", None, "limit_invalid"),
        ("GET", f"{HANDOFFS}?limit=ten", None, "limit_invalid"),
        ("POST", f"{HANDOFFS}/RG261123K7Q2M/take", {}, "agent_required"),
        ("POST", f"{HANDOFFS}/RG261123K7Q2M/take", {"agent": ""}, "agent_required"),
        ("POST", f"{HANDOFFS}/RG261123K7Q2M/take", {"agent": 1024}, "agent_required"),
        ("POST", f"{HANDOFFS}/RG261123K7Q2M/close", {"agent": "甲" * 31}, "agent_required"),
        ("POST", f"{HANDOFFS}/{'R' * 41}/close", {"agent": "A1"}, "reference_invalid"),
        ("POST", f"{HANDOFFS}/RG261123K7Q2M/close", None, "agent_required"),
    ],
)
def test_bad_handoff_requests_are_a_400(
    server: str, method: str, path: str, body: Any, code: str
) -> None:
    status, answer, _ = call(method, server + path, body)
    assert_error(status, answer, 400, code)


def test_an_unreachable_backend_is_a_503_in_chinese() -> None:
    closed_port = free_port()  # nothing listens there
    settings = AgentAssistSettings(
        token=TOKEN, backend_url=f"http://127.0.0.1:{closed_port}", timeout=1.0, retries=0
    )
    with LocalServer(AgentAssistInput(settings), StubAgent()) as local:
        for method, path, body in (
            ("GET", HANDOFFS, None),
            ("POST", f"{HANDOFFS}/RG261123K7Q2M/take", {"agent": "A1"}),
        ):
            status, answer, _ = call(method, local.url + path, body)
            assert_error(status, answer, 503, "backend_unavailable")


# --- the real model through `rasa run` (slow) ----------------------------------------------

CREDENTIALS = """\
integrations.channels.agent_assist.AgentAssistInput:
  token: ${AGENT_ASSIST_TOKEN}
  backend_url: ${BACKEND_URL}
"""


@pytest.fixture(scope="module")
def rasa(tmp_path_factory: pytest.TempPathFactory, backend_url: str) -> Iterator[tuple[str, Path]]:
    """``rasa run`` with the trained model and the credentials entry; (URL, log file)."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run 'make train' first")
    var_dir = tmp_path_factory.mktemp("rasa")
    (var_dir / "credentials.yml").write_text(CREDENTIALS, encoding="utf-8")
    (var_dir / "endpoints.yml").write_text("# no tracker store, no actions\n", encoding="utf-8")
    port = free_port()
    log_path = var_dir / "rasa.log"
    env = {
        **os.environ,
        "AGENT_ASSIST_TOKEN": TOKEN,
        "BACKEND_URL": backend_url,
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
    }
    command = [
        str(Path(sys.executable).parent / "rasa"),
        "run",
        "--model",
        str(MODEL),
        "--port",
        str(port),
        "--interface",
        "127.0.0.1",
        "--credentials",
        str(var_dir / "credentials.yml"),
        "--endpoints",
        str(var_dir / "endpoints.yml"),
        "--cors",
        "*",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(f"{url}/webhooks/agent_assist/", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("rasa run did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.5)
    yield url, log_path
    process.terminate()
    process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "services", "source"),
    [
        ("来电人问结婚登记要带什么", {"marriage"}, "结婚登记需要的材料"),
        ("老人问低保怎么申请", {"assistance", "policy"}, "低保"),
        ("有人问一个基金会是不是真的", {"charity"}, "慈善"),
        ("清明扫墓要不要预约", {"tomb_sweeping"}, "祭扫"),
        ("离婚冷静期多久", {"policy", "marriage"}, "离婚冷静期"),
        ("群里转发的看病筹款链接能信吗", {"charity"}, "募捐"),
        # The knowledge base ranks child-welfare FAQ entries first here (no 临时救助 passage
        # in the top three); the service still comes from the model.
        ("老公出车祸了家里有啥补助能领", {"assistance"}, None),
    ],
)
def test_hotline_questions_get_their_service_and_a_fitting_source(
    rasa: tuple[str, Path], text: str, services: set[str], source: str | None
) -> None:
    url, _ = rasa
    status, answer, _ = call("POST", url + SUGGEST, {"text": text, "top_k": 3})
    assert status == 200, answer
    assert answer["service"] in services, answer["intent"]
    assert answer["intent"]["confidence"] > 0
    sources = [f"{s['source']['title']} · {s['source']['section']}" for s in answer["suggestions"]]
    assert source is None or any(source in s for s in sources), sources
    assert answer["next_steps"]


@pytest.mark.slow
def test_an_id_number_typed_by_the_agent_is_masked_and_not_logged(
    rasa: tuple[str, Path],
) -> None:
    url, log_path = rasa
    text = f"来电人身份证{ID_NUMBER}，手机{PHONE}，要查结婚预约"
    status, answer, _ = call("POST", url + SUGGEST, {"text": text})
    assert status == 200
    assert answer["service"] == "marriage"
    entities = {e["entity"]: e["value"] for e in answer["entities"]}
    assert entities.get("id_number") == "110***********8816"
    assert entities.get("phone", "138****5678") == "138****5678"
    assert len([e for e in answer["entities"] if e["entity"] == "id_number"]) == 1
    raw = json.dumps(answer, ensure_ascii=False)
    assert ID_NUMBER not in raw and PHONE not in raw
    time.sleep(0.5)
    log = log_path.read_text(encoding="utf-8", errors="replace")
    assert ID_NUMBER not in log and PHONE not in log


@pytest.mark.slow
def test_rasa_mounts_the_channel_with_cors_and_the_handoff_queue(
    rasa: tuple[str, Path], backend_url: str
) -> None:
    url, _ = rasa
    preflight = {
        "Origin": "http://127.0.0.1:8080",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    status, _, got = call("OPTIONS", url + SUGGEST, token=None, headers=preflight)
    assert status == 200 and got.get("Access-Control-Allow-Origin")
    assert_error(*call("POST", url + SUGGEST, {"text": "低保"}, token="wrong")[:2], 401)
    reference = new_handoff(backend_url)
    status, listed, _ = call("GET", f"{url}{HANDOFFS}?status=waiting")
    assert status == 200 and reference in [h["reference"] for h in listed["handoffs"]]
