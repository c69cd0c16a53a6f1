"""The charity registry rules: searching organisations by name, abbreviation, former name or
credit code, looking one up by code, and finding projects by keyword or filing number.

Read-only over one session. The registry is small (a city's or a province's charities), so
a search scores every name in memory; parsed names are cached (:func:`matching.name_key`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.charity import messages
from backend.charity.errors import CharityError
from backend.charity.matching import (
    NATIONAL,
    SCORE_CUTOFF,
    filing_key,
    looks_like_filing_number,
    name_key,
    name_score,
    text_key,
)
from backend.charity.models import Organization, Project
from civic.credit_code import (
    CreditCodeError,
    find_credit_code,
    normalize_credit_code,
    validate_credit_code,
)
from civic.text import normalize_user_text

MAX_QUERY_LENGTH = 100
# Letters and digits only, 15–20 of them with at least 6 digits: meant as a credit code.
_CODE_LIKE = re.compile(r"^(?=(?:[A-Z]*\d){6})[0-9A-Z]{15,20}$")
_NOT_TEXT = re.compile(r"[\ud800-\udfff\x00]")
# Where a keyword was found in a project, and how much that counts.
_FIELD_WEIGHTS = (("name", 100.0), ("organization", 90.0), ("platform", 85.0), ("purpose", 80.0))
# A former name at least this close is reported as such (else as a fuzzy match); a
# current name wins a tie with a former name.
_FORMER_NAME_MIN = 90.0


@dataclass(frozen=True)
class OrganizationMatch:
    organization: Organization
    score: float
    match: str  # exact | former_name | fuzzy | credit_code
    matched_name: str


@dataclass(frozen=True)
class OrganizationSearch:
    query: str
    matches: list[OrganizationMatch]


@dataclass(frozen=True)
class ProjectMatch:
    project: Project
    organization: Organization
    score: float | None
    match: str | None  # filing_number | keyword | fuzzy; None when listed


@dataclass(frozen=True)
class ProjectSearch:
    query: str | None
    matches: list[ProjectMatch]


def former_names(organization: Organization) -> list[str]:
    """The organisation's former names (曾用名)."""
    return list(json.loads(organization.former_names or "[]"))


def check_query(text: str | None, *, required: bool) -> str | None:
    """The query trimmed; None when absent and optional.

    Raises:
        CharityError: ``query_missing``, ``query_too_long``, ``invalid_text`` (400).
    """
    if text is None or not text.strip():
        if required:
            raise CharityError("query_missing", messages.QUERY_MISSING, "q")
        return None
    if len(text) > MAX_QUERY_LENGTH:
        raise CharityError("query_too_long", messages.query_too_long(MAX_QUERY_LENGTH), "q")
    if _NOT_TEXT.search(text):
        raise CharityError("invalid_text", messages.INVALID_TEXT, "q")
    return text.strip()


def credit_code(text: str, field: str) -> str:
    """A valid credit code, normalised.

    Raises:
        CharityError: 422 ``credit_code_invalid`` with the reason in the message.
    """
    try:
        return validate_credit_code(text)
    except CreditCodeError as exc:
        raise CharityError(
            "credit_code_invalid", messages.credit_code_invalid(exc.code), field
        ) from None


