"""Hypothesis strategies for Dockerfile-like and YAML-component text that stresses the parsers."""

from hypothesis import strategies as st

KEYWORDS = [
    "RUN",
    "run",
    "Run",
    "ENV",
    "env",
    "COPY",
    "copy",
    "ADD",
    "CMD",
    "ENTRYPOINT",
    "WORKDIR",
    "USER",
    "LABEL",
    "RESTART",
    "FROM",
    "ONBUILD",
    "ARG",
    "COMPONENT",
    "RUNN",
    "Tasks:",
    "中文",
]
PIECES = [
    " ",
    "  ",
    "\t",
    "\\",
    "\\ ",
    "\\\t",
    " \\",
    "\\\\",
    "`",
    " `",
    "#",
    "# c",
    "#x\\",
    "=",
    "a=b",
    'k="v w"',
    "'",
    '"',
    "echo",
    "a",
    "x y",
    "<<EOF",
    "<<-EOF",
    "<<'EOF'",
    '<<"E F"',
    "2<<EOF",
    "EOF",
    "\tEOF",
    "<<",
    '["a", "b"]',
    "[",
    "]",
    '["a"',
    "[1]",
    "--flag",
    "--mount=type=cache",
    "$X",
    "${X}",
    "${X:-y}",
    "${",
    "}",
    "${X#a}",
    "${X:-'a b'}",
    "\r",
    "中文",
    "😀",
    "\xa0",
    "\u2028",
    "\x85",
    "\v",
    "\f",
    "\ufeff",
    "é",
]
DIRECTIVES = ["# escape=`", "# escape=\\", "# syntax=docker/dockerfile:1", "#escape = `", "# Escape=`"]


@st.composite
def lines(draw):
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return ""
    if kind == 1:
        return draw(st.sampled_from(["#", "# comment", "  # indented comment", "# x \\"]))
    head = draw(st.sampled_from(KEYWORDS + ["", " ", "\t"] + PIECES[:8]))
    rest = draw(st.lists(st.sampled_from(PIECES + KEYWORDS), max_size=6))
    sep = draw(st.sampled_from([" ", "", "\t"]))
    return head + sep + "".join(rest)


@st.composite
def continued(draw):
    """One instruction over several lines, with comment, blank and blank-looking lines inside its continuations."""
    parts = [draw(st.sampled_from(KEYWORDS)) + draw(st.sampled_from([" ", "\t", "  "])) + draw(st.sampled_from(PIECES))]
    for _ in range(draw(st.integers(1, 4))):
        parts[-1] += draw(st.sampled_from(["\\", " \\", "\\ ", "\\\t", "\\\r", " `"]))
        parts += draw(
            st.lists(
                st.sampled_from(["", " ", "\t", "# comment", "  # indented", "#", "# \\", "#RUN x", "\r"]), max_size=2
            )
        )
        parts.append(draw(st.sampled_from(["", " ", "\t"])) + draw(st.sampled_from(PIECES + ["x", "&& y", "RUN z"])))
    return "\n".join(parts)


@st.composite
def json_form(draw):
    """An exec (JSON) form, well made or not: the keywords that take one, and some that do not."""
    keyword = draw(
        st.sampled_from(
            ["RUN", "CMD", "ENTRYPOINT", "cmd", "Run", "COPY", "ADD", "SHELL", "VOLUME", "ENV", "LABEL", "RESTART"]
        )
    )
    items = draw(
        st.lists(
            st.sampled_from(['"a"', '"b c"', '"\\\\"', '"\\""', '"é"', "'a'", '""', '"$X"', '"<<EOF"']), max_size=4
        )
    )
    inner = draw(st.sampled_from([",", ", ", " ,", ",\t"])).join(items)
    pad = draw(st.sampled_from(["", " ", "\t"]))
    tail = draw(st.sampled_from(["]", "] ", "]x", "", "] \\", "]]", "],"]))
    flags = draw(st.sampled_from(["", "--chown=a ", "--mount=type=cache,target=/x "]))
    return f"{keyword} {flags}{pad}[{pad}{inner}{pad}{tail}"


@st.composite
def dockerfile_text(draw):
    top = draw(
        st.lists(st.sampled_from(DIRECTIVES), max_size=2, unique_by=lambda d: "syntax" in d)
    )  # one escape, one syntax at most
    body = draw(st.lists(st.one_of(lines(), lines(), continued(), json_form()), min_size=0, max_size=14))
    ending = draw(st.sampled_from(["\n", "\r\n", ""]))
    text = ending.join(top + body) if ending else "\n".join(top + body)
    if draw(st.booleans()):
        text += "\n"
    return text


YAML_PIECES = [
    "Tasks:",
    "Parameters:",
    "- ",
    "  ",
    "    ",
    "Name: ",
    "Action: ",
    "Properties:",
    "RunShellCommand",
    "Reboot",
    "OSSDownload",
    "commandContent: ",
    "forceStop: ",
    "true",
    "maybe",
    "Type: ",
    "String",
    "Number",
    "DefaultValue: ",
    "1",
    "{{ p }}",
    "{{ a.stdout }}",
    "{{",
    "}}",
    ": ",
    "#",
    "'",
    '"',
    "|",
    ">-",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!str ",
    "---",
    "...",
    "%YAML 1.1",
    "\t",
    "\r",
    "\x85",
    "\u2028",
    "\ufeff",
    "é",
    "😀",
    "\x00",
    "? ",
    ",",
]


@st.composite
def yaml_line(draw):
    indent = draw(st.sampled_from(["", "  ", "    ", "      ", "\t", " "]))
    return indent + "".join(draw(st.lists(st.sampled_from(YAML_PIECES), max_size=5)))


@st.composite
def yaml_text(draw):
    """A YAML-format component, often well formed, with hostile lines among its tasks."""
    lines = []
    if draw(st.booleans()):
        lines += ["Parameters:", "  p:", "    Type: String"]
    lines.append(draw(st.sampled_from(["Tasks:", "Tasks:", "'Tasks':", "Tasks: []", "---"])))
    for n in range(draw(st.integers(0, 5))):
        pad = draw(st.sampled_from(["  ", "", "    "]))
        lines += [
            f"{pad}- Name: a{n}",
            f"{pad}  Action: RunShellCommand",
            f"{pad}  Properties:",
            f"{pad}    commandContent: echo {{{{ p }}}} {n}",
        ]
        lines += draw(st.lists(yaml_line(), max_size=2))
    ending = draw(st.sampled_from(["\n", "\r\n", "\n"]))
    return ending.join(lines) + draw(st.sampled_from(["", ending]))
