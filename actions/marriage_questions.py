"""婚姻登记预约: the form's questions that need the backend (offices, free days, free slots)."""

from __future__ import annotations

from actions.marriage_form import ValidateMarriageForm
from actions.scheduling import AskDay, AskPlace, AskWindow


class ActionAskMarriageOffice(AskPlace):
    """Asks for the office, with a button per city that has offices."""

    validator = ValidateMarriageForm

    def name(self) -> str:
        return "action_ask_marriage_office"


class ActionAskMarriageDate(AskDay):
    """Asks for the date, offering the office's next days with free seats."""

    validator = ValidateMarriageForm

    def name(self) -> str:
        return "action_ask_marriage_date"


class ActionAskMarriageTime(AskWindow):
    """Shows the free slots of the chosen day as buttons."""

    validator = ValidateMarriageForm

    def name(self) -> str:
        return "action_ask_marriage_time"
