"""The rules of the Dockerfile format: each module declares its codes and registers its checks.

Adding a rule: a check in the module of its concern (or a new module named
here), registered with ``@check``; see docs/architecture.md.
"""

# Importing a rule module registers its checks (the table entry of a new module is its name here).
from . import (
    arguments,
    components,
    document,
    exec_form,
    keywords,
    pairs,
    paths,
    shell,
    syntax,
    templates,
)
from .base import Context, check_document, check_instruction

__all__ = ["Context", "check_document", "check_instruction"]
