"""YAML-format components (SPEC section 7): Alibaba's examples clean, broken twins flagged, the reading agrees with
PyYAML's, edits agree with a fresh read, hostile text answered, completion and hover where a user asks."""

import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from component_lsp.fixes import fix_all
from component_lsp.formats.yaml.reading import Mapping, Scalar, Sequence
from component_lsp.formats.yaml.segments import PARAM, TASK, TOP
from component_lsp.formats.yaml.syntax import key_text
from helpers import content
from helpers.generators import PIECES, YAML_PIECES, yaml_text

NAME = "file:///w/app.component.yaml"

# SPEC section 7's three examples, and a Windows one in the form the Terraform provider's test writes.
EXAMPLES = [
    """Parameters:            # optional
  x:
    Type: String       # String | Number | Boolean
    DefaultValue: 1    # optional; without it the template must pass a value
Tasks:                 # required, at least one task, run in order
  - Name: count
    Action: RunShellCommand
    Properties:
      commandContent: echo $((3 * {{x}}))
  - Name: result
    Action: RunShellCommand
    Properties:
      commandContent: echo {{count.stdout}}
""",
    """Tasks:
  - Name: HelloWorld
    Action: RunShellCommand
    Properties:
      commandContent: echo hello world
""",
    """Tasks:
  - Name: ossdownload
    Action: OSSDownload
    Properties:
      bucketName: my-bucket
      destinationDir: /home
      objectName: setup.sh
  - Name: setpermissions
    Action: RunShellCommand
    Properties:
      commandContent: sudo chmod +x /home/setup.sh
  - Name: ossupload
    Action: OSSUpload
    Properties:
      bucketName: my-bucket
      fileToUpload: /home/output.txt
      objectName: output.txt
""",
    """Parameters:
  greeting:
    Type: String
    DefaultValue: hello
Tasks:
- Name: hello
  Action: RunPowerShellCommand
  Properties:
    commandContent: echo {{ greeting }}
- Name: again
  Action: RunPowerShellCommand
  Properties:
    commandContent: |
      echo "{{ hello.stdout }}"
- Name: restart
  Action: Reboot
  Properties:
    forceStop: true
""",
]


def codes(text: str) -> list[tuple]:
    return [(d.code, d.start, d.end, d.message) for d in content(text, NAME).diagnostics()]


@pytest.mark.parametrize("text", EXAMPLES)
def test_alibabas_examples_are_clean(text):
    assert codes(text) == []
    assert content(text, "file:///w/app.component").format.name == "yaml"  # found by its text in a .component file


# A broken twin of an example, and the (code, line, start col) it must get.
TWINS = [
    (EXAMPLES[1].replace("RunShellCommand", "RunShelCommand"), ("InvalidParameter.Content", 2, 12)),
    (EXAMPLES[0].replace("Type: String", "Type: Integer"), ("InvalidParameter.Content", 2, 10)),
    (EXAMPLES[0].replace("{{x}}", "{{ y }}"), ("InvalidParameter.Content", 8, 34)),
    (EXAMPLES[0].replace("{{count.stdout}}", "{{result.stdout}}"), ("InvalidParameter.Content", 12, 27)),
    (EXAMPLES[0].replace("{{count.stdout}}", "{{count.stderr}}"), ("InvalidParameter.Content", 12, 27)),
    (
        EXAMPLES[2].replace("      bucketName: my-bucket\n      destinationDir", "      destinationDir"),
        ("InvalidParameter.Content", 2, 12),
    ),
    (EXAMPLES[3].replace("forceStop: true", "forceStop: maybe"), ("InvalidParameter.Content", 17, 15)),
    (EXAMPLES[1].replace("Tasks:", "Task:"), ("Lint.UnknownProperty", 0, 0)),
    (EXAMPLES[1].replace("    Action", "    Actoin"), ("Lint.UnknownProperty", 2, 4)),
    (EXAMPLES[0].replace("{{x}}", "x"), ("Lint.UnusedParameter", 1, 2)),
    (EXAMPLES[1].replace("echo hello world", "'hello"), ("InvalidParameter.Content", 5, 0)),
    (
        EXAMPLES[0].replace("    Type: String       # String | Number | Boolean\n", ""),
        ("InvalidParameter.Content", 1, 2),
    ),
]


