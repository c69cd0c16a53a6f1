"""Cleaning of real-world noise in source documents before splitting.

Handles what the seed documents actually contain:

* pinyin glosses after characters, single or doubled: ``聚(ju)焦``, ``社(she)会(hui)(hui)``;
* repeated web-page chrome: ``发布时间:…``, ``信息来源:…``, ``【字体大小:``, ``相关附件``;
* ASCII punctuation inside Chinese text (``,`` ``;`` ``(一)``), turned full-width for display;
* redaction placeholders such as ``x市``, ``xxx元``, ``xx.x%``, ``x+x+X`` — these are *kept*
  (the text is cited as it is) but detected by :func:`has_placeholder` so passages can be
  flagged and answers never quote a redacted figure.
"""

from __future__ import annotations

import re

# A pinyin gloss: lower-case latin letters (ü allowed, "lv" style too) in ASCII brackets.
_PINYIN_GLOSS = re.compile(r"\([a-zü]{1,6}\)")
_CHROME_LINE = re.compile(
    r"^\s*(?:发布时间|信息来源|【?\s*字体大小|字号|打印本页|关闭窗口|分享到|相关附件|来源[:：]|"
    r"浏览次数|【打印】|【关闭】)"
)
# x / xx / x.xx / xxx: a run of lower-case x (optionally with a decimal part) not inside a
# latin word. Capital X is real text in these documents ("6+X" 机制), so it is not a placeholder.
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])x+(?:\.x+)?(?![A-Za-z])")
_CJK = r"\u3400-\u9fff"
_CJK_PARENS = re.compile(rf"\(([^()]*[{_CJK}][^()]*)\)")


def strip_pinyin_glosses(text: str) -> str:
    """Remove bracketed pinyin glosses: ``社(she)会(hui)(hui)`` → ``社会``."""
    return _PINYIN_GLOSS.sub("", text)


def is_chrome_line(line: str) -> bool:
    """True for web-page furniture lines (publication stamp, font-size widget, attachments)."""
    return bool(_CHROME_LINE.match(line))


def has_placeholder(text: str) -> bool:
    """True when ``text`` contains a redaction placeholder (``x市``, ``xxx人``, ``xx.x%``)."""
    return bool(_PLACEHOLDER.search(text))


def fullwidth_punctuation(text: str) -> str:
    """Make ASCII punctuation in Chinese prose full-width; numbers like ``3.5%`` stay as is."""
    text = _CJK_PARENS.sub(r"（\1）", text)
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)
    text = re.sub(r"(?<!\d);|;(?!\d)", "；", text)
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text)
    text = re.sub(rf"(?<=[{_CJK}])\?", "？", text)
    return text


def clean_text(raw: str) -> str:
    """Clean a whole document: drop chrome lines, glosses and blank lines; normalise punctuation.

    Returns the cleaned text with one paragraph per line.
    """
    lines: list[str] = []
    for line in raw.replace("\r\n", "\n").replace("\u3000", " ").split("\n"):
        if is_chrome_line(line):
            continue
        line = strip_pinyin_glosses(line)
        line = fullwidth_punctuation(line).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)
