"""Annotated units: loading, resolving ids to text, validating, and agreement.

An annotation record is ``{"id", "labels": [1–3 ids, most salient first]}`` plus either
``text`` or a ``source`` in which the id resolves, and ``text_sha256`` so a changed
source is detected. Units from ``../shared`` keep no text in the project. Ids:

* ``<record id>:p<i>``: line ``i`` of the record's ``text`` in a JSONL(.gz) corpus;
* ``<record id>#<field>:p<i>``: line ``i`` of another text field (``…#reply:p0``);
* source ``pages``: ``<page folder>:p<i>`` is line ``i`` of ``pages/<folder>/gold.txt``.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from topics.errors import ConfigError, InputError
from topics.themes import OTHER

MAX_LABELS = 3


def text_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def default_corpus_dirs() -> list[Path]:
    """``$TOPICS_CORPUS_DIR`` (``:``-separated), then ``../shared/corpora`` beside the project."""
    env = os.environ.get("TOPICS_CORPUS_DIR")
    dirs = [Path(p) for p in env.split(os.pathsep)] if env else []
    project = Path(__file__).resolve().parents[1]
    return dirs + [project.parent / "shared" / "corpora", Path.cwd().parent / "shared" / "corpora"]


def open_text(path, encoding: str = "utf-8"):
    """A JSONL file, gzipped (``.gz``) or not, opened as text."""
    return (gzip.open if str(path).endswith(".gz") else open)(path, "rt", encoding=encoding)


def load_records(paths: Iterable, *, errors: list[InputError] | None = None) -> list[dict]:
    """Annotation JSONL files -> records. A malformed line (or an unreadable file)
    raises InputError naming it; with ``errors`` given, it is appended there instead and
    the other lines are still read (``topics validate`` reports every problem)."""
    out = []
    for path in paths:
        for item in _read_records(path):
            if not isinstance(item, InputError):
                out.append(item)
            elif errors is None:
                raise item
            else:
                errors.append(item)
    return out


def _read_records(path) -> Iterator[dict | InputError]:
    """One annotation file's records, with an InputError in place of each bad line
    (or of the whole file when it cannot be read)."""
    try:
        with open_text(path, "utf-8-sig") as fh:
            lines = fh.read().split("\n")        # JSON lines end at \n only
    except UnicodeDecodeError:
        yield InputError(path, "not UTF-8 text; re-save the annotation file as UTF-8")
        return
    except (gzip.BadGzipFile, EOFError) as exc:
        yield InputError(path, f"not a readable gzip file ({exc}); re-compress it or give the plain .jsonl")
        return
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                item = _parse_record(line, path, n)
            except InputError as err:
                item = err
            yield item


def _parse_record(line: str, path, n: int) -> dict:
    """Line ``n`` of an annotation file -> its record; InputError when malformed."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON ({exc.msg})", line=n) from None
    except RecursionError:
        raise InputError(path, "malformed JSON (nested too deeply to read)", line=n) from None
    if not isinstance(rec, dict) or not isinstance(rec.get("id"), str) or "labels" not in rec:
        raise InputError(path, "each line needs a string 'id' and 'labels'", line=n)
    if isinstance(rec["labels"], list) and not all(isinstance(x, str) for x in rec["labels"]):
        raise InputError(path, f"labels must be strings, got {rec['labels']!r}", line=n)
    wrong = [k for k in ("text", "source", "text_sha256", "title")
             if rec.get(k) is not None and not isinstance(rec[k], str)]
    if wrong:
        raise InputError(path, f"{wrong[0]!r} must be a string, got {rec[wrong[0]]!r}", line=n)
    rec["_where"] = f"{path}:{n}"
    return rec


PAGES = "pages"


def _corpus_lines(path: Path) -> dict[str, list[str]]:
    """Record id (and ``id#field`` for every other text field) -> lines."""
    out = {}
    with open_text(path) as fh:
        for rec in map(json.loads, fh):
            out[rec["id"]] = (rec.get("text") or "").split("\n")
            for key, value in rec.items():
                if key not in ("id", "text") and isinstance(value, str):
                    out[f"{rec['id']}#{key}"] = value.split("\n")
    return out


def _page_lines(folder: Path) -> dict[str, list[str]]:
    """Page folder name -> lines of its human-marked ``gold.txt``."""
    return {d.name: (d / "gold.txt").read_text(encoding="utf-8").split("\n")
            for d in sorted(folder.iterdir()) if (d / "gold.txt").is_file()}


def source_lines(src: str, dirs: Sequence[Path]) -> dict[str, list[str]] | None:
    """Document id -> its lines, for an annotation source (a corpus file name in one
    of ``dirs``, or ``pages``); None when the source is not found."""
    if src == PAGES:
        found = next((d.parent / PAGES for d in dirs if (d.parent / PAGES).is_dir()), None)
        return _page_lines(found) if found else None
    found = next((d / src for d in dirs if (d / src).is_file()), None)
    return _corpus_lines(found) if found else None


