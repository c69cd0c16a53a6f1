"""Figures: does a question ask for one, and which sentences of a passage state one?

A *figure question* asks for a number — an amount, a standard, a share, a count or a target:
``广州长者饭堂示范点有多少个``, ``低保标准涨了几多``, ``安葬率要达到百分之几``. For such a
question the knowledge base prefers a passage that states a figure for the place asked about,
and never answers with a redacted one (``xxx元``, ``xx%`` in the x市 document) or with another
city's.

A *figure* in a passage is an Arabic number with a unit or a percent sign (``100个``, ``2200张``,
``3.5%``, ``1000万``), or a Chinese number with a counting unit (``三十日``, ``十个``). Bare years
(``2024年``) and list numbers (``1.``) are not figures.
"""

from __future__ import annotations

import re

from .cleaning import has_placeholder
from .normalize import normalize_query

_FIGURE_QUESTION = re.compile(
    r"多少|几[个张家所项名位岁天日月年元块次人成倍级万千百十多]|几多|百分之几|多大比例|多高|"
    r"标准|比例|比率|[^效]率[是为达有]|人次|数量|规模|金额|涨了|涨多|提高了?多|提高几|目标是"
)
_UNIT = (
    r"(?:%|％|个|张|人次|人|万|亿|元|家|所|户|名|次|项|条|处|间|床|岁|周岁|天|日|倍|平方米|"
    r"公里|小时|分钟|份|场|支|批|类|件|座)"
)
_ARABIC_FIGURE = re.compile(rf"(?<![\d.])\d+(?:[.,]\d+)?\s*{_UNIT}")
_CN_DIGITS = "一二两三四五六七八九"
_CHINESE_FIGURE = re.compile(rf"[{_CN_DIGITS}十百千万]*[十百千万][{_CN_DIGITS}]?{_UNIT}")
_YEAR_ONLY = re.compile(r"^\d{4}\s*年")


# Asking when something is finished, an office's number, its hours: cues of a number question
# and of its kind alike.
_WHEN_DONE = r"(?:什么时候|几时|何时)(?:能|可以|会)?(?:完工|建成|竣工|开通|开放|启用|投入使用|开业)"
_PHONE = r"电话|热线|号码"
_CLOCK = r"几点|(?:开门|办公|营业|上班|下班)时间"

_NUMBER_ASKED = re.compile(
    r"多少|(?<!哪)几[个张家所项名位岁天日月年元块次人成倍级万千百十多号]|几多|百分之几|多大比例|"
    r"多高|金额|涨了多少|涨多少|提高了?多少|多久|多长时间|哪一?天|哪一?年|哪个月|"
    rf"多大(?:年纪|岁数|才|就|能|可以)|{_WHEN_DONE}|(?:{_PHONE})(?:是|系)?(?:多少|几多|什么|咩)|"
    rf"{_CLOCK}"
    # 哪几个 asks which ones, not how many
)

