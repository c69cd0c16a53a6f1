"""Synonym and abbreviation table (data in ``data/synonyms.yml``).

Two kinds of entries:

* groups — symmetric: any term maps to the group's canonical (first) term, used on both index
  and query side, e.g. 低保 = 最低生活保障, 扫墓 = 祭扫 = 上坟, 社工 = 社会工作者;
* related — query-only hints, e.g. a question about 清明 also looks for 祭扫.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from civic.text import to_simplified


@dataclass(frozen=True)
class SynonymTable:
    """Maps terms to canonical forms (several groups may list the same term)."""

    canonical: dict[str, tuple[str, ...]] = field(default_factory=dict)
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> SynonymTable:
        """Build from the parsed YAML structure ``{groups: [[...]], related: {k: [...]}}``."""
        canonical: dict[str, list[str]] = {}
        for group in data.get("groups") or []:
            terms = [to_simplified(str(t)).lower() for t in group]
            for term in terms:
                bucket = canonical.setdefault(term, [])
                if terms[0] not in bucket:
                    bucket.append(terms[0])
        related = {
            to_simplified(str(k)).lower(): tuple(to_simplified(str(v)).lower() for v in vals)
            for k, vals in (data.get("related") or {}).items()
        }
        return cls({k: tuple(v) for k, v in canonical.items()}, related)

    @classmethod
    def load(cls, path: Path) -> SynonymTable:
        """Read the YAML file at ``path``."""
        return cls.from_data(yaml.safe_load(path.read_text(encoding="utf-8")) or {})

    def all_terms(self) -> list[str]:
        """Every term the table knows (for the tokenizer's dictionary)."""
        terms = set(self.canonical)
        for key, vals in self.related.items():
            terms.add(key)
            terms.update(vals)
        return sorted(terms)

    def canonicalize(self, words: Iterable[str]) -> list[str]:
        """Each word, followed by its canonical form(s) when it is a known synonym."""
        out: list[str] = []
        for word in words:
            out.append(word)
            out.extend(c for c in self.canonical.get(word, ()) if c != word)
        return out

    def to_canonical(self, words: Iterable[str]) -> list[str]:
        """Each word replaced by its first canonical form (for string similarity)."""
        return [self.canonical.get(w, (w,))[0] for w in words]

    def query_groups(
        self, words: Iterable[str], related_weight: float = 0.5
    ) -> list[tuple[tuple[str, ...], float]]:
        """Alternatives per query word: ``((word, *canonical forms), weight)``.

        A passage matching any alternative of a group gets credit for that group once, so a
        synonym pair does not count twice. Related terms form extra groups of lower weight.
        """
        groups: list[tuple[tuple[str, ...], float]] = []
        seen: set[tuple[str, ...]] = set()
        words = list(words)
        for word in words:
            alts = tuple(dict.fromkeys((word, *self.canonical.get(word, ()))))
            if alts not in seen:
                seen.add(alts)
                groups.append((alts, 1.0))
        known = {a for alts, _ in groups for a in alts}
        for word in words:
            for rel in self.related.get(word, ()):
                alts = tuple(dict.fromkeys((rel, *self.canonical.get(rel, ()))))
                if alts not in seen and not known.intersection(alts):
                    seen.add(alts)
                    groups.append((alts, related_weight))
        return groups

    def expand_query(self, words: Iterable[str]) -> list[str]:
        """Canonicalise, then add related terms (and their canonical forms)."""
        base = self.canonicalize(words)
        extra: list[str] = []
        for word in base:
            for rel in self.related.get(word, ()):
                if rel not in base and rel not in extra:
                    extra.append(rel)
        return base + self.canonicalize(extra)
