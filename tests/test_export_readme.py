"""The README's export documentation is the code's: the column list is generated, and the
analysis recipes run and give the answers a person reads in the samples."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ikz_extract.out.export import export
from ikz_extract.out.tables import columns_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def _between(marker: str) -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"<!-- {marker}:start -->\n(.*?)<!-- {marker}:end -->", text, re.S)
    assert found is not None, f"README has no {marker} markers"
    return found.group(1)


def test_readme_lists_the_columns_the_code_writes() -> None:
    assert _between("tables") == columns_markdown(), (
        "README's table list differs from the code: paste `python -m ikz_extract.out.tables` "
        "between the tables markers"
    )


@pytest.fixture
def in_exported(samples_out: Path, tmp_path: Path) -> Iterator[Path]:
    """A folder with out/export/*.parquet, as after `make run` and `ikz-extract export out/`."""
    export(samples_out, "parquet", tmp_path / "out" / "export")
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(before)


def test_readme_recipes_run_and_answer(in_exported: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", _between("recipes"), re.S)
    assert len(blocks) == 3
    answers: dict[str, Any] = {}
    for block in blocks:
        assert len(block.strip().splitlines()) <= 3, block
        exec(block, answers)
    top = answers["top"]
    assert list(top.name[:2]) == ["Kreis Borken", "Münster"]
    assert list(top.cooperations[:2]) == [2, 2]
    partners = answers["partners"]
    assert set(partners["Informelle Regionalentwicklung im Münsterland"]) == {
        "Kreis Borken",
        "Kreis Coesfeld",
        "Kreis Warendorf",
        "Kreis Steinfurt",
        "Münster",
        "Münsterland e.V.",
    }
    assert len(partners["Organisation und Zusammenarbeit in der Stadtregion Münster"]) == 12
    offices = answers["offices"]
    rows = set(zip(offices.name, offices.role, offices.affiliation_ags, strict=True))
    assert {
        ("Dorothee Feller", "Regierungspräsidentin", "055"),
        ("Judith Pirscher", "Regierungspräsidentin", "057"),
        ("Hans-Josef Vogel", "Regierungspräsident", "059"),
        ("Jörn Möltgen", "Bürgermeister", "05558020"),
    } <= rows
