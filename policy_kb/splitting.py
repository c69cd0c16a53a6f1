"""Splitting cleaned documents into passages along their own structure.

Recognised structure (all seen in the seed documents):

* parts: ``第1篇`` lines, ``一、标题`` / ``一 标题`` heading lines, or paragraphs that open with
  ``一、标题。正文…`` (the heading is the first sentence);
* sub-parts: paragraphs opening with ``（一）标题。`` or with a short lead sentence that works as a
  heading (``擦亮长者饭堂招牌。…``);
* items inside a paragraph: ``一是… 二是…`` and numbered ``1. 2.`` items.

Every block keeps its heading path for citation, e.g. ``二、社会救助 · （三）提高救助标准``, and
an id label path (``二/（三）``) from which stable passage ids are derived: the id depends on the
headings, not on the position of the passage in a list. Paragraphs without a heading of their own
under the same path, and pieces of over-long blocks, get a ``#n`` suffix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MIN_CHARS = 60
MAX_CHARS = 400
TARGET_CHARS = 320

_NUM = "一二三四五六七八九十"
_PART_LINE = re.compile(r"^(?:.*?\s)?(第\s*[0-9一二三四五六七八九十]+\s*篇)\s*$")
_L1_LINE = re.compile(rf"^([{_NUM}]{{1,3}})(?:、|\s+)\s*([^。]{{2,48}})$")
_L1_PARA = re.compile(rf"^([{_NUM}]{{1,3}})、(.+?)。(.*)$")
_L2_PARA = re.compile(rf"^（([{_NUM}]{{1,3}})）(.+?)[。；](.*)$")
_LEAD = re.compile(r"^([^。；！？，]{4,22})。(.+)$")
_ITEM = re.compile(
    rf"(?:^|(?<=[。；：]))(?:([{_NUM}]{{1,2}}是)|(\d{{1,2}})[\.．、](?=[\u4e00-\u9fff]))"
)
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")


@dataclass
class Block:
    """A run of text under one heading path."""

    labels: tuple[str, ...]
    headings: tuple[str, ...]
    text: str


@dataclass
class Chunk:
    """A passage-sized piece of a document with its stable id suffix and heading path."""

    key: str
    section: str
    text: str


@dataclass
class _State:
    l1: tuple[str, str] | None = None
    l2: tuple[str, str] | None = None
    blocks: list[Block] = field(default_factory=list)

    def path(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        parts = [p for p in (self.l1, self.l2) if p]
        return tuple(p[0] for p in parts), tuple(p[1] for p in parts)

    def add(self, text: str, extra: tuple[str, str] | None = None) -> None:
        text = text.strip()
        if not text:
            return
        labels, headings = self.path()
        if extra:
            labels, headings = (*labels, extra[0]), (*headings, extra[1])
        self.blocks.append(Block(labels or ("导语",), headings or ("导语",), text))


def sentences(text: str) -> list[str]:
    """Split Chinese text into sentences, keeping the closing punctuation."""
    return [s for s in (m.group(0).strip() for m in _SENTENCE.finditer(text)) if s]


def _clause_heading(text: str, limit: int = 24) -> str:
    first = re.split(r"[。；，：]", text, maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit] + "…"


def _split_items(state: _State, body: str) -> None:
    """Add ``body`` to ``state``, cutting it at ``一是/二是`` or ``1. 2.`` item markers."""
    marks = list(_ITEM.finditer(body))
    if not marks:
        state.add(body)
        return
    state.add(body[: marks[0].start()])
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        piece = body[m.start() : end]
        label = m.group(1) or f"{m.group(2)}."
        state.add(piece, (label, _clause_heading(piece)))


def split_blocks(cleaned: str, part_titles: dict[str, str] | None = None) -> list[Block]:
    """Cut a cleaned document (one paragraph per line) into heading-labelled blocks."""
    part_titles = part_titles or {}
    state = _State()
    lines = cleaned.split("\n")
    for i, line in enumerate(lines):
        line = line.strip()
        if not line:
            continue
        if m := _PART_LINE.match(line):
            label = re.sub(r"\s+", "", m.group(1))
            title = part_titles.get(label)
            state.l1, state.l2 = (label, f"{label}（{title}）" if title else label), None
            continue
        if m := _L1_LINE.match(line):
            state.l1, state.l2 = (m.group(1), f"{m.group(1)}、{m.group(2).strip()}"), None
            continue
        if i == 0 and "。" not in line and len(line) <= 40:
            continue  # the document's own title line
        if m := _L1_PARA.match(line):
            state.l1, state.l2 = (m.group(1), f"{m.group(1)}、{m.group(2)}"), None
            _split_items(state, m.group(3))
            continue
        if m := _L2_PARA.match(line):
            label = f"（{m.group(1)}）"
            state.l2 = (label, f"{label}{m.group(2)}")
            _split_items(state, m.group(3))
            continue
        if (m := _LEAD.match(line)) and len(m.group(2)) >= 30 and not _ITEM.match(line):
            heading = m.group(1)
            state.l2 = (re.sub(r"[^\w]", "", heading)[:12], heading)
            _split_items(state, m.group(2))
            continue
        state.l2 = None
        _split_items(state, line)
    return state.blocks


def _pack(text: str) -> list[str]:
    """Cut an over-long block at sentence boundaries into pieces of about TARGET_CHARS."""
    if len(text) <= MAX_CHARS:
        return [text]
    pieces: list[str] = []
    current = ""
    for sent in sentences(text):
        if current and len(current) + len(sent) > TARGET_CHARS:
            pieces.append(current)
            current = ""
        current += sent
    if current:
        if pieces and len(current) < MIN_CHARS:
            pieces[-1] += current
        else:
            pieces.append(current)
    return pieces


def chunk_blocks(blocks: list[Block]) -> list[Chunk]:
    """Merge short blocks with their same-path neighbour, cut long ones, and assign id keys."""
    merged: list[Block] = []
    for block in blocks:
        prev = merged[-1] if merged else None
        if prev and prev.labels == block.labels and len(prev.text) < MIN_CHARS:
            prev.text += block.text
        else:
            merged.append(Block(block.labels, block.headings, block.text))
    # group pieces by label path, preserving first-seen order
    groups: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
    for block in merged:
        for piece in _pack(block.text):
            groups.setdefault(block.labels, []).append((block.headings, piece))
    chunks: list[Chunk] = []
    for labels, pieces in groups.items():
        key = "/".join(labels)
        for n, (headings, piece) in enumerate(pieces, start=1):
            suffix = f"#{n}" if len(pieces) > 1 else ""
            chunks.append(Chunk(key + suffix, " · ".join(headings), piece))
    return chunks


def split_document(cleaned: str, part_titles: dict[str, str] | None = None) -> list[Chunk]:
    """Split a cleaned document into passage-sized chunks with stable keys and heading paths."""
    return chunk_blocks(split_blocks(cleaned, part_titles))
