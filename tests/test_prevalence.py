"""Theme shares and their article bootstrap, against values computed by hand."""
import pytest

from topics.prevalence import choose_granularity, period_of, prevalence


def rec(date, source, *paragraph_labels):
    return {"date": date, "source": source,
            "paragraphs": [{"labels": labs} for labs in paragraph_labels]}


RECORDS = [rec("2024-01-05", "x", ["a"], ["b"]), rec("2024-02-01", "y", ["a"]),
           rec(None, "x", ["a"]), rec("2024-03-01", "x")]  # no paragraphs: not counted


def test_shares_and_bootstrap_by_hand():
    rows = prevalence(RECORDS[:2], ["a", "b"], lambda r: "all", n_boot=2000, seed=0)
    a, b = rows
    # two articles: A1 = (a, b), A2 = (a). Shares 2/3 and 1/3. Resamples of two articles:
    # {A1, A1} (p = 1/4): a 1/2, b 1/2;  {A1, A2} (1/2): 2/3, 1/3;  {A2, A2} (1/4): 1, 0.
    assert (a["share"], b["share"]) == (pytest.approx(2 / 3, abs=1e-4),
                                        pytest.approx(1 / 3, abs=1e-4))
    assert (a["low"], a["high"], b["low"], b["high"]) == (0.5, 1.0, 0.0, 0.5)
    assert (a["n_articles"], a["n_paragraphs"]) == (2, 3)


def test_groups_and_missing_keys():
    rows = prevalence(RECORDS, ["a"], lambda r: period_of(r["date"], "month"), n_boot=50)
    assert [r["group"] for r in rows] == ["2024-01", "2024-02"]   # None date, no paragraphs
    assert [r["share"] for r in rows] == [0.5, 1.0]
    by_source = prevalence(RECORDS, ["a"], lambda r: r["source"], n_boot=50)
    assert [(r["group"], r["n_articles"]) for r in by_source] == [("x", 2), ("y", 1)]


def test_same_seed_same_intervals():
    one = prevalence(RECORDS, ["a", "b"], lambda r: r["source"], n_boot=200, seed=3)
    assert one == prevalence(RECORDS, ["a", "b"], lambda r: r["source"], n_boot=200, seed=3)


@pytest.mark.parametrize("dates, gran", [
    (["2024-01-01", "2024-05-01"], "month"), (["2021-01-01", "2024-05-01"], "year"),
    (["2019-01-01", "2020-01-01", "2021-01-01", "2024-05-01"], "year"),
    (["2022-12-01", "2023-01-31"], "month"),              # two months across a new year
    (["2022-09-24", "2025-08-31"], "month"), (["2022-09-24", "2025-09-24"], "year"),
    (["1954", "2025"], "year")])
def test_granularity(dates, gran):
    assert choose_granularity(dates) == gran


def test_a_group_of_one_article_has_no_interval():
    """Resampling one article always gives the same share: no interval, not a zero-width one."""
    by_source = prevalence(RECORDS, ["a"], lambda r: r["source"], n_boot=50)
    assert [(r["group"], r["low"], r["high"]) for r in by_source][1] == ("y", None, None)
    assert by_source[0]["low"] is not None


def test_periods_are_placed_by_time_and_single_groups_plot(tmp_path):
    from topics.runreport import period_position, plot_prevalence

    assert [period_position(g) for g in ("2020", "2022", "2023-04", "2023-Q3", "x")] == \
        [2020.0, 2022.0, 2023.25, 2023.5, None]
    rows = [{"group": g, "theme": "a", "share": "0.3", "low": low, "high": high, "n_articles": n}
            for g, low, high, n in (("2020", "", "", 1), ("2022", "0.1", "0.5", 4), ("2023", "0.2", "0.4", 9))]
    fig = plot_prevalence(rows, "t", "line")
    assert list(fig.axes[0].get_xticks()) == [2020, 2022, 2023]       # a gap where 2021 is missing
    plot_prevalence(rows, "t", "bar")                                 # no interval: no error bar


def test_periods_by_setting_and_quarters():
    assert choose_granularity(["2022-12-01", "2023-01-31"], "quarter") == "quarter"
    assert [period_of(d, "quarter") for d in ("2024-01-05", "2024-06-30", "2024-12-01", "2024")] == \
        ["2024-Q1", "2024-Q2", "2024-Q4", None]
    assert period_of("2024", "month") is None and period_of("2024", "year") == "2024"
