"""A small Jupyter form to correct a batch of suggested labels (from ``topics annotate``).

    form = topics.annotation_form("batch1.jsonl")
    form            # shows one unit at a time: its title and text, a toggle per theme

The model's suggested themes start switched on; switch themes on or off (``other``
stands alone, at most three themes), move with ◀ ▶, and Save writes the file back
(atomically), each unit you have looked at marked ``reviewed``. Needs ipywidgets
(``pip install "topics[notebooks]"``).
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from topics.annotations import MAX_LABELS
from topics.errors import ConfigError
from topics.io import read_jsonl, write_jsonl
from topics.themes import OTHER


class AnnotationForm:
    """The form's state and actions; ``widget`` is what a notebook displays."""

    def __init__(self, path, themes: list[str] | None = None):
        from topics.themes import load_scheme

        w = _ipywidgets()
        self.path = Path(path)
        self.records = list(read_jsonl(self.path))
        if not self.records:
            raise ConfigError(f"{self.path} holds no units to annotate")
        self.themes = [*(themes or load_scheme().ids), OTHER]
        self.i = 0
        self.text = w.HTML()
        self.toggles = {t: w.ToggleButton(description=t, layout=w.Layout(width="auto"))
                        for t in self.themes}
        for t, button in self.toggles.items():
            button.observe(lambda change, t=t: self._toggled(t, change["new"]), "value")
        self.status = w.Label()
        buttons = [w.Button(description=d) for d in ("◀", "▶", "Save")]
        for button, action in zip(buttons, (self.previous, self.next, self.save)):
            button.on_click(lambda _b, action=action: action())
        self.prev_button, self.next_button, self.save_button = buttons
        self.widget = w.VBox([self.text, w.HBox(list(self.toggles.values())),
                              w.HBox([*buttons, self.status])])
        self._busy = False
        self.show(0)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    @property
    def labels(self) -> list[str]:
        return list(self.records[self.i]["labels"])

    def show(self, i: int) -> None:
        self.i = max(0, min(i, len(self.records) - 1))
        rec = self.records[self.i]
        rec["reviewed"] = True
        title = f"<b>{escape(rec.get('title') or '')}</b><br>" if rec.get("title") else ""
        self.text.value = (f"<p>{self.i + 1} / {len(self.records)} · <code>{escape(rec['id'])}"
                           f"</code></p>{title}<p>{escape(rec['text'])}</p>")
        self._busy = True
        for t, button in self.toggles.items():
            button.value = t in rec["labels"]
        self._busy = False
        self.status.value = ""

    def _toggled(self, theme: str, on: bool) -> None:
        if self._busy:
            return
        labels = [t for t in self.labels if t != theme]
        if on:
            labels = [theme] if theme == OTHER else [t for t in labels if t != OTHER] + [theme]
        message = ""
        if len(labels) > MAX_LABELS:
            message = f"at most {MAX_LABELS} themes: switch one off first"
            labels = labels[:MAX_LABELS]
        self.records[self.i]["labels"] = labels or [OTHER]
        self.records[self.i]["suggested"] = False
        self.show(self.i)
        self.status.value = message

    def toggle(self, theme: str) -> None:
        """Switch ``theme`` on or off for the unit shown (as a click would)."""
        self.toggles[theme].value = not self.toggles[theme].value

    def next(self) -> None:
        self.show(self.i + 1)

    def previous(self) -> None:
        self.show(self.i - 1)

    def save(self) -> Path:
        write_jsonl(self.path, self.records, readable=True)
        done = sum(bool(r.get("reviewed")) for r in self.records)
        self.status.value = f"saved {len(self.records)} units ({done} reviewed) to {self.path}"
        return self.path


def _ipywidgets():
    try:
        import ipywidgets
    except ImportError:
        raise ModuleNotFoundError("the annotation form needs ipywidgets, which is not "
                                  'installed; pip install "topics[notebooks]" (or '
                                  "pip install ipywidgets)", name="ipywidgets") from None
    return ipywidgets


def annotation_form(path, themes: list[str] | None = None) -> AnnotationForm:
    """The form for the batch file ``path`` (display it in a notebook cell)."""
    return AnnotationForm(path, themes)
