"""The social-assistance standards data file: per city and a national default, each figure
with its source, effective date and sample flag; loading, look-up and the one update command.

A figure whose ``source`` is ``示例`` is a placeholder and must say ``sample: true``; a figure
with a named source must say ``sample: false``. The loader refuses anything else, so an
invented number can never be shown as official.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    Extra,
    Field,
    StrictBool,
    ValidationError,
    confloat,
    conint,
    root_validator,
)

from backend.datafile import DataFileError, read_yaml
from backend.places import city_key

__all__ = [
    "SAMPLE_SOURCE",
    "CityStandard",
    "DataFileError",
    "Standards",
    "load_standards",
    "set_standard",
]

SAMPLE_SOURCE = "示例"
MAX_AMOUNT = 100_000  # 元/人/月: anything above is a typing error
Vehicle = Literal["none", "disability", "other"]
PermitStatus = Literal["allowed", "exploring", "not_allowed", "unknown"]


class _Record(BaseModel):
    class Config:
        extra = Extra.forbid


class _Sourced(_Record):
    """A statement with its source; ``sample`` exactly when the source is 示例."""

    source: str = Field(..., min_length=1, max_length=200)
    sample: StrictBool

    @root_validator(skip_on_failure=True)
    def _sample_iff_no_source(cls, values: dict[str, Any]) -> dict[str, Any]:
        if values["sample"] != (values["source"].strip() == SAMPLE_SOURCE):
            raise ValueError(f"sample must be true exactly when source is {SAMPLE_SOURCE}")
        return values


class Amount(_Sourced):
    """An amount in 元/人/月."""

    amount: confloat(gt=0, le=MAX_AMOUNT)  # type: ignore[valid-type]
    effective: dt.date | None


class EdgeRule(_Sourced):
    """低保边缘: per-capita income below ``multiplier`` × the 低保 standard."""

    multiplier: confloat(gt=1, le=5)  # type: ignore[valid-type]


class FinancialAssetsRule(_Sourced):
    """Per-capita financial assets at most ``months`` × the 低保 standard."""

    months: conint(ge=1, le=240)  # type: ignore[valid-type]


class HousingRule(_Sourced):
    max_homes: conint(ge=0, le=10)  # type: ignore[valid-type]
    text: str = Field(..., min_length=1, max_length=200)


class VehicleRule(_Sourced):
    allowed: list[Vehicle] = Field(..., min_items=1)
    text: str = Field(..., min_length=1, max_length=200)


class ResidencePermitRule(_Sourced):
    status: PermitStatus
    text: str = Field(..., min_length=1, max_length=300)


class ApplyRule(_Record):
    offline: str = Field(..., min_length=1, max_length=300)
    offline_source: str = Field(..., min_length=1, max_length=200)
    online: str | None = Field(None, min_length=1, max_length=300)
    online_source: str | None = Field(None, min_length=1, max_length=200)

    @root_validator(skip_on_failure=True)
    def _online_with_source(cls, values: dict[str, Any]) -> dict[str, Any]:
        if (values.get("online") is None) != (values.get("online_source") is None):
            raise ValueError("online and online_source go together")
        return values


class Note(_Record):
    text: str = Field(..., min_length=1, max_length=300)
    source: str = Field(..., min_length=1, max_length=200)


class CityStandard(_Record):
    """One city's standards (or the national default)."""

    id: str = Field(..., regex=r"^[a-z0-9][a-z0-9-]{0,39}$")
    city: str = Field(..., min_length=1, max_length=40)
    dibao: Amount
    tekun: Amount
    low_income_edge: EdgeRule
    financial_assets: FinancialAssetsRule
    housing: HousingRule
    vehicle: VehicleRule
    residence_permit: ResidencePermitRule
    apply: ApplyRule
    notes: list[Note] = Field(default_factory=list)

    @property
    def edge_line(self) -> float:
        """The 低保边缘 line: multiplier × 低保 standard (元/人/月)."""
        return round(self.low_income_edge.multiplier * self.dibao.amount, 2)

    @property
    def assets_limit(self) -> float:
        """Per-capita financial assets allowed (元)."""
        return round(self.financial_assets.months * self.dibao.amount, 2)

    @property
    def sample(self) -> bool:
        """True when any figure or rule of this standard is sample data (示例)."""
        parts = (
            self.dibao,
            self.tekun,
            self.low_income_edge,
            self.financial_assets,
            self.housing,
            self.vehicle,
            self.residence_permit,
        )
        return any(p.sample for p in parts)


