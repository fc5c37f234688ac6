"""Fields of an organisation's web page.

STUB: the web-page issue fills this in.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class WebPageFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    titel: str | None = None
