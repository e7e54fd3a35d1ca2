"""The notebooks run top to bottom (executed with nbclient) and are stored without outputs."""
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT, XWLB

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_three_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_explore_corpus.ipynb", "02_topics.ipynb", "03_classifier_evaluation.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path, tmp_path):
    if not XWLB.exists():
        pytest.skip("../shared not present")
    nb = nbformat.read(path, as_version=4)
    work = tmp_path / "notebooks"
    work.mkdir()
    # run from a copy inside a fake project root so figures land in tmp, not the repo
    (tmp_path / "topics").symlink_to(ROOT / "topics")
    (tmp_path / "annotations").symlink_to(ROOT / "annotations")
    (tmp_path.parent / "shared").exists() or (tmp_path.parent / "shared").symlink_to(XWLB.parents[1])
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