def resolve_texts(records: list[dict], corpus_dirs: Sequence[Path] | None = None) -> list[str]:
    """Fill ``text`` of records that only carry an id; return problems (unresolvable ids)."""
    problems, cache = [], {}
    dirs = list(corpus_dirs or default_corpus_dirs())
    for rec in records:
        if rec.get("text"):
            continue
        if not rec.get("source"):
            problems.append(f"{rec['_where']}: {rec['id']!r} has no text and no source corpus to resolve it from")
            continue
        src = rec["source"]
        if src not in cache:
            cache[src] = source_lines(src, dirs)
        lines = cache[src]
        story, _, para = rec["id"].rpartition(":p")
        if lines is None:
            problems.append(f"{rec['_where']}: {rec['id']!r} has no text, and its source corpus {src} "
                            f"is not in {', '.join(map(str, dirs))}; give the unit's text, or set "
                            "TOPICS_CORPUS_DIR to the folder holding the corpus")
        elif story not in lines or not para.isdigit() or int(para) >= len(lines[story]):
            problems.append(f"{rec['_where']}: id {rec['id']!r} does not resolve in {src}")
        else:
            rec["text"] = lines[story][int(para)].strip()
    return problems


def validate(records: list[dict], label_set: Sequence[str] | None = None) -> list[str]:
    """Problems: unknown labels (when ``label_set`` is given), duplicates, ``other`` mixed
    with themes, label counts, hash mismatches."""
    allowed = set(label_set) | {OTHER} if label_set is not None else None
    problems, seen = [], {}
    for rec in records:
        where, labels = rec.get("_where", rec["id"]), rec["labels"]
        if rec["id"] in seen:
            problems.append(f"{where}: duplicate id {rec['id']!r} (first at {seen[rec['id']]})")
        seen.setdefault(rec["id"], where)
        if not isinstance(labels, list) or not 1 <= len(labels) <= MAX_LABELS:
            problems.append(f"{where}: needs 1 to {MAX_LABELS} labels, has {labels!r}")
            continue
        unknown = [x for x in labels if allowed is not None and x not in allowed]
        if unknown:
            problems.append(f"{where}: unknown label(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(sorted(allowed or []))}")
        if OTHER in labels and len(labels) > 1:
            problems.append(f"{where}: 'other' must stand alone, got {labels}")
        if len(set(labels)) != len(labels):
            problems.append(f"{where}: repeated label in {labels}")
        if rec.get("text") and rec.get("text_sha256") and text_hash(rec["text"]) != rec["text_sha256"]:
            problems.append(f"{where}: text hash mismatch for {rec['id']!r}: the corpus or text changed since annotation")
    return problems


def label_counts(records: Sequence[dict]) -> dict[str, int]:
    """How many units carry each label, most frequent first."""
    from collections import Counter

    return dict(Counter(lab for r in records if isinstance(r["labels"], list)
                        for lab in r["labels"]).most_common())


def group_of(unit_id: str) -> str:
    """The article or story a unit comes from (``<article>:p<i>`` -> ``<article>``;
    a letter and its reply, ``<id>:p0`` and ``<id>#reply:p0``, are one group)."""
    head, sep, tail = unit_id.rpartition(":p")
    return head.split("#", 1)[0] if sep and tail.isdigit() else unit_id


def data_hash(records: list[dict]) -> str:
    """A hash of ids, labels and texts, for manifests."""
    h = hashlib.sha256()
    for rec in sorted(records, key=lambda r: r["id"]):
        h.update(json.dumps([rec["id"], rec["labels"], text_hash(rec.get("text", ""))], ensure_ascii=False).encode())
    return h.hexdigest()


def agreement(a: list[dict], b: list[dict], label_set: Sequence[str]) -> dict:
    """Cohen's kappa per label (presence/absence) over units annotated by both; NaN
    (undefined, 0/0) for a label both annotators gave to every unit or to none."""
    from sklearn.metrics import cohen_kappa_score

    la, lb = {r["id"]: set(r["labels"]) for r in a}, {r["id"]: set(r["labels"]) for r in b}
    common = sorted(set(la) & set(lb))
    if not common:
        raise ConfigError("the two annotation files share no unit ids")
    out = {"n_units": len(common), "exact_set_agreement": sum(la[i] == lb[i] for i in common) / len(common), "per_label": {}}
    for lab in [*label_set, OTHER]:
        ya, yb = [lab in la[i] for i in common], [lab in lb[i] for i in common]
        kappa = cohen_kappa_score(ya, yb) if len(set(ya) | set(yb)) > 1 else math.nan
        out["per_label"][lab] = {"kappa": round(float(kappa), 3), "a": sum(ya), "b": sum(yb)}
    return out
