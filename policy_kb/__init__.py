"""Policy knowledge base of the 民政 assistant: documents and FAQ, retrieval, cited answers.

Public API::

    from policy_kb import KnowledgeBase, Passage, Hit, Answer, build_index, NO_ANSWER_TEXT

    kb = KnowledgeBase.load()
    kb.search("低保怎么申请", top_k=5, region="深圳")   # -> list[Hit]
    kb.answer("离婚冷静期多久")                         # -> Answer | None
"""

from .index import build_index
from .kb import KnowledgeBase
from .messages import NO_ANSWER_TEXT
from .models import Answer, Hit, Passage

__all__ = ["NO_ANSWER_TEXT", "Answer", "Hit", "KnowledgeBase", "Passage", "build_index"]
