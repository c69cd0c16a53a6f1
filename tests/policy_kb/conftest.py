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
from policy_kb.index import build_index, ensure_index  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def real_index() -> Path:
    """The project's index file, built first if missing or stale (as ``make kb`` does).

    With sentence embeddings a build takes about 15 s; building it once here spares every
    ``python -m policy_kb`` subprocess of the CLI tests an in-memory build of its own.
    """
    return ensure_index()


@pytest.fixture(scope="session")
def real_kb(real_index: Path) -> KnowledgeBase:
    """The project's knowledge base."""
    return KnowledgeBase.load(real_index)


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
