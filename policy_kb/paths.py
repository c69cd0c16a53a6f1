"""Where the knowledge base keeps its data (relative to the package and the repository)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DOCS_DIR = PACKAGE_DIR / "docs"
FAQ_DIR = PACKAGE_DIR / "faq"
DATA_DIR = PACKAGE_DIR / "data"
SYNONYMS_FILE = DATA_DIR / "synonyms.yml"
STOPWORDS_FILE = DATA_DIR / "stopwords.txt"
PLACES_FILE = DATA_DIR / "places.txt"
SCOPE_FILE = DATA_DIR / "scope.yml"
DIALECT_FILE = DATA_DIR / "dialect.yml"
JIEBA_DIR = REPO_DIR / "data" / "jieba"
INDEX_DIR = PACKAGE_DIR / "index"
INDEX_FILE = INDEX_DIR / "kb_index.json"
DEVSET_FILE = PACKAGE_DIR / "eval" / "devset.yml"
