"""Each rule: one input it must flag, at the offending token, and inputs it must leave alone."""

import pytest

from component_lsp import budget, ignores
from component_lsp.diagnostics import RULES, WARNING, Diagnostic
from component_lsp.formats import load_all
from component_lsp.formats.base import COMPONENT, TEMPLATE
from component_lsp.workspace import links
from component_lsp.workspace.index import Index
from helpers import content

YAML = "yaml"
TERRAFORM = "terraform"  # content inside a .tf file: the file's diagnostics, in its positions
ROS = "ros"  # content inside a ROS template (YAML)


def component_tf(*lines: str) -> str:
    """A .tf file of an image component with these attribute lines (and content)."""
    body = "".join(f"  {line}\n" for line in lines)
    return f'resource "alicloud_ecs_image_component" "a" {{\n{body}  content = "RUN a"\n}}\n'


def pipeline_tf(*lines: str) -> str:
    """A .tf file of an image pipeline with these attribute lines (and build content)."""
    body = "".join(f"  {line}\n" for line in lines)
    return f'resource "alicloud_ecs_image_pipeline" "p" {{\n{body}  build_content = "RUN a"\n}}\n'


NAMES = {
    COMPONENT: "file:///w/app.component",
    TEMPLATE: "file:///w/app.imagetemplate",
    YAML: "file:///w/app.component.yaml",
}


def Analysis(text: str, kind: str = COMPONENT):  # noqa: N802  (reads as the model it opens)
    return content(text, NAMES[kind])


ARN = "COMPONENT acs:ecs:cn-hangzhou:123456789012****:imagecomponent/"
WORKSPACE = {
    "app.component.yaml": "Parameters:\n  port:\n    Type: Number\n  debug:\n    Type: Boolean\n    DefaultValue: false\n"
    "Tasks:\n  - Name: serve\n    Action: RunShellCommand\n    Properties:\n      commandContent: serve {{ port }} {{ debug }}\n",
    "plain.component": "RUN yum install -y nginx\n",
}


def diagnostics(text: str, kind: str = COMPONENT):
    """The diagnostics of a text, with the budget's warning, and for a template its cross-file ones against
    WORKSPACE too."""
    if kind in (TERRAFORM, ROS):
        model = content(text, "file:///w/main.tf" if kind == TERRAFORM else "file:///w/stack.ros.yaml")
        return sorted(model.diagnostics() + budget.nearly_full(model), key=Diagnostic.sort_key)
    if kind != TEMPLATE:
        model = Analysis(text, kind)
        return ignores.apply(model, model.diagnostics() + budget.nearly_full(model))
    index = Index()
    for name, body in WORKSPACE.items():
        index.opened(f"file:///w/{name}", content(body, f"file:///w/{name}"))
    model = Analysis(text, kind)
    return ignores.apply(
        model, model.diagnostics() + budget.nearly_full(model) + links.check(model.uses() or [], index)
    )


