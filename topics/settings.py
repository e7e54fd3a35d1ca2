"""Every setting of the package, written once: type, default, limits and help.

Each stage has a frozen dataclass of settings (``ReadSettings``, ``TopicSettings`` …).
A field declares its default, limits and help beside it with ``setting(...)``, after
scikit-learn's ``_parameter_constraints``; values are validated once, when the object is
made, and an error names the setting. From the same declarations come

* Python keyword arguments: ``topics.discover(corpus, k=20, min_df=3)``;
* command-line flags: ``--k 20 --min-df 3`` (``topics.cli._flags``);
* the experiment file ``[topics] k = 20`` (``topics.config``) and its commented
  template (``template()``, written by ``topics init``).

A setting's *key* is its field name (its TOML name inside the section), unless two
stages would share it: the segmenter's engine is ``segmenter``, the theme file
``themes``. Keys of command-line settings are unique across all stages.
"""
from __future__ import annotations

import math
import re
import typing
from dataclasses import MISSING, dataclass, field, fields
from functools import lru_cache

from topics.errors import ConfigError


class SettingError(ConfigError):
    """A setting has a value the package cannot use. ``key``: its name for keyword
    arguments and flags; ``where``: ``section.name`` in an experiment file."""

    def __init__(self, section: str, name: str, key: str, problem: str):
        self.section, self.name, self.key, self.problem = section, name, key, problem
        super().__init__(f"{section}.{name}: {problem}")

    def __reduce__(self):
        return (type(self), (self.section, self.name, self.key, self.problem))


def setting(default, help: str, *, low=None, high=None, above=None, choices=None,
            key: str | None = None, flag: str | None = None, short: str | None = None,
            cli: bool = True, path: bool = False, metavar: str | None = None):
    """A settings field. ``low``/``high``: inclusive limits; ``above``: exclusive lower
    limit; ``flag``: a command-line spelling other than ``--key`` (for booleans that
    default to true, the flag turns them off); ``cli=False``: experiment file only;
    ``path``: a file or folder, relative to the experiment file."""
    meta = {"help": help, "low": low, "high": high, "above": above, "choices": choices,
            "key": key, "flag": flag, "short": short, "cli": cli, "path": path,
            "metavar": metavar}
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Section:
    """Base of every stage's settings: validation on creation, and introspection."""

    SECTION: typing.ClassVar[str] = ""

    def __post_init__(self):
        hints = _hints(type(self))
        for f in fields(self):
            value = _coerce(self, f, hints[f.name], getattr(self, f.name))
            object.__setattr__(self, f.name, value)
        self._check()

    def _check(self) -> None:
        """Rules that involve more than one field's type and limits (override)."""

    def error(self, name: str, problem: str) -> SettingError:
        return SettingError(self.SECTION, name, key_of(type(self), name), problem)

    def replace(self, **changes) -> "Section":
        """A copy with some values changed (validated again)."""
        return type(self)(**{**self.as_dict(), **changes})

    def as_dict(self) -> dict:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, values: dict, where: str = "") -> "Section":
        """From an experiment file's section; unknown names are errors."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"{where}unknown setting {cls.SECTION}.{unknown[0]}; "
                              f"[{cls.SECTION}] has {', '.join(sorted(known))}")
        return cls(**values)


@lru_cache(maxsize=None)
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def key_of(cls, name: str) -> str:
    f = next(f for f in fields(cls) if f.name == name)
    return f.metadata.get("key") or f.name


def _coerce(obj: Section, f, kind, value):
    """Check ``value`` against the field's type and limits; return it normalised."""
    m = f.metadata
    if kind is bool:
        if not isinstance(value, bool):
            raise obj.error(f.name, f"must be true or false, got {value!r}")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise obj.error(f.name, f"must be a whole number, got {value!r}")
    elif kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise obj.error(f.name, f"must be a number, got {value!r}")
        if not math.isfinite(value):
            raise obj.error(f.name, f"must be a finite number, got {value!r}")
        value = float(value)
    elif kind is str:
        if isinstance(value, int) and not isinstance(value, bool) and f.name == "k":
            value = str(value)
        if not isinstance(value, str):
            raise obj.error(f.name, f"must be text, got {value!r}")
    else:  # tuple[str, ...]
        if isinstance(value, str) or not isinstance(value, (list, tuple)) \
                or not all(isinstance(v, str) for v in value):
            raise obj.error(f.name, f"must be a list of strings, got {value!r}")
        return tuple(value)
    _check_limits(obj, f.name, m, value)
    return value


