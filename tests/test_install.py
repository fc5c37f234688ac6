"""A plain ``pip install`` works: every runtime import is a declared runtime dependency."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        _normalise(re.split(r"[\s<>=!~;\[]", dep, maxsplit=1)[0]) for dep in project["dependencies"]
    }


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_modules() -> set[str]:
    modules: set[str] = set()
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"ikz_extract", "__future__"}


def test_every_third_party_import_of_the_package_is_a_runtime_dependency() -> None:
    distributions = importlib.metadata.packages_distributions()
    declared = _declared()
    undeclared = {
        module: distributions.get(module)
        for module in _imported_modules()
        if not declared & {_normalise(d) for d in distributions.get(module, [])}
    }
    assert undeclared == {}


def test_lxml_html_clean_is_declared_for_trafilatura() -> None:
    # justext (trafilatura's dependency) imports lxml.html.clean, a separate project since
    # lxml 5.2: without it every HTML page fails with an ImportError.
    assert "lxml-html-clean" in _declared()
    import lxml.html.clean  # noqa: F401
