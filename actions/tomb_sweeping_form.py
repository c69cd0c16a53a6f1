"""祭扫预约: the reservation form, slot by slot, on the shared scheduling step."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import runtime
from actions.forms_base import (
    CJK,
    PLAUSIBLE_DATE,
    PLAUSIBLE_ID,
    PLAUSIBLE_NAME,
    PLAUSIBLE_PHONE,
    PLAUSIBLE_TIME,
    SlotSource,
    latest_intent,
)
from actions.scheduling import AskDay, AskPlace, AskWindow, ScheduleSpec, SchedulingValidator
from actions.tomb_sweeping_messages import NO_CAR, NO_CAR_WORDS, PLATE_ERRORS
from civic.dates import format_day
from civic.numbers import parse_party_size
from civic.plates import PlateError, find_plate_candidate, normalize_plate
from civic.text import normalize_user_text
from contracts.base import DayStatusOut
from contracts.tomb_sweeping import CemeteryDayOut, CemeteryOut
from integrations.tomb_sweeping_client import TombSweepingClient

TOMB_SCHEDULE = ScheduleSpec(
    place="tomb_cemetery",
    place_name="tomb_cemetery_name",
    day="tomb_date",
    time="tomb_time",
    party="tomb_visitors",
    place_noise=re.compile(
        r"(公墓|墓园|陵园|纪念园|骨灰堂|骨灰楼|墓地|扫墓|祭扫|拜山|预约|我想|想去|去|到|在|的)"
    ),
    place_unknown="utter_tomb_cemetery_unknown",
    choose_place="utter_tomb_choose_cemetery",
    place_chosen="utter_tomb_cemetery_chosen",
    ask_place="utter_ask_tomb_cemetery",
    ask_day="utter_ask_tomb_date",
    ask_time="utter_ask_tomb_time",
)
# What "修改 X" clears, so the form asks for it again.
CHANGE_FIELDS = {
    "cemetery": ("tomb_cemetery", "tomb_cemetery_name", "tomb_date", "tomb_time", "tomb_plate"),
    "date": ("tomb_date", "tomb_time"),
    "time": ("tomb_time",),
    "visitors": ("tomb_visitors", "tomb_time"),
    "deceased": ("tomb_deceased_name",),
    "booker": ("tomb_booker_name", "tomb_booker_id"),
    "phone": ("tomb_phone",),
    "plate": ("tomb_plate",),
}
PLAUSIBLE_PARTY = re.compile(
    r"\d|[一二两三四五六七八九十几][个位口人名]|[俩仨]|自己|本人|一个人|独自|全家|一家"
)
FIELD_WORDS = (
    ("plate", ("车牌", "车")),
    ("phone", ("手机", "电话")),
    ("booker", ("身份证", "预约人", "我的名字")),
    ("deceased", ("逝者", "先人", "祭扫对象", "老人家")),
    ("visitors", ("人数", "几个人", "几位")),
    ("cemetery", ("公墓", "墓园", "陵园", "骨灰堂", "地点", "地方")),
    ("time", ("时段", "几点", "上午", "下午")),
    ("date", ("日期", "日子", "哪天")),
)


def tomb_client() -> TombSweepingClient:
    """The tomb-sweeping API client on the process's shared HTTP session."""
    return TombSweepingClient(runtime.http())


def changed_field(text: str) -> str | None:
    """The field a citizen wants to change, from words like 车牌 / 日期 / 人数."""
    value = normalize_user_text(text)
    return next((field for field, words in FIELD_WORDS if any(w in value for w in words)), None)


def comes_without_car(text: str) -> bool:
    """True for "不开车" / "没车" / "坐地铁"…"""
    value = normalize_user_text(text)
    return any(word in value for word in NO_CAR_WORDS)


