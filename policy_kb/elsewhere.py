"""Questions about services civil affairs does not handle, and who handles them.

"身份证丢了去哪里补" shares 丢了/补/身份证 with the entry on re-issuing a marriage certificate;
"失业金一个月有几多" shares 多少/标准 with 低保. Neither is a civil-affairs question: the honest
reply names the department that handles it. A question that also names something of civil
affairs ("低保户的医保个人部分要自己交吗") stays with the knowledge base. The word lists are
data (``data/scope.yml``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from . import paths
from .normalize import normalize_query


@lru_cache(maxsize=1)
def _lists() -> tuple[re.Pattern[str], list[tuple[str, re.Pattern[str]]]]:
    data = yaml.safe_load(paths.SCOPE_FILE.read_text(encoding="utf-8"))

    def alternation(words: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))

    ours = alternation(data["civil_affairs"])
    theirs = [(dept, alternation(words)) for dept, words in data["elsewhere"].items()]
    return ours, theirs


def handled_elsewhere(question: str) -> str | None:
    """The department that handles ``question`` when it is about another department's service
    and nothing of civil affairs, else ``None``."""
    text = normalize_query(question)
    ours, theirs = _lists()
    department = None
    for dept, pattern in theirs:
        if pattern.search(text):
            department = department or dept
            text = pattern.sub("", text)  # 养老金 names no 养老 service of ours
    if department is None or ours.search(text):
        return None
    return department
