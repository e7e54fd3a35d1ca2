"""``ThemeClassifier``: calibrated one-vs-rest linear SVMs over word + character TF-IDF.

Each label's LinearSVC margin is turned into a probability by Platt scaling (a logistic
fit on out-of-fold margins), so scores are calibrated probabilities.

* Multi-label data (the codebook): each theme gets its own probability and its own
  decision threshold, tuned by cross-validation to maximise that theme's F1. A unit gets
  the themes that pass (at most 3, most probable first), where a theme after the first
  must also reach ``relative`` times the first theme's probability; if none passes, it
  gets its most probable theme when that reaches ``fallback``, else ``other``.
  ``relative`` and ``fallback`` are tuned by cross-validation to maximise micro-F1
  (``relative`` 0 and ``fallback`` 1 switch them off). Units annotated ``other`` are
  negatives for every theme.
* Single-label data (every unit has exactly one label and none is ``other``, e.g.
  THUCNews): the most probable label.
Word features (``words=``): ``phrases``, content words and word pairs seen in two units
or more (for paragraphs), or ``tokens``, every token seen at least once, no pairs, each
label's features weighted by their Naive-Bayes log-count ratio (NBSVM, for titles and
short texts); ``auto`` (the default) cross-validates both and keeps the better
(micro-F1, or accuracy for single-label data; ties: ``phrases``). On THUCNews titles
``tokens`` won (accuracy 0.886 against 0.881), on the codebook's paragraphs ``phrases``
(README).
Optional word vectors (``vectors=``, see ``topics.classify.vectors``) add a paragraph
vector to the n-gram features. Measured on the project's annotations
(benchmarks/bench_classify.py, README): LinearSVC beat logistic regression; word vectors
raised micro-F1 from 0.847 to 0.854; the tuned ``relative``/``fallback`` rule added
0 to 0.7 points depending on the fold split; topic-share or codebook-keyword features
lowered it.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from topics.annotations import OTHER
from topics.classify.features import CombinedFeatures, TextFeatures, features_from_state
from topics.classify.vectors import WordVectors
from topics.errors import ConfigError, ModelFileError, NotFittedError
from topics.evaluate import accuracy, micro_f1, multilabel_metrics
from topics.modelio import ANNOTATIONS, FORMAT_VERSION, PLAIN_FORMAT, load_model, save_model
from topics.segment import Segmenter, tokens_of_each
from topics.settings import ClassifierSettings

SINGLE_WORD_FEATURES = ("phrases", "tokens")
WORD_FEATURES = (*SINGLE_WORD_FEATURES, "both")   # ``words="auto"`` tries these in this order
_CV_STATE = ("oof_margin_", "platt_", "oof_proba_", "thresholds_", "relative_",
             "fallback_", "cv_metrics_", "oof_pred_")
MAX_LABELS = 3
GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)
RELATIVE_GRID = (0.0, 0.3, 0.4, 0.5, 0.6)
FALLBACK_GRID = (1.0, 0.5, 0.4, 0.35, 0.3, 0.25, 0.2)
NO_RULE = (0.0, 1.0)      # (relative, fallback) that leave plain thresholds: single-label data, models before the rule


def nb_ratio(present, positive: np.ndarray, weight: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Per feature, the log-ratio of its (weighted, add-``alpha`` smoothed) share of
    presence among the positive units to its share among the negative ones."""
    p = np.asarray(present.T @ (weight * positive)).ravel() + alpha
    q = np.asarray(present.T @ (weight * ~positive)).ravel() + alpha
    return np.log(p / p.sum()) - np.log(q / q.sum())


def label_matrix(labels: Sequence[Sequence[str]], classes: list[str]) -> np.ndarray:
    index = {c: i for i, c in enumerate(classes)}
    Y = np.zeros((len(labels), len(classes)), dtype=np.int8)
    for r, labs in enumerate(labels):
        for lab in labs:
            if lab in index:
                Y[r, index[lab]] = 1
    return Y


