"""Content inside ROS templates (SPEC section 9): Alibaba's Resource Orchestration Service, YAML or JSON, with a
``ROSTemplateFormatVersion``.

``ALIYUN::ECS::ImageComponent`` takes a component in ``Properties.Content``, ``ALIYUN::ECS::ImagePipeline`` a
template in ``Properties.BuildContent``. The template is read with PyYAML (JSON is YAML to it), whose nodes know
their style and where they are. A region is a scalar whose text is decoded here, each character placed: a block
scalar (``|``, with its indentation, chomping and indentation indicator), or a scalar on one line (double-quoted,
as JSON strings are, with their escapes; single-quoted; plain). A value written otherwise (folded, quoted over
several lines) gives no region; so does one whose decoding is not PyYAML's own value, checked each time.

Inside ``Fn::Sub`` (``Content: {Fn::Sub: ...}``), ``${Name}`` is ROS's (an opaque word) and ``${!Name}`` a
literal ``${Name}``; a ``${Name}`` that names no parameter, resource or pseudo parameter is surely the shell's
(``Lint.RosSubstitution``, fixed by ``${!Name}``). The resources' metadata is checked as Terraform's is, by the
same rules (``metadata.py``) under ROS's property names.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..diagnostics import WARNING, rule
from ..formats.base import COMPONENT, TEMPLATE
from .regions import ROS_BLOCK, ROS_DOUBLE, ROS_PLAIN, ROS_SINGLE, Finding, Region, Runs
from .terraform import Edited, Literal, Resource

# ROS type -> (the property that holds content, what it is, the Terraform resource whose rules its metadata takes)
RESOURCES = {
    "ALIYUN::ECS::ImageComponent": ("Content", COMPONENT, "alicloud_ecs_image_component"),
    "ALIYUN::ECS::ImagePipeline": ("BuildContent", TEMPLATE, "alicloud_ecs_image_pipeline"),
}
# ROS property -> the Terraform attribute metadata.py checks it as
PROPERTIES = {
    COMPONENT: {
        "Name": "image_component_name",
        "Description": "description",
        "SystemType": "system_type",
        "ComponentType": "component_type",
        "ComponentVersion": "component_version",
    },
    TEMPLATE: {
        "Name": "name",
        "Description": "description",
        "BaseImageType": "base_image_type",
        "SystemDiskSize": "system_disk_size",
        "InternetMaxBandwidthOut": "internet_max_bandwidth_out",
    },
}
SUBSTITUTION = rule(
    "Lint.RosSubstitution",
    WARNING,
    "`${NAME}` in `Fn::Sub` content that names no parameter or resource: ROS reads it, not the shell; "
    "write `${!NAME}`.",
)
SUB = re.compile(r"\$\{(!?)([^}]*)\}")
DOUBLE_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
HEX_WIDTH = {"x": 2, "u": 4, "U": 8}


class Reader:
    """A ROS template's resources, read again at every edit (PyYAML reads a template of hundreds of lines in
    milliseconds; nothing is kept between edits but the names ``Fn::Sub`` may use)."""

    def __init__(self) -> None:
        self.names: set[str] = set()  # the template's parameters and resources

    def edited(self, edit: Edited | None) -> None:
        """(Nothing to keep up to date.)"""

    def free_text(self, start: int, end: int) -> bool:
        return False  # every edit is read again

    def read(self, text: str) -> list[Resource]:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            root = yaml.compose(text, Loader=loader)
        except (yaml.YAMLError, ValueError, RecursionError):
            return []
        if not isinstance(root, yaml.MappingNode):
            return []
        sections = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)}
        self.names = {*_keys(sections.get("Parameters")), *_keys(sections.get("Resources"))}
        resources = sections.get("Resources")
        out = []
        for key, value in resources.value if isinstance(resources, yaml.MappingNode) else []:
            found = _resource(text, key, value)
            if found is not None:
                out.append(found)
        return out

    def context(self, region: Region) -> object:
        """A ``Fn::Sub`` region's checks read the template's names: a part is kept only while they are the same."""
        return frozenset(self.names) if region.substituted else None

    def checks(self, region: Region) -> list[Finding]:
        """In ``Fn::Sub`` content, a ``${Name}`` that names nothing ROS knows: the shell's, written for ROS."""
        out = []
        for start, end in region.opaque:
            name = region.text[start + 2 : end - 1].strip()
            if self.known(name):
                continue
            at = region.to_host(start) + 2
            message = (
                f"`${{{name}}}` is ROS's substitution here (Fn::Sub), and {name} is no parameter or resource of the "
                f"template: ROS cannot create the stack. Write `${{!{name}}}` for the shell."
            )
            rule_of = SUBSTITUTION
            out.append(Finding(rule_of.code, rule_of.severity, message, at - 2, at, "Escape it: ${!", at, "!"))
        return out

    def known(self, name: str) -> bool:
        """A parameter, a resource (or its attribute, ``Resource.Attribute``), or a pseudo parameter."""
        return name.startswith("ALIYUN::") or name in self.names or name.split(".", 1)[0] in self.names


