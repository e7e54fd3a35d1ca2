import gzip
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "topics" / "sample"
SHARED = ROOT.parent / "shared"
XWLB = SHARED / "corpora" / "xwlb_2022_2025.jsonl.gz"
SEEDS = {p.name[:3]: p for p in sorted(SAMPLE.glob("*.txt"))}


def run_subprocess(*args, cwd=None, env=None):
    """Run the real entry point (python -m topics) in a new process."""
    return subprocess.run([sys.executable, "-m", "topics", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=env)


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run ``topics.cli.main`` in this process (so coverage sees it); ``cwd=`` changes
    the working folder for the call."""
    from topics.cli import main

    def run(*args, cwd=None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code
        out = capsys.readouterr()
        return CliResult(code, out.out, out.err)

    return run


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
