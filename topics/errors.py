"""Typed exceptions. Each message says what is wrong, the value, and how to fix it."""
from __future__ import annotations


class TopicsError(Exception):
    """Base class for every error the package raises on purpose."""


class InputError(TopicsError):
    """An input file or record cannot be read (empty, binary, undecodable, malformed)."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path, self.reason, self.line = str(path), reason, line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # picklable across worker processes
        return (type(self), (self.path, self.reason, self.line))


class ConfigError(TopicsError, ValueError):
    """A setting has a value the package cannot use."""


class ModelFileError(TopicsError):
    """A model file is missing, tampered with, or from an incompatible version."""


class NotFittedError(TopicsError, ValueError):
    """A model was used before ``fit``."""


class SparkError(TopicsError):
    """Spark cannot start or run: no Java, no pyspark, a cluster that cannot be
    reached, or an output folder Spark cannot use."""