# (rule code, text, (line, start col, end col) of the expected diagnostic, kind)
FLAGGED = [
    ("NotSupportedCommand.FROM", "FROM centos:7\nRUN a\n", (0, 0, 4), "component"),
    ("Lint.FromIgnored", "FROM IMAGE:m-123\nRUN a\n", (0, 0, 4), TEMPLATE),
    ("DuplicatedCommand.FROM", "FROM IMAGE:m-1\nRUN a\nFROM IMAGE_FAMILY:f\n", (2, 0, 4), TEMPLATE),
    ("InvalidCommandOrder.FROM", "RUN a\nFROM IMAGE:m-1\n", (1, 0, 4), TEMPLATE),
    ("InvalidCommandContent.FROM", "FROM ubuntu:20.04\nRUN a\n", (0, 5, 17), TEMPLATE),
    ("InvalidBuildContent.LengthExceeded", "RUN " + "x" * 16400 + "\n", (0, 16384, 16404), TEMPLATE),
    ("InvalidParameter.BuildContent", "# build\n'Tasks':\n  - Name: a\n", (1, 0, 8), TEMPLATE),
    ("InvalidCommand.Component", "COMPONENT ic-123\n", (0, 0, 9), "component"),
    ("InvalidImageTemplateCommand.NotSupported", "RUN a\nEXPOSE 80\n", (1, 0, 6), "component"),
    ("Lint.KeywordCase", "Run a\n", (0, 0, 3), "component"),
    ("EmptyCommandContent.RUN", "RUN   \n", (0, 0, 3), "component"),
    ("EmptyCommandContent.ENV", "ENV\n", (0, 0, 3), "component"),
    ("EmptyCommandContent.LABEL", "LABEL\n", (0, 0, 5), "component"),
    ("EmptyCommandContent.COPY", "COPY\n", (0, 0, 4), "component"),
    ("EmptyCommandContent.ENTRYPOINT", "ENTRYPOINT \\\n\n", (0, 0, 10), "component"),
    ("EmptyCommandContent.CMD", "CMD\n", (0, 0, 3), "component"),
    ("EmptyCommandContent.WORKDIR", "WORKDIR\n", (0, 0, 7), "component"),
    ("EmptyCommandContent.USER", "USER\n", (0, 0, 4), "component"),
    ("EmptyCommandContent.COMPONENT", "COMPONENT\n", (0, 0, 9), TEMPLATE),
    ("Lint.UnusedIgnore", "# component-lsp: ignore=Lint.KeywordCase the reason\nRUN a\n", (0, 24, 40), "component"),
    ("InvalidCommandContent.COMPONENT", "COMPONENT ic-x --x\n", (0, 15, 18), TEMPLATE),
    # Cross-file rules: the template against a workspace component, app.component.yaml (WORKSPACE below) or
    # plain.component.
    ("Lint.UnknownComponentParameter", ARN + "app/1.0.0 --port 80 --prot 1\n", (0, 82, 88), TEMPLATE),
    ("Lint.MissingComponentParameter", ARN + "app/1.0.0\n", (0, 62, 65), TEMPLATE),
    ("Lint.ComponentParameterType", ARN + "app/1.0.0 --port eighty\n", (0, 79, 85), TEMPLATE),
    ("Lint.DockerfileComponentParameter", ARN + "plain/1.0.0 --port 80\n", (0, 74, 80), TEMPLATE),
    ("NotEmptyCommandContent.RESTART", "RESTART now please\n", (0, 8, 18), "component"),
    ("Lint.ExecFormNotJson", "ENTRYPOINT ['a']\n", (0, 11, 16), "component"),
    ("InvalidCommandContent.ENV", 'ENV A="1" 2B="x"\n', (0, 10, 12), "component"),
    ("InvalidCommandContent.WORKDIR", "WORKDIR /a /b /c\n", (0, 11, 16), "component"),
    ("InvalidCommandContent.USER", "USER ad min\n", (0, 8, 11), "component"),
    ("InvalidCommandContent.USER", 'USER "ad min"\n', (0, 5, 13), "component"),
    ("InvalidCommandContent.COPY", "COPY https://x.example/a?b=1 /opt/\n", (0, 5, 28), "component"),
    ("Lint.UnquotedEnvValue", "ENV A=1\n", (0, 6, 7), "component"),
    ("Lint.LabelSyntax", 'LABEL a="1" b\n', (0, 12, 13), "component"),
    ("Lint.RelativeWorkdir", "WORKDIR app\n", (0, 8, 11), "component"),
    ("Lint.CopyNeedsInternet", "COPY https://x.example/a /opt/\n", (0, 5, 24), "component"),
    ("Lint.InstallPrompts", "RUN yum install -q nginx\n", (0, 4, 15), "component"),
    ("Lint.InteractiveCommand", "RUN cd /a && \\\n  vi x.conf\n", (1, 2, 4), "component"),
    ("Lint.RebootInCommand", "RUN make && reboot\n", (0, 12, 18), "component"),
    ("Lint.CdAtEnd", "RUN make && cd /opt\n", (0, 12, 19), "component"),
    ("Lint.EmptyContinuationLine", "RUN a \\\n\n  b\n", (1, 0, 0), "component"),
    ("Lint.HeredocNotSupported", "RUN <<EOF\necho\nEOF\n", (0, 4, 9), "component"),
    ("Lint.ParserDirective", "# escape=`\nRUN a\n", (0, 0, 10), "component"),
    ("Lint.DuplicateInstruction", "CMD a\nCMD b\n", (0, 0, 3), "component"),
    ("InvalidContent.LengthExceeded", "RUN " + "x" * 16400 + "\n", (0, 16384, 16404), "component"),
    ("InvalidImageTemplateCommandSize.ExceededMaxNumber", "RUN a\n" * 127 + 'ENV B="1"\n', (127, 0, 3), "component"),
    ("MissingParameter.Content", "# nothing here\n", (0, 0, 14), "component"),
    ("Lint.BudgetNearlyFull", "RUN a\n" * 120, (0, 0, 3), "component"),
    # YAML-format components (SPEC section 7)
    ("InvalidParameter.Content", "Tasks:\n  - Name: a\n    Action: RunShelCommand\n", (2, 12, 26), YAML),
    (
        "InvalidParameter.Content",
        "Parameters:\n  n:\n    Type: Integer\n    DefaultValue: 1\nTasks:\n  - Name: a\n    Action: Reboot\n",
        (2, 10, 17),
        YAML,
    ),
    ("InvalidParameter.Content", "Parameters:\n  x:\n    Type: String\n", (0, 0, 10), YAML),
    (
        "InvalidParameter.Content",
        "Tasks:\n  - Name: d\n    Action: OSSDownload\n    Properties:\n      destinationDir: /x\n      objectName: o\n",
        (2, 12, 23),
        YAML,
    ),
    (
        "InvalidParameter.Content",
        "Tasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ undefined }}\n",
        (4, 27, 42),
        YAML,
    ),
    (
        "InvalidParameter.Content",
        "Tasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ later.stdout }}\n  - Name: later\n    Action: Reboot\n",
        (4, 27, 45),
        YAML,
    ),
    (
        "InvalidParameter.Content",
        "Tasks:\n  - Name: w\n    Action: WebDownload\n    Properties:\n      sourcePath: http://x\n      destinationDir: /d\n      timeout: soon\n",
        (6, 15, 19),
        YAML,
    ),
    (
        "InvalidParameter.Content",
        "Tasks:\n  - Name: r\n    Action: Reboot\n    Properties:\n      forceStop: maybe\n",
        (4, 17, 22),
        YAML,
    ),
    ("InvalidParameter.Content", "Tasks:\n", (0, 0, 5), YAML),
    ("InvalidParameter.Content", "Tasks:\n  - Name: a\n    Action: [\n", (3, 0, 0), YAML),
    (
        "Lint.UnknownProperty",
        "Tasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: ls\n      workdir: /tmp\n",
        (5, 6, 13),
        YAML,
    ),
    (
        "Lint.UnusedParameter",
        "Parameters:\n  p:\n    Type: String\nTasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: ls\n",
        (1, 2, 3),
        YAML,
    ),
    ("InvalidName.Malformed", component_tf('image_component_name = "1app"'), (1, 25, 31), TERRAFORM),
    ("InvalidDescription.Malformed", pipeline_tf('description = "https://x"'), (1, 16, 27), TERRAFORM),
    ("InvalidSystemType.NotSupportedValue", component_tf('system_type = "linux"'), (1, 16, 23), TERRAFORM),
    ("InvalidComponentType.NotSupportedValue", component_tf('component_type = "build"'), (1, 19, 26), TERRAFORM),
    ("InvalidParameter.ComponentVersion", component_tf('component_version = "1.0"'), (1, 22, 27), TERRAFORM),
    ("InvalidTagKey.Malformed", component_tf('tags = { "acs:k" = "v" }'), (1, 11, 18), TERRAFORM),
    ("InvalidTagValue.Malformed", component_tf('tags = { k = "https://x" }'), (1, 15, 26), TERRAFORM),
    ("InvalidTagCount", component_tf("tags = {", *(f'  k{i} = "v"' for i in range(21)), "}"), (22, 4, 7), TERRAFORM),
    ("InvalidParameter.BaseImageType", pipeline_tf('base_image_type = "OSS"'), (1, 20, 25), TERRAFORM),
    ("InvalidParameter.SystemDiskSize", pipeline_tf("system_disk_size = 10"), (1, 21, 23), TERRAFORM),
    (
        "InvalidParameter.InternetMaxBandwidthOut",
        pipeline_tf("internet_max_bandwidth_out = 101"),
        (1, 31, 34),
        TERRAFORM,
    ),
    ("Lint.WindowsDockerfileContent", component_tf('system_type = "Windows"'), (1, 16, 25), TERRAFORM),
    (
        "Lint.TerraformDirective",
        'resource "alicloud_ecs_image_component" "a" {\n  content = "RUN printf %{x}"\n}\n',
        (1, 24, 26),
        TERRAFORM,
    ),
    (
        "Lint.RosSubstitution",
        "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  A:\n    Type: ALIYUN::ECS::ImageComponent\n"
        "    Properties:\n      Content:\n        Fn::Sub: RUN echo ${HOME}\n",
        (6, 26, 28),
        ROS,
    ),
    (
        "Lint.TerraformInterpolation",
        'resource "alicloud_ecs_image_component" "a" {\n  content = "RUN echo ${HOME}"\n}\n',
        (1, 22, 24),
        TERRAFORM,
    ),
    (
        "Lint.DuplicateParameter",
        "Parameters:\n  a:\n    Type: String\n  a:\n    Type: Number\nTasks:\n  - Name: t\n    Action: Reboot\n",
        (3, 2, 3),
        YAML,
    ),
    (
        "Lint.DuplicateTaskName",
        "Tasks:\n  - Name: a\n    Action: Reboot\n  - Name: a\n    Action: Reboot\n",
        (3, 10, 11),
        YAML,
    ),
    (
        "Lint.MixedSystems",
        "Tasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: ls\n  - Name: b\n    Action: RunPowerShellCommand\n    Properties:\n      commandContent: dir\n",
        (6, 12, 32),
        YAML,
    ),
    ("Lint.TooManyTasks", "Tasks:\n" + "  - Name: r\n    Action: Reboot\n" * 128, (255, 4, 8), YAML),
]

