import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "topics" / "sample"
SHARED = ROOT.parent / "shared"
XWLB = SHARED / "corpora" / "xwlb_2022_2025.jsonl.gz"
SEEDS = {p.name[:3]: p for p in sorted(SAMPLE.glob("*.txt"))}


def run_cli(*args, cwd=None):
    """Run the real entry point (python -m topics) and capture its output."""
    return subprocess.run([sys.executable, "-m", "topics", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def xwlb_slice(n: int) -> list[dict]:
    if not XWLB.exists():
        pytest.skip(f"{XWLB} not present (CI has ../shared beside the project)")
    out = []
    with gzip.open(XWLB, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["text"].strip():
                out.append(rec)
            if len(out) >= n:
                break
    return out


@pytest.fixture(scope="session")
def sample_articles():
    from topics.corpus.ingest import ingest

    articles, errors = ingest([SAMPLE])
    assert not errors
    return articles


@pytest.fixture(scope="session")
def by_seed(sample_articles):
    out = {}
    for a in sample_articles:
        out.setdefault(a.id[:3], []).append(a)
    return out
