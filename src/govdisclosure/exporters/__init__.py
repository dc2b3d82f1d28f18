"""The exporter contract and the registry exporters are registered in.

An exporter turns a :class:`~govdisclosure.model.Report` into one file format.  Its
identity is class data (``name``, ``suffix``, ``media_type``), its options are keyword
arguments of its constructor, and :meth:`Exporter.export` writes one report to a
binary stream.  A format that embeds the report's data (:func:`embedded_data`) also
reads it back with :meth:`Exporter.read_embedded`, which is how ``govdisclosure verify``
checks a file of any installed format.  Plugins add exporters through the ``register_exporters`` hook
(:mod:`govdisclosure.hookspecs`); the built-in ones in this package do the same.
"""

from __future__ import annotations

import abc
import inspect
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar

import attrs

from govdisclosure.model import Report
from govdisclosure.registry import Registry
from govdisclosure.serialization import dumps_json

if TYPE_CHECKING:
    from govdisclosure._files import reproducible_zip

__all__ = [
    "Availability",
    "DuplicateExporterError",
    "Embedded",
    "EmbeddedReadError",
    "Exporter",
    "ExporterOption",
    "ExporterRegistry",
    "RegisteredExporter",
    "Visible",
    "embedded_data",
    "reproducible_zip",
]


@attrs.frozen
class Availability:
    """Whether an exporter can run here; if not, why and what to do about it."""

    available: bool
    reason: str | None = None
    hint: str | None = None

    @classmethod
    def ok(cls) -> Availability:
        return cls(True)


def embedded_data(report: Report) -> tuple[bytes, str]:
    """The bytes a format embeds (the canonical JSON) and their SHA-256 in hex."""
    import hashlib  # OpenSSL's binding, 3 ms of every start: check and validate do not hash

    data = dumps_json(report).encode("utf-8")
    return data, hashlib.sha256(data).hexdigest()


@attrs.frozen
class Visible:
    """One piece of a file's visible content, in document order, with its place in words.

    A format that reports its visible content this way (a paragraph, a table cell, a line
    of a page) is verified exactly: ``verify`` renders the embedded data again with the
    same exporter, reads that file the same way, and compares the two item by item.
    """

    place: str
    """Where the item stands, for a reader: ``paragraph 12``, ``table 2 (under 「…」), row 「…」, column 「…」``,
    ``page 3, line 7``."""
    text: str
    """The visible text, normalised (runs of white space as one space, trimmed)."""


@attrs.frozen
class Embedded:
    """What a published file of a format carries, as :meth:`Exporter.read_embedded` finds it."""

    data: bytes | None
    """The embedded canonical JSON, or ``None`` when the file has none (a foreign file of the format)."""
    sha256: str | None
    """The SHA-256 the file states for the data, in hex."""
    visible: str | tuple[Visible, ...]
    """The file's visible content: every paragraph and table cell (or every line of every page) as
    :class:`Visible` items in document order, compared exactly with a fresh rendering of the data.
    A plain string (the text of the visible tables, a row a line) is the older contract: ``verify``
    then only checks that each table row's numbers stand in it, and says so."""


class EmbeddedReadError(ValueError):
    """The file looks like the format's but cannot be read (a broken PDF, a zip with a bad entry)."""


_NO_DEFAULT = inspect.Parameter.empty


@attrs.frozen
class ExporterOption:
    """One option of an exporter: a keyword argument of its constructor (``-O FORMAT.NAME=VALUE``)."""

    name: str
    default: object
    """The default value; :attr:`required` says whether there is none."""
    type: str
    """The annotation as written in the source (``"str | None"``), or ``""``."""
    required: bool = False

    @property
    def shown_default(self) -> str:
        """The default as a user types it: ``true``, ``none``, ``standalone``; ``(required)`` if none."""
        if self.required:
            return "(required)"
        if isinstance(self.default, bool):
            return str(self.default).lower()
        if self.default is None:
            return "none"
        return str(self.default)


