"""What the user and the project configure: the editor's settings, and each folder's project configuration.

The settings arrive with ``initialize`` or ``workspace/didChangeConfiguration``;
a project configuration (``.component-lsp.toml``, ``pyproject.toml``) is read
once per folder, until a file event says it changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import budget, config
from ..config import DEFAULT, Config
from ..diagnostics import Diagnostic
from ..settings import Settings
from ..settings import read as read_settings
from ..workspace.scan import path_of


@dataclass
class Project:
    settings: Settings = field(default_factory=Settings)
    configured: int = 0  # how many times settings arrived: part of a pull result id and of the diagnostics' cache
    configs: dict[str, Config] = field(default_factory=dict)  # project configurations, by folder
    problems: list[str] = field(default_factory=list)  # configurations that could not be read, to be logged

    def configure(self, value: object) -> list[str]:
        """Take the user's settings; what is not understood is returned, and left at its default."""
        self.settings, problems = read_settings(value)
        self.configured += 1
        return [f"component-lsp: {problem}" for problem in problems]

    def config_of(self, uri: str) -> Config:
        """The configuration of a document's file: the nearest one from its folder, read once per folder until it
        changes; the defaults (and a problem to log) if it cannot be read."""
        path = path_of(uri)
        if path is None:
            return DEFAULT
        folder = os.path.dirname(path)
        if folder not in self.configs:
            try:
                self.configs[folder] = config.for_folder(folder)
            except config.ConfigError as exc:
                self.problems.append(f"the configuration {exc} (its settings are not applied until it is fixed)")
                self.configs[folder] = DEFAULT
        return self.configs[folder]

    def visible(self, conf: Config, uri: str, found: Iterable[Diagnostic]) -> list[Diagnostic]:
        """What a file's configuration and then the editor's settings let through, at the configuration's
        severities."""
        if conf.path is not None and (path := path_of(uri)) is not None and conf.excludes(path):
            return []
        return self.settings.shown(found if conf.empty else conf.adjust(found))

    def budget_percent(self, conf: Config) -> int:
        """The percentage of a limit that warns: the editor's setting, else the project's, else the default."""
        return budget.percent(self.settings.budget, conf.budget)
