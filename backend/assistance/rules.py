"""Social-assistance pre-screening rules (社会救助预检): pure functions, no I/O.

Input: what a household said about itself (any fact may be missing). Output, per programme
(低保, 低保边缘, 特困人员, 临时救助): 可能符合 / 可能不符合 / 需要进一步核实 — never a decision —
with plain-Chinese reasons that name the figures compared, the facts still missing, the
materials to bring and where to apply; plus pointers to related programmes.

Criteria (general national rules; the figures come from the city's standards, see
:mod:`backend.assistance.standards`):

- 低保: per-capita monthly income *below* the 低保 standard, and financial assets, housing and
  vehicles within the limits (《社会救助暂行办法》第9条).
- 低保边缘: not 低保, per-capita income below multiplier × standard, assets within limits.
- 特困: (60+ elderly, severely disabled, or minor under 16) AND no ability to work AND no
  income source AND no legally obliged supporter able to support (第14条). 60+ and under-16
  count as unable to work.
- 临时救助: a sudden hardship (fire, accident, serious illness: 急难型) or essential spending
  beyond the household's means (medical, education: 支出型) (第47条).
- Residence, for 低保, 低保边缘 and 特困: local hukou; a residence permit only where the city's
  data allows it (otherwise 需要进一步核实 with the reason); neither: 可能不符合 here.

Status: any failed criterion -> 可能不符合; else any unknown -> 需要进一步核实; else 可能符合.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from backend.assistance import messages
from backend.assistance.standards import CityStandard, Standards

Residence = Literal["local_hukou", "residence_permit", "other"]
Housing = Literal["none", "one", "more"]
VehicleKind = Literal["none", "disability", "other"]
Sudden = Literal["none", "fire", "accident", "serious_illness", "other"]
Spending = Literal["none", "medical", "education", "other"]
Status = Literal["可能符合", "可能不符合", "需要进一步核实"]
Programme = Literal["dibao", "low_income_edge", "tekun", "temporary"]
PROGRAMMES: tuple[Programme, ...] = ("dibao", "low_income_edge", "tekun", "temporary")
MAX_HOUSEHOLD = 20


@dataclass(frozen=True)
class Household:
    """What the citizen told us; ``None`` means not (yet) known.

    ``monthly_income`` is the whole household's monthly income in 元. Financial assets may be
    given per capita or in total (per capita wins when both are given).
    """

    city: str | None = None
    district: str | None = None
    residence: Residence | None = None
    household_size: int | None = None
    monthly_income: float | None = None
    financial_assets_per_capita: float | None = None
    financial_assets_total: float | None = None
    housing: Housing | None = None
    vehicle: VehicleKind | None = None
    severe_disability: bool | None = None
    serious_illness: bool | None = None
    unsupported_child: bool | None = None
    elderly_60_plus: bool | None = None
    minor_under_16: bool | None = None
    no_work_ability: bool | None = None
    no_income_source: bool | None = None
    no_capable_supporter: bool | None = None
    sudden_hardship: Sudden | None = None
    essential_spending: Spending | None = None

    def __post_init__(self) -> None:
        size = self.household_size
        if size is not None and not 1 <= size <= MAX_HOUSEHOLD:
            raise ValueError(f"household_size must be 1..{MAX_HOUSEHOLD}")
        for name in ("monthly_income", "financial_assets_per_capita", "financial_assets_total"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative")

    @property
    def per_capita_income(self) -> float | None:
        if self.monthly_income is None or self.household_size is None:
            return None
        return self.monthly_income / self.household_size

    @property
    def per_capita_assets(self) -> float | None:
        if self.financial_assets_per_capita is not None:
            return self.financial_assets_per_capita
        if self.financial_assets_total is None or self.household_size is None:
            return None
        return self.financial_assets_total / self.household_size


@dataclass(frozen=True)
class ProgrammeResult:
    programme: Programme
    name: str
    status: Status
    reasons: tuple[str, ...]
    missing: tuple[str, ...]  # request fields that would settle the unknowns
    materials: tuple[str, ...]
    where_to_apply: tuple[str, ...]


@dataclass(frozen=True)
class Related:
    name: str
    reason: str
    where: str
    source: str


@dataclass(frozen=True)
class Prescreen:
    """The whole pre-screening: per-programme results on one city's standard."""

    city: str | None
    standard: CityStandard
    is_default: bool
    results: tuple[ProgrammeResult, ...]
    related: tuple[Related, ...]
    missing: tuple[str, ...]
    notice: str

    def result(self, programme: Programme) -> ProgrammeResult:
        return next(r for r in self.results if r.programme == programme)


@dataclass
class _Checks:
    """Criteria of one programme as they are checked: failed, unknown, met."""

    failed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def ask(self, fact: str, reason: str | None = None) -> None:
        if fact not in self.missing:
            self.missing.append(fact)
        self.unknown.append(reason or messages.missing_fact(fact))

    def merge(self, other: _Checks) -> None:
        self.failed += other.failed
        self.unknown += other.unknown
        self.met += other.met
        for fact in other.missing:
            if fact not in self.missing:
                self.missing.append(fact)

    @property
    def status(self) -> Status:
        if self.failed:
            return messages.UNLIKELY  # type: ignore[return-value]
        if self.unknown:
            return messages.CHECK  # type: ignore[return-value]
        return messages.LIKELY  # type: ignore[return-value]

    def reasons(self, context: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*context, *self.failed, *self.unknown, *self.met]))


