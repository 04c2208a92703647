"""What the project's block template tags share (the stored parts of pages)."""

from __future__ import annotations

from django import template


def parse_block(parser, token, *, usage: str, args: int | None = None):
    """``(arguments, body)`` of a block tag: the words after its name, and its nodes up to
    ``end<name>``. A TemplateSyntaxError saying ``usage`` unless there are exactly ``args``
    arguments (at least one when ``args`` is None)."""
    name, *bits = token.split_contents()
    if (len(bits) != args) if args is not None else not bits:
        raise template.TemplateSyntaxError(usage)
    nodelist = parser.parse((f"end{name}",))
    parser.delete_first_token()
    return bits, nodelist