@dataclass(frozen=True)
class Standards:
    """Every city's standards and the default for the other cities."""

    cities: tuple[CityStandard, ...]
    default: CityStandard

    def find(self, city: str | None) -> CityStandard | None:
        """The standard of ``city`` (``深圳`` or ``深圳市``); None when it is not in the data."""
        if not city or not city.strip():
            return None
        key = city_key(city)
        return next((c for c in self.cities if c.city == key), None)

    def for_city(self, city: str | None) -> CityStandard:
        """The city's standard, or the national default."""
        return self.find(city) or self.default

    def all(self) -> list[CityStandard]:
        return [*self.cities, self.default]


def _parse(raw: dict[str, Any], where: str) -> Standards:
    try:
        cities = tuple(CityStandard.parse_obj(c) for c in raw.get("cities") or [])
        default = CityStandard.parse_obj(raw["default"])
    except (KeyError, TypeError, ValidationError) as exc:
        raise DataFileError(f"{where}: {exc!r}") from exc
    ids = [c.id for c in cities] + [default.id]
    names = [c.city for c in cities]
    if len(set(ids)) != len(ids) or len(set(names)) != len(names):
        raise DataFileError(f"{where}: city ids and names must be unique")
    if any(city_key(n) != n for n in names):
        raise DataFileError(f"{where}: write cities without 市 (深圳, not 深圳市)")
    return Standards(cities=cities, default=default)


def load_standards(path: Path) -> Standards:
    """Parse the standards file at ``path``.

    Raises:
        DataFileError: unreadable, or a field missing or malformed.
    """
    return _parse(read_yaml(path), str(path))


# ------------------------------------------------------------------------ set-standard


def set_standard(
    path: Path,
    city: str,
    dibao: float,
    effective: dt.date | None,
    source: str | None,
    *,
    tekun: float | None = None,
) -> CityStandard:
    """Set ``city``'s 低保 amount (and optionally 特困 amount) in the file at ``path``.

    The file is rewritten with its comments kept (ruamel round trip) and replaced
    atomically only when the result loads. A city not yet in the file is added with the
    default's rules (still marked 示例) and the new amount. Without ``source`` the amount is
    recorded as sample data (示例).

    Raises:
        DataFileError: the file or the new values do not load.
    """
    from ruamel.yaml import YAML  # round trip keeps the operators' comments

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)  # the file's own layout
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    try:
        document = yaml.load(Path(path).read_text(encoding="utf-8"))
    except Exception as exc:  # ruamel raises many error types
        raise DataFileError(f"{path}: {exc}") from exc
    current = _parse(_plain(document), str(path))
    name = city_key(city)
    if not name:
        raise DataFileError("city is empty")
    source = (source or "").strip() or SAMPLE_SOURCE
    sample = source == SAMPLE_SOURCE
    record = next((c for c in document.get("cities") or [] if c.get("city") == name), None)
    if record is None:
        record = copy.deepcopy(document["default"])  # keeps its one-line mappings
        record["id"] = _new_id(current, name)
        record["city"] = name
        record["notes"] = []
        if document.get("cities") is None:
            document["cities"] = []
        document["cities"].append(record)
    record["dibao"] = _amount(dibao, effective, source, sample)
    if tekun is not None:
        record["tekun"] = _amount(tekun, effective, source, sample)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    text = buffer.getvalue()
    updated = _parse(_plain(YAML(typ="safe").load(text)), str(path))
    _replace(Path(path), text)
    result = updated.find(name)
    assert result is not None
    return result


def _amount(value: float, effective: dt.date | None, source: str, sample: bool) -> Any:
    """One amount as a one-line YAML mapping, like the file's own."""
    from ruamel.yaml.comments import CommentedMap

    number: float | int = int(value) if float(value).is_integer() else float(value)
    record = CommentedMap(
        amount=number,
        effective=effective.isoformat() if effective else None,
        source=source,
        sample=sample,
    )
    record.fa.set_flow_style()
    return record


def _new_id(current: Standards, name: str) -> str:
    taken = {c.id for c in current.all()}
    n = len(current.cities) + 1
    while f"city-{n}" in taken:
        n += 1
    return f"city-{n}"


def _plain(node: Any) -> Any:
    """ruamel's commented maps and sequences as plain dicts and lists."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file in the same folder, renamed)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
