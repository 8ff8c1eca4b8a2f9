"""Shell text read with tree-sitter-bash: the simple commands it runs, each with its words and what feeds it.

A RUN's shell form (continuations joined, comments gone) or a
``RunShellCommand``'s ``commandContent`` is a POSIX shell script. Reading it
with a real shell grammar is what keeps the checks off a quoted word
(``echo "yum install"``), a heredoc body, or a comment: only commands the
shell would run are listed. tree-sitter recovers from errors (a script
being typed is often not yet valid) and gives byte positions, turned here
into code-point offsets of the script.

Commands run through a wrapper (``sudo``, ``env``, ``nohup``, ``exec``,
``nice``, ``stdbuf``) are listed under the wrapped command's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

WRAPPERS = {
    # wrapper: its options that take a value (the next word, when not joined)
    "sudo": {"-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "-R"},
    "env": {"-u", "-C", "-S"},
    "nohup": set(),
    "exec": {"-a"},
    "nice": {"-n"},
    "stdbuf": {"-i", "-o", "-e"},
    "command": set(),
}
BOUNDED = {"timeout"}  # a wrapper that ends a wait: what it runs cannot hang the build
_INPUT = {"<", "<&", "<>", "<<", "<<-", "<<<", "&<"}


@dataclass(frozen=True)
class Word:
    """One argument: its literal value where the shell's quoting makes it certain (None where it expands
    something), and its place in the script."""

    value: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Command:
    """A simple command the script runs."""

    name: Word  # the program (after any wrapper)
    args: list[Word]  # the words after the name
    start: int  # the whole command, wrapper and prefix assignments included
    end: int
    assignments: dict[str, str | None] = field(default_factory=dict)  # NAME=value before the name (and env's)
    stdin: bool = False  # something feeds its input: a pipe, a redirect, a here-document or here-string
    bounded: bool = False  # run by ``timeout``: a wait ends
    last: bool = False  # the last command of the script's top level: nothing after it in the same shell
    alone: bool = False  # the script's only command


def _bash_language():
    """tree-sitter-bash's grammar (a pointer from its native module).

    The package's ``__init__`` imports ``importlib.resources`` for its query
    files, which this server does not read: 8 ms of the first diagnostics of a
    component with a RUN. So its native module is loaded from its file, and
    the package is imported as usual only where that cannot be done.
    """
    import importlib.machinery
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("tree_sitter_bash")  # finds the package without running it
        folder = (spec.submodule_search_locations or [None])[0] if spec is not None else None
        for suffix in importlib.machinery.EXTENSION_SUFFIXES if folder else ():
            path = os.path.join(folder, "_binding" + suffix)
            if os.path.isfile(path):
                native = importlib.util.spec_from_file_location("tree_sitter_bash._binding", path)
                if native is not None and native.loader is not None:
                    module = importlib.util.module_from_spec(native)
                    native.loader.exec_module(module)
                    return module.language()
    except (ImportError, OSError):  # pragma: no cover - a layout of the package this does not know
        pass
    import tree_sitter_bash  # pragma: no cover

    return tree_sitter_bash.language()  # pragma: no cover


@lru_cache(maxsize=1)
def _parser():
    """tree-sitter's parser for bash, made on first use (the grammar is native code, loaded once)."""
    from tree_sitter import Language, Parser

    return Parser(Language(_bash_language()))


class _Offsets:
    """Byte offsets of the UTF-8 script to code-point offsets."""

    def __init__(self, script: str, data: bytes) -> None:
        self.ascii = len(data) == len(script)
        if not self.ascii:
            table = [0] * (len(data) + 1)
            at = 0
            for index, ch in enumerate(script):
                width = len(ch.encode("utf-8", "surrogatepass"))
                for k in range(width):
                    table[at + k] = index
                at += width
            table[at] = len(script)
            self.table = table

    def __call__(self, byte: int) -> int:
        return byte if self.ascii else self.table[byte]


def _literal(node) -> str | None:
    """A word's value where quoting alone makes it (no expansion): ``-y``, ``"-y"``, ``'a b'``, ``-o"x"``."""
    kind = node.type
    text = node.text.decode("utf-8", "replace")
    if kind in ("word", "number"):
        if "$" in text or "`" in text:
            return None
        out, escaped = [], False
        for ch in text:
            if escaped or ch != "\\":
                out.append(ch)
                escaped = False
            else:
                escaped = True
        return "".join(out)
    if kind == "raw_string":
        return text[1:-1]
    if kind == "string":
        if any(child.type not in ('"', "string_content") for child in node.children):
            return None
        return text[1:-1].replace('\\"', '"').replace("\\\\", "\\").replace("\\$", "$").replace("\\`", "`")
    if kind == "concatenation":
        parts = [_literal(child) for child in node.children]
        return None if any(p is None for p in parts) else "".join(p for p in parts if p is not None)
    return None


