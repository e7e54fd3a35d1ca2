"""Run magic-html on pages for ``bench_extract.py`` (magic-html needs Python >= 3.12).

    .venv312/bin/python benchmarks/magic_html_runner.py < pages.json > out.json

Reads a JSON list of ``{"name", "html", "url", "html_type"}`` on stdin and writes a
JSON list of ``{"name", "html", "title", "seconds"}``: the extracted main-content
HTML, magic-html's title and the time magic-html took on that page.
"""

from __future__ import annotations

import json
import sys
import time

from magic_html import GeneralExtractor


def run_one(extractor: GeneralExtractor, page: dict) -> dict:
    kwargs = {"base_url": page.get("url") or ""}
    if page.get("html_type"):
        kwargs["html_type"] = page["html_type"]
    start = time.perf_counter()
    try:
        out = extractor.extract(page["html"], **kwargs)
    except Exception as exc:  # noqa: BLE001 - a failed page scores 0, as in the paper
        out = {"html": "", "title": "", "error": repr(exc)}
    seconds = time.perf_counter() - start
    return {
        "name": page["name"],
        "html": out.get("html") or "",
        "title": out.get("title") or "",
        "seconds": seconds,
    }


def main() -> None:
    pages = json.load(sys.stdin)
    extractor = GeneralExtractor()
    json.dump([run_one(extractor, p) for p in pages], sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
