import os

import pytest

from conftest import SAMPLE
from topics.parallel import map_chunks


def _square_chunk(offset, chunk):
    return [(offset + x * x, os.getpid()) for x in chunk]


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_results_in_input_order_whatever_the_workers(n_jobs):
    out = list(map_chunks(_square_chunk, 1, range(10), n_jobs=n_jobs, chunk_size=3))
    assert [v for v, _ in out] == [1 + x * x for x in range(10)]
    pids = {pid for _, pid in out}
    assert (pids == {os.getpid()}) if n_jobs == 1 else (os.getpid() not in pids)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_work_meanwhile_runs_once_in_this_process_before_the_first_result(n_jobs):
    calls = []
    results = map_chunks(_square_chunk, 1, range(10), n_jobs=n_jobs, chunk_size=3,
                         meanwhile=lambda: calls.append(os.getpid()))
    assert calls == []                      # a generator: nothing runs until asked
    assert next(results)[0] == 1 and calls == [os.getpid()]
    assert len(list(results)) == 9 and len(calls) == 1


def _loaded_chunk(state, chunk):
    return [state.get("loaded_in") for _ in chunk]


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_what_preload_loads_is_inherited_by_the_workers(n_jobs):
    state = {}
    out = list(map_chunks(_loaded_chunk, state, range(6), n_jobs=n_jobs, chunk_size=2,
                          preload=lambda: state.update(loaded_in=os.getpid())))
    if n_jobs == 1:                          # nothing is forked: nothing to preload
        assert state == {} and out == [None] * 6
    else:                                    # loaded once, here, seen by every worker
        assert state == {"loaded_in": os.getpid()} and out == [os.getpid()] * 6


def test_label_segment_and_ingest_preload_what_their_workers_use(monkeypatch):
    import topics.corpus.ingest as ingest
    from topics.classify.label import label_corpus, load_classifier
    from topics.corpus.article import Article
    from topics.segment import Segmenter, segment_many

    # with -j 2 the work is done in the workers: what the parent holds afterwards
    # was built there by the preload, before the workers were forked
    clf = load_classifier()
    parts = clf.features_.parts          # the shipped model's two word feature sets
    for part in parts:
        part._index, part.segmenter._state = None, None
    label_corpus([Article(id="a", paragraphs=["宁波推进养老服务。"])], clf, n_jobs=2)
    assert all(p._index is not None and p.segmenter._state is not None for p in parts)
    seg = Segmenter()
    list(segment_many(["宁波推进养老服务。"], seg, n_jobs=2))
    assert seg._state is not None
    from topics.corpus import normalize

    seen = []
    real = ingest.map_chunks
    monkeypatch.setattr(ingest, "map_chunks", lambda *a, preload=None, **kw: (
        seen.append(preload.__name__), real(*a, preload=preload, **kw))[1])
    normalize._traditional.cache_clear()
    list(ingest.iter_ingest([SAMPLE], n_jobs=2))
    assert seen == ["_load_tables"] and normalize._traditional.cache_info().currsize == 1


def test_segmenter_load_builds_once():
    from topics.segment import Segmenter

    seg = Segmenter()
    assert seg.load() is seg and seg._state is not None
    state = seg._state
    assert seg.load()._state is state
