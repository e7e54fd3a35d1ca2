import numpy as np
import pytest

from topics.errors import ConfigError
from topics.themes import load_scheme, map_topics, matches, seed_word_ids
from topics.topicmodel.discover import seeded_labels


def test_default_scheme_is_the_codebook():
    scheme = load_scheme()
    assert scheme.ids == ["industry", "rural", "poverty_aid", "elder_care", "public_services", "urban", "ecology", "cadre_conduct", "governance"]
    assert "居家养老" in scheme.get("elder_care").seeds


@pytest.mark.parametrize("word, seed, expected", [("居家养老", "养老", True), ("养老", "居家养老", True), ("生态", "生态", True), ("老", "养老", False), ("环境", "生态", False)])
def test_matches(word, seed, expected):
    assert matches(word, seed) is expected


def test_mapping_on_a_hand_made_model():
    vocab = ["养老", "老年人", "助餐", "生态", "污水", "河道", "会议", "召开", "表示"]
    phi = np.array([
        [0.4, 0.3, 0.2, 0, 0, 0, 0.1, 0, 0],     # elder care
        [0, 0, 0, 0.3, 0.3, 0.3, 0, 0.1, 0],     # ecology
        [0.02, 0, 0, 0.02, 0, 0, 0.32, 0.32, 0.32],  # meetings: no theme
    ]) + 1e-6
    m = map_topics(phi, vocab, load_scheme(), topn=5)
    assert [t["theme"] for t in m] == ["elder_care", "ecology", None]
    assert m[0]["scores"]["elder_care"] > 0.89


def test_user_scheme_file(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text('[[theme]]\nid = "sports"\nname = "体育"\nseeds = ["比赛", "运动员"]\n', encoding="utf-8")
    scheme = load_scheme(f)
    assert scheme.ids == ["sports"]
    assert seed_word_ids(scheme, ["运动员", "比赛项目", "会议"]) == {0: [0, 1]}
    f.write_text('[[theme]]\nid = "other"\nseeds = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="reserved"):
        load_scheme(f)
    f.write_text("[[theme]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_scheme(f)


def test_seeded_labels():
    theta = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.34, 0.33, 0.33]])
    assert seeded_labels(theta, ["elder_care", "ecology", "other"], min_share=0.4) == ["elder_care", "other", "other"]
