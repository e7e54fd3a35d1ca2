import pytest

from topics.config import load_config
from topics.errors import ConfigError


def test_defaults_file_and_overrides(tmp_path):
    (tmp_path / "data").mkdir()
    exp = tmp_path / "e.toml"
    exp.write_text('[run]\nname = "x"\n[corpus]\npaths = ["data"]\n[topics]\nk = "10:20:5"\n', encoding="utf-8")
    cfg, resolved = load_config(exp, ["run.seed=7", "topics.engine=gensim", 'corpus.unit="article"'])
    assert (cfg.run.name, cfg.run.seed, cfg.topics.k, cfg.topics.engine, cfg.corpus.unit) == ("x", 7, "10:20:5", "gensim", "article")
    assert cfg.path("data") == tmp_path / "data"
    assert resolved["run"]["seed"] == 7 and resolved["classifier"]["C"] == 0.3     # defaults filled in


@pytest.mark.parametrize("text, overrides, message", [
    ('[corpus]\npaths = ["a"]\n[topic]\nk = 3\n', [], r"unknown section \[topic\]"),
    ('[corpus]\npaths = ["a"]\ncolour = 1\n', [], "unknown setting corpus.colour"),
    ('[corpus]\npaths = ["a"]\n', ["topics.kk=3"], "unknown setting 'topics.kk'"),
    ('[corpus]\npaths = ["a"]\n', ["seed"], "must look like section.key=value"),
    ('[corpus]\npaths = ["a"]\n[run]\nseed = "x"\n', [], "run.seed must be int"),
    ('[corpus]\npaths = []\n', [], "corpus.paths is empty"),
    ('[corpus]\npaths = ["a"]\nunit = "sentence"\n', [], "corpus.unit must be"),
    ('[corpus\n', [], "not valid TOML"),
    ('[corpus]\npaths = ["missing_dir"]\n', [], "corpus path.s. not found: missing_dir"),
    ('[corpus]\npaths = ["a"]\n[label]\nbootstrap = 0\n', [], "label.bootstrap must be at least 1"),
    ('[corpus]\npaths = ["a"]\n[topics]\nk = "x"\n', [], "--k 'x'"),
])
def test_errors(tmp_path, text, overrides, message):
    (tmp_path / "a").mkdir()
    exp = tmp_path / "e.toml"
    exp.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(exp, overrides)


def test_missing_file():
    with pytest.raises(ConfigError, match="not found"):
        load_config("nope.toml")