def _keys(node) -> list[str]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return []
    return [str(key.value) for key, _ in node.value if isinstance(key, yaml.ScalarNode)]


def _mapping(node) -> dict:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _resource(text: str, key, node) -> Resource | None:
    """One of the two resources, if the node is one: its content's region and its literal metadata."""
    import yaml

    fields = _mapping(node)
    kind = fields.get("Type", (None, None))[1]
    if not isinstance(kind, yaml.ScalarNode) or kind.value not in RESOURCES:
        return None
    holder, dialect, terraform_kind = RESOURCES[kind.value]
    properties = _mapping(fields.get("Properties", (None, None))[1])
    region = None
    if holder in properties:
        name_node, value = properties[holder]
        region = _region(text, holder, dialect, name_node, value)
    literals: dict[str, Literal] = {}
    for prop, attribute in PROPERTIES[dialect].items():
        if prop in properties:
            found = _literal(properties[prop][1])
            if found is not None:
                literals[attribute] = found
    tags, count = _tags(properties.get("Tags", (None, None))[1])
    start, end = node.start_mark.index, node.end_mark.index
    return Resource(terraform_kind, str(key.value), region, literals, tags, count, start, end)


def _literal(node) -> Literal | None:
    """A scalar's value, as a string (quoted, or plain and not a number) or a number, and where it is written."""
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        return None
    value: str | float = node.value
    if not node.style and NUMBER.match(node.value):
        value = float(node.value)
    return Literal(value, node.start_mark.index, node.end_mark.index)


NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")


def _tags(node) -> tuple[list[tuple[Literal, Literal]], int]:
    """A literal ``Tags`` list of ``{Key, Value}``: its pairs where both are literals, and how many (-1: none)."""
    import yaml

    if not isinstance(node, yaml.SequenceNode):
        return [], -1
    pairs = []
    for item in node.value:
        fields = _mapping(item)
        key = _literal(fields.get("Key", (None, None))[1])
        value = _literal(fields.get("Value", (None, None))[1]) if "Value" in fields else None
        if key is not None and value is not None:
            pairs.append((key, value))
    return pairs, len(node.value)


def _region(text: str, attribute: str, dialect: str, name_node, value) -> Region | None:
    """The content a property holds: a scalar, or ``{Fn::Sub: scalar}`` (or ``[scalar, {...}]``)."""
    import yaml

    substituted = False
    if isinstance(value, yaml.MappingNode) and len(value.value) == 1 and value.value[0][0].value == "Fn::Sub":
        value = value.value[0][1]
        if isinstance(value, yaml.SequenceNode) and value.value:
            value = value.value[0]
        substituted = True
    if not isinstance(value, yaml.ScalarNode):
        return None
    decoded = _decode(text, value)
    if decoded is None or decoded[0] != value.value:
        return None  # not read as PyYAML reads it: no region, rather than one whose places are wrong
    content, runs, style, indent = decoded
    opaque: tuple[tuple[int, int], ...] = ()
    if substituted:
        content, runs, opaque = _substituted(content, runs)
    start, end = name_node.start_mark.index, name_node.end_mark.index
    places = runs.places(_end(text, value, style))
    return Region(attribute, dialect, style, content, places, opaque, start, end, indent, 0, substituted)


def _end(text: str, value, style: str) -> int:
    """The file offset of the text's end: where a character written after the last goes."""
    if style in (ROS_DOUBLE, ROS_SINGLE):
        return value.end_mark.index - 1  # before the closing quote
    if style == ROS_BLOCK:
        return value.end_mark.index  # the start of the line after the block
    return value.end_mark.index


