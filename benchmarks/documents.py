"""Generated components of a given size, and the places in them the benchmark works at.

The text is what an image component looks like (ENV, RUN with continuations,
COPY, WORKDIR, LABEL, comments, blank lines), deterministic, and free of
findings of its own: past 16 KB or 127 commands the only diagnostics are the
two limits, so what is timed is the analysis, not the size of the answer.

Two documents are the opposite, to time the size of the answer: "16 KB
flagged" is the 16 KB one with every keyword in lower case (a warning on each
of its 127 commands), and "1 MB flagged" the 1 MB one where every COPY
fetches a URL with a query string (an error on each of its 2,000 COPYs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

KIB = 1024

# One step of a component; {n} makes names and paths differ from step to step.
STEP = [
    "# Step {n}: install and configure service{n}.",
    'ENV SERVICE{n}_VERSION="1.{n}.0" SERVICE{n}_HOME="/opt/service{n}"',
    "RUN yum install -y service{n}-${{SERVICE{n}_VERSION}} && \\",
    "    mkdir -p ${{SERVICE{n}_HOME}}/conf ${{SERVICE{n}_HOME}}/logs && \\",
    "    yum clean all",
    "",
    "COPY /tmp/build/service{n}.conf ${{SERVICE{n}_HOME}}/conf/",
    "WORKDIR /opt/service{n}",
    "RUN ./bin/setup --prefix /opt/service{n} --log-dir /opt/service{n}/logs",
    'LABEL service{n}.version="1.{n}.0"',
    "USER root",
    "RUN systemctl enable service{n}",
    "",
]
FINAL = 'CMD ["/usr/sbin/init"]'


@dataclass(frozen=True)
class Sample:
    name: str
    text: str
    instructions: int
    edit: tuple[int, int]  # where a character is typed and deleted: a one-line RUN in the middle
    keyword: tuple[int, int]  # inside that RUN keyword: completion and hover
    empty: tuple[int, int]  # an empty line near the middle: the floor (a hover with nothing to do)
    language: str = "image-component"  # the didOpen language id
    components: int = 0  # component files in the workspace folder the document is opened in (a template's)
    variable: tuple[int, int] | None = None  # on a variable's use near the middle (`${X}`, `{{ x }}`): references
    suffix: str = ".component"  # the file name's: ".tf" for a Terraform file
    scripted: bool = True  # the edit is in a shell script (ShellCheck runs again after it)

    @property
    def size(self) -> int:
        return len(self.text.encode())


def _steps(count: int) -> list[str]:
    return [line.format(n=n) for n in range(count) for line in STEP]


def _instructions(lines: list[str]) -> int:
    count, continued = 0, False
    for line in lines:
        if not continued and line and not line.startswith("#"):
            count += 1
        continued = line.endswith("\\")
    return count


def _join(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def generate(size: int) -> list[str]:
    """Whole steps, and a final CMD, as many as fit in ``size`` bytes."""
    lines: list[str] = []
    total, n = len(FINAL) + 1, 0
    while True:
        step = [line.format(n=n) for line in STEP]
        grown = total + len(_join(step).encode())
        if grown > size and lines:
            break
        lines += step
        total, n = grown, n + 1
    return lines + [FINAL]


def at_the_limit() -> list[str]:
    """Exactly 127 commands in at most 16 KB: the largest component the API accepts."""
    lines = _steps(127 // _instructions(_steps(1)) + 1)
    # Cut the last step where the 126th command ends, then add the final CMD.
    while _instructions(lines) > 126:
        lines.pop()
    while lines and (not lines[-1] or lines[-1].startswith("#")):
        lines.pop()
    lines.append(FINAL)
    # Fill towards 16 KB with comments, which are not commands.
    filler = "# Kept for the audit trail: each step installs, configures and enables one service."
    n = 0
    while len(_join(lines).encode()) + len(filler) + 1 <= 16 * KIB:
        n = (n + 13) % len(lines)
        if lines[n - 1] and not lines[n - 1].endswith("\\"):
            lines.insert(n, filler)
    return lines


def flagged_keywords(lines: list[str]) -> list[str]:
    """Every command's keyword in lower case: one Lint.KeywordCase warning each."""
    out, continued = [], False
    for line in lines:
        if not continued and line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            line = f"{keyword.lower()} {rest}" if rest else keyword.lower()
        out.append(line)
        continued = line.endswith("\\")
    return out


