"""User-facing Chinese texts of the policy knowledge base (one place, Simplified Chinese)."""

NO_ANSWER_TEXT = (
    "抱歉，知识库中暂时没有找到可靠的答案。您可以换个说法再问，"
    "或拨打12345政务服务热线/联系当地民政部门人工咨询。"
)

REDACTED_FIGURE_TEXT = "原文中的具体数字未公开，请以当地民政部门发布的信息为准。"

FAQ_NOTE_DEFAULT = "一般性说明，具体以当地民政部门规定为准"

ANSWER_LABEL = "答复"
PASSAGES_LABEL = "相关段落"

OTHER_REGION_TEXT = (
    "知识库目前只收录了深圳、广州两市和国家层面的民政政策，没有{region}的本地规定或标准，"
    "也不能用其他城市的数字代替。请咨询{region}当地民政部门，或拨打12345政务服务热线。"
)

PERSONAL_CASE_TEXT = (
    "具体到您（或家人）这一件申请能不能通过、办到哪一步、结果对不对，我没法判断，也查不到个人的"
    "办理记录，要以受理部门的审核为准。请向受理的街道（乡镇）或区民政部门询问，"
    "或拨打12345政务服务热线；对结果有异议的，可以依法申请行政复议或提起行政诉讼。"
)

ELSEWHERE_TEXT = (
    "这个问题不属于民政业务，一般由{department}办理。请咨询该部门，或拨打12345政务服务热线。"
)

RELATED_LABEL = "可能相关"

# Label put before an answer taken from a city's document when the question is not about
# that city (the citizen should know whose figure or plan it is).
CITY_LABEL = "【{region}】"
UNNAMED_CITY = "未具名城市"
UNNAMED_CITY_LABEL = "【某市（原文未具名）】"
