"""German number formats: ``371.898`` → 371898, ``1.420,98`` → 1420.98."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def parse_number(text: str) -> float | None:
    """Read the first German-formatted number in ``text``.

    A dot is a thousands separator only between groups of three digits, a comma the decimal
    mark; ``1420,98`` and ``1.420,98`` both give 1420.98.
    """
    match = _NUMBER.search(text)
    if match is None:
        return None
    return float(match.group().replace(".", "").replace(",", "."))


def parse_int(text: str) -> int | None:
    value = parse_number(text)
    if value is None or value != int(value):
        return None
    return int(value)
