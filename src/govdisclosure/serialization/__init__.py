"""Reading and writing reports: the one cattrs converter, YAML and JSON, the JSON Schema.

- :func:`load` / :func:`loads` read a report from YAML (the authoring format) or JSON
  and return a :class:`~govdisclosure.model.Report`.  Every problem in the file is
  collected, not just the first, and raised together as :class:`ReportLoadError`,
  each with its path (``$.requests.withheld.state_secret.natural_person``), a plain
  message and, for YAML, its line.
- :func:`to_data` / :func:`from_data` convert between a report and plain data.
- :func:`dumps_json` writes canonical JSON: declaration key order, UTF-8 Chinese,
  Decimal amounts written exactly as numbers; :func:`dumps_yaml` the authoring format.
- :func:`json_schema` describes the input, for editors and other languages.

The modules: :mod:`.errors` (problems), :mod:`.values` (single values),
:mod:`.converter` (the converter), :mod:`.reading`, :mod:`.writing`, :mod:`.schema`,
:mod:`.editing` (rewriting paragraphs of a YAML file, its comments kept),
and :mod:`.yaml_reader` (the strict YAML reader the others and the acknowledgement
files use).
"""

from __future__ import annotations

from govdisclosure.serialization.converter import SCHEMA_VERSION, converter, from_data, layouts, to_data
from govdisclosure.serialization.editing import replace_paragraphs
from govdisclosure.serialization.errors import LoadProblem, ReportLoadError
from govdisclosure.serialization.reading import MAX_FILE_BYTES, load, loads
from govdisclosure.serialization.schema import json_schema
from govdisclosure.serialization.writing import dumps_exact, dumps_json, dumps_yaml
from govdisclosure.serialization.yaml_reader import YamlReadError, read_yaml

__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "LoadProblem",
    "ReportLoadError",
    "YamlReadError",
    "converter",
    "dumps_exact",
    "dumps_json",
    "dumps_yaml",
    "from_data",
    "json_schema",
    "layouts",
    "load",
    "loads",
    "read_yaml",
    "replace_paragraphs",
    "to_data",
]
