"""Metrics behind every reported F1, checked against values computed by hand."""
import pytest

from topics.evaluate import accuracy, format_table, multilabel_metrics

TRUE = [["a"], ["a", "b"], ["other"], ["b"]]
PRED = [["a"], ["a"], ["b"], ["other"]]


def test_multilabel_metrics_by_hand():
    m = multilabel_metrics(TRUE, PRED, ["a", "b"])
    # a: tp 2, fp 0, fn 0; b: tp 0, fp 1, fn 2; micro: tp 2, fp 1, fn 2
    assert m["per_label"]["a"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2}
    assert m["per_label"]["b"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 2}
    assert m["micro_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["micro_recall"] == 0.5
    assert m["micro_f1"] == pytest.approx(4 / 7, abs=1e-4)
    assert m["macro_f1"] == 0.5
    assert m["exact_match"] == 0.25 and m["n"] == 4


def test_macro_f1_leaves_out_labels_never_true_nor_predicted():
    # c: predicted once, never true: F1 0, counted; d: never true nor predicted: left out
    m = multilabel_metrics(TRUE, [["a"], ["a"], ["c"], ["other"]], ["a", "b", "c", "d"])
    assert m["per_label"]["c"]["f1"] == 0.0 and m["per_label"]["d"]["support"] == 0
    assert m["macro_f1"] == pytest.approx((1.0 + 0.0 + 0.0) / 3, abs=1e-4)
    assert m["macro_left_out"] == ["d"]
    assert format_table(m).splitlines()[-1].split() == [
        "macro", "0.333", "(leaves", "out", "d:", "no", "true", "or", "predicted", "unit)"]


def test_macro_f1_unchanged_when_every_label_occurs():
    true = [["a"], ["a", "b"], ["c"], ["b"], ["c", "a"]]
    pred = [["a"], ["b"], ["c"], ["b", "c"], ["a"]]
    m = multilabel_metrics(true, pred, ["a", "b", "c"])
    # a: tp 2, fn 1 -> 0.8; b: tp 2 -> 1.0; c: tp 1, fp 1, fn 1 -> 0.5 (as before)
    assert m["macro_f1"] == pytest.approx((0.8 + 1.0 + 0.5) / 3, abs=1e-4)
    assert m["macro_left_out"] == [] and "leaves out" not in format_table(m)


def test_format_table_micro_support_counts_labels():
    m = multilabel_metrics([["a", "b"], ["a"]], [["a"], ["a"]], ["a", "b"])
    lines = format_table(m).splitlines()
    # support: a 2, b 1; micro 3 labels (not the 2 units)
    assert [line.split()[-1] for line in lines[1:4]] == ["2", "1", "3"]


@pytest.mark.parametrize("true, pred, expected", [
    ([["a"], ["b"]], [["a"], ["a"]], 0.5),
    ([["a", "b"]], [["a"]], 1.0),         # first labels agree
    ([["b", "a"]], [["a", "b"]], 0.0),
    ([], [], 0.0),
])
def test_accuracy_of_first_labels(true, pred, expected):
    assert accuracy(true, pred) == expected


def test_format_table_shows_every_label_and_totals():
    text = format_table(multilabel_metrics(TRUE, PRED, ["a", "b"]))
    lines = text.splitlines()
    assert lines[1].split() == ["a", "1.000", "1.000", "1.000", "2"]
    assert lines[3].split() == ["micro", "0.667", "0.500", "0.571", "4"]
    assert lines[4].split() == ["macro", "0.500"]


def test_weighted_counts_by_hand():
    m = multilabel_metrics(TRUE, PRED, ["a", "b"], weights=[2, 1, 1, 1])
    # a: tp 2 + 1; b: fp 1 (unit 3), fn 1 + 1 (units 2, 4); micro: tp 3, fp 1, fn 2
    assert m["per_label"]["a"]["support"] == 2        # support stays a count of units
    assert (m["micro_precision"], m["micro_recall"]) == (0.75, 0.6)
    assert m["micro_f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35, abs=1e-4)


def test_weighted_thresholds_follow_the_heavy_units():
    import numpy as np

    from topics.classify.model import best_thresholds

    P = np.array([[0.3], [0.6], [0.9]])
    Y = np.array([[1], [0], [1]])
    # unweighted: every threshold up to 0.3 gives F1 0.8 (ties: the lowest grid value)
    assert best_thresholds(P, Y)[0] == 0.05
    # the negative at 0.6 weighs 5: F1 4/9 up to 0.3, 2/8 up to 0.6, 2/3 above -> 0.625
    assert best_thresholds(P, Y, np.array([1.0, 5.0, 1.0]))[0] == 0.625
