"""A strict reading of an HTML page for the report tests: every element closed in order,
every id, and every address the page could load or link to."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


class Page(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: Counter[str] = Counter()
        self.tags: Counter[str] = Counter()
        self.loads: list[str] = []  # src, srcset, poster, data, <link href>: fetched by a browser
        self.links: list[tuple[str, str]] = []  # (class, href) of <a> elements
        self.text: list[str] = []
        self.doctype = False
        self.feed(text)
        self.close()
        if self.stack:
            self.problems.append(f"never closed: {self.stack}")

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids[values["id"]] += 1
        for key in ("src", "srcset", "poster", "data", "action", "formaction"):
            if key in values:
                self.loads.append(values[key])
        if tag == "link" and "href" in values:
            self.loads.append(values["href"])
        if tag == "a" and "href" in values:
            self.links.append((values.get("class", ""), values["href"]))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1] not in ("style", "title"):
            self.text.append(data)
