"""The notebooks run top to bottom (executed with nbclient), show every figure, write
nothing into the source tree, and are stored without outputs."""
import time

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT, XWLB

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PLOTS = ("plot_", "fig")   # a cell whose last line shows a figure


def test_three_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_explore_corpus.ipynb", "02_topics.ipynb",
                                           "03_classifier_evaluation.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs_and_use_the_front_door(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and not c.get("execution_count") for c in code)
    assert "import topics" in code[0].source and "matplotlib.use" not in path.read_text()


def _tree():
    skip = {".git", ".venv", "runs", "out", ".pytest_cache"}
    return {p: p.stat().st_mtime for p in ROOT.rglob("*")
            if not skip & set(p.relative_to(ROOT).parts) and "__pycache__" not in p.parts}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_shows_every_figure(path, tmp_path, monkeypatch):
    if not XWLB.exists():
        pytest.skip("../shared not present")
    monkeypatch.setenv("TOPICS_CORPUS_DIR", str(XWLB.parent))
    monkeypatch.setenv("TOPICS_ANNOTATIONS", str(ROOT / "annotations" / "themes.jsonl"))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    before = _tree()
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert time.perf_counter() - start < 120, "a notebook should run in about a minute"
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.rstrip().split("\n")[-1].startswith(PLOTS):
            kinds = [k for o in cell.outputs for k in o.get("data", {})]
            assert "image/png" in kinds, cell.source
    assert _tree() == before, "the notebook wrote into the source tree"
