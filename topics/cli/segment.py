"""``topics segment``: articles -> tokens per paragraph (JSONL, CSV or TSV)."""
from __future__ import annotations

from topics.cli._util import Reporter, UsageError, check_output, progress, split_errors
from topics.cli.ingest import add_ingest_options, ingest_options
from topics.corpus.ingest import iter_ingest
from topics.io import write_csv, write_jsonl
from topics.segment import Segmenter, find_quoted_terms, read_word_file, segment_many

HELP = "segment articles into words (jieba-compatible, policy terms kept whole)"
DESCRIPTION = """\
Segment every paragraph of INPUT (anything `topics ingest` reads or writes) and write
one row per paragraph: unit_id (ARTICLE:pN), article_id, paragraph, tokens.

.jsonl output holds tokens as a list; .csv/.tsv output holds them joined by spaces,
ready for R (quanteda: tokens(x, what = "fastestword"); stm: textProcessor on the column).

Policy terms (共同富裕, 东西部协作, “五问五破” …) stay one token; --terms adds your own,
--learn-quoted N adds every quoted 2–8 character phrase seen at least N times.
Stop words (general + policy boilerplate), numbers and punctuation are dropped.
Example:
  topics segment out/articles.jsonl -o out/tokens.tsv -j 2"""


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="INPUT", help="articles JSONL from `topics ingest`, or raw files/folders")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.jsonl, OUT.csv or OUT.tsv")
    add_segment_options(p)
    add_ingest_options(p)


def add_segment_options(p) -> None:
    g = p.add_argument_group("segmentation")
    g.add_argument("--segmenter", default="rjieba", choices=["rjieba", "jieba"], help="segmentation engine: rjieba (fast, default) or jieba (reference)")
    g.add_argument("--terms", metavar="FILE", help="extra terms to keep whole, one per line")
    g.add_argument("--learn-quoted", type=int, default=0, metavar="N", help="also keep whole every quoted phrase seen >= N times")
    g.add_argument("--stopwords", metavar="FILE", help="extra stop words, one per line")
    g.add_argument("--no-stopwords", action="store_true", help="keep general function words")
    g.add_argument("--no-policy-stopwords", action="store_true", help="keep policy boilerplate (推进, 加强 …)")
    g.add_argument("--no-policy-terms", action="store_true", help="do not use the shipped policy-term dictionary")
    g.add_argument("--min-len", type=int, default=2, help="shortest token kept, in characters (default: 2)")
    g.add_argument("--keep-numbers", action="store_true", help="keep tokens with digits")


def segmenter_from_args(args, texts=()) -> Segmenter:
    if args.min_len < 1:
        raise UsageError(f"--min-len must be at least 1, got {args.min_len}")
    extra = read_word_file(args.terms) if args.terms else []
    if args.learn_quoted:
        extra += find_quoted_terms(texts, min_count=args.learn_quoted)
    return Segmenter(engine=args.segmenter, policy_terms=not args.no_policy_terms, extra_terms=extra,
                     stopwords=not args.no_stopwords, policy_stopwords=not args.no_policy_stopwords,
                     extra_stopwords=read_word_file(args.stopwords) if args.stopwords else (),
                     min_len=args.min_len, keep_numbers=args.keep_numbers)


def run(args) -> int:
    out = check_output(args.output, (".jsonl", ".csv", ".tsv"))
    rep = Reporter(args.quiet)
    articles = list(split_errors(iter_ingest(args.paths, ingest_options(args), n_jobs=args.jobs), rep))
    units = [(f"{a.id}:p{i}", a.id, i, p) for a in articles for i, p in enumerate(a.paragraphs)]
    seg = segmenter_from_args(args, (u[3] for u in units))
    tokens = segment_many((u[3] for u in units), seg, n_jobs=args.jobs)
    rows = ({"unit_id": u[0], "article_id": u[1], "paragraph": u[2], "tokens": t}
            for u, t in zip(units, progress(tokens, desc="segment", total=len(units), unit="para", quiet=args.quiet)))
    if out.suffix == ".jsonl":
        n = write_jsonl(out, rows)
    else:
        n = write_csv(out, ({**r, "tokens": " ".join(r["tokens"])} for r in rows), ["unit_id", "article_id", "paragraph", "tokens"])
    rep.info(f"wrote {n} paragraphs to {out}")
    return rep.exit_code()
