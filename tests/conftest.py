from __future__ import annotations

from pathlib import Path

import pytest

from ikz_extract.discover import SourceFile
from ikz_extract.models import RecordBase
from ikz_extract.options import Options
from ikz_extract.pipeline import extract

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def extract_file(path: Path, *, annotate: bool = False) -> RecordBase:
    source = SourceFile(path, path.name)
    return extract(source, path.read_bytes(), Options(annotate=annotate)).record


def extract_bytes(data: bytes, name: str = "doc", *, annotate: bool = False) -> RecordBase:
    source = SourceFile(Path(name), name)
    return extract(source, data, Options(annotate=annotate)).record


@pytest.fixture
def tmp_out(tmp_path: Path) -> Path:
    return tmp_path / "out"


@pytest.fixture(scope="session")
def samples_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """samples/ extracted once (with NER) for the tests of exports, report and API."""
    from ikz_extract.api import run

    out = tmp_path_factory.mktemp("samples") / "out"
    summary = run(SAMPLES, out, workers=1)
    assert summary.records == 10 and summary.failed == 0
    return out
