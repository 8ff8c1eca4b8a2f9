"""Which files are components, templates or YAML-format components (SPEC section 2)."""

from __future__ import annotations

from .rules.base import COMPONENT, TEMPLATE, YAML

LANGUAGES = {"ecs-component": COMPONENT, "ecs-template": TEMPLATE, "ecs-component-yaml": YAML}
SUFFIXES = {
    ".component": COMPONENT,
    ".Componentfile": COMPONENT,
    ".imagetemplate": TEMPLATE,
    ".component.yaml": YAML,
    ".component.yml": YAML,
}
NAMES = {"Componentfile": COMPONENT, "Templatefile": TEMPLATE}


def kind_by_name(name: str) -> str | None:
    """The kind a file name says, or None if it is not one of ours."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    if name in NAMES:
        return NAMES[name]
    for suffix, kind in SUFFIXES.items():
        if name.endswith(suffix):
            return kind
    return None


def kind_of(name: str, language_id: str = "") -> str:
    """The kind to analyse a document as: by language id, then file name; a component otherwise."""
    return LANGUAGES.get(language_id) or kind_by_name(name) or COMPONENT
