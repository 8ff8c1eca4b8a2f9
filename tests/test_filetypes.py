from component_lsp.filetypes import kind_by_name, kind_of


def test_kinds_by_language_id_then_name():
    assert kind_of("file:///a/x.txt", "ecs-template") == "template"
    assert kind_of("file:///a/Templatefile") == "template"
    assert kind_of("file:///a/b.imagetemplate", "plaintext") == "template"
    assert kind_of("file:///a/b.component.yml") == "yaml"
    assert kind_of("file:///a/b.Componentfile") == "component"
    assert kind_of("untitled:Untitled-1", "plaintext") == "component"


def test_which_names_are_ours():
    assert kind_by_name("Componentfile") == "component"
    assert kind_by_name("dir/app.component.yaml") == "yaml"
    assert kind_by_name("Dockerfile") is None and kind_by_name("notes.txt") is None
