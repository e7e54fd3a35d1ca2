"""Theme classification: features, the classifier, article aggregation, labelling."""
from topics.classify.model import ThemeClassifier

__all__ = ["ThemeClassifier"]
