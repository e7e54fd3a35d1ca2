"""Self-contained HTML reports: one file, figures embedded as PNG data, no scripts, no
network; it opens offline in any browser. Small free functions that return HTML text.
"""
from __future__ import annotations

import base64
from html import escape

CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:2em auto;max-width:1100px;padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.8em 0;font-size:.92em}
td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
details{border:1px solid #ddd;border-radius:4px;margin:.4em 0;padding:.3em .8em}
summary{cursor:pointer;font-weight:600}img{max-width:100%}
.muted{color:#777}.words span{display:inline-block;margin:0 .5em .2em 0}
"""


def figure(fig, alt: str) -> str:
    """A matplotlib figure (or its PNG bytes, ``plotting.png_bytes``) as an embedded
    PNG."""
    from topics.plotting import png_bytes

    png = fig if isinstance(fig, bytes) else png_bytes(fig)
    data = base64.b64encode(png).decode("ascii")
    return f'<p><img alt="{escape(alt)}" src="data:image/png;base64,{data}"></p>'


def _cell(x) -> str:
    if isinstance(x, float):
        return f'<td class="num">{x:.3f}</td>'
    if isinstance(x, int) and not isinstance(x, bool):
        return f'<td class="num">{x:,}</td>'
    return f"<td>{escape(str(x))}</td>"


def table(header: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(_cell(x) for x in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def para(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{escape(text)}</p>' if cls else f"<p>{escape(text)}</p>"


def section(title: str, *parts: str) -> str:
    return f"<h2>{escape(title)}</h2>\n" + "\n".join(parts)


def details(summary: str, *parts: str) -> str:
    return f"<details><summary>{escape(summary)}</summary>\n" + "\n".join(parts) + \
        "\n</details>"


def page(title: str, *parts: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
            f"<h1>{escape(title)}</h1>\n" + "\n".join(parts) + "\n</body></html>\n")
