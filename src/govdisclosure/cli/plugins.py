"""``govdisclosure plugins`` and ``govdisclosure formats``: what is installed, and what can run here."""

from __future__ import annotations

import argparse
import json

from govdisclosure.cli.common import EXIT_OK, load_plugins, table

__all__ = ["register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    formats = commands.add_parser(
        "formats",
        help="list the formats, whether each can run here and why not",
        description="List every output format the installed plugins provide, whether it can run on this machine, "
        "and, if not, why and how to fix it.",
    )
    formats.add_argument("--json", action="store_true", help="print JSON")
    formats.add_argument(
        "--options", action="store_true", help="list every format's options (-O FORMAT.OPTION=VALUE) with defaults"
    )
    formats.set_defaults(run=run_formats)

    plugins = commands.add_parser(
        "plugins",
        help="list the installed plugins: name, version, hooks, formats",
        description="List the plugins govdisclosure loaded (the built-in ones and those installed through the "
        "entry point group 'govdisclosure'): package, version, the hooks each implements, what each registered.",
    )
    plugins.add_argument("--json", action="store_true", help="print JSON")
    plugins.set_defaults(run=run_plugins)


def run_plugins(args: argparse.Namespace) -> int:
    import attrs

    infos = load_plugins(args).info()
    if args.json:
        print(json.dumps([attrs.asdict(info) for info in infos], ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [(i.name, i.package, i.version, ", ".join(i.hooks) or "—", ", ".join(i.formats) or "—") for i in infos]
    print("\n".join(table(("PLUGIN", "PACKAGE", "VERSION", "HOOKS", "FORMATS"), rows)))
    return EXIT_OK


def _run_options(args: argparse.Namespace) -> int:
    from govdisclosure.rendering import exporter_options

    options = exporter_options(plugins=load_plugins(args))
    if args.json:
        listed = {
            fmt: [{"name": o.name, "default": o.shown_default, "type": o.type, "required": o.required} for o in opts]
            for fmt, opts in options.items()
        }
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [(f"-O {fmt}.{o.name}=…", o.shown_default, o.type) for fmt, opts in options.items() for o in opts]
    print("\n".join(table(("OPTION", "DEFAULT", "TYPE"), rows)))
    bare = [fmt for fmt, opts in options.items() if not opts]
    if bare:
        print(f"  no options: {', '.join(bare)}")
    return EXIT_OK


def run_formats(args: argparse.Namespace) -> int:
    import attrs

    from govdisclosure.rendering import formats

    if args.options:
        return _run_options(args)
    infos = formats(plugins=load_plugins(args))
    if args.json:
        print(json.dumps([attrs.asdict(info) for info in infos], ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [(i.name, i.suffix, "yes" if i.available else "NO", i.plugin, i.description) for i in infos]
    print("\n".join(table(("FORMAT", "SUFFIX", "AVAILABLE", "PLUGIN", "DESCRIPTION"), rows)))
    for info in infos:
        for role, face in info.fonts:
            print(f"  {info.name} {role}: {face}")
    for info in infos:
        if not info.available:
            hint = f"\n    to fix: {info.hint}" if info.hint else ""
            print(f"  {info.name} is unavailable: {info.reason}{hint}")
    return EXIT_OK
