"""The one base of every output model: what the record says is what was validated.

``extra="forbid"`` rejects unknown keys; ``validate_assignment`` checks a value set after
parsing (the linking passes edit fields), and ``revalidate_instances`` makes the final
record validation re-check nested models that were mutated in place.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, revalidate_instances="always"
    )
