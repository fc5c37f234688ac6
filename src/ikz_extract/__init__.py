"""ikz-extract: German inter-municipal cooperation (IKZ) documents → validated, linked JSONL.

The Python API (``extract``, ``run``, ``read_records``, ``nlp``) lives in
``ikz_extract.api`` and loads on first use, so importing the package stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Bumped whenever a change alters the records produced from the same bytes; the manifest
# uses it to decide what a re-run must re-extract.
PIPELINE_VERSION = f"{__version__}+p2"
SCHEMA_VERSION = "1.0"

__all__ = ["PIPELINE_VERSION", "SCHEMA_VERSION", "extract", "nlp", "read_records", "run"]

if TYPE_CHECKING:
    from ikz_extract.api import extract, nlp, read_records, run


def __getattr__(name: str) -> Any:
    """``ikz_extract.extract`` etc. import the API on first access."""
    if name == "nlp":  # the subpackage, callable: ikz_extract.nlp() is the spaCy pipeline
        return importlib.import_module("ikz_extract.nlp")
    if name in ("extract", "read_records", "run"):
        return getattr(importlib.import_module("ikz_extract.api"), name)
    raise AttributeError(f"module 'ikz_extract' has no attribute {name!r}")