class CharityService:
    """The charity registry rules over one unit of work."""

    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today

    # ---- organisations -------------------------------------------------------------------

    def organization(self, code: str) -> Organization:
        """The organisation with this credit code.

        Raises:
            CharityError: ``credit_code_invalid`` (422), ``organization_not_found`` (404).
        """
        organization = self.session.get(Organization, credit_code(code, "credit_code"))
        if organization is None:
            raise CharityError(
                "organization_not_found", messages.ORGANIZATION_NOT_FOUND, "credit_code"
            )
        return organization

    def search(self, text: str | None, limit: int) -> OrganizationSearch:
        """Organisations matching a name, abbreviation, former name or credit code, best first.

        A query shaped like a credit code (letters and digits only, mostly digits) is
        validated first; a credit code inside a longer text is looked up too.

        Raises:
            CharityError: 400 for a missing, too short or too long query or invalid text,
                422 ``credit_code_invalid``.
        """
        query = check_query(text, required=True)
        assert query is not None
        compact = normalize_credit_code(query)
        if _CODE_LIKE.match(compact):
            return self._by_code(credit_code(compact, "q"))
        found = find_credit_code(query)
        if found:
            return self._by_code(found)
        key = text_key(query)
        if len(key) < 2:
            raise CharityError("query_too_short", messages.QUERY_TOO_SHORT, "q")
        return OrganizationSearch(query=key, matches=self._by_name(query, limit))

    def _by_code(self, code: str) -> OrganizationSearch:
        organization = self.session.get(Organization, code)
        matches = (
            [OrganizationMatch(organization, 100.0, "credit_code", code)] if organization else []
        )
        return OrganizationSearch(query=code, matches=matches)

    def _by_name(self, query: str, limit: int) -> list[OrganizationMatch]:
        organizations = list(self.session.execute(select(Organization)).scalars())
        cities = tuple(sorted({o.region for o in organizations if o.region != NATIONAL}))
        wanted = name_key(query, cities)
        matches = []
        for organization in organizations:
            current = name_score(wanted, name_key(organization.name, cities))
            best = (current, 1, "exact" if current == 100 else "fuzzy", organization.name)
            for former in former_names(organization):
                score = name_score(wanted, name_key(former, cities))
                if score > best[0]:
                    kind = "former_name" if score >= _FORMER_NAME_MIN else "fuzzy"
                    best = (score, 0, kind, former)
            if best[0] >= SCORE_CUTOFF:
                matches.append((best, organization))
        matches.sort(key=lambda item: (-item[0][0], -item[0][1], item[1].name))
        return [
            OrganizationMatch(organization, score, kind, name)
            for (score, _, kind, name), organization in matches[:limit]
        ]

    # ---- projects ------------------------------------------------------------------------

    def projects_of(self, organization: Organization) -> list[Project]:
        """The organisation's projects, the latest first."""
        query = (
            select(Project)
            .where(Project.organization_code == organization.credit_code)
            .order_by(Project.start.desc(), Project.filing_number)
        )
        return list(self.session.execute(query).scalars())

    def in_period(self, project: Project) -> bool:
        """Today is within the project's fundraising period."""
        return project.start <= self.today <= project.end

    def search_projects(
        self, text: str | None, organization_code: str | None, limit: int
    ) -> ProjectSearch:
        """Projects by filing number or keywords (all of them), optionally of one organisation;
        every project (the current ones first) when there is no query.

        Raises:
            CharityError: 400 for a too long query or invalid text, 422 ``credit_code_invalid``.
        """
        query = check_query(text, required=False)
        statement = select(Project, Organization).join(
            Organization, Project.organization_code == Organization.credit_code
        )
        if organization_code is not None:
            code = credit_code(organization_code, "organization")
            statement = statement.where(Project.organization_code == code)
        rows = [(p, o) for p, o in self.session.execute(statement)]
        if query is None:
            rows.sort(key=lambda r: (not self.in_period(r[0]), -r[0].start.toordinal()))
            return ProjectSearch(None, [ProjectMatch(p, o, None, None) for p, o in rows[:limit]])
        if looks_like_filing_number(query):
            wanted = filing_key(query)
            found = [ProjectMatch(p, o, 100.0, "filing_number") for p, o in rows]
            return ProjectSearch(
                wanted, [m for m in found if filing_key(m.project.filing_number) == wanted]
            )
        tokens = [text_key(t) for t in normalize_user_text(query).split()]
        tokens = [t for t in tokens if t]
        if not tokens or sum(len(t) for t in tokens) < 2:
            raise CharityError("query_too_short", messages.QUERY_TOO_SHORT, "q")
        matches = [m for p, o in rows if (m := self._project_match(p, o, tokens))]
        matches.sort(
            key=lambda m: (-(m.score or 0), not self.in_period(m.project), m.project.filing_number)
        )
        return ProjectSearch(" ".join(tokens), matches[:limit])

    def _project_match(
        self, project: Project, organization: Organization, tokens: list[str]
    ) -> ProjectMatch | None:
        fields = {
            "name": text_key(project.name),
            "organization": text_key(" ".join([organization.name, *former_names(organization)])),
            "platform": text_key(project.platform),
            "purpose": text_key(project.purpose),
        }
        weights = []
        for token in tokens:
            found = [w for f, w in _FIELD_WEIGHTS if token in fields[f]]
            if not found:
                break
            weights.append(max(found))
        else:
            return ProjectMatch(project, organization, min(weights), "keyword")
        whole = "".join(tokens)
        if len(whole) >= 2:
            score = round(0.9 * fuzz.partial_ratio(whole, fields["name"]), 1)
            if score >= SCORE_CUTOFF and len(whole) <= len(fields["name"]) + 1:
                return ProjectMatch(project, organization, score, "fuzzy")
        return None