class TombScheduling(SchedulingValidator):
    """The shared scheduling step with the tomb-sweeping client and slots."""

    schedule = TOMB_SCHEDULE
    place_entity = "cemetery"

    def client(self) -> TombSweepingClient:
        """The tomb-sweeping API client."""
        return tomb_client()

    async def on_open_day(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, day: DayStatusOut
    ) -> None:
        """Say whether the day is a peak (reservation needed) or reservation is optional."""
        if not isinstance(day, CemeteryDayOut):
            return
        if day.peak is not None:
            dispatcher.utter_message(
                response="utter_tomb_peak_day",
                date=format_day(day.date),
                peak=day.peak.name,
                start=format_day(day.peak.start),
                end=format_day(day.peak.end),
            )
        elif not day.reservation_required:
            dispatcher.utter_message(response="utter_tomb_reservation_optional")

    async def on_full(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """Offer 网络祭扫 / 代祭 where the cemetery offers them."""
        cemetery_id = tracker.get_slot("tomb_cemetery")
        if not cemetery_id:
            return
        cemetery = await self.client().cemetery(cemetery_id)
        offer_remote(dispatcher, cemetery)


def offer_remote(dispatcher: CollectingDispatcher, cemetery: CemeteryOut) -> None:
    """Tell the citizen about 网络祭扫 and 代祭 when the cemetery offers them."""
    if cemetery.online_worship:
        dispatcher.utter_message(
            response="utter_tomb_online_worship",
            place_name=cemetery.name,
            url=cemetery.online_url or "",
        )
    if cemetery.proxy_worship:
        dispatcher.utter_message(response="utter_tomb_proxy_worship", place_name=cemetery.name)


class ValidateTombForm(TombScheduling):
    """Validates ``tomb_form`` slot by slot (see ``bot/domain/tomb_sweeping.yml``)."""

    sources: ClassVar[dict[str, SlotSource]] = {
        "tomb_cemetery": SlotSource(("cemetery",), plausible=CJK),
        # 三个人, 5位, 一家五口, 就我自己: DIET also tags names such as 张三丰, which must not
        # replace the party size already given.
        "tomb_visitors": SlotSource(("visitors",), plausible=PLAUSIBLE_PARTY),
        "tomb_date": SlotSource(("date",), plausible=PLAUSIBLE_DATE),
        "tomb_time": SlotSource(("time",), plausible=PLAUSIBLE_TIME),
        "tomb_deceased_name": SlotSource(("person_name",), True, plausible=PLAUSIBLE_NAME),
        "tomb_booker_name": SlotSource(("person_name",), True, plausible=PLAUSIBLE_NAME),
        "tomb_booker_id": SlotSource(("id_number",), plausible=PLAUSIBLE_ID),
        "tomb_phone": SlotSource(("phone",), plausible=PLAUSIBLE_PHONE),
        "tomb_plate": SlotSource(("plate",), True),
        "tomb_confirmed": SlotSource(free_text=False),
    }
    explanations: ClassVar[dict[str, str]] = {
        "tomb_booker_id": "utter_form_explain_id",
        "tomb_plate": "utter_tomb_explain_plate",
    }
    answer_intents = frozenset({"tomb_book", "deny"})

    def name(self) -> str:
        return "validate_tomb_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """No plate question where the cemetery has no parking to reserve."""
        if tracker.get_slot("tomb_parking") is False:
            return [s for s in domain_slots if s != "tomb_plate"]
        return domain_slots

    def extract(self, tracker: Tracker, wanted: Any, domain: DomainDict) -> dict[str, Any]:
        """Entities and answers as usual, plus 确认/修改 and "修改 X"."""
        intent, _ = latest_intent(tracker)
        requested = tracker.get_slot("requested_slot")
        text = tracker.latest_message.get("text") or ""
        if requested == "tomb_confirmed" and intent in ("affirm", "deny"):
            return {"tomb_confirmed": intent == "affirm"}
        if requested == "tomb_confirmed" and (field := changed_field(text)) and "改" in text:
            return {**dict.fromkeys(CHANGE_FIELDS[field]), "tomb_confirmed": None}
        found = super().extract(tracker, wanted, domain)
        if found and requested == "tomb_confirmed" and "tomb_confirmed" not in found:
            found["tomb_confirmed"] = None  # any change needs a fresh confirmation
        return found

    async def validate_tomb_cemetery(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Fuzzy-match a cemetery; remember its parking and party-size limit."""
        result = await self.validate_place(value, dispatcher, tracker)
        cemetery_id = result.get("tomb_cemetery")
        if not cemetery_id:
            return result
        cemetery = await self.client().cemetery(cemetery_id)
        result.update(tomb_parking=cemetery.parking, tomb_max_visitors=cemetery.max_visitors)
        visitors = tracker.get_slot("tomb_visitors")
        if isinstance(visitors, int) and visitors > cemetery.max_visitors:
            dispatcher.utter_message(
                response="utter_tomb_visitors_over_limit", limit=cemetery.max_visitors
            )
            result.update(tomb_visitors=None, tomb_time=None)
        return result

    async def validate_tomb_visitors(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """How many people come (三个人, 一家五口), within the cemetery's limit."""
        slot = "tomb_visitors"
        count = value if isinstance(value, int) else parse_party_size(str(value))
        if count is None and tracker.get_slot("requested_slot") == slot:
            # DIET may tag part of the phrase ("一家" of 我们一家八口): read the whole answer.
            count = parse_party_size(tracker.latest_message.get("text") or "")
        limit = tracker.get_slot("tomb_max_visitors")
        if count is None or count < 1:
            return self.reject(dispatcher, tracker, slot, "utter_tomb_visitors_unclear")
        if limit and count > limit:
            return self.reject(
                dispatcher, tracker, slot, "utter_tomb_visitors_over_limit", limit=limit
            )
        result = self.accept(tracker, slot, count)
        if tracker.get_slot("tomb_time") and "tomb_time" not in tracker.slots_to_validate():
            result["tomb_time"] = None  # the window must fit the new party
        return result

    async def validate_tomb_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A Chinese date (清明, 冬至, 农历九月初九…) with room for the party."""
        return await self.validate_day(value, dispatcher, tracker)

    async def validate_tomb_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One of the day's windows with room for the party."""
        return await self.validate_window(value, dispatcher, tracker)

    async def validate_tomb_deceased_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The name of the person whose grave or niche is visited."""
        return self.accept_name(dispatcher, tracker, "tomb_deceased_name", value)

    async def validate_tomb_booker_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The booker's own name."""
        return self.accept_name(dispatcher, tracker, "tomb_booker_name", value)

    async def validate_tomb_booker_id(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The booker's ID number: checksum, birth date, region."""
        info, rejection = self.read_id(dispatcher, tracker, "tomb_booker_id", value)
        return rejection if info is None else self.accept(tracker, "tomb_booker_id", info.number)

    async def validate_tomb_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """An 11-digit mainland mobile number."""
        return self.accept_phone(dispatcher, tracker, "tomb_phone", value)

    async def validate_tomb_plate(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A mainland plate (new-energy plates too) for the parking quota, or no car."""
        text = str(value)
        if comes_without_car(text) or latest_intent(tracker)[0] == "deny":
            return self.accept(tracker, "tomb_plate", NO_CAR)
        try:
            plate = normalize_plate(find_plate_candidate(text))
        except PlateError as error:
            return self.reject(dispatcher, tracker, "tomb_plate", PLATE_ERRORS[error.code])
        return self.accept(tracker, "tomb_plate", plate)

    async def validate_tomb_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """确认 books; 修改 asks what to change and waits."""
        if value is True:
            return {"tomb_confirmed": True}
        dispatcher.utter_message(response="utter_tomb_what_to_change")
        return {"tomb_confirmed": None}


class ActionAskTombCemetery(AskPlace):
    """Asks for the cemetery, with a button per city that has cemeteries."""

    validator = ValidateTombForm

    def name(self) -> str:
        return "action_ask_tomb_cemetery"


class ActionAskTombDate(AskDay):
    """Asks for the day, offering the next days with room for the party."""

    validator = ValidateTombForm

    def name(self) -> str:
        return "action_ask_tomb_date"


class ActionAskTombTime(AskWindow):
    """Shows the day's windows with room for the party as buttons."""

    validator = ValidateTombForm

    def name(self) -> str:
        return "action_ask_tomb_time"
