"""The project configuration (.component-lsp.toml, [tool.component-lsp]) and check's report formats, as a user in CI
meets them: written to a temporary project, run as a process."""

import json
import subprocess
import sys

import jsonschema
import pytest

from component_lsp import config
from component_lsp.diagnostics import ERROR, HINT, INFORMATION, WARNING, Diagnostic
from helpers import ROOT

BAD = "FROM centos\nrun a\nENV A=1\n"  # an error, a keyword-case warning, an unquoted-value warning


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "component_lsp", *args], capture_output=True, text=True, timeout=60, check=False, cwd=cwd
    )


def project(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_the_nearest_configuration_wins_and_its_own_file_before_pyproject(tmp_path):
    project(
        tmp_path,
        {
            "pyproject.toml": '[tool.component-lsp]\nignore = ["Lint.KeywordCase"]\n',
            "a/.component-lsp.toml": 'ignore = ["Lint.UnquotedEnvValue"]\n',
            "a/pyproject.toml": '[project]\nname = "x"\n',
            "b/pyproject.toml": '[project]\nname = "component-lsp-user"\n',  # no table: the parent's counts
        },
    )
    assert config.find(str(tmp_path / "a")) == str(tmp_path / "a" / ".component-lsp.toml")
    assert config.find(str(tmp_path / "b")) == str(tmp_path / "pyproject.toml")
    assert config.for_folder(str(tmp_path / "b")).ignore == ("Lint.KeywordCase",)


def d(code: str, severity: int) -> Diagnostic:
    return Diagnostic(code, severity, "m.", (0, 0), (0, 1))


def test_severities_and_ignores_apply_exact_codes_before_globs():
    conf = config.parse(
        "/p/.component-lsp.toml",
        'ignore = ["Lint.Heredoc*"]\n[severity]\n"Lint.*" = "info"\n"Lint.KeywordCase" = "error"\n"Lint.LabelSyntax" = "off"\n',
    )
    found = conf.adjust(
        [
            d("Lint.KeywordCase", WARNING),
            d("Lint.UnquotedEnvValue", WARNING),
            d("Lint.LabelSyntax", WARNING),
            d("Lint.HeredocNotSupported", WARNING),
            d("NotSupportedCommand.FROM", ERROR),
            d("Lint.RelativeWorkdir", HINT),
        ]
    )
    assert [(x.code, x.severity) for x in found] == [
        ("Lint.KeywordCase", ERROR),
        ("Lint.UnquotedEnvValue", INFORMATION),
        ("NotSupportedCommand.FROM", ERROR),
        ("Lint.RelativeWorkdir", INFORMATION),
    ]


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("ignore = [\n", 1, "not valid TOML"),
        ('ignore = ["a"]\ncolour = "blue"\n', 2, "unknown key 'colour'"),
        ('\nfail-level = "sometimes"\n', 2, "fail-level must be one of error, warning, info, none"),
        ('[severity]\n"Lint.X" = "loud"\n', 2, "the severity of Lint.X must be one of"),
        ("ignore = 3\n", 1, "ignore must be a list of strings"),
        ("\n\nbudget-warning = 150\n", 3, "budget-warning must be a whole number from 0 to 100"),
    ],
)
def test_a_broken_configuration_says_where_and_why(tmp_path, text, line, says):
    path = tmp_path / ".component-lsp.toml"
    path.write_text(text)
    with pytest.raises(config.ConfigError) as caught:
        config.read(str(path))
    assert caught.value.line == line and says in caught.value.message
    (tmp_path / "a.component").write_text(BAD)
    done = run("check", str(tmp_path / "a.component"))
    assert (
        done.returncode == 2
        and done.stdout == ""
        and f"{path}:{line}: " in done.stderr
        and "Traceback" not in done.stderr
    )


