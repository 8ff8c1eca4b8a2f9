"""The parser's model of an instruction: extent, keyword, arguments and their positions."""

from component_lsp.document import split_lines
from component_lsp.formats.dockerfile.parser import heredoc_names, json_string_array, parse, scan_header
from component_lsp.formats.dockerfile.words import unquote, words


def instructions(text):
    return parse(split_lines(text))[1]


def test_keyword_and_arguments_across_continuations():
    (ins,) = instructions("  run echo \\\n  # comment\n\n   hello   \n")
    assert (ins.start, ins.end, ins.keyword, ins.upper) == (0, 3, "run", "RUN")
    assert ins.args == "echo    hello"
    assert ins.written.empty_continuations == [2]
    # "hello" is on line 3, column 3
    offset = ins.logical.index("hello")
    assert ins.locate(offset) == (3, 3)
    assert ins.logical_at(3, 5) == offset + 2
    assert ins.logical_at(1, 0) is None  # the comment line is not in the logical text


def test_end_of_range_at_a_line_break_stays_on_its_line():
    (ins,) = instructions("RUN a\\\nb\n")
    assert ins.locate(5) == (1, 0)
    assert ins.locate(5, end=True) == (0, 5)


def test_escape_directive_changes_the_continuation():
    header, found = parse(split_lines("# escape=`\nRUN a `\n  b\nRUN c \\\nRUN d\n"))
    assert header.escape == "`" and header.end == 1
    assert [(i.start, i.end) for i in found] == [(1, 2), (3, 3), (4, 4)]


def test_duplicate_and_bad_directives_are_reported():
    assert scan_header(split_lines("# escape=x\nRUN a\n")).directives[0].error
    header = scan_header(split_lines("# escape=`\n# escape=`\n"))
    assert header.directives[1].error.startswith("only one escape")


def test_heredoc_swallows_lines_up_to_its_terminator():
    found = instructions("RUN cat <<-EOF >x\n\tline\n\tEOF\nRUN b\n")
    assert [(i.start, i.end) for i in found] == [(0, 2), (3, 3)]
    assert found[0].written.heredocs == [("EOF", 1)]
    unterminated = instructions("COPY <<EOF /x\nRUN b\n")
    assert unterminated[0].written.unterminated_heredoc == "EOF" and unterminated[0].written.open_end


def test_heredoc_names_and_shell_words():
    assert heredoc_names("RUN <<'A B' 2<<C <<\"D\" <<") == [("A B", False), ("C", False), ("D", False)]
    found = words('a \'b c\' "d\\"e"', 10)
    assert [w.value for w in found] == ["a", "b c", 'd"e']
    assert [(w.start, w.end, w.text) for w in found] == [(10, 11, "a"), (12, 17, "'b c'"), (18, 24, '"d\\"e"')]
    (opened,) = words("'open")
    assert opened.unterminated and words("a 'open")[-1].unterminated


def test_a_trailing_escape_alone_names_no_heredoc():
    """Found by the BuildKit agreement test: `RUN <<\\` (with `# escape=` backtick) opens no heredoc."""
    assert heredoc_names("RUN <<\\") == []
    assert heredoc_names("RUN <<A\\") == [("A", False)]


def test_the_escape_character_is_the_files():
    assert [w.value for w in words("a\\ b c` d e``", escape="`")] == ["a\\", "b", "c d", "e`"]
    assert unquote('"a  b" c', escape="`") == "a  b c"


def test_expansions_are_split_and_checked_as_buildkit_does():
    assert [w.text for w in words("${a:-b c} d", expansions=True)] == ["${a:-b", "c}", "d"]
    assert words("x ${", expansions=True)[-1].unterminated
    assert [w.text for w in words("x ${")] == ["x", "${"]  # without expansions, $ is a character


def test_json_forms():
    assert json_string_array(' ["a", "b"] trailing') == ["a", "b"]
    assert json_string_array("[a]") is None
    assert json_string_array("echo") is None
    try:
        json_string_array('["a", 1]')
    except ValueError:
        pass
    else:
        raise AssertionError("a non-string element must be refused")


def test_exec_form_is_flagged_on_the_instruction():
    run, cmd = instructions('RUN ["a"]\nCMD echo\n')
    assert run.written.json_form and not cmd.written.json_form


def test_empty_text_and_only_comments():
    assert instructions("") == []
    assert instructions("# a\n\n   \n# b") == []
