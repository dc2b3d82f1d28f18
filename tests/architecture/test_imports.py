"""The layers of docs/architecture.md hold: every import in src/ is one the table there allows."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "govdisclosure"


def _parts() -> dict[str, tuple[tuple[str, ...], set[str]]]:
    """part → (module prefixes, parts it may import), read from the table in docs/architecture.md."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- parts:start -->\n(.*?)<!-- parts:end -->", page, re.S)
    assert block, "docs/architecture.md has no parts table"
    parts: dict[str, tuple[tuple[str, ...], set[str]]] = {}
    for line in block.group(1).splitlines()[2:]:
        name, modules, allowed = (cell.strip() for cell in line.strip().strip("|").split("|"))
        parts[name] = (tuple(re.findall(r"`([\w.]+)`", modules)), {a.strip() for a in allowed.split(",")})
    everything = set(parts)
    for name, (modules, allowed) in parts.items():
        if allowed == {"every part"}:
            parts[name] = (modules, everything - {name})
        elif allowed == {"every part but cli"}:
            parts[name] = (modules, everything - {name, "cli"})
        elif allowed == {"—"}:
            parts[name] = (modules, set())
    return parts


PARTS = _parts()


def part_of(module: str) -> str | None:
    """The part a module belongs to: the one whose prefix matches it most closely."""
    best: tuple[int, str] | None = None
    for name, (prefixes, _) in PARTS.items():
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), name)
    return best[1] if best else None


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(sub) for stmt in node.body for sub in ast.walk(stmt)}
    return skipped


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every project import in a file, function-level ones included, TYPE_CHECKING excluded."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "govdisclosure":
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                is_module = (SRC / submodule.replace(".", "/")).is_dir() or (
                    SRC / (submodule.replace(".", "/") + ".py")
                ).is_file()
                yield node.lineno, submodule if is_module else node.module
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "govdisclosure")


def graph() -> dict[str, set[str]]:
    return {_module_name(path): {module for _, module in imports(path)} for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_belongs_to_a_part() -> None:
    assert [m for m in graph() if part_of(m) is None] == []


def test_every_import_is_allowed_by_the_table() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        mine = part_of(module)
        assert mine is not None
        for line, imported in imports(path):
            theirs = part_of(imported)
            if theirs is not None and theirs != mine and theirs not in PARTS[mine][1]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {mine} imports {theirs} ({imported})")
    assert wrong == []


def _reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen, todo = set(), [m for m in edges if part_of(m) == start]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo += [m for m in edges.get(module, ()) if m in edges]
    return {part for m in seen if (part := part_of(m)) is not None}


@pytest.mark.parametrize(
    ("part", "never"),
    [
        ("model", {"editions", "serialization", "validation", "exporters", "rendering", "plugins", "cli", "api"}),
        ("validation", {"rendering", "exporters", "plugins", "cli", "api", "verify"}),
        ("layout", {"exporters", "rendering", "cli"}),
        ("exporters", {"cli", "rendering", "api", "verify"}),
        ("rendering", {"cli"}),
    ],
)
def test_no_chain_of_imports_breaks_the_one_way_rule(part: str, never: set[str]) -> None:
    assert _reachable(part, graph()) & never == set()


def test_the_walker_sees_function_level_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from govdisclosure.cli import main\n"
        "def f():\n    from govdisclosure.rendering import render\n",
        encoding="utf-8",
    )
    assert [m for _, m in imports(sample)] == ["govdisclosure.rendering"]
    assert part_of("govdisclosure.validation.tables") == "validation"
    assert part_of("govdisclosure") == "api"