CLEAN = [
    "RUN yum update -y\n",
    'ENV A="1" B="two words"\nENV C "x"\n',
    'LABEL user="u" \\\n      date="2020-11-11"\n',
    "WORKDIR /opt/app\nUSER admin\nCOPY /tmp/a.tar.gz /opt/\n",
    'CMD ["nginx", "-g", "daemon off;"]\nENTRYPOINT /usr/bin/app --serve\n',
    "RUN yum update -y kernel\nRESTART\n",
    "COMPONENT ic-bp18hy47cqavewsb\nCOMPONENT acs:ecs:cn-hangzhou:123:imagecomponent/nginx:1.0.*\n",
    ARN + "app/1.*.* --port 8080\n" + ARN + "plain:1.0.0\nCOMPONENT ic-bp18hy47cqavewsb**** --name value\n",
    "Tasks:\n  - Name: count\n    Action: RunShellCommand\n    Properties:\n      commandContent: ls\n",  # YAML-format content
]


def codes_at(text, kind="component"):
    return {(d.code, d.start[0], d.start[1], d.end[1]) for d in diagnostics(text, kind)}


@pytest.mark.parametrize("code,text,where,kind", FLAGGED, ids=[row[0] for row in FLAGGED])
def test_rule_flags_the_offending_token(code, text, where, kind):
    assert (code, *where) in codes_at(text, kind)


