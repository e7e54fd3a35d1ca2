"""Experiment files: TOML -> one settings object per stage, with dotted overrides.

    cfg = load_config("experiments/sample.toml", overrides=["topics.k=10:30:10"])
    cfg.topics.ks, cfg.run.seed, cfg.path(cfg.corpus.paths[0])

Defaults come from ``topics.settings`` (the one place they are written); the file and
then the overrides change them. Unknown sections or settings, wrong types and values
out of range are errors that name the setting.
"""
from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path

from topics.errors import ConfigError
from topics.settings import SECTIONS


class Config:
    """Every stage's settings, by section name: ``cfg.topics``, ``cfg.run`` … (one
    attribute per class in ``topics.settings.SECTIONS``)."""

    def __init__(self, sections: dict, base_dir: str = "."):
        self.sections, self.base_dir = dict(sections), base_dir

    def __getattr__(self, name: str):
        sections = self.__dict__.get("sections", {})
        if name in sections:
            return sections[name]
        raise AttributeError(f"Config has no section {name!r}; sections: {', '.join(sections)}")

    def path(self, p: str) -> Path:
        """A path from the config, relative to the experiment file's folder."""
        q = Path(p).expanduser()
        return q if q.is_absolute() else Path(self.base_dir) / q

    def resolved(self) -> dict:
        """Every setting's value, by section (what ``config.json`` records)."""
        return {name: section.as_dict() for name, section in self.sections.items()}


def _parse_value(raw: str):
    """An override value in TOML syntax; a bare word is taken as a string."""
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        if raw and not any(c in raw for c in "[]{}\"'="):
            return raw
        raise ConfigError(f"cannot read {raw!r} as a value; quote strings, "
                          "e.g. --set corpus.paths='[\"a.jsonl\"]'") from None


def apply_override(d: dict, item: str) -> None:
    """``section.name=value`` into ``d`` (``{section: {name: value}}``)."""
    known = {cls.SECTION: cls for cls in SECTIONS}
    key, sep, raw = item.partition("=")
    parts = key.strip().split(".")
    if not sep or len(parts) != 2:
        raise ConfigError(f"override {item!r} must look like section.name=value, "
                          "e.g. topics.k=20")
    section, name = parts
    if section not in known:
        raise ConfigError(f"unknown section {section!r} in {key!r}; sections: "
                          f"{', '.join(sorted(known))}")
    names = [f.name for f in fields(known[section])]
    if name not in names:
        raise ConfigError(f"unknown setting {key!r}; [{section}] has {', '.join(sorted(names))}")
    d.setdefault(section, {})[name] = _parse_value(raw.strip())


def _read_file(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    except FileNotFoundError:
        raise ConfigError(f"experiment file {path} not found") from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise ConfigError(f"{path} is not a UTF-8 TOML file ({exc})") from None
    known = {cls.SECTION for cls in SECTIONS}
    for section, values in data.items():
        if section not in known:
            raise ConfigError(f"{path}: unknown section [{section}]; known: "
                              f"{', '.join(sorted(known))}")
        if not isinstance(values, dict):
            raise ConfigError(f"{path}: {section} must be a section ([{section}] and its "
                              f"settings below it), got {section} = {values!r}")
    return data


def load_config(path=None, overrides=()) -> Config:
    """Defaults, then the experiment file, then ``overrides``; validated once."""
    d: dict = {}
    base_dir = "."
    if path is not None:
        path = Path(path)
        d = _read_file(path)
        base_dir = str(path.resolve().parent)
    for item in overrides:
        apply_override(d, item)
    where = f"{path}: " if path is not None else ""
    sections = {cls.SECTION: cls.from_dict(d.get(cls.SECTION, {}), where)
                for cls in SECTIONS}
    return Config(sections, base_dir)


def check_paths(cfg: Config) -> None:
    """The corpus must be named and exist (checked before any work starts)."""
    if not cfg.corpus.paths:
        raise ConfigError("corpus.paths is empty: name the files or folders to analyse")
    from topics.spark.files import is_uri   # URIs are for Spark to find

    missing = [p for p in cfg.corpus.paths
               if not (cfg.spark.master and is_uri(p)) and not cfg.path(p).exists()]
    if missing:
        raise ConfigError(f"corpus path(s) not found: {', '.join(missing)} "
                          f"(relative paths are read from {cfg.base_dir})")
