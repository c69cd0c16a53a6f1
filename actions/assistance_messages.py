"""社会救助预检: how a pre-screening result is told, and the catalogue entry."""

from __future__ import annotations

import re

from actions.catalogue import Journey, register
from civic.text import normalize_user_text
from contracts.assistance import PrescreenOut, ProgrammeOut

# The citizen's own household ("我家能吃低保吗"), a request to be assessed, or to be called back:
# the pre-screening answers these. "特困人员是什么" or "生病花光积蓄能申请救助吗" are questions
# about the rules, answered from the knowledge base first, with the pre-screening offered.
_OWN_CASE = re.compile(
    r"我家|我们家|我們家|俺家|俺们家|咱家|我屋|我这种?情况|我这样的|我们这种?情况|"
    r"我(?:能|可以|能不能|可不可以|够不够|符合|够|算)|帮我(?:看|查|算|测|评|问)|帮忙(?:看|查|算)|"
    r"预检|测一?测|评估一下|联系我|给我打电话|打电话给我|回电|上门|来找我"
)


# "老公出车祸了…有什么补助能领吗", "我七十多了…能有啥救助": what help this household can get.
_WHAT_WE_CAN_GET = re.compile(
    r"(?:能|可以)(?:有|领|拿|申请|享受|得到)(?:啥|什么|哪些|哪种)|"
    r"有(?:什么|啥|哪些)(?:补助|救助|补贴|帮助|帮扶|政策)(?:能|可以)?(?:领|拿|申请|享受)?"
)
_FIRST_PERSON = re.compile(r"我|俺|咱|老公|老婆|老伴|家里|屋企")


def asks_about_own_household(text: str) -> bool:
    """True when a pre-screening intent's message is about the citizen's own case."""
    value = normalize_user_text(text or "")
    if _OWN_CASE.search(value):
        return True
    return bool(_WHAT_WE_CAN_GET.search(value) and _FIRST_PERSON.search(value))


JOURNEY = register(
    Journey(
        key="assistance",
        order=30,
        buttons=(("社会救助预检", "/assistance_prescreen"),),
        # Household facts are sensitive: a hand-off names the place only.
        slot_labels={"assistance_city": "所在城市", "assistance_district": "所在区"},
        asks_for_itself=asks_about_own_household,
        topic=re.compile(
            r"低保|低宝|底保|救助|困难|特困|五保|补助|补贴|收入|穷|没钱|揭不开锅|失业|病|医药|房租|"
            r"生活费|活不下去|帮扶|预检|申请|街道|联系|残疾|孤儿|老人|家"
        ),
    )
)

MAX_REASONS = 4
MAX_MATERIALS = 4
OPEN = ("可能符合", "需要进一步核实")
MARKS = {"可能符合": "✅", "需要进一步核实": "❓", "可能不符合": "➖"}
SAMPLE_STANDARD = "{city}的标准含示例数字（不是官方公布的标准），请以当地民政部门公布的标准为准。"


def yuan(value: float) -> str:
    """``1150.0`` -> ``1,150``; ``1150.5`` -> ``1,150.5``."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def programme_text(result: ProgrammeOut) -> str:
    """One programme: the status, why, and for open ones what to bring and where to go."""
    lines = [f"{MARKS[result.status]}【{result.name}】{result.status}"]
    lines += [f"· {reason}" for reason in result.reasons[:MAX_REASONS]]
    if result.status in OPEN:
        materials = "；".join(result.materials[:MAX_MATERIALS])
        lines.append(f"准备材料：{materials}。")
        lines.append("办理渠道：" + "".join(result.where_to_apply[:2]))
    return "\n".join(lines)


def related_text(result: PrescreenOut) -> str | None:
    """Related programmes for special groups (残疾人两项补贴 …), or None."""
    if not result.related:
        return None
    return "\n".join(f"· {r.name}：{r.reason}{r.where}（依据：{r.source}）" for r in result.related)


def open_programmes(result: PrescreenOut) -> list[str]:
    """Programme codes worth a call back from the street office."""
    return [r.programme for r in result.results if r.status in OPEN]
