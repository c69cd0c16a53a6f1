"""The FAQ files and the dev set stay complete and consistent with the corpus."""

from __future__ import annotations

import re

import yaml

from policy_kb import paths
from policy_kb.corpus import load_corpus
from policy_kb.evaluate import load_devset, matches

FIGURE = re.compile(r"\d+(?:\.\d+)?\s*元")


def test_faq_entries_are_complete() -> None:
    _, faqs = load_corpus(paths.DOCS_DIR, paths.FAQ_DIR)
    assert len(faqs) >= 40
    journeys = {f.passage.doc_id for f in faqs}
    for journey in ("marriage", "assistance", "tomb_sweeping", "charity", "elderly_care"):
        assert f"faq:{journey}" in journeys
    for faq in faqs:
        p = faq.passage
        assert 2 <= len(faq.alt_questions) <= 10, p.id
        assert p.region in {"national", "深圳", "广州"}, p.id
        assert p.source and p.date and p.note, p.id
        assert "以当地" in p.note, p.id
        assert not FIGURE.search(p.text), f"{p.id} quotes a money amount"


def test_every_faq_file_names_its_fields() -> None:
    for path in paths.FAQ_DIR.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data["entries"]:
            missing = {
                "id",
                "question",
                "alt_questions",
                "answer",
                "title",
                "region",
                "source",
                "date",
                "note",
            } - set(entry)
            assert not missing, f"{path.name}:{entry.get('id')} lacks {missing}"


def test_devset_expected_ids_exist() -> None:
    passages, faqs = load_corpus(paths.DOCS_DIR, paths.FAQ_DIR)
    ids = [p.id for p in passages] + [f.passage.id for f in faqs]
    answerable, unanswerable = load_devset(paths.DEVSET_FILE)
    assert len(answerable) >= 80
    assert len(unanswerable) >= 15
    for item in answerable:
        for expected in item.expect:
            assert any(matches(i, (expected,)) for i in ids), expected
