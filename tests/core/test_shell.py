"""Checks inside RUN and RunShellCommand (issue 16): what hangs an unattended build, and what must not be taken for it."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from component_lsp.document import UTF8, UTF16
from component_lsp.shell.checks import YAML, check, hover
from component_lsp.shell.syntax import commands
from helpers import content

# (script, the codes it gets, the text each finding covers)
FIRES = [
    ("yum install nginx", [("Lint.InstallPrompts", "yum install")]),
    ("dnf update", [("Lint.InstallPrompts", "dnf update")]),
    ("sudo yum remove -q x", [("Lint.InstallPrompts", "yum remove")]),
    ("yum group install 'Development Tools'", [("Lint.InstallPrompts", "yum group")]),
    ("apt-get install curl", [("Lint.InstallPrompts", "apt-get install")]),
    ("apt-get -q install curl", [("Lint.InstallPrompts", "apt-get -q install")]),
    ("apt upgrade", [("Lint.InstallPrompts", "apt upgrade")]),
    ("zypper in vim-small", [("Lint.InstallPrompts", "zypper in")]),
    ("make && read answer", [("Lint.InteractiveCommand", "read")]),
    ("vi /etc/ssh/sshd_config", [("Lint.InteractiveCommand", "vi")]),
    ("nano /etc/hosts", [("Lint.InteractiveCommand", "nano")]),
    ("less /var/log/messages", [("Lint.InteractiveCommand", "less")]),
    ("passwd root", [("Lint.InteractiveCommand", "passwd")]),
    ("ssh-keygen -t rsa", [("Lint.InteractiveCommand", "ssh-keygen")]),
    ("ssh-keygen -t ed25519 -N ''", [("Lint.InteractiveCommand", "ssh-keygen")]),
    ("reboot", [("Lint.RebootInCommand", "reboot")]),
    ("yum -y update && shutdown -r now", [("Lint.RebootInCommand", "shutdown -r now")]),
    ("systemctl reboot", [("Lint.RebootInCommand", "systemctl reboot")]),
    ("cd /opt/app", [("Lint.CdAtEnd", "cd /opt/app")]),
    ("make install && cd /tmp", [("Lint.CdAtEnd", "cd /tmp")]),
    ('echo "$(yum install x)"', [("Lint.InstallPrompts", "yum install")]),  # a substitution in quotes runs
    ("if true; then\n  vim x\nfi", [("Lint.InteractiveCommand", "vim")]),
]

QUIET = [
    "yum install -y nginx",
    "yum -y install nginx",
    "yum install -yq nginx",
    "yum --assumeyes install x",
    "yum clean all && yum makecache",
    "dnf install --setopt=assumeyes=1 x",
    "apt-get install -y curl",
    "apt-get -qq install curl",
    "apt-get install --yes curl",
    "apt-get -o APT::Get::Assume-Yes=true install curl",
    "apt-get update",
    "apt-get -s upgrade",
    "zypper -n in vim",
    "zypper --non-interactive install vim",
    "zypper install -y vim",
    "yes | apt-get install curl",
    "echo y | yum install x",
    "yum install x < /dev/null",
    "timeout 60 yum install x",
    'echo "yum install nginx"',
    "echo 'read x; vi y'",
    "grep reboot /var/log/messages",
    "cat <<EOF > /etc/motd\nyum install nginx\nread x\nEOF",
    "# yum install x",
    "read -r line < /etc/hostname",
    "read -t 10 answer",
    "cat list | while read pkg; do echo $pkg; done",
    "while read l; do echo $l; done < /etc/hosts",
    "printf 'y\\n' | read x",
    "vim -es -c 'wq' /etc/x",
    "emacs --batch -l x.el",
    "echo 'root:pw' | chpasswd",
    "echo pw | passwd --stdin root",
    "passwd -l root",
    "passwd -d user",
    'ssh-keygen -t rsa -N "" -f /root/.ssh/id_rsa',
    "ssh-keygen -qN '' -f /root/.ssh/id_ed25519 -t ed25519",
    "ssh-keygen -A",
    "ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub",
    "cd /opt && make",
    "cd /opt; make",
    "(cd /opt && make)",
    "mycd /x",
    "yum",
    "",
    "${PKG_MANAGER} install x",
]


@pytest.mark.parametrize(("script", "expected"), FIRES)
def test_each_check_fires(script, expected):
    got = [(f.rule.code, script[f.start : f.end]) for f in check(script)]
    assert got == expected


@pytest.mark.parametrize("script", QUIET)
def test_what_answers_or_bounds_a_prompt_or_is_not_a_command_is_left_alone(script):
    assert check(script) == []


@pytest.mark.parametrize(
    ("script", "fixed"),
    [
        ("yum install nginx", "yum install -y nginx"),
        ("apt-get install curl && apt-get remove x", "apt-get install -y curl && apt-get remove -y x"),
        ("zypper in vim", "zypper -n in vim"),
        (
            "DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends x",
            "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends x",
        ),
    ],
)
def test_the_assume_yes_fix_is_an_insertion_that_leaves_nothing_to_find(script, fixed):
    out = script
    for f in sorted(check(script), key=lambda f: -f.fix[0][0]):
        ((start, end, text),) = f.fix
        out = out[:start] + text + out[end:]
    assert out == fixed
    assert check(out) == []


def test_the_whole_run_becomes_restart_or_workdir_only_when_it_is_that_alone():
    assert [f.instead for f in check("reboot")] == ["RESTART"]
    assert [f.instead for f in check("cd /opt/app")] == ["WORKDIR /opt/app"]
    assert [f.instead for f in check("make && reboot")] == [""]
    assert [f.instead for f in check("cd app")] == [""]  # relative: WORKDIR would not mean the same
    assert [f.instead for f in check("cd /opt", YAML)] == [""]  # YAML has no WORKDIR
    assert "workingDir" in check("cd /opt", YAML)[0].message and "Reboot" in check("reboot", YAML)[0].message


def test_wrappers_are_seen_through_and_assignments_kept():
    (cmd,) = commands("sudo -u admin env A=1 /usr/bin/yum -y install x")
    assert (cmd.name.value, [a.value for a in cmd.args], cmd.assignments) == ("yum", ["-y", "install", "x"], {"A": "1"})
    (cmd,) = commands('DEBIAN_FRONTEND=noninteractive apt-get install "-y" x')
    assert cmd.assignments == {"DEBIAN_FRONTEND": "noninteractive"} and cmd.args[1].value == "-y"


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.text(
        alphabet=st.sampled_from(list("yum apt-get install -y read vi cd reboot \"'$(){}|&;<>\\\n\t#é😀")), max_size=80
    )
)
def test_any_text_reads_without_a_fault_and_findings_stay_inside_it(script):
    for f in check(script) + check(script, YAML):
        assert 0 <= f.start <= f.end <= len(script)
        for start, end, _ in f.fix:
            assert 0 <= start <= end <= len(script)
    found = hover(script, len(script) // 2)
    assert found is None or 0 <= found[1] <= found[2] <= len(script)


# -- placed in the file ------------------------------------------------------------------------------------------------
def _found(text, name="file:///w/a.component"):
    doc = content(text, name)
    return doc, [
        d
        for d in doc.diagnostics()
        if d.code.startswith("Lint.")
        and d.code in ("Lint.InstallPrompts", "Lint.InteractiveCommand", "Lint.RebootInCommand", "Lint.CdAtEnd")
    ]


def test_positions_through_continuations_comments_tabs_and_wide_characters_in_both_encodings():
    text = "RUN echo '😀 中' && \\\n  # a comment inside\n\tcurl -o /tmp/é x && \\\n\t  apt-get \tinstall é\n"
    _, (found,) = _found(text)
    assert found.code == "Lint.InstallPrompts"
    assert (found.start, found.end) == ((3, 3), (3, 19))  # the line after the comment, past the tabs
    assert found.fix[0].start == (3, 19)  # " -y" goes right after "install"
    text2 = "RUN echo 😀中 && apt-get install x\n"
    doc2, (f2,) = _found(text2)
    assert doc2.source.to_lsp(*f2.start, UTF16) == (0, len("RUN echo 😀中 && ".encode("utf-16-le")) // 2)
    assert doc2.source.to_lsp(*f2.start, UTF8) == (0, len("RUN echo 😀中 && ".encode()))
    assert doc2.source.to_lsp(*f2.end, UTF8) == (0, len("RUN echo 😀中 && apt-get install".encode()))


def test_exec_form_and_heredoc_bodies_are_not_read_as_shell():
    assert _found('RUN ["yum", "install", "x"]\n')[1] == []
    assert _found("RUN cat <<EOF > /etc/x\nyum install nginx\nEOF\n")[1] == []


def test_quick_fixes_in_a_component_fix_and_add_no_error():
    text = "RUN yum install nginx && \\\n    apt-get install curl\nRUN reboot\nRUN cd /opt/app\nRUN ./configure\n"
    doc, found = _found(text)
    assert [d.code for d in found] == [
        "Lint.InstallPrompts",
        "Lint.InstallPrompts",
        "Lint.RebootInCommand",
        "Lint.CdAtEnd",
    ]
    fixed = _apply(text, doc)
    assert (
        fixed
        == "RUN yum install -y nginx && \\\n    apt-get install -y curl\nRESTART\nWORKDIR /opt/app\nRUN ./configure\n"
    )
    assert content(fixed, "file:///w/a.component").diagnostics() == []


def _apply(text, doc):
    """The text with every quick fix of the shell checks applied (bottom up)."""
    lines = text.split("\n")
    edits = [e for d in doc.diagnostics() for e in d.fix]
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        (sl, sc), (el, ec) = e.start, e.end
        head, tail = lines[sl][:sc], lines[el][ec:]
        lines[sl : el + 1] = (head + e.text + tail).split("\n")
    return "\n".join(lines)


YAML_TEXT = """Parameters:
  pkg:
    Type: String
