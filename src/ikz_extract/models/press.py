"""Fields of a press release (Pressemitteilung).

STUB: the press-release issue fills this in.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class PressReleaseFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    titel: str | None = None
