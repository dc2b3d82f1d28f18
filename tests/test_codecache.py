"""The compiled-code cache for attrs' and cattrs' generated methods (govdisclosure._codecache).

Each test runs fresh interpreters, as the cache is only ever read at start-up, with
``PYTHONPYCACHEPREFIX`` pointing at a temporary folder so the package's own ``__pycache__``
is not touched.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "harbin-qts-2011.yaml"
NATIONAL = ROOT / "examples" / "huaian-city-2024.yaml"

# Validates a report, renders its JSON, and reports what the cache did and what came out.
PROBE = """
import io, json, sys
from contextlib import redirect_stdout
import govdisclosure
from govdisclosure import _codecache
from govdisclosure.cli import main
out = io.StringIO()
with redirect_stdout(out):
    try:
        main(["validate", "--format", "json", sys.argv[1]])
    except SystemExit:
        pass
report = govdisclosure.load(sys.argv[1])
print(json.dumps({"stats": _codecache.stats(), "validate": out.getvalue(),
                  "data": govdisclosure.dumps_json(report), "path": _codecache.cache_path(),
                  "hooks": [type(f).__name__ for f in sys.meta_path]}))
"""


def _run(prefix: Path, code: str = PROBE, *args: str, write: bool = True) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _cache_file(prefix: Path) -> Path:
    found = list(prefix.rglob("generated-code.*.marshal"))
    assert len(found) == 1, found
    return found[0]


def test_second_start_compiles_nothing_and_gives_the_same_results(tmp_path: Path) -> None:
    first = _run(tmp_path, PROBE, str(SEED))
    assert first["stats"]["misses"] > 50
    assert first["stats"]["hits"] == 0
    assert Path(first["path"]).is_file()
    assert str(tmp_path) in first["path"]
    second = _run(tmp_path, PROBE, str(SEED))
    assert second["stats"] == {"hits": first["stats"]["misses"], "misses": 0}
    assert second["validate"] == first["validate"]
    assert second["data"] == first["data"]
    # The import hook took itself out once attrs and cattrs were patched.
    assert "_PatchOnImport" not in second["hooks"]


def test_other_commands_add_to_the_cache_without_losing_entries(tmp_path: Path) -> None:
    seed = _run(tmp_path, PROBE, str(SEED))
    national = _run(tmp_path, PROBE, str(NATIONAL))
    assert national["stats"]["hits"] > 0
    assert national["stats"]["misses"] > 0
    again = _run(tmp_path, PROBE, str(SEED))
    assert again["stats"] == {"hits": seed["stats"]["misses"], "misses": 0}
    assert _run(tmp_path, PROBE, str(NATIONAL))["stats"]["misses"] == 0


def test_cached_code_is_what_compile_gives_for_the_same_source(tmp_path: Path) -> None:
    _run(tmp_path, PROBE, str(NATIONAL))
    data = _cache_file(tmp_path).read_bytes()
    import importlib.util

    magic = importlib.util.MAGIC_NUMBER + b"gdcc1"
    assert data.startswith(magic)
    entries = marshal.loads(data[len(magic) :])
    assert len(entries) > 50
    annotations = __import__("__future__").annotations.compiler_flag
    for (filename, source), code in entries.items():
        assert any(module in filename for module in (" govdisclosure.", " attr.", " cattrs.")), filename
        assert code == compile(source, filename, "exec", annotations, dont_inherit=True), filename
    # The libraries' own classes, including those attr._make makes while it is imported.
    names = {filename for filename, _ in entries}
    assert "<attrs generated __repr__ attr._make.Attribute>" in names
    assert any(" attr.validators." in name for name in names)


def test_hash_eq_and_repr_of_cached_classes_are_attrs_own(tmp_path: Path) -> None:
    probe = """
import json, attrs
from govdisclosure.model import Agency, Contact
from govdisclosure import _codecache
a = Agency(name="某市某局", region="某市")
b = Agency(name="某市某局", region="某市")
fields = tuple(getattr(a, f.name) for f in attrs.fields(Agency) if f.eq)
expected = hash((hash("<attrs generated hash govdisclosure.model.common.Agency>"), *fields))
print(json.dumps({"stats": _codecache.stats(), "hash_ok": hash(a) == expected == hash(b),
                  "eq": a == b, "ne": a != attrs.evolve(a, name="另一局"), "repr": repr(a)}))
"""
    for round_ in range(2):
        seen = _run(tmp_path, probe)
        assert seen["hash_ok"], seen
        assert seen["eq"], seen
        assert seen["ne"], seen
        assert seen["repr"].startswith("Agency(name='某市某局'")
        if round_:
            assert seen["stats"]["misses"] == 0
            assert seen["stats"]["hits"] > 0


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other-magic", "not-a-dict", "not-code"])
def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path, damage: str) -> None:
    first = _run(tmp_path, PROBE, str(SEED))
    path = _cache_file(tmp_path)
    data = path.read_bytes()
    damaged = {
        "truncated": data[: len(data) // 2],
        "garbage": b"\x00\xff" * 100,
        "other-magic": b"\x00\x00\r\n" + data[4:],
        "not-a-dict": data[: data.index(b"gdcc1") + 5] + marshal.dumps([1, 2, 3]),
        "not-code": data[: data.index(b"gdcc1") + 5]
        + marshal.dumps(dict.fromkeys(marshal.loads(data[data.index(b"gdcc1") + 5 :]), 42)),
    }[damage]
    path.write_bytes(damaged)
    again = _run(tmp_path, PROBE, str(SEED))
    assert again["stats"]["misses"] == first["stats"]["misses"]
    assert again["validate"] == first["validate"]
    assert _run(tmp_path, PROBE, str(SEED))["stats"]["misses"] == 0


def test_nothing_is_written_when_bytecode_writing_is_off_or_impossible(tmp_path: Path) -> None:
    _run(tmp_path, PROBE, str(SEED), write=False)
    assert not list(tmp_path.rglob("*.marshal"))
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    seen = _run(blocked, PROBE, str(SEED))
    assert seen["stats"]["misses"] > 0
    assert blocked.read_text() == "not a folder"


def test_other_packages_classes_compile_as_before(tmp_path: Path) -> None:
    probe = """
import json, attrs, cattrs
import govdisclosure.model
from govdisclosure import _codecache
before = _codecache.stats()
@attrs.frozen
class Mine:
    x: int
converter = cattrs.Converter()
assert converter.structure({"x": 3}, Mine) == Mine(3) and hash(Mine(3)) == hash(Mine(3))
print(json.dumps({"before": before, "after": _codecache.stats(), "path": _codecache.cache_path()}))
"""
    seen = _run(tmp_path, probe)
    assert seen["before"] == seen["after"]
    entries = marshal.loads(
        _cache_file(tmp_path).read_bytes()[len(__import__("importlib.util").util.MAGIC_NUMBER) + 5 :]
    )
    assert not [name for name, _ in entries if "Mine" in name]


def test_attrs_imported_before_the_package_is_patched_at_once(tmp_path: Path) -> None:
    probe = """
import json, attr._make, cattrs.gen
from govdisclosure import _codecache
import govdisclosure.model, govdisclosure.serialization
govdisclosure.serialization.load("examples/harbin-qts-2011.yaml")
print(json.dumps({"stats": _codecache.stats()}))
"""
    first = _run(tmp_path, probe)
    assert first["stats"]["misses"] > 20
    assert _run(tmp_path, probe)["stats"] == {"hits": first["stats"]["misses"], "misses": 0}
