"""The keyword-judged question format (``python -m policy_kb eval --file PATH``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policy_kb import KnowledgeBase, paths
from policy_kb.evaluate import (
    EvalReport,
    calibrate,
    evaluate_keywords,
    is_keyword_set,
    judge,
    keyword_scores,
    load_keyword_set,
    pooled,
)
from policy_kb.models import Answer, Passage, Response

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "keyword_set.yml"
REPO = Path(__file__).resolve().parents[2]

PASSAGE = Passage(
    id="t:1",
    doc_id="t",
    title="婚姻登记常见问题",
    section="离婚冷静期",
    text="",
    region="national",
    source="",
    date="",
    kind="faq",
    note="",
    has_redacted_figures=False,
)


def _answer(text: str, citation: str = "来源：婚姻登记常见问题 · 离婚冷静期") -> Response:
    return Response(kind="answer", text=text, citation=citation, answer=Answer(text, PASSAGE, 1.0))


def test_format_is_detected_by_the_keywords_key() -> None:
    assert is_keyword_set(FIXTURE)
    assert not is_keyword_set(paths.DEVSET_FILE)


def test_keyword_groups_are_read_as_alternatives() -> None:
    answerable, unanswerable = load_keyword_set(FIXTURE)
    assert answerable[0].keywords == (("三十日", "30日", "30天"), ("离婚",))
    assert answerable[1].region == "广州"
    assert [u.question for u in unanswerable] == ["北京低保一个月多少钱", "今天天气怎么样"]


def test_every_group_needs_one_alternative() -> None:
    keywords = (("三十日", "30日"), ("撤回",))
    assert judge(_answer("冷静期为三十日，期间可以撤回申请。"), keywords) == "correct"
    assert judge(_answer("冷静期为30日，期间可以撤回申请。"), keywords) == "correct"
    assert judge(_answer("冷静期为三十日。"), keywords) == "wrong"  # no 撤回


def test_keywords_may_be_found_in_the_citation_and_are_normalised() -> None:
    keywords = (("離婚冷靜期",), ("婚姻登记",))
    assert judge(_answer("为三十日。"), keywords) == "correct"


def test_an_answer_without_a_source_is_wrong_and_a_refusal_is_refused() -> None:
    assert judge(_answer("离婚冷静期为三十日。", citation=""), (("三十日",),)) == "wrong"
    refused = Response(kind="no_answer", text="抱歉")
    assert judge(refused, (("三十日",),)) == "refused"
    other = Response(kind="other_region", text="没有北京的", region="北京")
    assert judge(other, (("北京",),)) == "refused"


def test_fixture_set_on_the_real_knowledge_base(real_kb: KnowledgeBase) -> None:
    report = evaluate_keywords(real_kb, FIXTURE)
    assert report.answerable == 3 and report.unanswerable == 2
    assert report.correct == pytest.approx(2 / 3)
    assert report.wrong == pytest.approx(1 / 3)
    assert report.refused == 0
    assert report.false_answers == 0
    assert report.source_cited == 1.0
    assert report.other_region == 1  # 北京


@pytest.mark.usefixtures("real_index")
def test_cli_eval_file_prints_the_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "policy_kb", "eval", "--file", str(FIXTURE), "-v"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    out = result.stdout
    for label in ("answered correctly:", "refused:", "wrong answers:", "unanswerable answered:"):
        assert label in out
    assert "66.7%" in out  # 2 of 3 answered correctly
    assert "这个词不会出现在任何答复里" not in out  # keywords are not printed …
    assert "[wrong] 低保怎么申请" in out  # … but the failed question is, with -v


def test_a_keyword_set_adds_its_scores_to_the_calibration_data(real_kb: KnowledgeBase) -> None:
    threshold = real_kb.threshold
    answerable, unanswerable = keyword_scores(real_kb, FIXTURE)
    assert real_kb.threshold == threshold  # restored after scoring with the threshold off
    assert [ok for _, ok in answerable] == [True, True, False]  # as judged with it on
    assert all(score > 0 for score, ok in answerable if ok)
    assert len(unanswerable) == 2 and unanswerable[0] == 0.0  # 北京: never an answer
    dev = EvalReport(
        answerable=1,
        unanswerable=1,
        top1=1,
        top3=1,
        false_answer_rate=0,
        missed_answer_rate=0,
        p50_ms=0,
        p95_ms=0,
        threshold=threshold,
        set_name="dev set",
        scores_answerable=[(0.9, True)],
        scores_unanswerable=[0.7],
    )
    pool = pooled(dev, [(answerable, unanswerable)])
    assert len(pool.scores_answerable) == 4 and len(pool.scores_unanswerable) == 3
    # with 1 of 3 unanswerable allowed the 0.7 one is answered; with none it must be refused
    assert calibrate(pool, max_false_rate=0.0)[0] > 0.7
