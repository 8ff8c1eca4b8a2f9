import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # helpers
sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))  # lspclient: the bare JSON-RPC client

LAYERS = ("core", "protocol", "editors", "agreement")


def pytest_collection_modifyitems(items):
    """Each test is marked with its layer (its folder), so that ``-m core`` runs one layer."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        for layer in LAYERS:
            if layer in parts:
                item.add_marker(getattr(pytest.mark, layer))
