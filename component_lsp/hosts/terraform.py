"""Content inside Terraform files (SPEC section 9): the regions of a ``.tf`` file that hold a component or a
template, decoded, with the place in the file of every character of what they decode to.

The alicloud provider's ``alicloud_ecs_image_component`` takes a component in ``content``, and
``alicloud_ecs_image_pipeline`` a template in ``build_content``. The file is read with tree-sitter and its HCL
grammar (tree-sitter-hcl), which keeps a tree with byte positions through any text, a broken one included; an
attribute whose value does not parse gives no region (terraform-ls reports HCL's own errors). The grammar's
``template_literal`` nodes leave out the blanks between a template's parts, so the text of a region is decoded
here from the file's own characters, with the tree's interpolations (``${ }``) and directives (``%{ }``) kept
as they are written: opaque words, never an error.

The strings are decoded as HCL reads them by ``hcl_strings.py``; ``hosted.py`` checks the regions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple, Protocol

from ..diagnostics import WARNING, rule
from ..formats.base import COMPONENT, TEMPLATE
from . import hcl_strings
from .regions import HEREDOC, INDENTED_HEREDOC, QUOTED, Finding, Region

DIRECTIVE = rule(
    "Lint.TerraformDirective",
    WARNING,
    "`%{` in content inside a Terraform file that begins no template directive: `terraform plan` fails; write "
    "`%%{` for a literal `%{`.",
)
NOT_DIRECTIVE = re.compile(r"(?<!%)%\{(?!~?\s*(?:if|for|else|endif|endfor)\b)")  # %{ that is no directive
INTERPOLATION = rule(
    "Lint.TerraformInterpolation",
    WARNING,
    "`${NAME}` in content inside a Terraform file: Terraform reads it, not the shell; write `$${NAME}`.",
)
SHELL_NAME = re.compile(r"\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\Z")  # a bare name: never a Terraform reference

# resource type -> (the attribute that holds content, what the content is)
RESOURCES = {
    "alicloud_ecs_image_component": ("content", COMPONENT),
    "alicloud_ecs_image_pipeline": ("build_content", TEMPLATE),
}
OPAQUE = ("template_interpolation", "template_directive")  # ${ ... } and %{ ... }: kept as written
FREE_TEXT = ("comment", "template_literal")  # where plain characters are only text


class Literal(NamedTuple):
    """A value written as a literal in the file: a string (decoded) or a number, and where it is (file offsets)."""

    value: str | float
    start: int
    end: int


class Resource(NamedTuple):
    """One of the two resources: its content region, and what its attributes say where they are literals (SPEC
    section 9's metadata; a value built from variables is not known, and not here)."""

    kind: str
    name: str  # its name (the second label)
    region: Region | None  # its content, if it is a string that reads
    literals: dict[str, Literal]  # by attribute name
    tags: list[tuple[Literal, Literal]]  # a literal ``tags`` map's keys and values, where both are literals
    tag_count: int  # the map's entries (-1: no literal map)
    start: int  # its block in the file (offsets)
    end: int
    file: Literal | None = None  # the file its content is read from (``file("app.component")``): the path as written
    rendered: bool = False  # that file is a template Terraform fills in (``templatefile``)
    strays: tuple[int, ...] = ()  # where a ``%{`` in the content begins no directive (the value does not parse)


@lru_cache(maxsize=1)
def _parser():
    import tree_sitter
    import tree_sitter_hcl

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_hcl.language()))


def regions(text: str) -> list[Region]:
    """The content regions of a ``.tf`` file's text, in the order of the file."""
    return [r.region for r in Reader().read(text) if r.region is not None]


class Edited(NamedTuple):
    """An edit of the file as tree-sitter takes it: byte offsets, and (row, byte column) points."""

    start_byte: int
    old_end_byte: int
    new_end_byte: int
    start_point: tuple[int, int]
    old_end_point: tuple[int, int]
    new_end_point: tuple[int, int]


class HostReader(Protocol):
    """What a host's reader does for ``hosted.Hosted``: its resources from the text (keeping what it can between
    edits), whether a place is free text, and the host's own findings in a region."""

    def edited(self, edit: Edited | None) -> None: ...

    def read(self, text: str) -> list[Resource]: ...

    def free_text(self, start: int, end: int) -> bool: ...

    def checks(self, region: Region) -> list[Finding]: ...

    def context(self, region: Region) -> object:
        """What else than the region's text its checks read (hashable; None: nothing)."""
        ...


