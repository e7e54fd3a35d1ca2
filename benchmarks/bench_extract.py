"""Main-content extraction on real Chinese web pages: ours beside the peers.

    python benchmarks/bench_extract.py [--pages ../shared/pages] [--quick]
        [--only ours,trafilatura] [--no-magic-html] [--jobs 2] [--json out.json]

Every extractor runs on the same decoded pages (``topics.corpus.decode.decode_html``)
in one run. Printed per page group (magic-html articles, CWCED news/government
pages, magic-html forum pages, all) and per half (``test``: pages never looked at
while writing rules; ``all``): mean character-bigram precision / recall / F1 against
``gold.txt`` (``topics.corpus.pagebench``), pages per second on one core, then the
title, date and author accuracy against ``meta.json``.

Peers: trafilatura (default, ``favor_recall``), readability-lxml, jusText in its
language-independent mode (empty stoplist, ``stopwords_low = stopwords_high = 0``:
there is no Chinese stoplist, and its word splitting finds no words in Chinese),
Resiliparse ``extract_plain_text(main_content=True)``, magic-html 0.1.8 (Python
3.12, run in ``.venv312`` in a subprocess; told the page kind, article or forum, as
its own benchmark does) and ``topics`` before this work (stdlib parser + line
cleaning). ``--quick`` uses every fourth page and skips magic-html.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import html as htmllib
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from topics.corpus.pagebench import (  # noqa: E402
    GROUPS,
    bigram_prf,
    load_pages,
    mean_scores,
)

PAGES = ROOT.parent / "shared" / "pages"
PY312 = ROOT / ".venv312" / "bin" / "python"
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "th",
    "ul",
    "ol",
}


# -- peers --------------------------------------------------------------------------
def fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment, block elements on their own lines."""
    import lxml.html

    if not fragment or not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "") if el.tag.lower() != "br" else el.text
    return re.sub(r"\n\s*\n+", "\n", root.text_content()).strip()


def run_topics_before(html: str, url: str | None) -> dict:
    from topics.corpus.clean import clean_page, title_of
    from topics.corpus.html import html_to_text

    text, page_title = html_to_text(html)
    meta, parts = clean_page(text)
    body = "\n".join(p for part in parts for p in part.body)
    title = (title_of(parts[0]) if len(parts) == 1 else None) or page_title
    authors = [a for part in parts for a in part.authors]
    date = next((p.meta["date"] for p in parts if p.meta.get("date")), meta.get("date"))
    return {"text": body, "title": title, "date": date, "authors": authors}


def _trafilatura(html: str, url: str | None, **kwargs) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **kwargs)
    if doc is None:
        return {"text": ""}
    authors = [a.strip() for a in re.split(r"[;；,，]", doc.author or "") if a.strip()]
    return {
        "text": doc.text or "",
        "title": doc.title,
        "date": doc.date,
        "authors": authors,
    }


def run_trafilatura(html: str, url: str | None) -> dict:
    return _trafilatura(html, url)


def run_trafilatura_recall(html: str, url: str | None) -> dict:
    return _trafilatura(html, url, favor_recall=True)


def run_readability(html: str, url: str | None) -> dict:
    from readability import Document

    doc = Document(html, url=url)
    return {
        "text": fragment_text(doc.summary(html_partial=True)),
        "title": doc.short_title(),
    }


def run_justext(html: str, url: str | None) -> dict:
    import justext

    paragraphs = justext.justext(
        html.encode("utf-8"),
        frozenset(),
        stopwords_low=0,
        stopwords_high=0,
        encoding="utf-8",
    )
    return {"text": "\n".join(p.text for p in paragraphs if not p.is_boilerplate)}


def run_resiliparse(html: str, url: str | None) -> dict:
    from resiliparse.extract.html2text import extract_plain_text

    return {"text": extract_plain_text(html, main_content=True)}


def run_ours(html: str, url: str | None) -> dict:
    from topics.corpus.extract import IndexPageError, extract_html

    try:
        page = extract_html(html, url=url)
    except IndexPageError:
        return {"text": "", "index_page": True}
    return {
        "text": "\n".join(page.paragraphs),
        "title": page.title,
        "date": page.date,
        "authors": page.authors,
    }


def run_ours_ingest(html: str, url: str | None) -> dict:
    """Ours as ``read_page`` uses it: extraction, then the text cleaning passes."""
    from topics.corpus.clean import clean_web_paragraphs
    from topics.corpus.extract import IndexPageError, extract_html

    try:
        page = extract_html(html, url=url)
    except IndexPageError:
        return {"text": "", "index_page": True}
    return {
        "text": "\n".join(clean_web_paragraphs(page.paragraphs)),
        "normalised": True,
    }


