"""Text shown as text where Qt would guess at rich text.

A tooltip (or a label left on Qt's automatic format) that looks like HTML is
rendered as HTML: a saved sentence holding ``<h1>`` or ``<img src=...>`` would
be drawn big or load a local file. Document and learner text goes through
here first. Example::

    >>> as_tooltip('<img src="x.png"> 我去银行')
    '<p style="white-space:pre-wrap">&lt;img src=&quot;x.png&quot;&gt; 我去银行</p>'
"""

from __future__ import annotations

import html


def as_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` exactly as it is, line breaks included."""
    return '<p style="white-space:pre-wrap">' + html.escape(text) + "</p>"
