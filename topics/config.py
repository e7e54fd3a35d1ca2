"""Experiment configuration: TOML -> frozen dataclasses, validated once, with dotted overrides.

    cfg = load_config("experiments/xwlb.toml", overrides=["topics.k=10:30:10", "run.seed=2"])

The shipped defaults (``topics/data/experiment.toml``, commented) are read first; the
experiment file and the overrides change them. Unknown keys and wrong types are errors.
"""
from __future__ import annotations

import copy
import math
import tomllib
from dataclasses import asdict, dataclass, fields
from importlib import resources
from pathlib import Path

from topics.errors import ConfigError


@dataclass(frozen=True)
class RunSection:
    name: str
    seed: int
    workers: int
    runs_dir: str


@dataclass(frozen=True)
class CorpusSection:
    paths: tuple[str, ...]
    unit: str
    simplified: bool
    split: bool


@dataclass(frozen=True)
class SegmentSection:
    engine: str
    policy_terms: bool
    stopwords: bool
    policy_stopwords: bool
    min_len: int
    terms_file: str


@dataclass(frozen=True)
class TopicsSection:
    enabled: bool
    k: str
    n_seeds: int
    engine: str
    iterations: int
    min_df: float
    max_df: float
    min_tokens: int
    seeded: bool
    themes_file: str


@dataclass(frozen=True)
class ClassifierSection:
    enabled: bool
    annotations: tuple[str, ...]
    model: str
    C: float
    folds: int
    vectors: str
    vector_weight: float


@dataclass(frozen=True)
class LabelSection:
    enabled: bool
    bootstrap: int


@dataclass(frozen=True)
class Config:
    run: RunSection
    corpus: CorpusSection
    segment: SegmentSection
    topics: TopicsSection
    classifier: ClassifierSection
    label: LabelSection
    base_dir: str = "."

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("base_dir")
        return d

    def path(self, p: str) -> Path:
        """A path from the config, relative to the experiment file's folder."""
        q = Path(p)
        return q if q.is_absolute() else Path(self.base_dir) / q


SECTIONS = {f.name: f.type for f in fields(Config) if f.name != "base_dir"}
_CLASSES = {"run": RunSection, "corpus": CorpusSection, "segment": SegmentSection, "topics": TopicsSection,
            "classifier": ClassifierSection, "label": LabelSection}


def default_dict() -> dict:
    text = resources.files("topics.data").joinpath("experiment.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _parse_value(raw: str, current):
    """Parse an override value with TOML syntax, falling back to a bare string."""
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        if isinstance(current, str):
            return raw
        raise ConfigError(f"cannot read {raw!r} as a value; quote strings, e.g. --set corpus.unit='\"article\"'") from None


def apply_override(d: dict, item: str) -> None:
    if "=" not in item:
        raise ConfigError(f"override {item!r} must look like section.key=value, e.g. topics.k=20")
    key, raw = item.split("=", 1)
    parts = key.strip().split(".")
    if len(parts) != 2 or parts[0] not in d or parts[1] not in d[parts[0]]:
        raise ConfigError(f"unknown setting {key!r}; known: {', '.join(f'{s}.{k}' for s in d for k in d[s])}")
    d[parts[0]][parts[1]] = _parse_value(raw.strip(), d[parts[0]][parts[1]])


def _merge(base: dict, new: dict, where: str) -> None:
    for section, values in new.items():
        if section not in base or not isinstance(values, dict):
            raise ConfigError(f"{where}: unknown section [{section}]; known: {', '.join(base)}")
        for key, value in values.items():
            if key not in base[section]:
                raise ConfigError(f"{where}: unknown setting {section}.{key}; known: {', '.join(base[section])}")
            base[section][key] = value


def _build(d: dict, base_dir: str) -> Config:
    sections = {}
    for name, cls in _CLASSES.items():
        kwargs = {}
        for f in fields(cls):
            value = d[name][f.name]
            want = f.type if isinstance(f.type, type) else None
            if "tuple" in str(f.type):
                if not isinstance(value, list):
                    raise ConfigError(f"{name}.{f.name} must be a list, got {value!r}")
                value = tuple(str(v) for v in value)
            elif f.type in ("float", float) and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            elif f.type in ("str", str) and isinstance(value, int) and name == "topics" and f.name == "k":
                value = str(value)
            expected = {"int": int, "float": float, "str": str, "bool": bool}.get(str(f.type), want)
            if expected and not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise ConfigError(f"{name}.{f.name} must be {expected.__name__}, got {value!r}")
            kwargs[f.name] = value
        sections[name] = cls(**kwargs)
    cfg = Config(**sections, base_dir=base_dir)
    _check(cfg)
    return cfg


def _check(cfg: Config) -> None:
    if cfg.corpus.unit not in ("paragraph", "article"):
        raise ConfigError(f"corpus.unit must be 'paragraph' or 'article', got {cfg.corpus.unit!r}")
    if cfg.run.workers < 1:
        raise ConfigError(f"run.workers must be at least 1, got {cfg.run.workers}")
    if not cfg.corpus.paths:
        raise ConfigError("corpus.paths is empty: name the files or folders to analyse")
    for name, value, low in (("topics.n_seeds", cfg.topics.n_seeds, 1), ("label.bootstrap", cfg.label.bootstrap, 1),
                             ("classifier.folds", cfg.classifier.folds, 2), ("topics.iterations", cfg.topics.iterations, 0)):
        if value < low:
            raise ConfigError(f"{name} must be at least {low}, got {value}")
    if cfg.classifier.C <= 0:
        raise ConfigError(f"classifier.C must be positive, got {cfg.classifier.C}")
    if not (math.isfinite(cfg.classifier.vector_weight) and cfg.classifier.vector_weight > 0):
        raise ConfigError(f"classifier.vector_weight must be positive, got {cfg.classifier.vector_weight}")
    from topics.topicmodel.discover import parse_k

    parse_k(cfg.topics.k)
    missing = [p for p in cfg.corpus.paths if not cfg.path(p).exists()]
    if missing:
        raise ConfigError(f"corpus path(s) not found: {', '.join(missing)} (relative paths are read from {cfg.base_dir})")
    if cfg.topics.engine not in ("tomotopy", "gensim", "sklearn"):
        raise ConfigError(f"topics.engine must be tomotopy, gensim or sklearn, got {cfg.topics.engine!r}")


def load_config(path=None, overrides: list[str] = ()) -> tuple[Config, dict]:
    """``(config, resolved dict)``: defaults, then the file, then ``overrides``."""
    d = copy.deepcopy(default_dict())
    base_dir = "."
    if path is not None:
        path = Path(path)
        try:
            _merge(d, tomllib.loads(path.read_text(encoding="utf-8")), str(path))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from None
        except FileNotFoundError:
            raise ConfigError(f"experiment file {path} not found") from None
        base_dir = str(path.resolve().parent)
    for item in overrides:
        apply_override(d, item)
    return _build(d, base_dir), d
