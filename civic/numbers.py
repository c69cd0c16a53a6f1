"""Chinese and mixed numerals in citizens' answers: head counts and amounts of money.

``parse_count("三个人") == 3`` and ``parse_amount_yuan("月收入三千二") == 3200.0``. Numbers are
read with cn2an's ``smart`` mode, which gets the colloquial forms right (两千五 = 2500,
一万二 = 12000, 三千二 = 3200, 2.5万 = 25000, 3万5 = 35000). This module adds what cn2an lacks:
finding the number inside a sentence, 俩/仨, thousands separators (2,500), approximate pairs
such as 七八个 / 两三个 (cn2an reads them as 78 / 23; here they are None because the answer
is not one number), words that merely contain a numeral (一下, 一起, 万一, 第一), and
``X块Y`` (两块五 = 2.5 yuan).

``parse_party_size("我和我妈还有我姐") == 3`` reads how many people a citizen says will come
(a stated total such as 三个人 / 一家五口 / 5位, else the people listed); it gives None rather
than a guess for estimates (三四个, 十几个, 大概三个), an unknown count (全家, 孩子们) or
several conflicting totals.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from civic.text import normalize_user_text

__all__ = ["Amount", "parse_amount_yuan", "parse_count", "parse_party_size", "read_amount"]

_MAX_CHARS = 200
_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_UNIT = "十百千万亿"
_NUMBER = re.compile(
    rf"(?:\d+(?:\.\d+)?|[{_CN_DIGIT}{_CN_UNIT}])(?:\d+(?:\.\d+)?|[{_CN_DIGIT}{_CN_UNIT}])*"
)
_CLASSIFIER = re.compile(r"\s*(?:个|人|位|口|名|户|只|号人)")
_CURRENCY = re.compile(r"\s*(?:元|块|圆|rmb|人民币)")
_NOT_MONEY = re.compile(
    r"\s*(?:个|人|位|口|名|户|岁|年|月|天|日|号|次|套|辆|间|亩|平|层|楼|周|星期|小时|点|分|%)"
)
# Words that contain a numeral but are not numbers.
_WORD_BEFORE = re.compile(r"(?:第|万|统|唯|同|逐|初|星期|礼拜|周)$")
_WORD_AFTER = re.compile(r"(?:下|些|起|点儿|点点|般|直|定|样|切|共|共有|致|再|律|旦|边|向|会儿)")
_ZERO_WORD = re.compile(r"[工钱花食碎售件头散星用]")
# A single digit right after 块/元 is dimes (毛/角): 两块五 = 2.5.
_JIAO = re.compile(r"\s*(?:元|块)([0-9一二两三四五六七八九])(?:毛|角)?(?![0-9十百千万])")
_PAIR = re.compile(r"[一二两三四五六七八九]{2}")
_CN_VALUE = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_CN_VALUE |= {"八": 8, "九": 9}
_FORMAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟萬億", "一二三四五六七八九十百千万亿")


def parse_count(text: str) -> int | None:
    """The head count or quantity in ``text``: ``"三个人"`` -> 3, ``"俩"`` -> 2, ``"3千"`` -> 3000.

    Prefers a number followed by a classifier (个/人/位/口/名/户). Returns None when there is
    no number, it is not a whole non-negative number, or it is an approximate pair (三四个).
    """
    norm = _prepare(text).replace("俩", "2个").replace("仨", "3个")
    numbers = _numbers(norm)
    if not numbers:
        return None
    chosen = next((n for n in numbers if _CLASSIFIER.match(norm, n[1])), numbers[0])
    value = chosen[2]
    if value is None or value < 0 or value != int(value):
        return None
    return int(value)


def parse_amount_yuan(text: str) -> float | None:
    """An amount of money in yuan: ``"两千五百块"`` -> 2500.0, ``"1.2万"`` -> 12000.0.

    Prefers a number followed by 元/块; skips numbers that count people, days, months and the
    like. Returns None when there is no amount.
    """
    norm = _prepare(text)
    numbers = [n for n in _numbers(norm) if n[2] is not None]
    money = [n for n in numbers if _CURRENCY.match(norm, n[1])]
    others = [n for n in numbers if not _NOT_MONEY.match(norm, n[1])]
    chosen = (money or others or [None])[0]
    if chosen is None or chosen[2] is None or chosen[2] < 0:
        return None
    value = float(chosen[2])
    tail = _JIAO.match(norm, chosen[1])  # 两块五 = 2.5
    if tail:
        digit = tail.group(1)
        value += (int(digit) if digit.isdigit() else _CN_VALUE[digit]) / 10
    return value


@dataclass(frozen=True)
class Amount:
    """An amount of money as a citizen stated it.

    ``approximate``: said with 多 / 左右 / 大概 / 不到…, so the figure is a lower or rough bound
    worth confirming. ``negative``: a minus sign or 负 (not an amount a household can have).
    """

    yuan: float
    approximate: bool = False
    negative: bool = False


# 3.5k, 2k, 1.5w, 3w: thousands and ten-thousands written the internet way.
_LATIN_MULTIPLIER = re.compile(r"(\d+(?:\.\d+)?)\s*([kw])(?![a-z])")
_NONE_AMOUNT = re.compile(
    r"(?:一个月|每月|每个月|月|家里|我们|我家|现在|目前|基本|基本上|根本|都|也|就|是)*"
    r"(?:没有?|无|零|0|分文没有|一分都?没有|啥也没有|什么都没有|没什么|没多少)"
    r"(?:什么|啥)?(?:收入|存款|积蓄|钱|进项|元|块)?(?:了|啊|呢|吧|的)?[。.!！,，\s]*"
)
_NEGATIVE = re.compile(r"(?:^|[^\d])(?:-|负)\s*[\d一二两三四五六七八九十]")
_ROUGH = re.compile(r"多|几|来块|左右|上下|大概|大约|约|差不多|将近|不到|出头|估计|可能|最多|至少")


def read_amount(text: str) -> Amount | None:
    """The amount of money in a citizen's answer, with how exactly it was said.

    ``"三千五"`` -> 3500, ``"3.5k"`` -> 3500, ``"一个月两千多"`` -> 2000 (approximate),
    ``"没有收入"`` -> 0, ``"-500"`` -> negative. None when no single amount is stated
    (``"三四千"``, ``"不知道"``).
    """
    norm = _prepare(text)
    if not norm:
        return None
    if _NONE_AMOUNT.fullmatch(norm.strip()):
        return Amount(0.0)
    scaled = _LATIN_MULTIPLIER.sub(
        lambda m: str(float(m.group(1)) * (1000 if m.group(2) == "k" else 10000)), norm
    )
    value = parse_amount_yuan(scaled)
    if value is None:
        negative = _NEGATIVE.search(scaled) is not None
        magnitude = parse_amount_yuan(scaled.replace("-", "").replace("负", ""))
        if negative and magnitude is not None:
            return Amount(magnitude, negative=True)
        return None
    return Amount(value, approximate=_ROUGH.search(scaled) is not None)


def _prepare(text: str) -> str:
    if not isinstance(text, str):
        return ""
    norm = normalize_user_text(text[:_MAX_CHARS]).lower().translate(_FORMAL)
    return re.sub(r"(?<=\d),(?=\d{3})", "", norm)  # 2,500 -> 2500


def _numbers(text: str) -> list[tuple[int, int, float | None]]:
    """Every number in ``text`` as (start, end, value); value None when it is not one number."""
    found: list[tuple[int, int, float | None]] = []
    for m in _NUMBER.finditer(text):
        token = m.group(0)
        if all(ch in _CN_UNIT for ch in token) and token != "十":
            continue  # 万, 千万 alone
        if token[0] == "一" and len(token) == 1 and _WORD_AFTER.match(text, m.end()):
            continue  # 一下, 一起, 一些
        if token == "零" and _ZERO_WORD.match(text, m.end()):
            continue  # 零工, 零钱, 零花钱
        if _WORD_BEFORE.search(text[: m.start()]):
            continue  # 第一, 万一, 星期三
        value = _value(token)
        if value is not None and m.start() > 0 and text[m.start() - 1] in "-负":
            value = -value
        found.append((m.start(), m.end(), value))
    return found


def _value(token: str) -> float | None:
    if _PAIR.fullmatch(token) and abs(_CN_VALUE[token[0]] - _CN_VALUE[token[1]]) == 1:
        return None  # 三四 (个), 七八 (个): an estimate, not a number
    import cn2an  # imported on first use: it takes ≈0.4 s

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = cn2an.cn2an(token, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


# --------------------------------------------------------------------------- party size

_MAX_PARTY = 9999  # larger is a phone or ID number typed into the wrong field
_MAX_NAMED = 10  # more people named one by one than this is not an answer
_NO_ANSWER = -1  # a reader saw something that rules out an answer: stop, return None

# People named without a number; each is one person, the pair words two.
_ONE_PERSON = (
    "妈妈", "妈", "老妈", "母亲", "爸爸", "爸", "老爸", "父亲", "老婆", "妻子", "媳妇", "爱人",
    "太太", "老公", "丈夫", "先生", "对象", "男朋友", "女朋友", "男友", "女友", "未婚夫", "未婚妻",
    "哥哥", "哥", "姐姐", "姐", "弟弟", "弟", "妹妹", "妹", "嫂子", "嫂", "姐夫", "妹夫", "弟媳",
    "儿子", "女儿", "闺女", "孩子", "小孩", "宝宝", "儿媳", "儿媳妇", "女婿",
    "孙子", "孙女", "外孙", "外孙女", "侄子", "侄女", "外甥", "外甥女",
    "爷爷", "奶奶", "外公", "外婆", "姥姥", "姥爷", "公公", "婆婆", "岳父", "岳母", "丈人",
    "丈母娘", "叔叔", "叔", "婶婶", "婶", "伯伯", "伯父", "伯母", "伯", "姑姑", "姑妈", "姑父",
    "姑", "阿姨", "姨妈", "姨父", "姨", "舅舅", "舅妈", "舅", "表哥", "表姐", "表弟", "表妹",
    "堂哥", "堂姐", "堂弟", "堂妹", "干妈", "干爸", "亲戚", "朋友", "同事", "同学", "邻居",
    "司机", "老人", "大人",
)  # fmt: skip
_TWO_PEOPLE = ("爸妈", "父母", "公婆", "岳父母", "夫妻", "两口子")
_PEOPLE = "|".join(sorted(_ONE_PERSON + _TWO_PEOPLE, key=len, reverse=True))
_CN_SMALL = "[一二两三四五六七八九]"

# A stated total: 三个人, 5位, 五口 - but not 两个孩子 (a part of a list).
_TOTAL = re.compile(rf"\s*(?:(?:个|位|名)\s*人|口人?|人|(?:个|位|名)(?!\s*(?:{_PEOPLE})))")
_NEGATED_TOTAL = re.compile(r"(?:不是|不止|不只|并非)$")
_CORRECTION = re.compile(r"改成|改为|换成|更正|不对|应该是|其实是|不是")
_APPROX = re.compile(
    rf"{_CN_SMALL}{{2}}(?=\s*(?:个|位|名|口|人|十|百))"  # 三四个, 两三个, 三四十
    r"|[几多来]\s*(?:个|位|名|口|人)|几十|几百|\d\s*多|[十百]多"  # 十几个, 十多个, 十来个
    r"|\d\s*[-~到至或]\s*\d|[一二两三四五六七八九十]\s*[到至或]\s*[一二两三四五六七八九十]"
    r"|(?:个|位|人|口)\s*上下|左右|大概|大约|约莫|差不多|估计|可能|也许|或者|以内|以上|以下"
    r"|最多|至多|至少|最少|不超过|不到|等人|若干|一些|好些|好多|很多|许多|一群|一帮|一伙"
)
_BARE_FILLER = re.compile(r"[\s,，。.!！?？~]|一共|总共|共|就|吧|啊|呀|哈|嗯")

# Listing people: 我和我妈还有我姐, 我带两个孩子, 我爸我妈.
_CONNECTOR = re.compile(r"还有|以及|加上|带上|带着|陪着|和|跟|与|及|带|陪|、|[,，;；/&+]|\s+")
_LEAD = re.compile(r"(?:就|只有|只|仅|再|另外|然后|是|都是|一共|总共)*")
_PERSON = re.compile(
    rf"(?:我的|我家|我|俺|咱家|咱)?(?:(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?:个|位|名))?"
    rf"(?:[大二三四小老](?={_PEOPLE}))?(?P<who>{_PEOPLE})(?P<plural>们)?"
)
_SELF = re.compile(r"我(?!们)|本人|自己|俺(?!们)")
_SELF_ALONE = re.compile(r"(?:就|只有|只|仅|就是)我|自己|本人|独自|单独|一人")
_ABSENT = re.compile(r"不(?:去|来|参加|过去|能去|能来)|去不了|来不了|没空")


def parse_party_size(text: str) -> int | None:
    """How many people a citizen says will come: ``"一家五口"`` -> 5, ``"我和我妈"`` -> 2.

    Read in this order:

    * a stated total (三个人, 5位, 五口, 俩人, 我们俩, 我一个人, 带三个人 -> 3): taken as
      said; when several differ, the last one counts only after a correction (不对, 改成...),
      else None;
    * a bare number (``"3"``, ``"三"``);
    * people listed (我和我妈还有我姐 -> 3, 我带两个孩子 -> 3, 我爸我妈 -> 2): the speaker
      counts once when named (我, 本人, 自己); someone mentioned after a verb is not counted
      (我和我妈去给我爸扫墓 -> 2); a single relative alone is not an answer;
    * just the speaker (就我自己, 本人, 只有我) -> 1.

    Returns:
        The count (1-9999), or None for no count, an estimate (三四个, 十几个, 大概三个,
        最多五个), an unknown number (全家, 孩子们, 我们), someone not coming (我姐不去) or
        anything else that is not one number of people.
    """
    norm = _prepare(text).replace("俩", "2个").replace("仨", "3个")
    if not norm or _APPROX.search(norm):
        return None
    for reader in (_stated_total, _bare_number, _listed_people):
        count = reader(norm)  # None: this reader found nothing, ask the next one
        if count is not None:
            return count if 0 < count <= _MAX_PARTY else None
    return None


def _stated_total(text: str) -> int | None:
    totals = [
        value
        for start, end, value in _numbers(text)
        if value is not None and _TOTAL.match(text, end) and not _NEGATED_TOTAL.search(text[:start])
    ]
    if not totals:
        return None
    if len(set(totals)) > 1 and not _CORRECTION.search(text):
        return _NO_ANSWER  # conflicting totals
    return _whole(totals[-1])


def _bare_number(text: str) -> int | None:
    core = _BARE_FILLER.sub("", text)
    numbers = _numbers(core)
    if len(numbers) != 1 or numbers[0][:2] != (0, len(core)) or numbers[0][2] is None:
        return None
    return _whole(numbers[0][2])


def _whole(value: float) -> int:
    return int(value) if value == int(value) else _NO_ANSWER  # 2.5个人


def _listed_people(text: str) -> int | None:
    """People listed one by one; the last reader, so None here means no answer at all."""
    if _ABSENT.search(text):
        return None
    speaker = False
    named = 0
    counted = 0
    parts_with_people = 0
    for part in _CONNECTOR.split(text):
        lead = _LEAD.match(part)
        pos = lead.end() if lead else 0
        found = 0
        while (m := _PERSON.match(part, pos)) is not None:
            if m["plural"]:
                return None  # 孩子们: how many?
            if m["n"]:
                value = _value(m["n"])
                if value is None or value != int(value):
                    return None
                counted += int(value)
            else:
                named += 2 if m["who"] in _TWO_PEOPLE else 1
            found += 1
            pos = m.end()
        if not found and not speaker and _SELF.match(part, pos):
            speaker = True  # the speaker counts once, however often 我 comes up
            found = 1
        parts_with_people += found > 0
    if named > _MAX_NAMED:
        return None
    total = int(speaker) + named + counted
    if counted or named >= 2 or parts_with_people >= 2:
        return total
    if speaker and not named and _SELF_ALONE.search(text):
        return 1
    return None
