"""``topics discover``: topics in a corpus, with k chosen by coherence."""
from __future__ import annotations

from pathlib import Path

from topics.cli._util import ProgressCallback, Reporter, progress, split_errors
from topics.cli.ingest import add_ingest_options, ingest_options
from topics.cli.segment import add_segment_options, segmenter_from_args
from topics.corpus.ingest import iter_ingest
from topics.errors import ConfigError
from topics.themes import load_scheme
from topics.topicmodel.discover import parse_k
from topics.topicmodel.pipeline import DiscoverOptions, check_out_dir, discover
from topics.units import make_units, tokenize_units

HELP = "discover topics (LDA) and map them to the codebook's themes"
DESCRIPTION = """\
Fit LDA to CORPUS (anything `topics ingest` reads or writes; units are paragraphs, or
articles with --unit article) and write to --out DIR:
  topics.json      k, engine and each topic's top 30 words, weights, share, theme, label
  doc_topics.csv   each unit's topic shares;   theme_map.csv  topic -> theme scores
  model/           the fitted model (JSON + arrays, no pickle); vocabulary.txt
  report.md        top-word charts, shares, theme mapping, representative paragraphs
--k 10:40:5 sweeps k (with --n-seeds for stability), scores NPMI, C_V and diversity,
plots them and keeps the k chosen by the rule stated in the report.
--seeded fits seeded LDA (one topic per theme, word priors from the theme seeds) and
also writes unit_themes.csv: a theme for every unit without any annotation.
Examples:
  topics discover topics/sample --k 5 --out out/topics
  topics discover corpus.jsonl.gz --k 10:30:5 --n-seeds 2 --out out/sweep -j 2"""


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="CORPUS")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (must be new or empty, unless --force)")
    p.add_argument("--k", default="20", help="number of topics, or a sweep START:STOP:STEP (default: 20)")
    p.add_argument("--engine", default="tomotopy", choices=["tomotopy", "gensim", "sklearn"], help="LDA engine (default: tomotopy, the benchmark winner)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("--n-seeds", type=int, default=1, help="seeds per k in a sweep, to show stability (default: 1)")
    p.add_argument("--iterations", type=int, default=None, help="Gibbs iterations / passes / epochs (engine default)")
    p.add_argument("--unit", default="paragraph", choices=["paragraph", "article"])
    p.add_argument("--min-df", type=float, default=5, help="drop words in fewer units (a count, or a share < 1; default 5)")
    p.add_argument("--max-df", type=float, default=0.5, help="drop words in more than this share of units (default 0.5)")
    p.add_argument("--min-tokens", type=int, default=3, help="skip units with fewer tokens (default 3)")
    p.add_argument("--themes", metavar="FILE", help="theme scheme TOML (default: the codebook's)")
    p.add_argument("--seeded", action="store_true", help="seeded LDA from the theme seeds")
    p.add_argument("--extra-topics", type=int, default=3, help="unseeded topics added in --seeded mode (default 3)")
    p.add_argument("--force", action="store_true", help="overwrite a non-empty output folder")
    add_segment_options(p)
    add_ingest_options(p)


def options_from_args(args) -> DiscoverOptions:
    if args.n_seeds < 1:
        raise ConfigError(f"--n-seeds must be at least 1, got {args.n_seeds}")
    min_df = int(args.min_df) if args.min_df >= 1 else args.min_df
    return DiscoverOptions(ks=tuple(parse_k(args.k)), engine=args.engine, seed=args.seed, n_seeds=args.n_seeds,
                           n_iter=args.iterations, min_df=min_df, max_df=args.max_df, min_tokens=args.min_tokens,
                           seeded=args.seeded, extra_topics=args.extra_topics, n_jobs=max(args.jobs, 1))


def run(args) -> int:
    out = Path(args.out)
    opts = options_from_args(args)
    check_out_dir(out, args.force)
    scheme = load_scheme(args.themes)
    rep = Reporter(args.quiet)
    articles = list(split_errors(iter_ingest(args.paths, ingest_options(args), n_jobs=args.jobs), rep))
    units = make_units(articles, args.unit)
    seg = segmenter_from_args(args, (u.text for u in units))
    tokenize_units(units, seg, n_jobs=args.jobs,
                   progress=lambda it: progress(it, desc="segment", total=len(units), unit="unit", quiet=args.quiet))
    out.mkdir(parents=True, exist_ok=True)
    summary = discover(units, out, opts, scheme, seg.get_params(),
                       progress=lambda grid: progress(grid, desc="fit k sweep", unit="model", quiet=args.quiet),
                       fit_progress=ProgressCallback("fit", args.quiet, unit="iter"))
    q = summary["quality"]
    rep.info(f"k={summary['k']} on {summary['n_units']} units, {summary['n_words']} words: "
             f"NPMI {q['npmi']:.3f}, C_V {q['c_v']:.3f}, diversity {q['diversity']:.3f}. Report: {out / 'report.md'}")
    return rep.exit_code()