@pytest.mark.parametrize("text,want", TWINS)
def test_a_broken_twin_gets_the_code_where_it_is_broken(text, want):
    code, line, col = want
    assert [(c, s) for c, s, _, _ in codes(text) if c == code and s == (line, col)], codes(text)


@pytest.mark.parametrize("text,_", TWINS)
def test_a_fix_never_adds_an_error(text, _):
    doc = content(text, NAME)
    before = [d for d in doc.diagnostics() if d.severity == 1]
    edits = fix_all(doc.diagnostics())
    for e in reversed(edits):
        doc.edit(e.start, e.end, e.text)
    after = [d for d in doc.diagnostics() if d.severity == 1]
    assert len(after) <= len(before)


def test_quick_fixes_add_what_is_missing():
    doc = content(TWINS[5][0], NAME)
    (missing,) = [d for d in doc.diagnostics() if "needs" in d.message]
    for e in reversed(missing.fix):
        doc.edit(e.start, e.end, e.text)
    assert "      bucketName: \n" in doc.source.text and "objectName: setup.sh" in doc.source.text
    typed = content(
        "Parameters:\n  p:\n    DefaultValue: 1\nTasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{p}}\n",
        NAME,
    )
    (no_type,) = typed.diagnostics()
    for e in reversed(no_type.fix):
        typed.edit(e.start, e.end, e.text)
    assert typed.diagnostics() == [] and "    Type: String\n    DefaultValue: 1" in typed.source.text


# -- the reading agrees with PyYAML's ---------------------------------------------------------
def plain(node):
    if isinstance(node, Mapping):
        return {plain(k): plain(v) for k, v in node.pairs}
    if isinstance(node, Sequence):
        return [plain(v) for v in node.items]
    return node.value if isinstance(node, Scalar) else None


def assembled(doc) -> dict:
    """The component as the model read it, cut by cut, put back together."""
    out: dict = {}
    section = None
    for placed in doc.model.placed():
        part = placed.part
        if part.kind == TOP:
            section = key_text(part.key)
            out[section] = plain(part.node)
        elif part.kind == TASK:
            if not isinstance(out.get(section), list):
                out[section] = []
            out[section].append(plain(part.node))
        elif part.kind == PARAM:
            if not isinstance(out.get(section), dict):
                out[section] = {}
            out[section][plain(part.key)] = plain(part.node)
    return out


scalars = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True),
    st.integers(-1000, 100000).map(str),
    st.sampled_from(
        [
            "true",
            "false",
            "yes",
            "null",
            "~",
            "1.5",
            "0x1f",
            "'quoted: text'",
            '"double \\" q"',
            "a # not a comment?",
            "[1, 2]",
            "{a: 1}",
        ]
    ),
)
multiline = st.lists(st.from_regex(r"[a-z {}$]{0,12}", fullmatch=True), min_size=1, max_size=3)


@st.composite
def components(draw):
    indent = draw(st.sampled_from([0, 2, 4]))
    pad = " " * indent
    lines = []
    if draw(st.booleans()):
        lines.append("# a component")
    if draw(st.booleans()):
        lines.append("Parameters:")
        for n in range(draw(st.integers(0, 3))):
            lines.append(f"  p{n}:")
            lines.append(f"    Type: {draw(st.sampled_from(['String', 'Number', 'Boolean']))}")
            if draw(st.booleans()):
                lines.append(f"    DefaultValue: {draw(scalars)}")
    lines.append("Tasks:")
    for _ in range(draw(st.integers(0, 4))):
        lines.append(f"{pad}- Name: {draw(scalars)}")
        lines.append(f"{pad}  Action: {draw(st.sampled_from(['RunShellCommand', 'Reboot', 'OSSDownload', 'Nope']))}")
        if draw(st.booleans()):
            lines.append(f"{pad}  Properties:")
            style = draw(st.sampled_from(["plain", "block", "folded", "flow"]))
            if style == "plain":
                lines.append(f"{pad}    commandContent: {draw(scalars)}")
            elif style == "flow":
                lines.append(f"{pad}    timeout: {draw(scalars)}")
            else:
                lines.append(f"{pad}    commandContent: {'|' if style == 'block' else '>-'}")
                lines += [f"{pad}      {text}" for text in draw(multiline)]
        if draw(st.booleans()):
            lines.append("")
            lines.append(f"{pad}# between tasks")
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(components())
def test_the_reading_agrees_with_pyyaml_on_valid_documents(text):
    try:
        want = yaml.load(text, Loader=yaml.SafeLoader)  # the pure-Python loader, reading the whole text
    except yaml.YAMLError:
        return  # not valid YAML (a scalar the generator made up): nothing to agree on
    doc = content(text, NAME)
    assert assembled(doc) == want


