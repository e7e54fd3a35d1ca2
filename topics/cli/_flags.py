"""Command-line flags derived from ``topics.settings`` (nothing here declares a default).

``add_settings(parser, ReadSettings, TopicSettings)`` adds a flag per setting: ``--key``
(or the setting's own spelling), typed, with the setting's help and default in the
help text. ``settings_from_args(args, …)`` makes the settings objects from the flags
given, so validation and its messages are the settings' own.
"""
from __future__ import annotations

import argparse
from dataclasses import fields

from topics.settings import Section, _hints, from_kwargs


def flag_of(cls: type[Section], name: str) -> str:
    """``--key`` (``--no-key`` for a switch that is on by default), or the setting's own
    spelling."""
    f = next(f for f in fields(cls) if f.name == name)
    key = (f.metadata["key"] or f.name).replace("_", "-")
    off = _hints(cls)[name] is bool and f.default is True
    return f.metadata["flag"] or (f"--no-{key}" if off else f"--{key}")


def _help(f, kind) -> str:
    text = f.metadata["help"].replace("%", "%%")
    if kind is bool:
        return f"turn off: {text}" if f.default else text
    return text if f.default == "" else f"{text} (default: {f.default})"


def _add(group, cls: type[Section], f) -> None:
    kind = _hints(cls)[f.name]
    key = f.metadata["key"] or f.name
    names = [n for n in (f.metadata["short"], flag_of(cls, f.name)) if n]
    common = dict(dest=key, default=argparse.SUPPRESS, help=_help(f, kind))
    if kind is bool:
        group.add_argument(*names, action="store_false" if f.default else "store_true",
                           **common)
    else:
        metavar = f.metadata["metavar"] or ("N" if kind in (int, float) else None)
        if f.metadata["choices"]:
            common["choices"] = f.metadata["choices"]
        group.add_argument(*names, type=kind if kind in (int, float) else str,
                           metavar=metavar, **common)


def add_settings(parser: argparse.ArgumentParser, *classes: type[Section],
                 exclude: tuple[str, ...] = ()) -> None:
    """One argument group per settings class, a flag per command-line setting."""
    table = dict(getattr(parser, "_topics_flags", {}))
    for cls in classes:
        group = parser.add_argument_group(" ".join(cls.__doc__.split()).rstrip("."))
        for f in fields(cls):
            key = f.metadata["key"] or f.name
            if f.metadata["cli"] and key not in exclude:
                _add(group, cls, f)
                table[cls.SECTION, f.name] = flag_of(cls, f.name)   # errors name the flag
    parser._topics_flags = table
    parser.set_defaults(_flags=table)


def settings_from_args(args: argparse.Namespace, *classes: type[Section]) -> dict:
    """``{cls: cls(...)}`` from the flags given on the command line."""
    from topics.settings import by_key

    keys = by_key(classes)
    given = {k: v for k, v in vars(args).items() if k in keys}
    return from_kwargs(classes, given, "the command line")
