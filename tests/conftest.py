import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # helpers

# ShellCheck is off unless a test turns it on (its findings arrive after a pause, and would race the exact
# diagnostics other tests expect). The servers the tests start inherit this; settings and --shellcheck win over it.
os.environ["COMPONENT_LSP_SHELLCHECK"] = "off"

LAYERS = ("core", "protocol", "editors", "agreement")


def pytest_collection_modifyitems(items):
    """Each test is marked with its layer (its folder), so that ``-m core`` runs one layer."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        for layer in LAYERS:
            if layer in parts:
                item.add_marker(getattr(pytest.mark, layer))