def _check_limits(obj: Section, name: str, m: dict, value) -> None:
    if m["choices"] is not None and value not in m["choices"]:
        raise obj.error(name, f"must be one of {', '.join(map(str, m['choices']))}, "
                              f"got {value!r}")
    if m["low"] is not None and value < m["low"]:
        raise obj.error(name, f"must be at least {m['low']}, got {value!r}")
    if m["high"] is not None and value > m["high"]:
        raise obj.error(name, f"must be at most {m['high']}, got {value!r}")
    if m["above"] is not None and value <= m["above"]:
        raise obj.error(name, f"must be more than {m['above']}, got {value!r}")


# -- the stages --------------------------------------------------------------------
@dataclass(frozen=True)
class RunSettings(Section):
    """Run-wide settings: seed, worker processes, where run folders go."""

    SECTION: typing.ClassVar[str] = "run"
    name: str = setting("experiment", "the run folder is runs/<date>-<time>_<name>",
                        cli=False)
    seed: int = setting(0, "one seed for everything random (topic models, CV folds, "
                           "bootstrap)", low=0)
    workers: int = setting(1, "worker processes, -1 = every core; reading, segmentation "
                              "and labelling give the same output with any number",
                           low=-1, high=512, short="-j")
    runs_dir: str = setting("runs", "where run folders are created", cli=False, path=True)

    def _check(self):
        if self.workers == 0:
            raise self.error("workers", "must be 1 or more, or -1 for every core; got 0")


@dataclass(frozen=True)
class CorpusSettings(Section):
    """The texts an experiment analyses."""

    SECTION: typing.ClassVar[str] = "corpus"
    paths: tuple[str, ...] = setting((), "files or folders `topics ingest` reads",
                                     cli=False, path=True)


@dataclass(frozen=True)
class ReadSettings(Section):
    """How files are read and cleaned into articles."""

    SECTION: typing.ClassVar[str] = "read"
    simplified: bool = setting(True, "convert traditional characters to simplified",
                               flag="--keep-traditional")
    split: bool = setting(True, "split a text page that holds several articles at its "
                                "headlines and bylines", flag="--no-split")
    text_column: str = setting("text", "CSV/TSV column holding the text",
                               metavar="NAME")
    id_column: str = setting("", "CSV/TSV column holding the article id (none: a column "
                                 "named id, else the file name and row number)",
                             metavar="NAME")
    title_column: str = setting("", "CSV/TSV column holding the title (none: a column "
                                    "named title)", metavar="NAME")
    max_mb: float = setting(200.0, "refuse files (or decompressed .gz) larger than this",
                            above=0, high=1e6, metavar="MB")
    html: str = setting("main", "what to keep of a web page: 'main', its article text and "
                                "metadata (one article per page); 'full', all visible text, "
                                "cleaned and split like a text page", choices=("main", "full"))

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 2**20)

    def _check(self) -> None:
        if not self.text_column.strip():
            raise self.error("text_column", "must name a column, got an empty name")


@dataclass(frozen=True)
class SegmentSettings(Section):
    """How paragraphs are cut into words."""

    SECTION: typing.ClassVar[str] = "segment"
    engine: str = setting("rjieba", "segmentation engine: rjieba (fast) or jieba "
                                    "(the reference)", choices=("rjieba", "jieba"),
                          key="segmenter")
    policy_terms: bool = setting(True, "keep the shipped policy terms whole "
                                       "(共同富裕, 东西部协作 …)")
    terms_file: str = setting("", "extra terms to keep whole, one per line",
                              key="terms", path=True, metavar="FILE")
    learn_quoted: int = setting(0, "also keep whole every quoted 2–8 character phrase "
                                   "seen at least N times (0: off)", low=0, metavar="N")
    stopwords: bool = setting(True, "drop general function words")
    stopword_file: str = setting("", "extra stop words, one per line", path=True,
                                 metavar="FILE")
    policy_stopwords: bool = setting(True, "drop policy boilerplate (推进, 加强 …)")
    min_len: int = setting(2, "shortest token kept, in characters", low=1, high=20)
    keep_numbers: bool = setting(False, "keep tokens with digits")


K_HELP = "number of topics, or a sweep START:STOP[:STEP] or a list 10,20,30"