def _decode(text: str, node):
    """(text, runs, style, indent) of a scalar written in a way whose places this reads, else None."""
    raw_start, raw_end = node.start_mark.index, node.end_mark.index
    raw = text[raw_start:raw_end]
    runs = Runs(0)
    if node.style == "|":
        return _block(text, raw_start, raw_end, runs)
    if "\n" in raw or "\r" in raw:
        return None  # folded, or quoted over several lines: not read here
    if node.style == '"':
        out = _double(text, raw_start + 1, raw_end - 1, runs)
        return None if out is None else (out, runs, ROS_DOUBLE, "")
    if node.style == "'":
        pieces = []
        at, end = raw_start + 1, raw_end - 1
        while at < end:
            stop = text.find("''", at, end)
            stop = end if stop < 0 else stop
            runs.take(at, stop)
            pieces.append(text[at:stop])
            if stop < end:  # '' is one '
                runs.take(stop, stop + 1)
                pieces.append("'")
                stop += 2
            at = stop
        return "".join(pieces), runs, ROS_SINGLE, ""
    if not node.style:  # plain (libyaml says "", the pure-Python loader None)
        runs.take(raw_start, raw_end)
        return raw, runs, ROS_PLAIN, ""
    return None


def _double(text: str, start: int, end: int, runs: Runs) -> str | None:
    """A double-quoted scalar's (a JSON string's) characters, its escapes decoded."""
    pieces = []
    at = start
    while at < end:
        stop = text.find("\\", at, end)
        stop = end if stop < 0 else stop
        runs.take(at, stop)
        pieces.append(text[at:stop])
        at = stop
        if at >= end:
            break
        code = text[at + 1 : at + 2]
        if code in DOUBLE_ESCAPES:
            pieces.append(DOUBLE_ESCAPES[code])
            runs.take(at, at + 1)
            at += 2
        elif code in HEX_WIDTH:
            digits = text[at + 2 : at + 2 + HEX_WIDTH[code]]
            if len(digits) != HEX_WIDTH[code] or not all(c in "0123456789abcdefABCDEF" for c in digits):
                return None
            pieces.append(chr(int(digits, 16)))
            runs.take(at, at + 1)
            at += 2 + HEX_WIDTH[code]
        else:
            return None
    return "".join(pieces)


def _block(text: str, start: int, end: int, runs: Runs):
    """A literal block scalar (``|``, ``|-``, ``|+``, ``|2``): its lines without the block's indentation."""
    header_end = text.find("\n", start, end)
    if header_end < 0:
        return None
    header = text[start + 1 : header_end].split("#", 1)[0].strip()
    chomp = "-" if "-" in header else "+" if "+" in header else ""
    digits = header.replace("-", "").replace("+", "")
    lines = text[header_end + 1 : end].splitlines(keepends=True)
    if digits.isdigit():
        indent = int(digits) + _parent_indent(text, start)
    else:
        widths = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
        blank = [len(line) - len(line.lstrip(" ")) for line in lines]
        indent = widths[0] if widths else max(blank, default=0)  # no text: the widest of its blank lines
    pieces = []
    at = header_end + 1
    for line in lines:
        body = at + min(indent, len(line) - len(line.lstrip(" ")))
        runs.take(body, at + len(line))
        pieces.append(text[body : at + len(line)])
        at += len(line)
    content = "".join(pieces)
    kept = content.rstrip("\n")
    content = kept if chomp == "-" else content if chomp == "+" else (kept + "\n" if kept else "")
    while runs.in_text and runs.in_text[-1] >= len(content):  # the blank lines chomping left out
        runs.in_text.pop()
        runs.in_file.pop()
    runs.length = len(content)
    return content, runs, ROS_BLOCK, " " * indent


def _parent_indent(text: str, at: int) -> int:
    """The indentation of the line a block scalar's header is on (its explicit indentation counts from it)."""
    line_start = text.rfind("\n", 0, at) + 1
    line = text[line_start:at]
    return len(line) - len(line.lstrip(" "))


def _substituted(content: str, runs: Runs):
    """``Fn::Sub``'s text: ``${!Name}`` is a literal ``${Name}`` (its ``!`` goes), ``${Name}`` an opaque word."""
    places = runs.places(0)
    opaque: list[tuple[int, int]] = []
    out: list[str] = []
    taken = Runs(0)
    at = 0
    for found in SUB.finditer(content):
        for index in range(at, found.start()):
            _take_char(taken, places, content, index, out)
        if found.group(1):  # ${!Name}: the "!" goes
            for index in range(found.start(), found.end()):
                if index != found.start() + 2:
                    _take_char(taken, places, content, index, out)
        else:
            begin = taken.length
            for index in range(found.start(), found.end()):
                _take_char(taken, places, content, index, out)
            opaque.append((begin, taken.length))
        at = found.end()
    for index in range(at, len(content)):
        _take_char(taken, places, content, index, out)
    return "".join(out), taken, tuple(opaque)


def _take_char(runs: Runs, places, content: str, index: int, out: list[str]) -> None:
    run = max(0, bisect_right(places.in_text, index) - 1)
    at = places.in_file[run] + index - places.in_text[run]
    runs.take(at, at + 1)
    out.append(content[index])