class Reader:
    """A ``.tf`` file's resources, read again after each edit from what is kept of the last reading.

    What is kept, and what it buys: the tree, which tree-sitter parses again only around an edit (5 ms after a
    keystroke in a 1.3 MB file, 500 ms from nothing); and each block's resource, by the block's text, so that a
    block that is unchanged (or only moved) is not decoded again (decoding is a loop over every character).
    """

    def __init__(self) -> None:
        self.tree = None
        self.blocks: dict[bytes, tuple[int, Resource | None]] = {}  # a block's text: (its offset then, what it read)

    def edited(self, edit: Edited | None) -> None:
        """The text is about to change by ``edit`` (None: all of it)."""
        if edit is None:
            self.tree = None
        elif self.tree is not None:
            self.tree.edit(*edit)

    def free_text(self, start: int, end: int) -> bool:
        """Whether the bytes from ``start`` to ``end`` are inside a comment or one string's literal text (for an
        insertion, ``start`` = ``end``: after such a character, or before a literal's), by the tree as last parsed
        with the edits since: where plain characters change nothing of the file's structure."""
        if self.tree is None:
            return False
        root = self.tree.root_node

        def holder(byte: int):
            node = root.descendant_for_byte_range(byte, byte + 1)
            if node is None or node.type not in FREE_TEXT or not node.start_byte <= byte < node.end_byte:
                return None
            return node

        if end > start:
            first, last = holder(start), holder(end - 1)
            return first is not None and last is not None and first.byte_range == last.byte_range
        before = holder(start - 1) if start > 0 else None
        if before is not None and before.type == "comment" and start == before.end_byte:
            return (before.text or b"").startswith((b"#", b"//"))  # a line comment goes on to the line's end
        after = holder(start)
        return before is not None or (after is not None and after.type != "comment")

    def context(self, region: Region) -> object:
        return None  # the interpolation check reads the region's text alone

    def checks(self, region: Region) -> list[Finding]:
        """``${NAME}`` in content (SPEC section 9): a bare name is the shell's, which Terraform reads as its own
        reference (``terraform plan`` fails, "Invalid reference"); the fix writes ``$${NAME}``."""
        out = []
        for start, end in region.opaque:
            found = SHELL_NAME.match(region.text[start:end])
            if found is None:
                continue
            at = region.to_host(start)
            name = found.group(1)
            message = (
                f"`${{{name}}}` is Terraform interpolation here, not the shell's: `terraform plan` fails"
                f' ("Invalid reference"). Write `$${{{name}}}` for the shell.'
            )
            out.append(
                Finding(INTERPOLATION.code, INTERPOLATION.severity, message, at, at + 2, "Escape it: $${", at, "$")
            )
        return out

    def read(self, text: str) -> list[Resource]:
        """The file's ``alicloud_ecs_image_component`` and ``alicloud_ecs_image_pipeline`` resources, in order."""
        data = text.encode("utf-8", "surrogatepass")
        self.tree = tree = _parser().parse(data, self.tree) if self.tree is not None else _parser().parse(data)
        chars = _CharOffsets(text, data)
        kept, self.blocks = self.blocks, {}
        out = []
        for block in _children(tree.root_node, "body", "block"):
            key = data[block.start_byte : block.end_byte]
            origin = chars(block.start_byte)
            found = kept.get(key) or (origin, _resource(text, data, chars, block, origin))
            self.blocks[key] = found
            if found[1] is not None:
                out.append(moved(found[1], origin - found[0]))
        return out


def moved(resource: Resource, by: int) -> Resource:
    """A resource read where its block was, placed where it is now (``by`` characters further)."""
    if not by:
        return resource
    region = resource.region
    if region is not None:
        region = region._replace(
            origin=region.origin + by, name_start=region.name_start + by, name_end=region.name_end + by
        )
    literals = {name: _moved_literal(literal, by) for name, literal in resource.literals.items()}
    tags = [(_moved_literal(key, by), _moved_literal(value, by)) for key, value in resource.tags]
    start, end = resource.start + by, resource.end + by
    file = resource.file and _moved_literal(resource.file, by)
    strays = tuple(at + by for at in resource.strays)
    return resource._replace(
        region=region, literals=literals, tags=tags, start=start, end=end, file=file, strays=strays
    )


def _moved_literal(literal: Literal, by: int) -> Literal:
    return literal._replace(start=literal.start + by, end=literal.end + by)


