"""Documentation as plain text, for clients that cannot show Markdown (``contentFormat: ["plaintext"]``).

The documentation is written once, in Markdown. For a client that shows only plain text, it is parsed with
markdown-it-py (CommonMark and its tables) and written out for reading: no ``**``, backticks or fences left;
code blocks indented; tables as aligned columns under a ruled header; links as ``text (address)``.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

CODE_INDENT = "    "
COLUMN_GAP = "  "
RULE = "-" * 24


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def plain(markdown: str) -> str:
    """The Markdown ``markdown`` as plain text written for reading."""
    tree = SyntaxTreeNode(_parser().parse(markdown))
    return "\n\n".join(_blocks(tree.children)).rstrip()


def _blocks(nodes: list[SyntaxTreeNode]) -> list[str]:
    return [text for text in map(_block, nodes) if text]


def _block(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind in ("paragraph", "heading"):
        return "".join(_inline(child) for child in node.children[0].children) if node.children else ""
    if kind in ("fence", "code_block"):
        return "\n".join(CODE_INDENT + line if line else "" for line in node.content.rstrip("\n").split("\n"))
    if kind == "table":
        return _table(node)
    if kind in ("bullet_list", "ordered_list"):
        return _list(node)
    if kind == "hr":
        return RULE
    if kind == "blockquote":
        return _indented("\n\n".join(_blocks(node.children)), "  ")
    if kind == "html_block":
        return node.content.rstrip("\n")
    return "\n\n".join(_blocks(node.children))


def _inline(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind in ("text", "code_inline", "html_inline"):
        return node.content
    if kind in ("softbreak", "hardbreak"):
        return "\n"
    if kind == "image":
        return "".join(_inline(child) for child in node.children)
    words = "".join(_inline(child) for child in node.children)
    href = node.attrs.get("href") if kind == "link" else None
    if isinstance(href, str) and href != words:
        return f"{words} ({href})"
    return words


def _cells(row: SyntaxTreeNode) -> list[str]:
    return ["".join(_inline(c) for c in cell.children[0].children) if cell.children else "" for cell in row.children]


def _table(node: SyntaxTreeNode) -> str:
    rows = [_cells(row) for section in node.children for row in section.children]
    width = max(map(len, rows))
    rows = [row + [""] * (width - len(row)) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(width)]

    def line(cells: list[str]) -> str:
        return COLUMN_GAP.join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip()

    header = node.children[0].type == "thead"
    ruled = [line(rows[0]), COLUMN_GAP.join("-" * w for w in widths if w).rstrip()] if header else [line(rows[0])]
    return "\n".join(ruled + [line(row) for row in rows[1:]])


def _list(node: SyntaxTreeNode) -> str:
    ordered = node.type == "ordered_list"
    first = int(node.attrs.get("start", 1)) if ordered else 1
    items = []
    for number, item in enumerate(node.children, start=first):
        mark = f"{number}. " if ordered else "- "
        body = _indented("\n".join(_blocks(item.children)), " " * len(mark))
        items.append(mark + body[len(mark) :])
    return "\n".join(items)


def _indented(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else "" for line in text.split("\n"))
