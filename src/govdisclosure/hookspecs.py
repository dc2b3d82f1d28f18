"""The hooks a govdisclosure plugin can implement.

A plugin is a module (or object) with functions marked ``@hookimpl``, registered
through the entry-point group ``govdisclosure``::

    [project.entry-points.govdisclosure]
    xlsx = "govdisclosure_xlsx"

Hooks are few and coarse: each hands the plugin a typed registry to fill.  The
built-in exporters and rule sets are plugins too and use exactly these hooks.  Every
call goes through pluggy, so ``@hookimpl(tryfirst=True)``, ``trylast`` and hook
wrappers (``@hookimpl(wrapper=True)``) behave as pluggy documents; without them the
plugins are called in the order they are loaded: the built-in ones first, then those
given to the manager, then the installed ones.  Whatever a plugin registers is recorded
as its own (``registry.plugin_of(name)``).  A plugin that implements a hook not listed
here (a misspelled name) is reported and skipped.  A plugin that adds a report format
(an edition) needs no hook: its module defines the edition when it is loaded
(:func:`govdisclosure.editions.register`).  docs/plugins.md
documents every hook here (a test checks it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from govdisclosure.exporters import ExporterRegistry
    from govdisclosure.validation.registry import RuleRegistry

__all__ = ["PROJECT_NAME", "hookimpl", "hookspec", "register_exporters", "register_rules"]

PROJECT_NAME = "govdisclosure"
"""The one name of markers, manager and entry-point group."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_exporters(registry: ExporterRegistry) -> None:
    """Add the plugin's exporters: call ``registry.add(ExporterClass)`` for each.

    Called once per plugin manager, when the formats are first needed (listing
    formats, rendering).  Every plugin's implementation is called, in registration
    order; the return value is ignored (this hook is not ``firstresult``).  A format
    name already taken by another plugin raises
    :class:`~govdisclosure.exporters.DuplicateExporterError` naming both.  An
    implementation that raises is reported as a broken plugin and skipped (fatal
    with ``GOVDISCLOSURE_STRICT_PLUGINS=1``).  Do not import heavy libraries here:
    import them inside ``export`` and report their absence from ``availability``.
    """


@hookspec
def register_rules(registry: RuleRegistry) -> None:
    """Add the plugin's validation rules: ``registry.add(Rule(...))`` or the
    ``@registry.rule(code, severity, ...)`` decorator on a check function.

    Called once per plugin manager, when a report is first validated.  Every plugin's
    implementation is called, in registration order (the built-in rule sets first);
    the return value is ignored (not ``firstresult``).  A rule code already taken is
    an error naming both plugins.  A check receives a
    :class:`~govdisclosure.validation.registry.Context` (the report, and last year's
    when given) and yields :class:`~govdisclosure.validation.findings.Issue` objects;
    the engine adds the rule's code and severity.  A check that raises is reported as
    a finding of its rule, never as a crash of ``validate``.
    """
