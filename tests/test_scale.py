"""What a re-run does per folder instead of per file keeps the same answers as per file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikz_extract.batch.run import _outside
from ikz_extract.discover import SourceFile, discover


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("a/b/x.txt", "a/z.html", "y.txt", "a/b/c/deep.pdf", "out/records.jsonl"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "o.txt").write_text("outside/o.txt", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("given", ["{root}", ".", "a", "a/", "./a/b", "{root}/a/b/"])
def test_keys_are_the_path_below_the_given_folder(tree: Path, given: str) -> None:
    root = given.format(root=tree)
    sources, _ = discover([root])
    assert sources, root
    for source in sources:
        assert source.key == source.path.relative_to(Path(root)).as_posix()
        assert source.path.read_text(encoding="utf-8").endswith(source.path.name)


def test_files_inside_the_output_folder_are_left_out_and_no_others(tree: Path) -> None:
    sources, _ = discover(["."])
    assert {s.key for s in sources} >= {"out/records.jsonl", "outside/o.txt"}
    kept = _outside(Path("out"), sources)
    assert {s.key for s in kept} == {s.key for s in sources} - {"out/records.jsonl"}
    # the same folder named differently, and a file named directly
    direct = [SourceFile(tree / "out" / "records.jsonl", "r"), SourceFile(Path("y.txt"), "y")]
    assert [s.key for s in _outside(tree / "out" / ".." / "out", direct)] == ["y"]