# --------------------------------------------------------------------------- criteria


def residence_checks(household: Household, standard: CityStandard, city: str) -> _Checks:
    """Where the household may apply for 低保, 低保边缘 and 特困."""
    checks = _Checks()
    permit = standard.residence_permit
    if household.residence is None:
        checks.ask("residence")
    elif household.residence == "local_hukou":
        checks.met.append(messages.HUKOU_LOCAL)
    elif household.residence == "residence_permit":
        if permit.status == "allowed":
            checks.met.append(messages.permit_allowed(permit.text, permit.source))
        else:  # exploring, not_allowed, unknown: the street office knows
            checks.unknown.append(messages.permit_unclear(permit.text, permit.source))
    else:
        checks.failed.append(messages.hukou_other(city))
    return checks


def income_checks(household: Household, line: float, name: str, note: str) -> _Checks:
    """Per-capita income strictly below ``line`` (元/人/月)."""
    checks = _Checks()
    if household.household_size is None:
        checks.ask("household_size")
    if household.monthly_income is None:
        checks.ask("monthly_income")
    per_capita = household.per_capita_income
    if per_capita is None:
        return checks
    if per_capita < line:
        checks.met.append(messages.income_below(per_capita, name, line, note))
    else:
        checks.failed.append(messages.income_not_below(per_capita, name, line, note))
    return checks


def asset_checks(household: Household, standard: CityStandard) -> _Checks:
    """Financial assets (per capita, at most N months of the standard), housing, vehicles."""
    checks = _Checks()
    rule = standard.financial_assets
    note = messages.figure_note(rule.source, rule.sample or standard.dibao.sample, None)
    per_capita = household.per_capita_assets
    if per_capita is None:
        if (
            household.financial_assets_per_capita is None
            and household.financial_assets_total is None
        ):
            checks.ask("financial_assets")
        else:
            checks.ask("household_size")
    elif per_capita <= standard.assets_limit:
        checks.met.append(
            messages.assets_within(per_capita, rule.months, standard.assets_limit, note)
        )
    else:
        checks.failed.append(
            messages.assets_over(per_capita, rule.months, standard.assets_limit, note)
        )

    housing = standard.housing
    housing_note = messages.figure_note(housing.source, housing.sample, None)
    homes = {"none": 0, "one": 1, "more": 2}
    if household.housing is None:
        checks.ask("housing")
    elif homes[household.housing] <= housing.max_homes:
        checks.met.append(messages.housing_within(housing.text, housing_note))
    else:
        checks.failed.append(messages.housing_over(housing.text, housing_note))

    vehicle = standard.vehicle
    vehicle_note = messages.figure_note(vehicle.source, vehicle.sample, None)
    if household.vehicle is None:
        checks.ask("vehicle")
    elif household.vehicle in vehicle.allowed:
        checks.met.append(messages.vehicle_within(vehicle.text, vehicle_note))
    else:
        checks.failed.append(messages.vehicle_over(vehicle.text, vehicle_note))
    return checks


# --------------------------------------------------------------------------- programmes


def _dibao(household: Household, standard: CityStandard, ctx: _Context) -> _Checks:
    checks = _Checks()
    checks.merge(ctx.residence)
    dibao = standard.dibao
    note = messages.figure_note(dibao.source, dibao.sample, dibao.effective)
    checks.merge(income_checks(household, dibao.amount, ctx.standard_name, note))
    checks.merge(ctx.assets)
    return checks


def _edge(household: Household, standard: CityStandard, ctx: _Context, dibao: _Checks) -> _Checks:
    checks = _Checks()
    if dibao.status == messages.LIKELY:
        checks.failed.append(messages.EDGE_DIBAO_FIRST)
        return checks
    checks.merge(ctx.residence)
    per_capita = household.per_capita_income
    if per_capita is not None and per_capita < standard.dibao.amount:
        checks.met.append(messages.EDGE_IF_NOT_DIBAO)
    edge = standard.low_income_edge
    note = messages.figure_note(edge.source, edge.sample or standard.dibao.sample, None)
    name = messages.edge_name(ctx.standard_name, edge.multiplier)
    checks.merge(income_checks(household, standard.edge_line, name, note))
    checks.merge(ctx.assets)
    return checks


