"""Figures with Chinese labels. The CJK font is set only inside ``cjk_style()``; nothing
global is changed at import time."""
from __future__ import annotations

import contextlib
import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def cjk_font_name() -> str | None:
    """Register and name a font with Chinese glyphs (mplfonts' Noto Sans CJK SC, or a system font)."""
    from matplotlib import font_manager

    candidates = []
    try:
        import mplfonts

        candidates.append(Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf")
    except ImportError:
        pass
    for path in candidates:
        if path.exists():
            font_manager.fontManager.addfont(str(path))
            return font_manager.FontProperties(fname=str(path)).get_name()
    for f in font_manager.fontManager.ttflist:
        if any(key in f.name for key in ("CJK", "WenQuanYi", "SimHei", "Source Han", "Noto Sans SC")):
            return f.name
    log.warning("no font with Chinese characters found; install mplfonts for readable figures")
    return None


@contextlib.contextmanager
def cjk_style():
    """Inside the block, new figures use a font with Chinese glyphs. The font is named
    on each text element, so a figure drawn later (in a notebook) keeps it; nothing
    global is changed, and no pyplot backend is chosen."""
    import matplotlib as mpl

    name = cjk_font_name()
    rc = {"axes.unicode_minus": False, "figure.dpi": 110}
    if name:
        rc["font.family"] = [name, "DejaVu Sans"]
    with mpl.rc_context(rc):
        yield


def new_figure(**kwargs):
    """A matplotlib ``Figure`` outside pyplot (no global figure list, no GUI)."""
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def png_bytes(fig) -> bytes:
    """``fig`` drawn once as PNG (110 dpi): drawing is the slow part of a report, so a
    figure written to a file and embedded in HTML is drawn once."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    return buf.getvalue()


def save_figure(fig, path) -> bytes:
    """Write ``fig`` (or its ``png_bytes``) as PNG to ``path`` atomically; return the
    PNG bytes."""
    from topics.io import atomic_open

    png = fig if isinstance(fig, bytes) else png_bytes(fig)
    with atomic_open(path, "wb") as fh:
        fh.write(png)
    return png
