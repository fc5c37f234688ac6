"""A step that fails degrades its document instead of losing it; the warning says which.

One wording for every step (a detector, a parser, the NER pass, a linking pass), so a person
reading ``warnings`` can tell what the record lacks and why, and grep for it across a run.
"""

from __future__ import annotations

import traceback
from pathlib import Path


def failed_step(step: str, exc: BaseException, consequence: str) -> str:
    """``step failed (Type: message at file:line); consequence`` for a record's warnings."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    message = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    detail = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return f"{step} failed ({detail}{where}); {consequence}"