def parse_k(spec: str | int) -> list[int]:
    """``20`` -> [20]; ``10:40:5`` -> [10, 15, …, 40] (inclusive; step 5 by default);
    ``10,20,30``. Raises ``ValueError`` saying what is accepted."""
    try:
        if isinstance(spec, int):
            ks = [spec]
        elif ":" in spec:
            parts = [int(x) for x in spec.split(":")]
            if not 2 <= len(parts) <= 3 or (len(parts) == 3 and parts[2] < 1):
                raise ValueError
            start, stop, step = (parts + [5])[:3]
            ks = list(range(start, stop + 1, step))
        else:
            ks = [int(x) for x in spec.split(",")]
    except ValueError:
        raise ValueError(f"{spec!r} is not a number, START:STOP[:STEP] or a comma list "
                         "(e.g. 20, 10:40:5, 10,20)") from None
    if not ks or min(ks) < 2 or max(ks) > 1000:
        raise ValueError(f"{spec!r} must give topic counts from 2 to 1000")
    return ks


@dataclass(frozen=True)
class TopicSettings(Section):
    """Topic discovery (LDA)."""

    SECTION: typing.ClassVar[str] = "topics"
    enabled: bool = setting(True, "fit topics in `topics run`", cli=False)
    k: str = setting("20", K_HELP)
    engine: str = setting("tomotopy", "LDA engine ('spark': MLlib online LDA on the "
                                      "Spark cluster of --spark, or a local one)",
                          choices=("tomotopy", "gensim", "sklearn", "spark"))
    iterations: int = setting(0, "Gibbs iterations / passes / epochs (0: the engine's "
                                 "default)", low=0, high=100_000)
    n_seeds: int = setting(1, "seeds per k in a sweep, to show stability", low=1,
                           high=100)
    unit: str = setting("paragraph", "unit of analysis",
                        choices=("paragraph", "article"))
    min_df: float = setting(5.0, "drop words in fewer units (a count >= 1, or a share "
                                 "< 1)", above=0)
    max_df: float = setting(0.5, "drop words in more than this share of units",
                            above=0, high=1)
    min_tokens: int = setting(3, "skip units with fewer tokens", low=1)
    seeded: bool = setting(False, "seeded LDA: one topic per theme, word priors from "
                                  "the theme seeds")
    extra_topics: int = setting(3, "unseeded topics added to seeded LDA", low=0,
                                high=200)

    def _check(self):
        try:
            parse_k(self.k)
        except ValueError as exc:
            raise self.error("k", str(exc)) from None
        if self.min_df >= 1 and self.min_df != int(self.min_df):
            raise self.error("min_df", f"a count must be a whole number, got {self.min_df}")

    @property
    def ks(self) -> list[int]:
        return parse_k(self.k)

    @property
    def min_df_value(self) -> int | float:
        """As scikit-learn reads it: a count (int) or a share (float)."""
        return int(self.min_df) if self.min_df >= 1 else self.min_df


@dataclass(frozen=True)
class SchemeSettings(Section):
    """The theme scheme (the codebook), the model that recognises it, and how topics are
    mapped to themes."""

    SECTION: typing.ClassVar[str] = "themes"
    file: str = setting("", "theme scheme TOML (default: the codebook's)", key="themes",
                        path=True, metavar="FILE")
    model: str = setting("", "theme classifier folder (default: the shipped model, or "
                             "$TOPICS_MODEL)", path=True, metavar="DIR")
    mapping: str = setting("classifier", "how a topic gets a theme: 'classifier' (the "
                                         "model labels the topic's most typical units) or "
                                         "'seeds' (the theme's seed words in its top words)",
                           choices=("classifier", "seeds"))
    min_agreement: float = setting(0.5, "map a topic only when at least this share of its "
                                        "evidence points to one theme", above=0, high=1)
    # what only labelling and topic mapping use (not annotation checks or training)
    TOPIC_ONLY: typing.ClassVar[tuple[str, ...]] = ("model", "mapping", "min_agreement")


