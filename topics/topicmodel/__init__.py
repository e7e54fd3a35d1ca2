"""Topic models: LDA engines behind one estimator, coherence, keywords, k selection."""
from topics.topicmodel.estimator import TopicModel, fold_in
from topics.topicmodel.engines import ENGINES

__all__ = ["TopicModel", "fold_in", "ENGINES"]