def _feeds_input(statement) -> bool:
    """A redirected statement whose redirects give standard input."""
    for child in statement.children:
        if child.type in ("heredoc_redirect", "herestring_redirect"):
            return True
        if child.type == "file_redirect":
            descriptor = child.child_by_field_name("descriptor")
            if descriptor is not None and descriptor.text not in (b"0",):
                continue
            if any(part.type in _INPUT for part in child.children):
                return True
    return False


def _fed(node, root) -> bool:
    """Whether the command (or what holds it) reads a pipe or a redirect, up to the script's top."""
    child, parent = node, node.parent
    while parent is not None and parent != root:
        if parent.type == "redirected_statement" and _feeds_input(parent):
            return True
        if parent.type == "pipeline":
            named = [c for c in parent.children if c.is_named]
            if named and named[0] != child:
                return True
        child, parent = parent, parent.parent
    return False


def _top_level(root) -> list:
    """The commands of the script's top level, in order (through ``&&``/``||`` lists, not into nesting)."""
    out = []
    stack = [root]
    while stack:
        node = stack.pop()
        for child in reversed(node.children):
            if child.type in ("list", "redirected_statement", "negated_command"):
                stack.append(child)
            elif child.type == "command":
                out.append(child)
    out.sort(key=lambda n: n.start_byte)
    return out


def _may_run(node, wanted: frozenset[str]) -> bool:
    """Whether a command node may run one of ``wanted``, from its first word: a wrapper or a timeout may run
    anything, and so may a name that quoting or expansion hides."""
    name = node.child_by_field_name("name")
    if name is None:
        return False
    word = name.named_children[0] if name.named_children else name
    if word.type != "word":
        return True
    text = word.text.decode("utf-8", "replace")
    if "\\" in text or "$" in text or "`" in text:
        return True
    program = text.rsplit("/", 1)[-1]
    return program in wanted or program in WRAPPERS or program in BOUNDED


def commands(script: str, wanted: frozenset[str] | None = None) -> list[Command]:
    """The simple commands a shell script runs, in order, with wrappers seen through; with ``wanted``, only those
    that may run one of these programs (the checks read no others: building a command is most of their cost)."""
    data = script.encode("utf-8", "surrogatepass")
    tree = _parser().parse(data)
    at = _Offsets(script, data)
    root = tree.root_node
    top = _top_level(root)
    last = top[-1] if top else None
    found: list = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "command":
            found.append(node)
        if node.type in ("heredoc_body", "raw_string", "comment"):  # text, not commands (a string's $( ) runs)
            continue
        stack.extend(reversed(node.children))
    found.sort(key=lambda n: n.start_byte)
    alone = len(found) == 1
    last_span = None if last is None else (last.start_byte, last.end_byte)
    out = []
    for node in found:
        if wanted is not None and not _may_run(node, wanted):
            continue
        command = _command(node, root, at, alone, (node.start_byte, node.end_byte) == last_span)
        if command is not None:
            out.append(command)
    return out


def _command(node, root, at: _Offsets, alone: bool = False, last: bool = False) -> Command | None:
    assignments: dict[str, str | None] = {}
    for child in node.children:
        if child.type == "variable_assignment":
            name = child.child_by_field_name("name")
            value = child.child_by_field_name("value")
            if name is not None:
                assignments[name.text.decode("utf-8", "replace")] = _literal(value) if value is not None else ""
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return None
    words = [name_node.named_children[0] if name_node.named_children else name_node]
    words += node.children_by_field_name("argument")
    values = [_literal(w) for w in words]
    bounded = False
    k = 0
    while k < len(words) and (word := values[k]) is not None:
        program = word.rsplit("/", 1)[-1]  # /usr/bin/sudo
        if program in BOUNDED:
            bounded = True
            k += 1
            while k < len(words) and (values[k] or "").startswith("-"):
                k += 1
            k += 1  # the duration
            continue
        if program not in WRAPPERS:
            break
        takes = WRAPPERS[program]
        k += 1
        while k < len(words):
            value = values[k]
            if value is None:
                break
            if program == "env" and "=" in value and not value.startswith("-"):
                key, _, val = value.partition("=")
                assignments[key] = val
                k += 1
            elif value.startswith("-") and value != "-":
                k += 2 if value in takes else 1
            else:
                break
    if k >= len(words) or values[k] is None:
        return None
    places = [Word(values[i], at(words[i].start_byte), at(words[i].end_byte)) for i in range(k, len(words))]
    name = Word(places[0].value.rsplit("/", 1)[-1] if places[0].value else None, places[0].start, places[0].end)
    start, end = at(node.start_byte), at(node.end_byte)
    return Command(name, places[1:], start, end, assignments, _fed(node, root), bounded, last, alone)


def command_at(script: str, offset: int) -> Command | None:
    """The command whose name is at a code-point offset of the script."""
    for command in commands(script):
        if command.name.start <= offset <= command.name.end:
            return command
    return None