def _resource(text: str, data: bytes, chars: _CharOffsets, block, origin: int) -> Resource | None:
    """One of the two resources, if the block is one."""
    labels = [c for c in block.children if c.type == "string_lit"]
    if not block.children or _text(data, block.children[0]) != "resource" or len(labels) != 2:
        return None
    kind, name = (_literal(data, label) for label in labels)
    if kind not in RESOURCES:
        return None
    holder, dialect = RESOURCES[kind]
    region: Region | None = None
    literals: dict[str, Literal] = {}
    tags: list[tuple[Literal, Literal]] = []
    count = -1
    file, rendered = None, False
    strays: tuple[int, ...] = ()
    for attr in _children(block, "body", "attribute"):
        attribute = _text(data, attr.children[0]) if attr.children else ""
        value = next((c for c in attr.children if c.type == "expression"), None)
        found = _literal_value(text, chars, value)
        if found is not None:
            literals[attribute] = found
        if attribute == holder and not attr.has_error:
            region = _region(text, data, chars, attr, dialect, origin) or region
            file = _file(text, data, chars, value) or file
            rendered = file is not None and _text(data, value).lstrip().startswith("templatefile")
        elif attribute == holder:  # a value that does not parse: a %{ that begins no directive, say
            found_at = NOT_DIRECTIVE.finditer(text, chars(attr.start_byte), chars(attr.end_byte))
            strays += tuple(m.start() for m in found_at)
        elif attribute == "tags" and found is None and value is not None:
            elements = _children(value, "collection_value", "object", "object_elem")
            if elements or _children(value, "collection_value", "object"):
                count = len(elements)
            for element in elements:
                parts = [c for c in element.children if c.type == "expression"]
                key = _literal_value(text, chars, parts[0], names=True) if len(parts) == 2 else None
                item = _literal_value(text, chars, parts[1]) if len(parts) == 2 else None
                if key is not None and item is not None:
                    tags.append((key, item))
    end = chars(block.end_byte)
    return Resource(kind, name or "", region, literals, tags, count, origin, end, file, rendered, strays)


def _region(text: str, data: bytes, chars: _CharOffsets, attr, dialect: str, origin: int) -> Region | None:
    """The content an attribute holds, if its value is a string (quoted or heredoc) that reads whole."""
    value = _string_value(attr)
    decoded = _decode(text, data, chars, value, origin) if value is not None else None
    if decoded is None:
        return None
    style, content, places, opaque = decoded
    name = attr.children[0]
    start, end = chars(name.start_byte), chars(name.end_byte)
    region = Region(text[start:end], dialect, style, content, places, opaque, start, end, "", origin)
    visible = len(content) - len(content.lstrip(" \t\r\n"))
    if style == INDENTED_HEREDOC and visible < len(content):  # the indentation that goes, of a line that is not blank
        first = region.to_host(content.rfind("\n", 0, visible) + 1)
        region = region._replace(indent=text[text.rfind("\n", 0, first) + 1 : first])
    return region


FILE_FUNCTIONS = ("file", "templatefile")  # functions whose first argument names a file the content is read from
MODULE_PATHS = ("path.module", "path.root")  # a path written from them is from the module's folder


def _file(text: str, data: bytes, chars, expression) -> Literal | None:
    """The path of ``file("...")`` or ``templatefile("...", {...})``, relative to the file's folder: a literal
    path, or one that begins with ``${path.module}/`` or ``${path.root}/`` (both taken as the file's folder)."""
    call = expression.children[0] if expression is not None and expression.child_count == 1 else None
    if call is None or call.type != "function_call" or not call.children:
        return None
    if _text(data, call.children[0]) not in FILE_FUNCTIONS:
        return None
    arguments = next((c for c in call.children if c.type == "function_arguments"), None)
    first = next((c for c in arguments.children if c.type == "expression"), None) if arguments else None
    node = first
    while node is not None and node.type in ("expression", "template_expr", "literal_value"):
        node = node.children[0] if node.child_count == 1 else None
    if node is None or node.type not in ("string_lit", "quoted_template"):
        return None
    parts = [c for c in node.children if c.type in ("template_literal", *OPAQUE)]
    from_module = bool(parts) and parts[0].type == "template_interpolation"
    if from_module:
        inner = next((c for c in parts[0].children if c.type == "expression"), None)
        if inner is None or _text(data, inner).strip() not in MODULE_PATHS:
            return None
        parts = parts[1:]
    if len(parts) != 1 or parts[0].type != "template_literal":
        return None
    path = _text(data, parts[0])
    path = path.lstrip("/") if from_module else path
    start, end = chars(node.start_byte) + 1, chars(node.end_byte) - 1
    return Literal(path, start, end) if path else None


