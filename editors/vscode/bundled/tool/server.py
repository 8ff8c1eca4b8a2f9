"""Start the language server the extension carries (bundled/libs), with whatever Python 3.10+ runs this file.

bundled/libs/common holds the pure-Python packages and bundled/libs/cpXY those built for one Python version
(``bundle.mjs`` makes both when the extension is packaged). The extension runs ``python -I server.py --stdio``:
isolated, so that nothing the user installed shadows them.
"""

import os
import sys

if sys.version_info < (3, 10):
    sys.exit(f"component-lsp needs Python 3.10 or later, and this is {sys.version.split()[0]} ({sys.executable})")
LIBS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")
NATIVE = os.path.join(LIBS, f"cp{sys.version_info[0]}{sys.version_info[1]}")
if not os.path.isdir(NATIVE):
    built = sorted(name for name in os.listdir(LIBS) if name.startswith("cp")) if os.path.isdir(LIBS) else []
    sys.exit(f"this extension carries no server for Python {sys.version_info[0]}.{sys.version_info[1]} (it has: {', '.join(built) or 'none'})")
sys.path[0:0] = [NATIVE, os.path.join(LIBS, "common")]

from component_lsp.cli import main  # noqa: E402  (after the path is set)

sys.exit(main())
