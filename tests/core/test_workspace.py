"""The workspace index and the links from templates to components: walking disk within bounds, open documents
winning, and the cross-file features over any text."""

import os
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from component_lsp.workspace import links, scan
from component_lsp.workspace.index import Index
from helpers import content
from helpers import indexed as walked

ARN = "COMPONENT acs:ecs:cn-hangzhou:123456789012:imagecomponent/"
APP = "Parameters:\n  port:\n    Type: Number\n  debug:\n    Type: Boolean\n    DefaultValue: false\nTasks:\n  - Name: serve\n    Action: RunShellCommand\n    Properties:\n      commandContent: serve {{ port }}\n"


def write(root, files: dict[str, str | bytes]) -> None:
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body if isinstance(body, bytes) else body.encode())


def indexed(root) -> Index:
    return walked([str(root)])


def test_the_walk_finds_our_files_and_skips_what_no_component_lives_in(tmp_path):
    write(
        tmp_path,
        {
            "a/app.component.yaml": APP,
            "b/plain.component": "RUN a\n",
            "main.imagetemplate": ARN + "app/1.0.0 --port 1\n",
            "README.md": "# not ours",
            ".git/x.component": "RUN a\n",
            "node_modules/p/x.component": "RUN a\n",
            "venv/x.component": "RUN a\n",
            "tools/pyvenv.cfg": "home = /usr\n",
            "tools/lib/x.component": "RUN a\n",
        },
    )
    index = indexed(tmp_path)
    assert sorted(os.path.relpath(p, tmp_path) for p in index.disk) == [
        "a/app.component.yaml",
        "b/plain.component",
        "main.imagetemplate",
    ]
    assert sorted(index.names()) == ["app", "plain"] and index.seconds > 0 and index.notes == []
    (template,) = index.templates()
    assert [use.name for use in template.uses] == ["app"]


@pytest.mark.slow
def test_hostile_files_are_skipped_and_the_walk_ends(tmp_path):
    write(
        tmp_path,
        {"ok.component": "RUN a\n", "binary.component": bytes(random.Random(7).randrange(256) for _ in range(65536))},
    )
    os.symlink(tmp_path, tmp_path / "loop")  # a folder that holds itself
    os.symlink(tmp_path / "b.component", tmp_path / "a.component")  # two links to each other
    os.symlink(tmp_path / "a.component", tmp_path / "b.component")
    os.symlink(tmp_path / "gone.component", tmp_path / "dangling.component")
    os.mkfifo(tmp_path / "pipe.component")  # opening it would wait for a writer for ever
    (tmp_path / "folder.component").mkdir()
    (tmp_path / "huge.component").write_bytes(b"RUN a\n" * (scan.MAX_FILE_BYTES // 6 + 1))
    locked = tmp_path / "locked.component"
    locked.write_text("RUN a\n")
    locked.chmod(0)
    index = indexed(tmp_path)
    names = sorted(os.path.basename(p) for p in index.disk)
    readable_anyway = os.geteuid() == 0  # root reads a file without permissions
    assert names == sorted(["binary.component", "ok.component"] + (["locked.component"] if readable_anyway else []))
    assert index.disk[str(tmp_path / "binary.component")].offer is not None  # read as text, a bad byte replaced


def test_the_walk_stops_at_its_bounds_and_says_so(tmp_path, monkeypatch):
    write(tmp_path, {f"d{n % 7}/c{n}.component": "RUN a\n" for n in range(60)})
    monkeypatch.setattr("component_lsp.workspace.index.MAX_FILES", 25)
    index = indexed(tmp_path)
    assert len(index.disk) == 25 and "indexed 25 files" in index.notes[0]
    monkeypatch.setattr("component_lsp.workspace.scan.MAX_ENTRIES", 10)
    index = indexed(tmp_path)
    assert len(index.disk) < 10 and "looked at 10 entries" in index.notes[0]


@pytest.mark.slow
def test_ten_thousand_files_are_indexed_up_to_the_cap(tmp_path):
    for n in range(100):
        folder = tmp_path / f"f{n}"
        folder.mkdir()
        for m in range(100):
            (folder / f"c{m}.component").write_text("RUN a\n")
    began = time.perf_counter()
    index = indexed(tmp_path)
    print(f"10,000 files: {len(index.disk)} indexed in {time.perf_counter() - began:.2f} s")
    assert len(index.disk) == scan.MAX_FILES and index.notes


def test_the_walk_runs_on_its_own_thread_and_is_taken_in_on_ours(tmp_path):
    write(tmp_path, {"app.component.yaml": APP})
    index = Index()
    woken = []
    index.start([str(tmp_path)], lambda: woken.append(True))
    deadline = time.monotonic() + 30
    while not woken:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert index.disk == {} and index.scanning  # nothing changes until it is taken in
    before = index.generation
    assert index.take() and not index.scanning and index.generation > before
    assert list(index.names()) == ["app"]


def test_an_open_document_wins_over_the_disk_and_the_disk_comes_back_on_close(tmp_path):
    write(tmp_path, {"app.component.yaml": APP})
    index = indexed(tmp_path)
    uri = (tmp_path / "app.component.yaml").as_uri()
    edited = content(APP.replace("  port:", "  user:\n    Type: String\n  port:"), uri)
    index.opened(uri, edited)
    assert [p.name for p in index.component("app").offer.parameters] == ["user", "port", "debug"]
    index.closed(uri)
    assert [p.name for p in index.component("app").offer.parameters] == ["port", "debug"]
    (tmp_path / "app.component.yaml").unlink()
    index.forget(str(tmp_path / "app.component.yaml"))
    assert index.component("app") is None


def linked(tmp_path, template: str):
    write(
        tmp_path,
        {"app.component.yaml": APP, "plain.component": "RUN yum install -y nginx\n", "main.imagetemplate": template},
    )
    index = indexed(tmp_path)
    model = content(template, (tmp_path / "main.imagetemplate").as_uri())
    return index, model.uses()


def test_a_template_follows_the_component_it_names(tmp_path):
    index, uses = linked(
        tmp_path, ARN + "app/1.0.0 --port 80 --debug true\n" + ARN + "nothere/1.0.0 --x 1\nCOMPONENT ic-abc --y 2\n"
    )
    assert links.check(uses, index) == []  # a component not in the workspace, or an id: nothing to say
    component = (tmp_path / "app.component.yaml").as_uri()
    assert [(loc.uri, loc.start) for loc in links.definition(uses, index, (0, 60))] == [(component, (0, 0))]
    assert [(loc.uri, loc.start, loc.end) for loc in links.definition(uses, index, (0, 70))] == [
        (component, (1, 2), (1, 6))
    ]
    assert links.definition(uses, index, (1, 60)) == []
    assert "| `debug` | Boolean | `false` |" in links.hover(uses, index, (0, 60)).markdown
    refs = links.references(component, [], index, (1, 3), False)  # from the parameter port
    assert [(os.path.basename(loc.uri), loc.start, loc.end) for loc in refs] == [
        ("main.imagetemplate", (0, 68), (0, 74))
    ]
    refs = links.references(component, [], index, (0, 0), False)  # from anywhere else in the component
    assert [(os.path.basename(loc.uri), loc.start) for loc in refs] == [("main.imagetemplate", (0, 58))]


def test_completion_offers_names_then_parameters(tmp_path):
    index, uses = linked(tmp_path, ARN + "app/1.0.0 --port 1 \nCOMPONENT \n\n")
    items = links.complete(uses, index, ARN + "app/1.0.0 --port 1 ", (0, len(ARN + "app/1.0.0 --port 1 ")))
    assert [(i.label, i.detail) for i in items] == [("--debug", "Boolean = false")]
    items = links.complete(uses, index, "COMPONENT ", (1, 10))
    assert [i.label for i in items] == ["app", "plain"] and items[0].text.endswith("imagecomponent/app/1.0.0 --port")
    items = links.complete(uses, index, ARN + "ap", (0, len(ARN) + 2))
    assert [i.label for i in items] == ["app", "plain"] and items[0].start == (0, len(ARN))
    assert links.complete(uses, index, "", (2, 0)) == []  # a keyword goes there: the format offers COMPONENT


TEMPLATE_PIECES = [
    ARN + "app/1.0.0",
    ARN + "app/1.*.* --port",
    "--port 1",
    "--debug maybe",
    " --",
    "COMPONENT ",
    "ic-x",
    "\\\n",
    "\n",
    "RUN a",
    "😀",
    "\t",
    "acs:ecs:",
    "/",
    ":",
    "*",
]


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TEMPLATE_PIECES), max_size=14), st.integers(0, 6), st.integers(0, 200))
def test_the_cross_file_features_answer_any_template_at_any_position(tmp_path_factory, pieces, line, col):
    root = tmp_path_factory.mktemp("ws")
    index, uses = linked(root, "".join(pieces))
    text = "".join(pieces)
    lines = text.split("\n")
    line_text = lines[line] if line < len(lines) else ""
    for d in links.check(uses, index):
        assert d.start <= d.end and d.code.startswith("Lint.")
    links.complete(uses, index, line_text, (line, min(col, len(line_text))))
    links.hover(uses, index, (line, col))
    links.definition(uses, index, (line, col))
    links.references("file:///nowhere.imagetemplate", uses, index, (line, col), True)


