"""What in a line is evidence of its language, and markup lines that carry no text.

Translated technical documents keep the English original in HTML comments
before the Chinese, put Hugo shortcodes inside Chinese sentences, and quote
code and addresses in both languages. None of that markup is English: a
Chinese line full of shortcode arguments is still Chinese. ``clean_line``
renders comment markers and shortcodes away (a shortcode with a ``text``
argument becomes that text); ``language_of_line`` decides the language after
also dropping code spans, addresses and HTML tags. Example::

    >>> clean_line('是附加到 {{< glossary_tooltip text="对象" term_id="object" >}} 上的键值对')
    '是附加到 对象 上的键值对'
    >>> clean_line("<!--") is None, clean_line("{{< note >}}") is None
    (True, True)
    >>> language_of_line("参阅 `kubectl label --overwrite` 和 https://example.org/docs/labels/")
    'zh'
"""

from __future__ import annotations

import re

from studyapp.core.text.char_classes import language_of
from studyapp.core.text.markup import plain_text

# No nested quantifiers: every pattern here runs in linear time on any line.
_SHORTCODE_RE = re.compile(r"\{\{[<%][^{}]*[>%]\}\}")
_TEXT_ARGUMENT_RE = re.compile(r'\btext\s*=\s*"([^"]*)"')
_COMMENT_MARK_RE = re.compile(r"<!--|-->")
_CODE_SPAN_RE = re.compile(r"`[^`\n]*`")
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s)\]>]+")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]*>")
_FRONT_MATTER_RE = re.compile(r"\A(?:---|\+\+\+)\n(?:[^\n]*\n){0,60}?(?:---|\+\+\+)[ \t]*(?:\n|\Z)")


def clean_line(line: str) -> str | None:
    """``line`` without HTML comment markers and with shortcodes rendered; None
    for a line that held only such markup (it is dropped, it is not blank)."""
    if "{{" not in line and "<!--" not in line and "-->" not in line:
        return line
    cleaned = _SHORTCODE_RE.sub(_render_shortcode, line)
    cleaned = _COMMENT_MARK_RE.sub(" ", cleaned)
    return cleaned if cleaned.strip() else None


def _render_shortcode(match: re.Match[str]) -> str:
    text = _TEXT_ARGUMENT_RE.search(match.group(0))
    return text.group(1) if text else ""


def evidence(text: str) -> str:
    """``text`` without code spans, web addresses and HTML tags."""
    if "`" in text:
        text = _CODE_SPAN_RE.sub(" ", text)
    if "://" in text or "www." in text:
        text = _URL_RE.sub(" ", text)
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    return text


def language_of_line(line: str) -> str:
    """``'zh'``, ``'en'`` or ``''``, judged on the words of a (markdown) line, not its markup."""
    return language_of(plain_text(evidence(line)))


def front_matter_length(text: str) -> int:
    """Characters of YAML/TOML front matter at the start of ``text`` (0 if none)."""
    match = _FRONT_MATTER_RE.match(text)
    return match.end() if match else 0