def flagged_copies(lines: list[str]) -> list[str]:
    """Every COPY from a URL with a query string: one InvalidCommandContent.COPY error each."""
    return [re.sub(r"^COPY /tmp/build/(\S+)", r"COPY https://mirror.example.com/\1?v=1", line) for line in lines]


def _places(lines: list[str]) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int], tuple[int, int]]:
    middle = len(lines) // 2
    order = sorted(range(len(lines)), key=lambda i: abs(i - middle))
    run = next(
        i
        for i in order
        if lines[i].upper().startswith("RUN ") and not lines[i].endswith("\\") and not lines[i - 1].endswith("\\")
    )
    empty = next(i for i in order if not lines[i] and not lines[i - 1].endswith("\\"))
    use = next(i for i in order if "${SERVICE" in lines[i])
    return (run, 4), (run, 2), (empty, 0), (use, lines[use].index("${SERVICE") + 3)


def yaml_component(size: int) -> list[str]:
    """A YAML-format component of whole tasks, as many as fit in ``size`` bytes, a blank line between tasks."""
    lines = ["Parameters:", "  region:", "    Type: String", "    DefaultValue: cn-hangzhou", "", "Tasks:"]
    n = 0
    while True:
        task = [
            f"  - Name: step{n}",
            "    Action: RunShellCommand",
            "    Properties:",
            f"      commandContent: echo {{{{ region }}}} && yum install -y service{n} && systemctl enable service{n}",
            "      workingDir: /opt",
            "",
        ]
        if len(_join(lines + task)) > size:
            return lines
        lines += task
        n += 1


def yaml_sample(name: str, lines: list[str]) -> Sample:
    middle = len(lines) // 2
    order = sorted(range(len(lines)), key=lambda i: abs(i - middle))
    command = next(i for i in order if lines[i].startswith("      commandContent: "))
    action = next(i for i in order if lines[i].startswith("    Action: "))
    empty = next(i for i in order if not lines[i])
    tasks = sum(line.startswith("  - ") for line in lines)
    variable = (command, lines[command].index("{{ region }}") + 4)
    return Sample(
        name,
        _join(lines),
        tasks,
        (command, len("      commandContent: echo ")),
        (action, len("    Action: ") + 2),
        (empty, 0),
        variable=variable,
    )


ARN = "COMPONENT acs:ecs:cn-hangzhou:123456789012:imagecomponent/"


def workspace(root: Path, count: int) -> None:
    """``count`` component files under ``root``, half YAML with parameters, half Dockerfile format, 25 a folder."""
    for n in range(count):
        folder = root / f"team{n // 25:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        if n % 2:
            (folder / f"svc{n}.component").write_text(_join(generate(KIB)))
        else:
            lines = [
                "Parameters:",
                "  version:",
                "    Type: String",
                "  port:",
                "    Type: Number",
                "    DefaultValue: 8080",
                "Tasks:",
            ]
            for t in range(4):
                lines += [
                    f"  - Name: step{t}",
                    "    Action: RunShellCommand",
                    "    Properties:",
                    f"      commandContent: install svc{n} {{{{ version }}}} {{{{ port }}}}",
                ]
            (folder / f"svc{n}.component.yaml").write_text(_join(lines))


def template(count: int) -> list[str]:
    """A template of 16 KB at most and 127 commands: COMPONENT lines for the workspace's components, with
    their parameters, between RUN lines; the last COMPONENT passes a parameter its component lacks, so its
    warning says when the workspace is linked."""
    lines = ["# Build the service image from the team's components."]
    n = 0
    while len(_join(lines).encode()) < 15 * KIB and _instructions(lines) < 120:
        name = f"svc{n % count}"
        args = " --version 1.2.3 --port 9090" if n % count % 2 == 0 else ""
        lines += [f"{ARN}{name}/1.*.*{args}", f"RUN echo installed {name} && systemctl daemon-reload", ""]
        n += 2  # every other one is YAML
    lines += [f"{ARN}svc0/1.0.0 --version 1 --colour blue"]
    return lines


def template_sample(name: str, count: int) -> Sample:
    lines = template(count)
    middle = len(lines) // 2
    order = sorted(range(len(lines)), key=lambda i: abs(i - middle))
    run = next(i for i in order if lines[i].startswith("RUN "))
    empty = next(i for i in order if not lines[i])
    return Sample(name, _join(lines), _instructions(lines), (run, 4), (run, 2), (empty, 0), "ecs-template", count)


