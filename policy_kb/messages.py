"""User-facing Chinese texts of the policy knowledge base (one place, Simplified Chinese)."""

NO_ANSWER_TEXT = (
    "抱歉，知识库中暂时没有找到可靠的答案。您可以换个说法再问，"
    "或拨打12345政务服务热线/联系当地民政部门人工咨询。"
)

REDACTED_FIGURE_TEXT = "原文中的具体数字未公开，请以当地民政部门发布的信息为准。"

FAQ_NOTE_DEFAULT = "一般性说明，具体以当地民政部门规定为准"

ANSWER_LABEL = "答复"
PASSAGES_LABEL = "相关段落"