Tasks:
  - Name: setup
    Action: RunShellCommand
    Properties:
      commandContent: |
        echo "yum install {{ pkg }}" && \\
          yum install {{ pkg }}
        cd /opt
  - Name: folded
    Action: RunShellCommand
    Properties:
      commandContent: sudo apt-get
        install {{pkg}}
  - Name: quoted
    Action: RunShellCommand
    Properties:
      commandContent: 'read answer; vi x'
  - Name: windows
    Action: RunPowerShellCommand
    Properties:
      commandContent: read x
"""


def test_run_shell_command_scripts_are_checked_where_the_yaml_has_them():
    doc = content(YAML_TEXT, "file:///w/a.component.yaml")
    lines = YAML_TEXT.split("\n")
    got = []
    for d in doc.diagnostics():
        if d.code in ("Lint.InstallPrompts", "Lint.InteractiveCommand", "Lint.CdAtEnd"):
            (sl, sc), (el, ec) = d.start, d.end
            got.append((d.code, sl, lines[sl][sc:ec] if sl == el else lines[sl][sc:] + "⏎" + lines[el][:ec]))
    assert got == [
        ("Lint.InstallPrompts", 9, "yum install"),
        ("Lint.CdAtEnd", 10, "cd /opt"),
        ("Lint.InstallPrompts", 14, "apt-get⏎        install"),
        ("Lint.InteractiveCommand", 19, "read"),
        ("Lint.InteractiveCommand", 19, "vi"),
    ]  # the PowerShell task's `read x` is not shell


def test_hover_on_a_command_says_what_its_flag_does_in_both_formats():
    doc = content("RUN make && apt-get install x\n")
    found = doc.hover(0, 14)
    assert found is not None and "`-y`" in found.markdown and (found.start, found.end) == ((0, 12), (0, 19))
    assert doc.hover(0, 5) is None  # make: nothing to say
    ydoc = content(YAML_TEXT, "file:///w/a.component.yaml")
    found = ydoc.hover(9, 12)
    assert found is not None and "Is this ok" in found.markdown and (found.start, found.end) == ((9, 10), (9, 13))
    assert hover("echo yum", 6) is None  # an argument, not a command
    assert "Reboot" in (hover("reboot", 1) or ("",))[0]


def test_the_corpus_of_real_dockerfiles_gets_only_what_would_hang():
    """202 real Dockerfiles: each new code's count (printed with -s), and the one finding, read and judged true:
    `apt-get -f install` without -y asks before it installs what dpkg left missing."""
    from collections import Counter

    from helpers import CORPUS

    codes = ("Lint.InstallPrompts", "Lint.InteractiveCommand", "Lint.RebootInCommand", "Lint.CdAtEnd")
    counts: Counter = Counter()
    found = []
    files = sorted(CORPUS.glob("**/*Dockerfile*"))
    for path in files:
        for d in content(path.read_text(errors="replace"), f"file:///corpus/{path.name}.component").diagnostics():
            if d.code in codes:
                counts[d.code] += 1
                found.append((path.name, d.start[0] + 1, d.code))
    print(f"\n{len(files)} corpus files: " + ", ".join(f"{code} {counts[code]}" for code in codes))
    assert len(files) >= 200
    assert found == [("zoom-us_Dockerfile", 56, "Lint.InstallPrompts")]


def test_the_grammar_loaded_from_its_file_is_the_packages_and_spares_its_resource_imports():
    """The bash grammar is loaded from tree-sitter-bash's native module directly (its package's ``__init__``
    imports ``importlib.resources``): the same grammar as the package's, and the package is not run."""
    import subprocess
    import sys

    import tree_sitter_bash
    from tree_sitter import Language, Parser

    from component_lsp.shell.syntax import _bash_language

    script = b"sudo yum install -y x && cd /tmp | less <<EOF\nhi\nEOF\n"
    ours = Parser(Language(_bash_language())).parse(script).root_node
    theirs = Parser(Language(tree_sitter_bash.language())).parse(script).root_node
    assert str(ours) == str(theirs) and not ours.has_error
    code = (
        "import sys; from component_lsp.shell.syntax import commands; commands('yum install x'); "
        "print('tree_sitter_bash' in sys.modules, 'importlib.resources' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.split() == ["False", "False"]