@pytest.mark.parametrize("text", CLEAN)
def test_valid_content_is_clean(text):
    kind = TEMPLATE if text.startswith("COMPONENT") else "component"
    assert diagnostics(text, kind) == []


# The forms of SPEC section 4, as Alibaba's documentation writes them: no error, and no warning at default settings.
DOCUMENTED = [
    "RUN echo hello;\\\n    echo world;\n",
    "ENV key value\n",
    'ENV key1="value1" key2="value2"\n',
    "WORKDIR /opt\nWORKDIR app/logs\n",
    "COPY https://example.com/file.tar.gz /tmp/\nCOPY /tmp/a.txt /opt/\n",
    "USER admin\n",
    'LABEL user="username"\\\n    date="2020-11-11" key="value"\n',
    'CMD ["executable","param1","param2"]\n',
    "CMD command param1 param2\n",
    'ENTRYPOINT ["executable","param1","param2"]\n',
    "ENTRYPOINT command param1 param2\n",
    "RUN yum update -y\nRESTART\n",
    "RUN [ -f /etc/os-release ] && cat /etc/os-release\n",  # shell form (SPEC section 6, revised)
]


@pytest.mark.parametrize("text", DOCUMENTED)
def test_documented_forms_get_no_error_and_no_warning(text):
    found = [(d.code, d.severity) for d in Analysis(text).diagnostics()]
    assert all(severity > WARNING for _, severity in found), found