def _tekun(household: Household, standard: CityStandard, ctx: _Context) -> _Checks:
    checks = _Checks()
    checks.merge(ctx.residence)
    groups = {f: getattr(household, f) for f in messages.TEKUN_GROUP}
    in_group = [f for f, value in groups.items() if value is True]
    if in_group:
        checks.met.append(messages.tekun_in_group(messages.TEKUN_GROUP[in_group[0]]))
    elif all(value is False for value in groups.values()):
        checks.failed.append(messages.TEKUN_NOT_IN_GROUP)
    else:
        for fact, value in groups.items():
            if value is None:
                checks.ask(fact)

    if household.elderly_60_plus or household.minor_under_16:
        checks.met.append(messages.TEKUN_DEEMED_NO_WORK)
    else:
        _condition(
            checks,
            household.no_work_ability,
            "no_work_ability",
            messages.TEKUN_NO_WORK,
            messages.TEKUN_CAN_WORK,
        )
    _condition(
        checks,
        household.no_income_source,
        "no_income_source",
        messages.TEKUN_NO_INCOME,
        messages.TEKUN_HAS_INCOME,
    )
    _condition(
        checks,
        household.no_capable_supporter,
        "no_capable_supporter",
        messages.TEKUN_NO_SUPPORTER,
        messages.TEKUN_HAS_SUPPORTER,
    )
    tekun = standard.tekun
    checks.met.append(
        messages.tekun_level(
            tekun.amount, messages.figure_note(tekun.source, tekun.sample, tekun.effective)
        )
    )
    checks.met.append(messages.TEKUN_RULE)
    return checks


def _condition(checks: _Checks, value: bool | None, fact: str, met: str, failed: str) -> None:
    if value is None:
        checks.ask(fact)
    elif value:
        checks.met.append(met)
    else:
        checks.failed.append(failed)


def _temporary(household: Household) -> _Checks:
    checks = _Checks()
    sudden, spending = household.sudden_hardship, household.essential_spending
    if sudden not in (None, "none"):
        checks.met.append(messages.temporary_sudden(sudden))
    if spending not in (None, "none"):
        checks.met.append(messages.temporary_spending(spending))
    if checks.met:
        checks.met.append(messages.TEMPORARY_CHECK)
        if household.residence in ("residence_permit", "other"):
            checks.met.append(messages.TEMPORARY_NONLOCAL)
        return checks
    if sudden == "none" and spending == "none":
        checks.failed.append(messages.TEMPORARY_NONE)
        return checks
    if sudden is None:
        checks.ask("sudden_hardship")
    if spending is None:
        checks.ask("essential_spending")
    return checks


def related_programmes(household: Household) -> tuple[Related, ...]:
    """Pointers for special groups: disability allowances, children without care, 医疗救助."""
    wanted = []
    if household.severe_disability:
        wanted.append("disability")
    if household.unsupported_child or (household.minor_under_16 and household.no_capable_supporter):
        wanted.append("children")
    if household.serious_illness or household.sudden_hardship == "serious_illness":
        wanted.append("medical")
    if household.essential_spending == "medical" and "medical" not in wanted:
        wanted.append("medical")
    return tuple(Related(*messages.RELATED[key]) for key in wanted)


# --------------------------------------------------------------------------- whole


@dataclass(frozen=True)
class _Context:
    standard_name: str
    residence: _Checks
    assets: _Checks


def _where(programme: Programme, standard: CityStandard, district: str | None) -> tuple[str, ...]:
    apply = standard.apply
    if programme == "temporary":
        places = [messages.WHERE_TEMPORARY]
    else:
        places = [messages.where_offline(apply.offline, apply.offline_source, district)]
    if apply.online and apply.online_source:
        places.append(messages.where_online(apply.online, apply.online_source))
    places.append(messages.WHERE_PHONE)
    return tuple(places)


def prescreen(household: Household, standards: Standards) -> Prescreen:
    """Pre-screen ``household`` against its city's standards (the default elsewhere)."""
    found = standards.find(household.city)
    standard = found or standards.default
    is_default = found is None
    city = found.city if found else (household.city or "").strip()
    context: list[str] = []
    if not household.city:
        context.append(messages.CITY_NOT_GIVEN)
    elif is_default:
        context.append(messages.city_not_listed(city))
    place = city or "本地"
    ctx = _Context(
        standard_name=messages.standard_name(standard.city, is_default),
        residence=residence_checks(household, standard, place),
        assets=asset_checks(household, standard),
    )
    dibao = _dibao(household, standard, ctx)
    per_programme = {
        "dibao": dibao,
        "low_income_edge": _edge(household, standard, ctx, dibao),
        "tekun": _tekun(household, standard, ctx),
        "temporary": _temporary(household),
    }
    if not household.city:
        for programme in ("dibao", "low_income_edge", "tekun"):
            per_programme[programme].ask("city")
    results = []
    for programme in PROGRAMMES:
        checks = per_programme[programme]
        results.append(
            ProgrammeResult(
                programme=programme,
                name=messages.PROGRAMME_NAMES[programme],
                status=checks.status,
                reasons=checks.reasons(context if programme != "temporary" else []),
                missing=tuple(checks.missing),
                materials=(*messages.MATERIALS[programme], messages.MATERIALS_NOTE),
                where_to_apply=_where(programme, standard, household.district),
            )
        )
    missing = tuple(dict.fromkeys(f for r in results for f in r.missing))
    return Prescreen(
        city=household.city,
        standard=standard,
        is_default=is_default,
        results=tuple(results),
        related=related_programmes(household),
        missing=missing,
        notice=messages.NOTICE,
    )
