"""``topics agreement``: inter-annotator agreement per label (Cohen's kappa)."""
from __future__ import annotations

import math

from topics.cli._flags import add_settings, settings_from_args
from topics.cli._util import check_inputs, print_table
from topics.settings import SchemeSettings

HELP = "Cohen's kappa per theme between two annotators"
DESCRIPTION = """\
Compare two annotation files on the units both labelled: per theme, Cohen's kappa of
presence/absence (– when undefined: both gave it to every unit or to none) and how
often each annotator used it; and exact label-set agreement.
  topics agreement annotations/double/a.jsonl annotations/double/b.jsonl"""


def add_arguments(p) -> None:
    p.add_argument("a", metavar="A.jsonl")
    p.add_argument("b", metavar="B.jsonl")
    add_settings(p, SchemeSettings, exclude=SchemeSettings.TOPIC_ONLY)


def run(args) -> int:
    s = settings_from_args(args, SchemeSettings)
    check_inputs([args.a, args.b])
    from topics.annotations import agreement, load_records
    from topics.themes import load_scheme

    res = agreement(load_records([args.a]), load_records([args.b]),
                    load_scheme(s[SchemeSettings].file).ids)
    print(f"{res['n_units']} units annotated by both; exact label-set agreement "
          f"{res['exact_set_agreement']:.3f}")
    print_table(["label", "kappa", "A", "B"],
                [[lab, "–" if math.isnan(m["kappa"]) else m["kappa"], m["a"], m["b"]]
                 for lab, m in res["per_label"].items()])
    if any(math.isnan(m["kappa"]) for m in res["per_label"].values()):
        print("–: kappa undefined (0/0): both annotators gave the label to every unit "
              "or to none")
    return 0