def _literal_value(text: str, chars, expression, names: bool = False) -> Literal | None:
    """An expression that is a plain string or a number (or, for a map key, a bare name), as a ``Literal``."""
    if expression is None or expression.child_count != 1:
        return None
    node = expression.children[0]
    if names and node.type == "variable_expr":
        start, end = chars(node.start_byte), chars(node.end_byte)
        return Literal(text[start:end], start, end)
    if node.type != "literal_value" or node.child_count != 1:
        return None
    node = node.children[0]
    start, end = chars(node.start_byte), chars(node.end_byte)
    if node.type == "numeric_lit":
        try:
            return Literal(float(text[start:end]), start, end)
        except ValueError:
            return None
    if node.type == "string_lit" and not any(c.type in OPAQUE for c in node.children):
        return Literal("".join(hcl_strings.quoted(text, start + 1, end - 1, []).out), start, end)
    return None


class _CharOffsets:
    """Character offsets of UTF-8 byte offsets of a text (the same numbers where the text is ASCII; else found
    from the line the byte is on)."""

    def __init__(self, text: str, data: bytes) -> None:
        self.ascii = len(data) == len(text)
        self.text, self.data = text, data
        self.lines: tuple[list[int], list[int]] | None = None  # each line's start: in bytes, in characters

    def __call__(self, byte: int) -> int:
        if self.ascii:
            return byte
        if self.lines is None:
            in_bytes, in_chars = [0], [0]
            for piece in self.text.split("\n"):
                in_bytes.append(in_bytes[-1] + len(piece.encode("utf-8", "surrogatepass")) + 1)
                in_chars.append(in_chars[-1] + len(piece) + 1)
            self.lines = in_bytes, in_chars
        in_bytes, in_chars = self.lines
        row = bisect_right(in_bytes, byte) - 1
        return in_chars[row] + len(self.data[in_bytes[row] : byte].decode("utf-8", "surrogatepass"))


def _children(node, *path: str):
    """The descendants along ``path`` of node types (each step: every child of that type)."""
    found = [node]
    for kind in path:
        found = [child for parent in found for child in parent.children if child.type == kind]
    return found


def _text(data: bytes, node) -> str:
    return data[node.start_byte : node.end_byte].decode("utf-8", "surrogatepass")


def _literal(data: bytes, string_lit) -> str | None:
    """A label's text (``"name"``), if it is a plain string."""
    parts = [c for c in string_lit.children if c.type == "template_literal"]
    return _text(data, parts[0]) if len(parts) == 1 else "" if not parts else None


def _string_value(attribute):
    """An attribute's value if it is a string (quoted or heredoc): the node that holds its parts."""
    expression = next((c for c in attribute.children if c.type == "expression"), None)
    node = expression
    while node is not None and node.type in ("expression", "template_expr", "literal_value"):
        node = node.children[0] if node.child_count == 1 else None
    return node if node is not None and node.type in ("string_lit", "quoted_template", "heredoc_template") else None


def _decode(text: str, data: bytes, chars: _CharOffsets, value, origin: int):
    """(style, decoded text, places from ``origin``, opaque spans) of a string value, or None if it is not whole."""
    opaque = [(chars(c.start_byte), chars(c.end_byte)) for c in value.children if c.type in OPAQUE]
    if value.type == "heredoc_template":
        start_node = value.children[0]
        marks = [c for c in value.children if c.type == "heredoc_identifier"]
        if len(marks) != 2:
            return None
        first = text.find("\n", chars(marks[0].end_byte))
        body_start = first + 1 if first >= 0 else chars(marks[0].end_byte)
        body_end = text.rfind("\n", 0, chars(marks[1].start_byte)) + 1
        indented = _text(data, start_node).endswith("-")
        style = INDENTED_HEREDOC if indented else HEREDOC
        body = hcl_strings.heredoc(text, max(body_start, 0), max(body_end, body_start), indented, opaque, origin)
        return (style, *body.result(max(body_end, body_start)))
    ends = [c for c in value.children if c.type in ("quoted_template_start", "quoted_template_end")]
    if len(ends) != 2:
        return None
    start, stop = chars(ends[0].end_byte), chars(ends[1].start_byte)
    return (QUOTED, *hcl_strings.quoted(text, start, stop, opaque, origin).result(stop))
