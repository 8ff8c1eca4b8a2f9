"""Start the language server the extension carries (bundled/libs), with whatever Python 3.10+ runs this file.

bundled/libs/common holds the pure-Python packages and bundled/libs/cpXY those built for one Python version
(``bundle.mjs`` makes both when the extension is packaged). The extension runs ``python -I server.py --stdio``:
isolated, so that nothing the user installed shadows them.
"""

import os
import sys

# Written for any Python to read (no f-strings): an old one gets this message, not a syntax error.
if sys.version_info < (3, 10):  # noqa: UP036
    sys.exit("component-lsp needs Python 3.10 or later, and this is %s (%s)" % (sys.version.split()[0], sys.executable))  # noqa: UP031
LIBS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")
NATIVE = os.path.join(LIBS, "cp%d%d" % sys.version_info[:2])  # noqa: UP031
if not os.path.isdir(NATIVE):
    built = sorted(name for name in os.listdir(LIBS) if name.startswith("cp")) if os.path.isdir(LIBS) else []
    found = ", ".join(built) or "none"
    sys.exit("this extension carries no server for Python %d.%d (it has: %s)" % (sys.version_info[:2] + (found,)))  # noqa: UP031
sys.path[0:0] = [NATIVE, os.path.join(LIBS, "common")]

from component_lsp.cli import main  # noqa: E402  (after the path is set)

sys.exit(main())