def best_thresholds(P: np.ndarray, Y: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Per column, the grid threshold with the highest (unit-weighted) F1 (ties: the
    lower threshold)."""
    w = np.ones(len(P)) if w is None else w
    out = np.empty(P.shape[1])
    for j in range(P.shape[1]):
        pred = (P[:, j][:, None] >= GRID[None, :]) * w[:, None]
        tp = (pred * (Y[:, j][:, None] == 1)).sum(0)
        f1 = 2 * tp / np.maximum(pred.sum(0) + (w * Y[:, j]).sum(), 1e-12)
        out[j] = GRID[int(np.argmax(f1))]
    return out


def chosen(P: np.ndarray, thresholds: np.ndarray, relative: float = NO_RULE[0],
           fallback: float = NO_RULE[1], order: np.ndarray | None = None) -> np.ndarray:
    """Which labels each unit gets under the multi-label rule (see the module
    docstring), as a boolean matrix shaped like ``P``; ``order``: the columns of each
    row by falling probability (``np.argsort(-P, axis=1, kind="stable")``), if known."""
    P = np.asarray(P, dtype=float)
    if not P.size:
        return np.zeros(P.shape, dtype=bool)
    if order is None:
        order = np.argsort(-P, axis=1, kind="stable")
    passed = P >= np.asarray(thresholds, dtype=float)
    any_passed = passed.any(axis=1)
    top = np.where(passed, P, -np.inf).max(axis=1)      # the most probable label that passed
    keep = passed & (P >= relative * np.where(any_passed, top, 0.0)[:, None])
    rows = np.arange(len(P))[:, None]
    in_order = keep[rows, order]                        # kept labels, most probable first
    in_order &= np.cumsum(in_order, axis=1) <= MAX_LABELS
    out = np.zeros_like(keep)
    out[rows, order] = in_order
    first = order[:, 0]
    rescue = ~any_passed & (P[rows[:, 0], first] >= fallback)
    out[np.flatnonzero(rescue), first[rescue]] = True
    return out


def decide(P: np.ndarray, classes: list[str], thresholds: np.ndarray | None, multilabel: bool,
           relative: float = NO_RULE[0], fallback: float = NO_RULE[1]) -> list[list[str]]:
    """Labels from probabilities (see the module docstring), most probable first."""
    order = np.argsort(-np.asarray(P), axis=1, kind="stable")
    if not multilabel:
        return [[classes[j]] for j in order[:, 0].tolist()]
    C = chosen(P, thresholds, relative, fallback, order)
    return [[classes[j] for j in row if c[j]] or [OTHER]
            for row, c in zip(order.tolist(), C.tolist())]


def tune_rule(P: np.ndarray, Y: np.ndarray, thresholds: np.ndarray,
              w: np.ndarray | None = None) -> tuple[float, float]:
    """The ``(relative, fallback)`` pair with the best micro-F1 on ``P`` against the
    label matrix ``Y``. Ties go to the pair met first: both grids start with the value
    that switches the rule off (``fallback`` 1.0: no probability exceeds it where
    thresholds pass first, as every threshold is at most 0.95; ``relative`` 0)."""
    order, truth = np.argsort(-np.asarray(P), axis=1, kind="stable"), Y.astype(bool)
    best, best_f1 = NO_RULE, -1.0
    for fallback in FALLBACK_GRID:
        for relative in RELATIVE_GRID:
            f1 = micro_f1(truth, chosen(P, thresholds, relative, fallback, order), w)
            if f1 > best_f1:
                best, best_f1 = (relative, fallback), f1
    return best


class ThemeClassifier:
    """Fit on texts and label lists; predict themes with probabilities."""

    def __init__(self, *, C: float = ClassifierSettings.C, words: str = ClassifierSettings.words,
                 min_df: int = 2, max_word: int = 40000, max_char: int = 60000,
                 folds: int = ClassifierSettings.folds, random_state: int = 0,
                 vectors: WordVectors | None = None,
                 vector_weight: float = ClassifierSettings.vector_weight):
        self.C, self.words, self.min_df, self.max_word, self.max_char = C, words, min_df, max_word, max_char
        self.folds, self.random_state = folds, random_state
        self.vectors, self.vector_weight = vectors, vector_weight

    def _features(self, words: str) -> TextFeatures:   # one of SINGLE_WORD_FEATURES
        """``phrases``: content words and word pairs seen in ``min_df`` units or more;
        ``tokens``: every token (stop words, single characters and numbers too), each
        kept from its first unit, no pairs. Both count characters alike (``min_df``),
        so ``both`` keeps one character block."""
        common = dict(max_word=self.max_word, max_char=self.max_char, vectors=self.vectors,
                      vector_weight=self.vector_weight)
        if words == "tokens":
            return TextFeatures(segmenter=Segmenter(stopwords=False, policy_stopwords=False,
                                                    min_len=1, keep_numbers=True),
                                min_df=1, char_min_df=self.min_df, word_bigrams=False, **common)
        return TextFeatures(min_df=self.min_df, **common)

    def _fit_linear(self, X, Y, w=None, nb: bool = False):
        """One LinearSVC per label. ``nb``: each label's features are first scaled by
        their Naive-Bayes log-count ratio (NBSVM, Wang & Manning 2012); the ratio is
        folded into the coefficients, so the model is used exactly like a plain one."""
        from sklearn.svm import LinearSVC  # imported when training: labelling starts fast

        if nb:   # which features each unit has, for the ratios
            X = sparse.csr_matrix(X)
            present = X.copy()
            present.data = (present.data != 0).astype(np.float64)
            weight = np.ones(X.shape[0]) if w is None else w
        coef, intercept = np.zeros((Y.shape[1], X.shape[1])), np.zeros(Y.shape[1])
        for j in range(Y.shape[1]):
            if Y[:, j].min() == Y[:, j].max():
                intercept[j] = 10.0 if Y[0, j] else -10.0
                continue
            ratio = nb_ratio(present, Y[:, j] == 1, weight) if nb else None
            Xj = X @ sparse.diags(ratio) if nb else X
            svm = LinearSVC(C=self.C, random_state=self.random_state).fit(Xj, Y[:, j],
                                                                           sample_weight=w)
            coef[j], intercept[j] = svm.coef_[0] * (ratio if nb else 1.0), svm.intercept_[0]
        return coef, intercept

    @staticmethod
    def _margin(X, coef, intercept) -> np.ndarray:
        return np.asarray(X @ coef.T) + intercept

    def _platt(self, M: np.ndarray, Y: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
        """Per label ``(a, b)`` with p = sigmoid(a·margin + b), fitted on out-of-fold
        margins. Single-label models share one ``(a, b)`` across labels, so the most
        probable label is the one with the largest margin (as a multi-class SVM decides)."""
        from sklearn.linear_model import LogisticRegression

        if not self.multilabel_:
            wt = None if w is None else np.repeat(w, M.shape[1])
            lr = LogisticRegression(C=100.0).fit(M.reshape(-1, 1), Y.ravel(), sample_weight=wt)
            return np.tile([lr.coef_[0, 0], lr.intercept_[0]], (M.shape[1], 1))
        out = np.zeros((M.shape[1], 2))
        for j in range(M.shape[1]):
            if Y[:, j].min() == Y[:, j].max():
                out[j] = (1.0, 0.0)
                continue
            lr = LogisticRegression(C=100.0).fit(M[:, j:j + 1], Y[:, j], sample_weight=w)
            out[j] = (lr.coef_[0, 0], lr.intercept_[0])
        return out

    @staticmethod
    def _calibrate(M: np.ndarray, platt: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(M * platt[:, 0] + platt[:, 1])))

    def fit(self, texts: Sequence[str], labels: Sequence[Sequence[str]], *,
            groups: Sequence[str] | None = None, sample_weight: Sequence[float] | None = None,
            progress=None) -> "ThemeClassifier":
        """``groups``: units sharing a group (e.g. paragraphs of one article) are kept in
        the same cross-validation fold, so no article is both trained and tested on.
        ``sample_weight``: how much each unit counts in the SVMs, the calibration and the
        tuning of thresholds and rule (e.g. more for the user's own domain)."""
        ClassifierSettings(C=self.C, words=self.words, folds=self.folds,
                           vector_weight=self.vector_weight)  # validates
        if len(texts) != len(labels):
            raise ConfigError(f"{len(texts)} texts but {len(labels)} label lists")
        classes = sorted({lab for labs in labels for lab in labs if lab != OTHER})
        if len(classes) < 2:
            raise ConfigError(f"training needs at least two labels besides 'other', got {classes}")
        if len(texts) < self.folds * 2:
            raise ConfigError(f"{len(texts)} units are too few for {self.folds}-fold cross-validation; annotate more or lower --folds")
        self.classes_ = classes
        self.multilabel_ = not all(len(labs) == 1 and labs[0] != OTHER for labs in labels)
        Y = label_matrix(labels, classes)
        w = self.sample_weight_ = (None if sample_weight is None
                                   else np.asarray(sample_weight, dtype=np.float64))
        groups = list(groups) if groups is not None else list(range(len(texts)))
        candidates = WORD_FEATURES if self.words == "auto" else (self.words,)
        single = [x for x in SINGLE_WORD_FEATURES if x in candidates or "both" in candidates]
        steps = len(single) * self.folds + 1
        tokens = dict(zip(single, tokens_of_each(texts, [self._features(w).segmenter for w in single])))
        counts, chars = {}, None              # every text counted once; characters once for all
        for words in single:
            counts[words] = self._features(words).count(texts, tokens[words], chars)
            chars = counts[words][1]
        margins = {}
        for k, words in enumerate(single):    # out-of-fold margins of each feature set
            step = (lambda done, _, k=k: progress(k * self.folds + done, steps)) if progress else None
            margins[words] = self._cross_val_margin(words, texts, tokens[words], counts[words], Y, groups, step)
        if "both" in candidates:              # the two models' average: the same folds
            margins["both"] = (margins["phrases"] + margins["tokens"]) / 2
        key = "micro_f1" if self.multilabel_ else "accuracy"
        best, self.words_cv_ = None, {}
        for words in candidates:
            self._tune(margins[words], labels, Y)
            self.words_cv_[words] = self.cv_metrics_[key]
            if best is None or self.words_cv_[words] > self.words_cv_[best[0]]:   # ties: the first
                best = (words, {a: getattr(self, a) for a in _CV_STATE})
        self.words_, state = best
        for a, v in state.items():
            setattr(self, a, v)
        parts = SINGLE_WORD_FEATURES if self.words_ == "both" else (self.words_,)
        fitted = [self._fit_final(words, counts[words], Y, w) for words in parts]
        if len(fitted) == 1:
            self.features_, coef, self.intercept_ = fitted[0]
        else:   # the average of the two models' margins: one linear model over both feature sets
            self.features_ = CombinedFeatures([f for f, _, _ in fitted])
            coef = self.features_.average([c for _, c, _ in fitted])
            self.intercept_ = sum(i for _, _, i in fitted) / len(fitted)
        self.coef_ = coef.astype(np.float16).astype(np.float64)   # as stored: a loaded model scores exactly like this one
        if progress:
            progress(steps, steps)
        return self

    def _fit_final(self, words, counts, Y, w):
        features = self._features(words)
        coef, intercept = self._fit_linear(features.fit_counts(*counts), Y, w, nb=words == "tokens")
        return features, coef, intercept

    def _tune(self, margin, labels, Y) -> None:
        """Calibration, thresholds, rule and cross-validated metrics from out-of-fold
        margins, set on ``self`` (the attributes in ``_CV_STATE``)."""
        w = self.sample_weight_
        self.oof_margin_ = margin
        self.platt_ = self._platt(self.oof_margin_, Y, w)
        self.oof_proba_ = self._calibrate(self.oof_margin_, self.platt_)
        self.thresholds_ = best_thresholds(self.oof_proba_, Y, w) if self.multilabel_ \
            else np.full(len(self.classes_), 0.5)
        self.relative_, self.fallback_ = tune_rule(self.oof_proba_, Y, self.thresholds_, w) \
            if self.multilabel_ else NO_RULE
        self.cv_metrics_ = self._cv_metrics(labels, Y)

    def _cross_val_margin(self, words, texts, tokens, counts, Y, groups, progress) -> np.ndarray:
        P = np.zeros(Y.shape, dtype=np.float64)
        self.fold_of_ = np.zeros(len(texts), dtype=int)
        from sklearn.model_selection import GroupKFold

        kf = GroupKFold(self.folds, shuffle=True, random_state=self.random_state)
        for f, (tr, te) in enumerate(kf.split(texts, groups=groups)):
            feats = self._features(words)
            Xtr = feats.fit_counts(*(c.rows(tr) for c in counts))
            w = None if self.sample_weight_ is None else self.sample_weight_[tr]
            coef, intercept = self._fit_linear(Xtr, Y[tr], w, nb=words == "tokens")
            P[te] = self._margin(feats.transform([texts[i] for i in te], [tokens[i] for i in te]), coef, intercept)
            self.fold_of_[te] = f
            if progress:
                progress(f + 1, self.folds + 1)
        return P

    def _cv_metrics(self, labels, Y) -> dict:
        """Out-of-fold metrics; each fold's calibration, thresholds and rule are tuned on
        the other folds' out-of-fold scores only. (Those scores come from fold models that
        saw this fold's units: a slight optimism, measured in the README with fully
        nested cross-validation.)"""
        pred: list = [None] * len(labels)
        w = self.sample_weight_
        for f in range(self.folds):
            te, rest = self.fold_of_ == f, self.fold_of_ != f
            w_rest = None if w is None else w[rest]
            platt = self._platt(self.oof_margin_[rest], Y[rest], w_rest)
            proba_rest = self._calibrate(self.oof_margin_[rest], platt)
            proba_te = self._calibrate(self.oof_margin_[te], platt)
            thr, rule = None, NO_RULE
            if self.multilabel_:
                thr = best_thresholds(proba_rest, Y[rest], w_rest)
                rule = tune_rule(proba_rest, Y[rest], thr, w_rest)
            for i, labs in zip(np.flatnonzero(te), decide(proba_te, self.classes_, thr, self.multilabel_, *rule)):
                pred[i] = labs
        self.oof_pred_ = pred
        m = multilabel_metrics(labels, pred, self.classes_)
        if not self.multilabel_:
            m["accuracy"] = accuracy(labels, pred)
        return m

    # -- use -----------------------------------------------------------------------
    def _check(self):
        if not hasattr(self, "coef_"):
            raise NotFittedError("this ThemeClassifier is not fitted; call fit() or ThemeClassifier.load(folder)")

    def predict_proba(self, texts: Sequence[str], tokens=None) -> np.ndarray:
        self._check()
        return self._calibrate(self._margin(self.features_.transform(texts, tokens), self.coef_, self.intercept_), self.platt_)

    def decide(self, P: np.ndarray) -> list[list[str]]:
        return decide(P, self.classes_, self.thresholds_, self.multilabel_, self.relative_, self.fallback_)

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        return self.decide(self.predict_proba(texts))

    # -- storage -------------------------------------------------------------------
    def save(self, folder, *, training: dict | None = None) -> None:
        """Write the model to ``folder``, with the annotations it was trained on
        (``annotations_``, set by ``training.train_on_records``) beside it, so that
        ``topics train --base`` can adapt it wherever it is installed."""
        self._check()
        annotations = getattr(self, "annotations_", None)
        finfo, farrays = self.features_.state()
        save_model(folder, "classifier",
                   {"coef": self.coef_.astype(np.float16), "intercept": self.intercept_, "thresholds": self.thresholds_,
                    "platt": self.platt_, **farrays},
                   {"classes": self.classes_, "multilabel": self.multilabel_, "features": finfo, "cv_metrics": self.cv_metrics_,
                    "rule": {"relative": self.relative_, "fallback": self.fallback_},
                    "words": self.words_, "words_cv": self.words_cv_,
                    "params": {"C": self.C, "words": self.words, "min_df": self.min_df, "max_word": self.max_word, "max_char": self.max_char,
                               "folds": self.folds, "random_state": self.random_state},
                    "training": training or {}},
                   format_version=FORMAT_VERSION if len(self.features_.parts) > 1 else PLAIN_FORMAT,
                   files={ANNOTATIONS: annotations} if annotations else None)

    @classmethod
    def load(cls, folder) -> "ThemeClassifier":
        """A fitted model for labelling. (Its word vectors, if any, are inside its
        features; to refit, construct a new one with ``vectors=``.)"""
        arrays, info = load_model(folder, "classifier")
        try:
            clf = cls._from_stored(arrays, info)
            n = len(clf.classes_)
            consistent = all(isinstance(c, str) for c in clf.classes_) and n >= 2 \
                and clf.coef_.shape[0] == len(clf.intercept_) == len(clf.thresholds_) == len(clf.platt_) == n \
                and all(isinstance(x, (int, float)) for x in (clf.relative_, clf.fallback_))
        except ModelFileError:
            raise
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            raise ModelFileError(f"{folder} does not hold a usable classifier ({type(exc).__name__}: "
                                 f"{exc}); retrain or restore it") from None
        if not consistent:
            raise ModelFileError(f"{folder} does not hold a usable classifier (its labels, weights, "
                                 "thresholds and rule do not fit together); retrain or restore it")
        return clf

    @classmethod
    def _from_stored(cls, arrays, info) -> "ThemeClassifier":
        clf = cls(**info["params"])
        clf.classes_, clf.multilabel_, clf.cv_metrics_ = info["classes"], info["multilabel"], info["cv_metrics"]
        clf.training_ = info.get("training", {})
        clf.words_, clf.words_cv_ = info.get("words", "phrases"), info.get("words_cv", {})
        clf.coef_, clf.intercept_, clf.thresholds_ = arrays["coef"].astype(np.float64), arrays["intercept"], arrays["thresholds"]
        clf.platt_ = arrays["platt"]
        rule = info.get("rule")
        clf.relative_, clf.fallback_ = (rule["relative"], rule["fallback"]) if rule else NO_RULE
        clf.features_ = features_from_state(info["features"], arrays)
        return clf