# -- edits agree with a fresh read --------------------------------------------------------------
FRAGMENTS = [
    "\n",
    " ",
    "  ",
    "- ",
    ":",
    "Tasks:",
    "Parameters:",
    "{{x}}",
    "{{",
    "}}",
    "a",
    "1",
    "true",
    "#",
    "---\n",
    "&a ",
    "*a",
    "\t",
    "'",
    '"',
    "[",
    "]",
]
FRAGMENTS += [
    "Name: ",
    "Action: Reboot\n",
    "    ",
    "|\n",
    "\r",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x00",
    "é",
    "😀",
    "\udbff",
]


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(EXAMPLES),
    st.lists(
        st.tuples(
            st.integers(0, 10**6),
            st.integers(0, 10**6),
            st.integers(0, 3),
            st.lists(st.sampled_from(FRAGMENTS), max_size=3),
        ),
        max_size=6,
    ),
)
def test_incremental_equals_fresh(text, edits):
    doc = content(text, NAME)
    for a, b, span, pieces in edits:
        lines = doc.source.lines
        l1 = a % len(lines)
        c1 = b % (len(lines[l1].rstrip("\n")) + 1)
        l2 = min(len(lines) - 1, l1 + span)
        c2 = (b // 7) % (len(lines[l2].rstrip("\n")) + 1)
        if (l2, c2) < (l1, c1):
            l2, c2 = l1, c1
        doc.edit((l1, c1), (l2, c2), "".join(pieces))
        assert doc.diagnostics() == content(doc.source.text, NAME).diagnostics()


TYPED = st.sampled_from(list("abz09 -_:#{}'\"&*!|>%@`,[]\t") + ["\r", "\x85", "\u2028", "é", "😀", "\x00", "\udbff"])


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(EXAMPLES), st.lists(st.tuples(st.integers(0, 10**6), st.booleans(), TYPED), min_size=1, max_size=25)
)
def test_typing_in_values_equals_a_fresh_read(text, keys):
    """One character typed or deleted at a time, near the end of lines, where values are (the model's fast path)."""
    doc = content(text, NAME)
    for where, delete, char in keys:
        lines = doc.source.lines
        line = where % len(lines)
        body = lines[line].rstrip("\n")
        col = len(body) - (where // 7) % (min(len(body), 12) + 1)
        if delete and col > 0:
            doc.edit((line, col - 1), (line, col), "")
        else:
            doc.edit((line, col), (line, col), char)
        assert doc.diagnostics() == content(doc.source.text, NAME).diagnostics()


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(components())
def test_the_reading_agrees_with_pyyaml_at_length(text):
    test_the_reading_agrees_with_pyyaml_on_valid_documents.hypothesis.inner_test(text)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(
    st.sampled_from(EXAMPLES), st.lists(st.tuples(st.integers(0, 10**6), st.booleans(), TYPED), min_size=1, max_size=40)
)
def test_typing_in_values_at_length(text, keys):
    test_typing_in_values_equals_a_fresh_read.hypothesis.inner_test(text, keys)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(
    st.sampled_from(EXAMPLES),
    st.lists(
        st.tuples(
            st.integers(0, 10**6),
            st.integers(0, 10**6),
            st.integers(0, 3),
            st.lists(st.sampled_from(FRAGMENTS), max_size=3),
        ),
        max_size=8,
    ),
)
def test_incremental_equals_fresh_at_length(text, edits):
    test_incremental_equals_fresh.hypothesis.inner_test(text, edits)


ANY_INSERT = st.one_of(
    st.sampled_from(PIECES + YAML_PIECES + ["", "\n", "\r\n", "\n  - Name: b\n", "\n    "]), st.text(max_size=6)
)


def _place(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n"), offset - (before.rfind("\n") + 1)


def _generated_edits(text, data):
    doc = content(text, NAME)
    doc.diagnostics()
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        now = doc.source.text
        a, b = sorted((data.draw(st.integers(0, len(now))), data.draw(st.integers(0, len(now)))))

        doc.edit(_place(now, a), _place(now, b), data.draw(ANY_INSERT, label="new text"))
        assert doc.diagnostics() == content(doc.source.text, NAME).diagnostics()


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(yaml_text(), st.data())
def test_edits_of_generated_components_equal_a_fresh_read(text, data):
    _generated_edits(text, data)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(yaml_text(), st.data())
def test_edits_of_generated_components_at_length(text, data):
    _generated_edits(text, data)


# -- hostile text ----------------------------------------------------------------------------------
HOSTILE = [
    "[" * 5000 + "]" * 5000,
    "Tasks:\n" + "  " * 3000 + "- a\n",
    "Tasks:\n" + "".join("  " * i + "- \n" for i in range(600)),
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(9)
    )
    + "Tasks: *j\n",
    "Tasks:\n  - Name: " + "x" * (1 << 20) + "\n",
    "Tasks:\n\t- Name: a\n\t  Action: Reboot\n",
    "Tasks:\n  - Name: a\x00\x07\ufffe\n",
    "Tasks:\n  - Name: a\udbff\n    Action: Reboot\n",
    "---\nTasks: []\n---\nTasks: []\n",
    "%YAML 1.1\n---\nTasks:\n  - {Name: a, Action: Reboot}\n",
    "Tasks:\n  - !!python/object:os.system {Name: a}\n",
    "Tasks:\n" + "".join(" " * i + "- \n" for i in range(3000)),  # 4.5 MB of indentation: no quadratic pattern
    "Tasks:\n" + "".join(" " * i + "k: " + " " * 2000 + "#\n" for i in range(0, 3000, 3)),
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_gets_an_answer(text):
    begin = time.perf_counter()
    doc = content(text, NAME)
    found = doc.diagnostics()
    assert all(d.start <= d.end for d in found)
    last = len(doc.source.lines) - 1
    for line, col in ((0, 3), (1, 3), (last // 2, 10**6), (last, 3)):
        doc.complete(line, col)
        doc.hover(line, col)
    doc.edit((0, 0), (0, 0), "# ")
    assert doc.diagnostics() == content(doc.source.text, NAME).diagnostics()
    assert time.perf_counter() - begin < 60  # a bound on runaway work, not a speed figure


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_get_an_answer(data):
    text = data.decode("utf-8", "replace")
    doc = content("Tasks:\n" + text, NAME)
    doc.diagnostics()
    doc.complete(1, 2)
    doc.hover(1, 2)


# -- completion and hover ----------------------------------------------------------------------------
def at(text: str):
    index = text.index("§")
    text = text.replace("§", "", 1)
    line = text[:index].count("\n")
    return content(text, NAME), line, index - (text[:index].rfind("\n") + 1)


def labels(text: str) -> list[str]:
    """The labels completion offers at the § in ``text``."""
    doc, line, col = at(text)
    return [item.label for item in doc.complete(line, col)]


def test_completion_where_a_user_asks():
    assert labels("§") == ["Parameters", "Tasks"]
    assert "RunShellCommand" in labels("Tasks:\n  - Name: a\n    Action: §\n")
    assert labels("Tasks:\n  - §\n")[:2] == ["Name", "Action"]
    assert labels("Parameters:\n  x:\n    Type: §\n") == ["String", "Number", "Boolean"]
    props = labels("Tasks:\n  - Name: d\n    Action: OSSDownload\n    Properties:\n      bucketName: b\n      §\n")
    assert (
        props[:2] == ["destinationDir", "objectName"] and "bucketName" not in props
    )  # required first, present left out
    assert labels("Tasks:\n  - Name: r\n    Action: Reboot\n    Properties:\n      forceStop: §\n") == ["true", "false"]
    refs = labels(EXAMPLES[0].replace("{{count.stdout}}", "{{ §"))
    assert refs == ["x", "count.stdout"]
    first = labels(EXAMPLES[0].replace("{{x}}", "{{§"))
    assert first == ["x"]  # no task runs before the first


def test_hover_explains():
    doc = content(EXAMPLES[0], NAME)
    assert "runs on Linux" in doc.hover(6, 14).markdown  # Action: RunShellCommand
    assert "String" in doc.hover(8, 8).markdown and "required" in doc.hover(8, 8).markdown  # commandContent
    param = doc.hover(1, 2).markdown
    assert "String" in param and "`1`" in param and "line 9" in param
    ref = doc.hover(12, 30).markdown
    assert "count" in ref and "RunShellCommand" in ref
    oss = content(EXAMPLES[2], NAME).hover(4, 8).markdown
    assert "allowImageBuilderAccess:true" in oss


def test_hover_on_a_reference_to_a_later_task_says_it_is_not_before():
    text = EXAMPLES[0].replace("{{x}}", "{{ x }} {{ result.stdout }}")
    doc = content(text, NAME)
    line = text.splitlines().index("      commandContent: echo $((3 * {{ x }} {{ result.stdout }}))")
    col = doc.source.lines[line].index("result")
    assert "no task before this one" in doc.hover(line, col).markdown


# -- navigation ----------------------------------------------------------------------------------------------
def test_definition_and_references_of_parameters_and_tasks():
    doc = content(EXAMPLES[0], NAME)
    x_use, x_key = (8, 36), (1, 2)
    assert doc.definition(*x_use) == [(x_key, (1, 3))]
    assert doc.references(*x_key, True) == [((1, 2), (1, 3)), ((8, 36), (8, 37))]
    assert doc.references(*x_key, False) == [((8, 36), (8, 37))]
    count_use = (12, 30)  # {{count.stdout}}: on "count"
    assert doc.definition(*count_use) == [((5, 10), (5, 15))]
    assert doc.references(5, 12, True) == [((5, 10), (5, 15)), ((12, 29), (12, 34))]
    assert doc.definition(6, 14) == []  # an action is not a symbol


def test_rename_changes_the_declaration_and_every_use():
    doc = content(
        EXAMPLES[0]
        .replace("{{count.stdout}}", "{{ count.stdout }} {{count.stdout}}")
        .replace("Name: count", 'Name: "count"'),
        NAME,
    )
    edits = doc.rename(5, 12, "counted")
    for e in reversed(edits):
        doc.edit(e.start, e.end, e.text)
    assert (
        'Name: "counted"' in doc.source.text
        and doc.source.text.count("counted.stdout") == 2
        and doc.diagnostics() == []
    )
    assert doc.prepare_rename(1, 2) == (((1, 2), (1, 3)), "x")


@pytest.mark.parametrize(
    "new,why", [("a b", "cannot be a name"), ("result", "exists already"), ("a.b", "cannot be a name")]
)
def test_a_rename_that_would_break_references_is_refused(new, why):
    doc = content(EXAMPLES[0], NAME)
    with pytest.raises(ValueError, match=why):
        doc.rename(5, 12, new)


def test_no_rename_while_the_yaml_does_not_read():
    doc = content(EXAMPLES[0] + "  - Name: 'broken\n", NAME)
    assert doc.prepare_rename(1, 2) is None
    with pytest.raises(ValueError, match="not valid YAML"):
        doc.rename(1, 2, "y")


def test_a_misspelt_key_is_never_offered_a_name_the_mapping_has_or_a_value_cannot_take():
    def fixes(text: str) -> list[str]:
        return [
            d.fix_title
            for d in content(text, "file:///w/a.component.yaml").diagnostics()
            if d.code == "Lint.UnknownProperty"
        ]

    tasks = "Tasks:\n  - Name: a\n    Action: Reboot\n"
    assert fixes(tasks + "Task:\n  - Name: b\n    Action: Reboot\n") == [""]  # Tasks is there already
    assert fixes("Task:\n  - Name: b\n    Action: Reboot\n") == ["Change to Tasks"]
    assert fixes(tasks + "Parameter:\n  - x\n") == [""]  # a list cannot be Parameters
    assert fixes(tasks + "Parameter:\n  p:\n    Type: String\n") == ["Change to Parameters"]
    assert fixes("Tasks:\n  - Name: a\n    Nam: b\n    Action: Reboot\n") == [""]  # the task has a Name
    assert fixes("Tasks:\n  - Nam: a\n    Action: Reboot\n") == ["Change to Name"]
