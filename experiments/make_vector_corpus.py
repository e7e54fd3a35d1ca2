"""Local-genre text for the classifier's word vectors (written outside the project).

The shipped model's word vectors are learned from four genres, so that words of local
government prose sit near the words they are used like: 新闻联播 stories and the
State Council work reports (read by `topics vectors` directly from ../shared/corpora),
plus the two files this script writes from ../shared:

* ``mailbox.jsonl``: the residents' letters and the government's replies of the 商洛
  mayor's mailbox, one record each (the replies are a field `topics ingest` does not
  read, so they are written out as records of their own);
* ``pages.jsonl``: the human-marked main text of the news and government pages.

Usage (the README's recipe for models/themes):
    python experiments/make_vector_corpus.py runs/vector-corpus
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def mailbox_records():
    with gzip.open(SHARED / "corpora" / "shangluo_mayor_mailbox_2011_2022.jsonl.gz", "rt",
                   encoding="utf-8") as fh:
        for rec in map(json.loads, fh):
            yield {"id": rec["id"], "text": rec["text"]}
            if rec.get("reply"):
                yield {"id": f"{rec['id']}#reply", "text": rec["reply"]}


def page_records():
    for folder in sorted((SHARED / "pages").iterdir()):
        meta = folder / "meta.json"
        if meta.is_file() and json.loads(meta.read_text(encoding="utf-8"))["kind"] == "article":
            yield {"id": folder.name, "text": (folder / "gold.txt").read_text(encoding="utf-8")}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, records in (("mailbox", mailbox_records()), ("pages", page_records())):
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            n = sum(fh.write(json.dumps(r, ensure_ascii=False) + "\n") > 0 for r in records)
        print(f"{n} records -> {out / name}.jsonl")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
