"""``topics ingest``: messy files -> clean articles (JSONL)."""
from __future__ import annotations

from topics.cli._util import Reporter, check_output, progress, split_errors
from topics.corpus.ingest import IngestOptions, iter_ingest
from topics.io import write_jsonl

HELP = "read text/HTML/JSONL/CSV files or folders into clean articles"
DESCRIPTION = """\
Read PATHs (files or folders of .txt .md .html .htm .jsonl .jsonl.gz .csv .tsv) and
write one JSON line per article: id, title, source, date, authors, path, paragraphs.

Cleaning: encoding detection (UTF-8, UTF-16, GB18030/GBK), traditional -> simplified,
full/half-width forms, stray spaces, invisible characters; broken PDF lines joined;
pages holding several articles split at headlines and bylines; navigation, widgets,
dates, copyright, tags/editor lines, CMS footers and photo credits removed.

A bad file or line is reported as `error: FILE[:LINE]: reason`; all good input is still
written and the exit code is 1. Example:
  topics ingest topics/sample -o out/articles.jsonl"""


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    p.add_argument("-o", "--output", required=True, metavar="OUT.jsonl", help="where to write the articles")
    add_ingest_options(p)


def add_ingest_options(p) -> None:
    """Options shared by every command that reads raw input."""
    g = p.add_argument_group("reading")
    g.add_argument("--keep-traditional", action="store_true", help="do not convert traditional characters to simplified")
    g.add_argument("--no-split", action="store_true", help="treat each text/HTML file as one article (no page splitting)")
    g.add_argument("--text-column", default="text", help="CSV/TSV column holding the text (default: text)")
    g.add_argument("--max-mb", type=float, default=200, help="refuse files larger than this many MB (default: 200)")
    g.add_argument("-j", "--jobs", type=int, default=1, help="worker processes; -1 = all cores (default: 1)")


def ingest_options(args) -> IngestOptions:
    return IngestOptions(simplified=not args.keep_traditional, split=not args.no_split,
                         text_column=args.text_column, max_bytes=int(args.max_mb * 2**20))


def run(args) -> int:
    out = check_output(args.output, (".jsonl",))
    rep = Reporter(args.quiet)
    items = iter_ingest(args.paths, ingest_options(args), n_jobs=args.jobs)
    articles = progress(split_errors(items, rep), desc="ingest", unit="article", quiet=args.quiet)
    n = write_jsonl(out, (a.to_dict() for a in articles))
    rep.info(f"wrote {n} articles to {out}")
    return rep.exit_code()
