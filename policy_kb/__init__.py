"""Policy knowledge base of the 民政 assistant: documents and FAQ, retrieval, cited answers.

Public API::

    from policy_kb import KnowledgeBase, Passage, Hit, Answer, Response, build_index

    kb = KnowledgeBase.load()
    kb.respond("低保怎么申请", context_region="深圳")    # -> Response (what the chatbot says)
    kb.search("低保怎么申请", top_k=5, region="深圳")   # -> list[Hit]
    kb.answer("离婚冷静期多久")                         # -> Answer | None

``Response.kind`` is ``"answer"``, ``"other_region"``, ``"personal_case"``, ``"elsewhere"`` or
``"no_answer"``; see
:mod:`policy_kb.kb`.
"""

from .index import build_index
from .kb import KnowledgeBase
from .messages import NO_ANSWER_TEXT
from .models import Answer, Hit, Passage, Response

__all__ = [
    "NO_ANSWER_TEXT",
    "Answer",
    "Hit",
    "KnowledgeBase",
    "Passage",
    "Response",
    "build_index",
]