# What kind of number a question wants, and the figures that can answer it. The first kind
# whose cue matches wins (an increase may be a share or an amount); a question with none of
# these cues accepts any figure.
_KINDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "phone",
        re.compile(_PHONE),
        re.compile(r"\d{3,4}-?\d{7,8}"),  # an office's own number, not 12345
    ),
    (
        "clock",
        re.compile(_CLOCK),
        re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*点|[上下]午[一二三四五六七八九十]+点"),
    ),
    (
        "date",
        re.compile(
            rf"几[号月]|哪一?天|哪一?年|哪个月|什么时候(?:开始|施行|实施|起|生效)|{_WHEN_DONE}"
        ),
        re.compile(r"(?:19|20)\d\d\s*年|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[一二三四五六七八九十]+月"),
    ),
    (
        "share",
        re.compile(r"百分之几|多大比例|比例|几成|多少%|[^效]率"),
        re.compile(r"\d+(?:\.\d+)?\s*[%％]|百分之|[一二三四五六七八九]成"),
    ),
    (
        "age",
        re.compile(r"多少岁|几岁|多大(?:年纪|岁数)?(?:才|就|能|可以|的|算)|多大年纪|年龄"),
        re.compile(r"\d+\s*周?岁|[一二三四五六七八九十]+周?岁"),
    ),
    (
        "duration",
        re.compile(r"多少天|几天|多久|多长时间|几个月|多少个?工作日|几年"),
        re.compile(
            r"\d+\s*(?:个)?(?:工作日|天|日|个月|月|年|小时)|"
            r"[一二两三四五六七八九十]+(?:个)?(?:工作日|天|日|个月|年|小时)"
        ),
    ),
    (
        "increase",
        re.compile(r"(?:提高|涨|增加|上调|调高|提升)了?(?:多少|几)"),
        re.compile(r"\d+(?:\.\d+)?\s*[%％]|百分之|\d+(?:[.,]\d+)?\s*(?:万|亿)?(?:元|块)"),
    ),
    (
        "money",
        re.compile(
            r"钱|[多几]少?[元块]|金额|费用|[发补给领拿掏交]多少|补贴多少|标准[是为有]?多少|工资|收费"
        ),
        re.compile(
            r"\d+(?:[.,]\d+)?\s*(?:万|亿)?(?:元|块)|[一二两三四五六七八九十百千万]+(?:元|块)|免费|不收费"
        ),
    ),
    (
        "count",
        re.compile(r"(?:多少|几)(?:个|户|家|张|所|名|位|处|座|间|人次|人|床|项|条|万人)"),
        re.compile(
            r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:个|户|家|张|所|名|位|处|座|间|人次|人|床|项|条)|"
            r"[一二两三四五六七八九十百千万]+(?:个|户|家|张|所|名|位|处|座|间|人次|床|项)"
        ),
    ),
)

# "全市", "那个市", "区里": the question is about one place's own figure even without its name.
_LOCALITY = re.compile(
    r"全市|本市|我市|市里|那个市|这个市|[xX某]市|全区|本区|区里|县里|全县|全省|省里|我们这"
)
_YEAR_SAID = re.compile(
    r"(?:哪一?年|什么时候)(?:的(?:计划|规划|文件|政策|事)|提出|说的|定的|出台|发布)"
)
_CHANGE = re.compile(r"变化|新政|新规|调整|改革|出台|会不会|还会|要不要改|会改|涨不涨|提不提高")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
# Years still to come, named relative to today ("明年", 粤语 "出年").
_NEXT_YEARS = re.compile(r"明年|来年|下一?年|出年|后年|明后年")


def asks_for_number(question: str) -> bool:
    """True when ``question`` wants a number itself (多少, 几个, 百分之几, 哪天), not only
    talks about a standard ("标准会提高吗" asks whether, not how much)."""
    return bool(_NUMBER_ASKED.search(normalize_query(question)))


def wanted_kind(question: str) -> str | None:
    """The kind of number ``question`` asks for: ``phone``, ``clock``, ``date``, ``share``,
    ``age``, ``duration``, ``increase``, ``money`` or ``count``; ``None`` when it asks for none
    or for a number of no clear kind."""
    text = normalize_query(question)
    if not _NUMBER_ASKED.search(text):
        return None
    return next((kind for kind, cue, _ in _KINDS if cue.search(text)), None)


# Counting words that count the same things: "新增多少名社工" is not answered by "三个级别".
_PEOPLE = "名位人"
_COUNTER_CLASSES = (_PEOPLE, "户", "家所处座间", "张床", "项条")
_SHARE_OF_PEOPLE = re.compile(
    r"[一二三四五六七八九十]+分之[一二三四五六七八九十]+|\d+\s*[%％]|半数|过半"
)
_COUNTER_ASKED = re.compile(r"(?:多少|几)(人次|万人|[个户家张所名位处座间人床项条])")
_BEFORE_NUMBER = r"(?:数|总数)?(?:超过?|达到?|突破|不少于|不低于|约|近|为|共)?"
_NUMBER = r"(?:\d+(?:\.\d+)?\s*(?:万|亿)?|[一二两三四五六七八九十百千万]+)"


