"""What hangs an unattended build, found in a shell script: prompts, interactive programs, reboots, a lost cd.

Image Builder runs each RUN (and each RunShellCommand) on a VM with no
terminal. A command that waits for an answer does not fail: it hangs until
the build times out. The checks read the script's commands
(``shell.syntax``), so a quoted word, an ``echo "yum install"`` or a heredoc
body is never taken for a command, and a command whose input is a pipe or a
redirect (``yes | apt-get install``), or that ``timeout`` bounds, is left
alone: something answers it, or its wait ends.

Offsets are code points of the script; each format places them in its file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from ..diagnostics import WARNING, Rule, rule
from .syntax import Command, command_at, commands

PROMPTS = rule(
    "Lint.InstallPrompts",
    WARNING,
    "A package install, update or removal without its assume-yes flag: it asks for confirmation, and the build waits"
    " for an answer no one gives.",
)
INTERACTIVE = rule(
    "Lint.InteractiveCommand",
    WARNING,
    "A program that waits for a person (read, an editor, a pager, passwd without --stdin, ssh-keygen without -N and"
    " -f): the build has no terminal.",
)
REBOOT = rule(
    "Lint.RebootInCommand",
    WARNING,
    "reboot or shutdown -r inside a command: RESTART (a Reboot task in YAML) is how a component restarts the VM.",
)
LOST_CD = rule(
    "Lint.CdAtEnd",
    WARNING,
    "A cd that is the last thing a command does: its effect ends with it. WORKDIR (workingDir in YAML) sets the"
    " directory of what follows.",
)

DOCKERFILE, YAML = "dockerfile", "yaml"  # whose script: the fixes and advice differ


class ShellFinding(NamedTuple):
    rule: Rule
    start: int
    end: int
    message: str
    fix_title: str = ""
    fix: tuple[tuple[int, int, str], ...] = ()  # edits of the script
    instead: str = ""  # Dockerfile format: an instruction to replace the whole RUN with (RESTART, WORKDIR /x)


class Manager(NamedTuple):
    """A package manager: the subcommands that ask before they act, what answers yes, and where -y goes."""

    acting: frozenset[str]
    takes_value: frozenset[str]  # options whose value is the next word
    yes: Callable[[list[str]], bool]
    flag: str  # the flag to add
    before_subcommand: bool  # the flag goes right after the program's name (zypper's global -n)


def _cluster(word: str) -> str:
    """The letters of a short-option cluster (``-yq`` gives ``yq``), or "" for anything else."""
    return word[1:] if len(word) > 1 and word[0] == "-" and word[1] != "-" and word[1:].isalpha() else ""


def _yum_yes(words: list[str]) -> bool:
    return any(w in ("--assumeyes", "--assumeno") or "y" in _cluster(w) or "assumeyes" in w.lower() for w in words)


def _apt_get_yes(words: list[str]) -> bool:
    for w in words:
        lowered = w.lower()
        if (
            w in ("--yes", "--assume-yes", "--force-yes", "-q=2", "--quiet=2")
            or "y" in _cluster(w)
            or _cluster(w).count("q") >= 2
        ):
            return True
        if "assume-yes" in lowered or w in ("-s", "--simulate", "--dry-run", "--just-print", "--no-act", "--recon"):
            return True
    return False


def _apt_yes(words: list[str]) -> bool:
    return any(
        w in ("--yes", "--assume-yes", "-s", "--simulate", "--dry-run")
        or "y" in _cluster(w)
        or "assume-yes" in w.lower()
        for w in words
    )


def _zypper_yes(words: list[str]) -> bool:
    return any(w in ("-n", "--non-interactive", "-y", "--no-confirm") or "n" in _cluster(w) for w in words)


_YUM_ACTING = {
    "install", "update", "upgrade", "remove", "erase", "reinstall", "downgrade", "groupinstall", "groupupdate",
    "groupremove", "groupupgrade", "localinstall", "localupdate", "autoremove", "distro-sync",
    "distribution-synchronization", "swap", "update-minimal", "upgrade-minimal", "builddep", "group", "groups",
    "module",
}  # fmt: skip
_YUM_VALUES = {
    "-c", "--config", "-d", "--debuglevel", "-e", "--errorlevel", "-R", "--randomwait", "-x", "--exclude",
    "--enablerepo", "--disablerepo", "--installroot", "--releasever", "--setopt", "--repo", "--repoid", "--color",
    "--downloaddir", "--destdir",
}  # fmt: skip
_APT_ACTING = {
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "remove",
    "purge",
    "autoremove",
    "autopurge",
    "reinstall",
    "build-dep",
    "satisfy",
}
_APT_VALUES = {"-o", "--option", "-c", "--config-file", "-t", "--target-release", "-a", "--host-architecture"}
MANAGERS = {
    "yum": Manager(frozenset(_YUM_ACTING), frozenset(_YUM_VALUES), _yum_yes, "-y", False),
    "dnf": Manager(frozenset(_YUM_ACTING), frozenset(_YUM_VALUES), _yum_yes, "-y", False),
    "apt-get": Manager(frozenset(_APT_ACTING), frozenset(_APT_VALUES), _apt_get_yes, "-y", False),
    "apt": Manager(frozenset(_APT_ACTING), frozenset(_APT_VALUES), _apt_yes, "-y", False),
    "zypper": Manager(
        frozenset(
            {
                "install",
                "in",
                "update",
                "up",
                "remove",
                "rm",
                "dist-upgrade",
                "dup",
                "patch",
                "source-install",
                "si",
                "install-new-recommends",
                "inr",
            }
        ),
        frozenset({"-c", "--config", "-R", "--root", "--reposd-dir", "--cache-dir", "-D", "--plus-repo", "-p"}),
        _zypper_yes,
        "-n",
        True,
    ),
}
EDITORS = {"vi", "vim", "nvim", "view", "nano", "pico", "emacs", "joe", "mcedit"}
PAGERS = {"less", "more", "most"}
_SCRIPTED_EDITOR = {
    "-e",
    "-E",
    "-s",
    "-es",
    "-Es",
    "--headless",
    "--batch",
    "-batch",
    "--script",
    "-u",
}  # vim's ex mode, emacs's batch


def _subcommand(command: Command, manager: Manager):
    """The first word that is not an option (nor an option's value): the subcommand."""
    args = command.args
    k = 0
    while k < len(args):
        value = args[k].value
        if value is None:
            return None
        if value.startswith("-"):
            k += 2 if value in manager.takes_value else 1
            continue
        return args[k]
    return None


def _prompts(command: Command, dialect: str) -> Iterable[ShellFinding]:
    manager = MANAGERS.get(command.name.value or "")
    if manager is None:
        return
    sub = _subcommand(command, manager)
    if sub is None or sub.value not in manager.acting:
        return
    if sub.value in ("group", "groups", "module"):
        after = [a.value for a in command.args if a.start > sub.start]
        if not after or after[0] not in {
            "install",
            "remove",
            "upgrade",
            "update",
            "enable",
            "disable",
            "reset",
            "switch-to",
            "mark",
        }:
            return
    words = [a.value or "" for a in command.args]
    if manager.yes(words):
        return
    program = command.name.value
    at = command.name.end if manager.before_subcommand else sub.end
    yield ShellFinding(
        PROMPTS,
        command.name.start,
        sub.end,
        f"`{program} {sub.value}` asks for confirmation, and nobody answers in a build: it waits until the build times"
        f" out. Add {manager.flag} to answer yes.",
        f"Add {manager.flag}",
        ((at, at, f" {manager.flag}"),),
    )


def _short_options(words: list[str], with_value: str) -> set[str]:
    """The letters of getopt-style short options in ``words`` (``-rt5`` gives r and t, ``-f file`` gives f)."""
    found: set[str] = set()
    k = 0
    while k < len(words):
        word = words[k]
        k += 1
        if word == "--":
            break
        if len(word) < 2 or word[0] != "-" or word[1] == "-":
            continue
        for index, letter in enumerate(word[1:], 1):
            found.add(letter)
            if letter in with_value:
                if index == len(word) - 1:
                    k += 1  # its value is the next word
                break
    return found


def _interactive(command: Command, dialect: str) -> Iterable[ShellFinding]:
    name = command.name.value or ""
    words = [a.value or "" for a in command.args]
    span = (command.name.start, command.name.end)
    if name == "read":
        if {"t", "u"} & _short_options(words, "adinNptu"):
            return
        yield ShellFinding(
            INTERACTIVE,
            *span,
            "`read` waits for a line of input, and a build gives none: it waits until the build times out. Feed it"
            " (`read x < file`) or set the value directly.",
        )
    elif name in EDITORS:
        if any(w in _SCRIPTED_EDITOR for w in words):
            return
        yield ShellFinding(
            INTERACTIVE,
            *span,
            f"`{name}` is an interactive editor, and a build has no terminal: it waits for keys no one types. Edit"
            " files with sed, tee or a COPY.",
        )
    elif name in PAGERS:
        yield ShellFinding(
            INTERACTIVE,
            *span,
            f"`{name}` is a pager, made to wait for a key at a terminal, and a build has none: use cat.",
        )
    elif name == "passwd":
        if any(
            w.startswith("--")
            and w
            in (
                "--stdin",
                "--lock",
                "--unlock",
                "--delete",
                "--status",
                "--expire",
                "--mindays",
                "--maxdays",
                "--warndays",
                "--inactive",
            )
            for w in words
        ):
            return
        if {"l", "u", "d", "S", "e", "n", "x", "w", "i"} & _short_options(words, "nxwiR"):
            return
        yield ShellFinding(
            INTERACTIVE,
            *span,
            "`passwd` asks for the new password at a terminal, and a build has none. Use `echo 'user:password' |"
            " chpasswd`, or `passwd --stdin` where it exists.",
        )
    elif name == "ssh-keygen":
        options = _short_options(words, "abCDEfFIJjKmMNnOPrstwYzZ")
        if options & set("lyRFHAeisYDkQLBrGTMpc"):  # not making a key: listing, converting, signing, host keys, ...
            return
        missing = [f"-{letter}" for letter in "Nf" if letter not in options]
        if missing:
            what = " and ".join(missing)
            yield ShellFinding(
                INTERACTIVE,
                *span,
                f"`ssh-keygen` without {what} asks for"
                f" {'a passphrase' if 'N' not in options else 'a file'}{' and a file' if len(missing) == 2 else ''},"
                ' and a build has no terminal: give `-N ""` and `-f <path>`.',
            )


def _reboot(command: Command, dialect: str) -> Iterable[ShellFinding]:
    name = command.name.value or ""
    words = [a.value or "" for a in command.args]
    if (
        name == "reboot"
        or (name == "shutdown" and ("-r" in words or "--reboot" in words or "r" in "".join(_cluster(w) for w in words)))
        or (name == "systemctl" and "reboot" in words)
        or (name == "init" and words[:1] == ["6"])
    ):
        if dialect == YAML:
            advice = "a task with `Action: Reboot` restarts the VM and goes on with the next task."
            yield ShellFinding(
                REBOOT,
                command.start,
                command.end,
                f"Rebooting inside a command cuts the command off while the build waits for it: {advice}",
            )
            return
        advice = "RESTART reboots the build VM and goes on with the next instruction."
        instead = "RESTART" if command.alone and command.last else ""
        yield ShellFinding(
            REBOOT,
            command.start,
            command.end,
            f"Rebooting inside RUN cuts the command off while the build waits for it: {advice}",
            "Use RESTART" if instead else "",
            (),
            instead,
        )


def _lost_cd(command: Command, dialect: str) -> Iterable[ShellFinding]:
    if command.name.value != "cd" or not command.last:
        return
    target = command.args[0].value if len(command.args) == 1 else None
    instead = (
        f"WORKDIR {target}"
        if dialect == DOCKERFILE and command.alone and target and target.startswith("/") and " " not in target
        else ""
    )
    sets = (
        "A task's `workingDir` sets the directory it runs in."
        if dialect == YAML
        else "WORKDIR sets the directory of the instructions that follow."
    )
    yield ShellFinding(
        LOST_CD,
        command.start,
        command.end,
        "This cd is the last thing the command does: its effect ends with it, and the next command starts where this"
        f" one started. {sets}",
        f"Use {instead}" if instead else "",
        (),
        instead,
    )


CHECKS: list[Callable[[Command, str], Iterable[ShellFinding]]] = [_prompts, _interactive, _reboot, _lost_cd]
# The programs the checks look at, as words (`service` holds `vi`, `abcd` holds `cd`); systemctl and init only
# matter with `reboot` and `6`.
_WORDS = re.compile(
    r"(?<![\w.-])(?:yum|dnf|apt-get|apt|zypper|read|vim?|nvim|view|nano|pico|emacs|joe|mcedit|less|more|most"
    r"|passwd|ssh-keygen|reboot|shutdown|cd|init\s+6)(?![\w-])"
)


# The programs the checks look at, by name: a command that runs none of them is not read.
PROGRAMS = frozenset(
    {*MANAGERS, *EDITORS, *PAGERS, "read", "passwd", "ssh-keygen", "reboot", "shutdown", "systemctl", "init", "cd"}
)


def could_flag(script: str) -> bool:
    """Whether a script names any program a check looks at: most do not, and are not read at all."""
    return _WORDS.search(script) is not None


def check(script: str, dialect: str = DOCKERFILE) -> list[ShellFinding]:
    """Everything the checks find in a script."""
    if not could_flag(script):
        return []
    out: list[ShellFinding] = []
    for command in commands(script, PROGRAMS):
        if (command.stdin or command.bounded) and command.name.value not in (
            "reboot",
            "shutdown",
            "systemctl",
            "init",
            "cd",
        ):
            continue  # something answers it, or its wait ends
        for fn in CHECKS:
            out.extend(fn(command, dialect))
    return out


DOCS = {
    "yum": (
        "`-y` (`--assumeyes`) answers yes to yum's *Is this ok [y/N]*. A build has no terminal: without it, `yum"
        " install`, `update` and `remove` wait for an answer until the build times out."
    ),
    "apt-get": (
        "`-y` (`--yes`) answers yes to apt-get's *Do you want to continue? [Y/n]* (`-qq` implies it). A build has no"
        " terminal: without it, apt-get waits for, or aborts on, the answer it cannot get."
    ),
    "apt": (
        "`-y` (`--yes`) answers yes to apt's *Do you want to continue? [Y/n]*. A build has no terminal: without it, apt"
        " waits for, or aborts on, the answer it cannot get."
    ),
    "zypper": (
        "`-n` (`--non-interactive`, before the subcommand) makes zypper take the default answer to every question. A"
        " build has no terminal: without it, zypper waits for one."
    ),
    "read": (
        "`read` takes a line from standard input. A build gives none: feed it from a file or a pipe, or give it `-t` (a"
        " timeout)."
    ),
    "passwd": (
        "`passwd` asks for the new password at a terminal. In a build, use `chpasswd` (`echo 'user:password' |"
        " chpasswd`) or `passwd --stdin` (RHEL, CentOS, Alibaba Cloud Linux)."
    ),
    "ssh-keygen": (
        '`-N ""` sets an empty passphrase and `-f <path>` the key file: without them ssh-keygen asks, and a build has'
        " no terminal to answer."
    ),
    "reboot": (
        "Rebooting inside a command cuts it off. `RESTART` (in YAML, a task with `Action: Reboot`) reboots the build VM"
        " and goes on."
    ),
    "cd": (
        "A cd lasts until the end of its command. `WORKDIR` (in YAML, a task's `workingDir`) sets the directory of what"
        " follows."
    ),
}
DOCS["dnf"] = DOCS["yum"].replace("yum", "dnf")
DOCS["shutdown"] = DOCS["reboot"]
for _editor in EDITORS:
    DOCS[_editor] = (
        f"`{_editor}` is an interactive editor: a build has no terminal, so it waits for keys no one types. Edit files"
        " with sed, tee or a COPY."
    )
for _pager in PAGERS:
    DOCS[_pager] = f"`{_pager}` is a pager, made for a terminal: a build has none. Use cat."


def hover(script: str, offset: int) -> tuple[str, int, int] | None:
    """What a command the checks know does in a build, for the command whose name is at ``offset``: (markdown,
    start, end)."""
    if not could_flag(script):
        return None
    command = command_at(script, offset)
    if command is None or command.name.value not in DOCS:
        return None
    return DOCS[command.name.value], command.name.start, command.name.end
