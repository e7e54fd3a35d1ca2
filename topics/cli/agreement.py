"""``topics agreement``: inter-annotator agreement per label (Cohen's kappa)."""
from __future__ import annotations

from topics.annotations import agreement, load_records
from topics.themes import load_scheme

HELP = "Cohen's kappa per theme between two annotators"
DESCRIPTION = """\
Compare two annotation files on the units both labelled: per theme, Cohen's kappa of
presence/absence and how often each annotator used it; and exact label-set agreement.
  topics agreement annotations/double/a.jsonl annotations/double/b.jsonl"""


def add_arguments(p) -> None:
    p.add_argument("a", metavar="A.jsonl")
    p.add_argument("b", metavar="B.jsonl")
    p.add_argument("--themes", metavar="FILE", help="theme scheme TOML (default: the codebook)")


def run(args) -> int:
    res = agreement(load_records([args.a]), load_records([args.b]), load_scheme(args.themes).ids)
    print(f"{res['n_units']} units annotated by both; exact label-set agreement {res['exact_set_agreement']:.3f}")
    print(f"{'label':<18}{'kappa':>7}{'A':>6}{'B':>6}")
    for lab, m in res["per_label"].items():
        print(f"{lab:<18}{m['kappa']:>7.3f}{m['a']:>6d}{m['b']:>6d}")
    return 0
