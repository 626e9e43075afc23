"""The first card as Anki will show it: the note type's templates filled in.

A small subset of Anki's template language: ``{{Field}}``,
``{{#Field}}...{{/Field}}`` (shown if the field is not empty),
``{{^Field}}...{{/Field}}`` and ``{{FrontSide}}``. Field values are already
HTML-escaped by collect_cards. Example::

    >>> render("{{#A}}<b>{{A}}</b>{{/A}}{{^B}}no B{{/B}}", {"A": "x", "B": ""})
    '<b>x</b>no B'
"""

from __future__ import annotations

import re

from studyapp.core.study.export import Card

_SECTION_RE = re.compile(r"{{([#^])([^}]+)}}(.*?){{/\2}}", re.S)
_FIELD_RE = re.compile(r"{{([^#^/}][^}]*)}}")


def render(template: str, fields: dict[str, str], front: str = "") -> str:
    def section(match: re.Match) -> str:
        kind, name, body = match.group(1), match.group(2).strip(), match.group(3)
        present = bool(fields.get(name, "").strip())
        return body if present == (kind == "#") else ""

    previous = None
    while previous != template:
        previous, template = template, _SECTION_RE.sub(section, template)
    return _FIELD_RE.sub(lambda m: front if m.group(1).strip() == "FrontSide" else fields.get(m.group(1).strip(), ""), template)


def preview_html(card: Card) -> str:
    """Every card this note makes, front and back, with the note type's CSS."""
    from studyapp.core.study.export.apkg import CSS, TEMPLATES

    parts = [f"<style>{CSS}</style>"]
    for template in TEMPLATES:
        front = render(template["qfmt"], card.fields)
        if not front.strip():
            continue
        back = render(template["afmt"], card.fields, front)
        parts.append(f'<h4>{template["name"]}</h4><div class="card">{front}</div><hr><div class="card">{back}</div><br>')
    return "".join(parts)
