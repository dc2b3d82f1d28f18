"""Patterns compiled on first use behave as compiled ones, and importing the rules compiles none."""

from __future__ import annotations

import re
import subprocess
import sys

from govdisclosure._patterns import LazyPattern, lazy


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    source, flags = r"(?P<n>\d+)件", re.IGNORECASE
    ours, theirs = lazy(source, flags), re.compile(source, flags)
    text = "收到申请12件，办结10件"
    assert isinstance(ours, LazyPattern)
    assert ours._compiled is None  # nothing compiled before the first use
    assert ours.pattern == source
    assert ours._compiled is None
    assert ours.search(text).group("n") == theirs.search(text).group("n")  # type: ignore[union-attr]
    assert ours.match(text) is None
    assert theirs.match(text) is None
    assert ours.fullmatch("3件") is not None
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
    assert ours.findall(text) == theirs.findall(text)
    assert ours.sub("N", text) == theirs.sub("N", text)
    assert ours.subn(lambda m: m.group(0) * 2, text, 1) == theirs.subn(lambda m: m.group(0) * 2, text, 1)
    assert ours.split(text) == theirs.split(text)
    assert [m.start() for m in (ours.search(text, 5), theirs.search(text, 5)) if m] == [5, 5]
    assert (ours.flags, ours.groups, dict(ours.groupindex)) == (theirs.flags, theirs.groups, dict(theirs.groupindex))


def test_loading_the_plugins_compiles_no_rule_pattern() -> None:
    code = (
        "import sys\n"
        "from govdisclosure.plugins import get_plugin_manager\n"
        "from govdisclosure._patterns import LazyPattern\n"
        "get_plugin_manager().rules\n"
        "made = [v for m in list(sys.modules.values()) if getattr(m, '__name__', '').startswith('govdisclosure')\n"
        "        for v in vars(m).values() if isinstance(v, LazyPattern)]\n"
        "print(len(made), sum(p._compiled is not None for p in made))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    made, compiled = map(int, result.stdout.split())
    assert made > 30
    assert compiled == 0


def test_pyyaml_is_imported_with_its_patterns_compiled_on_use() -> None:
    import subprocess
    import sys

    probe = """
import re, datetime
compile_ = re.compile
from govdisclosure._yaml import yaml
assert re.compile is compile_, "re.compile is given back"
assert type(yaml.reader.Reader.NON_PRINTABLE).__name__ == "LazyPattern"
assert isinstance(re.compile("x"), re.Pattern)
# PyYAML's own pure-Python loader works with its lazy patterns: resolvers, timestamps, the reader's check.
assert yaml.safe_load("a: 2020-01-02\\nb: 0x1F\\nc: yes\\nd: 1.5e+3\\ne: ~") == {
    "a": datetime.date(2020, 1, 2), "b": 31, "c": True, "d": 1500.0, "e": None}
try:
    yaml.safe_load("a: \\x07")
except yaml.reader.ReaderError:
    pass
else:
    raise AssertionError("an unprintable character is refused")
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert result.stdout.strip() == "ok", result.stderr