class Exporter(abc.ABC):
    """Base class of every exporter.

    Subclasses set the class attributes and implement :meth:`export`.  Options go in
    ``__init__`` as keyword arguments with defaults; raise ``ValueError`` for a bad one.
    """

    name: ClassVar[str]
    """The format's name, as users type it: ``--to html``.  Lower case, unique."""
    suffix: ClassVar[str]
    """The file name suffix, with its dot: ``.html``."""
    media_type: ClassVar[str]
    """The IANA media type: ``text/html``."""
    description: ClassVar[str] = ""
    """One line for ``govdisclosure formats``."""

    @classmethod
    def options(cls) -> tuple[ExporterOption, ...]:
        """The options the constructor takes (its keyword arguments), in order, with their defaults."""
        out: list[ExporterOption] = []
        if cls.__init__ is object.__init__:  # no constructor of its own: no options
            return ()
        for parameter in inspect.signature(cls.__init__).parameters.values():
            if parameter.name == "self" or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                continue
            annotation = parameter.annotation
            shown = "" if annotation is _NO_DEFAULT else getattr(annotation, "__name__", str(annotation))
            required = parameter.default is _NO_DEFAULT
            out.append(ExporterOption(parameter.name, None if required else parameter.default, shown, required))
        return tuple(out)

    @classmethod
    def accepts_any_option(cls) -> bool:
        """Whether the constructor takes ``**kwargs`` (then any option name is passed through)."""
        if cls.__init__ is object.__init__:
            return False
        return any(p.kind is p.VAR_KEYWORD for p in inspect.signature(cls.__init__).parameters.values())

    @classmethod
    def availability(cls) -> Availability:
        """Whether the exporter can run here (a missing optional dependency or font says no).

        Called before the exporter is used; it must be cheap and must not raise.
        """
        return Availability.ok()

    def warm(self) -> None:  # noqa: B027 - optional, with a do-nothing default
        """Load what every export needs (templates, fonts), ahead of time.

        Called once before a batch starts its worker processes, which then share what was
        loaded instead of each loading it again.  Optional: the default does nothing.
        """

    @classmethod
    def read_embedded(cls, content: bytes) -> Embedded | None:
        """The data a file of this format carries, or ``None`` if ``content`` is not of this format.

        Formats that embed the report (:func:`embedded_data`) implement it; the default says
        the format embeds nothing, so its files cannot be verified.  Raise
        :class:`EmbeddedReadError` for a file of the format that cannot be read.  Must not
        trust ``content``: check sizes before inflating anything.
        """
        return None

    @classmethod
    def read_data(cls, content: bytes) -> bytes | None:
        """Only the embedded data of a file of this format (``None`` if it has none or is not of the format).

        A render checks with it that every output of one report carries the same data.  The
        default reads it through :meth:`read_embedded`; a format whose visible content is
        costly to extract reads just the data.
        """
        found = cls.read_embedded(content)
        return found.data if found else None

    @abc.abstractmethod
    def export(self, report: Report, out: BinaryIO) -> None:
        """Write ``report`` to ``out``.  Do not close ``out``.

        The same report must give the same bytes every time (no clock, no randomness).
        """


class DuplicateExporterError(ValueError):
    """Two plugins registered exporters with the same name."""


@attrs.frozen
class RegisteredExporter:
    """An exporter class and the plugin that registered it."""

    exporter: type[Exporter]
    plugin: str


class ExporterRegistry(Registry[RegisteredExporter]):
    """What the ``register_exporters`` hook fills: format name → exporter class."""

    kind = "format name"
    clash = DuplicateExporterError
    hook = "register_exporters"

    def describe(self, item: RegisteredExporter) -> str:
        return f"{item.exporter.__module__}.{item.exporter.__qualname__}"

    def add(self, exporter: type[Exporter]) -> None:
        """Register an exporter class.  A name already taken is an error naming both owners."""
        if not (isinstance(exporter, type) and issubclass(exporter, Exporter)):
            raise TypeError(f"{exporter!r} is not a govdisclosure.exporters.Exporter subclass")
        for attribute in ("name", "suffix", "media_type"):
            if not isinstance(getattr(exporter, attribute, None), str):
                raise TypeError(f"{exporter.__qualname__} has no {attribute} (a class attribute, a string)")
        self._add(exporter.name, RegisteredExporter(exporter, self.current_plugin()))

    def get(self, name: str) -> RegisteredExporter | None:
        entry = self.get_entry(name)
        return entry.item if entry else None

    def entries(self) -> tuple[RegisteredExporter, ...]:
        return self.items()


def __getattr__(name: str) -> Any:
    # For exporters that write ZIP packages: loaded when asked for (it brings zipfile and tempfile).
    if name == "reproducible_zip":
        from govdisclosure._files import reproducible_zip

        return reproducible_zip
    raise AttributeError(f"module 'govdisclosure.exporters' has no attribute {name!r}")
