"""One settings model: validation, keyword arguments, flags and the TOML template."""
import math
import tomllib
from dataclasses import fields

import pytest

from topics.resources import data_text
from topics.settings import (SECTIONS, ClassifierSettings, ReadSettings, RunSettings,
                             SegmentSettings, SettingError, SparkSettings, TopicSettings, by_key,
                             from_kwargs, parse_k, template)


@pytest.mark.parametrize("cls, kwargs, message", [
    (TopicSettings, {"iterations": -5}, "topics.iterations: must be at least 0, got -5"),
    (TopicSettings, {"k": "x"}, "topics.k: 'x' is not a number"),
    (TopicSettings, {"k": "1"}, "topics.k: '1' must give topic counts from 2 to 1000"),
    (TopicSettings, {"min_df": 2.5}, "topics.min_df: a count must be a whole number"),
    (TopicSettings, {"min_df": 0}, "topics.min_df: must be more than 0"),
    (TopicSettings, {"max_df": 1.5}, "topics.max_df: must be at most 1"),
    (TopicSettings, {"engine": "mallet"}, "topics.engine: must be one of tomotopy"),
    (TopicSettings, {"seeded": "yes"}, "topics.seeded: must be true or false"),
    (ReadSettings, {"max_mb": math.nan}, "read.max_mb: must be a finite number, got nan"),
    (ReadSettings, {"max_mb": math.inf}, "read.max_mb: must be a finite number, got inf"),
    (ReadSettings, {"max_mb": 0}, "read.max_mb: must be more than 0"),
    (RunSettings, {"workers": 0}, "run.workers: must be 1 or more, or -1"),
    (RunSettings, {"seed": 1.5}, "run.seed: must be a whole number, got 1.5"),
    (RunSettings, {"seed": True}, "run.seed: must be a whole number, got True"),
    (ClassifierSettings, {"C": -1.0}, "classifier.C: must be more than 0"),
    (ClassifierSettings, {"annotations": "a.jsonl"}, "must be a list of strings"),
    (SegmentSettings, {"min_len": 0}, "segment.min_len: must be at least 1"),
    (SparkSettings, {"master": "local[0]"}, "spark.master: must be local"),
])
def test_validation_names_the_setting(cls, kwargs, message):
    with pytest.raises(SettingError, match=message.replace("(", r"\(")):
        cls(**kwargs)


def test_values_are_normalised():
    t = TopicSettings(k=10, min_df=3)
    assert (t.k, t.ks, t.min_df, t.min_df_value) == ("10", [10], 3.0, 3)
    assert TopicSettings(min_df=0.01).min_df_value == 0.01
    assert ClassifierSettings(annotations=["a", "b"]).annotations == ("a", "b")
    assert ReadSettings(max_mb=1).max_bytes == 2**20


@pytest.mark.parametrize("spec, ks", [("20", [20]), (20, [20]), ("10:20:5", [10, 15, 20]),
                                      ("4:8", [4]), ("5,10,15", [5, 10, 15])])
def test_parse_k(spec, ks):
    assert parse_k(spec) == ks


@pytest.mark.parametrize("spec", ["", "a", "1", "10:5", "10:20:0", "1:2:3:4", "2000"])
def test_parse_k_errors(spec):
    with pytest.raises(ValueError):
        parse_k(spec)


def test_keyword_arguments_by_key():
    s = from_kwargs((TopicSettings, SegmentSettings), {"k": "5:10", "segmenter": "jieba"})
    assert s[TopicSettings].ks == [5, 10] and s[SegmentSettings].engine == "jieba"
    with pytest.raises(TypeError, match="unexpected setting 'kk'.*settings are: .*k, "):
        from_kwargs((TopicSettings,), {"kk": 3}, "f()")
    base = TopicSettings(k="7")
    assert from_kwargs((TopicSettings,), {"topics": base, "min_df": 2})[TopicSettings] \
        == TopicSettings(k="7", min_df=2)


def test_command_line_keys_are_unique_and_defaults_written_once():
    keys = [f.metadata["key"] or f.name for cls in SECTIONS for f in fields(cls)
            if f.metadata["cli"]]
    assert len(keys) == len(set(keys)) == len(by_key())
    from topics.classify.model import ThemeClassifier
    from topics.segment import Segmenter

    # the estimators' defaults are the settings' defaults, not copies
    assert ThemeClassifier().C == ClassifierSettings().C
    assert ThemeClassifier().words == ClassifierSettings().words
    assert Segmenter().min_len == SegmentSettings().min_len


def test_template_lists_every_setting_and_reads_back():
    parsed = tomllib.loads(template())
    for cls in SECTIONS:
        assert parsed[cls.SECTION] == cls().as_dict()
    # the shipped file is the generated template (regenerate with topics.settings.template)
    assert data_text("experiment.toml") == template()