def test_every_rule_has_a_flagging_case():
    load_all()  # the rules a format declares when first used
    import component_lsp.hosts.hosted  # noqa: F401  (and those of content in Terraform files)

    flagged = {row[0] for row in FLAGGED}
    assert set(RULES) == flagged, (
        f"codes without a FLAGGED row: {sorted(set(RULES) - flagged)}; rows of no code: {sorted(flagged - set(RULES))} "
        "(the step 'FLAGGED' of 'Add a rule' in docs/architecture.md)"
    )


def test_every_message_says_what_to_do():
    for _, text, _, kind in FLAGGED:
        for d in diagnostics(text, kind):
            assert d.message.endswith((".", "?")) and len(d.message) > 25, d.message


def test_limits_report_the_measured_figure():
    size = Analysis("RUN " + "é" * 8473 + "\n").diagnostics()
    assert any("16,951 bytes; the limit is 16,384" in d.message for d in size)
    count = Analysis("RUN a\n" * 130).diagnostics()
    assert any("130 commands; the limit is 127" in d.message for d in count)


def test_limits_are_inclusive():
    assert Analysis("RUN a\n" * 127).diagnostics() == []
    exactly = "RUN " + "x" * (16384 - 5) + "\n"
    assert len(exactly.encode()) == 16384 and Analysis(exactly).diagnostics() == []


def test_comments_and_blank_lines_are_not_commands():
    text = "# c\n\n" * 200 + "RUN a\n"
    assert Analysis(text).diagnostics() == []


def test_did_you_mean_and_replacements_carry_fixes():
    by_code = {d.code: d for d in Analysis("RUNN x\n").diagnostics()}
    fix = by_code["InvalidImageTemplateCommand.NotSupported"]
    assert "did you mean RUN?" in fix.message and fix.fix[0].text == "RUN"
    add = Analysis("ADD a /b\n").diagnostics()[0]
    assert add.fix_title == "Replace ADD with COPY" and add.fix[0].text == "COPY"
    arg = Analysis("ARG V=1\n").diagnostics()[0]
    assert arg.fix[0].text == 'ENV V="1"'  # the arguments too: ENV needs values
    unknown = Analysis("XYZZY a\n").diagnostics()[0]
    assert "supports only RUN" in unknown.message and not unknown.fix


