"""``topics segment``: articles -> tokens per paragraph (JSONL, CSV or TSV)."""
from __future__ import annotations

from topics.cli._flags import add_settings, settings_from_args
from topics.cli._util import Reporter, check_inputs, check_output, progress, read_articles
from topics.settings import ReadSettings, RunSettings, SegmentSettings, SparkSettings

HELP = "segment articles into words (jieba-compatible, policy terms kept whole)"
DESCRIPTION = """\
Segment every paragraph of INPUT (anything `topics ingest` reads or writes) and write
one row per paragraph: unit_id (ARTICLE:pN), article_id, paragraph, tokens.

.jsonl output holds tokens as a list; .csv/.tsv output holds them joined by spaces,
ready for R (quanteda: tokens(x, what = "fastestword"); stm: textProcessor on the column).

Policy terms (共同富裕, 东西部协作, “五问五破” …) stay one token; --terms adds your own,
--learn-quoted N adds every quoted 2–8 character phrase seen at least N times.
Stop words (general + policy boilerplate), numbers and punctuation are dropped.

--spark MASTER reads, cleans and segments on a Spark cluster with the same functions;
OUT becomes a folder of part files: JSONL (tokens as lists) when OUT ends in .jsonl,
else Parquet (--spark-format); not CSV/TSV.
Examples:
  topics segment out/articles.jsonl -o out/tokens.tsv -j 2
  topics segment hdfs:///work/articles.parquet -o hdfs:///work/tokens --spark yarn"""
SETTINGS = (SegmentSettings, ReadSettings, RunSettings, SparkSettings)


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="INPUT",
                   help="articles JSONL from `topics ingest`, or raw files/folders")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="OUT.jsonl, OUT.csv or OUT.tsv (with --spark: a folder)")
    add_settings(p, *SETTINGS, exclude=("seed",))


def run(args) -> int:
    s = settings_from_args(args, *SETTINGS)
    if s[SparkSettings].master:
        return _run_on_spark(args, s)
    paths = check_inputs(args.paths)
    out = check_output(args.output, (".jsonl", ".csv", ".tsv"), paths)
    rep = Reporter(args.quiet)
    from topics.io import write_csv, write_jsonl
    from topics.segment import segment_many, segmenter_from

    articles = read_articles(args, s[ReadSettings], s[RunSettings].workers, rep)
    units = [(f"{a.id}:p{i}", a.id, i, p) for a in articles for i, p in enumerate(a.paragraphs)]
    seg = segmenter_from(s[SegmentSettings], (u[3] for u in units))
    tokens = segment_many((u[3] for u in units), seg, n_jobs=s[RunSettings].workers)
    tokens = progress(tokens, desc="segment", total=len(units), unit="para", quiet=args.quiet)
    rows = ({"unit_id": u[0], "article_id": u[1], "paragraph": u[2], "tokens": t}
            for u, t in zip(units, tokens))
    if out.suffix == ".jsonl":
        n = write_jsonl(out, rows)
    else:
        n = write_csv(out, ({**r, "tokens": " ".join(r["tokens"])} for r in rows),
                      ["unit_id", "article_id", "paragraph", "tokens"])
    rep.info(f"wrote {n} paragraphs to {out}")
    return rep.exit_code()


def _run_on_spark(args, s) -> int:
    from topics.cli import _spark
    from topics.spark.steps import segmenter_for, token_rows, tokenize, units_of
    from topics.spark.write import TOKEN_COLUMNS

    def rows_of(spark, corpus):
        units = units_of(corpus, "paragraph")
        seg = segmenter_for(units, s[SegmentSettings])
        return token_rows(tokenize(spark, units, seg)), units

    return _spark.write_read_rows(args, s, rows_of, TOKEN_COLUMNS, "paragraphs")
