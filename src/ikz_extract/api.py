"""The Python API for notebooks and scripts: the same pipeline as the command line.

``extract`` one document (a path, bytes or a URL) into a record, ``run`` a batch into an
output folder, ``read_records`` back, ``nlp`` for the spaCy pipeline. Heavy modules load
on first call, so ``import ikz_extract`` stays light.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ikz_extract.batch.model import RunSettings, Summary
from ikz_extract.discover import SourceFile, discover
from ikz_extract.models import AnyRecord
from ikz_extract.options import Options
from ikz_extract.out.read import read_records as _read_records

if TYPE_CHECKING:
    from spacy.language import Language

_OPTION_NAMES = frozenset(f.name for f in fields(Options))
_SETTING_NAMES = frozenset(f.name for f in fields(RunSettings))


def _split(options: dict[str, Any], allowed: frozenset[str]) -> tuple[Options, RunSettings]:
    unknown = set(options) - allowed
    if unknown:
        known = ", ".join(sorted(allowed))
        raise TypeError(f"unknown option(s) {', '.join(sorted(unknown))}; known: {known}")
    return (
        Options(**{k: v for k, v in options.items() if k in _OPTION_NAMES}),
        RunSettings(**{k: v for k, v in options.items() if k in _SETTING_NAMES}),
    )


def is_url(source: object) -> bool:
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def fetch(url: str) -> bytes:
    """The bytes at ``url``, through ``ikz_extract.web.fetch`` when that module is installed."""
    try:
        web = importlib.import_module("ikz_extract.web")
    except ImportError:
        web = None
    get = getattr(web, "fetch", None)
    if get is None:
        raise NotImplementedError(
            f"cannot fetch {url}: this version of ikz-extract has no web fetching "
            "(ikz_extract.web.fetch); download the page and pass its bytes or path"
        )
    return cast(bytes, get(url))


def extract(source: str | Path | bytes, *, name: str | None = None, **options: Any) -> AnyRecord:
    """One document → its validated record (``ikz_extract.models``), as ``run`` makes it.

    ``source`` is a path, the document's bytes or an ``http(s)://`` URL; ``name`` is the
    source key of bytes (default: their hash), from which ``record_id`` derives. Options
    are those of ``Options`` (``annotate``, ``spacy_model``, ``max_pages``,
    ``pdf_backend``). A document that gives no record raises ``LoadError`` (with
    ``error_type`` and ``hint``) or pydantic's ``ValidationError``.
    """
    from ikz_extract.pipeline import extract as extract_one  # heavy: spaCy, PDF, HTML

    record_options, _ = _split(options, _OPTION_NAMES)
    url: str | None = None
    if isinstance(source, bytes):
        data = source
        key = name or f"sha256:{hashlib.sha256(data).hexdigest()[:16]}"
        src = SourceFile(Path(key), key)
    elif is_url(source):
        url = str(source)
        data = fetch(url)
        src = SourceFile(Path(name or url), name or url)
    else:
        path = Path(source)
        data = path.read_bytes()
        src = SourceFile(path, name or path.name)
    record = cast(AnyRecord, extract_one(src, data, record_options).record)
    if isinstance(source, bytes) or url is not None:
        record.source.path = None
        record.source.url = url
    return record


def run(inputs: str | Path | Iterable[str | Path], out: str | Path, **options: Any) -> Summary:
    """Extract ``inputs`` (files, folders, globs) into the output folder ``out``, as
    ``ikz-extract run`` does, and return what the run did. Options are those of ``Options``
    and ``RunSettings`` (``workers``, ``force``, ``verify``, ``keep_removed``, ``prune``,
    ``timeout``, ``executor``, ``scheduler``)."""
    from ikz_extract.batch import run_batch

    names = [str(inputs)] if isinstance(inputs, str | Path) else [str(i) for i in inputs]
    record_options, settings = _split(options, _OPTION_NAMES | _SETTING_NAMES)
    sources, _ = discover(names)
    return run_batch(sources, Path(out), record_options, settings=settings)


def read_records(out: str | Path) -> Iterator[AnyRecord]:
    """Every record of the output folder ``out`` (or of a records.jsonl), validated."""
    return _read_records(out)


def nlp(spacy_model: str | None = None) -> Language:
    """The spaCy pipeline the extraction uses (blank German plus the ikz components, or the
    named installed model plus them); ``nlp()(text).ents`` are its entities."""
    from ikz_extract.nlp.pipeline import build_pipeline

    return build_pipeline(spacy_model)