@dataclass(frozen=True)
class ClassifierSettings(Section):
    """Training the theme classifier on annotations."""

    SECTION: typing.ClassVar[str] = "classifier"
    enabled: bool = setting(True, "label the corpus in `topics run` (with a trained or "
                                  "the shipped model)", cli=False)
    annotations: tuple[str, ...] = setting((), "annotation JSONL files to train on "
                                               "([]: label with themes.model)",
                                           cli=False, path=True)
    codebook: bool = setting(False, "check labels against the theme scheme")
    C: float = setting(0.3, "SVM regularisation", above=0, high=1e4)
    words: str = setting("auto", "word features: phrases (content words and word pairs, "
                                 "for paragraphs), tokens (every token, Naive-Bayes "
                                 "weighted, for titles and short texts), both (the average "
                                 "of the two models), auto: the one with the best "
                                 "cross-validated score",
                         choices=("auto", "phrases", "tokens", "both"))
    folds: int = setting(5, "cross-validation folds", low=2, high=50)
    vectors: str = setting("", "word vectors from `topics vectors` to add to the "
                               "features", path=True, metavar="DIR")
    vector_weight: float = setting(1.0, "weight of the paragraph vector beside the "
                                        "n-grams", above=0, high=100)
    balance: str = setting("sqrt", "weight of each annotation source (the units' `source`): "
                                   "sqrt: 1/sqrt(units from that source), so a large "
                                   "source does not drown small ones; equal: 1/units; "
                                   "none: every unit 1", choices=("sqrt", "equal", "none"))
    base: str = setting("", "adapt this model (a model folder, or `shipped` for the model "
                            "installed with topics): train on its own annotations plus "
                            "yours, yours weighted by domain_weight", path=True, metavar="DIR")
    domain_weight: float = setting(3.0, "with base: how much each of your units counts "
                                        "against one of the base model's", above=0, high=1000)


@dataclass(frozen=True)
class LabelSettings(Section):
    """Labelling articles and measuring theme prevalence."""

    SECTION: typing.ClassVar[str] = "label"
    enabled: bool = setting(True, "label the corpus and measure theme shares in "
                                  "`topics run`", cli=False)
    batch: int = setting(500, "articles labelled per batch", low=1, high=1_000_000)
    context: float = setting(0.2, "share of its article's theme scores mixed into each "
                                  "paragraph's before the paragraph is labelled (0: the "
                                  "paragraph alone)", low=0.0, high=1.0)
    bootstrap: int = setting(1000, "bootstrap resamples for prevalence intervals",
                             low=10, high=1_000_000, cli=False)
    period: str = setting("auto", "periods of the theme shares over time: month, quarter, "
                                  "year, or auto (months when the dates span 3 years or "
                                  "less, else years)",
                          choices=("auto", "month", "quarter", "year"), cli=False)


@dataclass(frozen=True)
class AnnotateSettings(Section):
    """Choosing units to annotate next (active learning)."""

    SECTION: typing.ClassVar[str] = "annotate"
    n: int = setting(100, "how many units to pick", low=1, high=100_000, short="-n")
    exclude: tuple[str, ...] = setting((), "annotation files whose units are never picked",
                                       cli=False, path=True)


@dataclass(frozen=True)
class VectorSettings(Section):
    """Learning word vectors for the classifier."""

    SECTION: typing.ClassVar[str] = "vectors"
    dim: int = setting(200, "vector size", low=1, high=2000)
    window: int = setting(8, "context window in words", low=1, high=100)
    epochs: int = setting(10, "passes over the text", low=1, high=1000)
    min_count: int = setting(3, "ignore words seen fewer times", low=1)
    max_words: int = setting(30000, "keep the most frequent N words", low=1)


@dataclass(frozen=True)
class ReprintSettings(Section):
    """Reprints: near-duplicate articles (MinHash + LSH over character shingles)."""

    SECTION: typing.ClassVar[str] = "reprints"
    skip: bool = setting(True, "find reprints and count each story once: reprints are "
                               "marked (duplicate_of) and left out of topics, theme shares "
                               "and prevalence", key="skip_reprints", flag="--keep-reprints")
    threshold: float = setting(0.2, "an article reprints an earlier one when at least "
                                    "this share (Jaccard) of their shingles is shared",
                               above=0, high=1, key="reprint_threshold")
    shingle: int = setting(25, "shingle size: characters per k-gram of the text "
                               "without spaces and punctuation", low=1, high=200,
                           key="reprint_shingle", metavar="K")
    min_chars: int = setting(50, "texts shorter than this without spaces and "
                                 "punctuation (headlines, captions) are never reprints "
                                 "nor originals", low=1, key="reprint_min_chars",
                             metavar="N")
    max_days: int = setting(30, "a reprint appears within this many days of its original "
                                "(when both dates are known; 0: any time): the same "
                                "announcement of a yearly ceremony is a new story each year",
                            low=0, key="reprint_max_days", metavar="DAYS")
    num_perm: int = setting(128, "MinHash values per text (LSH uses b*r of them)",
                            low=8, high=4096, cli=False)


SPARK_MASTER = re.compile(r"local(\[([1-9]\d*|\*)(,\d+)?\])?|local-cluster\[\d+,\d+,\d+\]"
                          r"|spark://[^/\s,]+:\d+(,[^/\s,]+:\d+)*|yarn|k8s://\S+")


