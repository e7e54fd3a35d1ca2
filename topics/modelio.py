"""Safe model files: numeric arrays in ``.npz`` (loaded with ``allow_pickle=False``) and
everything else in JSON, with a manifest that records versions and a SHA-256 of the
arrays. Loading refuses a tampered, truncated or incompatible file with a clear message.
"""
from __future__ import annotations

import hashlib
import io
import json
import platform
import zipfile
from importlib import metadata
from pathlib import Path

import numpy as np

from topics import __version__
from topics.errors import ModelFileError
from topics.io import atomic_folder

# 2: classifier models may carry word vectors and a decision rule. Files of format 1 still
# load (they mean plain thresholds, no vectors); topics before format 2 refuses format 2.
# 3: a classifier may hold two word-feature sets side by side (``words = "both"``).
# A file is written in the oldest format that holds it, so older versions of topics
# still read every model they can use.
FORMAT_VERSION = 3          # the newest
PLAIN_FORMAT = 2            # every model but a classifier with side-by-side word features
READABLE_FORMATS = (1, 2, 3)
# files a model may carry beside model.json and arrays.npz (an earlier model's are
# replaced when a folder is overwritten): the annotations a classifier was trained on
ANNOTATIONS = "annotations.jsonl.gz"
MODEL_FILES = (ANNOTATIONS,)


def library_versions(names=("numpy", "scipy", "scikit-learn", "gensim", "tomotopy", "jieba", "rjieba", "opencc")) -> dict:
    out = {"python": platform.python_version(), "topics": __version__}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def sha256_file(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _info_hash(info) -> str:
    return hashlib.sha256(json.dumps(info, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def save_model(folder, kind: str, arrays: dict[str, np.ndarray], info: dict, *,
               format_version: int = PLAIN_FORMAT, files: dict[str, bytes] | None = None) -> None:
    """Write ``arrays.npz`` and ``model.json`` (kind, format, versions, hash, ``info``),
    and ``files`` (name -> content; their SHA-256 in ``model.json``, see ``model_file``)."""
    buf = io.BytesIO()
    np.savez_compressed(buf, **{k: np.asarray(v) for k, v in arrays.items()})
    manifest = {"kind": kind, "format_version": format_version, "versions": library_versions(),
                "arrays_sha256": hashlib.sha256(buf.getvalue()).hexdigest(), "info_sha256": _info_hash(info), "info": info}
    if files:
        manifest["files_sha256"] = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    with atomic_folder(folder, replaces=MODEL_FILES) as tmp:     # every file or none
        (tmp / "arrays.npz").write_bytes(buf.getvalue())
        for name, data in (files or {}).items():
            (tmp / name).write_bytes(data)
        with open(tmp / "model.json", "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1)


def model_file(folder, name: str) -> Path | None:
    """The path of a file saved with a model (``save_model(files=)``), after checking it
    against the checksum in ``model.json``; None if the model was saved without it."""
    folder = Path(folder)
    try:
        recorded = json.loads((folder / "model.json").read_text(encoding="utf-8")).get("files_sha256") or {}
    except (OSError, ValueError, AttributeError):
        raise ModelFileError(f"{folder / 'model.json'} cannot be read; retrain or restore the model") from None
    if name not in recorded:
        return None
    path = folder / name
    if not path.is_file():
        raise ModelFileError(f"{folder} is incomplete: {name} is missing; retrain or restore the model")
    if sha256_file(path) != recorded[name]:
        raise ModelFileError(f"{path} does not match the checksum in model.json: the file was changed "
                             "or damaged; retrain or restore the model")
    return path


def load_model(folder, kind: str) -> tuple[dict[str, np.ndarray], dict]:
    """``(arrays, info)``; raises ``ModelFileError`` saying what is wrong and what to do."""
    folder = Path(folder)
    mpath, apath = folder / "model.json", folder / "arrays.npz"
    if not mpath.is_file() or not apath.is_file():
        raise ModelFileError(f"{folder} is not a model folder (needs model.json and arrays.npz)")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ModelFileError(f"{mpath} is not valid JSON ({exc}); the file is damaged, retrain or re-download it") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("info"), dict):
        raise ModelFileError(f"{mpath} is not a model description (a JSON object with 'kind', "
                             "'format_version' and 'info'); the file is damaged, retrain or restore it")
    if manifest.get("kind") != kind:
        raise ModelFileError(f"{folder} holds a {manifest.get('kind')!r} model, not a {kind!r} model")
    if manifest.get("format_version") not in READABLE_FORMATS:
        raise ModelFileError(f"{folder} has model format {manifest.get('format_version')}, this topics {__version__} reads formats "
                             f"{', '.join(map(str, READABLE_FORMATS))}; retrain the model with this version")
    if _info_hash(manifest.get("info")) != manifest.get("info_sha256"):
        raise ModelFileError(f"{mpath} was edited or damaged (its content does not match its checksum); retrain or restore it")
    if sha256_file(apath) != manifest.get("arrays_sha256"):
        raise ModelFileError(f"{apath} does not match the checksum in model.json: the file was changed or damaged; retrain or restore it")
    if not zipfile.is_zipfile(apath):
        raise ModelFileError(f"{apath} is damaged or truncated (not a whole numpy .npz archive); retrain or restore it")
    try:
        with np.load(apath, allow_pickle=False) as npz:
            arrays = _Parts({k: npz[k] for k in npz.files}, folder)
    except ValueError as exc:
        raise ModelFileError(f"{apath} cannot be read without unpickling ({exc}); refusing to load it") from None
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        raise ModelFileError(f"{apath} is damaged or truncated ({exc}); retrain or restore it") from None
    return arrays, _Parts(manifest["info"], folder, "entry")


class _Parts(dict):
    """A model's arrays or info; asking for a part the file lacks is a ``ModelFileError``."""

    def __init__(self, parts: dict, folder: Path, what: str = "array"):
        super().__init__(parts)
        self.folder, self.what = folder, what

    def __missing__(self, key):
        raise ModelFileError(f"{self.folder} is incomplete: it has no {self.what} {key!r} "
                             "(written by another version, or damaged); retrain or restore it")
