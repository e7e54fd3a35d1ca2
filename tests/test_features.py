import pytest

from topics.errors import ConfigError
from topics.features import bag_of_words, counts_for, tfidf


def test_bag_of_words_prunes_by_document_frequency():
    docs = [["养老", "服务", "老人"], ["养老", "生态"], ["养老", "服务"], ["生态", "环境"]]
    X, vocab = bag_of_words(docs, min_df=2, max_df=0.7)
    assert vocab == ["服务", "生态"]           # 养老 in 3/4 > 0.7; 老人, 环境 in 1
    assert X.toarray().tolist() == [[1, 0], [0, 1], [1, 0], [0, 1]]


def test_empty_vocabulary_says_how_to_fix():
    with pytest.raises(ConfigError, match="removed every word.*lower min_df"):
        bag_of_words([["甲乙"], ["丙丁"], ["戊己"]], min_df=2, max_df=1.0)
    with pytest.raises(ConfigError, match=r"min_df=1000000000 is more than the 3 units"):
        bag_of_words([["甲乙"], ["丙丁"], ["戊己"]], min_df=10**9)
    with pytest.raises(ConfigError, match="no units"):
        bag_of_words([])


def test_counts_for_fixed_vocabulary_and_tfidf():
    X = counts_for([["养老", "养老", "未知词"]], ["养老", "生态"])
    assert X.toarray().tolist() == [[2, 0]]
    T = tfidf(counts_for([["养老", "生态"], ["养老"]], ["养老", "生态"]))
    assert abs((T.multiply(T)).sum(axis=1).A1 - 1).max() < 1e-9