def _counter_asked(question: str) -> str | None:
    """The counting word of "多少名/几户/多少人次"; None for "几个" (it counts anything) or
    no count at all."""
    asked = _COUNTER_ASKED.search(normalize_query(question))
    return None if asked is None or asked.group(1) == "个" else asked.group(1)


def states_count_asked(text: str, question: str) -> bool:
    """True when ``text`` states a count of what ``question`` counts ("多少名" → 名/位/人;
    "几个" counts anything)."""
    counter = _counter_asked(question)
    if counter is None:
        return states_figure(text, "count")
    if counter == "万人":
        counter = "人"
    same = next((c for c in _COUNTER_CLASSES if counter in c), counter)
    if same == _PEOPLE and _SHARE_OF_PEOPLE.search(text):
        return True  # "多少人联名" → "五分之一以上有选举权的村民"
    units = "人次" if counter == "人次" else f"[{same}](?!次)"
    # "新增社工1200名", and the count named first: "服务人次超1000万"
    return bool(re.search(f"{_NUMBER}\\s*{units}|{units}{_BEFORE_NUMBER}{_NUMBER}", text))


def counts_in_title(title: str, question: str) -> bool:
    """A document's title states the count asked for, with the very counter asked ("多少项"
    → "12项走前列"); "几个" is too loose for a title."""
    counter = _counter_asked(question)
    return counter is not None and bool(re.search(f"{_NUMBER}\\s*{re.escape(counter)}", title))


def asks_for_statistic(question: str) -> bool:
    """A count of things (多少户, 几个中心, 多少人次): only a place's own report states it,
    never a general rule."""
    return wanted_kind(question) == "count"


def names_locality(question: str) -> bool:
    """The question points at one place's own figures (全市, 那个市, 区里) without naming it."""
    return bool(_LOCALITY.search(normalize_query(question)))


def years_named(question: str) -> set[str]:
    """Years the question names (``2025年`` → ``{"2025"}``)."""
    return set(_YEAR.findall(normalize_query(question)))


def asks_which_year_said(question: str) -> bool:
    """ "是哪年的计划", "哪一年提出的": the year of the document itself answers it (unlike
    "哪年完工", which asks about the thing planned)."""
    return bool(_YEAR_SAID.search(normalize_query(question)))


def asks_about_future_change(question: str, this_year: int) -> bool:
    """ "2027年婚姻登记政策还会有啥新变化", "明年会不会涨", "明年低保标准多少": a change or
    a figure in a year still to come, which no published text can state unless it names that
    year."""
    text = normalize_query(question)
    ahead = _NEXT_YEARS.search(text) or any(int(y) > this_year for y in years_named(text))
    return bool(ahead) and bool(_CHANGE.search(text) or _NUMBER_ASKED.search(text))


def is_figure_question(question: str) -> bool:
    """True when ``question`` asks for a number (多少, 几个, 标准, 比例, 人次 …)."""
    return bool(_FIGURE_QUESTION.search(normalize_query(question)))


def states_figure(text: str, kind: str | None = None) -> bool:
    """True when ``text`` states a real (not redacted) figure: ``100个``, ``3.5%``, ``三十日``;
    with ``kind`` (see :func:`wanted_kind`), a figure of that kind."""
    if has_placeholder(text):
        return False
    if kind is not None:
        pattern = next(p for k, _, p in _KINDS if k == kind)
        return bool(pattern.search(text))
    for m in _ARABIC_FIGURE.finditer(text):
        if not _YEAR_ONLY.match(m.group(0)):
            return True
    return bool(_CHINESE_FIGURE.search(text))
