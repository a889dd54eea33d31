"""The layers stay apart: domain and store never pull in Textual; domain never pulls in SQL;
no module of ours imports one that imports it back; no module of the desk grows past a size
one can read."""

from __future__ import annotations

import ast
import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[1] / "reception_tui"
MIGRATIONS = PACKAGE_ROOT / "store" / "migrations"


def _modules_after_import(package: str, *, walk: bool = True) -> set[str]:
    """What a fresh interpreter has loaded after importing `package` (and, with `walk`, every
    module in it)."""
    code = f"import json, sys, pkgutil, importlib\nimport {package} as root\n"
    if walk:
        code += (
            "for info in pkgutil.walk_packages(root.__path__, root.__name__ + '.'):\n"
            "    if '.migrations' not in info.name:\n"
            "        importlib.import_module(info.name)\n"
        )
    code += "print(json.dumps(sorted(sys.modules)))\n"
    # The tree under test, whichever directory pytest was started from.
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT.parent)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=PACKAGE_ROOT.parent,
        env=env,
    )
    return set(json.loads(result.stdout))


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_domain_imports_neither_textual_nor_sqlmodel() -> None:
    loaded = _top_level(_modules_after_import("reception_tui.domain"))
    assert not loaded & {"textual", "sqlmodel", "sqlalchemy"}


@pytest.mark.parametrize("package", ["reception_tui.store", "reception_tui.domain"])
def test_core_layers_do_not_import_textual(package: str) -> None:
    assert "textual" not in _top_level(_modules_after_import(package))


# ---------------------------------------------------------------------- the import graph


@dataclass(frozen=True)
class _Module:
    name: str
    path: Path
    is_package: bool


def _our_modules() -> dict[str, _Module]:
    modules: dict[str, _Module] = {}
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        if path.is_relative_to(MIGRATIONS):
            continue
        parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        name = ".".join(parts)
        modules[name] = _Module(name, path, is_package)
    return modules


def _imported_names(module: _Module) -> Iterator[tuple[str, bool, int]]:
    """Every module name `module` imports anywhere (at the top, in functions, under
    `if TYPE_CHECKING:`): whether it is named outright or only run first as a parent package
    (importing `a.b.c` runs `a/b/__init__.py`), and the line of the import."""
    tree = ast.parse(module.path.read_text(encoding="utf-8"), str(module.path))
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from _with_parents(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            yield from _with_parents(source, node.lineno)
            # `from package import module` imports the module too; the names that are no
            # module are simply not found among ours.
            for alias in node.names:
                yield f"{source}.{alias.name}", True, node.lineno


def _with_parents(name: str, line: int) -> Iterator[tuple[str, bool, int]]:
    parts = name.split(".")
    for end in range(1, len(parts)):
        yield ".".join(parts[:end]), False, line
    yield name, True, line


def _import_graph() -> tuple[dict[str, set[str]], dict[tuple[str, str], int]]:
    """Our modules and whom each imports, with the line. A parent package run first counts
    unless the importer lives in it (then it ran before the importer did)."""
    modules = _our_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    lines: dict[tuple[str, str], int] = {}
    for module in modules.values():
        parts = module.name.split(".")
        own_packages = {".".join(parts[:end]) for end in range(1, len(parts))}
        for target, outright, line in _imported_names(module):
            if target not in modules or target == module.name:
                continue
            if outright or target not in own_packages:
                graph[module.name].add(target)
                lines.setdefault((module.name, target), line)
    return graph, lines


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that reach each other (more than one)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for target in sorted(graph[name]):
            if target not in index:
                visit(target)
                low[name] = min(low[name], low[target])
            elif target in on_stack:
                low[name] = min(low[name], index[target])
        if low[name] == index[name]:
            group: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == name:
                    break
            if len(group) > 1 or name in graph[name]:
                groups.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(groups)


def _one_cycle(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """The shortest way from the group's first module back to itself, inside the group."""
    start, members = group[0], set(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for name in frontier:
            for target in sorted(graph[name] & members):
                if target == start:
                    path = [name]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if target not in came_from:
                    came_from[target] = name
                    following.append(target)
        frontier = following
    return [start, start]


def _cycles_in_words() -> list[str]:
    graph, lines = _import_graph()
    said = []
    for group in _strongly_connected(graph):
        cycle = _one_cycle(graph, group)
        steps = " -> ".join(
            f"{name} (line {lines[(name, following)]})"
            for name, following in itertools.pairwise(cycle)
        )
        said.append(f"{', '.join(group)}: {steps} -> {cycle[-1]}")
    return said


# ---------------------------------------------------------------------- the tests on it

MOST_LINES_IN_TUI = 500


def test_no_import_cycle_among_our_modules() -> None:
    cycles = _cycles_in_words()
    assert not cycles, "modules that import each other:\n" + "\n".join(cycles)


def test_the_cycle_search_finds_a_cycle_and_names_it() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert _strongly_connected(graph) == [["a", "b", "c"], ["e"]]
    assert _one_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]


def test_the_import_graph_counts_imports_in_functions_and_under_type_checking() -> None:
    graph, _ = _import_graph()
    # config.py imports the calendar only for its type hints, under `if TYPE_CHECKING:`.
    assert "reception_tui.domain.calendar" in graph["reception_tui.config"]
    # The app imports the name form inside a method, when it asks for the receptionist's name.
    assert "reception_tui.tui.forms.name" in graph["reception_tui.tui.app"]
    # `from reception_tui.tui.forms import ...` runs the forms package.
    assert "reception_tui.tui.forms" in graph["reception_tui.tui.forms.redirect"]


def _too_long() -> list[str]:
    too_long = []
    for path in sorted((PACKAGE_ROOT / "tui").rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MOST_LINES_IN_TUI:
            too_long.append(f"{path.relative_to(PACKAGE_ROOT).as_posix()} ({lines} lines)")
    return too_long


def test_no_module_of_the_desk_is_above_500_lines() -> None:
    too_long = _too_long()
    assert not too_long, "above 500 lines: " + ", ".join(too_long)


# What each layer must never import, anywhere in its files (a lazy import in a function or one
# under TYPE_CHECKING included, which importing the package in a fresh interpreter misses).
FORBIDDEN = {
    "reception_tui.domain": (
        "textual",
        "sqlmodel",
        "sqlalchemy",
        "reception_tui.store",
        "reception_tui.tui",
        "reception_tui.cli",
    ),
    "reception_tui.store": ("textual", "reception_tui.tui", "reception_tui.cli"),
}


@pytest.mark.parametrize(
    "module",
    sorted(m for m in _our_modules() if m.startswith(tuple(FORBIDDEN))),
)
def test_core_modules_import_nothing_above_them_anywhere_in_the_file(module: str) -> None:
    forbidden = next(names for layer, names in FORBIDDEN.items() if module.startswith(layer))
    found = {
        f"{name} (line {line})"
        for name, _, line in _imported_names(_our_modules()[module])
        if any(name == layer or name.startswith(layer + ".") for layer in forbidden)
    }
    assert not found, f"{module} imports {sorted(found)}"


def test_the_desk_model_alone_pulls_in_no_textual_and_no_store() -> None:
    loaded = _modules_after_import("reception_tui.domain.desk", walk=False)
    assert not _top_level(loaded) & {"textual", "sqlmodel", "sqlalchemy"}
    assert not {m for m in loaded if m.startswith(("reception_tui.tui", "reception_tui.store"))}
