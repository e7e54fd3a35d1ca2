"""Files the package ships, found with ``importlib.resources`` (so they work from a
wheel as from the source tree): word lists and themes in ``topics/data``, the sample
corpus in ``topics/sample``, trained models in ``topics.models`` (``models/``)."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def data_text(name: str) -> str:
    """A text file of ``topics/data`` (word lists, the theme scheme)."""
    return resources.files("topics.data").joinpath(name).read_text(encoding="utf-8")


def _on_disk(traversable) -> Path:
    path = Path(str(traversable))
    if not path.exists():  # pragma: no cover - only for zip imports, which we do not build
        raise FileNotFoundError(f"{traversable} is not on disk; install topics unzipped")
    return path


def sample_path() -> Path:
    """The folder of the five bundled sample documents."""
    return _on_disk(resources.files("topics").joinpath("sample"))


def shipped_model_dir() -> Path:
    """``$TOPICS_MODEL`` if set, else the theme classifier shipped in ``topics.models``."""
    env = os.environ.get("TOPICS_MODEL")
    return Path(env) if env else _on_disk(resources.files("topics.models").joinpath("themes"))
