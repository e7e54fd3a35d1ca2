"""The article record every reader produces and every later step consumes."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Article:
    id: str
    paragraphs: list[str]
    title: str | None = None
    source: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    path: str | None = None
    meta: dict = field(default_factory=dict)
    duplicate_of: str | None = None     # the id of the first-seen article this reprints

    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("meta", "duplicate_of"):
            if not d[key]:
                del d[key]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Article":
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def repeated_ids(articles) -> list[str]:
    """Ids that more than one article carries, in order of first repetition."""
    seen, repeated = set(), {}
    for a in articles:
        if a.id in seen:
            repeated.setdefault(a.id, None)
        seen.add(a.id)
    return list(repeated)
