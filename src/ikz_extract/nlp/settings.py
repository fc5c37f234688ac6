"""Serialisation shared by the ikz components: their data is package data, so only the
settings named in ``SETTINGS`` are saved (``cfg.json``), as spaCy's to_disk/from_disk
expect of a component."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

T = TypeVar("T", bound="SettingsComponent")


class SettingsComponent:
    SETTINGS: ClassVar[tuple[str, ...]] = ()

    def _cfg(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.SETTINGS}

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "cfg.json").write_text(json.dumps(self._cfg()), encoding="utf-8")

    def from_disk(self: T, path: str | Path, *, exclude: Iterable[str] = ()) -> T:
        cfg = json.loads((Path(path) / "cfg.json").read_text(encoding="utf-8"))
        for name in self.SETTINGS:
            setattr(self, name, cfg[name])
        return self