@dataclass(frozen=True)
class SparkSettings(Section):
    """Running reading, cleaning, segmentation and labelling on a Spark cluster."""

    SECTION: typing.ClassVar[str] = "spark"
    master: str = setting("", "run on Spark: local[2], spark://HOST:7077, yarn, "
                              "k8s://https://HOST:443 ('': on this machine); file "
                              "outputs become folders of part files",
                          key="spark", metavar="MASTER")
    partitions: int = setting(0, "partitions to spread articles over (0: 3 per core "
                                 "of the cluster, more for large inputs: 32 MB of "
                                 "text each at most)", low=0, high=1_000_000,
                              key="spark_partitions")
    format: str = setting("auto", "output folders as 'parquet' or 'jsonl' ('auto': "
                                  "JSONL when the output name ends in .jsonl, else "
                                  "Parquet)", choices=("auto", "parquet", "jsonl"),
                          key="spark_format")
    ship: bool = setting(True, "send this package to the executors as a zip (turn off "
                               "when every node has the same version installed)",
                         cli=False)
    conf: tuple[str, ...] = setting((), "more Spark settings as \"key=value\", e.g. "
                                        "[\"spark.executor.memory=4g\"]", cli=False)

    def _check(self):
        if self.master and not SPARK_MASTER.fullmatch(self.master):
            raise self.error("master", "must be local[N], spark://HOST:PORT, yarn or "
                                       f"k8s://https://HOST:PORT, got {self.master!r}")
        bad = [c for c in self.conf if "=" not in c or not c.split("=", 1)[0].strip()]
        if bad:
            raise self.error("conf", "each entry must be \"key=value\", got "
                                     f"{bad[0]!r}")

    @property
    def conf_pairs(self) -> dict[str, str]:
        return {k.strip(): v.strip() for k, v in (c.split("=", 1) for c in self.conf)}


SECTIONS: tuple[type[Section], ...] = (
    RunSettings, CorpusSettings, ReadSettings, SegmentSettings, TopicSettings,
    SchemeSettings, ClassifierSettings, LabelSettings, AnnotateSettings, VectorSettings,
    ReprintSettings, SparkSettings)


def by_key(sections=SECTIONS) -> dict[str, tuple[type[Section], str]]:
    """Command-line settings by key: ``{"min_df": (TopicSettings, "min_df"), …}``."""
    out = {}
    for cls in sections:
        for f in fields(cls):
            if f.metadata["cli"]:
                out[f.metadata["key"] or f.name] = (cls, f.name)
    return out


def from_kwargs(sections, kwargs: dict, func: str = "this function") -> dict:
    """Settings objects for ``sections`` from flat keyword arguments (keys), each made
    and validated once: ``{TopicSettings: TopicSettings(k="10"), …}``. A value may
    also be a whole settings object (``read=ReadSettings(...)``)."""
    table = by_key(sections)
    given: dict = {cls: {} for cls in sections}
    out: dict = {}
    for key, value in kwargs.items():
        if isinstance(value, Section) and type(value) in given:
            out[type(value)] = value
        elif key in table:
            cls, name = table[key]
            given[cls][name] = value
        else:
            raise TypeError(f"{func} got an unexpected setting {key!r}; "
                            f"settings are: {', '.join(sorted(table))}")
    for cls in sections:
        if cls not in out:
            out[cls] = cls(**given[cls])
        elif given[cls]:
            out[cls] = out[cls].replace(**given[cls])
    return out


def default_of(cls: type[Section], name: str):
    f = next(f for f in fields(cls) if f.name == name)
    return None if f.default is MISSING else f.default


def toml_value(value) -> str:
    """A value as TOML writes it (strings quoted, lists bracketed)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def template(values: dict | None = None) -> str:
    """The experiment file with every setting, its default and its help as comments.
    ``values``: ``{section: {name: value}}`` to write instead of some defaults."""
    values = values or {}
    lines = ["# A topics experiment. Run it with `topics run FILE.toml`; change any value",
             "# on the command line with --set section.name=value. Relative paths are",
             "# read from this file's folder. Every setting is listed with its default."]
    for cls in SECTIONS:
        lines += ["", f"# {' '.join(cls.__doc__.split())}", f"[{cls.SECTION}]"]
        for f in fields(cls):
            value = values.get(cls.SECTION, {}).get(f.name, f.default)
            lines.append(f"{f.name} = {toml_value(value)}  # {f.metadata['help']}")
    return "\n".join(lines) + "\n"
