"""A plain ``pip install`` works: every runtime import is a declared runtime dependency."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


# Modules imported only when their extra is installed (``--executor dask``): their imports
# are declared in that extra, and no other module imports them at load time.
EXTRAS = {"ikz_extract/batch/dask_executor.py": "dask"}


def _declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return {_normalise(re.split(r"[\s<>=!~;\[]", dep, maxsplit=1)[0]) for dep in deps}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"ikz_extract", "__future__"}


def _sources() -> dict[str, Path]:
    return {
        path.relative_to(ROOT / "src").as_posix(): path for path in (ROOT / "src").rglob("*.py")
    }


def test_every_third_party_import_of_the_package_is_a_runtime_dependency() -> None:
    distributions = importlib.metadata.packages_distributions()
    undeclared = {}
    for name, path in _sources().items():
        declared = _declared(EXTRAS.get(name))
        for module in _imported_modules(path):
            if not declared & {_normalise(d) for d in distributions.get(module, [])}:
                undeclared[module] = name
    assert undeclared == {}


def test_modules_of_an_extra_are_imported_only_when_asked_for() -> None:
    optional = {name.removesuffix(".py").replace("/", ".") for name in EXTRAS}
    at_load = set()
    for name, path in _sources().items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:  # module level only
            if isinstance(node, ast.ImportFrom) and node.module in optional:
                at_load.add((name, node.module))
            if isinstance(node, ast.Import):
                at_load.update((name, a.name) for a in node.names if a.name in optional)
    assert at_load == set()


def test_lxml_html_clean_is_declared_for_trafilatura() -> None:
    # justext (trafilatura's dependency) imports lxml.html.clean, a separate project since
    # lxml 5.2: without it every HTML page fails with an ImportError.
    assert "lxml-html-clean" in _declared()
    import lxml.html.clean  # noqa: F401
