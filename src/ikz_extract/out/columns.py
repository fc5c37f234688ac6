"""Flat columns derived from pydantic models, so a table's columns are never written twice.

A field becomes one column named after it; a nested model becomes its fields with a prefix
(``kontakt_plz``); a ``(start, end)`` tuple becomes ``name_start`` and ``name_end``; a list
of strings becomes one text column joined by ``"; "``. Lists of models are left out: they
are rows of a table of their own.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

ColumnType = Literal["text", "integer", "number", "boolean", "date"]
LIST_SEPARATOR = "; "

_SCALARS: dict[type, ColumnType] = {
    str: "text",
    bool: "boolean",  # before int: bool is an int
    int: "integer",
    float: "number",
    dt.date: "date",
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a flat table and where its value comes from."""

    name: str
    type: ColumnType
    source: str  # the model field it comes from ("ProfileFields.kurzprofil.einwohner"), or
    # "export" for a value the export computes
    description: str = ""
    path: tuple[str, ...] = ()  # attributes from the row model's instance
    part: int | None = None  # index into a (start, end) tuple
    joined: bool = False  # a list of strings, joined by LIST_SEPARATOR

    def value(self, obj: BaseModel) -> Any:
        """This column's value in ``obj`` (an instance of the model it was derived from)."""
        value: Any = obj
        for name in self.path:
            if value is None:
                return None
            value = getattr(value, name)
        if value is None:
            return None
        if self.part is not None:
            return value[self.part]
        if self.joined:
            return LIST_SEPARATOR.join(str(v) for v in value)
        return value


def model_columns(
    model: type[BaseModel], *, prefixes: Mapping[str, str] | None = None
) -> list[Column]:
    """Every flat column of ``model``. ``prefixes`` maps the dotted path of a nested model
    to the prefix of its columns instead of ``name_`` (``{"fields.kurzprofil": ""}``)."""
    return _columns(model, model.__name__, (), "", prefixes or {})


def _columns(
    model: type[BaseModel],
    where: str,
    path: tuple[str, ...],
    prefix: str,
    prefixes: Mapping[str, str],
) -> list[Column]:
    result: list[Column] = []
    for name, info in model.model_fields.items():
        annotation = _without_none(info.annotation)
        # a row model's own fields are computed by the export; nested ones name their model
        source = f"{where}.{name}" if path else "export"
        full, at = f"{prefix}{name}", (*path, name)
        description = info.description or ""
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            inner = prefixes.get(".".join(at), f"{name}_")
            inner_where = source if path else annotation.__name__
            result += _columns(annotation, inner_where, at, prefix + inner, prefixes)
            continue
        origin = get_origin(annotation)
        if origin is tuple:
            for part, end in enumerate(("start", "end")):
                result.append(
                    Column(f"{full}_{end}", "integer", f"{source}[{part}]", description, at, part)
                )
            continue
        if origin is list:
            (item,) = get_args(annotation)
            if _scalar(item) == "text":
                note = description or f"joined by '{LIST_SEPARATOR}'"
                result.append(Column(full, "text", source, note, at, joined=True))
            continue  # lists of models are tables of their own
        kind = _scalar(annotation)
        if kind is None:
            raise TypeError(f"no column type for {source}: {annotation!r}")
        result.append(Column(full, kind, source, description, at))
    return result


def _without_none(annotation: Any) -> Any:
    """``X | None`` → ``X``."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _scalar(annotation: Any) -> ColumnType | None:
    if get_origin(annotation) is Literal:
        values = get_args(annotation)
        return "text" if all(isinstance(v, str) for v in values) else None
    for kind, column_type in _SCALARS.items():
        if annotation is kind:
            return column_type
    return None
