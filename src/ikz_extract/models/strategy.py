"""Fields of a strategy document (Strategiepapier, Konzept, Bericht as PDF).

STUB: the strategy-document issue fills this in.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrategyFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    titel: str | None = None