def test_a_long_walk_wakes_its_owner_as_files_come_for_the_progress_count(tmp_path, monkeypatch):
    """The walk wakes the server while it goes (at most every REPORT_EVERY seconds), not only at its end, so that
    a client's progress shows the files found so far."""
    from component_lsp.workspace import index as index_module

    monkeypatch.setattr(index_module, "REPORT_EVERY", 0.0)  # after every file, here
    write(tmp_path, {f"c{n}.component": "RUN a\n" for n in range(5)})
    wakes = []
    index = Index()
    index.start([str(tmp_path)], lambda: wakes.append(True))
    deadline = time.monotonic() + 30
    ended = False
    while not (ended and len(wakes) >= 5 + 1):  # the end's wake comes just after the end is there to take
        assert time.monotonic() < deadline, f"the walk ended: {ended}; it woke its owner {len(wakes)} times"
        ended = index.take() or ended
        time.sleep(0.01)
    assert len(wakes) == 5 + 1 and index.walked == 5  # once a file, and at the end


def test_a_terraform_file_on_disk_gives_the_components_it_defines_by_name(tmp_path):
    from component_lsp.workspace.index import Index

    tf = tmp_path / "components.tf"
    tf.write_text(
        'resource "alicloud_ecs_image_component" "a" {\n'
        '  image_component_name = "web"\n'
        '  content = "Parameters:\\n  port:\\n    Type: Number\\nTasks:\\n  - Name: s\\n    Action: Reboot\\n"\n'
        "}\n"
        'resource "alicloud_ecs_image_component" "b" {\n  image_component_name = var.name\n  content = "RUN a"\n}\n',
        encoding="utf-8",
    )
    index = Index()
    assert index.load(str(tf))
    (entry,) = index.components("web")  # the one whose name is a literal
    assert entry.uri == tf.as_uri() and entry.at == (1, len('  image_component_name = "'))
    (port,) = entry.offer.parameters
    line = tf.read_text(encoding="utf-8").split("\n")[2]
    assert port.name == "port" and line[port.start[1] : port.end[1]] == "port"  # placed in the .tf file
    assert index.names().keys() == {"web"}
