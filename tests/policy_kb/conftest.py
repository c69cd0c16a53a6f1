"""Fixtures for policy_kb tests: the real knowledge base and a tiny fixture corpus."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from policy_kb import KnowledgeBase  # noqa: E402
from policy_kb.config import KBConfig  # noqa: E402
from policy_kb.index import build_index  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def real_kb() -> KnowledgeBase:
    """The project's knowledge base (built in memory if the index is missing or stale)."""
    return KnowledgeBase.load()


@pytest.fixture()
def fixture_config(tmp_path: Path) -> KBConfig:
    """A copy of the fixture corpus in tmp_path, with the project's dictionaries."""
    docs = tmp_path / "docs"
    faq = tmp_path / "faq"
    shutil.copytree(FIXTURES / "docs", docs)
    shutil.copytree(FIXTURES / "faq", faq)
    return KBConfig(docs_dir=docs, faq_dir=faq)


@pytest.fixture()
def fixture_kb(fixture_config: KBConfig, tmp_path: Path) -> KnowledgeBase:
    """A knowledge base built from the fixture corpus and loaded from its index file."""
    index = build_index(tmp_path / "index" / "kb.json", config=fixture_config)
    return KnowledgeBase.load(index, config=fixture_config)
