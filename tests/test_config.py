import pytest

from topics.config import check_paths, load_config
from topics.errors import ConfigError
from topics.settings import SettingError


def test_defaults_file_and_overrides(tmp_path):
    (tmp_path / "c").mkdir()
    exp = tmp_path / "exp.toml"
    exp.write_text('[run]\nname = "x"\n[corpus]\npaths = ["c"]\n[topics]\nk = 8\n',
                   encoding="utf-8")
    cfg = load_config(exp, ["topics.min_df=3", "run.seed=4", "segment.engine=jieba"])
    assert (cfg.run.name, cfg.run.seed, cfg.topics.k, cfg.topics.min_df) == ("x", 4, "8", 3.0)
    assert cfg.segment.engine == "jieba" and cfg.label.bootstrap == 1000
    assert cfg.path("c") == tmp_path / "c"
    check_paths(cfg)
    assert cfg.resolved()["topics"]["k"] == "8"


@pytest.mark.parametrize("text, overrides, error, message", [
    ("[nope]\nx = 1\n", [], ConfigError, r"unknown section \[nope\]"),
    ("[topics]\nkk = 1\n", [], ConfigError, "unknown setting topics.kk"),
    ("[topics]\nk = 'x'\n", [], SettingError, "topics.k: 'x' is not a number"),
    ("[run]\nworkers = 'two'\n", [], SettingError, "run.workers: must be a whole number"),
    ("[label]\nbootstrap = 0\n", [], SettingError, "label.bootstrap: must be at least 10"),
    ("[topics\n", [], ConfigError, "is not valid TOML"),
    ("", ["topics"], ConfigError, "must look like section.name=value"),
    ("", ["topics.zz=1"], ConfigError, r"unknown setting 'topics.zz'; \[topics\] has enabled, engine"),
    ("", ["run.SECTION=5"], ConfigError, r"unknown setting 'run.SECTION'; \[run\] has name, runs_dir, seed, workers$"),
    ("", ["nosec.k=5"], ConfigError, "unknown section 'nosec' in 'nosec.k'; sections: annotate"),
    ("run = 5\n", [], ConfigError, r"run must be a section \(\[run\] and its settings below it\), got run = 5"),
    ("", ["corpus.paths=[1"], ConfigError, "cannot read"),
    ("", ["topics.iterations=-5"], SettingError, "topics.iterations: must be at least 0"),
])
def test_errors(tmp_path, text, overrides, error, message):
    exp = tmp_path / "e.toml"
    exp.write_text(text, encoding="utf-8")
    with pytest.raises(error, match=message):
        load_config(exp, overrides)


def test_missing_file_and_paths(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="corpus.paths is empty"):
        check_paths(load_config())
    with pytest.raises(ConfigError, match="corpus path\\(s\\) not found: gone"):
        check_paths(load_config(None, ['corpus.paths=["gone"]']))


def test_bare_word_override_is_a_string():
    assert load_config(None, ["run.name=pilot"]).run.name == "pilot"