EXTRACTORS: dict[str, Callable[[str, str | None], dict]] = {
    "ours": run_ours,
    "ours+cleaning": run_ours_ingest,
    "topics-before": run_topics_before,
    "trafilatura": run_trafilatura,
    "trafilatura-recall": run_trafilatura_recall,
    "readability": run_readability,
    "justext": run_justext,
    "resiliparse": run_resiliparse,
}


# -- running ------------------------------------------------------------------------
def decoded(page) -> str:
    from topics.corpus.decode import decode_html

    return decode_html(page.html)[0]


def run_local(name: str, pages: list, texts: list[str]) -> list[dict]:
    fn = EXTRACTORS[name]
    out = []
    for page, html in zip(pages, texts):
        start = time.perf_counter()
        try:
            result = fn(html, page.meta.get("url"))
        except Exception as exc:  # noqa: BLE001 - a crashing page scores 0
            result = {"text": "", "error": repr(exc)}
        result["seconds"] = time.perf_counter() - start
        out.append(result)
    return out


def run_magic_html(pages: list, texts: list[str]) -> list[dict]:
    payload = [
        {
            "name": p.name,
            "html": h,
            "url": p.meta.get("url"),
            "html_type": "forum" if p.kind == "forum" else "article",
        }
        for p, h in zip(pages, texts)
    ]
    proc = subprocess.run(
        [str(PY312), str(ROOT / "benchmarks" / "magic_html_runner.py")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    return [
        {"text": fragment_text(r["html"]), "title": r["title"], "seconds": r["seconds"]}
        for r in json.loads(proc.stdout)
    ]


def cpu_rate(folder: Path, names: list[str]) -> float:
    """Pages per CPU-second of ingest in this process (``time.process_time``): what
    one core does when no other program competes for it."""
    from topics.corpus.ingest import iter_ingest

    paths = [folder / n / "page.html" for n in names]
    list(iter_ingest(paths[:2]))
    start = time.process_time()
    list(iter_ingest(paths))
    return len(paths) / (time.process_time() - start)


def ingest_rate(folder: Path, names: list[str], jobs: int) -> float:
    """Pages per second of ``topics.corpus.ingest.ingest`` (read, decode, extract,
    clean) over the pages' ``page.html`` files with ``jobs`` processes."""
    from topics.corpus.ingest import iter_ingest

    paths = [folder / n / "page.html" for n in names]
    list(iter_ingest(paths[:2]))  # imports and caches warm
    start = time.perf_counter()
    list(iter_ingest(paths, n_jobs=jobs, chunk_size=8))
    return len(paths) / (time.perf_counter() - start)


# -- scoring ------------------------------------------------------------------------
def score(page, result: dict) -> dict:
    gold = page.gold
    if result.get("normalised"):
        from topics.corpus.normalize import normalize_text

        gold = normalize_text(gold)
    return bigram_prf(result.get("text") or "", gold)


def table(pages, results: dict[str, list[dict]], half: str) -> list[str]:
    idx = [i for i, p in enumerate(pages) if half == "all" or p.split == half]
    present = {p.group for p in pages}
    groups = [*(g for g in GROUPS if g in present), *sorted(present - set(GROUPS)), "all"]
    head = (
        f"{'extractor':<20}" + "".join(f"{g:>24}" for g in groups) + f"{'pages/s':>9}"
    )
    lines = [f"-- {half} half ({len(idx)} pages): P / R / F1", head]
    for name, res in results.items():
        row = f"{name:<20}"
        for g in groups:
            sel = [i for i in idx if g == "all" or pages[i].group == g]
            m = mean_scores([score(pages[i], res[i]) for i in sel])
            row += (
                f"  {m['precision']:.2f}/{m['recall']:.2f}/{m['f1']:.3f} n={m['n']:<3}"
            )
        secs = sum(res[i]["seconds"] for i in idx)
        lines.append(row + f"{len(idx) / secs if secs else 0:>9.1f}")
    return lines


# -- metadata accuracy --------------------------------------------------------------
_SEP = "_|｜-－–—»>·:：/\\"
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", htmllib.unescape(text or ""))


def title_match(got: str | None, gold: str | None) -> tuple[bool, bool]:
    """(exact, normalised): exact is string equality with the gold ``<title>``;
    normalised: equal once whitespace and entities go, or the gold is ours plus a
    site-name part set off by a separator (``标题_新浪网``, ``网站 » 标题``)."""
    g, o = _norm(gold), _norm(got)
    if not g or not o:
        return False, False
    if (got or "").strip() == (gold or "").strip():
        return True, True
    pos = g.find(o)
    while pos >= 0:
        before = pos == 0 or g[pos - 1] in _SEP
        after = pos + len(o) == len(g) or g[pos + len(o)] in _SEP
        if before and after:
            return False, True
        pos = g.find(o, pos + 1)
    return False, False


def iso_date(text: str | None) -> str | None:
    m = _DATE.search(text or "")
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None


def author_match(got: list | None, gold: str | None) -> bool:
    names = {n for n in re.split(r"[\s、，,;；]+", gold or "") if n}
    return bool(names) and names <= {_norm(a) for a in got or []}


def meta_lines(pages, results: dict[str, list[dict]]) -> list[str]:
    """Title, date and author accuracy on the pages whose ``meta.json`` has them:
    ``title`` (the page's ``<title>``, matched exactly or once the site name is off),
    ``headline`` (the article's own headline, matched once whitespace goes),
    ``gold_date`` and ``gold_author`` ("UNKNOWN" when the page names none)."""
    def having(key):
        return [i for i, p in enumerate(pages) if _norm(p.meta.get(key))
                and p.meta.get(key) != "UNKNOWN"]

    titled, headed, authored = having("title"), having("headline"), having("gold_author")
    dated = [i for i, p in enumerate(pages) if iso_date(p.meta.get("gold_date"))]
    lines = [
        f"-- metadata: title vs meta.json <title> ({len(titled)} pages: exact / "
        f"normalised), headline ({len(headed)} pages), date ({len(dated)} pages with a "
        f"full gold date), authors ({len(authored)} pages)"
    ]

    def mean(xs) -> str:
        xs = list(xs)
        return f"{statistics.mean(xs):.2f}" if xs else "–"

    for name, res in results.items():
        if not any(r.get("title") or r.get("date") for r in res):
            continue
        t = [title_match(res[i].get("title"), pages[i].meta["title"]) for i in titled]
        h = [_norm(res[i].get("title")) == _norm(pages[i].meta["headline"]) for i in headed]
        d = [iso_date(res[i].get("date")) == iso_date(pages[i].meta["gold_date"]) for i in dated]
        a = [author_match(res[i].get("authors"), pages[i].meta["gold_author"]) for i in authored]
        lines.append(
            f"{name:<20} title {mean(x for x, _ in t)} / {mean(y for _, y in t)}"
            f"   headline {mean(h)}   date {mean(d)}   authors {mean(a)}"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument(
        "--quick", action="store_true", help="every 4th page, no magic-html"
    )
    ap.add_argument("--only", help="comma-separated extractor names")
    ap.add_argument("--no-magic-html", action="store_true")
    ap.add_argument("--jobs", type=int, default=2, help="processes for ingest's rate")
    ap.add_argument("--json", type=Path, help="write per-page scores here")
    args = ap.parse_args(argv)
    pages = load_pages(args.pages)
    if args.quick:
        pages = pages[::4]
    texts = [decoded(p) for p in pages]
    names = args.only.split(",") if args.only else list(EXTRACTORS)
    results = {n: run_local(n, pages, texts) for n in names if n in EXTRACTORS}
    wanted = not (args.quick or args.no_magic_html) and (not args.only or "magic-html" in names)
    if wanted and PY312.exists():
        results["magic-html"] = run_magic_html(pages, texts)
    elif wanted:
        print(f"magic-html skipped: {PY312} is missing. Make it with\n"
              "  python3.12 -m venv .venv312 && .venv312/bin/pip install magic-html==0.1.8\n",
              file=sys.stderr)
    for half in ("test", "dev", "all"):
        print("\n".join(table(pages, results, half)), end="\n\n")
    print("\n".join(meta_lines(pages, results)))
    if "ours" in results:
        flagged = [
            p.name for p, r in zip(pages, results["ours"]) if r.get("index_page")
        ]
        print(f"\npages ours reported as index pages: {len(flagged)} {flagged}")
    if "ours" in results:
        names = [p.name for p in pages]
        print(f"ingest, CPU time of one process: {cpu_rate(args.pages, names):.1f} pages "
              "per CPU-second")
        for jobs in sorted({1, args.jobs}):
            print(
                f"ingest of the page files (read, decode, extract, clean), {jobs} "
                f"process(es): {ingest_rate(args.pages, names, jobs):.1f} pages/s"
            )
    if args.json:
        rows = [
            {"page": p.name, "split": p.split, "extractor": n, **score(p, r[i])}
            for n, r in results.items()
            for i, p in enumerate(pages)
        ]
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
