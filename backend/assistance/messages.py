"""Every Chinese text of the social-assistance pre-screening, in one place (政务服务 tone).

A pre-screening never decides: results say 可能符合 / 可能不符合 / 需要进一步核实, and no text
here says 符合 without 可能. Figures marked 示例 are placeholders, and every result reminds
the citizen to rely on the standard the local 民政 office publishes.
"""

from __future__ import annotations

import datetime as dt

LIKELY = "可能符合"
UNLIKELY = "可能不符合"
CHECK = "需要进一步核实"

PROGRAMME_NAMES = {
    "dibao": "最低生活保障（低保）",
    "low_income_edge": "低保边缘家庭",
    "tekun": "特困人员救助供养",
    "temporary": "临时救助",
}

NOTICE = (
    "以上是根据您提供的情况做的初步预检，仅供参考，不是审核结果；"
    "是否能获得救助，由民政部门经家庭经济状况调查核对后认定。"
    "标准金额请以当地民政部门公布的标准为准。"
)
STANDARDS_NOTICE = "标记为“示例”的数字仅用于演示，不是官方标准；请以当地民政部门公布的标准为准。"

# The facts a pre-screening asks about, by request field: what to ask for when missing.
FACT_LABELS = {
    "city": "所在城市",
    "residence": "户籍情况（本地户籍、持本地居住证或其他）",
    "household_size": "共同生活的家庭人口",
    "monthly_income": "全家每月总收入",
    "financial_assets": "家庭存款等金融资产",
    "housing": "家庭住房情况",
    "vehicle": "家庭机动车情况",
    "elderly_60_plus": "是否为60周岁以上老年人",
    "severe_disability": "是否为重度残疾人",
    "minor_under_16": "是否为未满16周岁的未成年人",
    "no_work_ability": "是否无劳动能力",
    "no_income_source": "是否无生活来源",
    "no_capable_supporter": "是否无法定赡养、抚养、扶养义务人（或义务人无能力）",
    "sudden_hardship": "是否遭遇火灾、交通事故、突发重病等突发困难",
    "essential_spending": "是否有超出家庭承受能力的医疗、教育等必需支出",
}

# Field-level errors of the request (422).
CITY_INVALID = "城市名称应为1至20个汉字，例如“深圳”。"
DISTRICT_INVALID = "区名称应为1至20个汉字，例如“南山区”。"
HOUSEHOLD_SIZE_INVALID = "共同生活的家庭人口应填写1至20之间的整数，例如3。"
INCOME_INVALID = "家庭月收入应填写不小于0的数字（单位：元），例如3200。"
ASSETS_INVALID = "金融资产应填写不小于0的数字（单位：元），例如20000。"
CONSENT_REQUIRED = (
    "需要您明确同意我们保存您的姓名和手机号码、并由工作人员与您联系（consent 为 true），"
    "我们才能记录联系请求。"
)
PROGRAMMES_INVALID = "关注的救助项目只能从低保、低保边缘、特困人员、临时救助中选择，且不要重复。"
REFERRAL_RECORDED = (
    "已记录您的联系请求。工作人员将通过您留下的手机号码与您联系；"
    "这不是救助申请，正式申请请向街道办事处（乡镇人民政府）提出。"
)


