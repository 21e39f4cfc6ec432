"""The house is one-way: no import cycle and no import that climbs the layers.

Layers, ground first: ``codebook`` and ``survey``, then ``analysis``, then ``workspace``, then the
command line (``voices``). Imports are read from the code itself with :mod:`ast`, including
imports inside functions (a lazy import is still an arrow), so the check cannot be dodged by
moving an import into a function body.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"codebook": 0, "survey": 0, "analysis": 1, "workspace": 2, "voices": 3}


def module_files(root: Path) -> dict[str, Path]:
    """Every module of the layered packages under ``root``, by dotted name."""
    mods: dict[str, Path] = {}
    for top in LAYERS:
        for path in sorted((root / top).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            mods[".".join(parts)] = path
    return mods


def _resolve(name: str, mods: dict[str, Path]) -> str | None:
    while name and name not in mods:
        name = name.rpartition(".")[0]
    return name or None


def import_edges(root: Path) -> dict[str, set[str]]:
    """``module -> modules of the house it imports`` (anywhere in the file)."""
    mods = module_files(root)
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                    prefix = ".".join(base + ([node.module] if node.module else []))
                else:
                    prefix = node.module or ""
                targets = [prefix] + [f"{prefix}.{a.name}" for a in node.names]
            else:
                continue
            for target in targets:
                found = _resolve(target, mods)
                if found and found != mod:
                    edges[mod].add(found)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected sets of two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def climbing(edges: dict[str, set[str]]) -> list[str]:
    """Imports from a lower layer to a higher one, as ``"a -> b"``."""
    return sorted(f"{a} -> {b}" for a, targets in edges.items() for b in targets
                  if LAYERS[b.split(".")[0]] > LAYERS[a.split(".")[0]])


def test_no_import_cycle() -> None:
    assert cycles(import_edges(ROOT)) == []


def test_no_import_climbs_the_layers() -> None:
    assert climbing(import_edges(ROOT)) == []


def test_nothing_imports_the_command_line() -> None:
    edges = import_edges(ROOT)
    assert sorted(a for a, targets in edges.items() if not a.startswith("voices")
                  for b in targets if b.startswith("voices")) == []


def test_nothing_below_the_pipeline_imports_it() -> None:
    """``analysis.pipeline`` is only the order of the stages: the command line and the workspace
    may call it, no module of ``analysis/`` (or below) imports it."""
    edges = import_edges(ROOT)
    assert sorted(a for a, targets in edges.items() if "analysis.pipeline" in targets
                  and LAYERS[a.split(".")[0]] <= LAYERS["analysis"]) == []


def _plant(root: Path, files: dict[str, str]) -> Path:
    for top in LAYERS:
        (root / top).mkdir(parents=True, exist_ok=True)
        (root / top / "__init__.py").write_text("")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize("files", [
    {"analysis/a.py": "from analysis import b\n", "analysis/b.py": "import analysis.a\n"},
    # a lazy import inside a function is still an arrow
    {"analysis/a.py": "def f():\n    from analysis.b import g\n",
     "analysis/b.py": "from . import a\n"},
])
def test_a_planted_cycle_is_found(tmp_path: Path, files: dict[str, str]) -> None:
    assert cycles(import_edges(_plant(tmp_path, files))) == [["analysis.a", "analysis.b"]]


def test_a_planted_climbing_import_is_found(tmp_path: Path) -> None:
    root = _plant(tmp_path, {"survey/x.py": "def f():\n    import workspace.app\n",
                             "workspace/app.py": "", "analysis/y.py": "from voices import cli\n",
                             "voices/cli.py": "import analysis.y\n"})
    assert climbing(import_edges(root)) == ["analysis.y -> voices", "analysis.y -> voices.cli",
                                            "survey.x -> workspace.app"]
