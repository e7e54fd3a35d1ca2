import numpy as np
import pytest

from topics.errors import ConfigError
from topics.themes import (Mapper, classifier_evidence, load_scheme, map_topics, matches,
                           seed_evidence, seed_word_ids, typical_units)
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
    scheme = load_scheme()
    m = map_topics(seed_evidence(phi, vocab, scheme, topn=5), scheme.ids, min_score=0.05,
                   method="seeds")
    assert [t["theme"] for t in m] == ["elder_care", "ecology", None]
    assert m[0]["scores"]["elder_care"] > 0.89 and m[0]["evidence"]["method"] == "seeds"


def test_typical_units_and_classifier_evidence_by_hand():
    theta = np.array([[0.9, 0.1], [0.6, 0.4], [0.2, 0.8], [0.4, 0.6], [0.45, 0.55]])
    assert [p.tolist() for p in typical_units(theta, n=2, min_share=0.5)] == [[0, 1], [2, 3]]
    labels = {"a": ["elder_care"], "b": ["elder_care", "ecology"], "c": ["other"], "d": ["ecology"],
              "e": ["ecology"]}
    texts = ["a", "b", "c", "d", "e"]
    scores, n = classifier_evidence(theta, texts, lambda ts: [labels[t] for t in ts],
                                    ["elder_care", "ecology"], n=3, min_share=0.5)
    # topic 0: units a, b -> elder_care 2/2, ecology 1/2; topic 1: c, d, e -> 0/3, 2/3
    np.testing.assert_allclose(scores, [[1.0, 0.5], [0.0, 2 / 3]])
    assert n == [2, 3]


ELDER = ["慈溪市居家养老服务中心为老年人送餐，养老护理员每周上门照料高龄老人。",
         "社区养老机构新增床位，为失能老人提供助餐和医养结合服务。",
         "街道老年食堂开张，独居老人在家门口吃上热饭热菜，养老服务更便利。"]
ECOLOGY = ["河道综合整治完成，污水零直排改造后水质明显改善。",
           "废弃矿山修复复绿，生态环境持续向好，垃圾分类覆盖全部村庄。",
           "开展河湖清理行动，削减污染物排放，守护绿水青山。"]
FOREIGN = ["外交部发言人在例行记者会上表示，双方外长举行会谈，就双边关系交换意见。",
           "国家主席同来访的外国总统举行会谈，两国元首共同见证签署合作文件。",
           "外长出席联合国会议并发表讲话，呼吁各方通过对话协商化解分歧。"]


def test_classifier_mapping_leaves_a_foreign_affairs_topic_unmapped():
    from topics.classify.label import load_classifier
    from topics.settings import TopicSettings
    from topics.topicmodel.pipeline import fit_topics
    from topics.units import Unit

    from itertools import combinations

    from topics.segment import Segmenter

    # units join two sentences of one group, so each group's words occur together
    texts = [a + b for rep in range(5) for group in (ELDER, ECOLOGY, FOREIGN)
             for a, b in combinations(group, 2)]

    seg = Segmenter()
    units = [Unit(f"u{i}", f"a{i}", t, tokens=seg.tokens(t)) for i, t in enumerate(texts)]
    clf = load_classifier()
    result = fit_topics(units, TopicSettings(k="3", min_df=2, iterations=200), load_scheme(),
                        seg.get_params(), mapper=Mapper("classifier", 0.5, clf.predict), seed=0)
    by_words = {}
    for t in result.topics:
        top = "".join(t["words"][:10])
        kind = "elder" if "老" in top else "ecology" if "复绿" in top or "污" in top else "foreign"
        by_words[kind] = t
    assert set(by_words) == {"elder", "ecology", "foreign"}
    assert by_words["elder"]["theme"] == "elder_care" and by_words["ecology"]["theme"] == "ecology"
    assert by_words["foreign"]["theme"] is None
    assert by_words["foreign"]["theme_evidence"] == {"method": "classifier", "min_score": 0.5,
                                                     "n_units": 15}
    assert by_words["foreign"]["theme_scores"]["governance"] < 0.5


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


def test_a_seeded_topic_takes_the_theme_of_its_evidence_not_of_its_seeds():
    """A topic seeded with elder_care whose typical units are about war is not counted as
    elder_care: its theme is what the evidence says (here none), the seed theme is kept
    beside it."""
    from types import SimpleNamespace

    from scipy import sparse

    from topics.topicmodel.discover import describe

    vocab = ["养老", "老人", "俄军", "乌军"]
    model = SimpleNamespace(components_=np.array([[1.0, 1.0, 30.0, 30.0], [30.0, 30.0, 1.0, 1.0]]))
    X = sparse.csr_matrix(np.array([[0, 0, 3, 2], [2, 3, 0, 0]]))
    mapping = [{"theme": None, "scores": {"elder_care": 0.0}, "evidence": {"n_units": 2}},
               {"theme": "elder_care", "scores": {"elder_care": 1.0}, "evidence": {"n_units": 2}}]
    topics = describe(model, vocab, X, np.array([[0.9, 0.1], [0.1, 0.9]]), mapping,
                      seeded_themes=["elder_care", "other"])
    assert [(t["seed_theme"], t["theme"]) for t in topics] == [("elder_care", None), ("other", "elder_care")]
    assert "seed_theme" not in describe(model, vocab, X, np.eye(2), mapping)[0]
