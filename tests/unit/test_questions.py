"""civic.questions: questions go to the knowledge base, requests to the services."""

from __future__ import annotations

import pytest

from civic.questions import is_question


@pytest.mark.parametrize(
    "text",
    [
        "男的多大才能登记结婚",
        "广州乡村著名行动是什么",
        "外省户口的人能在深圳领结婚证吗",
        "離婚冷靜期是多久？",
        "低保标准多少钱一个月",
        "清明节扫墓要不要预先登记啊",  # "预先登记" is not a booking verb
        "身后一件事是什么服务",
        "妈妈去世三年了，清明去陵园拜祭要预约吗",
        "结婚登记需不需要提前预约？",
        "我21岁男的，女朋友19，能去登记结婚不",
        "听讲国家要出政策支持把骨灰撒到江里海里，系唔系真",  # 粤语
        "长者饭堂几多钱一餐",
        "我和表姐想结婚，民政局会给我们登记吗",  # "给我们…吗" asks whether, not "book me"
        "楼下那家天天打小孩，哭得很惨，我该找谁",
        "男方屋企話要20萬彩禮先肯結婚，咁樣合唔合法？",  # 粤语 "A唔A"
        "彩礼要二十万合不合法",  # "A不A" without a question mark
        # a request word in the background, a question of its own after it
        "深圳婚姻登记网上预约約滿咗，仲可唔可以直接去現場辦？",
        "我老公是现役军人，我想跟他离婚但他不肯，有没有特别规定",
        "我想预约结婚登记，要带什么材料？",
        "我想了解一下彩礼方面的规定",  # asked as a statement
        "请问社区居委会的职责",
    ],
)
def test_questions(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "我想预约结婚登记",
        "怎么预约结婚登记？",  # asks how, but means "book me"
        "帮我查一下我的预约吗",
        "我上次约的扫墓还作数吗",  # about the citizen's own booking
        "冬至带三个人去福田公墓",
        "帮我约周五上午，可以吗",  # the short tag asks about the request itself
        "我要取消预约，怎么弄",
        "我想咨询一下，帮我预约周五的结婚登记",
        "南山区",
        "你好",
        "",
        "😀😀",
    ],
)
def test_not_questions(text: str) -> None:
    assert not is_question(text)