@pytest.mark.slow
def test_check_follows_the_configuration_and_the_command_line_over_it(tmp_path):
    project(
        tmp_path,
        {
            "pyproject.toml": '[tool.component-lsp]\nignore = ["Lint.UnquotedEnvValue"]\nexclude = ["vendor/**"]\nfail-level = "warning"\n'
            '[tool.component-lsp.severity]\n"NotSupportedCommand.FROM" = "off"\n',
            "src/a.component": BAD,
            "vendor/b.component": BAD,
        },
    )
    done = run("check", str(tmp_path))
    assert [line.split(": ")[1].split()[1] for line in done.stdout.splitlines()] == ["Lint.KeywordCase"]
    assert done.returncode == 1  # a warning, at fail-level warning
    assert run("check", str(tmp_path), "--fail-level", "error").returncode == 0
    assert run("check", str(tmp_path), "--ignore", "Lint.*").stdout == ""
    other = project(tmp_path / "other", {"strict.toml": '[severity]\n"Lint.*" = "error"\n'})
    strict = run("check", str(tmp_path / "src" / "a.component"), "--config", str(other / "strict.toml"))
    assert strict.returncode == 1 and strict.stdout.count(" error ") == 3


def test_json_is_one_object_per_diagnostic_one_based_in_characters(tmp_path):
    path = project(tmp_path, {"a.component": "# é😀\nCOPY é😀 a b\n"}) / "a.component"
    rows = json.loads(run("check", str(path), "--format", "json").stdout)
    assert rows == [
        {
            "path": str(path),
            "line": 2,
            "column": 11,
            "endLine": 2,
            "endColumn": 12,
            "severity": "error",
            "code": "InvalidCommandContent.COPY",
            "message": rows[0]["message"],
            "url": "https://github.com/component-lsp/component-lsp/blob/main/docs/codes.md#invalidcommandcontentcopy",
        },
    ]  # column 11 in characters (after é and 😀); 12 in UTF-16 code units


def test_sarif_is_valid_against_the_official_schema_and_says_where(tmp_path):
    path = (
        project(tmp_path, {"a.component": BAD, "t.imagetemplate": "FROM ubuntu:20.04\nCOMPONENT ic-x --y\n"})
        / "a.component"
    )
    out = tmp_path / "report.sarif"
    done = run("check", str(tmp_path), "--format", "sarif", "--output", str(out))
    assert done.returncode == 1 and done.stdout == ""
    report = json.loads(out.read_text())
    schema = json.loads((ROOT / "schemas" / "sarif-2.1.0-rtm.5.json").read_text())
    jsonschema.validate(report, schema)
    run_ = report["runs"][0]
    results = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run_["results"]}
    assert ("NotSupportedCommand.FROM", 1) in results and ("InvalidCommandContent.COMPONENT", 2) in results
    assert run_["columnKind"] == "unicodeCodePoints" and {r["id"] for r in run_["tool"]["driver"]["rules"]} == {
        r[0] for r in results
    }
    assert any(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("a.component")
        for r in run_["results"]
    )
    bad = json.loads(json.dumps(report))
    bad["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):  # the schema would catch a malformed report
        jsonschema.validate(bad, schema)
    assert path.exists()


def test_github_annotations_and_gitlab_code_quality(tmp_path):
    path = project(tmp_path, {"a,b.component": "FROM x\nrun a\n"}) / "a,b.component"
    lines = run("check", str(path), "--format", "github").stdout.splitlines()
    assert lines[0].startswith(
        f"::error file={str(path).replace(',', '%2C')},line=1,col=1,endLine=1,endColumn=5,title=NotSupportedCommand.FROM::FROM cannot"
    )
    assert lines[1].startswith("::warning ") and "title=Lint.KeywordCase::" in lines[1]
    issues = json.loads(run("check", str(path), "--format", "gitlab").stdout)
    assert [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("NotSupportedCommand.FROM", "major", 1),
        ("Lint.KeywordCase", "minor", 2),
    ]
    assert len({i["fingerprint"] for i in issues}) == 2 and all(i["location"]["path"] == str(path) for i in issues)