def money(value: float) -> str:
    """``1150.0`` -> ``1,150``; ``1399.5`` -> ``1,399.5`` (no rounding across a boundary)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def figure_note(source: str, sample: bool, effective: dt.date | None) -> str:
    """``（示例）`` for a sample figure, else its source and effective date."""
    if sample:
        return "（示例）"
    if effective:
        return f"（{source}，{effective.year}年{effective.month}月{effective.day}日起执行）"
    return f"（{source}）"


def standard_name(city: str, is_default: bool) -> str:
    """What the standard is called in a reason: 深圳低保标准 / 示例默认低保标准."""
    return "示例默认低保标准" if is_default else f"{city}低保标准"


def city_not_listed(city: str) -> str:
    return f"暂未收录{city}的救助标准，以下按示例默认标准估算，仅供参考。"


CITY_NOT_GIVEN = "您还没有告诉我们所在城市，以下按示例默认标准估算，仅供参考。"


def missing_fact(field: str) -> str:
    return f"还需要了解：{FACT_LABELS[field]}。"


# ---- residence --------------------------------------------------------------------------

HUKOU_LOCAL = "您是本地户籍，可以向户籍所在地申请。"


def permit_allowed(text: str, source: str) -> str:
    return f"持居住证人员可以在居住地申请：{text}（{source}）。"


def permit_unclear(text: str, source: str) -> str:
    return f"您持居住证：{text}（{source}）。"


def hukou_other(city: str) -> str:
    return (
        f"您既不是{city}户籍，也未持{city}居住证：低保、特困供养一般向户籍所在地申请，"
        "建议向户籍所在地的街道办事处（乡镇人民政府）咨询。"
    )


# ---- 低保 / 低保边缘 ------------------------------------------------------------------------


def income_below(per_capita: float, name: str, line: float, note: str) -> str:
    return f"您家人均月收入约 {money(per_capita)} 元，低于{name} {money(line)} 元{note}。"


def income_not_below(per_capita: float, name: str, line: float, note: str) -> str:
    return f"您家人均月收入约 {money(per_capita)} 元，不低于{name} {money(line)} 元{note}。"


def edge_name(name: str, multiplier: float) -> str:
    return f"低保边缘收入线（{name}的{money(multiplier)}倍）"


def income_formula(income: float, size: int) -> str:
    return f"人均月收入按全家每月总收入 {money(income)} 元 ÷ {size} 人计算。"


EDGE_DIBAO_FIRST = "您家可能符合低保条件：低保边缘家庭面向未纳入低保的家庭，建议优先了解低保。"
EDGE_IF_NOT_DIBAO = "您家人均月收入低于低保标准：如经核实未能纳入低保，可再看是否属于低保边缘家庭。"


def assets_within(per_capita: float, months: int, limit: float, note: str) -> str:
    return (
        f"您家人均金融资产约 {money(per_capita)} 元，未超过 {months} 个月低保标准合计 "
        f"{money(limit)} 元{note}。"
    )


def assets_over(per_capita: float, months: int, limit: float, note: str) -> str:
    return (
        f"您家人均金融资产约 {money(per_capita)} 元，超过 {months} 个月低保标准合计 "
        f"{money(limit)} 元{note}。"
    )


def housing_within(rule: str, note: str) -> str:
    return f"住房情况在限定范围内{note}：{rule}。"


def housing_over(rule: str, note: str) -> str:
    return f"您家有多套住房，超出住房条件{note}：{rule}。"


def vehicle_within(rule: str, note: str) -> str:
    return f"机动车情况在限定范围内{note}：{rule}。"


def vehicle_over(rule: str, note: str) -> str:
    return f"您家有机动车（非残疾人功能性补偿代步车），超出车辆条件{note}：{rule}。"


# ---- 特困 ---------------------------------------------------------------------------------

TEKUN_GROUP = {
    "elderly_60_plus": "60周岁以上老年人",
    "severe_disability": "重度残疾人",
    "minor_under_16": "未满16周岁的未成年人",
}


def tekun_in_group(group: str) -> str:
    return f"属于特困人员救助供养的对象范围（{group}）。"


TEKUN_NOT_IN_GROUP = (
    "特困人员救助供养面向老年人、残疾人和未满16周岁的未成年人，您家的情况不在此范围。"
)
TEKUN_DEEMED_NO_WORK = (
    "60周岁以上老年人、未满16周岁的未成年人一般视为无劳动能力（以当地认定为准）。"
)
TEKUN_NO_WORK = "无劳动能力。"
TEKUN_CAN_WORK = "有劳动能力的，一般不属于特困人员。"
TEKUN_NO_INCOME = "无生活来源。"
TEKUN_HAS_INCOME = "有生活来源的，一般不属于特困人员。"
TEKUN_NO_SUPPORTER = "无法定赡养、抚养、扶养义务人，或义务人无赡养、抚养、扶养能力。"
TEKUN_HAS_SUPPORTER = "有能够履行赡养、抚养、扶养义务的法定义务人的，一般不属于特困人员。"
TEKUN_RULE = (
    "特困人员须同时满足：属于老年人、残疾人或未满16周岁的未成年人，无劳动能力，"
    "无生活来源，且无法定义务人或义务人无能力（《社会救助暂行办法》第14条）。"
)


def tekun_level(amount: float, note: str) -> str:
    return f"特困人员基本生活标准为每人每月 {money(amount)} 元{note}。"


# ---- 临时救助 -----------------------------------------------------------------------------

SUDDEN_KINDS = {
    "fire": "火灾",
    "accident": "交通事故等意外事件",
    "serious_illness": "家庭成员突发重大疾病",
    "other": "其他突发困难",
}
SPENDING_KINDS = {"medical": "医疗", "education": "教育", "other": "其他生活必需"}


def temporary_sudden(kind: str) -> str:
    return (
        f"因{SUDDEN_KINDS[kind]}导致基本生活暂时出现严重困难的家庭，"
        "可以申请临时救助（急难型，《社会救助暂行办法》第47条）。"
    )


def temporary_spending(kind: str) -> str:
    return (
        f"因{SPENDING_KINDS[kind]}支出突然增加、超出家庭承受能力导致基本生活出现严重困难的，"
        "可以申请临时救助（支出型）。"
    )


TEMPORARY_CHECK = "是否导致基本生活暂时出现严重困难，由街道（乡镇）调查核实后确定。"
TEMPORARY_NONE = "您目前没有提到突发困难或超出承受能力的必需支出；今后如遇到，可以申请临时救助。"
TEMPORARY_NONLOCAL = "非本地户籍人员遭遇急难的，可以向急难发生地的街道办事处（乡镇人民政府）求助。"

# ---- materials and where to apply ----------------------------------------------------------

MATERIALS = {
    "dibao": (
        "申请人及共同生活家庭成员的身份证、户口簿（持居住证申请的带上居住证）",
        "家庭成员收入情况说明（工资、养老金等）",
        "家庭财产情况说明（存款、住房、车辆等）",
        "签署的家庭经济状况核对授权书（可在街道现场填写）",
        "残疾人证、病历或诊断证明等（如有）",
    ),
    "tekun": (
        "申请人的身份证、户口簿",
        "残疾人证、病历或诊断证明等（如有）",
        "无劳动能力、无生活来源的情况说明",
        "法定赡养、抚养、扶养义务人的情况说明",
        "签署的家庭经济状况核对授权书（可在街道现场填写）",
    ),
    "temporary": (
        "申请人的身份证、户口簿或居住证",
        "遭遇困难的证明：如火灾、交通事故的相关证明，诊断证明",
        "医疗、教育等支出的票据或缴费凭证",
        "家庭收入和财产情况说明",
    ),
}
MATERIALS["low_income_edge"] = MATERIALS["dibao"]
MATERIALS_NOTE = "各地材料清单略有不同，请以街道（乡镇）的办事指南为准。"


def where_offline(text: str, source: str, district: str | None) -> str:
    place = f"（{district}）" if district else ""
    return f"线下{place}：{text}（{source}）。"


def where_online(text: str, source: str) -> str:
    return f"线上：{text}（{source}）。"


WHERE_TEMPORARY = (
    "线下：向户籍所在地或急难发生地的街道办事处（乡镇人民政府）申请；情况紧急的，可以先行救助"
    "（《社会救助暂行办法》第48条；《国务院关于全面建立临时救助制度的通知》）。"
)
WHERE_PHONE = "也可以先拨打12345政务服务便民热线咨询。"

# ---- related programmes --------------------------------------------------------------------

RELATED = {
    "disability": (
        "残疾人两项补贴（困难残疾人生活补贴、重度残疾人护理补贴）",
        "家中有重度残疾人的，可以了解重度残疾人护理补贴；家庭困难的残疾人还可以了解困难残疾人生活补贴。",
        "向户籍所在地的街道办事处（乡镇人民政府）或社区申请，也可咨询当地残联。",
        "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》",
    ),
    "children": (
        "孤儿、事实无人抚养儿童保障",
        "父母双方均死亡、失踪，或重残、重病、服刑、失联等无法履行抚养责任的儿童，可以了解孤儿或事实无人抚养儿童基本生活保障。",
        "向儿童户籍所在地的街道办事处（乡镇人民政府）申请，社区儿童主任可以协助。",
        "民政部等《关于进一步加强事实无人抚养儿童保障工作的意见》",
    ),
    "medical": (
        "医疗救助",
        "家庭成员患重病、医疗费用负担重的，还可以了解医疗救助（由医疗保障部门负责）。",
        "向当地医疗保障部门或街道咨询。",
        "《社会救助暂行办法》第五章",
    ),
}