def terraform(size: int, heredoc: int) -> list[str]:
    """A Terraform module of about ``size`` bytes: variables around a component whose content is a heredoc of
    ``heredoc`` bytes at most (the largest component the API accepts, indented, with its ``${`` escaped as
    ``$${``); and, for a file of many resources (``heredoc`` 0), components of 1 KB each between the variables."""
    component_lines = at_the_limit() if heredoc else generate(KIB)
    body = ["    " + line.replace("${", "$${") if line else "" for line in component_lines]

    def component(n: int) -> list[str]:
        return [
            f'resource "alicloud_ecs_image_component" "service{n}" {{',
            f'  image_component_name = "service{n}"',
            '  system_type          = "Linux"',
            "  content              = <<-EOT",
            *body,
            "  EOT",
            "}",
            "",
        ]

    def variables(n: int) -> list[str]:
        return [f'variable "setting{n}" {{', "  type    = string", f'  default = "value {n}"', "}", ""]

    if heredoc:
        around: list[str] = []
        n = 0
        while len(_join(around).encode()) < (size - heredoc) // 2:
            around += variables(n)
            n += 1
        return around + component(0) + [line.replace("setting", "option") for line in around]
    lines: list[str] = []
    n = 0
    while len(_join(lines).encode()) < size:
        lines += component(n) + variables(n)
        n += 1
    return lines


def terraform_sample(name: str, lines: list[str], outside: bool) -> Sample:
    """A Terraform file: keystrokes inside a heredoc's RUN (or, ``outside``, in a variable's value), the floor on
    an empty line between blocks."""
    middle = len(lines) // 2
    order = sorted(range(len(lines)), key=lambda i: abs(i - middle))
    run = next(i for i in order if lines[i].startswith("    RUN ") and not lines[i].endswith("\\"))
    value = next(i for i in order if lines[i].startswith("  default = "))
    empty = next(i for i in order if not lines[i] and lines[i - 1] == "}")  # between blocks, not in a heredoc
    edit = (value, len('  default = "v')) if outside else (run, 8)
    commands = sum(1 for line in lines if line.startswith("resource "))
    return Sample(
        name, _join(lines), commands, edit, (run, 6), (empty, 0), "terraform", suffix=".tf", scripted=not outside
    )


def sample(name: str, lines: list[str]) -> Sample:
    edit, keyword, empty, variable = _places(lines)
    return Sample(name, _join(lines), _instructions(lines), edit, keyword, empty, variable=variable)


def samples(names: list[str]) -> list[Sample]:
    known = {
        "1 KB": lambda: generate(KIB),
        "16 KB": at_the_limit,
        "250 KB": lambda: generate(250 * KIB),
        "1 MB": lambda: generate(KIB * KIB),
        "16 KB flagged": lambda: flagged_keywords(at_the_limit()),
        "1 MB flagged": lambda: flagged_copies(generate(KIB * KIB)),
    }
    out = []
    for name in names:
        if name == "16 KB YAML":
            out.append(yaml_sample(name, yaml_component(16 * KIB)))
        elif name == "16 KB template":
            out.append(template_sample(name, 500))
        elif name.endswith(" tf") or name.endswith(" tf outside"):
            size, heredoc = (KIB * KIB, 0) if name.startswith("1 MB") else (64 * KIB, 16 * KIB)
            out.append(terraform_sample(name, terraform(size, heredoc), name.endswith("outside")))
        else:
            out.append(sample(name, known[name]()))
    return out


SIZES = [
    "1 KB",
    "16 KB",
    "250 KB",
    "1 MB",
    "16 KB flagged",
    "1 MB flagged",
    "16 KB YAML",
    "16 KB template",
    "64 KB tf",  # a module with a 16 KB heredoc: keystrokes in it
    "64 KB tf outside",  # the same: keystrokes outside every region
    "1 MB tf",  # a file of 1 KB components, one after another: keystrokes in one
]
# A format, templates with a workspace, and Terraform files: what the peer does not read.
OURS_ONLY = {"16 KB YAML", "16 KB template", "64 KB tf", "64 KB tf outside", "1 MB tf"}


def main() -> None:
    """``python benchmarks/documents.py FOLDER``: every document as ``FOLDER/documents.json`` (each sample's
    fields, its size, and whether only ours reads it), and the template's workspace in ``FOLDER/workspace``: what
    the tests check of the benchmark's documents, without importing the benchmark."""
    import json
    import sys
    from dataclasses import asdict

    out = Path(sys.argv[1])
    workspace(out / "workspace", 500)
    found = [{**asdict(s), "size": s.size, "ours_only": s.name in OURS_ONLY} for s in samples(SIZES)]
    (out / "documents.json").write_text(json.dumps(found))


if __name__ == "__main__":
    main()
