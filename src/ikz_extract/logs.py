"""Batch logs: ``-v`` for a line per document, ``--log-format json`` for machines.

Log records go to standard error through the ``ikz_extract`` logger; their ``extra``
fields (key, status, record type …) become keys of the JSON line, so a log collector can
filter on them without parsing sentences.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import IO, Literal

LogFormat = Literal["text", "json"]
LOGGER = "ikz_extract"
# attributes every LogRecord has; anything else was passed as ``extra``
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(verbosity: int, fmt: LogFormat, stream: IO[str]) -> None:
    """Warnings only by default, a line per document with ``-v``, debug with ``-vv``."""
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = logging.StreamHandler(stream)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(
        logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    )
    logger.propagate = False