def test_quote_fix_and_restart_fix_produce_valid_content():
    for text in ("ENV A=1 B=two\n", "RESTART now\n", "run a\n", "RUN a \\\n\n b\n"):
        analysis = Analysis(text)
        for _ in range(5):  # one fix at a time: positions move after each
            fixable = [d for d in analysis.diagnostics() if d.fix]
            if not fixable:
                break
            for edit in reversed(fixable[0].fix):
                analysis.edit(edit.start, edit.end, edit.text)
        assert analysis.diagnostics() == [], analysis.source.text


def test_only_the_last_cmd_is_kept():
    found = [
        d
        for d in Analysis("CMD a\nENTRYPOINT b\nCMD c\nCMD d\n").diagnostics()
        if d.code == "Lint.DuplicateInstruction"
    ]
    assert [d.start[0] for d in found] == [0, 2]


def test_yaml_components_get_no_dockerfile_rules():
    text = "---\nParameters:\n  x:\n    Type: String\nTasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{x}}\n"
    assert Analysis(text, YAML).diagnostics() == []
    assert Analysis(text).diagnostics() == []  # YAML by its text, in a .component file too
    assert Analysis(text, TEMPLATE).diagnostics() != []  # a template is Dockerfile-format text
    big = "Tasks:\n" + "  - Name: a\n    Action: Reboot\n" * 600
    assert "InvalidContent.LengthExceeded" in [d.code for d in Analysis(big, YAML).diagnostics()]
    assert not {d.code for d in Analysis(big, YAML).diagnostics()} & {
        "InvalidImageTemplateCommand.NotSupported",
        "Lint.KeywordCase",
    }


def test_the_rules_lex_with_the_files_escape_character():
    """`\\ ` joins a path's words only where `\\` is the escape character; after `# escape=` backtick, `` ` `` does."""
    assert "InvalidCommandContent.WORKDIR" not in {d.code for d in Analysis("WORKDIR /a\\ b\n").diagnostics()}
    assert "InvalidCommandContent.WORKDIR" in {d.code for d in Analysis("# escape=`\nWORKDIR /a\\ b\n").diagnostics()}
    assert "InvalidCommandContent.WORKDIR" not in {
        d.code for d in Analysis("# escape=`\nWORKDIR /a` b\n").diagnostics()
    }
    assert "InvalidCommandContent.ENV" in {
        d.code for d in Analysis('ENV A="x`"y"\n').diagnostics()
    }  # a quote left open
    assert "InvalidCommandContent.ENV" not in {d.code for d in Analysis('# escape=`\nENV A="x`"y"\n').diagnostics()}


@pytest.mark.parametrize("text", ["", "# a template of nothing yet\n", "\n\n"])
def test_an_empty_template_is_allowed(text):
    assert Analysis(text, TEMPLATE).diagnostics() == []
    assert [d.code for d in Analysis(text).diagnostics()] == ["MissingParameter.Content"]  # a component needs a command


def test_template_messages_say_template():
    over = Analysis("RUN a\n" * 130, TEMPLATE).diagnostics()
    assert over[0].message.startswith("This template has 130 commands")
    big = Analysis("RUN " + "x" * 16400 + "\n", TEMPLATE).diagnostics()
    assert [d.code for d in big] == ["InvalidBuildContent.LengthExceeded"] and "The template is 16,405 bytes" in big[
        0
    ].message


@pytest.mark.parametrize(
    "text,codes",
    [
        ("FROM IMAGE:m-1\nRUN a\n", ["Lint.FromIgnored"]),  # the one FROM the service takes, and ignores
        ("FROM IMAGE_FAMILY:acs:centos\nCOMPONENT ic-1\n", ["Lint.FromIgnored"]),
        ("FROM IMAGE:m-1\nFROM IMAGE:m-2\n", ["DuplicatedCommand.FROM"]),  # the first is no longer single: no warning
        ("RUN a\nFROM ubuntu\n", ["InvalidCommandContent.FROM", "InvalidCommandOrder.FROM"]),
    ],
)
def test_from_in_a_template(text, codes):
    assert sorted(d.code for d in Analysis(text, TEMPLATE).diagnostics()) == sorted(codes)
